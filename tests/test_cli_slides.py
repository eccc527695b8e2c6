"""``moocstudio add`` on decks that used to stop an import, and on files that are no deck.

The real command runs in a child process (``run_cli``), as a user runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.model.store import load_course
from tests.importers import pptx_corpus as corpus
from tests.test_cli import run_cli


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    result = run_cli("new", folder, "--title", "Robust slides")
    assert result.returncode == 0, result.stderr
    return folder


def test_the_mac_deck_that_stopped_the_import_is_added(course: Path, tmp_path: Path) -> None:
    deck = corpus.mac_pdf_placeholder(tmp_path / "Mac deck.pptx")
    result = run_cli("add", course, deck)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    [deck_item] = load_course(course).all_items()
    assert [slide.title for slide in deck_item.slides] == ["Where the data come from", ""]


def test_damaged_parts_are_warnings_and_debug_shows_why(course: Path, tmp_path: Path) -> None:
    deck = corpus.damaged_parts(tmp_path / "damaged.pptx")
    quiet = run_cli("add", course, deck)
    assert quiet.returncode == 0, quiet.stderr
    warnings = [line for line in quiet.stderr.splitlines() if "moocstudio: warning" in line]
    assert len(warnings) == 2
    assert "Traceback" not in quiet.stderr
    debug = run_cli("--debug", "add", course, deck)
    assert debug.returncode == 0, debug.stderr
    assert "could not read shape 'Chart 2' on slide 1" in debug.stderr
    assert "Traceback" in debug.stderr and "KeyError" in debug.stderr
    assert [len(item.slides) for item in load_course(course).all_items()] == [4, 4]


@pytest.mark.parametrize("damage", ["truncated", "not a zip"])
def test_a_file_that_is_no_readable_deck_is_one_line_and_the_course_is_untouched(
    course: Path, tmp_path: Path, damage: str
) -> None:
    whole = corpus.picture_formats(tmp_path / "whole.pptx").read_bytes()
    bad = tmp_path / "lecture.pptx"
    bad.write_bytes(whole[: len(whole) // 2] if damage == "truncated" else b"PK" + bytes(300))
    before = (course / "course.json").read_bytes()
    result = run_cli("add", course, bad)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"moocstudio: error: {bad}: ")  # the wording is the sniffer's
    assert (course / "course.json").read_bytes() == before
    media = course / "media"
    assert not media.exists() or list(media.iterdir()) == []
