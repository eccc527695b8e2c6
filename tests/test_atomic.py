from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.atomic import atomic_output, atomic_outputs, atomic_write_bytes, replace_folder


def test_outputs_appear_together_only_on_success(tmp_path: Path) -> None:
    targets = [tmp_path / "a-360p.mp4", tmp_path / "a-720p.mp4"]
    with atomic_outputs(targets) as temps:
        assert [t.suffix for t in temps] == [".mp4", ".mp4"]
        assert all(t.parent == tmp_path and ".part" in t.name for t in temps)
        for temp in temps:
            temp.write_bytes(b"data")
        assert not any(t.exists() for t in targets)
    assert [t.read_bytes() for t in targets] == [b"data", b"data"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-360p.mp4", "a-720p.mp4"]


def test_failure_removes_temporaries_and_keeps_old_targets(tmp_path: Path) -> None:
    old = tmp_path / "poster.jpg"
    old.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(old) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("encoder died")
    assert old.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["poster.jpg"]


def test_keyboard_interrupt_also_cleans_up(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_output(tmp_path / "x.vtt") as temp:
        temp.write_text("WEBVTT")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_bytes_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "course.json"
    atomic_write_bytes(target, b"1")
    atomic_write_bytes(target, b"2")
    assert target.read_bytes() == b"2"


def test_a_failed_rename_puts_every_old_target_back(tmp_path: Path) -> None:
    first, second = tmp_path / "a.vtt", tmp_path / "a.srt"
    first.write_text("old vtt")
    second.mkdir()  # a folder where a file should go: its rename fails
    (second / "keep").write_text("x")
    with pytest.raises(OSError), atomic_outputs([first, second]) as temps:
        temps[0].write_text("new vtt")
        temps[1].write_text("new srt")
    assert first.read_text() == "old vtt"
    assert (second / "keep").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.srt", "a.vtt"]


def _folder(path: Path, **files: str) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text)
    return path


def test_replace_folder_puts_the_new_folder_in_place_and_drops_the_old(tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    replace_folder(_folder(tmp_path / ".staged-1", a="first"), target)
    assert [p.name for p in tmp_path.iterdir()] == ["schemas"]
    replace_folder(_folder(tmp_path / ".staged-2", b="second"), target)
    assert [p.name for p in tmp_path.iterdir()] == ["schemas"]
    assert {p.name: p.read_text() for p in target.iterdir()} == {"b": "second"}


def test_replace_folder_puts_the_old_folder_back_when_the_new_cannot_move_in(
    tmp_path: Path,
) -> None:
    target = _folder(tmp_path / "schemas", a="old")
    with pytest.raises(FileNotFoundError):
        replace_folder(tmp_path / ".staged-gone", target)  # vanished before the swap
    assert [p.name for p in tmp_path.iterdir()] == ["schemas"]
    assert (target / "a").read_text() == "old"
