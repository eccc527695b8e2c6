"""The built site passes axe-core's WCAG 2.2 A/AA rules on a phone, in light and dark.

axe-core (pinned in tests/build/axe, installed by ``npm ci``) runs in Debian's chromium driven
by Playwright, at 390x844, over every page of the sample course and over a lesson page holding
every construct the importers read, imported from markdown (every_construct.py). Serious and
critical violations fail the test, each printed with the elements at fault.

To check another course, build it, open its pages with the ``phone_page`` fixture and pass them
to ``axe_violations`` (tests/build/conftest.py)::

    found = axe_violations(phone_page("dark"), (site.root / name).as_uri())
    assert not found, "\n".join(map(str, found))
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from moocstudio.build import SiteTree, build_site
from moocstudio.model import Course, Page, Quiz
from tests.quiz_course import WRONG, answer_and_submit

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeRun, AxeViolation, PhonePage
    from playwright.sync_api import Page as PlaywrightPage
    from playwright.sync_api import ViewportSize

pytestmark = pytest.mark.slow

SCHEMES = ["light", "dark"]
NARROW: ViewportSize = {"width": 320, "height": 640}
OPEN_ALL_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


@pytest.fixture(scope="module")
def every_construct_site(
    every_construct: Callable[[Path], tuple[Course, Page, list[str]]],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[SiteTree, str]:
    """The every-construct lesson built as a site: (the site, the lesson page's file URL)."""
    folder = tmp_path_factory.mktemp("every") / "course"
    course, page, _ = every_construct(folder)
    site = build_site(folder, course, tmp_path_factory.mktemp("every-site") / "site")
    return site, (site.root / site.pages[page.id]).as_uri()


def _report(violations: list[AxeViolation]) -> str:
    return "\n".join(map(str, violations))


def _every_page(site: SiteTree, tab: PlaywrightPage, axe_violations: AxeRun) -> list[AxeViolation]:
    """axe-core's findings on every HTML page of ``site``, opened one after the other in ``tab``."""
    found = []
    for name in site.files:
        if name.endswith(".html"):
            found += axe_violations(tab, (site.root / name).as_uri())
    return found


def test_axe_reports_a_code_block_that_scrolls_but_cannot_take_the_focus(
    phone_page: PhonePage, axe_violations: AxeRun, tmp_path: Path
) -> None:
    # The runner's own check: without the builder's box, a wide block fails the rule.
    bare = tmp_path / "bare.html"
    bare.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Bare</title></head><body><main>'
        f'<pre style="overflow-x: auto"><code>{"x = 1; " * 80}</code></pre></main></body></html>',
        encoding="utf-8",
    )
    found = axe_violations(phone_page(), bare.as_uri())
    assert [violation.rule for violation in found] == ["scrollable-region-focusable"]
    assert "scrollable-region-focusable (serious)" in str(found[0])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_of_the_sample_course_passes_axe(
    site: SiteTree, phone_page: PhonePage, axe_violations: AxeRun, scheme: str
) -> None:
    found = _every_page(site, phone_page(scheme), axe_violations)
    assert not found, _report(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_every_construct_lesson_passes_axe_closed_and_open(
    every_construct_site: tuple[SiteTree, str],
    phone_page: PhonePage,
    axe_violations: AxeRun,
    scheme: str,
) -> None:
    site, lesson = every_construct_site
    tab = phone_page(scheme)
    found = _every_page(site, tab, axe_violations)
    # axe skips what is hidden: check the solutions' and hints' content once opened too.
    tab.goto(lesson)
    tab.evaluate(OPEN_ALL_DETAILS)
    found += axe_violations(tab)
    assert not found, _report(found)


def _page_overflow(tab: PlaywrightPage) -> int:
    return int(tab.evaluate("() => document.documentElement.scrollWidth - innerWidth"))


@pytest.mark.parametrize("viewport", [None, NARROW], ids=["390px", "320px"])
def test_wide_blocks_scroll_in_their_own_box_and_the_page_does_not(
    every_construct_site: tuple[SiteTree, str], phone_page: PhonePage, viewport: ViewportSize
) -> None:
    _, lesson = every_construct_site
    tab = phone_page("light", viewport) if viewport else phone_page()
    tab.goto(lesson)
    tab.evaluate(OPEN_ALL_DETAILS)
    assert _page_overflow(tab) <= 0
    # The very wide code, table and equation each overflow their box (so the axe run above
    # did meet scrolling regions), and the box is what scrolls.
    scrolling = tab.evaluate(
        "() => Array.from(document.querySelectorAll('.scroll'))"
        ".filter(box => box.scrollWidth > box.clientWidth)"
        ".map(box => box.getAttribute('aria-label')"
        " || document.getElementById(box.getAttribute('aria-labelledby')).textContent)"
    )
    assert {"Code 2, bash", "Twelve measurements per site", "Equation 2"} <= set(scrolling)


@pytest.fixture
def lesson_tab(every_construct_site: tuple[SiteTree, str], phone_page: PhonePage) -> PlaywrightPage:
    """The every-construct lesson open in a phone-sized tab, light scheme."""
    tab = phone_page()
    tab.goto(every_construct_site[1])
    return tab


def test_a_wide_code_block_is_reached_with_tab_and_scrolled_with_arrows(
    lesson_tab: PlaywrightPage,
) -> None:
    tab = lesson_tab
    box = tab.get_by_role("region", name="Code 2, bash")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    for _ in range(40):  # the page's links and boxes before it, a few dozen at most
        tab.keyboard.press("Tab")
        if box.evaluate("box => box === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the wide code block")
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function("() => document.activeElement.scrollLeft > 0")
    assert tab.get_by_role("table", name="Twelve measurements per site").count() == 1
    assert tab.get_by_role("region", name="Twelve measurements per site").count() == 1


def test_a_solution_opens_from_the_keyboard(lesson_tab: PlaywrightPage) -> None:
    tab = lesson_tab
    summary = tab.locator("details.solution > summary").first
    details = tab.locator("details.solution").first
    assert details.evaluate("d => d.open") is False
    assert not tab.get_by_text("The slope: how much").is_visible()
    summary.focus()
    tab.keyboard.press("Enter")
    assert details.evaluate("d => d.open") is True
    assert tab.get_by_text("The slope: how much").is_visible()
    outline = summary.evaluate("s => getComputedStyle(s).outlineStyle")
    assert outline == "solid"  # the site's focus ring, as on every other control


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_quiz_passes_axe_before_and_after_submitting(
    quiz_site: tuple[SiteTree, dict[str, Quiz]],
    phone_page: PhonePage,
    axe_violations: AxeRun,
    scheme: str,
) -> None:
    site, quizzes = quiz_site
    found = []
    for name in ("after-submit", "immediately"):
        quiz = quizzes[name]
        tab = phone_page(scheme)  # 390x844
        found += axe_violations(tab, (site.root / site.pages[quiz.id]).as_uri())
        tab.evaluate(OPEN_ALL_DETAILS)  # the hints' content too
        answer_and_submit(tab, quiz, WRONG)  # every kind of verdict and feedback shown
        found += axe_violations(tab)
    assert not found, "\n".join(map(str, found))
