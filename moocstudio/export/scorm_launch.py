"""The SCORM runtime: launch pages that keep the LMS session while the learner reads the site.

A SCO is one launch with one API session, but the site has many pages. So each launch page is a
thin wrapper: it finds the LMS API, shows the site in a full-viewport iframe and records what
the site's ``tracking.js`` and ``quiz.js`` report (pages viewed, video watched, quizzes
submitted) as SCORM progress, interactions and score, and says in
the course's language when the LMS refuses to record it. Single SCO:
``scorm.html`` at the package root shows the whole course. One SCO per item:
``sco/<item_id>.html`` shows that item's page. ``assets/scorm.js`` does the work for all of them;
each launch page only embeds its course-specific configuration as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from moocstudio.build import SiteOptions, SiteTree
from moocstudio.build.labels import labels_for
from moocstudio.build.templates import template_environment
from moocstudio.export.formats import ScoStructure
from moocstudio.export.zipwriter import ZipSource
from moocstudio.model import Course, Item, Quiz
from moocstudio.resources import template_path

ScormVersion = Literal["1.2", "2004"]

SCORM_TEMPLATES = "scorm"
TRACKING_SCRIPT = "tracking.js"
RUNTIME_SCRIPT = "assets/scorm.js"
SINGLE_LAUNCH = "scorm.html"
PER_ITEM_DIR = "sco"


def scorm_site_options(structure: ScoStructure) -> SiteOptions:
    """How to build the site for a SCORM package of ``structure``.

    Every page loads ``tracking.js`` to report progress to its launch page. With one SCO per
    item the platform moves between items, so pages carry no links to one another.
    """
    return SiteOptions(scripts=(TRACKING_SCRIPT,), links_between_items=(structure == "single"))


@dataclass(frozen=True)
class LaunchFiles:
    """The runtime files a SCORM package adds to the site.

    Attributes:
        entries: The launch page(s) and ``assets/scorm.js``, as archive entries.
        launches: The launch page of each SCO: ``{None: "scorm.html"}`` for a single SCO,
            ``{item_id: "sco/<item_id>.html"}`` for one SCO per item.
        shared: The files every launch page loads (besides the site pages it shows).
    """

    entries: list[ZipSource]
    launches: Mapping[str | None, str]
    shared: tuple[str, ...]


def launch_files(
    course: Course, site: SiteTree, version: ScormVersion, structure: ScoStructure
) -> LaunchFiles:
    """The launch pages and runtime script of ``course``'s SCORM package.

    Args:
        course: The course the package holds.
        site: Its site, built with ``scorm_site_options(structure)``.
        version: ``"1.2"`` or ``"2004"``: which API the runtime talks to.
        structure: ``"single"`` (one SCO, the whole course) or ``"per-item"`` (one SCO per item).

    Returns:
        The files to add at the package root, and which one launches each SCO.
    """
    runtime: ZipSource = (RUNTIME_SCRIPT, template_path(SCORM_TEMPLATES, "scorm.js"))
    items = course.all_items()
    if structure == "single":
        weights = {quiz.id: weight for quiz, weight in course.graded_quizzes()}
        config = _config(site, version, structure, items, weights, sco_passing(course, None))
        page = _render(course, course.title, SINGLE_LAUNCH, config)
        return LaunchFiles(
            entries=[(SINGLE_LAUNCH, page), runtime],
            launches=MappingProxyType({None: SINGLE_LAUNCH}),
            shared=(RUNTIME_SCRIPT,),
        )
    entries: list[ZipSource] = []
    launches: dict[str | None, str] = {}
    for item in items:
        name = f"{PER_ITEM_DIR}/{item.id}.html"
        # Each quiz is its own graded SCO, passed at the quiz's own pass mark.
        passing = sco_passing(course, item)
        weights = {item.id: 1.0} if passing is not None else {}
        config = _config(site, version, structure, [item], weights, passing)
        entries.append((name, _render(course, item.title, name, config)))
        launches[item.id] = name
    entries.append(runtime)
    return LaunchFiles(entries, MappingProxyType(launches), (RUNTIME_SCRIPT,))


def sco_passing(course: Course, item: Item | None) -> float | None:
    """The pass mark (0 to 1) of a SCO: ``item``'s, or the course's single SCO's (``None``).

    None for a SCO with nothing graded in it: the course's when no quiz counts, any item's but
    a quiz's.
    """
    if item is None:
        return course.passing_percent / 100 if course.graded_quizzes() else None
    return item.settings.passing_percent / 100 if isinstance(item, Quiz) else None


def _config(
    site: SiteTree,
    version: ScormVersion,
    structure: ScoStructure,
    items: list[Item],
    weights: Mapping[str, float],
    passing: float | None,
) -> dict[str, Any]:
    """What scorm.js needs to know: the pages it may show, what completes and grades the SCO.

    Each quiz carries its weight (0: not graded); ``passing`` is the pass mark, left out when
    nothing in the SCO is graded.
    """
    entries = []
    for it in items:
        entry: dict[str, Any] = {"id": it.id, "kind": it.kind, "page": site.pages[it.id]}
        if isinstance(it, Quiz):
            entry["weight"] = weights.get(it.id, 0.0)
        entries.append(entry)
    config: dict[str, Any] = {
        "version": version,
        "structure": structure,
        "home": site.launch if structure == "single" else None,
        "items": entries,
    }
    if passing is not None:
        config["passing"] = passing
    return config


def _render(course: Course, title: str, name: str, config: dict[str, Any]) -> bytes:
    """One launch page; ``name`` is where it sits, so its links to the site stay relative."""
    up = "../" * name.count("/")
    html = (
        template_environment(SCORM_TEMPLATES)
        .get_template("launch.html")
        .render(
            title=title,
            language=course.language,
            words=labels_for(course.language),
            site_root=up,
            runtime=up + RUNTIME_SCRIPT,
            config={**config, "root": up},
        )
    )
    return html.encode("utf-8")
