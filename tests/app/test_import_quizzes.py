"""The window imports quizzes: a GIFT bank, and a page with the quizzes of its blocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from moocstudio.app.document import CourseDocument
from moocstudio.app.window import MainWindow
from moocstudio.model import Course
from tests.app.test_window import closable
from tests.importers.gift_corpus import TEACHER_BANK
from tests.waiting import EVENT_TIMEOUT_MS


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    main = MainWindow()
    qtbot.addWidget(main, before_close_func=closable)
    main.set_document(CourseDocument.create(tmp_path / "course", Course(title="Quiz"), main))
    yield main


def test_a_page_and_its_quiz_come_in_together_and_leave_in_one_undo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = tmp_path / "licences.md"
    page.write_text(
        "# Licences\n\n```quiz\n- question: CC0 waives every right.\n  answer: true\n```\n",
        encoding="utf-8",
    )
    window.import_files([page], "")
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=EVENT_TIMEOUT_MS)
    document = window.document
    assert document is not None
    assert [(i.kind, i.title) for i in document.course.all_items()] == [
        ("page", "Licences"), ("quiz", "Quiz: Licences"),
    ]  # fmt: skip
    document.undo_stack.undo()
    assert document.course.all_items() == []


def test_a_gift_bank_becomes_a_quiz(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    bank = tmp_path / "week-3.gift"
    bank.write_text(TEACHER_BANK, encoding="utf-8")
    window.import_files([bank], "")
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=EVENT_TIMEOUT_MS)
    assert window.document is not None
    (quiz,) = window.document.course.all_items()
    assert quiz.kind == "quiz" and quiz.title == "Week 3"
    assert [r.state for r in window.jobs.records] == ["done"]
