"""Deterministic zip and tar.gz writing, hostile names, streaming, and safe extraction."""

from __future__ import annotations

import gzip
import os
import shutil
import stat
import subprocess
import tarfile
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path

import pytest

from moocstudio.export import zipwriter
from moocstudio.export.zipwriter import (
    UnsafeArchive,
    UnsafeEntryName,
    ZipSource,
    normalise_name,
    safe_extract,
    write_tar_gz,
    write_zip,
)


def _sources(folder: Path, mtime: int, mode: int) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "index.html": b"<!doctype html><title>Cours</title>" * 50,
        "media/intro.mp4": b"\x00\x00\x00\x18ftypmp42" * 200,
        "style.css": b"body { margin: 0 }\n" * 30,
        "pages/cafe.html": b"<p>caf\xc3\xa9</p>",
    }
    paths = {}
    for i, (name, data) in enumerate(files.items()):
        path = folder / f"src{i}"
        path.write_bytes(data)
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
        paths[name] = path
    return paths


def test_same_course_gives_byte_identical_zip(tmp_path: Path) -> None:
    first = _sources(tmp_path / "a", mtime=1_000_000, mode=0o600)
    second = _sources(tmp_path / "b", mtime=1_700_000_000, mode=0o755)
    entries_a = [*first.items(), ("LICENSE", b"CC BY 4.0\n")]
    entries_b = [("LICENSE", b"CC BY 4.0\n"), *reversed(list(second.items()))]
    report_a = write_zip(tmp_path / "a.zip", entries_a)
    report_b = write_zip(tmp_path / "b.zip", entries_b)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert report_a.names == tuple(sorted(report_a.names)) == report_b.names
    assert report_a.archive_bytes == (tmp_path / "a.zip").stat().st_size


def test_zip_headers_are_fixed_and_media_stored(tmp_path: Path) -> None:
    paths = _sources(tmp_path / "src", mtime=1_600_000_000, mode=0o700)
    write_zip(tmp_path / "out.zip", paths.items())
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        infos = {info.filename: info for info in archive.infolist()}
        assert archive.read("style.css") == paths["style.css"].read_bytes()
    assert list(infos) == sorted(infos)
    for info in infos.values():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.create_system == 3
        assert info.external_attr >> 16 == stat.S_IFREG | 0o644
    assert infos["media/intro.mp4"].compress_type == zipfile.ZIP_STORED
    assert infos["index.html"].compress_type == zipfile.ZIP_DEFLATED
    assert infos["pages/cafe.html"].compress_type == zipfile.ZIP_DEFLATED


def test_duplicates_are_refused_even_when_only_the_case_differs(tmp_path: Path) -> None:
    with pytest.raises(UnsafeEntryName, match="two entries"):
        write_zip(tmp_path / "dup.zip", [("pages/a.html", b"x"), ("pages/a.html", b"y")])
    with pytest.raises(UnsafeEntryName, match="differs from 'media/Intro.mp4' only in case"):
        write_tar_gz(
            tmp_path / "case.tar.gz", [("media/Intro.mp4", b"1"), ("media/intro.mp4", b"2")]
        )
    assert list(tmp_path.iterdir()) == []
    assert write_zip(
        tmp_path / "ok.zip", [("LICENSE.txt", b"1"), ("media/a_b-c.9.png", b"2")]
    ).names == (
        "LICENSE.txt",
        "media/a_b-c.9.png",
    )


@pytest.mark.parametrize(
    "name",
    [
        "pages/caf\u00e9.html",  # NFC
        "pages/cafe\u0301.html",  # NFD: the same name as macOS writes it
        "media/Le\u00e7on 1.mp4",
        "media/a b.png",
        "media/50%.png",
        "media/a%20b.png",
        "media/#1.png",
        "media/why?.png",
        "media/\u8b1b\u7fa9.mp4",
        "media/\U0001f389.png",
        "media/it's.png",
        'media/"q".png',
    ],
)
def test_names_that_are_not_portable_ascii_are_refused(tmp_path: Path, name: str) -> None:
    for writer, target in ((write_zip, "out.zip"), (write_tar_gz, "out.tar.gz")):
        with pytest.raises(UnsafeEntryName, match="other than ASCII letters"):
            writer(tmp_path / target, [("index.html", b"ok"), (name, b"x")])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "C:/Windows/evil.dll",
        "c:evil",
        "media\\intro.mp4",
        "../escape.html",
        "media/../../escape.html",
        "media//intro.mp4",
        "media/",
        "./index.html",
        "",
        "bad\x00name",
        "line\nbreak.txt",
        "del\x7f.txt",
    ],
)
def test_hostile_names_are_refused_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.zip"
    with pytest.raises(UnsafeEntryName) as caught:
        write_zip(target, [("index.html", b"ok"), (name, b"evil")])
    assert repr(unicodedata.normalize("NFC", name)) in caught.value.user_message
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UnsafeEntryName):
        write_tar_gz(tmp_path / "out.tar.gz", [(name, b"evil")])
    assert list(tmp_path.iterdir()) == []


