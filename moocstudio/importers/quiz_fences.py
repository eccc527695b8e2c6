"""Find the ```` ```quiz ```` blocks of a markdown page and take them out of its text.

A quiz block is a fenced code block (backticks or tildes, CommonMark's rules: up to three
spaces before the fence, closed by a fence of the same character at least as long) whose info
string is ``quiz`` (or MyST's ``{quiz}``). Only blocks at the page's top level count: a quiz
block shown inside a longer fence (a lesson teaching the syntax) stays code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_QUIZ_INFO = frozenset({"quiz", "{quiz}"})


@dataclass(frozen=True)
class QuizFence:
    """One quiz block: where it opens and what it holds.

    Attributes:
        line: 1-based line of the opening fence in the page.
        body: The YAML between the fences.
        closed: Whether a closing fence was found (else the block runs to the page's end).
    """

    line: int
    body: str
    closed: bool = True


def take_quiz_fences(text: str) -> tuple[str, list[QuizFence]]:
    """The page without its quiz blocks, and the blocks.

    Each block's lines become empty lines, so the rest of the page keeps its line numbers (the
    warnings of the page's other blocks name the author's lines).
    """
    lines = text.split("\n")
    fences: list[QuizFence] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        end = _closing(lines, opening["fence"], index + 1)
        info = opening["info"].strip().split(maxsplit=1)
        if info and info[0].lower() in _QUIZ_INFO:
            body = "\n".join(lines[index + 1 : end])
            fences.append(QuizFence(index + 1, body, closed=end < len(lines)))
            for blank in range(index, min(end + 1, len(lines))):
                lines[blank] = ""
        index = end + 1
    return "\n".join(lines), fences


def _closing(lines: list[str], fence: str, start: int) -> int:
    """Index of the line closing ``fence``, or ``len(lines)`` when none does."""
    for index in range(start, len(lines)):
        closing = _FENCE.match(lines[index])
        if (
            closing
            and closing["fence"][0] == fence[0]
            and len(closing["fence"]) >= len(fence)
            and not closing["info"].strip()
        ):
            return index
    return len(lines)
