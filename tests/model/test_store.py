from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from moocstudio.errors import CourseFileError, MoocstudioError
from moocstudio.model import SCHEMA_VERSION, Course, Module
from moocstudio.model.migrations import MigrationError, migrate
from moocstudio.model.store import (
    add_asset,
    add_asset_bytes,
    asset_path,
    course_file,
    create_course,
    load_course,
    safe_file_name,
    save_course,
)


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "Mon cours"
    create_course(folder, Course(title="Cours", language="fr", modules=[Module(title="M1")]))
    return folder


def test_save_then_load_gives_the_same_course(course_dir: Path) -> None:
    course = load_course(course_dir)
    course.description = "Écrit à l'été"
    save_course(course_dir, course)
    assert load_course(course_dir) == course


def test_save_keeps_one_backup_of_the_previous_file(course_dir: Path) -> None:
    first = course_file(course_dir).read_bytes()
    course = load_course(course_dir)
    course.title = "Deuxième"
    save_course(course_dir, course)
    backup = course_dir / "course.json.bak"
    assert backup.read_bytes() == first
    course.title = "Troisième"
    save_course(course_dir, course)
    assert json.loads(backup.read_text(encoding="utf-8"))["title"] == "Deuxième"
    assert sorted(p.name for p in course_dir.iterdir()) == [
        "course.json",
        "course.json.bak",
        "media",
    ]


def test_save_updates_modified_time(course_dir: Path) -> None:
    course = load_course(course_dir)
    course.modified = course.modified.replace(year=2000)
    save_course(course_dir, course)
    assert load_course(course_dir).modified.year >= 2026


def test_saved_file_is_readable_by_others_like_a_normal_file(course_dir: Path) -> None:
    # mkstemp makes 0600 files; the course must keep the usual umask-based mode.
    mode = course_file(course_dir).stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_failed_save_leaves_previous_file_and_no_temp_files(course_dir: Path) -> None:
    """A real write failure (file size limit, like a full disk) in a child process."""
    before = course_file(course_dir).read_bytes()
    writer = textwrap.dedent(
        f"""
        import resource, signal
        from pathlib import Path
        from moocstudio.model import SCHEMA_VERSION, Course, Module
        from moocstudio.model.store import CourseFileError, save_course
        big = Course(title="Big", modules=[Module(title="m" * 2000) for _ in range(100)])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (len({before!r}) + 100, resource.RLIM_INFINITY))
        try:
            save_course(Path({str(course_dir)!r}), big)
        except CourseFileError as exc:
            print("failed:", exc.user_message)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", writer],
        capture_output=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert out.stdout.startswith(b"failed:"), out.stderr
    assert b"course.json" in out.stdout and b"previous version is unchanged" in out.stdout
    assert course_file(course_dir).read_bytes() == before
    assert not [p for p in course_dir.iterdir() if ".part" in p.name]


def test_interrupted_save_leaves_the_previous_course_intact(course_dir: Path) -> None:
    """Kill a real process while it saves a large course over and over: the file stays whole."""
    previous = load_course(course_dir)
    writer = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from moocstudio.model import SCHEMA_VERSION, Course, Module
        from moocstudio.model.store import save_course
        big = Course(
            id={previous.id!r}, title="Big", modules=[Module(title="m" * 2000) for _ in range(3000)]
        )
        while True:
            save_course(Path({str(course_dir)!r}), big)
            print("saved", flush=True)
        """
    )
    # Killed after its 1st, 2nd and 3rd whole save: it is then writing the next one, as it does
    # nearly all the time (events, not timers: a busy machine only makes the saves slower).
    for saves in (1, 2, 3):
        proc = subprocess.Popen(
            [sys.executable, "-c", writer], stdout=subprocess.PIPE, cwd=Path(__file__).parents[2]
        )
        assert proc.stdout is not None
        for _ in range(saves):
            assert proc.stdout.readline().strip() == b"saved"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        loaded = load_course(course_dir)  # never a torn file: a whole save of the big course
        assert (loaded.id, loaded.title) == (previous.id, "Big")
    leftovers = [p for p in course_dir.iterdir() if ".part" in p.name]
    # A killed process cannot clean up after itself; the stray temp is named to be ignored.
    assert all(p.name.startswith(".course.") for p in leftovers)


def test_missing_course_json_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CourseFileError, match=r"course\.json: no course here"):
        load_course(tmp_path)


