"""Which build of moocstudio is running: its version, and the commit and date it was made from.

Where the answer comes from, first found wins:

1. **Baked in** when a wheel is built (``hatch_build.py``): ``_build_stamp.json`` beside this
   module, with the commit, the build date and whether the tree had uncommitted changes. So
   ``pip install .`` and ``pip install git+URL`` carry it, and so do the bundle (made from
   such an install) and every installer made from the bundle.
2. **A git checkout** (source tree, editable install): git is asked, at the first call.
3. Otherwise the version alone: a wheel built where git was not at hand (from an sdist).

Only the standard library is imported at module level: ``hatch_build.py`` loads this file by
its path, in a build environment where moocstudio is not installed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

STAMP_FILE_NAME = "_build_stamp.json"
_PACKAGE_DIR = Path(__file__).resolve().parent
_SHORT_COMMIT = 10  # hex digits shown: unique in any repository this size, short to read

RunGit = Callable[[Sequence[str]], "str | None"]
"""Runs ``git ARGS`` in the source tree; its stdout, or None when git failed or is absent."""


class BuildOrigin(StrEnum):
    """How this copy of moocstudio was made, which tells how far its stamp can be trusted."""

    BUILT = "built"  # a wheel, bundle or installer stamped when it was built
    CHECKOUT = "checkout"  # running from a git checkout: the commit checked out now
    UNKNOWN = "unknown"  # an install that recorded nothing


@dataclass(frozen=True)
class BuildStamp:
    """The version and, when known, the build.

    Attributes:
        version: moocstudio's version (``moocstudio.__version__``).
        origin: Where the rest comes from.
        commit: Full hash of the source commit; "" when unknown.
        date: ``YYYY-MM-DD``: the build's day when built, the commit's day from a checkout;
            "" when unknown.
        modified: The source tree had uncommitted changes to tracked files.
    """

    version: str
    origin: BuildOrigin = BuildOrigin.UNKNOWN
    commit: str = ""
    date: str = ""
    modified: bool = False

    @property
    def short_commit(self) -> str:
        """The commit's first hex digits, ``-modified`` added for a changed tree."""
        if not self.commit:
            return ""
        return self.commit[:_SHORT_COMMIT] + ("-modified" if self.modified else "")

    def to_json(self) -> str:
        """The stamp as baked into a build."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> BuildStamp:
        """Read a baked stamp.

        Raises:
            ValueError: The text is not a stamp.
        """
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("version"), str):
            raise ValueError("not a build stamp")
        return cls(
            version=data["version"],
            origin=BuildOrigin(data.get("origin", BuildOrigin.BUILT)),
            commit=str(data.get("commit", "")),
            date=str(data.get("date", "")),
            modified=bool(data.get("modified", False)),
        )


def build_date() -> str:
    """Today (UTC), or the day ``SOURCE_DATE_EPOCH`` names for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.date().isoformat()


def stamp_from_git(
    version: str, run_git: RunGit, origin: BuildOrigin = BuildOrigin.CHECKOUT
) -> BuildStamp | None:
    """The commit checked out in a source tree, as git reports it; None outside a checkout.

    Args:
        version: The version to stamp.
        run_git: Runs git in the tree (see :data:`RunGit`).
        origin: ``BUILT`` when baking a build: the date is then today's, not the commit's.
    """
    head = run_git(["log", "-1", "--format=%H%n%cs"])
    if not head or len(head.split()) != 2:
        return None
    commit, commit_day = head.split()
    changes = run_git(["status", "--porcelain", "--untracked-files=no"])
    return BuildStamp(
        version=version,
        origin=origin,
        commit=commit,
        date=build_date() if origin is BuildOrigin.BUILT else commit_day,
        modified=bool(changes and changes.strip()),
    )


def _baked_stamp(version: str) -> BuildStamp | None:
    try:
        stamp = BuildStamp.from_json((_PACKAGE_DIR / STAMP_FILE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    # A stamp left from another version (an old editable build) would name the wrong commit.
    return stamp if stamp.version == version else None


def _checkout_stamp(version: str) -> BuildStamp | None:
    root = _PACKAGE_DIR.parent
    if not (root / ".git").exists():  # a folder, or a file in a worktree
        return None
    from moocstudio.errors import MoocstudioError
    from moocstudio.media.process import run

    def run_git(args: Sequence[str]) -> str | None:
        try:
            done = run(["git", "-C", str(root), *args], timeout=10)
        except MoocstudioError:  # git not installed, or hung
            return None
        return done.stdout.decode("utf-8", "replace") if done.ok else None

    return stamp_from_git(version, run_git)


@cache
def current_build() -> BuildStamp:
    """The stamp of the running moocstudio (worked out once per process)."""
    from moocstudio import __version__

    for find in (_baked_stamp, _checkout_stamp):
        stamp = find(__version__)
        if stamp is not None:
            return stamp
    return BuildStamp(__version__)
