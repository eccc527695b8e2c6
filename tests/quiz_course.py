"""A quiz with one question of every type, built with the model and the real rich-text renderer.

The GIFT importer lands separately, so the quiz is made here the way the app's editor makes
one: questions from the model, their text through ``render_rich_text`` (markdown with maths
and a picture, copied into the course's ``media/``). ``RIGHT`` and ``WRONG`` say how a learner
answers each question, in the terms a browser test acts on (see ``Answer``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
from PIL import Image

from moocstudio.build.labels import labels_for
from moocstudio.importers.pages import import_page
from moocstudio.importers.rich_text import render_rich_text
from moocstudio.model import (
    Course,
    GradingPolicy,
    Module,
    Page,
    Quiz,
    QuizSettings,
    RichText,
)
from moocstudio.model.ids import new_id
from moocstudio.model.questions import (
    AcceptedText,
    Choice,
    Matching,
    MatchPair,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

if TYPE_CHECKING:
    from playwright.sync_api import Frame
    from playwright.sync_api import Page as BrowserPage


@dataclass(frozen=True)
class Answer:
    """How to answer one question: tick these labels, type this text, pick these options.

    Attributes:
        tick: Labels of the radio buttons or checkboxes to check, as shown.
        type: Text to type in the answer box.
        pick: For each select (prompt or step, in order), the option to choose, as shown.
    """

    tick: tuple[str, ...] = ()
    type: str = ""
    pick: tuple[str, ...] = ()


def _text(source: str, folder: Path) -> RichText:
    return render_rich_text(source, folder=folder, base_file=folder / "quiz.md").text


def every_type_quiz(folder: Path, settings: QuizSettings | None = None) -> Quiz:
    """A quiz in ``folder`` (a course folder) with one question of each of the seven types.

    Points: 1 each, but the numeric question is worth 2 (total 8).
    """
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), (30, 90, 160)).save(folder / "wave.png")
    stem = render_rich_text(
        "Which wave is drawn here?\n\n![A blue square standing for a wave](wave.png)",
        folder=folder,
        base_file=folder / "quiz.md",
    )
    t = lambda source: _text(source, folder)  # noqa: E731 (a short local alias)
    questions = [
        SingleChoice(
            id=new_id("question"),
            stem=stem.text,
            choices=[
                Choice(text=t("A sine"), credit=1, feedback=t("Yes: a *sine*.")),
                Choice(text=t("A square"), feedback=t("No: look at the edges.")),
                Choice(text=t("A saw")),
            ],
            general_feedback=t("Waves have shapes."),
            hint=t("It is smooth."),
        ),
        MultipleChoice(
            id=new_id("question"),
            stem=t("Which numbers are prime?"),
            choices=[
                Choice(text=t("2"), credit=0.5),
                Choice(text=t("3"), credit=0.5),
                Choice(text=t("4"), credit=-0.5, feedback=t("4 = 2 × 2.")),
            ],
        ),
        TrueFalse(
            id=new_id("question"),
            stem=t("$e^{i\\pi} + 1 = 0$"),
            answer=True,
            feedback_false=t("It is Euler's identity."),
        ),
        Numeric(
            id=new_id("question"),
            stem=t("What is $\\pi$ to two decimals?"),
            points=2,
            answers=[
                NumericAnswer(value=3.14, tolerance=0.005),
                NumericAnswer(minimum=3, maximum=3.3, credit=0.5, feedback=t("Close.")),
            ],
        ),
        ShortAnswer(
            id=new_id("question"),
            stem=t("Name the capital of France."),
            answers=[AcceptedText(text="Paris")],
        ),
        Matching(
            id=new_id("question"),
            stem=t("Match each country with its capital."),
            pairs=[
                MatchPair(prompt=t("France"), answer="Paris"),
                MatchPair(prompt=t("Italy"), answer="Rome"),
            ],
            distractors=["Lyon"],
        ),
        Ordering(
            id=new_id("question"),
            stem=t("Put the steps in order."),
            items=["Plan", "Write", "Publish"],
        ),
    ]
    return Quiz(
        id=new_id("quiz"),
        title="Check your understanding",
        questions=questions,
        settings=settings or QuizSettings(),
        introduction="<p>Eight points in all.</p>",
        images=stem.images,
    )


RIGHT = (
    Answer(tick=("A sine",)),
    Answer(tick=("2", "3")),
    Answer(tick=("True",)),
    Answer(type="3,14"),  # a French learner's decimal comma is understood
    Answer(type=" paris "),
    Answer(pick=("Paris", "Rome")),
    Answer(pick=("Plan", "Write", "Publish")),
)
"""Every question answered right: 8 of 8 points."""

WRONG = (
    Answer(tick=("A square",)),
    Answer(tick=("2", "4")),  # 0.5 - 0.5 = 0
    Answer(tick=("False",)),
    Answer(type="3.2"),  # in the range: half of 2 points
    Answer(type="Lyon"),
    Answer(pick=("Paris", "Lyon")),  # one of two: half a point
    Answer(pick=("Write", "Plan", "Publish")),  # one step of three in place
)
"""Mostly wrong: 0 + 0 + 0 + 1 + 0 + 0.5 + 1/3 = 1.83 of 8 points (22.9 %)."""


def quiz_course(
    folder: Path,
    quizzes: list[Quiz],
    *,
    with_page: bool = True,
    grading: GradingPolicy | None = None,
) -> Course:
    """A course in ``folder`` with one module: a short page (when asked), then ``quizzes``."""
    folder.mkdir(parents=True, exist_ok=True)
    items: list[Page | Quiz] = []
    if with_page:
        source = folder / "intro.md"
        source.write_text("# Before the quiz\n\nRead this first.\n", encoding="utf-8")
        items.append(import_page(folder, source).item)
    items.extend(quizzes)
    return Course(
        title="Quiz course", modules=[Module(title="Week 1", items=items)], grading=grading
    )


def two_question_quiz(folder: Path, title: str) -> Quiz:
    """A short quiz: a single choice ("Yes" is right) and a true/false ("True" is right)."""
    folder.mkdir(parents=True, exist_ok=True)
    t = lambda source: _text(source, folder)  # noqa: E731 (a short local alias)
    return Quiz(
        id=new_id("quiz"),
        title=title,
        questions=[
            SingleChoice(
                id=new_id("question"),
                stem=t("Is this the right answer?"),
                choices=[Choice(text=t("Yes"), credit=1), Choice(text=t("No"))],
            ),
            TrueFalse(id=new_id("question"), stem=t("This is true."), answer=True),
        ],
    )


BOTH_RIGHT = (Answer(tick=("Yes",)), Answer(tick=("True",)))
ONE_RIGHT = (Answer(tick=("Yes",)), Answer(tick=("False",)))
BOTH_WRONG = (Answer(tick=("No",)), Answer(tick=("False",)))


def right_answers(quiz: Quiz, language: str = "en") -> tuple[Answer, ...]:
    """How a learner answers every question of ``quiz`` for full marks, read off the model (the
    labels as a site in ``language`` shows them)."""
    labels = labels_for(language)
    return tuple(_right_answer(question, labels) for question in quiz.questions)


def _shown(text: RichText) -> str:
    """A rich text as its label reads (tags dropped, spaces collapsed)."""
    return " ".join(
        lxml.html.fragment_fromstring(text.html, create_parent="div").text_content().split()
    )


def _right_answer(question: Question, labels: Mapping[str, str]) -> Answer:
    if isinstance(question, SingleChoice | MultipleChoice):
        best = max(choice.credit for choice in question.choices)
        wanted = (
            (lambda c: c.credit == best)
            if isinstance(question, SingleChoice)
            else (lambda c: c.credit > 0)
        )
        return Answer(tick=tuple(_shown(c.text) for c in question.choices if wanted(c)))
    if isinstance(question, TrueFalse):
        return Answer(tick=(labels["answer_true" if question.answer else "answer_false"],))
    if isinstance(question, Numeric):
        full = next(a for a in question.answers if a.credit == 1)
        if full.value is not None:
            return Answer(type=f"{full.value:g}")
        assert full.minimum is not None and full.maximum is not None
        return Answer(type=f"{(full.minimum + full.maximum) / 2:g}")
    if isinstance(question, ShortAnswer):
        return Answer(type=next(a.text for a in question.answers if a.credit == 1))
    if isinstance(question, Matching):
        return Answer(pick=tuple(pair.answer for pair in question.pairs))
    return Answer(pick=tuple(question.items))


def answer(
    page: Frame | BrowserPage, questions: Sequence[Question], answers: Sequence[Answer]
) -> None:
    """Answer ``questions`` on their quiz's page (shown in ``page``) as ``answers`` say."""
    for question, given in zip(questions, answers, strict=True):
        fieldset = page.locator(f"#{question.id}")
        for label in given.tick:
            fieldset.get_by_label(label, exact=True).check()
        if given.type:
            fieldset.locator("input[type=text]").fill(given.type)
        for position, option in enumerate(given.pick):
            fieldset.locator("select").nth(position).select_option(label=option)


def answer_and_submit(page: Frame | BrowserPage, quiz: Quiz, answers: Sequence[Answer]) -> None:
    """Answer ``quiz`` on its page (shown in ``page``) as ``answers`` say, then submit it."""
    answer(page, quiz.questions, answers)
    page.locator("button[type=submit]").click()
