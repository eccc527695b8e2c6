"""PDF slides (from Beamer, Keynote, Google Slides, PowerPoint, LibreOffice) into SlideDecks.

One slide per page. PDFium (pypdfium2, whose wheels carry the library for every platform: no
tool to install) draws each page 1280 px wide, without its annotations (comments, sticky notes,
form fields: the page as printed), and reads the page's text. A slide's title is the entry of
the PDF's outline (bookmarks) that points at the page, the deepest one when several do (a
frame's own entry rather than its section's); else the first line of the page's text.

PDFium is not thread-safe, not even across documents, so every call into it holds
:data:`PDFIUM_LOCK`; PNG encoding, the slow part, runs meanwhile on worker threads (Pillow
releases the GIL while it compresses).
"""

from __future__ import annotations

import io
import os
import re
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from moocstudio.errors import ImportFailed
from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.importers.pdf_text import TextLine, slide_text, split_lines
from moocstudio.importers.slide_images import IMAGE_WIDTH, Paragraph, SlideText, render_card
from moocstudio.model import Asset, Slide, SlideDeck, new_id
from moocstudio.model.store import add_asset, add_asset_bytes

PDFIUM_LOCK = threading.Lock()
"""Held by every call into PDFium, from any thread."""

_ENCODE_THREADS = 4
_PNG_COMPRESS_LEVEL = 3  # as slide_images: about 2x faster than 6, files 10-20% larger
_MAX_HEIGHT = 4 * IMAGE_WIDTH  # a page far taller than wide is drawn narrower, not huge
_ALT_MAX = 300  # characters: screen readers read alt text in one go
_ELLIPSIS = "…"
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff]")
# Titles that exporters put in the document properties; they say nothing about the deck.
_EXPORTER_TITLE = re.compile(
    r"^(?:microsoft powerpoint\s*-\s*.*|untitled.*|presentation\d*|powerpoint presentation|"
    r"présentation powerpoint|.*\.(?:pptx?|key|odp|tex|dvi|pdf))$",
    re.IGNORECASE,
)
_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "cannot be read (it may be open in another program); try again",
    pdfium_c.FPDF_ERR_PASSWORD: (
        "is protected by a password; open it, save or export it again without a password "
        "(or print it to a new PDF), and import that file"
    ),
    pdfium_c.FPDF_ERR_SECURITY: (
        "is encrypted in a way moocstudio cannot open; export the slides to PDF again without "
        "protection, and import that file"
    ),
}
_DAMAGED = (
    "is damaged or incomplete and cannot be read as a PDF; if it was downloaded or copied, get "
    "it again, or export the slides to PDF again"
)


@dataclass(frozen=True)
class _Page:
    """What one page gives: its title and paragraphs, and its picture on its way to media/."""

    number: int
    title: str
    paragraphs: list[str]
    image: Future[Asset]


def import_pdf_slides(
    folder: Path, source: Path, *, title: str | None = None, extract_text: bool = True
) -> ImportResult[SlideDeck]:
    """Import PDF slides as a SlideDeck, one slide per page.

    The PDF and one PNG per page are stored in the course's ``media/`` folder.

    Args:
        folder: The course folder.
        source: The PDF; only read.
        title: Use this title instead of the one found in the file.
        extract_text: Read each page's text (titles, slide text, alt text); False keeps only
            the outline's titles.

    Returns:
        The deck (``rendered_with="pdf"``), and warnings about pages drawn as text cards.

    Raises:
        ImportFailed: Not a readable PDF: damaged, protected by a password, or without pages.
    """
    source = Path(source)
    warnings: list[str] = []
    slides: list[Slide] = []
    with _opened(source) as pdf:
        outline = _outline_titles(pdf)
        metadata_title = _metadata_title(pdf)
        for page in _read_pages(folder, source, pdf, outline, extract_text, warnings):
            slides.append(
                Slide(
                    number=page.number,
                    title=page.title,
                    body=page.paragraphs,
                    image=page.image.result(),
                    image_alt=_alt_text(page),
                )
            )
    deck_title = title or metadata_title or slides[0].title or readable_stem(source)
    deck = SlideDeck(
        id=new_id("slides"),
        title=deck_title,
        source=add_asset(folder, source),
        slides=slides,
        rendered_with="pdf",
    )
    return ImportResult(item=deck, warnings=warnings)


# --- Opening ------------------------------------------------------------------------------


@contextmanager
def _opened(source: Path) -> Iterator[Any]:
    """The PDF open in PDFium (lock held only while PDFium runs), closed at the end."""
    # The raw loader, not PdfDocument(path): that one cannot tell a PDF without pages from a
    # damaged one (it reports both with PDFium's last error, which is stale for the first).
    if not source.is_file():
        raise ImportFailed(source, "does not exist; check the name and the folder")
    encoded = (os.fsdecode(source) + "\x00").encode("utf-8", errors="surrogateescape")
    with PDFIUM_LOCK:
        raw = pdfium_c.FPDF_LoadDocument(encoded, None)
        error = pdfium_c.FPDF_GetLastError() if not raw else pdfium_c.FPDF_ERR_SUCCESS
        pdf = pdfium.PdfDocument(raw) if raw else None
        count = len(pdf) if pdf is not None else 0
    if pdf is None:
        raise ImportFailed(source, _LOAD_ERRORS.get(error, _DAMAGED))
    try:
        if count == 0:
            raise ImportFailed(source, "has no pages; export the slides to PDF again")
        yield pdf
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _outline_titles(pdf: Any) -> dict[int, str]:
    """Page index -> title of the deepest outline entry pointing at it (the first such)."""
    best: dict[int, tuple[int, str]] = {}
    with PDFIUM_LOCK:
        for bookmark in pdf.get_toc():
            index = _bookmark_page(pdf, bookmark)
            text = _one_line(bookmark.get_title() or "")
            if index is None or not text:
                continue
            if index not in best or bookmark.level > best[index][0]:
                best[index] = (bookmark.level, text)
    return {index: text for index, (_, text) in best.items()}


