"""The SCORM packages played in a real LMS component: Open edX's SCORM XBlock.

``openedx-scorm-xblock`` (the block Open edX installs) runs in the XBlock SDK's workbench, served
by ``lms_workbench.py`` as a process of its own (one per test module, with its database and the
block's file storage in a temporary folder). In Debian's Chromium an author uploads each package
through the block's own Studio form; a learner on a phone opens the block, goes through the
course with the package's own navigation (Start, every slide, Next), plays the video past 90 %,
answers the quiz that ends the course and leaves; the tests then read what the block stored (its
row in the workbench's database, as an LMS keeps it), what it published (grades and completion,
as an LMS's gradebook and completion service receive them), and reopen it to see where the
learner comes back.

The block plays one SCO per package and keeps one record per learner: what it makes of a package
with one SCO per item is asserted here too, since the project must tell authors about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scorm_block import (
    DESKTOP,
    EVENT_TIMEOUT_MS,
    EXIT,
    FORMATS,
    LEARNER,
    LOCATION,
    PROGRESS,
    RAW,
    STATUS,
    SUSPEND_DATA,
    VERDICT,
    ScormBlock,
    Visit,
    Workbench,
    step_through,
)

from moocstudio.cli import cli
from moocstudio.model import Course, Quiz, Video

pytestmark = pytest.mark.slow

# --- one SCO: the course played over three visits ----------------------------------------------


@dataclass
class Run:
    """A single-SCO package played in the block by one learner over three visits."""

    fmt: str
    scenario: str
    pages: list[str]
    visits: list[Visit]
    stored: list[dict[str, Any]]
    """The block's fields for the learner after each visit."""
    quiz: Quiz
    """The quiz that ends the course, answered right in visit 2."""


# The bookmark the block's page hands the package (its copy of the record, made when the page
# was rendered).
GIVEN_BOOKMARK = (
    "(name) => window.API ? window.API.LMSGetValue(name) : window.API_1484_11.GetValue(name)"
)


def play_single_sco(fmt: str, course: Course, packages: dict[str, Path], block: ScormBlock) -> Run:
    """Upload; visit 1: the home page, Start, every item but the last (each slide, the video
    past 90 %) with Next; visit 2: Next to the last item, the quiz, answered right; visit 3:
    the breadcrumb's home.

    Each visit must open where the last one left (the home page the first time): the next
    step depends on it, so that is asserted as the course is played.
    """
    scenario = f"{fmt}-single"
    block.upload(scenario, packages[scenario])
    items = course.all_items()
    location = LOCATION[fmt]
    quiz = items[-1]
    assert isinstance(quiz, Quiz)  # the sample course ends with its quiz
    run = Run(fmt, scenario, [f"items/{item.id}.html" for item in items], [], [], quiz)

    def leave(tab: Visit) -> None:
        tab.leave()
        run.visits.append(tab)
        run.stored.append(block.stored(scenario))

    def reopen(where: str) -> Visit:
        tab = block.open(scenario)
        if tab.started_on != where:  # say what the block held and what the page was given
            held = block.stored(scenario).get("scorm_data", {})
            given = tab.page.evaluate(GIVEN_BOOKMARK, location)
            last = run.visits[-1].values(location)[-3:] if run.visits else []
            pytest.fail(
                f"visit {len(run.visits) + 1} opened on {tab.started_on}, not {where}; the "
                f"block's record holds {location} = {held.get(location)!r}, its page was given "
                f"{given!r}; the last visit set {last}"
            )
        return tab

    first = reopen("index.html")
    first.follow("a.start", location)
    for position, item in enumerate(items[:-1]):
        if position:
            first.follow("a[rel=next]", location)
        step_through(first, item, course.language)
    leave(first)

    second = reopen(run.pages[-2])  # the bookmark
    second.follow("a[rel=next]", location)
    step_through(second, quiz, course.language)
    second.page.wait_for_function(
        "() => document.querySelector('.completion-status').textContent.trim() === 'completed'",
        timeout=EVENT_TIMEOUT_MS,
    )
    leave(second)

    third = reopen(run.pages[-1])
    third.follow(".breadcrumb a[href='../index.html']", location)
    leave(third)
    return run


