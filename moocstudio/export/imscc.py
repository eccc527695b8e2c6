"""The course as an IMS Common Cartridge (``.imscc``): version 1.3, and 1.1 for Moodle.

The cartridge is the offline site under ``web_resources/`` plus ``imsmanifest.xml``. Each item's
page is one ``webcontent`` resource, opened by an outline item inside its module's folder; the
home page comes first, in a folder of its own. Files more than one page loads (the style sheet,
the licence badge) are listed once, in a shared resource every page resource depends on, and
the licence files sit at the root in a resource of their own: every file of the zip is listed
exactly once.

Why these choices (importers read): Canvas makes a module of every child of the root item and
links only the ``webcontent`` items inside it (``lib/cc/importer/standard/org_converter.rb``),
so a home page straight under the root would be an empty module; Canvas and Moodle both copy
the files of every ``webcontent`` resource, referenced by an item or not, into the course files
(``webcontent_converter.rb``; Moodle ``backup/cc/entities11.class.php``), so the shared resource
reaches them. Moodle turns each child of the root into a section and an ``.html`` href into a
page holding that file's HTML (``backup/cc/entity11.resource.class.php``). Moodle also refuses a
CC 1.1 manifest that its copy of the CC 1.1 XSDs rejects (``backup/converter/imscc11/lib.php``),
which is why the LOM record keeps to what both versions' schemas accept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from moocstudio.build import SiteTree
from moocstudio.build.labels import labels_for
from moocstudio.export.formats import ExportOptions
from moocstudio.export.imscc_manifest import CC11, CC13, CartridgeVersion, cartridge_manifest
from moocstudio.export.metadata import package_metadata
from moocstudio.export.scorm_manifest import OutlineItem, PackagePlan, Resource
from moocstudio.export.staging import licence_entries, site_entries, staged_site
from moocstudio.export.zipwriter import ZipReport, ZipSource, normalise_name, write_zip
from moocstudio.model import Course

MANIFEST = "imsmanifest.xml"
WEB_RESOURCES = "web_resources/"
HOME_FOLDER_ID = "home"
HOME_ITEM_ID = "I_home"
HOME_RESOURCE_ID = "R_home"
SHARED_RESOURCE_ID = "R_shared"
LICENCE_RESOURCE_ID = "R_licence"
# Model ids look like "video-3f2a9c0d1e4b" (a hyphen, never an underscore), so these prefixed
# ids never meet the fixed ones above, and are valid xs:ID values (NCNames).
MODULE_PREFIX = "M_"
ITEM_PREFIX = "I_"
RESOURCE_PREFIX = "R_"


def _package_path(site_path: str) -> str:
    """The zip entry name of a site file, as write_zip will store it (NFC)."""
    return normalise_name(WEB_RESOURCES + site_path)


def _owners(site: SiteTree) -> dict[str, list[str]]:
    """For each file that is not a page, the pages that load it (in site order)."""
    pages = {site.launch, *site.pages.values()}
    owners: dict[str, list[str]] = {name: [] for name in site.files if name not in pages}
    for page, loaded in site.dependencies.items():
        for name in loaded:
            if name in owners:
                owners[name].append(page)
    return owners


def _files_by_page(site: SiteTree) -> tuple[dict[str, list[str]], list[str]]:
    """Split the site's non-page files: those one page alone loads, by page, and the rest."""
    own: dict[str, list[str]] = defaultdict(list)
    shared: list[str] = []
    for name, pages in _owners(site).items():
        # A file no page loads (reached only by a link, say) is shared too: it must be listed.
        if len(pages) == 1:
            own[pages[0]].append(name)
        else:
            shared.append(name)
    return own, shared


def _page_resource(
    identifier: str, page: str, own_files: Iterable[str], depends_on_shared: bool
) -> Resource:
    href = _package_path(page)
    return Resource(
        identifier=identifier,
        files=(href, *sorted(_package_path(name) for name in own_files)),
        launch=href,
        dependencies=(SHARED_RESOURCE_ID,) if depends_on_shared else (),
    )


def _resources(course: Course, site: SiteTree, licence_files: Iterable[str]) -> list[Resource]:
    own, shared = _files_by_page(site)
    pages: list[tuple[str, str]] = [(HOME_RESOURCE_ID, site.launch)]
    pages += [(RESOURCE_PREFIX + item.id, site.pages[item.id]) for item in course.all_items()]
    resources = [_page_resource(rid, page, own[page], bool(shared)) for rid, page in pages]
    if shared:
        resources.append(
            Resource(SHARED_RESOURCE_ID, tuple(sorted(_package_path(n) for n in shared)))
        )
    names = tuple(normalise_name(name) for name in licence_files)
    resources.append(Resource(LICENCE_RESOURCE_ID, names, launch=names[0]))
    return resources


def _outline(course: Course) -> list[OutlineItem]:
    home = OutlineItem(HOME_ITEM_ID, labels_for(course.language)["home"], HOME_RESOURCE_ID)
    outline = [OutlineItem(HOME_FOLDER_ID, course.title, children=(home,))]
    for module in course.modules:
        items = tuple(
            OutlineItem(ITEM_PREFIX + item.id, item.title, RESOURCE_PREFIX + item.id)
            for item in module.items
        )
        outline.append(OutlineItem(MODULE_PREFIX + module.id, module.title, children=items))
    return outline


def cartridge_plan(course: Course, site: SiteTree, licence_files: Iterable[str]) -> PackagePlan:
    """What the manifest lists for ``course`` built as ``site``.

    Args:
        course: The course.
        site: Its built site, which goes under ``web_resources/`` in the cartridge.
        licence_files: Package paths of the licence files (the first one is the resource's href).

    Returns:
        The outline (home, then one folder per module) and the resources, which together list
        every file of the site and every licence file once.
    """
    return PackagePlan(
        title=course.title,
        items=tuple(_outline(course)),
        resources=tuple(_resources(course, site, licence_files)),
    )


def export_imscc(
    folder: Path, course: Course, target: Path, version: CartridgeVersion = CC13
) -> ZipReport:
    """Build the course's site and write it as a Common Cartridge at ``target``.

    Args:
        folder: The course folder.
        course: The course stored there.
        target: The ``.imscc`` file to write; replaced atomically, never left half-written.
        version: ``CC13`` (default) or ``CC11``.

    Returns:
        What was written.

    Raises:
        SiteBuildError: The site could not be built (e.g. a media file is missing).
        UnsafeEntryName: A file name in the site is not safe in an archive.
    """
    with staged_site(folder, course, target) as site:
        licence: list[ZipSource] = licence_entries(course, site)
        plan = cartridge_plan(course, site, (name for name, _source in licence))
        manifest = cartridge_manifest(version, package_metadata(course), plan)
        entries = [*site_entries(site, prefix=WEB_RESOURCES), *licence, (MANIFEST, manifest)]
        return write_zip(target, entries)


def write_imscc13(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``imscc`` format's writer: IMS Common Cartridge 1.3 (``options`` do not apply)."""
    return export_imscc(folder, course, target, CC13)


def write_imscc11(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``imscc11`` format's writer: IMS Common Cartridge 1.1, which Moodle core imports."""
    return export_imscc(folder, course, target, CC11)
