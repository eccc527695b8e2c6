from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

import moocstudio
from moocstudio.export.formats import FORMATS
from moocstudio.export.validate import schemas_in_use
from moocstudio.model import Page, Quiz
from moocstudio.model.store import load_course
from tests.user_folders import UserFolders
from tests.waiting import EVENT_TIMEOUT_S

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
        timeout=EVENT_TIMEOUT_S,
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


def test_add_root_resolves_site_root_images_of_a_lesson(course: Path, tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"  # no repository or site marker: only --root says where
    (lessons / "fig").mkdir(parents=True)
    Image.new("RGB", (8, 8), "navy").save(lessons / "fig" / "plot.png")
    page = lessons / "week1" / "intro.md"
    page.parent.mkdir()
    page.write_text("# Intro\n\n![Plot](/fig/plot.png) $x^2$\n", encoding="utf-8")
    without = run_cli("add", course, page)
    assert without.returncode == 0, without.stderr
    assert f"warning: {page}: image /fig/plot.png was not found in" in without.stderr
    result = run_cli("add", course, page, "--root", lessons)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    added = load_course(course).all_items()[-1]
    assert isinstance(added, Page) and [i.original_name for i in added.images] == ["plot.png"]
    assert "<math" in added.html
    missing = run_cli("add", course, page, "--root", tmp_path / "nowhere")
    assert missing.returncode == 2 and "nowhere" in missing.stderr


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


def _entries(package: Path) -> list[str]:
    """The names in a zip or tar.gz package."""
    if zipfile.is_zipfile(package):
        with zipfile.ZipFile(package) as archive:
            return archive.namelist()
    with tarfile.open(package) as archive:
        return archive.getnames()


def test_demo_builds_the_sample_course(tmp_path: Path) -> None:
    result = run_cli("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "moocstudio-demo"
    course = load_course(folder)
    kinds = [item.kind for item in course.all_items()]
    assert kinds == ["slides", "video", "page", "page", "quiz"]
    (quiz,) = [item for item in course.all_items() if isinstance(item, Quiz)]
    assert "Introduction à l'accès ouvert" in result.stdout
    assert "licence CC0 1.0" in result.stdout
    data = json.loads((folder / "course.json").read_text(encoding="utf-8"))
    assert data["language"] == "fr"
    packages = {
        line.split()[0]: line
        for line in result.stdout.splitlines()
        if ".moocstudio" not in line and "/packages/" in line
    }
    assert set(packages) == set(FORMATS)
    for name, line in packages.items():
        assert line.endswith(": valid"), line
        path = tmp_path / line.split()[1]  # relative to the folder demo ran in
        assert path.parent == folder / "packages" and path.is_file(), name
        # The sample's quiz is in every package: its page, its assessment, or its problems.
        marks = (quiz.id, *(question.id for question in quiz.questions))
        assert any(mark in entry for entry in _entries(path) for mark in marks), name
    again = run_cli("demo", cwd=tmp_path)
    assert again.returncode == 2
    assert "already exists" in again.stderr


# --- transcode and media --------------------------------------------------------------------


def test_transcode_makes_renditions_and_reports_bad_files(
    tmp_path: Path, make_clip, user_folders: UserFolders
) -> None:
    clip = make_clip("cours « été » 'v1'.mp4", seconds=1.0, size="960x540")
    fake = tmp_path / "notes.mp4"
    fake.write_text("not a video", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("transcode", clip, fake, clip, "-o", out)
    assert result.returncode == 2
    assert f"{clip}: given twice; done once" in result.stderr
    assert "notes.mp4" in result.stderr and "Traceback" not in result.stderr
    assert "1 of 2 files transcoded" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"cours « été » 'v1'-{label}.mp4" for label in ("360p", "540p")]


def test_transcode_twice_uses_the_cache(
    tmp_path: Path, make_clip, user_folders: UserFolders
) -> None:
    clip = make_clip("lesson.mp4", seconds=1.0, size="640x360")
    out = tmp_path / "out"
    first = run_cli("transcode", clip, "-o", out)
    assert first.returncode == 0, first.stderr
    made = (out / "lesson-360p.mp4").stat()
    second = run_cli("transcode", clip, "-o", out)
    assert second.returncode == 0, second.stderr
    assert "cached" in second.stderr
    assert (out / "lesson-360p.mp4").stat().st_size == made.st_size


def test_transcode_into_an_unwritable_place_fails_before_encoding(
    tmp_path: Path, make_clip, user_folders: UserFolders
) -> None:
    clip = make_clip("lesson.mp4", seconds=1.0)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("transcode", clip, "-o", blocker / "out")
    assert result.returncode == 2
    assert "cannot write the renditions here" in result.stderr
    assert not user_folders.cache.exists() or not any(user_folders.cache.rglob("*.mp4"))


class TerminalRun:
    """The real command in a pseudo-terminal, as a user at a terminal runs it.

    The progress bars are drawn live then (they are not, into a pipe), so the test sees what the
    user sees, the moment it is shown.
    """

    def __init__(self, *args: str | Path) -> None:
        import pty  # POSIX only: imported by the tests that are

        self._terminal, child_end = pty.openpty()
        package_root = str(Path(moocstudio.__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": package_root, "COLUMNS": "200", "TERM": "xterm"}
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moocstudio", *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=child_end,
            stderr=child_end,
            env=env,
        )
        os.close(child_end)
        self.shown = b""

    def wait_for(self, pattern: re.Pattern[bytes]) -> None:
        """Read what the command shows until ``pattern`` appears; fail if it ends first."""
        while not pattern.search(self.shown):
            if not self._read(EVENT_TIMEOUT_S):
                pytest.fail(f"never shown: {pattern.pattern!r}\n{self.text}")

    def finish(self) -> str:
        """Read everything until the command ends; its output, control sequences removed."""
        while self._read(EVENT_TIMEOUT_S):
            pass
        self.process.wait(timeout=EVENT_TIMEOUT_S)
        os.close(self._terminal)
        return self.text

    @property
    def text(self) -> str:
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.shown.decode("utf-8", "replace"))

    def _read(self, timeout: float) -> bool:
        """Add what the command shows next to ``shown``; False once it closed the terminal."""
        ready, _, _ = select.select([self._terminal], [], [], timeout)
        if not ready:
            pytest.fail(f"nothing shown for {timeout} s:\n{self.text}")
        try:
            chunk = os.read(self._terminal, 65536)
        except OSError:  # EIO on Linux: every process has closed the terminal
            chunk = b""
        self.shown += chunk
        return bool(chunk)


ENCODING_SHOWN = re.compile(rb"%\s+(?:\x1b\[[0-9;]*m)*encode\b")
"""A job's bar in the "encode" stage: ffmpeg's first ``-progress`` report has come."""


@pytest.mark.skipif(os.name != "posix", reason="Ctrl-C through a pseudo-terminal is POSIX")
def test_transcode_cancelled_with_ctrl_c_leaves_no_output(
    tmp_path: Path, make_long_clip, user_folders: UserFolders
) -> None:
    clip = make_long_clip("1280x720")  # minutes of encoding: the Ctrl-C lands while it encodes
    out = tmp_path / "out"
    run = TerminalRun("transcode", clip, "-o", out)
    run.wait_for(ENCODING_SHOWN)
    run.process.send_signal(signal.SIGINT)  # what the terminal sends on Ctrl-C
    shown = run.finish()
    assert run.process.returncode == 130, shown
    assert shown.rstrip().endswith("moocstudio: cancelled")
    assert not out.exists() or list(out.iterdir()) == []
    assert not [p for p in user_folders.cache.rglob("*") if p.is_file()]


def test_media_command_fills_in_the_course_videos(course: Path, make_clip, deck: Path) -> None:
    clip = make_clip("talk.mp4", seconds=2.0, size="960x540")
    assert run_cli("add", course, deck, clip).returncode == 0
    result = run_cli("media", course)
    assert result.returncode == 0, result.stderr
    video = load_course(course).all_items()[1]
    assert [r.label for r in video.renditions] == ["360p", "540p"]
    assert video.poster is not None and video.thumbnail is not None
    assert [(t.language, t.status) for t in video.subtitles] == [("fr", "draft")]
    for asset in [*(r.file for r in video.renditions), video.poster, video.subtitles[0].vtt]:
        assert (course / asset.path).is_file()
    assert video.subtitles[0].vtt.path.startswith("media/")  # authored: not in the cache
    assert "renditions 360p/540p, poster, subtitles fr (draft)" in result.stdout


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("truncated", "incomplete"),
        ("text", "text"),
        ("empty", "empty"),
        ("audio only", "audio only"),
    ],
)
def test_transcode_bad_input_is_one_clear_line_and_no_output(
    tmp_path: Path, make_clip, user_folders: UserFolders, kind: str, message: str
) -> None:
    bad = tmp_path / f"bad {kind}.mp4"
    if kind == "truncated":
        data = make_clip("whole.mp4", seconds=1.0).read_bytes()
        bad.write_bytes(data[: len(data) // 2])  # moov is written last: cut off
    elif kind == "text":
        bad.write_text("Notes de cours, pas une vidéo.", encoding="utf-8")
    elif kind == "empty":
        bad.write_bytes(b"")
    else:
        make_clip("voice.m4a", seconds=1.0, video=False).rename(bad)
    out = tmp_path / "out"
    result = run_cli("transcode", bad, "-o", out)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, result.stderr
    assert str(bad) in errors[0] and message in errors[0].lower(), errors[0]
    assert "Traceback" not in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_export_writes_an_offline_site_zip(course: Path, deck: Path, tmp_path: Path) -> None:
    assert run_cli("add", course, deck).returncode == 0
    out = tmp_path / "packages"
    result = run_cli("export", course, "--format", "site", "-o", out)
    assert result.returncode == 0, result.stderr
    package = out / "science-ouverte-site.zip"
    assert f"{package} (" in result.stdout and result.stdout.rstrip().endswith(": valid")
    with zipfile.ZipFile(package) as archive:
        assert {"index.html", "LICENSE.txt", "ATTRIBUTIONS.txt"} <= set(archive.namelist())


def test_a_book_in_folders_with_web_images_exports_valid_packages(
    course: Path, tmp_path: Path
) -> None:
    # The shape of a Jupyter Book's docs: pages in folders linking across them, a page with the
    # same file name in two folders, a badge on the web, a link to a page not added.
    book = tmp_path / "book"
    for folder in ("get-started", "build-and-publish"):
        (book / folder).mkdir(parents=True)
    (book / "myst.yml").write_text("version: 1\n", encoding="utf-8")
    (book / "get-started" / "index.md").write_text(
        "# Start\n\n![build](https://img.shields.io/badge/build-passing-green.svg)\n\n"
        "[Publish it](../build-and-publish/publish.md#web), [locally](publish.md), "
        "[the FAQ](../resources/faq.md).\n",
        encoding="utf-8",
    )
    (book / "get-started" / "publish.md").write_text("# Preview\n", encoding="utf-8")
    (book / "build-and-publish" / "publish.md").write_text("# Publish\n", encoding="utf-8")
    added = run_cli("add", course, *sorted(book.rglob("*.md")))
    assert added.returncode == 0, added.stderr
    assert "img.shields.io/badge/build-passing-green.svg is on the web; packages show a link" in (
        added.stderr
    )
    out = tmp_path / "packages"
    result = run_cli("export", course, "--format", "site", "--format", "olx", "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": valid") == 2
    assert "note: page “Start” links to ../resources/faq.md, which is no page of the course" in (
        result.stdout
    )
    pages = {page.lesson_path: page for page in load_course(course).all_items()}
    with zipfile.ZipFile(out / "science-ouverte-site.zip") as archive:
        start = archive.read(f"items/{pages['get-started/index.md'].id}.html").decode()
    assert f'href="{pages["build-and-publish/publish.md"].id}.html#web"' in start
    assert f'href="{pages["get-started/publish.md"].id}.html"' in start
    assert '<a href="https://img.shields.io/badge/build-passing-green.svg"' in start
    assert "faq.md" not in start and "the FAQ" in start


def test_validate_reports_a_good_and_a_broken_package(
    course: Path, deck: Path, tmp_path: Path
) -> None:
    assert run_cli("add", course, deck).returncode == 0
    out = tmp_path / "packages"
    assert run_cli("export", course, "-o", out).returncode == 0
    package = out / "science-ouverte-site.zip"
    good = run_cli("validate", package)
    assert good.returncode == 0, good.stdout
    assert re.fullmatch(
        rf"{re.escape(str(package))}: site package, \d+ files: valid", good.stdout.strip()
    )
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad:
        for name in source.namelist():
            if name != "LICENSE.txt":
                bad.writestr(name, source.read(name))
    # No licence is moocstudio's advice, not a platform's rule: a warning, exit 0 ...
    advised = run_cli("validate", tmp_path / "bad.zip")
    assert advised.returncode == 0, advised.stdout
    assert "  warning: no LICENSE.txt at the root" in advised.stdout
    assert advised.stdout.rstrip().endswith(": valid, 1 warning")
    # ... which --strict counts.
    strict = run_cli("validate", "--strict", tmp_path / "bad.zip")
    assert strict.returncode == 1
    assert strict.stdout.rstrip().endswith(": INVALID (1 warning, --strict)")
    # A page whose picture is missing is broken on every platform: an error.
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(tmp_path / "hole.zip", "w") as bad:
        for name in source.namelist():
            if not name.startswith("media/") or not name.endswith(".png"):
                bad.writestr(name, source.read(name))
    broken = run_cli("validate", tmp_path / "hole.zip")
    assert broken.returncode == 1
    assert re.search(r"  error: .*\.png points to a file that is not in the package", broken.stdout)
    assert re.search(r": INVALID \(\d+ errors?\)$", broken.stdout.rstrip())


def test_export_all_formats_and_per_item_scorm_each_valid(
    course: Path, deck: Path, tmp_path: Path
) -> None:
    assert run_cli("add", course, deck).returncode == 0
    out = tmp_path / "packages"
    result = run_cli("export", course, "--format", "all", "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  ")]
    assert [line.split()[0] for line in lines] == list(FORMATS)
    assert all(line.endswith(": valid") for line in lines), result.stdout
    assert "Open edX" not in result.stdout  # one SCO per package suits every player
    per_item = run_cli(
        "export", course, "--format", "scorm12", "--format", "scorm2004", "--sco", "per-item",
        "-o", out,
    )  # fmt: skip
    assert per_item.returncode == 0, per_item.stdout
    for name in ("science-ouverte-scorm12-per-item.zip", "science-ouverte-scorm2004-per-item.zip"):
        assert (out / name).is_file()
    scorm12, scorm2004 = re.split(r"\n(?=scorm2004 )", per_item.stdout.strip())
    open_edx = (
        "  note: Open edX's SCORM block takes one SCO per package: a package with one SCO per "
        "item stops after its first item. For Open edX, export the whole course as one SCO."
    )
    moodle = (
        "  note: Moodle tracks only one SCORM 2004 SCO per launch: later SCOs open but record "
        "nothing (error 104). For Moodle, export the whole course as one SCO, or SCORM 1.2 per "
        "item."
    )
    checked = f"  note: imsmanifest.xml checked against {schemas_in_use().describe()}"
    assert scorm12.splitlines()[1:] == [open_edx, checked]
    assert scorm2004.splitlines()[1:] == [open_edx, moodle, checked]
    olx = run_cli("validate", out / "science-ouverte-olx.tar.gz")
    assert (
        olx.returncode == 0
        and "olx package" in olx.stdout
        and olx.stdout.rstrip().endswith("valid")
    )
