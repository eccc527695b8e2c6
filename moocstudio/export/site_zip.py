"""The offline site as a zip: ``index.html`` at the root, relative links only, no network.

This is what Kolibri's HTML5 app nodes and any web server accept.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from moocstudio.build import build_site
from moocstudio.export.licence_files import attributions_text, licence_text
from moocstudio.export.zipwriter import ZipReport, ZipSource, write_zip
from moocstudio.model import Course

LICENCE_FILE = "LICENSE.txt"
ATTRIBUTIONS_FILE = "ATTRIBUTIONS.txt"


def export_site_zip(folder: Path, course: Course, target: Path) -> ZipReport:
    """Build the course's site and write it, with its licence files, as a zip at ``target``.

    Raises:
        SiteBuildError: The site could not be built (e.g. a media file is missing).
        UnsafeEntryName: A file name in the site is not safe in an archive.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target, so the site's media are hard links, not copies, when the course and
    # the package share a file system.
    with tempfile.TemporaryDirectory(prefix=".moocstudio-site-", dir=target.parent) as work:
        site = build_site(folder, course, Path(work) / "site")
        entries: list[ZipSource] = [(name, site.root / name) for name in site.files]
        entries.append((LICENCE_FILE, licence_text(course).encode("utf-8")))
        entries.append((ATTRIBUTIONS_FILE, attributions_text(course).encode("utf-8")))
        return write_zip(target, entries)
