"""Write files so that a crash, a failure or a cancel never leaves a half-written output.

The data goes to a temporary file in the target's own folder (so the final rename stays on one
file system and is atomic), is flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which is not thread-safe later.
_UMASK = _read_umask()


def _fsync_dir(folder: Path) -> None:
    # Persist the rename itself; not possible (nor needed) on Windows.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_beside(target: Path) -> Path:
    # Keep the real extension last: tools such as ffmpeg choose the output format by it.
    fd, name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=f".part{target.suffix}", dir=target.parent
    )
    os.close(fd)
    return Path(name)


def _commit(temp: Path, target: Path) -> None:
    # mkstemp creates 0600 files; give the output the mode a plain open() would have.
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK
    temp.chmod(mode)
    with temp.open("rb+") as written:
        os.fsync(written.fileno())
    temp.replace(target)


@contextlib.contextmanager
def atomic_outputs(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Yield one temporary path per target; rename them all over their targets on success.

    The temporary files sit beside their targets and end in ``.part<ext>`` (the target's own
    extension). On any exception (including KeyboardInterrupt and a cancel) every temporary
    file is removed and the targets are left exactly as they were.
    """
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(_temp_beside(Path(target)))
        yield temps
        for temp, target in zip(temps, targets, strict=True):
            _commit(temp, Path(target))
        for folder in {Path(t).parent for t in targets}:
            _fsync_dir(folder)
    except BaseException:
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` if the block succeeds.

    On any exception (including KeyboardInterrupt) the temporary file is removed and ``target``
    is left exactly as it was.
    """
    with atomic_outputs([Path(target)]) as temps:
        yield temps[0]


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_output(target) as tmp:
        tmp.write_bytes(data)
