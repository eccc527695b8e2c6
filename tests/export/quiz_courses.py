"""Courses with quizzes, made through the model (and the real rich-text renderer) in a folder.

``quiz_course`` holds one question of every type with every optional part (feedback per
answer, general feedback, hints, a picture, partial credit, maths), a second graded quiz and
a practice quiz the grading policy leaves out; ``bank_course`` holds many questions for the
benchmark, with the same course without quizzes beside it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PIL import Image

from moocstudio.importers.dispatch import import_file
from moocstudio.importers.rich_text import render_rich_text
from moocstudio.model import Asset, Course, Module, Quiz, RichText
from moocstudio.model.ids import new_id
from moocstudio.model.questions import (
    AcceptedText,
    Choice,
    GradedQuiz,
    GradingPolicy,
    Matching,
    MatchPair,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    QuizSettings,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from moocstudio.model.store import create_course, save_course

PICTURE = "chart.png"


class QuizWriter:
    """Renders quiz texts as the importers do, gathering the pictures they copy."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.images: list[Asset] = []

    def text(self, source: str) -> RichText:
        rendered = render_rich_text(
            source,
            "markdown",
            folder=self.folder,
            base_file=self.folder / "quiz.md",
            known_images=self.images,
        )
        assert not rendered.warnings, rendered.warnings
        self.images += [image for image in rendered.images if image not in self.images]
        return rendered.text


def every_type(writer: QuizWriter) -> list[Question]:
    """One question of each type, each with its optional parts filled in."""
    t = writer.text
    return [
        SingleChoice(
            id=new_id("question"),
            title="Capital",
            stem=t(f"Which city is the capital of *France*?\n\n![A chart]({PICTURE})"),
            points=2,
            choices=[
                Choice(text=t("Paris"), credit=1, feedback=t("Yes: since 987.")),
                Choice(text=t("Lyon"), credit=0.5, feedback=t("Close: the second city.")),
                Choice(text=t('Marseille <& "Nice">'), feedback=t("No.")),
            ],
            general_feedback=t("Paris has been the capital for a thousand years."),
            hint=t("Think of the Eiffel Tower."),
        ),
        SingleChoice(
            id=new_id("question"),
            stem=t("Is $x^2 \\geq 0$ for every real $x$?"),
            choices=[Choice(text=t("Always"), credit=1), Choice(text=t("Not always"))],
        ),
        MultipleChoice(
            id=new_id("question"),
            title="Primes",
            stem=t("Tick the prime numbers."),
            choices=[
                Choice(text=t("2"), credit=0.5, feedback=t("Even, and prime.")),
                Choice(text=t("3"), credit=0.5),
                Choice(text=t("4"), credit=-0.5, feedback=t("4 = 2 × 2.")),
            ],
            general_feedback=t("A prime has exactly two divisors."),
        ),
        MultipleChoice(
            id=new_id("question"),
            stem=t("Tick the vowels."),
            scoring="all_or_nothing",
            choices=[
                Choice(text=t("a"), credit=0.5),
                Choice(text=t("e"), credit=0.5),
                Choice(text=t("k")),
            ],
        ),
        TrueFalse(
            id=new_id("question"),
            stem=t("The Earth is round."),
            answer=True,
            feedback_true=t("Right."),
            feedback_false=t("Look again."),
        ),
        Numeric(
            id=new_id("question"),
            title="Pi",
            stem=t("Give π to two decimals."),
            points=3,
            answers=[
                NumericAnswer(value=3.14, tolerance=0.01, feedback=t("Well done.")),
                NumericAnswer(value=3, credit=0.5, feedback=t("Only roughly.")),
            ],
        ),
        Numeric(
            id=new_id("question"),
            stem=t("A whole number from 1 to 5."),
            answers=[NumericAnswer(minimum=1, maximum=5)],
        ),
        ShortAnswer(
            id=new_id("question"),
            stem=t("Name the author of *Les Misérables*."),
            answers=[
                AcceptedText(text="Victor Hugo", feedback=t("Yes.")),
                AcceptedText(text="Hugo", credit=0.5),
            ],
            hint=t("Victor …"),
        ),
        ShortAnswer(
            id=new_id("question"),
            stem=t("Type the chemical symbol of sodium (case matters)."),
            answers=[AcceptedText(text="Na")],
            case_sensitive=True,
        ),
        Matching(
            id=new_id("question"),
            title="Countries",
            stem=t("Match each country with its capital."),
            pairs=[
                MatchPair(prompt=t("France"), answer="Paris"),
                MatchPair(prompt=t("Italy"), answer="Rome"),
                MatchPair(prompt=t("Spain"), answer="Madrid"),
            ],
            distractors=["Lisbon"],
        ),
        Ordering(
            id=new_id("question"),
            stem=t("Put the planets in order from the Sun."),
            items=["Mercury", "Venus", "Earth", "Mars"],
            points=4,
        ),
    ]