@pytest.fixture(scope="module")
def single_sco(
    sample: tuple[Path, Course], packages: dict[str, Path], block: ScormBlock
) -> Callable[[str], Run]:
    """Factory: a format's single-SCO run (``play_single_sco``), played once per module.

    A run that failed is not played again by the next test (the learner's record would be the
    failed run's): each later test fails with the first failure.
    """
    runs: dict[str, Run | BaseException] = {}

    def run(fmt: str) -> Run:
        if fmt not in runs:
            try:
                runs[fmt] = play_single_sco(fmt, sample[1], packages, block)
            except (Exception, pytest.fail.Exception) as failure:
                runs[fmt] = failure
                raise
        played = runs[fmt]
        if isinstance(played, BaseException):
            pytest.fail(f"the {fmt} single-SCO run failed in an earlier test: {played}")
        return played

    return run


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_sco_tracks_progress_and_resumes_at_the_bookmark(
    single_sco: Callable[[str], Run], fmt: str
) -> None:
    run = single_sco(fmt)
    first, second, third = run.visits
    after_first, after_second, after_third = run.stored
    status, location = STATUS[fmt], LOCATION[fmt]

    # Visit 1: from the home page (where it opened) to the item before the quiz, which is left.
    assert first.values(location) == ["index.html", *run.pages[:-1]]
    assert after_first["lesson_status"] == "incomplete"
    assert after_first["scorm_data"][location] == run.pages[-2]
    assert after_first["scorm_data"][SUSPEND_DATA] == first.values(SUSPEND_DATA)[-1]
    assert first.line_on_opening == "(0/1 points) not attempted"
    assert second.line_on_opening.endswith(") incomplete")

    # Visit 2 resumes at the bookmark with the progress kept (the video is not watched again):
    # the quiz, answered right, completes the course and passes it.
    assert after_second["lesson_status"] == "completed"
    assert after_second["scorm_data"][location] == run.pages[-1]
    assert after_second["scorm_data"][SUSPEND_DATA] == second.values(SUSPEND_DATA)[-1]
    assert third.line_on_opening.endswith(") completed")

    # Visit 3 resumes at the last item; the course stays completed, never set back (the block
    # answers "" when asked the status: the package knows it is done from its suspend_data).
    assert "incomplete" not in third.values(status)
    assert after_third["lesson_status"] == "completed"
    assert after_third["scorm_data"][location] == "index.html"
    if fmt == "scorm2004":
        progress = [float(value) for tab in run.visits for value in tab.values(PROGRESS)]
        assert progress == sorted(progress) and progress[-1] == 1
    # The quiz, answered right, passes the course (1.2's "passed" is both, which the block
    # splits into completed and passed), and no later visit takes it back.
    assert [state.get("success_status", "unknown") for state in run.stored] == [
        "unknown",
        "passed",
        "passed",
    ]
    if fmt == "scorm12":
        assert all(len(state["scorm_data"][SUSPEND_DATA]) <= 4096 for state in run.stored)
    for tab in run.visits:
        assert tab.errors == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_sco_gives_the_quiz_score_once_the_quiz_is_answered(
    single_sco: Callable[[str], Run], workbench: Workbench, fmt: str
) -> None:
    # The block is scored by default (weight 1); the course's grade is its only graded quiz's
    # best score, here answered right: 1.2 score.raw 100 of 100, 2004 also score.scaled 1.
    run = single_sco(fmt)
    assert run.stored[0].get("lesson_score", 0) == 0  # the quiz not answered yet
    assert run.visits[1].values(RAW[fmt]) == ["100"]
    if fmt == "scorm2004":
        assert run.visits[1].values("cmi.score.scaled") == ["1"]
    # Each answer is in the block's record too: one interaction per question, each correct.
    quiz = run.quiz
    recorded = run.stored[1]["scorm_data"]
    for n, question in enumerate(quiz.questions):
        assert recorded[f"cmi.interactions.{n}.id"] == f"{quiz.id}.{question.id}"
        assert recorded[f"cmi.interactions.{n}.result"] == "correct"
    assert run.stored[1].get("lesson_score", 0) == 1
    assert run.visits[2].line_on_opening.startswith("(1/1 points)")  # as the learner sees it
    grades = workbench.published(run.scenario, LEARNER, "grade")
    assert grades and grades[-1] == {"value": 1.0, "max_value": 1.0}
    assert run.stored[2].get("lesson_score", 0) == 1  # and kept on the next visit


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_sco_sends_each_value_only_when_it_changes(
    single_sco: Callable[[str], Run], workbench: Workbench, fmt: str
) -> None:
    run = single_sco(fmt)
    repeated = []
    for number, tab in enumerate(run.visits, 1):
        for element in dict.fromkeys(name for name, _ in tab.sent):
            values = tab.values(element)
            repeated += [
                (number, element, value)
                for value, following in pairwise(values)
                if value == following
            ]
    assert repeated == []
    if fmt == "scorm2004":  # and never one the block already holds, from one visit to the next
        progress = [value for tab in run.visits for value in tab.values(PROGRESS)]
        assert len(progress) == len(set(progress))
    # A completion event says something new: a new progress (no item done, one ... every item)
    # or, once a visit, the course completed.
    completions = workbench.published(run.scenario, LEARNER, "completion")
    assert len(completions) <= len(run.pages) + 1 + len(run.visits)


def test_2004_single_sco_never_ends_the_attempt_on_its_own(
    single_sco: Callable[[str], Run],
) -> None:
    run = single_sco("scorm2004")
    assert [state["scorm_data"][EXIT["scorm2004"]] for state in run.stored] == ["suspend"] * 3
    assert "normal" not in [value for tab in run.visits for value in tab.values(EXIT["scorm2004"])]


