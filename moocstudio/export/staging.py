"""What every package starts from: the course's site built in a work folder beside the target.

The work folder sits beside the package so the site's media are hard links, not copies, when
the course and the package share a file system; it is removed whatever happens.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from moocstudio.build import SiteOptions, SiteTree, build_site
from moocstudio.export.licence_files import attributions_text, licence_text
from moocstudio.export.zipwriter import ZipSource
from moocstudio.model import Course

LICENCE_FILE = "LICENSE.txt"
ATTRIBUTIONS_FILE = "ATTRIBUTIONS.txt"


@contextmanager
def staged_site(
    folder: Path, course: Course, target: Path, options: SiteOptions | None = None
) -> Iterator[SiteTree]:
    """Build ``course``'s site in a temporary folder beside ``target``; remove it afterwards.

    Raises:
        SiteBuildError: The site could not be built (e.g. a media file is missing).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".moocstudio-export-", dir=target.parent) as work:
        yield build_site(folder, course, Path(work) / "site", options)


def site_entries(site: SiteTree, prefix: str = "") -> list[ZipSource]:
    """Every file of ``site`` as archive entries, under ``prefix`` (e.g. ``"web_resources/"``)."""
    return [(prefix + name, site.root / name) for name in site.files]


def licence_entries(course: Course, package_files: Iterable[str]) -> list[ZipSource]:
    """The LICENSE.txt and ATTRIBUTIONS.txt every package carries at its root.

    ATTRIBUTIONS.txt lists ``package_files`` (the package's media) by their original names.
    """
    return [
        (LICENCE_FILE, licence_text(course).encode("utf-8")),
        (ATTRIBUTIONS_FILE, attributions_text(course, package_files).encode("utf-8")),
    ]
