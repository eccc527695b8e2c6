"""The course as an IMS Common Cartridge (``.imscc``): version 1.3, and 1.1 for Moodle.

Platforms import a cartridge's pages without our scripts or style sheet (Moodle keeps the HTML
inside ``<body>``, purified), so each page is the standalone rendering
(``moocstudio.build.standalone``): the home page at ``web_resources/index.html``, each item at
``web_resources/<item id>.html``, every picture, video and caption file in
``web_resources/media/``, named by the page in the form its importers rewrite
(``CartridgeVersion.filebase``). Pages do not link to each other: Moodle imports each page as an
activity of its own and copies only the non-HTML files, so a link between pages would lead
nowhere; the platform's own outline moves between them.

Each page is one ``webcontent`` resource listing the page and the files it alone shows; a file
several pages show (a slide picture used twice, say) is listed once, in a shared resource those
pages depend on; the licence files sit at the root in a resource of their own: every file of
the zip is listed exactly once. An outline item opens each page inside its module's folder; the
home page comes first, in a folder of its own.

A quiz is no page: it is an IMS QTI 1.2.1 assessment in the CC profile (``export.qti``), at
``<quiz id>/assessment.xml``, listed alone in a resource of the version's assessment type; the
pictures its questions show are web content in ``web_resources/media/``, in a resource of their
own (or the shared one) that the assessment depends on. What the profile cannot hold as written
(a numeric tolerance, matching, ordering) is in the report's ``notes``.

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

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from moocstudio.build.labels import labels_for
from moocstudio.build.package_media import PackageMedia
from moocstudio.build.standalone import (
    StandaloneUrls,
    home_body,
    item_body,
    standalone_document,
)
from moocstudio.export.formats import ExportOptions
from moocstudio.export.imscc_manifest import CC11, CC13, CartridgeVersion, cartridge_manifest
from moocstudio.export.metadata import package_metadata
from moocstudio.export.qti import qti_assessment
from moocstudio.export.quiz_text import QuizText, passing_score_note
from moocstudio.export.scorm_manifest import OutlineItem, PackagePlan, Resource
from moocstudio.export.staging import licence_entries
from moocstudio.export.zipwriter import ZipReport, ZipSource, normalise_name, write_zip
from moocstudio.model import Asset, Course, Item, Quiz

MANIFEST = "imsmanifest.xml"
WEB_RESOURCES = "web_resources/"
MEDIA_FOLDER = "media/"
HOME_PAGE = "index.html"
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
ASSESSMENT_FILE = "assessment.xml"
QUIZ_MEDIA_SUFFIX = "-media"


@dataclass(frozen=True)
class CartridgePage:
    """One page of the cartridge, ready to list and to write.

    Attributes:
        resource: The identifier of its ``webcontent`` resource.
        path: Its path in the cartridge.
        document: The whole HTML page.
        media: The cartridge paths of the files it shows, each once, in page order.
    """

    resource: str
    path: str
    document: bytes
    media: tuple[str, ...]
    type: str | None = None
    """None for a web page; for a quiz, the version's QTI assessment resource type."""
    degraded: tuple[str, ...] = ()
    """For a quiz: what the QTI profile could not keep, one sentence per question."""


def _media_path(name: str) -> str:
    return normalise_name(WEB_RESOURCES + MEDIA_FOLDER + name)


class _ShownMedia:
    """The files one page or quiz shows, in order, each named as the platforms will find it."""

    def __init__(self, media: PackageMedia, prefix: str) -> None:
        self.media = media
        self.prefix = prefix
        self.shown: dict[str, None] = {}

    def url(self, asset: Asset) -> str:
        file_name = self.media.asset(asset)
        self.shown[_media_path(file_name)] = None
        return f"{self.prefix}{MEDIA_FOLDER}{file_name}"


def _page(
    resource: str,
    name: str,
    render: Callable[[StandaloneUrls], bytes],
    media: PackageMedia,
    version: CartridgeVersion,
) -> CartridgePage:
    """Render one page, noting each file it shows as the page names it."""
    shown = _ShownMedia(media, version.filebase)
    document = render(StandaloneUrls(media=shown.url))
    path = normalise_name(WEB_RESOURCES + name)
    return CartridgePage(resource, path, document, tuple(shown.shown))


