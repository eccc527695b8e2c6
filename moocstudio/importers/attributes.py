"""Attribute lists as Pandoc and kramdown write them: ``{#id .class key=value key2="a b"}``.

They follow images (``![cat](cat.png){width=50%}``), headings (``## Intro {#intro .unnumbered}``),
fenced divs (``::: {.callout-note title="Mind"}``) and, in kramdown, whole blocks on a line of
their own (``{: .challenge}``). Python-Markdown's ``attr_list`` reads a subset of them; this module
reads them all, so a list is either understood or dropped with a warning, never shown as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""
    \#(?P<id>[^\s"'=#{}]+)
  | \.(?P<cls>[^\s"'=#{}.][^\s"'={}]*)
  | (?P<key>[A-Za-z_][\w:.-]*)=
        (?: "(?P<dq>(?:[^"\\]|\\.)*)" | '(?P<sq>(?:[^'\\]|\\.)*)' | (?P<bare>[^\s"'{}]+) )
  | (?P<dash>-)(?=\s|$)
  | (?P<word>[A-Za-z_][\w.-]*)(?=\s|$)
    """,
    re.VERBOSE,
)
_UNCLOSED = re.compile(r"""([A-Za-z_][\w:.-]*)=["']""")
_ESCAPE = re.compile(r"\\(.)")
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(px|%)?$")


class BadAttributes(ValueError):
    """An attribute list that cannot be read (an unclosed quote, a stray character)."""


@dataclass(frozen=True)
class Attributes:
    """One attribute list, read."""

    element_id: str | None = None
    classes: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)


def parse_attributes(text: str) -> Attributes:
    """Read the inside of ``{...}`` (with or without kramdown's leading colon).

    A bare word counts as a class (kramdown ``{: challenge}``, Pandoc ``::: {warning}``);
    ``-`` is Pandoc's short form of ``.unnumbered``.

    Raises:
        BadAttributes: Some part of the list cannot be read; the message quotes it.
    """
    text = text.strip()
    text = text.removeprefix(":").strip()
    element_id: str | None = None
    classes: list[str] = []
    values: dict[str, str] = {}
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        match = _TOKEN.match(text, position)
        if match is None:
            rest = text[position:]
            unclosed = _UNCLOSED.match(rest)
            if unclosed:
                raise BadAttributes(f"the quote after {unclosed[1]}= is not closed")
            raise BadAttributes(f"cannot read {rest!r}")
        if match["id"]:
            element_id = match["id"]
        elif match["cls"] or match["word"]:
            classes.append(match["cls"] or match["word"])
        elif match["dash"]:
            classes.append("unnumbered")
        else:
            quoted = match["dq"] if match["dq"] is not None else match["sq"]
            value = _ESCAPE.sub(r"\1", quoted) if quoted is not None else match["bare"]
            values[match["key"].lower()] = value
        position = match.end()
    return Attributes(element_id=element_id, classes=tuple(classes), values=values)


def html_length(value: str | None) -> str | None:
    """A width or height HTML can carry (``320``, ``80%``), or None for ``3in``, ``50em``."""
    if not value:
        return None
    match = _LENGTH.match(value.strip())
    if match is None:
        return None
    return match[1] + ("%" if match[2] == "%" else "")


_INLINE_KEYS = ("alt", "title")


def attr_list_syntax(attributes: Attributes) -> str:
    """The same attributes as Python-Markdown's ``attr_list`` reads them: ``{: #id .a k="v"}``.

    Only what HTML can use is kept: the id, the classes, alt and title, and widths and heights
    HTML can express; the rest (``fig-align``, Pandoc's ``style``) has no place in the page.
    """
    parts = [f"#{attributes.element_id}"] if attributes.element_id else []
    parts += [f".{name}" for name in attributes.classes]
    for key in _INLINE_KEYS:
        if key in attributes.values:
            parts.append(f'{key}="{_quote_free(attributes.values[key])}"')
    for key in ("width", "height"):
        length = html_length(attributes.values.get(key))
        if length:
            parts.append(f'{key}="{length}"')
    return "{: " + " ".join(parts) + "}" if parts else ""


def _quote_free(value: str) -> str:
    # attr_list has no escape for a double quote inside a double-quoted value.
    return value.replace('"', "\u201d").replace("}", ")").replace("\n", " ")
