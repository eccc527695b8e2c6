"""The course's grading policy as Open edX's grader: types, weights, counts, cutoff."""

from __future__ import annotations

import pytest

from moocstudio.export.olx_grading import DEFAULT_POLICY, grader_formats, grading_policy
from moocstudio.model import Course, Module, Quiz
from moocstudio.model.ids import new_id
from moocstudio.model.questions import GradedQuiz, GradingPolicy


def course_of(quizzes: int, grading: GradingPolicy | None = None) -> tuple[Course, list[Quiz]]:
    made = [Quiz(id=new_id("quiz"), title=f"Quiz {n}") for n in range(1, quizzes + 1)]
    course = Course(title="Graded", modules=[Module(title="Week", items=list(made))])
    course.grading = grading
    return course, made


def test_without_a_policy_every_quiz_counts_once_in_one_type() -> None:
    course, made = course_of(3)
    assert grading_policy(course) == {
        "GRADER": [
            {"type": "Quiz", "short_label": "Q", "min_count": 3, "drop_count": 0, "weight": 1.0}
        ],
        "GRADE_CUTOFFS": {"Pass": 0.5},
    }
    assert grader_formats(course) == {quiz.id: "Quiz" for quiz in made}


def test_weights_become_types_whose_weights_give_the_weighted_mean() -> None:
    course, (first, second, third, practice) = course_of(4)
    course.grading = GradingPolicy(
        quizzes=[
            GradedQuiz(quiz=first.id, weight=3),
            GradedQuiz(quiz=second.id, weight=1),
            GradedQuiz(quiz=third.id, weight=1),
        ],
        passing_percent=75,
    )
    policy = grading_policy(course)
    graders = policy["GRADER"]
    assert isinstance(graders, list)
    assert [(g["type"], g["min_count"]) for g in graders] == [
        ("Quiz (weight 3)", 1),
        ("Quiz (weight 1)", 2),
    ]
    # 3/5 for the first quiz's type, 2/5 for the average of the other two: their weighted mean.
    assert [g["weight"] for g in graders] == [pytest.approx(0.6), pytest.approx(0.4)]
    assert sum(g["weight"] for g in graders) == pytest.approx(1.0)
    assert policy["GRADE_CUTOFFS"] == {"Pass": 0.75}
    assert practice.id not in grader_formats(course)


def test_a_course_without_quizzes_keeps_the_default_policy() -> None:
    course, _made = course_of(0)
    assert grading_policy(course) is DEFAULT_POLICY
