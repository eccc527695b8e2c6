"""The course's grading policy as Open edX's: assignment types, their weights, the cutoff.

Open edX grades a course by assignment type: each type's subsections are averaged, and the
types' averages are weighted (``GRADER`` in ``grading_policy.json``); a subsection counts when
it is ``graded="true"`` with its type as ``format``. Quizzes of equal weight share one type
(their average weighted by their total weight equals their weighted sum), so the course grade
is exactly the grading policy's weighted mean of quiz scores. The course passes at the
policy's passing grade (``GRADE_CUTOFFS``).
"""

from __future__ import annotations

from moocstudio.export.quiz_text import number_text
from moocstudio.model import Course

QUIZ_TYPE = "Quiz"
QUIZ_LABEL = "Q"
DEFAULT_POLICY: dict[str, object] = {
    "GRADER": [
        {"type": "Homework", "short_label": "HW", "min_count": 1, "drop_count": 0, "weight": 1.0}
    ],
    "GRADE_CUTOFFS": {"Pass": 0.5},
}
"""A course without graded quizzes still needs a policy: one grader whose weights sum to 1 and
a cutoff (olxcleaner checks both; Open edX's own default has this shape). No subsection is
graded, so this grader never counts anything."""


def _types(course: Course) -> dict[float, str]:
    """One assignment type per distinct quiz weight, in course order."""
    weights = list(dict.fromkeys(weight for _quiz, weight in course.graded_quizzes()))
    if len(weights) == 1:
        return {weights[0]: QUIZ_TYPE}
    return {weight: f"{QUIZ_TYPE} (weight {number_text(weight)})" for weight in weights}


def grader_formats(course: Course) -> dict[str, str]:
    """Each graded quiz's assignment type (its subsection's ``format``), by quiz id."""
    types = _types(course)
    return {quiz.id: types[weight] for quiz, weight in course.graded_quizzes()}


def grading_policy(course: Course) -> dict[str, object]:
    """``grading_policy.json`` for ``course``."""
    graded = course.graded_quizzes()
    if not graded:
        return DEFAULT_POLICY
    total = sum(weight for _quiz, weight in graded)
    graders = []
    for number, (weight, name) in enumerate(_types(course).items(), 1):
        count = sum(1 for _quiz, quiz_weight in graded if quiz_weight == weight)
        graders.append(
            {
                "type": name,
                "short_label": QUIZ_LABEL if number == 1 else f"{QUIZ_LABEL}{number}",
                "min_count": count,
                "drop_count": 0,
                "weight": round(weight * count / total, 6),
            }
        )
    return {"GRADER": graders, "GRADE_CUTOFFS": {"Pass": round(course.passing_percent / 100, 4)}}