def test_file_and_folder_with_one_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeEntryName, match="both a file and a folder"):
        write_zip(tmp_path / "out.zip", [("media", b"x"), ("media/a.mp4", b"y")])


def test_source_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeEntryName, match="not a regular file"):
        write_zip(tmp_path / "out.zip", [("a", tmp_path)])


def test_failed_export_leaves_old_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"previous export")
    (tmp_path / "a.mp4").write_bytes(b"x")
    entries = [("a.mp4", tmp_path / "a.mp4"), ("b.txt", tmp_path / "never-existed.txt")]
    with pytest.raises(UnsafeEntryName, match="not a regular file"):
        write_zip(target, entries)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp4", "out.zip"]


def test_zip64_is_forced_for_big_entries(tmp_path: Path) -> None:
    # A small threshold stands in for 2 GiB: the headers must carry zip64 extras up front.
    write_zip(
        tmp_path / "big.zip", [("big.bin", b"x" * 1000), ("small.txt", b"y")], zip64_threshold=500
    )
    with zipfile.ZipFile(tmp_path / "big.zip") as archive:
        assert archive.read("big.bin") == b"x" * 1000
        big = archive.getinfo("big.bin")
        raw = (tmp_path / "big.zip").read_bytes()
    local_extra_len = int.from_bytes(raw[big.header_offset + 28 : big.header_offset + 30], "little")
    assert local_extra_len == 20  # zip64 extra: id, size, uncompressed and compressed sizes
    assert big.extract_version >= 45  # zip64 needs version 4.5


def test_zip_streams_big_media_with_flat_memory(tmp_path: Path) -> None:
    big = tmp_path / "lecture.mp4"
    with big.open("wb") as out:
        out.truncate(300 * 1024 * 1024)  # sparse: no disk cost, but 300 MB to copy
    tracemalloc.start()
    try:
        write_zip(tmp_path / "out.zip", [("media/lecture.mp4", big), ("index.html", b"<p>")])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.getinfo("media/lecture.mp4").file_size == 300 * 1024 * 1024


def test_tar_gz_is_deterministic_with_fixed_headers(tmp_path: Path) -> None:
    first = _sources(tmp_path / "a", mtime=1_000_000, mode=0o600)
    second = _sources(tmp_path / "b", mtime=1_700_000_000, mode=0o755)
    prefix = "course/"
    report = write_tar_gz(tmp_path / "a.tar.gz", [(prefix + n, p) for n, p in first.items()])
    write_tar_gz(tmp_path / "b.tar.gz", [(prefix + n, p) for n, p in reversed(second.items())])
    raw = (tmp_path / "a.tar.gz").read_bytes()
    assert raw == (tmp_path / "b.tar.gz").read_bytes()
    assert raw[3] & 0x08 == 0  # FLG.FNAME unset: no file name in the gzip header
    assert raw[4:8] == b"\x00\x00\x00\x00"  # gzip MTIME = 0
    with tarfile.open(tmp_path / "a.tar.gz") as archive:
        members = archive.getmembers()
        names = [m.name for m in members]
        assert archive.extractfile("course/style.css").read() == first["style.css"].read_bytes()  # type: ignore[union-attr]
    assert names == sorted(names) == list(report.names)
    assert names[:3] == ["course", "course/index.html", "course/media"]
    for member in members:
        assert (member.mtime, member.uid, member.gid, member.uname, member.gname) == (
            0,
            0,
            0,
            "",
            "",
        )
        assert member.mode == (0o755 if member.isdir() else 0o644)
    assert gzip.decompress(raw)[:6] == b"course"


def _crafted_zip(path: Path, name: str, *, symlink: bool = False) -> Path:
    # zipfile.ZipFile.writestr keeps the name as given: the attacker's view of a package.
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("index.html", b"ok")
        info = zipfile.ZipInfo(name)
        if symlink:
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, b"/etc/passwd" if symlink else b"evil")
    return path


