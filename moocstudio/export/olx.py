"""The course as an Open edX OLX course export (``.tar.gz``), the layout Studio imports.

Everything sits under one ``course/`` folder::

    course/course.xml                   <course url_name=RUN org=ORG course=NUMBER/>
    course/course/RUN.xml               title, language, image, licence; one <chapter> per module
    course/chapter/<module id>.xml      one <sequential> per module (a lesson)
    course/sequential/<module id>-lesson.xml    one <vertical> (unit) per item
    course/vertical/<item id>-unit.xml  the item's components
    course/html/<item id>.xml + .html   pages and slide decks
    course/video/<item id>.xml          videos: MP4 renditions and SRT transcripts in static/
    course/problem/<question id>.xml    a quiz's questions, one problem each (olx_problems)
    course/static/                      every file a component links to, and nothing else
    course/policies/RUN/policy.json, grading_policy.json, course/policies/assets.json
    course/about/overview.html, short_description.html

One sequential per module keeps Open edX's outline the same as the course's (module, then its
items as the units of one lesson, walked with the sequence bar); a sequential per item would add
an outline level that holds a single unit each time. A quiz is the exception: Open edX grades
whole subsections, so each quiz is a subsection of its own (``<quiz id>-quiz``, one unit of
problems), graded with its assignment type as ``format`` when the grading policy counts it
(``olx_grading``), and the pages after it start a new lesson (``<module id>-lesson-2``).

The identity is derived from the course alone, so the same course always gives the same
package: ORG is ``moocstudio``, NUMBER is an ASCII slug of the title, RUN is the course's stable
id. Studio uses its own when an author imports into an existing course.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC
from html import escape
from pathlib import Path

from lxml import etree, html
from lxml.html import builder as h

from moocstudio.build.labels import labels_for
from moocstudio.build.media_files import ascii_slug
from moocstudio.build.page_content import pages_by_key
from moocstudio.build.standalone import item_body
from moocstudio.export.formats import ExportOptions
from moocstudio.export.licence_files import attributions_text, licence_text
from moocstudio.export.metadata import PackageMetadata, package_metadata
from moocstudio.export.olx_components import (
    StaticFiles,
    credits_body,
    html_text,
    olx_licence,
    olx_urls,
    static_url,
    video_element,
)
from moocstudio.export.olx_grading import grader_formats, grading_policy
from moocstudio.export.olx_problems import olx_problem
from moocstudio.export.quiz_text import QuizText, passing_score_note
from moocstudio.export.staging import ATTRIBUTIONS_FILE, LICENCE_FILE
from moocstudio.export.zipwriter import ZipReport, ZipSource, write_tar_gz
from moocstudio.model import Course, Item, Module, Page, Quiz, SlideDeck, Video

TOP = "course/"
ORG = "moocstudio"
COURSE_END = "2100-01-01T00:00:00Z"
"""olxcleaner requires an end date; a self-paced course by moocstudio has none, so it gets one
far away, for the platform team to change in Studio's Schedule & Details."""

COURSE_IMAGE_NAME = "course-image.png"
# The size course-discovery recommends for a course card ("1134 X 675 pixels").
COURSE_IMAGE_SIZE = (1134, 675)
COURSE_IMAGE_COLOUR = (31, 78, 121)


@dataclass(frozen=True)
class OlxIdentity:
    """The course key parts Open edX reads from ``course.xml``."""

    org: str
    number: str
    run: str


def olx_identity(course: Course) -> OlxIdentity:
    """ORG ``moocstudio``, NUMBER an ASCII slug of the title, RUN the course's stable id.

    The slug transliterates every script (``Введение`` → ``vvedenie``), so a title in Cyrillic,
    Greek or Japanese gets a readable course number, not a bare ``course``.
    """
    number = ascii_slug(course.title, max_length=40) or "course"
    return OlxIdentity(org=ORG, number=number, run=course.id)


