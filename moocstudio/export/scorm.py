"""SCORM 1.2 and SCORM 2004 4th edition packages: the site, its launch pages and a manifest.

The package holds the course's site (built with ``tracking.js``), the runtime's launch pages and
``assets/scorm.js``, LICENSE.txt and ATTRIBUTIONS.txt, and ``imsmanifest.xml``. Every file but
the manifest is listed as a ``<file>`` of exactly one resource, so an LMS that copies only the
files it is told about (and validators that check the list) see the whole package:

- single SCO: one SCO whose files are everything the course shows, and an asset resource with
  the licence files that the SCO depends on;
- one SCO per item: each SCO lists its launch page, its item page and what that page loads;
  files used by several SCOs (styles, scripts, badges), the licence files and the files no item
  page loads (the site's home page, say) go to one shared asset resource every SCO depends on.
  The outline lists the SCOs one after the other, each titled "Module · Item": no module
  folders, which would stop Moodle's previous/next buttons at the end of each module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from moocstudio.build import SiteTree
from moocstudio.errors import MoocstudioError
from moocstudio.export.formats import ExportOptions, ScoStructure
from moocstudio.export.metadata import package_metadata
from moocstudio.export.scorm_launch import (
    LaunchFiles,
    ScormVersion,
    launch_files,
    sco_passing,
    scorm_site_options,
)
from moocstudio.export.scorm_manifest import (
    MANIFEST,
    OutlineItem,
    PackagePlan,
    Resource,
    manifest_xml,
)
from moocstudio.export.staging import (
    ATTRIBUTIONS_FILE,
    LICENCE_FILE,
    licence_entries,
    site_entries,
    staged_site,
)
from moocstudio.export.zipwriter import ZipReport, write_zip
from moocstudio.model import Course

SHARED_RESOURCE = "RES-SHARED"
COURSE_ITEM = "ITEM-COURSE"
COURSE_RESOURCE = "RES-COURSE"
TITLE_SEPARATOR = " · "
"""Between a module's title and its item's in a per-item package's outline."""


class EmptyCourseError(MoocstudioError):
    """A package needs at least one item and the course has none."""


def write_scorm12(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``scorm12`` format's writer: a SCORM 1.2 package, one SCO or one per item."""
    return export_scorm(folder, course, target, "1.2", options.sco)


def write_scorm2004(
    folder: Path, course: Course, target: Path, options: ExportOptions
) -> ZipReport:
    """The ``scorm2004`` format's writer: a SCORM 2004 4th edition package."""
    return export_scorm(folder, course, target, "2004", options.sco)


def export_scorm(
    folder: Path,
    course: Course,
    target: Path,
    version: ScormVersion,
    structure: ScoStructure = "single",
) -> ZipReport:
    """Build ``course``'s site and write it as a SCORM package at ``target``, atomically.

    Args:
        folder: The course folder (media paths in the course are relative to it).
        course: The course to package.
        target: The zip to write; nothing is left there if the export fails.
        version: ``"1.2"`` or ``"2004"`` (4th edition).
        structure: ``"single"`` (the course is one SCO) or ``"per-item"`` (one SCO per item).

    Returns:
        What was written.

    Raises:
        EmptyCourseError: One SCO per item was asked for a course with no items.
        SiteBuildError: The site could not be built (e.g. a media file is missing).
        UnsafeEntryName: A file name in the site is not safe in an archive.
    """
    if structure == "per-item" and not course.all_items():
        raise EmptyCourseError(
            f"{course.title!r} has no items, so a package with one SCO per item would be "
            "empty; add an item, or export it as a single SCO"
        )
    with staged_site(folder, course, target, scorm_site_options(structure)) as site:
        launch = launch_files(course, site, version, structure)
        plan = package_plan(course, site, launch, structure)
        manifest = manifest_xml(version, package_metadata(course), plan)
        return write_zip(
            target,
            [
                *site_entries(site),
                *launch.entries,
                *licence_entries(course, site.files),
                (MANIFEST, manifest),
            ],
        )


def package_plan(
    course: Course, site: SiteTree, launch: LaunchFiles, structure: ScoStructure
) -> PackagePlan:
    """The outline and resources of ``course``'s package (every file but the manifest listed).

    Args:
        course: The course the package holds.
        site: Its site, built with ``scorm_site_options(structure)``.
        launch: The runtime's launch pages, from ``launch_files``.
        structure: ``"single"`` or ``"per-item"``.
    """
    package_files = {
        *site.files,
        *(name for name, _ in launch.entries),
        LICENCE_FILE,
        ATTRIBUTIONS_FILE,
    }
    if structure == "single":
        href = launch.launches[None]
        # The single SCO may show any page of the site (its own navigation moves between them).
        claims = {COURSE_RESOURCE: (href, package_files - {LICENCE_FILE, ATTRIBUTIONS_FILE})}
        items: tuple[OutlineItem, ...] = (
            OutlineItem(
                COURSE_ITEM, course.title, COURSE_RESOURCE, passing=sco_passing(course, None)
            ),
        )
    else:
        claims = {
            _resource_id(item_id): (href, _item_files(site, launch, href, item_id))
            for item_id, href in launch.launches.items()
            if item_id is not None
        }
        items = _sco_items(course)
    return PackagePlan(course.title, items, _resources(claims, package_files))


def _resource_id(item_id: str) -> str:
    return f"RES-{item_id}"


def _item_files(site: SiteTree, launch: LaunchFiles, href: str, item_id: str) -> set[str]:
    """What one item's SCO shows: its launch page, the item page and everything it loads."""
    page = site.pages[item_id]
    return {href, *launch.shared, page, *site.dependencies.get(page, ())}


def _sco_items(course: Course) -> tuple[OutlineItem, ...]:
    """One SCO item per course item, in course order; the module lives on in each title."""
    return tuple(
        OutlineItem(
            f"ITEM-{item.id}",
            _sco_title(module.title, item.title),
            _resource_id(item.id),
            passing=sco_passing(course, item),
        )
        for module in course.modules
        for item in module.items
    )


def _sco_title(module_title: str, item_title: str) -> str:
    """What a per-item package's outline calls an item: "Module · Item" (a blank part left out)."""
    return TITLE_SEPARATOR.join(part for part in (module_title, item_title) if part.strip())


def _resources(
    claims: Mapping[str, tuple[str, set[str]]], package_files: set[str]
) -> tuple[Resource, ...]:
    """One SCO per claim, and the shared asset resource with what no single SCO owns.

    Args:
        claims: By resource identifier, the SCO's launch page and every file it shows.
        package_files: Every file of the package except the manifest.
    """
    uses = Counter(path for _, files in claims.values() for path in files & package_files)
    owned = {path for path, count in uses.items() if count == 1}
    shared = package_files - owned
    scos = tuple(
        Resource(
            identifier,
            _sorted(files & owned),
            launch=href,
            dependencies=(SHARED_RESOURCE,),
        )
        for identifier, (href, files) in claims.items()
    )
    return (*scos, Resource(SHARED_RESOURCE, _sorted(shared)))


def _sorted(paths: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(paths))
