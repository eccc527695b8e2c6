"""A page as learners read it, the same in the site, its packages and the Open edX export.

The page's front-matter lists become asides of the kind the markdown importer writes for the
same blocks in the text (``<div class="admonition objectives">``): objectives and questions
after the page's title, key points at the end. Wide blocks are made keyboard-scrollable
(``scroll_regions``), and links to images and to other pages are pointed where each output
keeps them. Instructor notes are never read here: they stay out of every learner output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from html import escape

from lxml import html
from lxml.html import builder as h

from moocstudio.build.scroll_regions import make_scrollable
from moocstudio.importers.pages import render_inline
from moocstudio.model import Asset, Page

# A link the importer kept to another markdown file: "other.md", "./other.md#part".
_MARKDOWN_LINK = re.compile(r"^(?:\./)?([^#/]+\.md)(#.*)?$")

ImageUrl = Callable[[Asset], str]
"""Where an output serves one of the page's images."""

PageUrl = Callable[[str, str], str | None]
"""Where an output links a markdown file of the course, given its name and ``#fragment`` (or
an empty string); None keeps the link as the author wrote it (not a page of this course)."""


def page_content(
    page: Page, labels: Mapping[str, str], *, image_url: ImageUrl, page_url: PageUrl
) -> html.HtmlElement:
    """The page's learner content inside one ``<div>``, ready for an output to serialise.

    Args:
        page: The page (its HTML was sanitized when it was imported).
        labels: The site's words in the course language (``labels_for``).
        image_url: Where the output serves each image of ``page.images``.
        page_url: Where the output links another markdown page of the course.

    Returns:
        A ``<div>`` holding the page; serialise its inside with ``inner_html``.
    """
    body = html.fragment_fromstring(page.html or "", create_parent="div")
    images = {image.path: image_url(image) for image in page.images}
    for element in body.iter("img"):
        src = element.get("src")
        if src in images:
            element.set("src", images[src])
    for element in body.iter("a"):
        match = _MARKDOWN_LINK.match(element.get("href") or "")
        if match:
            target = page_url(match[1], match[2] or "")
            if target is not None:
                element.set("href", target)
    make_scrollable(body, labels)
    opening = [
        list_aside(kind, labels[kind], entries)
        for kind, entries in (("objectives", page.objectives), ("questions", page.questions))
        if entries
    ]
    _insert_after_title(body, opening)
    if page.keypoints:
        if len(body):
            body[-1].tail = (body[-1].tail or "").rstrip() + "\n"
        closing = list_aside("keypoints", labels["keypoints"], page.keypoints)
        closing.tail = "\n"
        body.append(closing)
    return body


def list_aside(kind: str, title: str, entries: Sequence[str]) -> html.HtmlElement:
    """An aside of ``kind`` with ``title`` and ``entries`` as a bulleted list.

    Entries are inline markdown as authors write them in front matter (``Use `for` to
    repeat``), rendered and sanitized like the page's own text.
    """
    return h.DIV(
        h.CLASS(f"admonition {kind}"),
        h.P(h.CLASS("admonition-title"), title),
        h.UL(
            *(
                html.fragment_fromstring(render_inline(entry), create_parent="li")
                for entry in entries
            )
        ),
    )


def inner_html(element: html.HtmlElement) -> str:
    """The HTML inside ``element``, without its own tag."""
    parts = [escape(element.text, quote=False) if element.text else ""]
    parts.extend(html.tostring(child, encoding="unicode") for child in element)
    return "".join(parts)


def _insert_after_title(body: html.HtmlElement, asides: list[html.HtmlElement]) -> None:
    """Put ``asides`` after the page's opening ``<h1>``, or first when it has none."""
    if not asides:
        return
    first = body[0] if len(body) else None
    if first is not None and first.tag == "h1" and not (body.text or "").strip():
        position, text_after = 1, first.tail
        first.tail = "\n"
    else:
        position, text_after = 0, body.text
        body.text = None
    for offset, aside in enumerate(asides):
        aside.tail = "\n"
        body.insert(position + offset, aside)
    asides[-1].tail = text_after or "\n"
