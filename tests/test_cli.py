from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

import moocstudio
from moocstudio.model.store import load_course

CLIP_SECONDS = 1.0


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process, as a user would."""
    # The child imports the same moocstudio as these tests, installed or from the checkout.
    package_root = str(Path(moocstudio.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": package_root}
    return subprocess.run(
        [sys.executable, "-m", "moocstudio", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "Cours été"
    result = run_cli(
        "new", folder, "--title", "Science ouverte", "--language", "fr", "--licence", "cc-by-sa-4.0"
    )
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "Pourquoi l'accès ouvert ?"
    slide.placeholders[1].text = "Parce que le savoir est un bien commun."
    slide.notes_slide.notes_text_frame.text = "Dire bonjour."
    path = tmp_path / "deck.pptx"
    presentation.save(path)
    return path


def test_version_is_printed() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("moocstudio, version ")


def test_new_creates_a_course_with_the_given_metadata(course: Path) -> None:
    loaded = load_course(course)
    assert loaded.title == "Science ouverte"
    assert loaded.language == "fr"
    assert loaded.licence.value == "CC-BY-SA-4.0"
    assert (course / "media").is_dir()


def test_new_refuses_an_existing_course(course: Path) -> None:
    result = run_cli("new", course, "--title", "Autre")
    assert result.returncode == 2
    assert "a course already exists here" in result.stderr
    assert "Traceback" not in result.stderr
    assert load_course(course).title == "Science ouverte"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--licence", "GPL"], "unknown licence 'GPL'; use one of CC-BY-4.0"),
        (["--language", "french"], "invalid language"),
    ],
)
def test_new_rejects_bad_metadata(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli("new", tmp_path / "c", "--title", "T", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "c" / "course.json").exists()


def test_add_detects_each_kind_by_content(
    course: Path, deck: Path, tmp_path: Path, make_clip
) -> None:
    page = tmp_path / "lecture notes.txt"  # markdown with an unusual extension
    page.write_text("# Lire la suite\n\nDu texte.", encoding="utf-8")
    video = make_clip("talk", seconds=CLIP_SECONDS)
    renamed = video.rename(video.with_suffix(".bin"))
    result = run_cli("add", course, deck, page, renamed, "--module", "Semaine 1")
    assert result.returncode == 0, result.stderr
    kinds = [item.kind for item in load_course(course).modules[0].items]
    assert kinds == ["slides", "page", "video"]
    assert "Added slides “Pourquoi l'accès ouvert ?” (1 slide)" in result.stdout


def test_add_reports_bad_files_and_keeps_the_good_ones(
    course: Path, deck: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "lecture.mp4"
    fake.write_text("not a video at all", encoding="utf-8")
    missing = tmp_path / "nope.md"
    result = run_cli("add", course, fake, deck, missing)
    assert result.returncode == 2
    assert "lecture.mp4" in result.stderr
    assert "nope.md" in result.stderr
    assert "Traceback" not in result.stderr
    items = load_course(course).all_items()
    assert [item.kind for item in items] == ["slides"]


def test_add_to_a_folder_without_a_course(tmp_path: Path, deck: Path) -> None:
    result = run_cli("add", tmp_path, deck)
    assert result.returncode == 2
    assert "course.json: no course here" in result.stderr


def test_info_prints_the_outline_with_durations_and_licences(
    course: Path, deck: Path, make_clip
) -> None:
    run_cli("add", course, deck, make_clip("intro", seconds=2.0), "--module", "Semaine 1")
    result = run_cli("info", course)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "Science ouverte"
    assert "language fr · licence CC BY-SA 4.0 · 1 module, 2 items, 0:02 of media" in out
    assert "1. Semaine 1" in out
    assert "1.1 slides “Pourquoi l'accès ouvert ?” (1 slide) · CC BY-SA 4.0" in out
    assert "1.2 video “Intro” (0:02, 320x240 h264, audio aac) · CC BY-SA 4.0" in out


def test_info_on_a_corrupt_course_names_file_and_line(course: Path) -> None:
    (course / "course.json").write_text('{"title": }', encoding="utf-8")
    result = run_cli("info", course)
    assert result.returncode == 2
    assert "course.json: is not valid JSON at line 1, column 11" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run_cli("--debug", "info", tmp_path)
    assert result.returncode == 2
    assert "Traceback" in result.stderr
    assert "no course here" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "No such command" in result.stderr


def test_demo_builds_the_sample_course(tmp_path: Path) -> None:
    result = run_cli("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "moocstudio-demo"
    course = load_course(folder)
    kinds = [item.kind for item in course.all_items()]
    assert kinds == ["slides", "video", "page", "page"]
    assert "Introduction à l'accès ouvert" in result.stdout
    assert "licence CC0 1.0" in result.stdout
    data = json.loads((folder / "course.json").read_text(encoding="utf-8"))
    assert data["language"] == "fr"
    again = run_cli("demo", cwd=tmp_path)
    assert again.returncode == 2
    assert "already exists" in again.stderr
