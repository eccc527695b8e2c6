"""Keeps the test run away from the user's own moocstudio folders, and proves it did.

Three layers, from the widest:

1. For the whole run, ``HOME`` and the XDG folders point into one private folder, made before
   any test code runs; the processes the tests start inherit it. Whatever looks for the user's
   folders without asking moocstudio (platformdirs, Qt, ``~``) finds that private home.
2. Where moocstudio would keep its own files in that home (platformdirs' cache, config, data,
   state and log folders for "moocstudio") stands a tripwire: a *file* of that name, so that
   anything trying to write there fails on the spot, naming the place.
3. Each test gets fresh ``MOOCSTUDIO_*_DIR`` folders and its own Qt settings folder (the
   autouse fixture in ``conftest.py``).

The session check runs in the process that owns the run, after every worker has finished: each
tripwire must be the very file it was (inode, size and change time: ``os.utime`` cannot set a
change time back), and every user folder the private home does not shadow (a
``MOOCSTUDIO_*_DIR`` the developer exported, or a platform whose folders ignore ``HOME``) must
hold exactly the entries it held, unchanged. The developer's own folders are never written to,
and never looked at beyond ``stat``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "moocstudio"
FOLDER_VARIABLES = ("MOOCSTUDIO_CACHE_DIR", "MOOCSTUDIO_CONFIG_DIR", "MOOCSTUDIO_DATA_DIR")
"""moocstudio's own overrides of its user folders (see moocstudio/paths.py)."""
PRIVATE_HOME_VARIABLE = "MOOCSTUDIO_TESTS_PRIVATE_HOME"
"""Set by the process that starts the run; its xdist workers reuse the same private home."""
_HOME_FOLDERS = {
    "HOME": "",
    "USERPROFILE": "",
    "XDG_CACHE_HOME": ".cache",
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_STATE_HOME": ".local/state",
}
_TRIPWIRE_TEXT = (
    "A test tried to use moocstudio's real user folders; tests get their own through the "
    "MOOCSTUDIO_*_DIR variables (tests/conftest.py).\n"
)

Entry = tuple[str, int, int, int, int]
"""(path inside the folder, inode, mode, size, change time in ns) of one entry."""


@dataclass(frozen=True)
class FolderState:
    """What a guarded place held: its entries, or None when it did not exist."""

    place: Path
    entries: frozenset[Entry] | None

    @classmethod
    def read(cls, place: Path) -> FolderState:
        """The state of ``place`` now (lstat only: nothing is opened or followed)."""
        if not os.path.lexists(place):
            return cls(place, None)
        return cls(place, frozenset(_entries(place)))

    def changes_since(self, before: FolderState) -> list[str]:
        """What changed from ``before`` to this state, one line each (empty: nothing)."""
        if before.entries == self.entries:
            return []
        if before.entries is None:
            return [f"{self.place} was created"]
        if self.entries is None:
            return [f"{self.place} was removed"]
        old = {entry[0]: entry for entry in before.entries}
        new = {entry[0]: entry for entry in self.entries}
        lines = [f"{self.place / name} appeared" for name in sorted(new.keys() - old.keys())]
        lines += [f"{self.place / name} was removed" for name in sorted(old.keys() - new.keys())]
        lines += [
            f"{self.place / name} was changed"
            for name in sorted(old.keys() & new.keys())
            if old[name] != new[name]
        ]
        return lines


def _entries(place: Path) -> Iterator[Entry]:
    for path in [place, *_descendants(place)]:
        info = path.lstat()
        name = path.relative_to(place).as_posix()
        yield (name, info.st_ino, info.st_mode, info.st_size, info.st_ctime_ns)


def _descendants(place: Path) -> Iterator[Path]:
    if place.is_symlink() or not place.is_dir():
        return
    for root, folders, files in os.walk(place):
        for name in [*folders, *files]:
            yield Path(root) / name


def platform_folders(environ: Mapping[str, str]) -> set[Path]:
    """moocstudio's user folders as platformdirs finds them with ``environ``'s settings."""
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(environ)
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return {
            Path(dirs.user_cache_dir),
            Path(dirs.user_config_dir),
            Path(dirs.user_data_dir),
            Path(dirs.user_state_dir),
            Path(dirs.user_log_dir),
        }
    finally:
        os.environ.clear()
        os.environ.update(saved)


@dataclass(frozen=True)
class UserFolders:
    """One test's own user folders (``MOOCSTUDIO_*_DIR``) and Qt settings folder."""

    cache: Path
    config: Path
    data: Path
    qt_settings: Path

    @classmethod
    def under(cls, root: Path) -> UserFolders:
        """Folders under ``root``, not made yet (moocstudio makes what it needs)."""
        return cls(root / "cache", root / "config", root / "data", root / "qt-settings")

    def environment(self) -> dict[str, str]:
        """The ``MOOCSTUDIO_*_DIR`` variables that point moocstudio at these folders."""
        return dict(
            zip(FOLDER_VARIABLES, map(str, (self.cache, self.config, self.data)), strict=True)
        )


@dataclass(frozen=True)
class RunGuard:
    """The private home of a run, its tripwires, and the user folders it leaves alone."""

    home: Path
    tripwires: tuple[FolderState, ...]
    untouchable: tuple[FolderState, ...]

    def violations(self) -> list[str]:
        """Every change at a tripwire or in a user folder since the run started."""
        lines: list[str] = []
        for before in (*self.tripwires, *self.untouchable):
            lines += FolderState.read(before.place).changes_since(before)
        return lines

    def remove_home(self) -> None:
        """Delete the private home (the end of the run)."""
        shutil.rmtree(self.home, ignore_errors=True)


def enter_private_home() -> RunGuard | None:
    """Point this process (and its children) at the run's private home.

    The process that starts the run makes the home and its tripwires, and gets the guard that
    checks them at the end; a worker (which inherits the home) gets None.
    """
    shared = os.environ.get(PRIVATE_HOME_VARIABLE)
    if shared:
        _point_at(Path(shared))
        return None
    original = dict(os.environ)
    home = Path(tempfile.mkdtemp(prefix="moocstudio-tests-home-")).resolve()
    _point_at(home)
    os.environ[PRIVATE_HOME_VARIABLE] = str(home)
    users, private = platform_folders(original), platform_folders(dict(os.environ))
    inside = {place for place in private if place.is_relative_to(home)}
    # One tripwire per branch: a log folder inside the state folder is covered by the latter.
    tripwires = sorted(p for p in inside if not any(p.is_relative_to(q) for q in inside - {p}))
    for place in tripwires:
        place.parent.mkdir(parents=True, exist_ok=True)
        place.write_text(_TRIPWIRE_TEXT, encoding="utf-8")
    # Folders the private home does not shadow (a platform whose folders ignore HOME) and those
    # the developer exported are watched instead: read after the home exists, so that one that
    # holds the system's temporary folder does not look changed by its making.
    exported = {Path(original[name]).absolute() for name in FOLDER_VARIABLES if original.get(name)}
    watched = sorted((users & private) | exported)
    return RunGuard(
        home=home,
        tripwires=tuple(FolderState.read(place) for place in tripwires),
        untouchable=tuple(FolderState.read(place) for place in watched),
    )


def _point_at(home: Path) -> None:
    for variable, inside in _HOME_FOLDERS.items():
        if variable == "USERPROFILE" and sys.platform != "win32":
            continue
        os.environ[variable] = str(home / inside) if inside else str(home)
