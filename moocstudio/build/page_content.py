"""A page as learners read it, the same in the site, its packages and the Open edX export.

The page's front-matter lists become asides of the kind the markdown importer writes for the
same blocks in the text (``<div class="admonition objectives">``): objectives and questions
after the page's title, key points at the end. Wide blocks are made keyboard-scrollable
(``scroll_regions``), and links to images and to other pages are pointed where each output
keeps them. Instructor notes are never read here: they stay out of every learner output.

Packages are self-contained: an image on the web becomes a link to it (a package never loads
from the network), and a link to a file of the author's disk that is no page of the course
keeps its words but not the dead link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import html
from lxml.html import builder as h

from moocstudio.build.links import is_network_url, page_links
from moocstudio.build.scroll_regions import make_scrollable
from moocstudio.importers.pages import render_inline
from moocstudio.model import Asset, Page

_PAGE_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")  # what import_page reads, lower case

ImageUrl = Callable[[Asset], str]
"""Where an output serves one of the page's images."""

PageUrl = Callable[[str, str], str | None]
"""Where an output links a page of the course, given one of its ``page_keys`` and the
``#fragment`` (or an empty string); None when no page of the course has that key."""


def page_keys(page: Page) -> tuple[str, ...]:
    """The names links find ``page`` by: its path in its lesson, then its file name.

    The file name alone serves pages imported before their lesson path was kept.
    """
    name = PurePosixPath(page.source.original_name).name
    return (page.lesson_path, name) if page.lesson_path and page.lesson_path != name else (name,)


def pages_by_key(pages: Iterable[Page], url: Callable[[Page], str]) -> dict[str, str]:
    """Each page's ``url`` under every key of ``page_keys``; the first page to claim a key wins."""
    found: dict[str, str] = {}
    for page in pages:
        for key in page_keys(page):
            found.setdefault(key, url(page))
    return found


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
    point_images(body, {image.path: image_url(image) for image in page.images}, labels)
    for element in list(body.iter("a")):
        _point_link(element, page, page_url)
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


def point_images(
    body: html.HtmlElement, urls: Mapping[str, str], labels: Mapping[str, str]
) -> None:
    """Point each picture of ``body`` to its URL in ``urls`` (by its path in the course).

    A picture on the web becomes a link to it: a package never loads from the network.
    """
    for element in list(body.iter("img")):
        src = element.get("src") or ""
        if src in urls:
            element.set("src", urls[src])
        elif is_network_url(src):
            _link_instead(element, src, element.get("alt") or labels["web_image"])


def _point_link(element: html.HtmlElement, page: Page, page_url: PageUrl) -> None:
    """Point a link to another page where the output keeps it; unlink a dead local link."""
    local = _local_link(page, element.get("href") or "")
    if local is None:
        return
    key, fragment = local
    target = page_url(key, fragment) if key else None
    if target is not None:
        element.set("href", target)
    else:
        element.drop_tag()  # a file on the author's disk: its words stay, the dead link goes


def _local_link(page: Page, href: str) -> tuple[str, str] | None:
    """``(page key, #fragment)`` of a link to a local file, or None to keep the link as written.

    The key is "" for a file no page can be. Kept as written: the web, mail, #anchors.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return None
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    path = unquote(parts.path)
    if not path.lower().endswith(_PAGE_SUFFIXES):
        return "", fragment
    if page.lesson_path:  # resolved from the linking page's own folder in its lesson
        return posixpath.normpath(
            posixpath.join(posixpath.dirname(page.lesson_path), path)
        ), fragment
    return PurePosixPath(path).name, fragment


def dead_links(pages: Sequence[Page]) -> list[tuple[Page, str]]:
    """Links of ``pages`` to local files that are no page among them: ``(page, href)``.

    Packages keep these links' words but not the links; the author should hear of them.
    """
    keys = pages_by_key(pages, lambda page: page.id)
    found = []
    for page in pages:
        for tag, attribute, href in page_links(page.html):
            local = _local_link(page, href) if (tag, attribute) == ("a", "href") else None
            if local is not None and local[0] not in keys:
                found.append((page, href))
    return found


def _link_instead(image: html.HtmlElement, url: str, text: str) -> None:
    link = h.A(text, href=url, rel="noopener noreferrer")
    link.set("class", "web-image")
    link.tail = image.tail
    image.getparent().replace(image, link)


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
