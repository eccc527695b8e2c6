"""A PDF page's text as a slide's title and paragraphs.

PDF text comes as visual lines: a title that wraps is two lines, a bullet that wraps is a
bullet line and its continuation. The font size of each line (PDFium gives it per character)
puts them back together: the title is the first line and the lines after it in the same size
(when that size is larger than the text below it), and a line without a marker that follows a
bulleted line in the same size continues it. List markers, blank lines and bare page numbers
(a footer's "7" or "7 / 32") are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

TITLE_MAX = 200
_TITLE_LINES = 3
_ELLIPSIS = "…"
_SIZE_TOLERANCE = 0.5  # points: the same font size, allowing for rounding in the PDF
# Leading list markers as PDF text carries them: bullets and dashes followed by a space, and
# the private-use Symbol/Wingdings code points that PowerPoint's bullets come out as.
_MARKER = re.compile(r"^(?:[•◦▪▫‣⁃∙·■□▶►➢➤✓✔–—-]\s+|[\ue000-\uf8ff]\s*)")
_PAGE_NUMBER = re.compile(r"\d{1,4}(?:\s*/\s*\d{1,4})?")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\f]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SOFT_HYPHENS = ("\x02", "\u00ad")  # PDFium marks a hyphen it found at a line end with \x02
# Names exporters give slides that have none; no title says less.
_GENERIC_NAME = re.compile(
    r"(?:slide|page|diapositive|diapo|folie|diapositiva|dia|pagina|seite)\s*\d+", re.IGNORECASE
)


@dataclass(frozen=True)
class TextLine:
    """One visual line of a page: its text, its font size, and whether a marker began it."""

    text: str
    size: float = 0.0
    bulleted: bool = False
    hyphenated: bool = False


def split_lines(text: str, size_at: Callable[[int], float] | None = None) -> list[TextLine]:
    """The page's text as cleaned lines, with the font size of each line's first character.

    Args:
        text: The page's text as PDFium gives it (lines end with CR LF).
        size_at: The font size of the character at an index of ``text``, if known.
    """
    lines = []
    start = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        raw = text[start:end]
        start = match.end() if match else end
        hyphenated = raw.rstrip(" ").endswith(_SOFT_HYPHENS)
        cleaned = _SPACES.sub(" ", _CONTROL_CHARS.sub("", raw).replace("\u00ad", "")).strip()
        unmarked = _MARKER.sub("", cleaned).strip()
        if not unmarked or _PAGE_NUMBER.fullmatch(unmarked):
            continue
        first = end - len(raw) + (len(raw) - len(raw.lstrip()))
        size = size_at(first) if size_at is not None else 0.0
        lines.append(TextLine(unmarked, size, unmarked != cleaned, hyphenated))
    return lines


def slide_text(lines: list[TextLine], outline_title: str = "") -> tuple[str, list[str]]:
    """The slide's title and paragraphs from its lines.

    Args:
        lines: From :func:`split_lines`.
        outline_title: The PDF outline's entry for the page, if any; generic names ("Slide 3")
            do not count.

    Returns:
        The title (the outline's, else the first line and its continuations) and the
        paragraphs after it.
    """
    outline_title = " ".join(outline_title.split())
    if _GENERIC_NAME.fullmatch(outline_title):
        outline_title = ""
    if outline_title:
        title, taken = outline_title, _lines_spelling(lines, outline_title)
    else:
        taken = _title_block(lines)
        title = _joined(lines[:taken])
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + _ELLIPSIS
    return title, _paragraphs(lines[taken:])


def _lines_spelling(lines: list[TextLine], title: str) -> int:
    """How many first lines spell ``title`` (0 when they do not): they are not body text."""
    wanted = title.casefold()
    for count in range(1, min(_TITLE_LINES, len(lines)) + 1):
        if _joined(lines[:count]).casefold() == wanted:
            return count
    return 0


def _title_block(lines: list[TextLine]) -> int:
    if not lines:
        return 0
    first = lines[0].size
    count = 1
    while (
        count < min(_TITLE_LINES, len(lines))
        and first > 0
        and abs(lines[count].size - first) <= _SIZE_TOLERANCE
        and not lines[count].bulleted
    ):
        count += 1
    below = lines[count].size if count < len(lines) else 0.0
    # Only a title set larger than the text under it spans lines; plain text keeps one.
    return count if below and first - below > _SIZE_TOLERANCE else 1


def _paragraphs(lines: list[TextLine]) -> list[str]:
    paragraphs: list[str] = []
    open_marker = False  # the last paragraph began with a list marker
    previous: TextLine | None = None
    for line in lines:
        continues = (
            previous is not None
            and (open_marker or previous.hyphenated)
            and not line.bulleted
            and abs(line.size - previous.size) <= _SIZE_TOLERANCE
        )
        if continues and previous is not None:
            paragraphs[-1] = _append(paragraphs[-1], line.text, previous.hyphenated)
        else:
            paragraphs.append(line.text)
            open_marker = line.bulleted
        previous = line
    return paragraphs


def _joined(lines: list[TextLine]) -> str:
    text = ""
    for index, line in enumerate(lines):
        text = _append(text, line.text, index > 0 and lines[index - 1].hyphenated)
    return text


def _append(text: str, more: str, hyphenated: bool) -> str:
    """``more`` after ``text``: a hyphen PDFium found at the line end joins a word's halves."""
    if not text:
        return more
    if hyphenated:
        return text.rstrip("-\u2010") + more
    return f"{text} {more}"