def _picture(folder: Path) -> None:
    Image.new("RGB", (40, 30), (200, 60, 60)).save(folder / PICTURE)


def quiz_course(folder: Path, language: str = "en") -> Course:
    """A saved course: a page and a graded quiz of every type, a second graded quiz, practice.

    The grading policy counts the first quiz twice and the second once, passing at 60 %; the
    practice quiz counts for nothing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    course = Course(title="Quizzes everywhere", language=language)
    create_course(folder, course)
    _picture(folder)
    writer = QuizWriter(folder)
    every = Quiz(
        id=new_id("quiz"),
        title="Every type",
        questions=every_type(writer),
        settings=QuizSettings(passing_percent=70, attempts=3, shuffle_answers=True),
        introduction="<p>Answer <em>every</em> question.</p>",
    )
    every.images = list(writer.images)
    second = Quiz(
        id=new_id("quiz"),
        title="Short check",
        questions=every_type(QuizWriter(folder))[4:6],
        settings=QuizSettings(attempts=1, show_feedback="never"),
    )
    practice = Quiz(
        id=new_id("quiz"),
        title="Practice",
        questions=every_type(QuizWriter(folder))[7:8],
        settings=QuizSettings(attempts=None, show_feedback="immediately"),
    )
    page_file = folder / "lesson.md"
    page_file.write_text("# The lesson\n\nRead this before the quiz.\n", encoding="utf-8")
    page = import_file(folder, page_file).item
    course.modules = [
        Module(title="Week 1", items=[page, every]),
        Module(title="Week 2", items=[second, practice]),
    ]
    course.grading = GradingPolicy(
        quizzes=[GradedQuiz(quiz=every.id, weight=2), GradedQuiz(quiz=second.id, weight=1)],
        passing_percent=60,
    )
    save_course(folder, course)
    return course


def bank_course(folder: Path, questions: int, *, with_quizzes: bool = True) -> Course:
    """A course of ten modules, each a page and (``with_quizzes``) a quiz: ``questions`` in all.

    The questions cycle through every type; without quizzes the same pages stay.
    """
    folder.mkdir(parents=True, exist_ok=True)
    course = Course(title="Question bank")
    create_course(folder, course)
    _picture(folder)
    writer = QuizWriter(folder)
    templates = every_type(writer)
    cycle = itertools.cycle(templates)
    per_module = -(-questions // 10)
    left = questions
    for number in range(1, 11):
        page_file = folder / f"lesson-{number}.md"
        page_file.write_text(f"# Lesson {number}\n\nSome text.\n", encoding="utf-8")
        module = Module(title=f"Module {number}", items=[import_file(folder, page_file).item])
        count = min(per_module, left)
        left -= count
        if with_quizzes and count:
            quiz = Quiz(
                id=new_id("quiz"),
                title=f"Quiz {number}",
                questions=[
                    next(cycle).model_copy(update={"id": new_id("question")}) for _ in range(count)
                ],
                images=list(writer.images),
            )
            module.items.append(quiz)
        course.modules.append(module)
    save_course(folder, course)
    return course
