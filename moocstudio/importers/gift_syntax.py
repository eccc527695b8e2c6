r"""GIFT's lexical rules: questions split at blank lines, comments, escapes, the answer block.

Facts from Moodle's GIFT format documentation and what Moodle's exporter writes:

- a question ends at a blank line; ``//`` starts a comment line; ``$CATEGORY:`` names the
  question bank category of the questions that follow;
- ``::title::`` opens a question, then an optional ``[html]``, ``[markdown]``, ``[plain]`` or
  ``[moodle]`` text format, the stem, and the answer block in braces (text after the block
  makes a "missing word" question);
- ``\~ \= \# \{ \} \:`` and ``\\`` stand for the character itself and ``\n`` for a new
  line (so TeX's ``\neq`` is written ``\\neq``, as Moodle reads it too).

moocstudio keeps what GIFT cannot say (points, hints, ordering, all-or-nothing scoring, case
sensitivity) in ``// moocstudio: ...`` comment lines just before a question: Moodle skips them
as comments, so the file stays a valid GIFT bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moocstudio.model.questions import TextFormat

ESCAPED = "\\~=#{}:"
"""Characters a backslash escapes in GIFT text (plus ``\\n``, a new line)."""

DIRECTIVE_PREFIX = "// moocstudio:"
_DIRECTIVE = re.compile(r"^//\s*moocstudio:\s*(?P<key>[a-z-]+)\s*(?P<value>.*)$")
_FORMAT = re.compile(r"^\s*\[(?P<name>html|markdown|plain|moodle)\]", re.IGNORECASE)
_UNESCAPE = re.compile(r"\\([\\~=#{}:n])")
_CATEGORY = "$CATEGORY:"

# Moodle's "auto-format" text keeps HTML tags; the nearest moocstudio format is HTML.
_FORMAT_NAMES: dict[str, TextFormat] = {
    "html": "html",
    "markdown": "markdown",
    "plain": "plain",
    "moodle": "html",
}


class GiftSyntaxError(ValueError):
    """A question's text breaks GIFT's rules; the message says how."""


@dataclass
class Chunk:
    """One question's lines, joined, with where it starts and what comes before it.

    Attributes:
        line: 1-based line of its first line in the file.
        text: Its lines joined by new lines, comment lines left out.
        category: The ``$CATEGORY`` in force (empty before the first one).
        directives: ``// moocstudio: key value`` comments just before it, by key.
    """

    line: int
    text: str
    category: str = ""
    directives: dict[str, str] = field(default_factory=dict)


def split_questions(text: str) -> list[Chunk]:
    """The file's questions, each with its line number; categories and comments read."""
    chunks: list[Chunk] = []
    lines: list[str] = []
    start = 0
    category = ""
    directives: dict[str, str] = {}

    def flush() -> None:
        nonlocal category, directives, lines
        if not lines:
            return
        joined = "\n".join(lines).strip()
        lines = []
        if joined.startswith(_CATEGORY):
            first, _, rest = joined.partition("\n")
            category = first[len(_CATEGORY) :].strip()
            if not rest.strip():
                return
            joined = rest.strip()
        chunks.append(Chunk(start, joined, category, directives))
        directives = {}

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            found = _DIRECTIVE.match(stripped)
            if found and not lines:
                directives[found["key"]] = found["value"].strip()
            continue
        if not stripped:
            flush()
            continue
        if not lines:
            start = number
        lines.append(line)
    flush()
    return chunks


def unescape(text: str) -> str:
    """GIFT text as the author meant it: escapes resolved."""
    return _UNESCAPE.sub(lambda m: "\n" if m[1] == "n" else m[1], text)


def escape(text: str) -> str:
    """Text made safe inside a GIFT question (the inverse of ``unescape``)."""
    out = "".join("\\" + char if char in ESCAPED else char for char in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def find_unescaped(text: str, token: str, start: int = 0) -> int:
    """Index of the first ``token`` at or after ``start`` that no backslash escapes, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(token, index):
            return index
        index += 1
    return -1


def split_unescaped(text: str, token: str, limit: int = -1) -> list[str]:
    """``text`` cut at each unescaped ``token`` (at most ``limit`` cuts when not -1)."""
    parts: list[str] = []
    start = 0
    while limit != 0:
        found = find_unescaped(text, token, start)
        if found < 0:
            break
        parts.append(text[start:found])
        start = found + len(token)
        limit -= 1
    parts.append(text[start:])
    return parts


def split_answers(block: str, markers: str = "=~") -> tuple[str, list[tuple[str, str]]]:
    """Cut an answer block at each unescaped marker.

    Returns:
        The text before the first marker, and each answer as (marker, text after it).
    """
    answers: list[tuple[str, str]] = []
    lead_end = -1
    index = 0
    current: tuple[str, int] | None = None
    while index < len(block):
        char = block[index]
        if char == "\\":
            index += 2
            continue
        if char in markers:
            if current is None:
                lead_end = index
            else:
                answers.append((current[0], block[current[1] : index]))
            current = (char, index + 1)
        index += 1
    if current is None:
        return block, []
    answers.append((current[0], block[current[1] :]))
    return block[:lead_end], answers


def take_format(text: str, default: TextFormat) -> tuple[TextFormat, str]:
    """A leading ``[format]`` read off ``text``; ``default`` when there is none."""
    found = _FORMAT.match(text)
    if not found:
        return default, text
    return _FORMAT_NAMES[found["name"].lower()], text[found.end() :]


@dataclass
class QuestionParts:
    """A question cut into its parts (escapes still in place, for the answer block's sake).

    Attributes:
        title: ``::title::`` (unescaped), or empty.
        stem_format: The ``[format]`` of the stem (markdown when none is given).
        stem: The stem (unescaped); a missing-word question has ``_____`` where the block was.
        block: The answer block between the braces (escapes kept), None for a description.
    """

    title: str
    stem_format: TextFormat
    stem: str
    block: str | None


def cut_question(text: str) -> QuestionParts:
    """Cut one question's text into title, format, stem and answer block.

    Raises:
        GiftSyntaxError: The answer block is never closed.
    """
    title = ""
    rest = text
    if rest.startswith("::"):
        end = find_unescaped(rest, "::", 2)
        # Moodle reads an unclosed title as part of the question text; so does moocstudio.
        title = unescape(rest[2:end]).strip() if end >= 0 else ""
        rest = rest[end + 2 :] if end >= 0 else rest[2:]
    stem_format, rest = take_format(rest.lstrip(), "markdown")
    opening = find_unescaped(rest, "{")
    if opening < 0:
        return QuestionParts(title, stem_format, unescape(rest).strip(), None)
    closing = find_unescaped(rest, "}", opening + 1)
    if closing < 0:
        raise GiftSyntaxError("the answer block opened with '{' is never closed with '}'")
    before = unescape(rest[:opening]).strip()
    after = unescape(rest[closing + 1 :]).strip()
    stem = f"{before} _____ {after}".strip() if after else before
    return QuestionParts(title, stem_format, stem, rest[opening + 1 : closing])