# --- one SCO per item, in a block that plays one SCO per package -------------------------------

PAGE_LINK = re.compile(r"^(?!https?:)[^#]*\.html(#|$)")
"""A link to a page of the package (not an anchor in the page, not the web)."""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_per_item_package_dead_ends_after_its_first_item(
    sample: tuple[Path, Course], packages: dict[str, Path], block: ScormBlock, fmt: str
) -> None:
    # The block launches the manifest's first resource and offers no way to the others (its
    # table of contents is off by default): the learner sees the course's first item only, on
    # every visit, and the block records the activity completed. Hence the advice authors need
    # (the last tests).
    scenario = f"{fmt}-per-item"
    block.upload(scenario, packages[scenario])
    first_item = sample[1].all_items()[0]
    first_page = f"items/{first_item.id}.html"
    tab = block.open(scenario)
    assert tab.started_on == first_page
    hrefs = tab.content().eval_on_selector_all(
        "a[href]", "as => as.map(a => a.getAttribute('href'))"
    )
    assert [href for href in hrefs if PAGE_LINK.match(href)] == []
    assert tab.page.locator(".navigation-pane").count() == 0
    step_through(tab, first_item, sample[1].language)
    tab.wait_set(STATUS[fmt], "completed")
    tab.leave()
    stored = block.stored(scenario)
    assert stored["lesson_status"] == "completed"
    assert stored["scorm_data"][LOCATION[fmt]] == first_page
    again = block.open(scenario)
    assert again.started_on == first_page
    assert again.line_on_opening.endswith(") completed")
    again.leave()
    assert tab.errors == again.errors == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_per_item_package_through_the_block_menu_keeps_only_the_last_sco_record(
    sample: tuple[Path, Course], packages: dict[str, Path], block: ScormBlock, fmt: str
) -> None:
    # With its table of contents on, the block launches each SCO, but keeps one record for the
    # learner: each SCO reads the one before's data and overwrites its bookmark, suspend_data
    # and status, so the activity ends completed, and passed by the last SCO (the quiz,
    # answered right), with the video never played. On a desktop: at 390 px the package's
    # frame covers the block's menu.
    scenario = f"{fmt}-per-item-menu"
    block.upload(scenario, packages[f"{fmt}-per-item"], menu=True)
    items = sample[1].all_items()
    tab = block.open(scenario, screen=DESKTOP)
    entries = tab.page.locator(".navigation-pane li.navigation-title")
    titles = entries.all_inner_texts()  # an item's title, maybe with its module's
    assert len(titles) == len(items)
    assert all(item.title in title for item, title in zip(items, titles, strict=True))
    by_sco: dict[str, list[tuple[str, str]]] = {}
    for position, item in enumerate(items):
        tab.settle()
        since = len(tab.sent) if position else 0  # the first SCO is launched with the block
        page = f"items/{item.id}.html"
        if position:
            entries.nth(position).click()
        tab.shown(page)
        # The bookmark comes with the progress and status of the same view (one message).
        tab.wait_set(LOCATION[fmt], page, since)
        if isinstance(item, Quiz):
            step_through(tab, item, sample[1].language)
            tab.wait_set(VERDICT[fmt], "passed", since)
        by_sco[item.id] = tab.sent[since:]
    tab.leave()
    stored = block.stored(scenario)

    # Completed and passed, though the video was never played.
    assert stored["lesson_status"] == "completed"
    assert stored["success_status"] == "passed"
    last = items[-1]
    assert isinstance(last, Quiz)
    assert stored["scorm_data"][LOCATION[fmt]] == f"items/{last.id}.html"
    progress = [
        (item_id, value)
        for item_id, sent in by_sco.items()
        for name, value in sent
        if name == SUSPEND_DATA
    ]
    video = next(item for item in items if isinstance(item, Video))
    video_progress = [value for item_id, value in progress if item_id == video.id]
    # The block keeps the last progress written: the video SCO's own (seen, unwatched) is gone.
    assert stored["scorm_data"][SUSPEND_DATA] == progress[-1][1]
    assert video_progress and video_progress[-1] != progress[-1][1]
    assert tab.errors == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_per_item_names_the_block_and_recommends_one_sco(
    sample: tuple[Path, Course], tmp_path: Path, fmt: str
) -> None:
    folder, _ = sample
    args = ["export", str(folder), "--format", fmt, "--sco", "per-item", "-o", str(tmp_path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    advice = " ".join(result.output.split())
    assert "Open edX" in advice
    assert re.search(r"one SCO per package", advice, re.IGNORECASE)  # what the block takes
    # ... and what to export for it
    assert re.search(r"as one SCO|single[- ]SCO|--sco single", advice, re.IGNORECASE)