@pytest.mark.parametrize(
    "name", ["../evil.txt", "a/../../evil.txt", "/tmp/evil.txt", "a\\..\\evil"]
)
def test_safe_extract_refuses_zip_slip(tmp_path: Path, name: str) -> None:
    crafted = _crafted_zip(tmp_path / "slip.zip", name)
    dest = tmp_path / "out"
    with pytest.raises(UnsafeArchive, match="not extracted"):
        safe_extract(crafted, dest)
    assert list(dest.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_safe_extract_refuses_symlinks(tmp_path: Path) -> None:
    crafted = _crafted_zip(tmp_path / "link.zip", "passwd", symlink=True)
    with pytest.raises(UnsafeArchive, match="symbolic link"):
        safe_extract(crafted, tmp_path / "out")


def test_safe_extract_refuses_existing_symlinked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "media").symlink_to(outside)
    package = write_zip(tmp_path / "p.zip", [("media/a.txt", b"x")]).path
    with pytest.raises(UnsafeArchive, match="outside"):
        safe_extract(package, dest)
    assert list(outside.iterdir()) == []


def test_safe_extract_round_trips_a_written_package(tmp_path: Path) -> None:
    paths = _sources(tmp_path / "src", mtime=0, mode=0o644)
    package = write_zip(tmp_path / "p.zip", paths.items()).path
    written = safe_extract(package, tmp_path / "out")
    assert len(written) == len(paths)
    for name, source in paths.items():
        assert (tmp_path / "out" / name).read_bytes() == source.read_bytes()


def test_normalise_name_keeps_safe_names() -> None:
    assert (
        normalise_name("web_resources/m\u00f3dulo 1/index.html")
        == "web_resources/m\u00f3dulo 1/index.html"
    )
    assert zipwriter.ZIP_EPOCH == (1980, 1, 1, 0, 0, 0)


def test_error_while_copying_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.mp4").write_bytes(b"x" * 10)
    (tmp_path / "b.mp4").write_bytes(b"y" * 10)
    real_open = zipwriter._open_source
    calls = []

    def failing_open(source: Path | bytes) -> object:
        calls.append(source)
        if len(calls) == 2:
            raise OSError("disk unplugged")
        return real_open(source)

    monkeypatch.setattr(zipwriter, "_open_source", failing_open)
    entries = [("a.mp4", tmp_path / "a.mp4"), ("b.mp4", tmp_path / "b.mp4")]
    for writer, target in ((write_zip, "out.zip"), (write_tar_gz, "out.tar.gz")):
        calls.clear()
        with pytest.raises(OSError, match="disk unplugged"):
            writer(tmp_path / target, entries)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp4", "b.mp4"]


def test_tar_gz_streams_big_media_with_flat_memory(tmp_path: Path) -> None:
    big = tmp_path / "lecture.mp4"
    with big.open("wb") as out:
        out.truncate(32 * 1024 * 1024)
    tracemalloc.start()
    try:
        write_tar_gz(tmp_path / "out.tar.gz", [("course/static/lecture.mp4", big)])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    with tarfile.open(tmp_path / "out.tar.gz") as archive:
        assert archive.getmember("course/static/lecture.mp4").size == 32 * 1024 * 1024


def test_tar_gz_stores_media_and_deflates_text_in_one_valid_gzip_stream(tmp_path: Path) -> None:
    media = os.urandom(3_000_000)  # like an mp4: nothing to gain from deflate
    text = ("<vertical display_name='Unit'/>\n" * 20_000).encode()
    target = tmp_path / "course.tar.gz"
    entries: list[ZipSource] = [
        ("course/static/a.mp4", media),
        ("course/html/a.html", text),
        ("course/static/b.mp4", media[::-1]),
        ("course/course.xml", text),
    ]
    write_tar_gz(target, entries)
    size = target.stat().st_size
    # Both media stored (a little framing on top), the text squeezed to almost nothing.
    assert 2 * len(media) < size < 2 * len(media) + 100_000
    with tarfile.open(target, "r:gz") as archive:
        assert archive.extractfile("course/static/a.mp4").read() == media  # type: ignore[union-attr]
        assert archive.extractfile("course/static/b.mp4").read() == media[::-1]  # type: ignore[union-attr]
        assert archive.extractfile("course/course.xml").read() == text  # type: ignore[union-attr]
    # The system's own tools agree (CRC and length in the trailer, the tar inside).
    gzip_tool, tar_tool = shutil.which("gzip"), shutil.which("tar")
    if gzip_tool is None or tar_tool is None:
        pytest.skip("needs gzip and tar to cross-check")
    subprocess.run([gzip_tool, "-t", str(target)], check=True)
    listing = subprocess.run([tar_tool, "-tzf", str(target)], check=True, capture_output=True)
    assert b"course/static/b.mp4" in listing.stdout
