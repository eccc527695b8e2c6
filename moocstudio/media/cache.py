"""Content-addressed cache of derived media (renditions, posters, subtitle placeholders).

An entry's key hashes the source's content, the whole recipe (every parameter that changes
the output) and the ffmpeg version, so unchanged work is never redone and any change to
the source, the settings or the encoder gives a new entry. An entry is a folder filled under
a temporary name and renamed into place with a manifest, so a crash or a cancel never
leaves an entry that looks complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MANIFEST = "manifest.json"
CACHE_FORMAT = 2  # bump when the entry layout changes: old entries are then simply missed
OWNER_LOCK = ".owner"
"""Held locked (flock) in a work folder while it is filled: a folder whose lock can be taken
lost its maker (a process killed outright, e.g. a dask worker) and is removed."""


def cache_key(source_sha256: str, kind: str, recipe: Mapping[str, Any], tool_version: str) -> str:
    """Key of a derived result: hash of source content, kind, recipe and tool version."""
    canonical = json.dumps(
        {
            "format": CACHE_FORMAT,
            "source": source_sha256,
            "kind": kind,
            "recipe": recipe,
            "tool": tool_version,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    """A complete cache entry: its folder, its files and what the producer recorded."""

    folder: Path
    files: tuple[str, ...]
    meta: Mapping[str, Any]

    def path(self, name: str) -> Path:
        """Path of one of the entry's files."""
        return self.folder / name


@dataclass
class PendingEntry:
    """An entry being filled: write files into ``folder`` and describe them in ``meta``."""

    folder: Path
    meta: dict[str, Any]


class DerivedCache:
    """A folder of cache entries, ``<root>/<key[:2]>/<key>/``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def entry_dir(self, key: str) -> Path:
        """Folder of the entry for ``key`` (which may not exist)."""
        return self.root / key[:2] / key

    def lookup(self, key: str) -> CacheEntry | None:
        """The complete entry for ``key``, or None (missing, partial or damaged)."""
        folder = self.entry_dir(key)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            sizes: dict[str, int] = manifest["files"]
            meta = manifest.get("meta", {})
        except (OSError, ValueError, KeyError, TypeError):
            return None
        for name, size in sizes.items():
            try:
                if (folder / name).stat().st_size != size:
                    return None
            except OSError:
                return None
        return CacheEntry(folder=folder, files=tuple(sizes), meta=meta)

    @contextlib.contextmanager
    def fill(self, key: str, meta: Mapping[str, Any] | None = None) -> Iterator[PendingEntry]:
        """Yield an empty work folder; on success it becomes the entry for ``key``.

        Every file the block leaves in the folder (sub-folders included) is recorded in the
        manifest, with the pending entry's ``meta`` (which the block may fill in). On any
        exception the work folder is removed and the cache is unchanged.
        """
        final = self.entry_dir(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(final.parent, f".{key[:12]}.")
        work = Path(tempfile.mkdtemp(prefix=f".{key[:12]}.", suffix=".part", dir=final.parent))
        pending = PendingEntry(folder=work, meta=dict(meta or {}))
        owner = _hold_owner_lock(work)
        try:
            yield pending
            (work / OWNER_LOCK).unlink(missing_ok=True)
            files = {
                path.relative_to(work).as_posix(): path.stat().st_size
                for path in sorted(work.rglob("*"))
                if path.is_file()
            }
            manifest = {"files": files, "meta": pending.meta}
            (work / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            self._install(work, final, key)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        finally:
            if owner is not None:
                owner.close()

    def get_or_make(
        self, key: str, produce: Callable[[PendingEntry], object]
    ) -> tuple[CacheEntry, bool]:
        """The entry for ``key``; when missing, ``produce`` fills a pending entry first.

        Returns:
            The entry, and True when it came from the cache (nothing was made).
        """
        entry = self.lookup(key)
        if entry is not None:
            return entry, True
        with self.fill(key) as pending:
            produce(pending)
        made = self.lookup(key)
        if made is None:
            raise OSError(f"{self.entry_dir(key)}: cache entry missing right after it was made")
        return made, False

    def _install(self, work: Path, final: Path, key: str) -> None:
        if self.lookup(key) is not None:
            # Another job filled the same entry meanwhile: same key, same content; keep theirs.
            shutil.rmtree(work)
            return
        if final.exists():  # a damaged entry (lookup failed): replace it
            shutil.rmtree(final)
        try:
            work.replace(final)
        except OSError:
            if self.lookup(key) is None:
                raise
            shutil.rmtree(work)


def _hold_owner_lock(work: Path) -> IO[bytes] | None:
    """Lock the work folder's owner file for as long as the returned file stays open."""
    if fcntl is None:  # Windows: no flock; abandoned folders stay (hidden, never looked up)
        return None
    owner = (work / OWNER_LOCK).open("wb")
    fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return owner


def _remove_abandoned(folder: Path, prefix: str) -> None:
    """Remove work folders of this key whose maker died (their owner lock is free)."""
    if fcntl is None:
        return
    for work in folder.glob(f"{prefix}*.part"):
        try:
            with (work / OWNER_LOCK).open("rb") as owner:
                fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held (its maker is at work), or no lock file (just made, or gone)
            continue
        shutil.rmtree(work, ignore_errors=True)
