"""Graded quizzes in Open edX's SCORM XBlock: the grade the LMS's gradebook receives.

A course of two quizzes weighted 3 and 1 by its grading policy (passed at 50 %), exported as one
SCO, uploaded to the block in the workbench (lms_workbench.py, a server of this module's own) and
answered by a learner on a phone: the block must publish the weighted mean of each quiz's best
score once the course is passed. The block gives a failed attempt no grade at all (its
``get_grade``), which is the block's policy; this test shows where the grade ends up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scorm_block import FORMATS, LEARNER, LOCATION, RAW, VERDICT, ScormBlock, Workbench

from moocstudio.export.formats import ExportOptions, export_course
from moocstudio.model import GradedQuiz, GradingPolicy, Quiz
from tests.quiz_course import (
    BOTH_RIGHT,
    BOTH_WRONG,
    ONE_RIGHT,
    answer_and_submit,
    quiz_course,
    two_question_quiz,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quiz_packages(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, Path], Quiz, Quiz]:
    """The weighted two-quiz course as one SCO per format, and its two quizzes."""
    folder = tmp_path_factory.mktemp("quiz-course") / "course"
    warm_up, final = two_question_quiz(folder, "Warm-up"), two_question_quiz(folder, "Final")
    policy = GradingPolicy(
        quizzes=[GradedQuiz(quiz=warm_up.id, weight=3), GradedQuiz(quiz=final.id, weight=1)],
        passing_percent=50,
    )
    course = quiz_course(folder, [warm_up, final], with_page=False, grading=policy)
    out = tmp_path_factory.mktemp("packages")
    made = {
        result.format.name: result.path
        for result in export_course(folder, course, out, FORMATS, ExportOptions(sco="single"))
    }
    return made, warm_up, final


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_block_grades_the_weighted_best_quiz_scores(
    block: ScormBlock,
    workbench: Workbench,
    quiz_packages: tuple[dict[str, Path], Quiz, Quiz],
    fmt: str,
) -> None:
    packages, warm_up, final = quiz_packages
    scenario = f"{fmt}-single"
    block.upload(scenario, packages[fmt])
    tab = block.open(scenario)
    tab.follow(f'a[href="items/{warm_up.id}.html"]', LOCATION[fmt])
    answer_and_submit(tab.content(), warm_up, ONE_RIGHT)  # 3 x 0.5 of 4: 37.5 %
    tab.wait_set(RAW[fmt], "37.5")
    tab.follow("a[rel=next]", LOCATION[fmt])
    answer_and_submit(tab.content(), final, BOTH_WRONG)  # both taken, below 50 %
    tab.wait_set(VERDICT[fmt], "failed")
    assert block.stored(scenario)["success_status"] == "failed"
    # The block's own rule: failed is worth nothing, whatever the score.
    assert workbench.published(scenario, LEARNER, "grade")[-1] == {"value": 0.0, "max_value": 1.0}
    tab.follow("a[rel=prev]", LOCATION[fmt])
    answer_and_submit(tab.content(), warm_up, BOTH_RIGHT)  # its best is now 1: 75 %
    tab.wait_set(VERDICT[fmt], "passed")
    tab.leave()

    stored = block.stored(scenario)
    assert stored["success_status"] == "passed"
    assert stored["lesson_score"] == 0.75
    assert stored["lesson_status"] == "completed"
    grades = workbench.published(scenario, LEARNER, "grade")
    assert grades[-1] == {"value": 0.75, "max_value": 1.0}
    assert tab.errors == []
