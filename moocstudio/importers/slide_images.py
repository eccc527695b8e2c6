"""Pictures of slides: LibreOffice when it is installed, a clean text card otherwise.

LibreOffice renders the real slide (layout, theme, pictures): the deck is converted to PDF
headless, with a throwaway user profile so that it runs beside an open LibreOffice, and
pdftoppm rasterizes each page at 1280 px wide. Without LibreOffice (or when it fails) each slide
becomes a 1280x720 card drawn with Pillow from its title and text: never a crash, at worst a
warning. Hidden slides are left out of LibreOffice's PDF, so they always get a card.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageChops, ImageDraw, ImageFont

from moocstudio.errors import MoocstudioError
from moocstudio.importers.libreoffice import convert, find_soffice
from moocstudio.importers.ooxml import copy_without_outside_links
from moocstudio.media.process import run
from moocstudio.model.items import SlideRenderer
from moocstudio.resources import resource_path

log = logging.getLogger(__name__)

CARD_SIZE = (1280, 720)
_CARD_THREADS = 4
IMAGE_WIDTH = 1280

# Card design: generous margins, a dark title, softer body text, one accent colour.
_BACKGROUND = (255, 255, 255)
_ACCENT = (31, 95, 153)
_TITLE_COLOUR = (24, 32, 44)
_BODY_COLOUR = (55, 65, 81)
_MUTED = (140, 148, 160)
_RULE = (226, 230, 236)
_ACCENT_BAR = 14
_MARGIN_LEFT = 104
_MARGIN_RIGHT = 96
_MARGIN_TOP = 72
_FOOTER_HEIGHT = 68  # from the bottom edge: a rule, then the deck title and number
_FOOTER_SIZE = 20
_TITLE_SIZES = (54, 46, 40)
_TITLE_ONLY_SIZES = (64, 54, 46)  # section headers: the title alone, larger
_BODY_SIZES = (32, 28, 25, 22)
_TITLE_MAX_LINES = 2
_RULE_GAP = 24  # title bottom to the bottom of its short accent rule
_LINE_SPACING = 1.3
_PARAGRAPH_GAP = 0.45  # of the font size
_INDENT = 44  # per outline level
_BULLET = "•"
_ELLIPSIS = "…"
_PNG_COMPRESS_LEVEL = 3  # about 2x faster than 6 (the default), for files 10-20% larger

_FONT_FILES = {False: "NotoSans-Regular.ttf", True: "NotoSans-Bold.ttf"}
# Used only when the bundled font is missing (a broken install): common system fonts with
# accented Latin, Greek and Cyrillic.
_SYSTEM_FONTS = {
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "C:/Windows/Fonts/segoeui.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "C:/Windows/Fonts/segoeuib.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    ),
}

# LibreOffice: the first conversion with a fresh profile takes a few seconds, then each slide
# well under one; generous limits, because a timeout only costs the real pictures.
_SOFFICE_BASE_TIMEOUT = 120.0
_PDFTOPPM_BASE_TIMEOUT = 60.0
_SECONDS_PER_SLIDE = 2.0
_PAGES_PER_BATCH = 20  # raw pages are ~4 MB each: 80 MB of temporary files at most
_PDFTOPPM_ADVICE = (
    "install poppler (Debian/Ubuntu: apt install poppler-utils; macOS: brew install poppler)"
)


class Paragraph(NamedTuple):
    """One paragraph of slide text and its outline level (0 = top)."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class SlideText:
    """What a card shows of a slide."""

    number: int
    title: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    hidden: bool = False


@dataclass
class RenderedSlides:
    """One PNG per slide, in deck order, and how they were made.

    Attributes:
        images: PNG bytes, one per slide given.
        renderer: "libreoffice" when LibreOffice drew the (visible) slides, else "card".
        warnings: Plain sentences about anything that fell back to cards.
    """

    images: list[bytes]
    renderer: SlideRenderer
    warnings: list[str] = field(default_factory=list)