def test_corrupt_json_names_line_and_is_not_overwritten(course_dir: Path) -> None:
    broken = b'{\n  "title": "x",\n  "modules": [,]\n}\n'
    course_file(course_dir).write_bytes(broken)
    with pytest.raises(CourseFileError, match="line 3, column 15"):
        load_course(course_dir)
    assert course_file(course_dir).read_bytes() == broken


def test_invalid_field_is_named_with_its_path(course_dir: Path) -> None:
    data = json.loads(course_file(course_dir).read_text(encoding="utf-8"))
    data["modules"][0]["items"] = [{"kind": "page", "id": "page-000000000000", "title": "t"}]
    course_file(course_dir).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CourseFileError, match=r"modules\[0\]\.items\[0\]\.page\.source"):
        load_course(course_dir)


def test_newer_schema_version_is_refused_and_file_kept(course_dir: Path) -> None:
    data = json.loads(course_file(course_dir).read_text(encoding="utf-8"))
    data["schema_version"] = 99
    text = json.dumps(data)
    course_file(course_dir).write_text(text, encoding="utf-8")
    with pytest.raises(CourseFileError, match="newer moocstudio"):
        load_course(course_dir)
    assert course_file(course_dir).read_text(encoding="utf-8") == text


def test_a_version_1_course_opens_and_is_saved_as_the_current_version(course_dir: Path) -> None:
    data = json.loads(course_file(course_dir).read_text(encoding="utf-8"))
    data["schema_version"] = 1
    course_file(course_dir).write_text(json.dumps(data), encoding="utf-8")
    course = load_course(course_dir)
    assert course.title == "Cours"
    save_course(course_dir, course)
    saved = json.loads(course_file(course_dir).read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION == 3


@pytest.mark.parametrize("content", [b"", b"[1, 2]", b"\xff\xfe{}", b'{"title": "x"}'])
def test_unreadable_course_json_gives_a_clear_error(course_dir: Path, content: bytes) -> None:
    course_file(course_dir).write_bytes(content)
    with pytest.raises(CourseFileError) as excinfo:
        load_course(course_dir)
    assert str(course_file(course_dir)) in excinfo.value.user_message


def test_migration_hook_applies_steps_in_order() -> None:
    def rename_tagline(data: dict[str, object]) -> dict[str, object]:
        data["subtitle"] = data.pop("tagline", "")
        return data

    def lower_keywords(data: dict[str, object]) -> dict[str, object]:
        data["keywords"] = [str(k).lower() for k in data["keywords"]]  # type: ignore[attr-defined]
        return data

    steps = {1: rename_tagline, 2: lower_keywords}
    out = migrate({"schema_version": 1, "tagline": "t", "keywords": ["A"]}, steps=steps, target=3)
    assert out == {"schema_version": 3, "subtitle": "t", "keywords": ["a"]}
    with pytest.raises(MigrationError, match="no migration from schema_version 1"):
        migrate({"schema_version": 1}, steps={}, target=2)
    with pytest.raises(MigrationError, match="positive integer"):
        migrate({"schema_version": "1"})


def test_create_refuses_to_replace_an_existing_course(course_dir: Path) -> None:
    before = course_file(course_dir).read_bytes()
    with pytest.raises(MoocstudioError, match="already exists"):
        create_course(course_dir, Course(title="Other"))
    assert course_file(course_dir).read_bytes() == before


def test_media_are_copied_once_per_content_and_sources_untouched(
    course_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "Leçon 1 'intro'.md"
    source.write_text("# Bonjour", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))
    twin = tmp_path / "copy.md"
    twin.write_bytes(source.read_bytes())
    first = add_asset(course_dir, source)
    second = add_asset(course_dir, twin)
    assert first.path == second.path
    assert asset_path(course_dir, first).read_text(encoding="utf-8") == "# Bonjour"
    assert len(list((course_dir / "media").iterdir())) == 1
    assert source.stat().st_mtime == 1_000_000
    assert first.original_name == "Leçon 1 'intro'.md"
    assert add_asset_bytes(course_dir, b"# Bonjour", "other.md").path == first.path


def test_missing_media_source_is_a_clear_error(course_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(MoocstudioError, match="nope.mp4: cannot be read"):
        add_asset(course_dir, tmp_path / "nope.mp4")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Vidéo finale.MP4", "Vidéo-finale.mp4"),
        ("a\x00b.png", "a-b.png"),
        ("....", "file"),
        ("e\u0301te\u0301.md", "été.md"),
    ],
)
def test_safe_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected
