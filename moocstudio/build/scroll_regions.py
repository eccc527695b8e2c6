"""Blocks that may scroll sideways made reachable by keyboard: code, tables, display maths.

A block wider than a phone scrolls inside itself. A keyboard user can only scroll what can take
the focus, and a screen reader announces a focused box by its role and name, so each such block
gets a wrapper ``<div class="scroll" role="region" tabindex="0" aria-label="…">`` (WCAG 2.1.1;
axe-core's ``scrollable-region-focusable``). The width depends on the reader's screen and text
size, unknown when the site is built, so every such block gets one. The role goes on a wrapper,
never on a ``<table>``, which would lose its table semantics. This runs when the site is built,
so pages imported before it get it too.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import html

SCROLL_CLASS = "scroll"
MATH_DISPLAY_CLASS = "math-display"
_LANGUAGE_PREFIX = "language-"


def make_scrollable(root: html.HtmlElement, labels: Mapping[str, str]) -> None:
    """Make every code block, table and display equation under ``root`` a named, focusable box.

    Boxes are numbered by kind in page order (``Code 2``, ``Table 1``) so that a list of
    regions tells them apart; a table with a caption is named by its caption instead. Blocks
    already inside a scroll box are left alone, so running this twice changes nothing.

    Args:
        root: The page content, changed in place.
        labels: The site's words in the course language (``labels_for``).
    """
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    counts = {"code": 0, "table": 0, "equation": 0}
    # A list first: wrapping moves elements while the tree is walked.
    for element in list(root.iter("pre", "table", "div")):
        if element.tag == "div" and MATH_DISPLAY_CLASS not in element.classes:
            continue
        if _in_scroll_box(element, root):
            continue
        if element.tag == "pre":
            counts["code"] += 1
            _wrap(element, _code_name(element, counts["code"], labels))
        elif element.tag == "table":
            counts["table"] += 1
            caption = element.find("caption")
            if caption is not None and caption.text_content().strip():
                _wrap(element, None, labelled_by=_caption_id(caption, ids))
            else:
                _wrap(element, labels["table"].format(n=counts["table"]))
        else:
            # The maths' own box scrolls: no second wrapper around it.
            counts["equation"] += 1
            _mark(element, labels["equation"].format(n=counts["equation"]))


def _in_scroll_box(element: html.HtmlElement, root: html.HtmlElement) -> bool:
    parent = element.getparent()
    return parent is not None and parent is not root and SCROLL_CLASS in parent.classes


def _code_name(pre: html.HtmlElement, number: int, labels: Mapping[str, str]) -> str:
    code = pre.find("code")
    classes = code.classes if code is not None else pre.classes
    language = next(
        (name[len(_LANGUAGE_PREFIX) :] for name in classes if name.startswith(_LANGUAGE_PREFIX)),
        "",
    )
    if language:
        return labels["code_in"].format(n=number, language=language)
    return labels["code"].format(n=number)


def _caption_id(caption: html.HtmlElement, ids: set[str | None]) -> str:
    """The caption's id, or a new one unique in the page."""
    existing = caption.get("id")
    if existing:
        return str(existing)
    number = 1
    while f"table-caption-{number}" in ids:
        number += 1
    new_id = f"table-caption-{number}"
    ids.add(new_id)
    caption.set("id", new_id)
    return new_id


def _wrap(element: html.HtmlElement, name: str | None, *, labelled_by: str | None = None) -> None:
    """Put ``element`` inside a new scroll box, where it stood, its tail text after the box."""
    box = html.Element("div")
    element.addprevious(box)
    box.tail, element.tail = element.tail, None
    box.append(element)
    _mark(box, name, labelled_by=labelled_by)


def _mark(box: html.HtmlElement, name: str | None, *, labelled_by: str | None = None) -> None:
    box.classes.add(SCROLL_CLASS)
    box.set("role", "region")
    box.set("tabindex", "0")
    if labelled_by is not None:
        box.set("aria-labelledby", labelled_by)
    elif name is not None:
        box.set("aria-label", name)
