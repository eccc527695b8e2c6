"""Deterministic, streaming archive writers for course packages, and a safe extractor.

The same course must give a byte-identical package (issue 4, "All exports"), so nothing that
depends on the machine or the moment reaches the archive: entries are sorted by name, every
timestamp is the zip epoch (1980-01-01 00:00:00; 0 for tar), permissions are 0o644 for files
(0o755 for tar folders), and the "made by" system is always Unix. Media are copied in chunks,
so memory does not grow with their size, and already-compressed media are stored as they are.
Every entry name is checked before anything is written, and the archive is written to a
temporary file beside the target, so a failed export leaves nothing behind.

Names inside the packages moocstudio writes are portable ASCII: letters, digits, ``.``, ``_``
and ``-`` between the ``/`` (media get such names from ``build.media_files.site_name``), and no
two differ only in case. No LMS, unzip tool or web server then has to agree on percent-encoding,
on the Unicode normalisation of a name, or on whether ``A.png`` and ``a.png`` are one file.
"""

from __future__ import annotations

import io
import re
import shutil
import stat
import struct
import sys
import tarfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from moocstudio.atomic import atomic_output
from moocstudio.errors import MoocstudioError

ZipSource = tuple[str, Path | bytes]
"""One archive entry: its name inside the archive, and a source file or the bytes themselves."""

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""Timestamp of every zip entry: the earliest a zip can hold, so it never depends on the clock."""

FILE_MODE = 0o644
DIR_MODE = 0o755
DEFLATE_LEVEL = 6
"""Fixed so that the same input gives the same bytes whatever zlib's default is."""

ZIP64_THRESHOLD = 2**31
"""Entries at least this big get zip64 headers up front (the writer cannot add them later)."""

CHUNK = 1024 * 1024
"""Bytes copied at a time: memory stays flat whatever the size of the media."""

_UNIX = 3  # ZipInfo.create_system for Unix: makes external_attr hold a Unix mode

_PORTABLE_SEGMENT = re.compile(r"[A-Za-z0-9._-]+")

# Already compressed: deflating them again costs time and gains nothing (issue 4: mp4 stored).
STORED_SUFFIXES = frozenset(
    {
        ".mp4", ".m4v", ".m4a", ".mp3", ".aac", ".ogg", ".oga", ".ogv", ".opus", ".webm",
        ".mkv", ".mov", ".m4s", ".ts", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif",
        ".woff", ".woff2", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".imscc", ".pdf",
        ".pptx", ".docx", ".xlsx", ".odp", ".odt", ".epub", ".h5p",
    }
)  # fmt: skip