def render_slides(
    source: Path,
    slides: Sequence[SlideText],
    *,
    deck_title: str = "",
    use_libreoffice: bool = True,
) -> RenderedSlides:
    """Render every slide of a .pptx to PNG, with LibreOffice when possible.

    Args:
        source: The .pptx file the slides come from.
        slides: Every slide of the deck, in order, hidden ones included.
        deck_title: Shown small in the footer of cards.
        use_libreoffice: Set False to draw cards even when LibreOffice is installed.

    Returns:
        The images, the renderer used and any warnings; never raises for a tool's failure.
    """
    warnings: list[str] = []
    soffice = find_soffice() if use_libreoffice else None
    if soffice is not None:
        pages = _libreoffice_pages(Path(source), slides, soffice, warnings)
        if pages is not None:
            # Cards among the real pictures (hidden slides) take the pictures' height.
            height = next((_png_height(p) for p in pages if p is not None), CARD_SIZE[1])
            images = [
                page if page is not None else render_card(s, deck_title=deck_title, height=height)
                for s, page in zip(slides, pages, strict=True)
            ]
            return RenderedSlides(images, "libreoffice", warnings)
    return RenderedSlides(_render_cards(slides, deck_title), "card", warnings)


def _render_cards(slides: Sequence[SlideText], deck_title: str) -> list[bytes]:
    # Pillow releases the GIL while encoding PNG: a second thread nearly halves the time.
    workers = min(_CARD_THREADS, os.cpu_count() or 1, len(slides))
    if workers <= 1:
        return [render_card(slide, deck_title=deck_title) for slide in slides]
    with ThreadPoolExecutor(workers, thread_name_prefix="slide-card") as pool:
        return list(pool.map(lambda slide: render_card(slide, deck_title=deck_title), slides))


# --- LibreOffice -------------------------------------------------------------------------


def _libreoffice_pages(
    source: Path, slides: Sequence[SlideText], soffice: str, warnings: list[str]
) -> list[bytes | None] | None:
    """PNG per slide from LibreOffice (None for a slide left out of the PDF), or None on failure.

    Failures become a warning: the caller draws cards instead.
    """
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        warnings.append(
            f"{source}: slide pictures are drawn as text cards because pdftoppm is missing; "
            f"{_PDFTOPPM_ADVICE}"
        )
        return None
    with tempfile.TemporaryDirectory(prefix="moocstudio-slides-") as tmp:
        work = Path(tmp)
        try:
            pngs = _convert(source, work, soffice, pdftoppm, len(slides))
        except _RenderFailed as exc:
            warnings.append(f"{source}: {exc}; slide pictures are drawn as text cards instead")
            return None
        except MoocstudioError as exc:  # tool missing after all, or timed out
            warnings.append(
                f"{source}: {exc.user_message}; slide pictures are drawn as text cards instead"
            )
            return None
        except OSError as exc:  # the temporary folder is full, or a page cannot be read
            warnings.append(
                f"{source}: slide pictures could not be made ({exc.strerror or exc}); they are "
                "drawn as text cards instead"
            )
            return None
        return _match_pages(source, slides, pngs, warnings)


class _RenderFailed(Exception):
    """LibreOffice or pdftoppm ran but produced nothing usable."""


def _convert(source: Path, work: Path, soffice: str, pdftoppm: str, count: int) -> list[bytes]:
    """The deck as PNG pages: LibreOffice makes a PDF, pdftoppm rasterizes it."""
    # Work on a copy with a plain name: LibreOffice names its output after the input, and the
    # author's file name may hold characters that trip it up. Links to outside files are cut
    # in the copy: LibreOffice would fetch them into the slide images.
    deck = work / "deck.pptx"
    copy_without_outside_links(source, deck)
    timeout = _SOFFICE_BASE_TIMEOUT + _SECONDS_PER_SLIDE * count
    result = convert(soffice, [deck], "pdf", work, timeout=timeout)
    pdf = work / "deck.pdf"
    if not result.ok or not pdf.is_file():
        raise _RenderFailed(f"LibreOffice could not convert it ({_last_line(result.stderr_tail)})")
    return _rasterize(pdf, work, pdftoppm, count)


def _rasterize(pdf: Path, work: Path, pdftoppm: str, most: int) -> list[bytes]:
    """Every page of ``pdf`` (at most ``most``) as a PNG 1280 px wide.

    pdftoppm writes raw PPM, a batch of pages at a time, and Pillow encodes the PNGs: pdftoppm's
    own PNG encoder takes ~5x longer than its rendering, and raw pages are large on disk.
    """
    pages: list[bytes] = []
    for first in range(1, most + 1, _PAGES_PER_BATCH):
        last = first + _PAGES_PER_BATCH - 1
        prefix = work / f"page{first}"
        result = run(
            # -scale-to-x fixes the width exactly, whatever the slide size (4:3, 16:9, custom).
            [pdftoppm, "-f", str(first), "-l", str(last), "-scale-to-x", str(IMAGE_WIDTH)]
            + ["-scale-to-y", "-1", pdf, prefix],
            timeout=_PDFTOPPM_BASE_TIMEOUT + _SECONDS_PER_SLIDE * _PAGES_PER_BATCH,
            cwd=work,
        )
        raw = sorted(work.glob(f"{prefix.name}-*.ppm"), key=_page_number)
        if not result.ok and not (pages and not raw):  # past the last page is not a failure
            raise _RenderFailed(f"pdftoppm failed ({_last_line(result.stderr_tail)})")
        pages += _encode_pngs(raw)
        if len(raw) < _PAGES_PER_BATCH:
            break
    return pages