def _quiz(
    course: Course, quiz: Quiz, media: PackageMedia, version: CartridgeVersion
) -> CartridgePage:
    """Write one quiz as a QTI assessment in a folder of its own, beside ``web_resources/``.

    Its pictures sit in ``web_resources/media/`` with the pages' files; CC 1.1 names them by a
    plain relative path from the assessment's folder, CC 1.3 with the file-base token, as pages.
    """
    shown = _ShownMedia(media, version.filebase or f"../{WEB_RESOURCES}")
    labels = labels_for(course.language)
    number = version.name.replace(".", "p")
    assessment = qti_assessment(quiz, QuizText(quiz, shown.url, labels), labels, number)
    return CartridgePage(
        resource=RESOURCE_PREFIX + quiz.id,
        path=normalise_name(f"{quiz.id}/{ASSESSMENT_FILE}"),
        document=assessment.xml,
        media=tuple(shown.shown),
        type=version.assessment,
        degraded=(
            *assessment.degraded,
            passing_score_note(quiz, "the CC QTI profile has none; set it in the platform"),
        ),
    )


def cartridge_pages(
    folder: Path, course: Course, version: CartridgeVersion
) -> tuple[list[CartridgePage], PackageMedia]:
    """Render the home page and every item's page, gathering the course files they show.

    Raises:
        MissingMediaFile: A file a page shows is missing from the course folder.
    """
    media = PackageMedia(folder)

    def home(urls: StandaloneUrls) -> bytes:
        return standalone_document(course, home_body(course), None)

    def of(item: Item) -> Callable[[StandaloneUrls], bytes]:
        return lambda urls: standalone_document(course, item_body(course, item, urls), item)

    pages = [_page(HOME_RESOURCE_ID, HOME_PAGE, home, media, version)]
    pages += [
        _quiz(course, item, media, version)
        if isinstance(item, Quiz)
        else _page(RESOURCE_PREFIX + item.id, f"{item.id}.html", of(item), media, version)
        for item in course.all_items()
    ]
    return pages, media


def _resources(pages: Iterable[CartridgePage], licence_files: Iterable[str]) -> list[Resource]:
    pages = list(pages)
    showing = Counter(path for page in pages for path in page.media)
    shared = sorted(path for path, count in showing.items() if count > 1)
    resources = []
    for page in pages:
        own = tuple(path for path in page.media if showing[path] == 1)
        uses_shared = (SHARED_RESOURCE_ID,) if set(page.media) & set(shared) else ()
        if page.type is None:
            resources.append(Resource(page.resource, (page.path, *own), page.path, uses_shared))
            continue
        # An assessment lists its QTI file alone; the pictures it shows are web content it
        # depends on (the CC profile's rule for assessment resources).
        pictures = f"{page.resource}{QUIZ_MEDIA_SUFFIX}"
        depends = ((pictures,) if own else ()) + uses_shared
        resources.append(Resource(page.resource, (page.path,), None, depends, page.type))
        if own:
            resources.append(Resource(pictures, own))
    if shared:
        resources.append(Resource(SHARED_RESOURCE_ID, tuple(shared)))
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


def cartridge_plan(
    course: Course, pages: Iterable[CartridgePage], licence_files: Iterable[str]
) -> PackagePlan:
    """What the manifest lists for ``course`` rendered as ``pages``.

    Args:
        course: The course.
        pages: Its pages (``cartridge_pages``), the home page first.
        licence_files: Package paths of the licence files (the first one is the resource's href).

    Returns:
        The outline (home, then one folder per module) and the resources, which together list
        every page, every file a page shows and every licence file once.
    """
    return PackagePlan(
        title=course.title,
        items=tuple(_outline(course)),
        resources=tuple(_resources(pages, licence_files)),
    )


def export_imscc(
    folder: Path, course: Course, target: Path, version: CartridgeVersion = CC13
) -> ZipReport:
    """Render the course's pages and write them as a Common Cartridge at ``target``.

    Args:
        folder: The course folder.
        course: The course stored there.
        target: The ``.imscc`` file to write; replaced atomically, never left half-written.
        version: ``CC13`` (default) or ``CC11``.

    Returns:
        What was written.

    Raises:
        MissingMediaFile: A file a page shows is missing from the course folder.
        UnsafeEntryName: A file name is not safe in an archive.
    """
    pages, media = cartridge_pages(Path(folder), course, version)
    licence: list[ZipSource] = licence_entries(course, media.sources)
    plan = cartridge_plan(course, pages, (name for name, _source in licence))
    manifest = cartridge_manifest(version, package_metadata(course), plan)
    entries: list[ZipSource] = [(page.path, page.document) for page in pages]
    entries += [(_media_path(name), source) for name, source in media.sources.items()]
    entries += [*licence, (MANIFEST, manifest)]
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    report = write_zip(target, entries)
    return replace(report, notes=tuple(note for page in pages for note in page.degraded))


def write_imscc13(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``imscc`` format's writer: IMS Common Cartridge 1.3 (``options`` do not apply)."""
    return export_imscc(folder, course, target, CC13)


def write_imscc11(folder: Path, course: Course, target: Path, options: ExportOptions) -> ZipReport:
    """The ``imscc11`` format's writer: IMS Common Cartridge 1.1, which Moodle core imports."""
    return export_imscc(folder, course, target, CC11)