def _bookmark_page(pdf: Any, bookmark: Any) -> int | None:
    dest = bookmark.get_dest()
    if dest is not None:
        index: int | None = dest.get_index()
        return index
    # LaTeX (hyperref, so Beamer) points its bookmarks through a GoTo action to a named
    # destination instead of giving the destination itself.
    action = pdfium_c.FPDFBookmark_GetAction(bookmark.raw)
    if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_GOTO:
        return None
    raw_dest = pdfium_c.FPDFAction_GetDest(pdf.raw, action)
    if not raw_dest:
        return None
    found = int(pdfium_c.FPDFDest_GetDestPageIndex(pdf.raw, raw_dest))
    return found if found >= 0 else None


def _metadata_title(pdf: Any) -> str:
    with PDFIUM_LOCK:
        text = _one_line(pdf.get_metadata_value("Title") or "")
    return "" if _EXPORTER_TITLE.match(text) else text


# --- Pages --------------------------------------------------------------------------------


def _read_pages(
    folder: Path,
    source: Path,
    pdf: Any,
    outline: dict[int, str],
    extract_text: bool,
    warnings: list[str],
) -> Iterator[_Page]:
    """Every page, its picture encoded and stored by a worker while the next page is drawn.

    At most a few drawn pages (~3 MB each) wait for a worker at any time.
    """
    workers = min(_ENCODE_THREADS, os.cpu_count() or 1)
    with ThreadPoolExecutor(workers, thread_name_prefix="pdf-page") as pool:
        waiting: deque[_Page] = deque()
        for index in range(len(pdf)):
            number = index + 1
            picture, lines = _draw_page(source, pdf, index, extract_text, warnings)
            title, paragraphs = slide_text(lines, outline.get(index, ""))
            name = f"{source.stem}-slide-{number:03d}.png"
            if picture is None:
                card = SlideText(number, title, tuple(Paragraph(p) for p in paragraphs))
                image = pool.submit(_store_card, folder, card, name)
            else:
                image = pool.submit(_store_picture, folder, picture, name)
            waiting.append(_Page(number, title, paragraphs, image))
            if len(waiting) > 2 * workers:
                waiting[0].image.result()  # wait here, not with every page drawn in memory
                yield waiting.popleft()
        yield from waiting


def _store_picture(folder: Path, picture: Image.Image, name: str) -> Asset:
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=_PNG_COMPRESS_LEVEL)
    return add_asset_bytes(folder, out.getvalue(), name)


def _store_card(folder: Path, card: SlideText, name: str) -> Asset:
    return add_asset_bytes(folder, render_card(card), name)


def _draw_page(
    source: Path, pdf: Any, index: int, extract_text: bool, warnings: list[str]
) -> tuple[Image.Image | None, list[TextLine]]:
    """The page as an RGB picture 1280 px wide (None if PDFium fails on it) and its lines."""
    picture: Image.Image | None = None
    lines: list[TextLine] = []
    problem = "it has no size"
    with PDFIUM_LOCK:
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            page, problem = None, str(exc)
        try:
            if page is not None:
                lines = _page_lines(page) if extract_text else []
                picture = _render(page)
        except pdfium.PdfiumError as exc:
            problem = str(exc)
        finally:
            if page is not None:
                page.close()
    if picture is None:
        warnings.append(
            f"{source}: page {index + 1} could not be drawn ({problem}); it is shown as a text card"
        )
    return picture, lines


def _page_lines(page: Any) -> list[TextLine]:
    textpage = page.get_textpage()
    try:
        text = str(textpage.get_text_range())
        count = pdfium_c.FPDFText_CountChars(textpage.raw)

        def size_at(index: int) -> float:
            return float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))

        # Font sizes are per PDFium character; they match the text's indexes when no
        # character needed two UTF-16 units (outside the BMP), the usual case.
        return split_lines(text, size_at if count == len(text) else None)
    finally:
        textpage.close()


def _render(page: Any) -> Image.Image | None:
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        return None
    bitmap = page.render(
        scale=min(IMAGE_WIDTH / width, _MAX_HEIGHT / height),
        draw_annots=False,
        may_draw_forms=False,
        rev_byteorder=True,
    )
    try:
        picture: Image.Image = bitmap.to_pil()  # RGB: a copy, nothing of PDFium's is kept
    finally:
        bitmap.close()
    return picture


# --- Text ---------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(_CONTROL_CHARS.sub(" ", text).split())


def _alt_text(page: _Page) -> str:
    """The page picture's alt text: its title, then its text, cut at a word near 300 chars."""
    text = ""
    for part in [page.title or f"Slide {page.number}", *page.paragraphs]:
        if text:
            text += " " if text.endswith((".", "!", "?", ":", _ELLIPSIS)) else ". "
        text += part
    if len(text) <= _ALT_MAX:
        return text
    cut = text.rfind(" ", 0, _ALT_MAX - 1)
    return text[: cut if cut > _ALT_MAX // 2 else _ALT_MAX - 1].rstrip(" ,;:.") + _ELLIPSIS
