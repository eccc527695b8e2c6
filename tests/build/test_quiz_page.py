"""The site's quiz page: its form, checked in a real Chromium by keyboard and by pointer.

The course holds one quiz of every question type per setting under test (tests/quiz_course.py
makes it with the model and the real rich-text renderer). Browser tests open the built page
from ``file://`` in a phone-sized tab, as a learner opens the offline site.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import html

from moocstudio.build import SiteTree, build_site
from moocstudio.model import Quiz, QuizSettings
from tests.quiz_course import (
    RIGHT,
    WRONG,
    Answer,
    answer,
    answer_and_submit,
    every_type_quiz,
    quiz_course,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from conftest import PhonePage
    from playwright.sync_api import Page as BrowserPage

in_browser = pytest.mark.slow

# Per question of every_type_quiz answered as WRONG says: what the learner is told.
WRONG_RESULTS = ["incorrect", "incorrect", "incorrect", "partly", "incorrect", "partly", "partly"]


def quiz_url(site: SiteTree, quiz: Quiz) -> str:
    return (site.root / site.pages[quiz.id]).as_uri()


def _key(page_html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="quiz-key">(.*?)</script>', page_html)
    assert found
    return dict(json.loads(found[1]))


# --- the page as built ------------------------------------------------------------------------


def test_every_control_has_a_label_inside_a_fieldset_with_a_legend(
    quiz_site: tuple[SiteTree, dict[str, Quiz]],
) -> None:
    site, quizzes = quiz_site
    quiz = quizzes["after-submit"]
    page = html.fromstring((site.root / site.pages[quiz.id]).read_bytes())
    fieldsets = page.xpath("//form[@id='quiz']//fieldset[@class='question']")
    assert [f.get("id") for f in fieldsets] == [q.id for q in quiz.questions]
    for number, fieldset in enumerate(fieldsets, start=1):
        assert fieldset.find("legend").text_content().startswith(f"Question {number} ")
        assert fieldset.get("aria-describedby") == f"{fieldset.get('id')}-stem"
        assert fieldset.xpath(".//div[@class='feedback']/@aria-live") == ["polite"]
        controls = fieldset.xpath(".//input | .//select")
        assert controls
        for control in controls:
            assert page.xpath(f"//label[@for='{control.get('id')}']"), control.get("id")
    # The stem's picture is served from the site's media, with the author's description.
    (image,) = fieldsets[0].xpath(".//div[@class='stem']//img")
    assert image.get("alt") == "A blue square standing for a wave"
    assert (site.root / "items" / image.get("src")).resolve().is_file()
    # The ordering question never lists its steps in the right order.
    steps = fieldsets[6].xpath("(.//select)[1]/option/text()")[1:]
    assert sorted(steps) == sorted(["Plan", "Write", "Publish"])
    assert steps != ["Plan", "Write", "Publish"]


def test_the_key_holds_what_the_browser_checks_and_nothing_it_shows_twice(
    quiz_site: tuple[SiteTree, dict[str, Quiz]],
) -> None:
    site, quizzes = quiz_site
    quiz = quizzes["once"]
    key = _key((site.root / site.pages[quiz.id]).read_text(encoding="utf-8"))
    assert key["attempts"] == 1
    assert key["passing"] == 80
    assert key["feedback"] == "after_submit"
    assert str(key["storage"]).endswith(f"/{quiz.id}")
    questions = key["questions"]
    assert isinstance(questions, list)
    assert [q["type"] for q in questions] == [q.type for q in quiz.questions]
    assert questions[1]["credits"] == [0.5, 0.5, -0.5]
    numeric = questions[3]
    assert [round(n, 3) for n in (numeric["answers"][0]["low"], numeric["answers"][0]["high"])] == [
        3.135,
        3.145,
    ]
    # Feedback is in the page as HTML, not in the key: the key holds no markup.
    assert "<" not in json.dumps(questions)


def test_quiz_script_ships_only_in_sites_with_a_quiz(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], tmp_path: Path
) -> None:
    with_quiz, _ = quiz_site
    assert "assets/quiz.js" in with_quiz.files
    folder = tmp_path / "course"
    without = build_site(folder, quiz_course(folder, []), tmp_path / "site")  # a page only
    assert "assets/quiz.js" not in without.files


def test_a_french_course_s_quiz_speaks_french(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    quiz = every_type_quiz(folder, QuizSettings(attempts=3))
    course = quiz_course(folder, [quiz]).model_copy(update={"language": "fr"})
    built = build_site(folder, course, tmp_path / "site")
    page = (built.root / built.pages[quiz.id]).read_text(encoding="utf-8")
    assert "Envoyer le quiz" in page
    assert "Seuil de réussite : 80\u00a0% des points. Tentatives permises : 3." in page
    assert ">Vrai</label>" in page
    assert _key(page)["words"]["correct"] == "Correct."  # type: ignore[index]
    home = (built.root / "index.html").read_text(encoding="utf-8")
    assert "Quiz · 7 questions" in home


def test_the_build_is_byte_identical(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    course = quiz_course(folder, [every_type_quiz(folder, QuizSettings(shuffle_answers=True))])
    first = build_site(folder, course, tmp_path / "one")
    second = build_site(folder, course, tmp_path / "two")
    assert first.files == second.files
    for name in first.files:
        assert (first.root / name).read_bytes() == (second.root / name).read_bytes(), name


# --- in the browser ---------------------------------------------------------------------------


def _open(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage, name: str
) -> tuple[BrowserPage, Quiz, list[str]]:
    """A phone-sized tab on the page of the site's quiz called ``name``, that quiz, and the
    errors the tab reports (console errors and uncaught exceptions) from then on."""
    site, quizzes = quiz_site
    tab = phone_page()
    errors = _errors(tab)
    tab.goto(quiz_url(site, quizzes[name]))
    return tab, quizzes[name], errors


def _tab_to(tab: BrowserPage, selector: str) -> None:
    """Press Tab until ``selector`` has the focus (as a keyboard user moves through the page)."""
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _answer_by_keyboard(tab: BrowserPage, quiz: Quiz, answers: Sequence[Answer]) -> None:
    """Answer ``quiz`` with the keyboard only: Tab, Space, the arrow keys and typing."""
    for question, given in zip(quiz.questions, answers, strict=True):
        qid = question.id
        labels = tab.locator(f"#{qid} .choice label").all_inner_texts()
        for label in given.tick:
            index = labels.index(label)
            if tab.locator(f"#{qid}-0").get_attribute("type") == "radio":
                _tab_to(tab, f"#{qid}-0")  # a group of radios is one stop: its first one
                tab.keyboard.press("Space")
                for _ in range(index):
                    tab.keyboard.press("ArrowDown")  # moves to the next radio and checks it
            else:
                _tab_to(tab, f"#{qid}-{index}")
                tab.keyboard.press("Space")
        if given.type:
            _tab_to(tab, f"#{qid}-answer")
            tab.keyboard.type(given.type)
            tab.keyboard.press("Enter")  # a habit from search boxes: it must not submit
        for position, option in enumerate(given.pick):
            _tab_to(tab, f"#{qid}-{position}")
            options = tab.locator(f"#{qid}-{position} option").all_inner_texts()
            for _ in range(options.index(option)):
                tab.keyboard.press("ArrowDown")
    _tab_to(tab, "button[type=submit]")
    tab.keyboard.press("Enter")


def _lines(tab: BrowserPage, selector: str) -> list[str]:
    """The text lines ``selector`` shows, blank lines left out."""
    return [line for line in tab.locator(selector).inner_text().split("\n") if line.strip()]


def _results(tab: BrowserPage, quiz: Quiz) -> list[str | None]:
    return [tab.get_attribute(f"#{q.id}", "data-result") for q in quiz.questions]


def _errors(tab: BrowserPage) -> list[str]:
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@in_browser
def test_a_learner_answers_everything_right_with_the_keyboard_only(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage
) -> None:
    tab, quiz, errors = _open(quiz_site, phone_page, "after-submit")
    _answer_by_keyboard(tab, quiz, RIGHT)
    # The score takes the focus, so a screen reader reads it at once.
    assert tab.evaluate("document.activeElement.id") == "quiz-result"
    result = tab.locator("#quiz-result").inner_text()
    assert "Your score: 8 of 8 points (100\u00a0%)." in result
    assert "Passed." in result
    assert "Attempts used: 1 of 2." in result
    assert _results(tab, quiz) == ["correct"] * 7
    first = _lines(tab, f"#{quiz.questions[0].id}-feedback")
    assert first == ["Correct.", "Yes: a sine.", "Waves have shapes."]
    # The second of two attempts, from the keyboard too.
    _tab_to(tab, "button.retry")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.type") == "radio"
    assert _results(tab, quiz) == [None] * 7
    assert errors == []


@in_browser
def test_wrong_answers_get_their_feedback_partial_credit_and_a_saved_best_score(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage
) -> None:
    tab, quiz, errors = _open(quiz_site, phone_page, "after-submit")
    answer_and_submit(tab, quiz, WRONG)
    result = tab.locator("#quiz-result").inner_text()
    assert "Your score: 1.83 of 8 points (22.9\u00a0%)." in result
    assert "Not passed yet: the pass mark is 80\u00a0%." in result
    assert _results(tab, quiz) == WRONG_RESULTS
    feedback = [_lines(tab, f"#{q.id}-feedback") for q in quiz.questions]
    assert feedback[0] == ["Incorrect.", "No: look at the edges.", "Waves have shapes."]
    assert feedback[1] == ["Incorrect.", "4 = 2 × 2."]
    assert feedback[3] == ["Partly correct.", "Close."]
    # Reloaded, the page remembers the attempt and the best score.
    tab.reload()
    saved = tab.locator("#quiz-result").inner_text()
    assert "Your best score: 22.9\u00a0%." in saved
    assert "Attempts used: 1 of 2." in saved
    answer_and_submit(tab, quiz, RIGHT)
    assert "Your best score: 100\u00a0%." in tab.locator("#quiz-result").inner_text()
    assert tab.locator("button.retry").is_hidden()  # both attempts used
    assert errors == []


@in_browser
def test_a_quiz_with_one_attempt_stays_closed_after_it(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage
) -> None:
    tab, quiz, errors = _open(quiz_site, phone_page, "once")
    answer_and_submit(tab, quiz, WRONG)
    assert tab.locator("button.retry").is_hidden()
    tab.reload()
    assert "You have used every attempt." in tab.locator("#quiz-result").inner_text()
    assert tab.locator("button[type=submit]").is_disabled()
    assert tab.locator(f"#{quiz.questions[0].id}-0").is_disabled()
    assert errors == []


@in_browser
def test_feedback_never_shows_the_score_only(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage
) -> None:
    tab, quiz, errors = _open(quiz_site, phone_page, "never")
    answer_and_submit(tab, quiz, WRONG)
    assert "Your score: 1.83 of 8 points (22.9\u00a0%)." in tab.locator("#quiz-result").inner_text()
    assert _results(tab, quiz) == [None] * 7
    for question in quiz.questions:
        assert tab.locator(f"#{question.id}-feedback").inner_text() == ""
    assert errors == []


@in_browser
def test_feedback_immediately_checks_one_question_and_locks_it(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage
) -> None:
    tab, quiz, errors = _open(quiz_site, phone_page, "immediately")
    first = quiz.questions[0].id
    tab.get_by_label("A square", exact=True).check()
    tab.locator(f"#{first} button.check-answer").click()
    assert tab.locator(f"#{first}-feedback").inner_text().startswith("Incorrect.")
    assert tab.evaluate("document.activeElement.id") == f"{first}-feedback"
    assert tab.locator(f"#{first}-0").is_disabled()  # no second guess after seeing the answer
    assert tab.locator("#quiz-result").inner_text() == ""  # nothing submitted yet
    # The rest answered right and submitted: the checked question keeps its wrong answer.
    answer(tab, quiz.questions[1:], RIGHT[1:])
    tab.locator("button[type=submit]").click()
    assert "Your score: 7 of 8 points (87.5\u00a0%)." in tab.locator("#quiz-result").inner_text()
    assert errors == []


@in_browser
def test_shuffled_answers_move_but_keep_their_meaning(
    quiz_site: tuple[SiteTree, dict[str, Quiz]], phone_page: PhonePage
) -> None:
    site, quizzes = quiz_site
    quiz = quizzes["shuffled"]
    tab = phone_page()
    # Math.random() always 0: Fisher-Yates then turns [A, B, C] into [B, C, A].
    tab.add_init_script("Math.random = function () { return 0; };")
    tab.goto(quiz_url(site, quiz))
    labels = tab.locator(f"#{quiz.questions[0].id} .choice label").all_inner_texts()
    assert labels == ["A square", "A saw", "A sine"]
    true_false = tab.locator(f"#{quiz.questions[2].id} .choice label").all_inner_texts()
    assert true_false == ["True", "False"]  # never shuffled
    answer_and_submit(tab, quiz, RIGHT)
    assert "(100\u00a0%)" in tab.locator("#quiz-result").inner_text()
