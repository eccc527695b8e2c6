"""Gather the videos a batch should work on from files and folders named by the user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.errors import MoocstudioError

VIDEO_SUFFIXES = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
        ".mts",
        ".m2ts",
        ".ts",
        ".mpg",
        ".mpeg",
        ".wmv",
        ".flv",
        ".3gp",
        ".ogv",
    }
)


@dataclass
class BatchSources:
    """The files to work on, in order, each once, and what was left out and why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def collect_sources(paths: Iterable[Path]) -> BatchSources:
    """The files to work on: folders expanded, each file once.

    Folders give their video files, sorted, hidden folders left out. A file named twice counts
    once, whatever its spelling (links and ``./`` included).

    Raises:
        MoocstudioError: A named path does not exist.
    """
    batch = BatchSources()
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if not path.exists():
            raise MoocstudioError(f"{path}: no such file or folder")
        candidates = _videos_in(path) if path.is_dir() else [path]
        if path.is_dir() and not candidates:
            batch.skipped.append(f"{path}: no video files in this folder")
        for candidate in candidates:
            stat = candidate.stat()
            identity = (stat.st_dev, stat.st_ino)
            if identity in seen:
                batch.skipped.append(f"{candidate}: given twice; done once")
                continue
            seen.add(identity)
            batch.files.append(candidate)
    return batch


def _videos_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in VIDEO_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
