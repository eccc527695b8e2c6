"""Markdown files into Page items: rendered with Python-Markdown, sanitized with nh3.

Imported markdown is untrusted: raw HTML in it is reduced to a safe subset (no scripts, no event
handlers, no ``javascript:`` links), and image paths are resolved on the author's disk only to
copy real image files into the course; anything else is reported and left out.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from PIL import Image, UnidentifiedImageError

from moocstudio.errors import ImportFailed, MoocstudioError
from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.importers.front_matter import FrontMatter, split_front_matter
from moocstudio.importers.image_paths import LessonFolders
from moocstudio.importers.markdown_blocks import BlocksExtension
from moocstudio.importers.mathml_allowlist import (
    MATHML_ATTRIBUTES,
    MATHML_STYLE_PROPERTIES,
    MATHML_TAGS,
)
from moocstudio.importers.maths import maths_extension
from moocstudio.importers.quiz_fences import QuizFence, take_quiz_fences
from moocstudio.importers.sniff import sniff_kind
from moocstudio.model import Asset, Page, new_id
from moocstudio.model.store import add_asset

MARKDOWN_EXTENSIONS = ["extra", "toc", "sane_lists", "admonition"]
_WEB_SCHEMES = {"http", "https"}
_SVG_SNIFF_BYTES = 2048

_ALLOWED_TAGS = (nh3.ALLOWED_TAGS - {"map", "area"}) | MATHML_TAGS
_ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    **copy.deepcopy(nh3.ALLOWED_ATTRIBUTES),
    **copy.deepcopy(MATHML_ATTRIBUTES),
    # id: heading anchors of the table of contents; class: admonitions and code languages.
    "*": {"id", "class", "title", "lang", "dir"},
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
    "a": nh3.ALLOWED_ATTRIBUTES["a"] | {"href"},
    "details": {"open"},  # a folded aside shown open at first (Quarto collapse="false")
}
_ALLOWED_STYLES = {"text-align"} | MATHML_STYLE_PROPERTIES  # table columns; MathML layout


def sanitize_html(
    fragment: str, *, attribute_filter: Callable[[str, str, str], str | None] | None = None
) -> str:
    """Reduce untrusted HTML to a safe subset: no scripts, handlers, styles or script URLs.

    Args:
        fragment: The HTML to clean.
        attribute_filter: Called as ``(tag, attribute, value)`` for every kept attribute; returns
            the value to keep, or None to drop the attribute.
    """
    return nh3.clean(
        fragment,
        attribute_filter=attribute_filter,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_WEB_SCHEMES | {"mailto"},
        filter_style_properties=_ALLOWED_STYLES,
        link_rel="noopener noreferrer",
    )


@dataclass
class _ImageCollector:
    """Copies the images a page links to into the course, and remembers what went wrong."""

    folder: Path
    page_file: Path
    lesson: LessonFolders
    known_images: Sequence[Asset] = ()
    assets: list[Asset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def filter_attribute(self, tag: str, attribute: str, value: str) -> str | None:
        """nh3 attribute filter: rewrites image sources, keeps everything else."""
        if tag == "img" and attribute == "src":
            return self.rewrite(value)
        return value

    def rewrite(self, src: str) -> str | None:
        """Return the src to use in the course, or None to drop the image."""
        parts = urlsplit(src)
        if parts.scheme in _WEB_SCHEMES:
            self._warn(
                f"{self.page_file}: image {src} is on the web; packages show a link to it "
                "instead (they never load from the network). Download it next to the page to "
                "include it."
            )
            return src
        if not parts.path and parts.fragment:  # ![](#label): MyST embeds a labelled block
            self._warn(
                f"{self.page_file}: {src} embeds a labelled part of another page (MyST); "
                "it cannot be shown here, copy that part into the page; left out."
            )
            return None
        if parts.scheme or parts.netloc or src.startswith("\\"):
            self._warn(f"{self.page_file}: image {src!r} is not a path to a file; left out.")
            return None
        path = unquote(parts.path)
        found = self.lesson.find(path)
        candidate, problem = found.path, found.problem
        if candidate is None or not candidate.exists():
            known = self._known(path)
            if known is not None:
                return self._keep(known)
        if candidate is not None:
            problem = _image_problem(candidate)
        if candidate is None or problem:
            self._warn(f"{self.page_file}: image {src} {problem}; left out.")
            return None
        try:
            asset = add_asset(self.folder, candidate)
        except MoocstudioError as exc:
            self._warn(exc.user_message)
            return None
        return self._keep(asset)

    def _warn(self, warning: str) -> None:
        if warning not in self.warnings:  # an image used twice is still one problem
            self.warnings.append(warning)

    def _known(self, relative: str) -> Asset | None:
        # A page edited in the course has no folder of its own: "images/x.png" means the image
        # the page already holds under that name (the importer kept only the file's name).
        name = Path(relative).name
        return next((a for a in self.known_images if name == a.original_name), None)

    def _keep(self, asset: Asset) -> str:
        if asset not in self.assets:
            self.assets.append(asset)
        return asset.path


def _image_problem(path: Path) -> str | None:
    if not path.is_file():
        return "was not found"
    if path.suffix.lower() == ".svg":
        head = path.read_bytes()[:_SVG_SNIFF_BYTES].lower()
        return None if b"<svg" in head else "is not an SVG image"
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        if _is_recording(path):  # MyST shows ![](clip.mp4) as a video
            return "is a video or sound recording; add it to the course as a video item"
        return "is not an image Pillow can read"
    return None


def _is_recording(path: Path) -> bool:
    try:
        return sniff_kind(path) == "video"
    except ImportFailed:
        return False


def read_text(source: Path) -> str:
    """The UTF-8 text of ``source`` (a BOM dropped), or a refusal naming the file."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise ImportFailed(source, f"cannot be read ({exc.strerror})") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            source,
            f"is not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8",
        ) from exc


