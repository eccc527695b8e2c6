"""Write files so that a crash, a failure or a cancel never leaves a half-written output.

The data goes to a temporary file in the target's own folder (so the final rename stays on one
file system and is atomic), is flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
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


def _prepare(temp: Path, target: Path) -> None:
    # mkstemp creates 0600 files; give the output the mode a plain open() would have.
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK
    temp.chmod(mode)
    with temp.open("rb+") as written:
        os.fsync(written.fileno())


def _commit_all(temps: Sequence[Path], targets: Sequence[Path]) -> None:
    """Rename every temp over its target, or, if one rename fails, put every target back."""
    for temp, target in zip(temps, targets, strict=True):
        _prepare(temp, target)
    if len(targets) == 1:  # one rename is atomic by itself
        temps[0].replace(targets[0])
        return
    # Several outputs: move the old targets aside first, so a failure can restore them all.
    asides: list[tuple[Path, Path]] = []
    done: list[Path] = []
    try:
        for target in targets:
            if target.exists():
                aside = _temp_beside(target)
                try:
                    target.replace(aside)
                except OSError:
                    aside.unlink(missing_ok=True)
                    raise
                asides.append((aside, target))
        for temp, target in zip(temps, targets, strict=True):
            temp.replace(target)
            done.append(target)
    except BaseException:
        for target in done:
            target.unlink(missing_ok=True)
        for aside, target in asides:
            aside.replace(target)
        raise
    for aside, _target in asides:
        aside.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_outputs(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Yield one temporary path per target; rename them all over their targets on success.

    The temporary files sit beside their targets and end in ``.part<ext>`` (the target's own
    extension). On any exception (including KeyboardInterrupt and a cancel), even one while
    renaming, every temporary file is removed and the targets are left exactly as they were.
    """
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(_temp_beside(Path(target)))
        yield temps
        _commit_all(temps, [Path(t) for t in targets])
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


def replace_folder(staged: Path, target: Path) -> None:
    """Put the complete folder ``staged`` in place of ``target`` (which may not exist yet).

    ``staged`` must sit beside ``target``. The old ``target`` is renamed aside, ``staged`` renamed
    to ``target``, then the old one removed; if the second rename fails the old one is put back,
    so ``target`` is always either the old folder or the new one, never a mix of both.
    """
    aside = target.with_name(f".{target.name}.previous-{uuid.uuid4().hex[:12]}")
    had_target = target.exists()
    if had_target:
        target.replace(aside)
    try:
        staged.replace(target)
    except BaseException:
        if had_target:
            aside.replace(target)
        raise
    _fsync_dir(target.parent)
    if had_target:
        shutil.rmtree(aside, ignore_errors=True)
