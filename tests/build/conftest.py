"""Fixtures of the builder tests: the sample site, and axe-core run in a phone-sized browser.

The sample course (tests/conftest.py) is built once per session. ``axe_violations`` runs
axe-core (pinned in ``tests/build/axe``) on any page a test opens with ``phone_page``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import pytest

from moocstudio.build import SiteTree, build_site
from moocstudio.model import Course, Page, Quiz, QuizSettings
from tests.quiz_course import every_type_quiz, quiz_course

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ViewportSize
    from playwright.sync_api import Page as PlaywrightPage


@pytest.fixture(scope="session")
def site(sample: tuple[Path, Course], tmp_path_factory: pytest.TempPathFactory) -> SiteTree:
    """The sample course built once for the read-only tests."""
    folder, course = sample
    return build_site(folder, course, tmp_path_factory.mktemp("out") / "site")


QUIZ_SETTINGS = {
    "after-submit": QuizSettings(attempts=2),
    "once": QuizSettings(attempts=1),
    "never": QuizSettings(show_feedback="never"),
    "immediately": QuizSettings(show_feedback="immediately"),
    "shuffled": QuizSettings(shuffle_answers=True),
}
"""The quizzes of ``quiz_site``: the every-type quiz (tests/quiz_course.py) per setting."""


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteTree, dict[str, Quiz]]:
    """One site with the every-type quiz once per entry of QUIZ_SETTINGS, by that name."""
    folder = tmp_path_factory.mktemp("quiz-site") / "course"
    quizzes = {name: every_type_quiz(folder, settings) for name, settings in QUIZ_SETTINGS.items()}
    course = quiz_course(folder, list(quizzes.values()))
    site = build_site(folder, course, tmp_path_factory.mktemp("quiz-site-out") / "site")
    return site, quizzes


# --- axe-core, the accessibility engine, run in the phone-sized chromium --------------------

AXE_SCRIPT = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core as pinned in tests/build/axe/package-lock.json, installed by ``npm ci`` there."""

WCAG_22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""The axe-core tags of the WCAG 2.2 level A and AA success criteria."""

BLOCKING_IMPACTS = ("serious", "critical")
PHONE: ViewportSize = {"width": 390, "height": 844}


@dataclass(frozen=True)
class AxeViolation:
    """One axe-core rule broken on a page, with the elements that break it."""

    url: str
    rule: str
    impact: str
    help: str
    help_url: str
    nodes: tuple[tuple[str, str], ...]  # (CSS selector, what axe says is wrong there)

    def __str__(self) -> str:
        lines = [f"{self.rule} ({self.impact}) on {self.url}: {self.help} <{self.help_url}>"]
        for target, summary in self.nodes:
            detail = " ".join(summary.split())
            lines.append(f"    at {target}: {detail}")
        return "\n".join(lines)


class AxeRun(Protocol):
    """Signature of the ``axe_violations`` fixture."""

    def __call__(
        self, page: PlaywrightPage, url: str | None = None, *, impacts: Sequence[str] = ...
    ) -> list[AxeViolation]: ...


@pytest.fixture(scope="session")
def axe_script() -> str:
    """The axe-core source, to inject into pages; skips when it is not installed."""
    if not AXE_SCRIPT.is_file():
        pytest.skip(
            "axe-core is not installed (cd tests/build/axe && npm ci; .ci/run does it "
            "when npm is present)"
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def axe_violations(axe_script: str) -> AxeRun:
    """Factory: open ``url`` in ``page`` (or keep the page where it is) and run axe-core on it.

    Returns the WCAG 2.2 A/AA violations of the given impacts (serious and critical by
    default); ``str()`` of each is a readable report, e.g. for an assertion message:
    ``assert not found, "\n".join(map(str, found))``.
    """

    def run(
        page: PlaywrightPage, url: str | None = None, *, impacts: Sequence[str] = BLOCKING_IMPACTS
    ) -> list[AxeViolation]:
        if url is not None:
            page.goto(url, wait_until="load")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(content=axe_script)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            list(WCAG_22_AA),
        )
        return [
            AxeViolation(
                url=page.url,
                rule=found["id"],
                impact=found["impact"] or "",
                help=found["help"],
                help_url=found["helpUrl"],
                nodes=tuple(
                    (" ".join(map(str, node["target"])), node.get("failureSummary") or "")
                    for node in found["nodes"]
                ),
            )
            for found in result["violations"]
            if found["impact"] in impacts
        ]

    return run


class PhonePage(Protocol):
    """Signature of the ``phone_page`` fixture."""

    def __call__(
        self,
        color_scheme: Literal["light", "dark"] = ...,
        viewport: ViewportSize = ...,
        *,
        scripts: bool = ...,
    ) -> PlaywrightPage: ...


@pytest.fixture
def phone_page(chromium_browser: Browser) -> Iterator[PhonePage]:
    """Factory: a new phone-sized tab (390x844 by default) in the light or dark scheme."""
    contexts: list[BrowserContext] = []

    def open_tab(
        color_scheme: Literal["light", "dark"] = "light",
        viewport: ViewportSize = PHONE,
        *,
        scripts: bool = True,
    ) -> PlaywrightPage:
        context = chromium_browser.new_context(
            viewport=viewport,
            is_mobile=True,
            has_touch=True,
            device_scale_factor=3,
            color_scheme=color_scheme,
            java_script_enabled=scripts,
        )
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def every_construct() -> Callable[[Path], tuple[Course, Page, list[str]]]:
    """Factory: the every-construct lesson imported into a course created in a folder.

    Returns the course, the lesson's page and the lesson's import warnings (every_construct.py).
    """
    # Imported here, not at the top: it builds test data, and only these tests need it.
    from every_construct import every_construct_course

    return every_construct_course