class UnsafeEntryName(MoocstudioError):
    """An archive entry name could escape the package or is not portable."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"archive entry {name!r}: {problem}")
        self.name = name
        self.problem = problem


class UnsafeArchive(MoocstudioError):
    """A package to read back holds an entry that must not be extracted."""

    def __init__(self, archive: Path, problem: str) -> None:
        super().__init__(f"{archive}: {problem}; the package was not extracted")
        self.archive = archive
        self.problem = problem


@dataclass(frozen=True)
class ZipReport:
    """What an archive writer wrote.

    Attributes:
        path: The archive written.
        names: Entry names in the order written (sorted, normalised).
        content_bytes: Total size of the entries before compression.
        archive_bytes: Size of the archive file.
        notes: What the user should know about the content (what a format could not keep).
    """

    path: Path
    names: tuple[str, ...]
    content_bytes: int
    archive_bytes: int
    notes: tuple[str, ...] = ()


def _is_drive(segment: str) -> bool:
    return len(segment) >= 2 and segment[1] == ":" and segment[0].isascii() and segment[0].isalpha()


def normalise_name(name: str) -> str:
    """Return ``name`` NFC-normalised, or raise if it is not a safe relative POSIX path.

    Raises:
        UnsafeEntryName: The name is empty, absolute, has a drive letter, a backslash, a control
            character, or an empty, ``.`` or ``..`` segment.
    """
    # NFC first: macOS file systems hand out NFD names, which would make the same course differ.
    name = unicodedata.normalize("NFC", name)
    if not name:
        raise UnsafeEntryName(name, "the name is empty")
    if any(unicodedata.category(char) == "Cc" for char in name):
        raise UnsafeEntryName(name, "the name holds a control character")
    if "\\" in name:
        raise UnsafeEntryName(name, "the name holds a backslash; use / between folders")
    if name.startswith("/"):
        raise UnsafeEntryName(name, "the name is an absolute path")
    if _is_drive(name):
        raise UnsafeEntryName(name, "the name starts with a drive letter")
    for segment in name.split("/"):
        if segment in ("", ".", ".."):
            raise UnsafeEntryName(name, f"the name has an empty, '.' or '..' segment ({segment!r})")
    return name


def portable_name(name: str) -> str:
    """Return ``name`` if it is safe (``normalise_name``) and portable ASCII, else raise.

    Raises:
        UnsafeEntryName: The name is unsafe, or holds a character other than ASCII letters,
            digits, ``.``, ``_``, ``-`` and ``/`` (a space, ``%``, ``#``, ``?``, an accent).
    """
    name = normalise_name(name)
    if not all(_PORTABLE_SEGMENT.fullmatch(segment) for segment in name.split("/")):
        raise UnsafeEntryName(
            name,
            "the name holds characters other than ASCII letters, digits, '.', '_' and '-', "
            "which platforms percent-encode or normalise differently (this is a moocstudio "
            "bug: please report it)",
        )
    return name


def _plan(entries: Iterable[ZipSource]) -> list[tuple[str, Path | bytes]]:
    """Check every name, refuse duplicates (in any case) and file/folder clashes, sort by name."""
    planned: dict[str, Path | bytes] = {}
    by_case: dict[str, str] = {}
    for raw_name, source in entries:
        name = portable_name(raw_name)
        if name in planned:
            raise UnsafeEntryName(raw_name, "two entries have this name")
        other = by_case.setdefault(name.lower(), name)
        if other != name:
            raise UnsafeEntryName(
                name,
                f"it differs from {other!r} only in case: Windows and macOS unzip both as one file",
            )
        if isinstance(source, Path) and not source.is_file():
            raise UnsafeEntryName(raw_name, f"its source {source} is not a regular file")
        planned[name] = source
    for name in planned:
        for parent in PurePosixPath(name).parents:
            if str(parent) in planned:
                raise UnsafeEntryName(name, f"{parent!s} is both a file and a folder")
    return sorted(planned.items())


def _size(source: Path | bytes) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def _open_source(source: Path | bytes) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def _set_deflate_level(info: zipfile.ZipInfo) -> None:
    # ZipFile.open(info, "w") ignores the archive's compresslevel and reads it from the info.
    if sys.version_info >= (3, 13):
        info.compress_level = DEFLATE_LEVEL
    else:
        info._compresslevel = DEFLATE_LEVEL  # type: ignore[attr-defined]


def zip_info(name: str) -> zipfile.ZipInfo:
    """Return the fixed header of entry ``name``: epoch time, Unix 0o644, stored or deflated."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.create_system = _UNIX
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    if PurePosixPath(name).suffix.lower() in STORED_SUFFIXES:
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.compress_type = zipfile.ZIP_DEFLATED
        _set_deflate_level(info)
    return info


def _write_zip_entry(
    archive: zipfile.ZipFile, name: str, source: Path | bytes, zip64_threshold: int
) -> int:
    info = zip_info(name)
    size = _size(source)
    info.file_size = size
    # zip64 must be decided before the data: the local header is written first.
    with (
        _open_source(source) as src,
        archive.open(info, "w", force_zip64=size >= zip64_threshold) as dest,
    ):
        shutil.copyfileobj(src, dest, CHUNK)
    return size


def write_zip(
    target: Path, entries: Iterable[ZipSource], *, zip64_threshold: int = ZIP64_THRESHOLD
) -> ZipReport:
    """Write a deterministic zip of ``entries`` to ``target``, atomically.

    Args:
        target: The zip to write; replaced only once the whole archive is written.
        entries: (name inside the archive, source file or bytes) pairs, in any order.
        zip64_threshold: Entries of at least this many bytes get zip64 headers.

    Returns:
        What was written.

    Raises:
        UnsafeEntryName: A name is unsafe or given twice, or a source is not a regular file;
            nothing is written then.
    """
    planned = _plan(entries)
    total = 0
    with atomic_output(target) as temp:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            for name, source in planned:
                total += _write_zip_entry(archive, name, source, zip64_threshold)
        size = temp.stat().st_size
    return ZipReport(Path(target), tuple(name for name, _ in planned), total, size)


def _folders(names: Iterable[str]) -> set[str]:
    return {str(parent) for name in names for parent in PurePosixPath(name).parents} - {"."}


def _tar_info(name: str, size: int | None) -> tarfile.TarInfo:
    """Return a fixed tar header: a file of ``size`` bytes, or a folder when ``size`` is None."""
    info = tarfile.TarInfo(name)
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if size is None:
        info.type = tarfile.DIRTYPE
        info.mode = DIR_MODE
    else:
        info.size = size
        info.mode = FILE_MODE
    return info


class _LevelledGzip(io.RawIOBase):
    """A gzip stream whose compression level can change between tar members.

    A ``.tar.gz`` is one deflate stream, and Python's zlib cannot change a compressor's level.
    Deflate blocks stand alone, though: the current compressor is flushed to a byte boundary
    (``Z_SYNC_FLUSH``, no final block) and a new one at the new level goes on writing the same
    stream. Media are stored (level 0: they do not shrink, and deflating 2 GB of mp4 costs a
    minute), text is deflated; any gzip reader reads the result. The header carries no name
    and mtime 0 (deterministic), like ``gzip.GzipFile(filename="", mtime=0)``.
    """

    _HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, mtime 0, OS unknown

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._raw.write(self._HEADER)
        self._level = DEFLATE_LEVEL
        self._compressor = zlib.compressobj(self._level, zlib.DEFLATED, -zlib.MAX_WBITS)
        self._crc = 0
        self._size = 0

    def writable(self) -> bool:  # noqa: D102 (io's)
        return True

    def set_level(self, level: int) -> None:
        """Compress what is written from now on at ``level`` (0 stores)."""
        if level == self._level:
            return
        self._raw.write(self._compressor.flush(zlib.Z_SYNC_FLUSH))
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        self._level = level

    def write(self, data: bytes) -> int:  # type: ignore[override]  # noqa: D102 (io's)
        view = memoryview(data)
        self._crc = zlib.crc32(view, self._crc)
        self._size += len(view)
        self._raw.write(self._compressor.compress(view))
        return len(view)

    def close(self) -> None:
        """Finish the deflate stream and write the gzip trailer (CRC-32, size mod 2**32)."""
        if not self.closed:
            self._raw.write(self._compressor.flush(zlib.Z_FINISH))
            self._raw.write(struct.pack("<II", self._crc, self._size & 0xFFFFFFFF))
        super().close()


def write_tar_gz(target: Path, entries: Iterable[ZipSource]) -> ZipReport:
    """Write a deterministic ``.tar.gz`` of ``entries`` (Open edX OLX) to ``target``, atomically.

    Folders are added for every parent of an entry (Studio expects them), entries are sorted,
    and the gzip header has no file name and mtime 0. Media are stored inside the gzip stream,
    text is deflated (see ``_LevelledGzip``).

    Args:
        target: The archive to write; replaced only once it is complete.
        entries: (name inside the archive, source file or bytes) pairs, in any order.

    Returns:
        What was written (``names`` lists files and folders in archive order).

    Raises:
        UnsafeEntryName: A name is unsafe or given twice; nothing is written then.
    """
    planned = dict(_plan(entries))
    members: dict[str, Path | bytes | None] = {folder: None for folder in _folders(planned)}
    members.update(planned)
    total = 0
    with atomic_output(target) as temp:
        with (
            temp.open("wb") as raw,
            _LevelledGzip(raw) as compressed,
            # Stream mode: each member is written once, in order, never seeked back to.
            tarfile.open(fileobj=compressed, mode="w|", format=tarfile.PAX_FORMAT) as archive,
        ):
            for name in sorted(members):
                source = members[name]
                if source is None:
                    archive.addfile(_tar_info(name, None))
                    continue
                size = _size(source)
                stored = PurePosixPath(name).suffix.lower() in STORED_SUFFIXES
                compressed.set_level(0 if stored else DEFLATE_LEVEL)
                with _open_source(source) as src:
                    archive.addfile(_tar_info(name, size), src)
                total += size
        size = temp.stat().st_size
    return ZipReport(Path(target), tuple(sorted(members)), total, size)


def is_symlink(info: zipfile.ZipInfo) -> bool:
    """True for an entry that a Unix unzip would make a symbolic link."""
    return info.create_system == _UNIX and stat.S_ISLNK(info.external_attr >> 16)


def _extract_plan(
    zip_path: Path, archive: zipfile.ZipFile, dest: Path
) -> Iterator[tuple[zipfile.ZipInfo, Path, bool]]:
    root = dest.resolve()
    seen: set[str] = set()
    for info in archive.infolist():
        raw = info.filename
        is_dir = raw.endswith("/")
        try:
            name = normalise_name(raw.removesuffix("/") if is_dir else raw)
        except UnsafeEntryName as error:
            raise UnsafeArchive(zip_path, error.user_message) from error
        if is_symlink(info):
            raise UnsafeArchive(zip_path, f"entry {raw!r} is a symbolic link")
        if name in seen and not is_dir:
            raise UnsafeArchive(zip_path, f"entry {raw!r} appears twice")
        seen.add(name)
        path = root.joinpath(*name.split("/"))
        # Belt and braces after the name check: a folder already in dest could be a symlink.
        if not path.resolve().is_relative_to(root):
            raise UnsafeArchive(zip_path, f"entry {raw!r} would be written outside {dest}")
        yield info, path, is_dir


def safe_extract(zip_path: Path, dest: Path) -> list[Path]:
    """Extract the zip ``zip_path`` into ``dest``, refusing anything that could escape it.

    Every name is checked first (same rules as the writers: no absolute paths, drive letters,
    backslashes, ``..``), symbolic links are refused, and nothing is extracted unless every
    entry passes.

    Args:
        zip_path: The package to read.
        dest: The folder to extract into (created if missing).

    Returns:
        The files extracted, in archive order.

    Raises:
        UnsafeArchive: An entry is unsafe; nothing was written.
    """
    zip_path = Path(zip_path)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with zipfile.ZipFile(zip_path) as archive:
        plan = list(_extract_plan(zip_path, archive, dest))
        for info, path, is_dir in plan:
            if is_dir:
                path.mkdir(parents=True, exist_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, path.open("wb") as out:
                shutil.copyfileobj(src, out, CHUNK)
            written.append(path)
    return written
