"""MyST directives (```` ```{note} ````, ``:::{figure} x.png``) and knitr/Quarto code cells.

A directive is a fence whose info string is ``{name} argument``; its body starts with options
(``:alt: A cat`` lines, or a YAML block between ``---`` lines). This module says what each
name is and reads the options; :mod:`block_scanner` turns them into markdown and blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import yaml

from moocstudio.importers import aside_kinds
from moocstudio.importers.front_matter import load_yaml


class DirectiveKind(Enum):
    """What becomes of a directive."""

    ASIDE = "aside"
    """A box with markdown inside (``note``, ``admonition``, ``dropdown``, ``exercise``)."""
    FIGURE = "figure"
    """An image with a markdown caption."""
    IMAGE = "image"
    """An image alone."""
    TABLE = "table"
    """A markdown table with a caption."""
    CODE = "code"
    """Code shown as a code block, not run."""
    MATHS = "maths"
    """Display maths, written out as a ``$$`` block."""
    RAW = "raw"
    """Raw output: HTML goes to the sanitizer like any HTML, other formats are dropped."""
    LAYOUT = "layout"
    """A container without a box (``tab-set``, ``grid``)."""
    DROPPED = "dropped"
    """Site navigation and build instructions (``toctree``): nothing on the page."""
    EXTERNAL = "external"
    """Would read another file (``include``): dropped with a warning, never read."""


_BY_NAME: dict[str, DirectiveKind] = {
    **dict.fromkeys(["figure", "figure-md"], DirectiveKind.FIGURE),
    "image": DirectiveKind.IMAGE,
    **dict.fromkeys(["table", "list-table", "csv-table"], DirectiveKind.TABLE),
    **dict.fromkeys(
        ["code-cell", "code-block", "code", "sourcecode", "ipython", "jupyter-execute"],
        DirectiveKind.CODE,
    ),
    **dict.fromkeys(["math", "equation"], DirectiveKind.MATHS),
    "raw": DirectiveKind.RAW,
    **dict.fromkeys(["tab-set", "grid", "grid-item", "div", "only"], DirectiveKind.LAYOUT),
    **dict.fromkeys(
        [
            "toctree",
            "tableofcontents",
            "contents",
            "bibliography",
            "index",
            "highlight",
            "tabularcolumns",
            "glue",
            "glue:figure",
            "glue:math",
            "glue:any",
            "meta",
        ],
        DirectiveKind.DROPPED,
    ),  # fmt: skip
    **dict.fromkeys(["include", "literalinclude", "eval-rst"], DirectiveKind.EXTERNAL),
}

# Directives that take their title as the argument (MyST's own admonitions take none: there
# the argument is the first line of the body).
TITLED = frozenset({
    "admonition", "dropdown", "exercise", "sidebar", "margin", "topic", "card", "tab-item",
    "grid-item-card",
})  # fmt: skip
# Options naming the target of a {solution}: a label, not a title.
_SOLUTION = "solution"

# knitr and Quarto cells: ```{r}, ```{python echo=FALSE}, ```{r, fig.width=5}
CODE_CELL_ENGINES = frozenset({
    "r", "python", "julia", "bash", "sh", "ojs", "sql", "mermaid", "dot", "stan", "rcpp",
    "octave", "ruby", "perl", "js", "node",
})  # fmt: skip
_OPTION_LINE = re.compile(r"^:([\w-]+):(?:\s+(.*?))?\s*$")
_YAML_FENCE = re.compile(r"^---\s*$")


def directive_kind(name: str) -> DirectiveKind:
    """What a directive of this name becomes; unknown names are neutral asides."""
    name = name.lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name in CODE_CELL_ENGINES:
        return DirectiveKind.CODE
    return DirectiveKind.ASIDE


def aside_title(name: str, argument: str) -> str | None:
    """The title a directive's argument gives, or None when the argument is body text."""
    name = name.lower()
    if name in TITLED or (name not in _BY_NAME and aside_kinds.lookup(name) is None):
        return argument or None
    return None


def argument_is_body(name: str) -> bool:
    """MyST admonitions (``{note} Text``) start their body on the directive's line."""
    name = name.lower()
    return name not in TITLED and name != _SOLUTION and aside_kinds.lookup(name) is not None


@dataclass(frozen=True)
class Options:
    """A directive's options and where its body starts."""

    values: dict[str, str]
    body_start: int
    """Index of the body's first line in the lines given."""
    problem: str | None = None
    """Why a YAML option block was left out, if it was."""


def read_options(lines: list[str], start: int = 0) -> Options:
    """Read ``:key: value`` lines or a ``---`` YAML block at ``lines[start:]``.

    Returns:
        The options, and the index in ``lines`` where the body starts.
    """
    if start < len(lines) and _YAML_FENCE.match(lines[start]):
        end = next((i for i in range(start + 1, len(lines)) if _YAML_FENCE.match(lines[i])), None)
        if end is not None:
            try:
                data = load_yaml("\n".join(lines[start + 1 : end]))
            except yaml.YAMLError as exc:
                problem = getattr(exc, "problem", None) or "not valid YAML"
                return Options({}, end + 1, f"its options are not valid YAML ({problem})")
            if not isinstance(data, dict):
                return Options({}, end + 1)
            return Options({str(k).lower(): _option_text(v) for k, v in data.items()}, end + 1)
    values: dict[str, str] = {}
    index = start
    while index < len(lines):
        found = _OPTION_LINE.match(lines[index].strip())
        if found is None:
            break
        values[found[1].lower()] = found[2] or ""
        index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1  # MyST separates options from the body with a blank line
    return Options(values, index)


def _option_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(map(str, value))
    return "" if value is None else str(value)


def code_language(name: str, argument: str) -> str:
    """The language of a code directive: ``{code-cell} ipython3`` is Python."""
    name = name.lower()
    language = name if name in CODE_CELL_ENGINES else (argument.split() or [""])[0]
    language = language.strip("{},").lower()
    return "python" if language.startswith("ipython") else language
