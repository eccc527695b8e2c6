"""The sample course's bilingual quiz: every line imports, and it reads back from GIFT whole."""

from __future__ import annotations

from pathlib import Path

from moocstudio.export.gift import quiz_to_gift
from moocstudio.importers.gift import read_gift
from moocstudio.importers.quiz_texts import QuizTexts
from moocstudio.model import Course, LicenceId, Module
from moocstudio.model.store import create_course
from moocstudio.sample import SAMPLE_OUTLINE, SAMPLE_QUIZ_MODULE, add_sample_quiz


def test_the_sample_quiz_goes_at_the_end_of_the_last_module(tmp_path: Path) -> None:
    course = Course(title="Introduction à l'accès ouvert", language="fr", licence=LicenceId.CC0_1_0)
    create_course(tmp_path, course)
    for title, _objectives, _files in SAMPLE_OUTLINE:
        course.modules.append(Module(title=title))
    quiz = add_sample_quiz(tmp_path, course)
    assert course.modules[-1].title == SAMPLE_QUIZ_MODULE
    assert course.modules[-1].items == [quiz]
    assert [q.type for q in quiz.questions] == [
        "multiple_choice", "single_choice", "true_false", "short_answer", "numeric", "matching",
    ]  # fmt: skip
    assert quiz.settings.show_feedback == "immediately"
    assert quiz.licence is None  # CC0, like the whole sample
    for question in quiz.questions:  # French first, then the English in italics
        assert "<em>" in question.stem.html, question.stem.source
    assert course.graded_quizzes() == [(quiz, 1.0)]


def test_the_sample_quiz_round_trips(tmp_path: Path) -> None:
    course = Course(title="t")
    create_course(tmp_path, course)
    quiz = add_sample_quiz(tmp_path, course)
    texts = QuizTexts(tmp_path, tmp_path / "again.gift")
    again = read_gift(quiz_to_gift(quiz), texts, source_name="again.gift")
    assert again.warnings == []
    assert [q.model_dump(exclude={"id"}) for q in again.questions] == [
        q.model_dump(exclude={"id"}) for q in quiz.questions
    ]
