"""Media files of the site: one name per asset under ``media/``, linked or copied in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from moocstudio.model import Asset

MEDIA_DIR = "media"


def site_name(asset: Asset) -> str:
    """The file name of ``asset`` inside the site's ``media/`` folder.

    Files in the course's ``media/`` already start with their content hash and keep their name.
    Derived files in the cache share names across videos (every video has a ``video-360p.mp4``),
    so they get the same hash prefix: one name per content, and no two videos collide.
    """
    name = PurePosixPath(asset.path).name
    prefix = f"{asset.sha256[:12]}-"
    return name if name.startswith(prefix) else prefix + name


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` to ``target`` (no bytes copied), or copy it across file systems.

    Raises:
        OSError: the source cannot be read or the target cannot be written.
    """
    try:
        os.link(source, target)
    except OSError:
        # Other file system, or links not allowed (FAT, some network shares): copy instead.
        shutil.copyfile(source, target)