def _encode_pngs(raw: list[Path]) -> list[bytes]:
    def encode(path: Path) -> bytes:
        with Image.open(path) as image:
            out = io.BytesIO()
            image.save(out, "PNG", compress_level=_PNG_COMPRESS_LEVEL)
        path.unlink()
        return out.getvalue()

    # Pillow releases the GIL while encoding: pages encode in parallel.
    with ThreadPoolExecutor(min(_CARD_THREADS, os.cpu_count() or 1)) as pool:
        return list(pool.map(encode, raw))


def _png_height(png: bytes) -> int:
    with Image.open(io.BytesIO(png)) as image:
        return image.height


def _page_number(path: Path) -> int:
    match = re.search(r"-(\d+)\.\w+$", path.name)
    return int(match.group(1)) if match else 0


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no message"


def _match_pages(
    source: Path, slides: Sequence[SlideText], pngs: list[bytes], warnings: list[str]
) -> list[bytes | None] | None:
    """Pair PDF pages with slides: one page per slide, or one per visible slide."""
    visible = [i for i, slide in enumerate(slides) if not slide.hidden]
    if len(pngs) == len(slides):  # this LibreOffice exported the hidden slides too
        indexes = list(range(len(slides)))
    elif len(pngs) == len(visible):
        indexes = visible
    else:
        warnings.append(
            f"{source}: LibreOffice made {len(pngs)} pages for {len(slides)} slides "
            f"({len(visible)} visible); slide pictures are drawn as text cards instead"
        )
        return None
    pages: list[bytes | None] = [None] * len(slides)
    for index, png in zip(indexes, pngs, strict=True):
        pages[index] = png
    return pages


# --- Cards -------------------------------------------------------------------------------


def card_font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The card's font at ``size`` pixels: bundled Noto Sans, loaded once per size and thread.

    Falls back to a system font, then to Pillow's own font (which lacks accents), with a
    logged warning, so that a broken install still draws something.
    """
    # One FreeType face per thread: cards are drawn on several threads, and a face must
    # never be used by two at once.
    fonts: dict[tuple[int, bool], ImageFont.FreeTypeFont] = _thread_fonts.__dict__.setdefault(
        "fonts", {}
    )
    font = fonts.get((size, bold))
    if font is None:
        file = _font_file(bold)
        font = ImageFont.truetype(file, size) if file else _pillow_font(size)
        fonts[(size, bold)] = font
    return font


_thread_fonts = threading.local()


@cache
def _font_file(bold: bool) -> Path | None:
    candidates = [resource_path("fonts", _FONT_FILES[bold]), *map(Path, _SYSTEM_FONTS[bold])]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        log.warning("no font with accents found (%s missing); cards use Pillow's", candidates[0])
    return found


def _pillow_font(size: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.load_default(size)
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise MoocstudioError("Pillow was built without FreeType; reinstall Pillow from PyPI")
    return font


def wrap_text(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels in ``font``.

    Lines break at ordinary spaces, never at no-break spaces, nor inside French punctuation
    spacing (« ... », before : ; ! ?); a word wider than a line is cut between characters.
    A newline in ``text`` always starts a new line.
    """
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(_wrap_line(_GLUED_SPACE.sub("\u00a0", part), font, width))
    return lines


# A space that typography forbids breaking at: after «, and before », :, ;, !, ?.
_GLUED_SPACE = re.compile(r"(?<=«) +| +(?=[»:;!?](?:\s|$))")
# Breakable spaces only: str.split() would also break at U+00A0 and U+202F.
_BREAKABLE = re.compile(r"[ \t]+")


