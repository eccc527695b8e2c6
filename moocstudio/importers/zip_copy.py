"""Copy a zip package with some of its parts rewritten, everything else as it came."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path


def copy_with_changed_parts(
    source: Path,
    target: Path,
    wanted: Callable[[str], bool],
    change: Callable[[bytes], bytes | None],
) -> int:
    """Copy the zip ``source`` to ``target``, passing the parts ``wanted`` picks to ``change``.

    ``change`` gets a picked part's bytes and returns new bytes, or None to keep the part; the
    other parts are not read for it. Parts keep their order, compression and dates (an
    OpenDocument file's uncompressed ``mimetype`` stays first). With no part changed, the copy
    is a plain file copy.

    Returns:
        How many parts were changed.

    Raises:
        OSError: ``source`` cannot be read or ``target`` written.
        zipfile.BadZipFile: ``source`` is not a zip archive.
    """
    with zipfile.ZipFile(source) as archive:
        changed = {
            info.filename: new
            for info in archive.infolist()
            if wanted(info.filename) and (new := change(archive.read(info))) is not None
        }
        if not changed:
            shutil.copyfile(source, target)
            return 0
        with zipfile.ZipFile(target, "w") as copy:
            for info in archive.infolist():
                copy.writestr(info, changed.get(info.filename) or archive.read(info))
    return len(changed)
