"""The quiz model: each question type's rules, the quiz item and the course's grading policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from moocstudio.model import (
    AcceptedText,
    Choice,
    Course,
    GradedQuiz,
    GradingPolicy,
    Module,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Quiz,
    RichText,
    ShortAnswer,
    SingleChoice,
    new_id,
)
from moocstudio.model.store import load_course, save_course


def text(source: str) -> RichText:
    return RichText(source=source, html=f"<p>{source}</p>")


def choice(source: str, credit: float = 0.0) -> Choice:
    return Choice(text=text(source), credit=credit)


def single_choice(*choices: Choice) -> SingleChoice:
    return SingleChoice(id=new_id("question"), stem=text("Which?"), choices=list(choices))


def test_a_single_choice_question_needs_one_fully_right_choice() -> None:
    assert single_choice(choice("a", 1), choice("b", 0.5)).choices[0].correct
    with pytest.raises(ValidationError, match="full credit"):
        single_choice(choice("a", 0.5), choice("b"))


@pytest.mark.parametrize(
    ("credits", "valid"),
    [((0.5, 0.5, -1), True), ((1 / 3, 1 / 3, 1 / 3), True), ((0.5, 0.25, 0), False)],
)
def test_multiple_choice_credits_add_up_to_full_marks(
    credits: tuple[float, ...], valid: bool
) -> None:
    def make() -> MultipleChoice:
        return MultipleChoice(
            id=new_id("question"),
            stem=text("Tick"),
            choices=[choice(str(n), c) for n, c in enumerate(credits)],
        )

    if valid:
        assert make().scoring == "partial"
    else:
        with pytest.raises(ValidationError, match="add up to 75%"):
            make()


def test_a_numeric_answer_is_a_value_with_tolerance_or_a_range() -> None:
    around_pi = NumericAnswer(value=3.14, tolerance=0.01)
    assert around_pi.accepts(3.15) and not around_pi.accepts(3.16)
    one_to_five = NumericAnswer(minimum=1, maximum=5)
    assert one_to_five.is_range and one_to_five.bounds == (1, 5)
    for bad in ({}, {"value": 1, "minimum": 0, "maximum": 2}, {"minimum": 5, "maximum": 1}):
        with pytest.raises(ValidationError):
            NumericAnswer(**bad)
    with pytest.raises(ValidationError, match="full credit"):
        Numeric(id=new_id("question"), stem=text("n"), answers=[NumericAnswer(value=1, credit=0.5)])


def test_short_answers_compare_trimmed_and_case_insensitive_unless_asked() -> None:
    answers = [AcceptedText(text="Paris"), AcceptedText(text="Lutèce", credit=0.5)]
    question = ShortAnswer(id=new_id("question"), stem=text("Capital?"), answers=answers)
    assert question.credit_for("  paris ") == 1
    assert question.credit_for("LUTÈCE") == 0.5
    assert question.credit_for("Lyon") == 0
    strict = question.model_copy(update={"case_sensitive": True})
    assert strict.credit_for("paris") == 0


def test_ordering_steps_must_differ() -> None:
    with pytest.raises(ValidationError, match="must all differ"):
        Ordering(id=new_id("question"), stem=text("Order"), items=["a", "a"])


def quiz_course() -> tuple[Course, Quiz, Quiz]:
    first = Quiz(
        id=new_id("quiz"),
        title="Check 1",
        questions=[single_choice(choice("a", 1), choice("b")) for _ in range(3)],
    )
    second = Quiz(id=new_id("quiz"), title="Check 2")
    course = Course(title="Graded", modules=[Module(title="M", items=[first, second])])
    return course, first, second


def test_every_quiz_counts_once_until_a_policy_names_some() -> None:
    course, first, second = quiz_course()
    assert first.total_points == 3
    assert course.graded_quizzes() == [(first, 1.0), (second, 1.0)]
    assert course.passing_percent == 50
    course.grading = GradingPolicy(
        quizzes=[GradedQuiz(quiz=second.id, weight=2)], passing_percent=60
    )
    assert course.graded_quizzes() == [(second, 2.0)]
    assert course.passing_percent == 60


def test_a_quiz_course_saves_and_loads_unchanged(tmp_path: Path) -> None:
    course, _, _ = quiz_course()
    save_course(tmp_path, course)
    assert load_course(tmp_path) == course