def _wrap_line(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    words = [word for word in _BREAKABLE.split(text) if word]
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _cut_word(word, font, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    lines.append(current)
    return lines


def _cut_word(word: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Cut a word (a URL, a formula) into pieces that fit; keep it whole when it fits."""
    pieces: list[str] = []
    while font.getlength(word) > width and len(word) > 1:
        fit = _longest_fitting_prefix(word, font, width)
        pieces.append(word[:fit])
        word = word[fit:]
    pieces.append(word)
    return pieces


def _longest_fitting_prefix(text: str, font: ImageFont.FreeTypeFont, width: float) -> int:
    low, high = 1, len(text)  # the first character always goes, so progress is certain
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def ellipsize(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """``text`` cut to fit ``width`` with an ellipsis, at a space when one is near the end."""
    text = text.rstrip()
    fit = _longest_fitting_prefix(text, font, width - font.getlength(_ELLIPSIS)) if text else 0
    head = text[:fit]
    if fit < len(text) and not text[fit].isspace():
        space = head.rfind(" ")
        if space > fit // 2:  # a word boundary, unless it throws away half the line
            head = head[:space]
    head = head.rstrip(" \u00a0,;:.")
    while head and font.getlength(head + _ELLIPSIS) > width:  # kerning is not additive
        head = head[:-1]
    return head + _ELLIPSIS


class _Ink(IntEnum):
    """The card's colours; every pixel is white or a blend of white and one ink."""

    TITLE = 0
    BODY = 1
    ACCENT = 2
    MUTED = 3
    RULE = 4


_INK_COLOURS = {
    _Ink.TITLE: _TITLE_COLOUR,
    _Ink.BODY: _BODY_COLOUR,
    _Ink.ACCENT: _ACCENT,
    _Ink.MUTED: _MUTED,
    _Ink.RULE: _RULE,
}
_SHADES = 63  # per antialiased ink: 4 x 63 + white + the rule's one colour = 254 entries


class _Canvas:
    """A card drawn as one coverage layer per ink, saved as an exact palette PNG.

    A palette PNG encodes ~4x faster than RGB and is ~3x smaller, but Pillow's quantizer maps
    colours only approximately (white became 252,252,253). Drawing each ink's coverage apart
    gives every pixel its palette index directly, exactly.
    """

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        self._layers: dict[_Ink, tuple[Image.Image, ImageDraw.ImageDraw]] = {}

    def _draw(self, ink: _Ink) -> ImageDraw.ImageDraw:
        if ink not in self._layers:
            layer = Image.new("L", self.size, 0)
            self._layers[ink] = (layer, ImageDraw.Draw(layer))
        return self._layers[ink][1]

    def text(
        self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, ink: _Ink
    ) -> None:
        self._draw(ink).text(xy, text, font=font, fill=255)

    def rectangle(self, box: tuple[int, int, int, int], ink: _Ink) -> None:
        self._draw(ink).rectangle(box, fill=255)

    def png(self) -> bytes:
        indexes = Image.new("L", self.size, 0)
        for ink, (layer, _) in self._layers.items():
            indexes = ImageChops.lighter(indexes, layer.point(_index_table(ink)))
        paletted = Image.frombytes("P", self.size, indexes.tobytes())
        paletted.putpalette(_palette())
        out = io.BytesIO()
        paletted.save(out, "PNG", compress_level=_PNG_COMPRESS_LEVEL)
        return out.getvalue()


@cache
def _index_table(ink: _Ink) -> list[int]:
    """Coverage 0-255 to palette index: 0 is white, then each ink's shades, lightest first."""
    if ink is _Ink.RULE:  # drawn only as solid, axis-aligned shapes: one colour is enough
        return [0] + [1 + 4 * _SHADES] * 255
    base = 1 + ink * _SHADES
    return [0] + [base + max(0, round(v * _SHADES / 255) - 1) for v in range(1, 256)]


@cache
def _palette() -> list[int]:
    palette = list(_BACKGROUND)
    for ink in (_Ink.TITLE, _Ink.BODY, _Ink.ACCENT, _Ink.MUTED):
        colour = _INK_COLOURS[ink]
        for shade in range(1, _SHADES + 1):
            mix = zip(_BACKGROUND, colour, strict=True)
            palette += [round(bg + (c - bg) * shade / _SHADES) for bg, c in mix]
    return palette + list(_RULE)


class _Line(NamedTuple):
    text: str
    x: int
    bullet: bool


@dataclass
class _Block:
    """Wrapped text ready to draw: lines with their positions, in one font."""

    font: ImageFont.FreeTypeFont
    lines: list[tuple[_Line, int]]  # line and its top y
    bottom: int
    truncated: bool


def render_card(slide: SlideText, *, deck_title: str = "", height: int = CARD_SIZE[1]) -> bytes:
    """Draw a slide as a PNG card, 1280 px wide: its title, its text, a footer with the number.

    Text that does not fit shrinks a little, then ends with an ellipsis.

    Args:
        slide: The slide's number, title and paragraphs.
        deck_title: Shown small in the footer.
        height: 720 by default (16:9); a card among LibreOffice pictures takes their height.
    """
    canvas = _Canvas(CARD_SIZE[0], height)
    canvas.rectangle((0, 0, _ACCENT_BAR - 1, height), _Ink.ACCENT)
    width = CARD_SIZE[0] - _MARGIN_LEFT - _MARGIN_RIGHT
    footer_top = height - _FOOTER_HEIGHT
    body_top = _MARGIN_TOP
    if not slide.paragraphs:
        _draw_title_only(canvas, slide, width, footer_top)
    elif slide.title:
        title = _layout_title(slide.title, _TITLE_SIZES, width, _TITLE_MAX_LINES, _MARGIN_TOP)
        _draw_block(canvas, title, _Ink.TITLE)
        _draw_title_rule(canvas, title.bottom)
        body_top = title.bottom + _RULE_GAP + 32
    if slide.paragraphs:
        body = _layout_body(slide.paragraphs, width, body_top, footer_top - 24)
        _draw_block(canvas, body, _Ink.BODY, bullets=len(slide.paragraphs) > 1)
    _draw_footer(canvas, slide, deck_title, footer_top)
    return canvas.png()


def _draw_title_rule(canvas: _Canvas, title_bottom: int) -> None:
    y = title_bottom + _RULE_GAP - 4
    canvas.rectangle((_MARGIN_LEFT, y, _MARGIN_LEFT + 72, y + 4), _Ink.ACCENT)


def _draw_title_only(canvas: _Canvas, slide: SlideText, width: int, footer_top: int) -> None:
    # A section header (or an empty slide): the title alone, larger, centred vertically.
    text = slide.title or f"Slide {slide.number}"
    block = _layout_title(text, _TITLE_ONLY_SIZES, width, 3, 0)
    shift = (footer_top - block.bottom - _RULE_GAP) // 2
    block.lines = [(line, y + shift) for line, y in block.lines]
    _draw_block(canvas, block, _Ink.TITLE if slide.title else _Ink.MUTED)
    if slide.title:
        _draw_title_rule(canvas, block.bottom + shift)


def _layout_title(text: str, sizes: Sequence[int], width: int, max_lines: int, top: int) -> _Block:
    text = " ".join(_BREAKABLE.split(text.replace("\n", " "))).strip()
    for size in sizes:
        font = card_font(size, bold=True)
        lines = wrap_text(text, font, width)
        if len(lines) <= max_lines or size == sizes[-1]:
            break
    truncated = len(lines) > max_lines
    if truncated:
        lines = [*lines[: max_lines - 1], ellipsize(" ".join(lines[max_lines - 1 :]), font, width)]
    step = round(size * 1.18)
    placed = [(_Line(line, _MARGIN_LEFT, False), top + i * step) for i, line in enumerate(lines)]
    return _Block(font, placed, top + len(lines) * step, truncated)


def _layout_body(paragraphs: Sequence[Paragraph], width: int, top: int, bottom: int) -> _Block:
    """Lay out the body at the largest size that fits; at the smallest, cut with an ellipsis."""
    block = _Block(card_font(_BODY_SIZES[-1]), [], top, True)
    for size in _BODY_SIZES:
        block = _fill(paragraphs, card_font(size), size, width, top, bottom)
        if not block.truncated:
            break
    return block


def _fill(
    paragraphs: Sequence[Paragraph],
    font: ImageFont.FreeTypeFont,
    size: int,
    width: int,
    top: int,
    bottom: int,
) -> _Block:
    step = round(size * _LINE_SPACING)
    bullets = len(paragraphs) > 1
    y = top
    placed: list[tuple[_Line, int]] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            y += round(size * _PARAGRAPH_GAP)
        x = _MARGIN_LEFT + _INDENT * min(paragraph.level, 4) + (round(size * 1.1) if bullets else 0)
        for index, text in enumerate(wrap_text(paragraph.text, font, _MARGIN_LEFT + width - x)):
            if y + step > bottom:
                _end_with_ellipsis(placed, font, _MARGIN_LEFT + width)
                return _Block(font, placed, y, truncated=True)
            placed.append((_Line(text, x, index == 0), y))
            y += step
    return _Block(font, placed, y, truncated=False)


def _end_with_ellipsis(
    placed: list[tuple[_Line, int]], font: ImageFont.FreeTypeFont, right: int
) -> None:
    if placed:
        line, y = placed[-1]
        placed[-1] = (line._replace(text=ellipsize(line.text, font, right - line.x)), y)


def _draw_block(canvas: _Canvas, block: _Block, ink: _Ink, *, bullets: bool = False) -> None:
    bullet_offset = round(block.font.size * 1.1)
    for line, y in block.lines:
        if bullets and line.bullet:
            canvas.text((line.x - bullet_offset, y), _BULLET, block.font, _Ink.ACCENT)
        canvas.text((line.x, y), line.text, block.font, ink)


def _draw_footer(canvas: _Canvas, slide: SlideText, deck_title: str, footer_top: int) -> None:
    font = card_font(_FOOTER_SIZE)
    right = CARD_SIZE[0] - _MARGIN_RIGHT
    canvas.rectangle((_MARGIN_LEFT, footer_top, right, footer_top + 1), _Ink.RULE)
    y = footer_top + 18
    number = str(slide.number) + ("  ·  hidden" if slide.hidden else "")
    number_width = font.getlength(number)
    canvas.text((right - number_width, y), number, font, _Ink.MUTED)
    if deck_title:
        room = right - number_width - 48 - _MARGIN_LEFT
        title = " ".join(_BREAKABLE.split(deck_title.replace("\n", " "))).strip()
        if font.getlength(title) > room:
            title = ellipsize(title, font, room)
        canvas.text((_MARGIN_LEFT, y), title, font, _Ink.MUTED)


# --- Stand-ins for pictures --------------------------------------------------------------

_PLACEHOLDER_WIDTH = 640
_PLACEHOLDER_HEIGHTS = (200, 960)  # whatever the picture's shape, a readable frame
_PLACEHOLDER_MARGIN = 28
_PLACEHOLDER_BORDER = 3
_PLACEHOLDER_LABEL_SIZE = 20
_PLACEHOLDER_TEXT_SIZE = 26


def render_picture_placeholder(description: str, label: str, aspect: float = 4 / 3) -> bytes:
    """A PNG that stands in for a picture that could not be made fit for browsers.

    A thin frame of the picture's proportions, with ``label`` (e.g. "EMF picture") small at
    the top and the picture's description below it, so that what the picture showed is not
    lost even where its pixels are.

    Args:
        description: The picture's alt text; "" draws "No description".
        label: What the picture was, in a few words.
        aspect: Width over height of the picture on its slide.
    """
    low, high = _PLACEHOLDER_HEIGHTS
    height = min(max(round(_PLACEHOLDER_WIDTH / max(aspect, 0.01)), low), high)
    canvas = _Canvas(_PLACEHOLDER_WIDTH, height)
    right, bottom = _PLACEHOLDER_WIDTH - 1, height - 1
    for box in (
        (0, 0, right, _PLACEHOLDER_BORDER - 1),
        (0, bottom - _PLACEHOLDER_BORDER + 1, right, bottom),
        (0, 0, _PLACEHOLDER_BORDER - 1, bottom),
        (right - _PLACEHOLDER_BORDER + 1, 0, right, bottom),
    ):
        canvas.rectangle(box, _Ink.RULE)
    width = _PLACEHOLDER_WIDTH - 2 * _PLACEHOLDER_MARGIN
    label_font = card_font(_PLACEHOLDER_LABEL_SIZE, bold=True)
    canvas.text(
        (_PLACEHOLDER_MARGIN, _PLACEHOLDER_MARGIN),
        ellipsize(label, label_font, width) if label_font.getlength(label) > width else label,
        label_font,
        _Ink.MUTED,
    )
    font = card_font(_PLACEHOLDER_TEXT_SIZE)
    step = round(_PLACEHOLDER_TEXT_SIZE * _LINE_SPACING)
    top = _PLACEHOLDER_MARGIN + round(_PLACEHOLDER_LABEL_SIZE * 2)
    room = max(1, (height - _PLACEHOLDER_MARGIN - top) // step)
    lines = wrap_text(description or "No description", font, width)
    if len(lines) > room:
        lines = [*lines[: room - 1], ellipsize(" ".join(lines[room - 1 :]), font, width)]
    ink = _Ink.BODY if description else _Ink.MUTED
    for number, line in enumerate(lines):
        canvas.text((_PLACEHOLDER_MARGIN, top + number * step), line, font, ink)
    return canvas.png()
