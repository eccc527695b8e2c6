"""The offline site as a zip: ``index.html`` at the root, relative links only, no network.

This is what Kolibri's HTML5 app nodes and any web server accept.
"""

from __future__ import annotations

from pathlib import Path

from moocstudio.export.formats import ExportOptions
from moocstudio.export.staging import licence_entries, site_entries, staged_site
from moocstudio.export.zipwriter import ZipReport, write_zip
from moocstudio.model import Course


def export_site_zip(folder: Path, course: Course, target: Path) -> ZipReport:
    """Build the course's site and write it, with its licence files, as a zip at ``target``.

    Raises:
        SiteBuildError: The site could not be built (e.g. a media file is missing).
        UnsafeEntryName: A file name in the site is not safe in an archive.
    """
    with staged_site(folder, course, target) as site:
        return write_zip(target, site_entries(site) + licence_entries(course, site.files))


def write_site_zip(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``site`` format's writer (it has no options)."""
    return export_site_zip(folder, course, target)
