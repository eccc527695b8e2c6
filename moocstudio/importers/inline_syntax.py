"""Inline syntax Python-Markdown does not know, rewritten line by line before it reads the text.

- MyST roles (``{ref}`Intro <intro>```, ``{math}`x^2```) become their text (maths as ``$x^2$``).
- Liquid tags (``{{ page.root }}``, ``{% include links.md %}``) are taken out, so
  ``{{ page.root }}/fig/x.png`` becomes the site-root path ``/fig/x.png``.
- Pandoc attribute lists after images and links (``{width=80% #fig:x}``) become ``attr_list``
  syntax, and bracketed spans (``[text]{.smallcaps}``) become ``<span>`` elements.

Code spans and maths are left exactly as written: ``{{`` inside backticks is code, and inside
``$...$`` it is TeX.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from moocstudio.importers.attributes import BadAttributes, attr_list_syntax, parse_attributes

_INLINE = re.compile(
    r"""
    (?P<role>\{(?P<role_name>[A-Za-z][\w:+.-]*)\}(?P<role_ticks>`+)(?P<role_text>.+?)(?P=role_ticks))
  | (?P<code>(?P<ticks>`+).+?(?P=ticks))
  | (?P<maths>\$\$.+?\$\$|\$[^$\s](?:[^$]*?[^$\s\\])?\$|\\\(.+?\\\))
  | (?P<liquid>\{\{.*?\}\}|\{%.*?%\})
  | (?P<span>\[(?P<span_text>[^\[\]\n]*)\]\{(?P<span_attrs>[^{}\n]*)\})
  | (?<=\))\{(?P<attrs>[^{}\n]*)\}
    """,
    re.VERBOSE,
)
_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]*)>$", re.DOTALL)
_ABBREVIATION = re.compile(r"^(?P<text>.*?)\s*\((?P<title>[^()]*)\)$")

_CODE_ROLES = frozenset(
    ["code", "samp", "literal", "file", "command", "program", "envvar", "option", "regexp"]
)
_TAG_ROLES = {"sub": "sub", "sup": "sup", "subscript": "sub", "superscript": "sup", "kbd": "kbd"}


@dataclass
class InlineReport:
    """What the rewriting removed or could not read, with 1-based line numbers."""

    liquid: list[tuple[int, str]] = field(default_factory=list)
    bad_attributes: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, the attribute list, why it cannot be read)."""


def rewrite_inline(line: str, number: int, report: InlineReport) -> str:
    """Rewrite one line of markdown text (not code); ``number`` is its line in the file."""
    if "{" not in line:
        return line

    def replace(match: re.Match[str]) -> str:
        if match["role"]:
            return _role(match["role_name"].lower(), match["role_text"], match["role_ticks"])
        if match["code"] or match["maths"]:
            return match[0]  # code and TeX ("\\frac{{a}}{b}") are not Liquid
        if match["liquid"]:
            report.liquid.append((number, match["liquid"]))
            return ""
        if match["span"]:
            return _span(match["span_text"], match["span_attrs"], number, report)
        return _attr_list(match["attrs"], number, report)

    return _INLINE.sub(replace, line)


def remove_liquid(line: str, number: int, report: InlineReport) -> str:
    """Take Liquid tags out of a line that is otherwise not rewritten (a fence, a heading)."""
    if "{{" not in line and "{%" not in line:
        return line

    def replace(match: re.Match[str]) -> str:
        if match["liquid"]:
            report.liquid.append((number, match["liquid"]))
            return ""
        return match[0]

    return _INLINE.sub(replace, line)


def _role(name: str, text: str, ticks: str) -> str:
    name = name.split(":")[-1]  # {py:func}, {std:ref} read as func, ref
    if name == "math":
        return f"${text}$"
    if name in _CODE_ROLES:
        return f"{ticks}{text}{ticks}"
    if name in _TAG_ROLES:
        tag = _TAG_ROLES[name]
        return f"<{tag}>{html.escape(text)}</{tag}>"
    if name == "abbr":
        found = _ABBREVIATION.match(text)
        if found:
            title = html.escape(found["title"], quote=True)
            return f'<abbr title="{title}">{html.escape(found["text"])}</abbr>'
        return html.escape(text)
    # Cross-references ({ref}, {doc}, {numref}, {term}, {download}, {eq}, ...): their text.
    found = _TARGET.match(text)
    shown = (found["text"] or found["target"]) if found else text
    if name == "numref":
        shown = shown.replace("%s", "").replace("{number}", "").strip()
    return shown.lstrip("~!")


def _span(text: str, attributes: str, number: int, report: InlineReport) -> str:
    try:
        parsed = parse_attributes(attributes)
    except BadAttributes as exc:
        report.bad_attributes.append((number, "{" + attributes + "}", str(exc)))
        return text
    html_attributes = ""
    if parsed.element_id:
        html_attributes += f' id="{html.escape(parsed.element_id, quote=True)}"'
    if parsed.classes:
        html_attributes += f' class="{html.escape(" ".join(parsed.classes), quote=True)}"'
    return f"<span{html_attributes}>{text}</span>"


def _attr_list(attributes: str, number: int, report: InlineReport) -> str:
    try:
        return attr_list_syntax(parse_attributes(attributes))
    except BadAttributes as exc:
        report.bad_attributes.append((number, "{" + attributes + "}", str(exc)))
        return ""