@dataclass(frozen=True)
class RenderedMarkdown:
    """Markdown rendered for the course: sanitized HTML and the images copied for it."""

    html: str
    heading: str
    """Text of the first heading, "" if the page has none."""
    images: list[Asset]
    warnings: list[str]
    metadata: FrontMatter = field(default_factory=FrontMatter)
    """What the front matter says (title, description, objectives, licence, authors...)."""
    instructor_notes: list[str] = field(default_factory=list)
    """Sanitized HTML of each instructor-only block, taken out of ``html``."""
    quiz_fences: list[QuizFence] = field(default_factory=list)
    """The page's ```quiz blocks, taken out of ``html`` (import_page makes them quizzes)."""


def render_markdown(
    text: str,
    *,
    folder: Path,
    page_file: Path,
    known_images: Sequence[Asset] = (),
    root: Path | None = None,
) -> RenderedMarkdown:
    """Render markdown to sanitized HTML, copying its relative images into ``folder``.

    Args:
        text: The markdown.
        folder: The course folder.
        page_file: Where the markdown lives; relative image paths are resolved from its folder.
        known_images: Images already in the course (a page's own, when it is edited there):
            an image path that names no file is taken as the known image of that file name.
        root: The lesson's top folder: site-root image paths (``/fig/x.png``) are looked up
            from the page's folder up to it, and no image path may lead outside it. Default:
            the nearest folder above the page holding a repository or site marker, else the
            page's own folder (see ``image_paths``).
    """
    collector = _ImageCollector(
        folder=folder,
        page_file=page_file,
        lesson=LessonFolders.for_page(page_file, root),
        known_images=known_images,
    )
    # The body keeps the file's line numbers (front matter lines are blanked), so every
    # extension's warnings count lines from the top of the author's file.
    page = split_front_matter(text, str(page_file))
    body, quiz_fences = take_quiz_fences(page.body)
    blocks = BlocksExtension(str(page_file))
    maths = maths_extension(page_file, body)
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, blocks, maths], output_format="html")
    rendered = md.convert(body)
    tokens: list[dict[str, object]] = getattr(md, "toc_tokens", [])
    heading = html.unescape(str(tokens[0]["name"])) if tokens else ""
    # Images are rewritten while sanitizing, so raw <img> tags get the same treatment.
    sanitized = sanitize_html(rendered, attribute_filter=collector.filter_attribute)
    notes = [
        sanitize_html(n, attribute_filter=collector.filter_attribute)
        for n in blocks.instructor_notes
    ]
    return RenderedMarkdown(
        html=sanitized,
        heading=heading,
        images=collector.assets,
        warnings=[*page.warnings, *blocks.warnings, *maths.warnings, *collector.warnings],
        metadata=page.metadata,
        instructor_notes=notes,
        quiz_fences=quiz_fences,
    )


def render_inline(text: str) -> str:
    """One line of inline markdown (a front-matter objective, say) as sanitized HTML.

    Code spans, emphasis, links and maths are rendered as in a page; block structure and
    images are not (a list entry holds neither). Unreadable TeX stays visible as code.
    """
    maths = maths_extension(Path("front matter"), text)
    rendered = markdown.Markdown(extensions=["extra", maths], output_format="html").convert(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return sanitize_html(rendered, attribute_filter=_drop_images)


def _drop_images(tag: str, attribute: str, value: str) -> str | None:
    return None if tag == "img" and attribute == "src" else value


def page_fields(rendered: RenderedMarkdown) -> dict[str, Any]:
    """The Page fields only the markdown sets: front matter lists and instructor notes.

    Title and licence are left out: the author can also set them in the app.
    """
    metadata = rendered.metadata
    return {
        "description": metadata.description,
        "authors": metadata.authors,
        "objectives": metadata.objectives,
        "questions": metadata.questions,
        "keypoints": metadata.keypoints,
        "instructor_notes": rendered.instructor_notes,
    }


def import_page(
    folder: Path, source: Path, *, title: str | None = None, root: Path | None = None
) -> ImportResult[Page]:
    """Import a markdown file as a Page.

    Args:
        folder: The course folder.
        source: The markdown file (UTF-8); only read.
        title: Use this title instead of the first heading.
        root: The lesson's top folder, for its images (see ``render_markdown``).

    Raises:
        ImportFailed: The file cannot be read or is not UTF-8 text.
    """
    source = Path(source)
    text = read_text(source)
    rendered = render_markdown(text, folder=folder, page_file=source, root=root)
    metadata = rendered.metadata
    page = Page(
        id=new_id("page"),
        title=title or metadata.title or rendered.heading or readable_stem(source),
        source=add_asset(folder, source),
        html=rendered.html,
        images=rendered.images,
        licence=metadata.licence,
        lesson_path=LessonFolders.for_page(source, root).path_of(source),
        **page_fields(rendered),
    )
    # Quiz texts are rendered by this module's render_markdown: import their reader late.
    from moocstudio.importers.page_quizzes import page_quizzes

    quizzes = page_quizzes(
        folder,
        source,
        rendered.quiz_fences,
        page_title=page.title,
        page_source=page.source,
        root=root,
    )
    return ImportResult(
        item=page, warnings=rendered.warnings + quizzes.warnings, followers=list(quizzes.quizzes)
    )
