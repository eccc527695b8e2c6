from __future__ import annotations

import os
from pathlib import Path

import pytest

from moocstudio.media.cache import OWNER_LOCK, DerivedCache, cache_key

fcntl = pytest.importorskip("fcntl", reason="flock is POSIX") if os.name == "posix" else None


def test_key_changes_with_source_recipe_and_tool() -> None:
    base = cache_key("a" * 64, "renditions", {"profile": "mobile", "hls": False}, "ffmpeg 9.0")
    assert base == cache_key(
        "a" * 64, "renditions", {"hls": False, "profile": "mobile"}, "ffmpeg 9.0"
    )
    assert base != cache_key(
        "b" * 64, "renditions", {"profile": "mobile", "hls": False}, "ffmpeg 9.0"
    )
    assert base != cache_key("a" * 64, "renditions", {"profile": "hd", "hls": False}, "ffmpeg 9.0")
    assert base != cache_key(
        "a" * 64, "renditions", {"profile": "mobile", "hls": False}, "ffmpeg 9.1"
    )
    assert base != cache_key("a" * 64, "poster", {"profile": "mobile", "hls": False}, "ffmpeg 9.0")


def test_filled_entry_is_found_with_its_files_and_meta(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path / "cache")
    key = cache_key("a" * 64, "poster", {}, "v")
    assert cache.lookup(key) is None
    with cache.fill(key, meta={"width": 640}) as pending:
        (pending.folder / "poster.jpg").write_bytes(b"jpeg")
        (pending.folder / "hls").mkdir()
        (pending.folder / "hls" / "master.m3u8").write_text("#EXTM3U")
        pending.meta["height"] = 360
    entry = cache.lookup(key)
    assert entry is not None
    assert set(entry.files) == {"poster.jpg", "hls/master.m3u8"}
    assert entry.meta == {"width": 640, "height": 360}
    assert entry.path("poster.jpg").read_bytes() == b"jpeg"


def test_failed_fill_leaves_nothing(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path)
    key = cache_key("a" * 64, "poster", {}, "v")
    with pytest.raises(RuntimeError), cache.fill(key) as pending:
        (pending.folder / "half.mp4").write_bytes(b"x")
        raise RuntimeError("ffmpeg died")
    assert cache.lookup(key) is None
    assert list(cache.entry_dir(key).parent.iterdir()) == []


def test_damaged_entry_is_a_miss_and_gets_replaced(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path)
    key = cache_key("a" * 64, "renditions", {}, "v")
    with cache.fill(key) as pending:
        (pending.folder / "a-720p.mp4").write_bytes(b"0123456789")
    (cache.entry_dir(key) / "a-720p.mp4").write_bytes(b"01234")  # truncated by hand
    assert cache.lookup(key) is None
    with cache.fill(key) as pending:
        (pending.folder / "a-720p.mp4").write_bytes(b"abcdefghij")
    entry = cache.lookup(key)
    assert entry is not None
    assert entry.path("a-720p.mp4").read_bytes() == b"abcdefghij"


@pytest.mark.skipif(os.name != "posix", reason="work folders are claimed with flock (POSIX)")
def test_a_work_folder_whose_maker_died_is_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path / "cache")
    key = cache_key("a" * 64, "renditions", {}, "v")
    parent = cache.entry_dir(key).parent

    def work_folder(name: str) -> Path:
        # What a job leaves mid-encode: its claimed work folder with a half-written output.
        folder = parent / f".{key[:12]}.{name}.part"
        folder.mkdir(parents=True)
        (folder / OWNER_LOCK).write_bytes(b"")
        (folder / "video-720p.part.mp4").write_bytes(b"half")
        return folder

    # A dask worker killed with -9 holds no lock any more: its folder is abandoned.
    abandoned = work_folder("killed")
    alive = work_folder("running")
    with (alive / OWNER_LOCK).open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another job, still at work
        with cache.fill(key) as pending:
            (pending.folder / "video-360p.mp4").write_bytes(b"mp4")
        assert not abandoned.exists()
        assert (alive / "video-720p.part.mp4").exists()
    entry = cache.lookup(key)
    assert entry is not None and entry.files == ("video-360p.mp4",)
    assert not (entry.folder / OWNER_LOCK).exists()
