"""Render a course into one static, mobile-first site: ``index.html``, ``items/``, ``media/``.

The site works from ``file://`` and from any web server, with no network access: every link is
relative, every script and style ships in ``assets/``, and media files are linked or copied in.
The whole tree is written into a temporary folder beside the target and swapped in at the end,
so a failed build leaves the previous site (or nothing) in place. Output is deterministic: the
same course gives byte-identical files (no dates, sorted everything).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

from moocstudio.build.labels import labels_for
from moocstudio.build.links import fetched_files
from moocstudio.build.media_files import MEDIA_DIR, link_or_copy, site_name
from moocstudio.build.page_content import inner_html, page_content, pages_by_key
from moocstudio.build.quiz_page import question_count_label, quiz_context
from moocstudio.build.templates import site_environment
from moocstudio.errors import MoocstudioError
from moocstudio.model import Asset, Course, Item, LicenceInfo, Module, Page, Quiz, SlideDeck, Video
from moocstudio.model.media_info import format_duration
from moocstudio.resources import resource_path, template_path

LAUNCH = "index.html"
ITEMS_DIR = "items"
ASSETS_DIR = "assets"
STATIC_FILES = ("site.css", "slides.js", "video.js")
QUIZ_SCRIPT = "quiz.js"
"""Copied only into sites with a quiz, so a site without one is as it was."""
WORDS_PER_MINUTE = 200  # a common silent-reading estimate for the "min read" hint
_TAG = re.compile(r"<[^>]+>")


class SiteBuildError(MoocstudioError):
    """The site could not be built (a media file is missing, the target cannot be written)."""


@dataclass(frozen=True)
class SiteTree:
    """A built site.

    Attributes:
        root: The folder holding the site.
        files: Every file written, as sorted POSIX paths relative to ``root``.
        launch: The home page, relative to ``root``.
        pages: The page of each item, by item id, relative to ``root``.
    """

    root: Path
    files: tuple[str, ...]
    launch: str
    pages: Mapping[str, str]

    @cached_property
    def dependencies(self) -> Mapping[str, tuple[str, ...]]:
        """The files each page makes the browser load (styles, scripts, badge, media), by page.

        Read from the written pages when first asked: only packages that split the site into
        resources (one SCO per item) need it, so a plain build parses nothing.
        """
        pages = (self.launch, *self.pages.values())
        return MappingProxyType(
            {
                page: fetched_files(page, (self.root / page).read_text(encoding="utf-8"))
                for page in pages
            }
        )


@dataclass(frozen=True)
class SiteOptions:
    """What a package changes from the plain offline site (which uses the defaults).

    Attributes:
        scripts: Extra scripts from the site's ``assets/`` that every page loads; SCORM packages
            add the one that tells their launch page what the learner viewed.
        links_between_items: False for packages whose platform moves between items itself (one
            SCO per item): item pages then have no previous/next or home links.
    """

    scripts: tuple[str, ...] = ()
    links_between_items: bool = True


@dataclass(frozen=True)
class _Entry:
    """One item with its place in the course, as the templates show it."""

    item: Item
    module: Module
    module_number: int
    number: str
    path: str
    kind: str
    length: str


class _Writer:
    """Collects the files of one build inside its temporary folder."""

    def __init__(
        self, folder: Path, course_folder: Path, *, in_place: bool = False, symbolic: bool = False
    ) -> None:
        self.folder = folder
        self.course_folder = course_folder
        self.in_place = in_place
        self.symbolic = symbolic
        self.written: set[str] = set()

    def text(self, relative: str, content: str) -> None:
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        # In place, a browser may be reading the page: it gets the old file or the new, whole.
        temp = target.with_name(f".{target.name}.part") if self.in_place else target
        # newline="\n": the same bytes on Windows, for deterministic exports.
        temp.write_text(content, encoding="utf-8", newline="\n")
        if temp != target:
            temp.replace(target)
        self.written.add(relative)

    def file(self, relative: str, source: Path, *, link: bool = True) -> None:
        if relative in self.written:
            return
        target = self.folder / relative
        if self.in_place and target.exists():
            return  # media names carry their content hash: the same name is the same file
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            if link:
                link_or_copy(source, target, symbolic=self.symbolic)
            else:
                shutil.copyfile(source, target)
        except OSError as exc:
            raise SiteBuildError(
                f"Cannot put {source} into the site ({exc.strerror or exc}). Check that the "
                "file exists (re-import it or remake the course media) and try again."
            ) from exc
        self.written.add(relative)

    def media(self, asset: Asset) -> str:
        """Copy ``asset`` into ``media/`` and return its path relative to the site root."""
        relative = f"{MEDIA_DIR}/{site_name(asset)}"
        self.file(relative, self.course_folder / asset.path)
        return relative


def build_site(
    folder: Path,
    course: Course,
    out_dir: Path,
    options: SiteOptions | None = None,
    *,
    symbolic_media: bool = False,
) -> SiteTree:
    """Render ``course`` (stored in ``folder``) into a static site in ``out_dir``.

    Args:
        folder: The course folder (media paths in the course are relative to it).
        course: The course to render.
        out_dir: Where the site goes; replaced as a whole if it exists.
        options: What the package changes from the plain offline site.
        symbolic_media: Link media files symbolically (a preview that never leaves this
            machine) rather than by hard link or copy (a site to package or share).

    Returns:
        What was written.

    Raises:
        SiteBuildError: a media file is missing or the site cannot be written.
    """
    out_dir = Path(out_dir).absolute()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(
            tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".part", dir=out_dir.parent)
        )
    except OSError as exc:
        raise _cannot_write(out_dir, exc) from exc
    try:
        # mkdtemp makes a private 0700 folder; a site is for sharing, so give it a plain mode.
        temp.chmod(0o755)
        writer = _Writer(temp, Path(folder), symbolic=symbolic_media)
        _write_site(writer, course, options or SiteOptions())
        _swap_in(temp, out_dir)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise _cannot_write(out_dir, exc) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return SiteTree(
        root=out_dir,
        files=tuple(sorted(writer.written)),
        launch=LAUNCH,
        pages=MappingProxyType({entry.item.id: entry.path for entry in _entries(course)}),
    )


def _cannot_write(out_dir: Path, exc: OSError) -> SiteBuildError:
    return SiteBuildError(
        f"Cannot write the site in {out_dir} ({exc.strerror or exc}). Check the free space and "
        "that the folder is writable, then try again."
    )


def _swap_in(temp: Path, out_dir: Path) -> None:
    # Move the old site aside first so that it can be put back if the rename fails.
    aside: Path | None = None
    parent = out_dir.parent
    if out_dir.exists():
        # A fresh unique name (made, then freed) so two builds never pick the same one.
        aside = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=parent))
        aside.rmdir()
        out_dir.rename(aside)
    try:
        temp.rename(out_dir)
    except OSError:
        if aside is not None:
            aside.rename(out_dir)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def write_item_page(
    folder: Path,
    course: Course,
    item: Item,
    site_root: Path,
    options: SiteOptions | None = None,
    *,
    symbolic_media: bool = False,
) -> str:
    """Render one item's page again into a site ``build_site`` made, leaving the rest alone.

    For a live preview: ``item`` may be an edited copy the course does not hold yet (it takes
    the place of the course's item with the same id). Only its page is rewritten, by rename, and
    media it links that the site lacks are added; neighbours keep the titles they show until the
    next whole build.

    Returns:
        The page's path relative to ``site_root``.

    Raises:
        SiteBuildError: a media file is missing or the page cannot be written.
        KeyError: the course holds no item with ``item``'s id.
    """
    writer = _Writer(Path(site_root), Path(folder), in_place=True, symbolic=symbolic_media)
    site = _SiteContext(course, options or SiteOptions(), edited=item)
    index = next(n for n, entry in enumerate(site.entries) if entry.item.id == item.id)
    try:
        site.write_item(writer, index)
    except OSError as exc:
        raise _cannot_write(Path(site_root), exc) from exc
    return site.entries[index].path


class _SiteContext:
    """What every page of one build shares: entries in order, page links, common context."""

    def __init__(self, course: Course, options: SiteOptions, edited: Item | None = None) -> None:
        self.course = course
        self.options = options
        self.entries = list(_entries(course, edited))
        # Page items by the markdown file the author wrote, so links between pages keep working.
        item_pages = {entry.item.id: PurePosixPath(entry.path).name for entry in self.entries}
        self.page_links = pages_by_key(
            (entry.item for entry in self.entries if isinstance(entry.item, Page)),
            lambda page: item_pages[page.id],
        )
        self.env = site_environment()
        self.common: dict[str, Any] = {
            "course": course,
            "t": labels_for(course.language),
            "lang": course.language,
            "extra_scripts": [f"{ASSETS_DIR}/{name}" for name in options.scripts],
            "links_between_items": options.links_between_items,
        }

    def write_home(self, writer: _Writer) -> None:
        course = self.course
        writer.text(
            LAUNCH,
            self.env.get_template("home.html").render(
                self.common,
                root="",
                entries=self.entries,
                modules=list(enumerate(course.modules, start=1)),
                first=self.entries[0] if self.entries else None,
                **_licence_context(writer, course.effective_licence(), None),
            ),
        )

    def write_item(self, writer: _Writer, index: int) -> None:
        entries, linked = self.entries, self.options.links_between_items
        entry = entries[index]
        previous = entries[index - 1] if linked and index > 0 else None
        following = entries[index + 1] if linked and index + 1 < len(entries) else None
        licence = self.course.effective_licence(entry.item)
        context = {
            **self.common,
            "root": "../",
            "entry": entry,
            "previous": previous,
            "next": following,
            **_licence_context(writer, licence, entry.item),
            **_item_context(writer, self.course, entry.item, self.page_links),
        }
        writer.text(entry.path, self.env.get_template(f"{entry.kind}.html").render(context))


def _write_site(writer: _Writer, course: Course, options: SiteOptions) -> None:
    for name in (*STATIC_FILES, *options.scripts):
        _copy_asset(writer, name)
    site = _SiteContext(course, options)
    site.write_home(writer)
    for index in range(len(site.entries)):
        site.write_item(writer, index)


def _entries(course: Course, edited: Item | None = None) -> Iterator[_Entry]:
    """Every item with its place; ``edited`` stands in for the course's item with its id."""
    labels = labels_for(course.language)
    for module_number, module in enumerate(course.modules, start=1):
        for item_number, course_item in enumerate(module.items, start=1):
            item = edited if edited is not None and edited.id == course_item.id else course_item
            yield _Entry(
                item=item,
                module=module,
                module_number=module_number,
                number=f"{module_number}.{item_number}",
                path=f"{ITEMS_DIR}/{item.id}.html",
                kind=item.kind,
                length=_length(item, labels),
            )


def _length(item: Item, labels: Mapping[str, str]) -> str:
    """How long an item takes: the video's duration, the deck's size, a page's reading time."""
    if isinstance(item, Video):
        return format_duration(item.duration)
    if isinstance(item, SlideDeck):
        return labels["n_slides"].format(n=len(item.visible_slides))
    if isinstance(item, Quiz):
        return question_count_label(item, labels)
    words = len(_TAG.sub(" ", item.html).split())
    return labels["reading"].format(n=max(1, round(words / WORDS_PER_MINUTE)))


def _licence_context(writer: _Writer, licence: LicenceInfo, item: Item | None) -> dict[str, Any]:
    badge = f"{ASSETS_DIR}/{licence.badge}"
    writer.file(badge, resource_path("licences", licence.badge), link=False)
    credit = None
    if item is not None and item.attribution is not None:
        credit = item.attribution.credit_line(licence)
    return {"licence": licence, "badge": badge, "credit": credit}


def _item_context(
    writer: _Writer, course: Course, item: Item, page_links: Mapping[str, str]
) -> dict[str, Any]:
    if isinstance(item, Page):
        return {"page_html": _page_html(writer, item, labels_for(course.language), page_links)}
    if isinstance(item, SlideDeck):
        slides = [
            {"slide": slide, "image": writer.media(slide.image) if slide.image else None}
            for slide in item.visible_slides
        ]
        return {"slides": slides}
    if isinstance(item, Quiz):
        _copy_asset(writer, QUIZ_SCRIPT)
        labels = labels_for(course.language)
        return quiz_context(course, item, labels, lambda image: f"../{writer.media(image)}")
    return _video_context(writer, course, item)


def _copy_asset(writer: _Writer, name: str) -> None:
    # Copied, never linked: editing a built site must not edit moocstudio's own files.
    writer.file(f"{ASSETS_DIR}/{name}", template_path("site", ASSETS_DIR, name), link=False)


def _page_html(
    writer: _Writer, page: Page, labels: Mapping[str, str], page_links: Mapping[str, str]
) -> Markup:
    def page_url(name: str, fragment: str) -> str | None:
        return f"{page_links[name]}{fragment}" if name in page_links else None

    # The importer links images as "media/<name>" from the course folder; item pages sit one
    # level down in items/, so the link gains "../" and the site's file name.
    content = page_content(
        page, labels, image_url=lambda image: f"../{writer.media(image)}", page_url=page_url
    )
    # Safe on purpose: the importer sanitized this HTML with nh3 (an allow-list of tags and
    # attributes, no scripts, no event handlers) when the markdown was imported, and what the
    # build adds is escaped text in fixed markup.
    return Markup(inner_html(content))  # noqa: S704


def _video_context(writer: _Writer, course: Course, video: Video) -> dict[str, Any]:
    # Smallest first: a browser without our script plays the first source, and the cheapest
    # rung is the safe guess on an unknown connection.
    renditions = sorted(video.renditions, key=lambda r: (r.height, r.width, r.label))
    sources = [
        {"rendition": r, "src": writer.media(r.file), "width": r.width, "height": r.height}
        for r in renditions
    ]
    tracks = [
        {
            "language": track.language,
            "src": writer.media(track.vtt),
            "default": track.language == course.language,
            # Also inlined in the page: browsers refuse a <track> file from file:// (each file
            # is its own origin), so video.js hands them this text as a blob there instead.
            "text": _read_text(writer.course_folder / track.vtt.path),
        }
        for track in video.subtitles
    ]
    if tracks and not any(t["default"] for t in tracks):
        tracks[0]["default"] = True
    return {
        "video": video,
        "sources": sources,
        "tracks": tracks,
        "poster": writer.media(video.poster) if video.poster else None,
        "source_fallback": None if sources else writer.media(video.source),
        "transcript": [line for line in (video.transcript or "").splitlines() if line.strip()],
    }


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise SiteBuildError(
            f"Cannot read {path} ({exc.strerror or exc}). Remake the course media and try again."
        ) from exc
