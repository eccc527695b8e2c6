"""The command line with quizzes: add a GIFT bank or a page with quiz blocks, write GIFT back."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.model import Page, Quiz
from moocstudio.model.store import load_course
from tests.importers.gift_corpus import MOODLE_EXPORT, TEACHER_BANK
from tests.test_cli import run_cli


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    result = run_cli("new", folder, "--title", "Biologie", "--language", "fr")
    assert result.returncode == 0, result.stderr
    return folder


def test_add_a_moodle_export_and_a_teachers_bank(tmp_path: Path, course: Path) -> None:
    moodle = tmp_path / "questions-Biology-20261204-1200.txt"
    moodle.write_text(MOODLE_EXPORT, encoding="utf-8")
    bank = tmp_path / "week-3.gift"
    bank.write_text(TEACHER_BANK, encoding="utf-8")
    result = run_cli("add", course, moodle, bank, "--module", "Quizzes")
    assert result.returncode == 0, result.stderr
    assert "Added quiz “Cells” (6 questions, 6 points) to “Quizzes”" in result.stdout
    assert "Added quiz “Week 3” (8 questions, 8 points) to “Quizzes”" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2 and all(moodle.name in line for line in warnings)
    quizzes = load_course(course).modules[0].items
    assert [type(item) for item in quizzes] == [Quiz, Quiz]


def test_a_page_with_a_quiz_block_adds_the_quiz_after_it(tmp_path: Path, course: Path) -> None:
    page = tmp_path / "licences.md"
    page.write_text(
        "# Licences\n\nText.\n\n```quiz\n- question: CC0 is a waiver.\n  answer: true\n```\n",
        encoding="utf-8",
    )
    video_page = tmp_path / "after.md"
    video_page.write_text("# After\n", encoding="utf-8")
    result = run_cli("add", course, page, video_page)
    assert result.returncode == 0, result.stderr
    items = load_course(course).modules[0].items
    assert [(type(item), item.title) for item in items] == [
        (Page, "Licences"), (Quiz, "Quiz: Licences"), (Page, "After"),
    ]  # fmt: skip


def test_a_bank_without_questions_adds_nothing_and_exits_2(tmp_path: Path, course: Path) -> None:
    bank = tmp_path / "essays.gift"
    bank.write_text("Discuss.{}\n", encoding="utf-8")
    before = (course / "course.json").read_bytes()
    result = run_cli("add", course, bank)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"moocstudio: error: {bank}: holds no question moocstudio can import (essays.gift, "
        "line 1: essay questions ('{}') are not graded by moocstudio; left out)"
    ]
    assert (course / "course.json").read_bytes() == before


def test_export_gift_writes_what_add_reads_back(tmp_path: Path, course: Path) -> None:
    bank = tmp_path / "week-3.gift"
    bank.write_text(TEACHER_BANK, encoding="utf-8")
    assert run_cli("add", course, bank).returncode == 0
    result = run_cli("export-gift", course, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    written = tmp_path / "out" / "Week-3.gift"
    assert result.stdout.strip() == f"Wrote {written}"
    again = run_cli("add", course, written)
    assert again.returncode == 0 and again.stderr == ""
    first, second = load_course(course).modules[0].items
    assert isinstance(first, Quiz) and isinstance(second, Quiz)
    assert [q.model_dump(exclude={"id"}) for q in first.questions] == [
        q.model_dump(exclude={"id"}) for q in second.questions
    ]


def test_export_gift_of_an_unknown_quiz_exits_2_and_writes_nothing(
    tmp_path: Path, course: Path
) -> None:
    result = run_cli("export-gift", course, "--quiz", "Week 9", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "has no quiz to write" in result.stderr
    assert not (tmp_path / "out").exists()