def write_olx(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``olx`` format's writer (it has no options)."""
    return export_olx(folder, course, target)


def export_olx(folder: Path, course: Course, target: Path) -> ZipReport:
    """Write ``course`` (stored in ``folder``) as an Open edX course export at ``target``.

    Every file is checked before the archive is started, and the archive is written to a
    temporary name and renamed, so a failed export leaves nothing at ``target``.

    Raises:
        OlxExportError: A media or subtitle file of the course is missing.
        UnsafeEntryName: A name in the package is not safe in an archive.
    """
    entries, degraded = olx_package(Path(folder), course)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    return replace(write_tar_gz(target, entries), notes=degraded)


def olx_entries(folder: Path, course: Course) -> list[ZipSource]:
    """Every file of the package, as ``(name under course/, source)`` pairs."""
    return olx_package(folder, course)[0]


def olx_package(folder: Path, course: Course) -> tuple[list[ZipSource], tuple[str, ...]]:
    """Every file of the package, and what Open edX could not keep of the quizzes."""
    static = StaticFiles(folder)
    files = _OlxFiles()
    identity = olx_identity(course)
    degraded = _outline(files, course, static)
    course_image = _course_image(course, static)
    _course_files(files, course, identity, course_image)
    _about_files(files, course, static)
    # Studio lists the assets itself from static/ on import; this file only holds extra
    # metadata (locked files and the like), and there is none.
    files.json("policies/assets.json", {})
    entries = [(TOP + name, source) for name, source in files.entries.items()] + [
        (f"{TOP}static/{name}", source) for name, source in static.sources.items()
    ]
    return entries, tuple(degraded)


class _OlxFiles:
    """The package's XML, HTML and JSON files, by name under ``course/``."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def xml(self, name: str, element: etree._Element) -> None:
        self.entries[name] = etree.tostring(element, encoding="utf-8", pretty_print=True)

    def html(self, name: str, element: etree._Element) -> None:
        self.entries[name] = html_text(element)

    def text(self, name: str, text: str) -> None:
        self.entries[name] = text.encode("utf-8")

    def json(self, name: str, value: object) -> None:
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        self.entries[name] = text.encode("utf-8")


def _container(tag: str, display_name: str, child_tag: str, children: list[str]) -> etree._Element:
    element = etree.Element(tag, display_name=display_name)
    for url_name in children:
        etree.SubElement(element, child_tag, url_name=url_name)
    return element


def _sequential_id(module: Module) -> str:
    return f"{module.id}-lesson"


def _unit_id(item: Item) -> str:
    return f"{item.id}-unit"


def _outline(files: _OlxFiles, course: Course, static: StaticFiles) -> list[str]:
    """Write the outline: chapter → sequential → vertical → components, one file each.

    Returns:
        What Open edX could not keep of the quizzes' questions, one sentence each.
    """
    unit_of_page = pages_by_key(
        (item for item in course.all_items() if isinstance(item, Page)), _unit_id
    )
    formats = grader_formats(course)
    degraded: list[str] = []
    for module in course.modules:
        subsections = _subsections(module)
        files.xml(
            f"chapter/{module.id}.xml",
            _container("chapter", module.title, "sequential", [name for name, _ in subsections]),
        )
        for name, items in subsections:
            quiz = items[0] if items and isinstance(items[0], Quiz) else None
            title = quiz.title if quiz is not None else module.title
            units = [_unit_id(item) for item in items]
            sequential = _container("sequential", title, "vertical", units)
            if quiz is not None and quiz.id in formats:
                sequential.set("graded", "true")
                sequential.set("format", formats[quiz.id])
            files.xml(f"sequential/{name}.xml", sequential)
        for item in module.items:
            unit = etree.Element("vertical", display_name=item.title)
            if isinstance(item, Quiz):
                components = _quiz_components(files, course, item, static, degraded)
            else:
                components = _components(files, course, item, static, unit_of_page)
            for tag, url_name in components:
                etree.SubElement(unit, tag, url_name=url_name)
            files.xml(f"vertical/{_unit_id(item)}.xml", unit)
    return degraded


def _subsections(module: Module) -> list[tuple[str, list[Item]]]:
    """The module's subsections: each run of items between quizzes a lesson, each quiz its own.

    A quiz is graded as a whole subsection in Open edX, so it cannot share one with pages. A
    module without quizzes keeps its one lesson, named as before.
    """
    subsections: list[tuple[str, list[Item]]] = []
    lessons = 0
    for item in module.items:
        if isinstance(item, Quiz):
            subsections.append((f"{item.id}-quiz", [item]))
        elif subsections and not isinstance(subsections[-1][1][0], Quiz):
            subsections[-1][1].append(item)
        else:
            lessons += 1
            suffix = "" if lessons == 1 else f"-{lessons}"
            subsections.append((f"{_sequential_id(module)}{suffix}", [item]))
    return subsections or [(_sequential_id(module), [])]


def _quiz_components(
    files: _OlxFiles, course: Course, quiz: Quiz, static: StaticFiles, degraded: list[str]
) -> Iterator[tuple[str, str]]:
    """Write one problem per question of ``quiz``; yield each one's (category, url_name)."""
    labels = labels_for(course.language)
    text = QuizText(quiz, lambda asset: static_url(static.asset(asset)), labels)
    degraded.append(
        passing_score_note(
            quiz,
            "Open edX has no pass per subsection, only the course's passing grade "
            f"({course.passing_percent:g} %)",
        )
    )
    if quiz.introduction.strip():
        intro = f"{quiz.id}-introduction"
        _html_component(files, intro, quiz.title, _introduction(quiz))
        yield "html", intro
    for question in quiz.questions:
        problem = olx_problem(quiz, question, text, labels)
        degraded += problem.degraded
        files.xml(f"problem/{question.id}.xml", problem.element)
        yield "problem", question.id


def _components(
    files: _OlxFiles,
    course: Course,
    item: Item,
    static: StaticFiles,
    unit_of_page: dict[str, str],
) -> Iterator[tuple[str, str]]:
    """Write ``item``'s components; yield each one's (category, url_name) in unit order."""
    if isinstance(item, Video):
        files.xml(f"video/{item.id}.xml", video_element(course, item, static))
        yield "video", item.id
        if item.attribution is not None or item.licence is not None:
            credits = f"{item.id}-credits"
            _html_component(files, credits, item.title, credits_body(course, item))
            yield "html", credits
        return
    # Pages and slide decks in the standalone rendering, which the exported site shares.
    body = item_body(course, item, olx_urls(static, unit_of_page))
    _html_component(files, item.id, item.title, body)
    yield "html", item.id


def _introduction(quiz: Quiz) -> html.HtmlElement:
    """The quiz's introduction (sanitized HTML) as a text component above its problems."""
    return html.fragment_fromstring(quiz.introduction, create_parent="div")


def _html_component(files: _OlxFiles, url_name: str, title: str, body: etree._Element) -> None:
    """``html/X.xml`` names the component; its body is ``html/X.html`` (Studio's own layout)."""
    files.xml(f"html/{url_name}.xml", etree.Element("html", display_name=title, filename=url_name))
    files.html(f"html/{url_name}.html", body)


def _course_image(course: Course, static: StaticFiles) -> str:
    """Pick the catalogue image, which olxcleaner requires.

    The first video poster or slide picture in course order, else a plain card made here.
    """
    for item in course.all_items():
        if isinstance(item, Video) and item.poster is not None:
            return static.asset(item.poster)
        if isinstance(item, SlideDeck):
            image = next((s.image for s in item.visible_slides if s.image is not None), None)
            if image is not None:
                return static.asset(image)
    return static.data(COURSE_IMAGE_NAME, _plain_card())


def _plain_card() -> bytes:
    # Imported here: Pillow is only needed for courses with no picture at all.
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", COURSE_IMAGE_SIZE, COURSE_IMAGE_COLOUR).save(buffer, format="PNG")
    return buffer.getvalue()


def _course_start(course: Course) -> str:
    # When the course was made: open at once; the platform team sets the real date in Studio.
    return course.created.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def _course_files(
    files: _OlxFiles, course: Course, identity: OlxIdentity, course_image: str
) -> None:
    """course.xml, course/RUN.xml and the two policies of the run."""
    run = identity.run
    pointer = etree.Element("course", url_name=run, org=identity.org, course=identity.number)
    files.xml("course.xml", pointer)
    outline = _container("course", course.title, "chapter", [m.id for m in course.modules])
    outline.set("language", course.language)
    outline.set("course_image", course_image)
    licence = olx_licence(course.effective_licence())
    if licence:
        outline.set("license", licence)
    files.xml(f"course/{run}.xml", outline)
    # Schedule and pacing in the policy, everything else in the XML: a setting in both places
    # would be an override (olxcleaner warns), and the schedule is what a platform team changes.
    schedule = {"start": _course_start(course), "end": COURSE_END, "self_paced": True}
    files.json(f"policies/{run}/policy.json", {f"course/{run}": schedule})
    files.json(f"policies/{run}/grading_policy.json", grading_policy(course))


def _about_files(files: _OlxFiles, course: Course, static: StaticFiles) -> None:
    """The About page (description, authors, licence) and the catalogue's short description."""
    meta = package_metadata(course)
    licence_name = static.data(LICENCE_FILE, licence_text(course).encode("utf-8"))
    credits = attributions_text(course, static.sources)
    credits_name = static.data(ATTRIBUTIONS_FILE, credits.encode("utf-8"))
    files.html(
        "about/overview.html", _overview(meta, static_url(licence_name), static_url(credits_name))
    )
    # Plain text (the catalogue shows it as a line, not as markup), escaped all the same.
    short = course.subtitle or meta.description.split("\n")[0]
    files.text("about/short_description.html", escape(short, quote=False) + "\n")


def _overview(meta: PackageMetadata, licence_url: str, credits_url: str) -> etree._Element:
    """Title, description, authors, and the licence linked to its legal code and to the files."""
    section = h.SECTION(
        h.CLASS("about"),
        h.H2(meta.title),
        *(h.P(part) for part in meta.description.split("\n\n") if part.strip()),
    )
    if meta.authors:
        section.append(h.P(", ".join(meta.authors)))
    section.append(
        h.P(
            h.A(meta.licence.name, href=meta.licence.url, rel="license"),
            f" ({meta.licence.id.value}). ",
            h.A(LICENCE_FILE, href=licence_url),
            " · ",
            h.A(ATTRIBUTIONS_FILE, href=credits_url),
        )
    )
    return section
