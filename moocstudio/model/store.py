"""A course on disk: ``course.json`` plus the ``media/`` folder of imported files.

Saving is atomic and keeps one ``course.json.bak``. A course.json that cannot be read is never
overwritten: loading raises and nothing is written. Imported files are copied into ``media/``
under a name derived from their content hash, so the same file imported twice is stored once
and the author's originals are never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from moocstudio.atomic import atomic_output, atomic_write_bytes
from moocstudio.errors import CourseFileError, MoocstudioError
from moocstudio.model.course import Course, utc_now
from moocstudio.model.items import Asset
from moocstudio.model.migrations import MigrationError, migrate

COURSE_FILE = "course.json"
BACKUP_SUFFIX = ".bak"
MEDIA_DIR = "media"
DERIVED_DIR = ".moocstudio"
_HASH_CHUNK = 1 << 20
_HASH_PREFIX = 12  # 48 bits: collisions within one course are not a practical concern


def course_file(folder: Path) -> Path:
    """Path of the course.json inside a course folder."""
    return Path(folder) / COURSE_FILE


def _format_loc(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _describe_validation_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = _format_loc(tuple(first["loc"]))
    more = error.error_count() - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"field {where}: {first['msg']}{suffix}"


def load_course(folder: Path) -> Course:
    """Read and validate the course in ``folder``, migrating older schema versions in memory.

    Raises:
        CourseFileError: course.json is missing, not JSON (with its line and column), of an
            unknown or newer schema version, or fails validation (with the field's path).
    """
    path = course_file(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseFileError(
            path, "no course here; create one with 'moocstudio new' or pick the course folder"
        ) from None
    except OSError as exc:
        raise CourseFileError(path, f"cannot be read ({exc.strerror})") from exc
    try:
        data: Any = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise CourseFileError(path, f"is not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise CourseFileError(
            path, f"is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(data, dict):
        raise CourseFileError(path, "must hold a JSON object at the top level")
    try:
        data = migrate(data)
    except MigrationError as exc:
        raise CourseFileError(path, str(exc)) from exc
    try:
        return Course.model_validate(data)
    except ValidationError as exc:
        raise CourseFileError(path, _describe_validation_error(exc)) from exc


def save_course(folder: Path, course: Course, *, touch: bool = True) -> None:
    """Write ``course`` to ``folder/course.json`` atomically, keeping the previous file as .bak.

    Args:
        folder: The course folder (created if missing).
        course: The course to write.
        touch: Set ``course.modified`` to now before writing.

    Raises:
        CourseFileError: The file could not be written; the previous one is left as it was.
    """
    folder = Path(folder)
    target = course_file(folder)
    previous_modified = course.modified
    if touch:
        course.modified = utc_now()
    data = course.model_dump_json(indent=2).encode("utf-8") + b"\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if target.exists():
            _backup(target)
        atomic_write_bytes(target, data)
    except OSError as exc:
        course.modified = previous_modified
        raise CourseFileError(
            target,
            f"cannot be saved ({exc.strerror or exc}); the previous version is unchanged. "
            "Free some disk space or check the folder's permissions, then save again",
        ) from exc


def _backup(target: Path) -> None:
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    with atomic_output(backup) as tmp:
        tmp.unlink()
        try:
            os.link(target, tmp)  # cheap on file systems with hard links
        except OSError:
            shutil.copyfile(target, tmp)


def create_course(folder: Path, course: Course) -> None:
    """Start a new course folder; refuse to replace an existing course.

    Raises:
        MoocstudioError: ``folder`` already holds a course.json.
    """
    path = course_file(folder)
    if path.exists():
        raise MoocstudioError(
            f"{path}: a course already exists here; open it, or pick an empty folder"
        )
    (Path(folder) / MEDIA_DIR).mkdir(parents=True, exist_ok=True)
    save_course(folder, course, touch=False)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's content, read in chunks (memory does not grow with the file)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_file_name(name: str, *, max_length: int = 80) -> str:
    """A portable file name from an untrusted one: NFC, no separators or control characters."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = re.sub(r"[^\w\-]+", "-", stem, flags=re.UNICODE).strip("-._") or "file"
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower()
    stem = stem[: max_length - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


def add_asset(folder: Path, source: Path, *, name: str | None = None) -> Asset:
    """Copy ``source`` into the course's media folder (once per content) and describe it.

    Args:
        folder: The course folder.
        source: The file to copy; it is only read.
        name: File name to show instead of the source's own name.

    Raises:
        MoocstudioError: ``source`` cannot be read or the media folder cannot be written.
    """
    source = Path(source)
    try:
        sha = file_sha256(source)
        size = source.stat().st_size
    except OSError as exc:
        raise MoocstudioError(f"{source}: cannot be read ({exc.strerror})") from exc
    original = name or source.name
    return _store(folder, sha, size, original, lambda tmp: shutil.copyfile(source, tmp))


def add_asset_bytes(folder: Path, data: bytes, name: str) -> Asset:
    """Store bytes produced during import (an extracted picture, a rendered slide) as an asset."""
    sha = hashlib.sha256(data).hexdigest()
    return _store(folder, sha, len(data), name, lambda tmp: tmp.write_bytes(data))


def _store(folder: Path, sha: str, size: int, name: str, write: Callable[[Path], object]) -> Asset:
    media = Path(folder) / MEDIA_DIR
    prefix = sha[:_HASH_PREFIX]
    existing = next(media.glob(f"{prefix}-*"), None) if media.is_dir() else None
    if existing is not None and existing.is_file():
        relative = f"{MEDIA_DIR}/{existing.name}"
    else:
        relative = f"{MEDIA_DIR}/{prefix}-{safe_file_name(name)}"
        try:
            media.mkdir(parents=True, exist_ok=True)
            with atomic_output(Path(folder) / relative) as tmp:
                write(tmp)
        except OSError as exc:
            raise MoocstudioError(
                f"{media}: cannot store {name} in the course ({exc.strerror})"
            ) from exc
    return Asset(path=relative, sha256=sha, size=size, original_name=name)


def asset_path(folder: Path, asset: Asset) -> Path:
    """Absolute path of an asset inside a course folder."""
    return Path(folder) / asset.path
