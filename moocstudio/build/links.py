"""The URLs a page points to, and the files of its own site it makes the browser fetch."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Attributes whose URL the browser fetches by itself to show the page (a link is only followed
# when clicked, and <link> loads only for the relations in LOADING_RELS). A <track> inside a
# <template> counts too: video.js puts it in its player (see templates/site/video.html), so the
# page does load its file over http(s).
FETCHED = frozenset(
    {("img", "src"), ("img", "srcset"), ("script", "src"), ("link", "href"), ("source", "src"),
     ("source", "srcset"), ("track", "src"), ("video", "poster"), ("audio", "src"),
     ("video", "src"), ("iframe", "src"), ("embed", "src"), ("object", "data"),
     ("input", "src"), ("style", "url()")}
)  # fmt: skip

LOADING_RELS = frozenset({"stylesheet", "preload", "modulepreload", "manifest"})
"""``<link rel>`` values that make the browser fetch the file (plus every ``…icon`` relation);
``license``, ``author``, ``alternate``, ``canonical`` and the like only name a page."""

_URL_ATTRIBUTES = ("href", "src", "poster", "data", "srcset")
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)


@dataclass(frozen=True)
class Reference:
    """One URL of a page: where it is written and whether the browser fetches it to show it."""

    tag: str
    attribute: str
    """``href``, ``src``… or ``url()`` for a CSS ``url()``/``@import`` (in ``<style>`` or
    ``style=``, then ``tag`` is ``style``)."""
    url: str
    fetched: bool


def css_urls(css: str) -> list[str]:
    """The URLs of ``url()`` and ``@import`` in a style sheet or a ``style`` attribute."""
    return [next(group for group in match.groups() if group is not None) for match in
            _CSS_URL.finditer(css)]  # fmt: skip


def _srcset_urls(srcset: str) -> list[str]:
    """The image URLs of a ``srcset`` (``a.png 1x, b.png 2x``)."""
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.split()]


def _link_loads(attributes: dict[str, str]) -> bool:
    rels = attributes.get("rel", "").lower().split()
    return any(rel in LOADING_RELS or rel.endswith("icon") for rel in rels)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value for name, value in attrs if value}
        for name in _URL_ATTRIBUTES:
            value = attributes.get(name)
            if not value:
                continue
            fetched = (tag, name) in FETCHED and (tag != "link" or _link_loads(attributes))
            urls = _srcset_urls(value) if name == "srcset" else [value.strip()]
            self.references += [Reference(tag, name, url, fetched) for url in urls if url]
        if "style" in attributes:
            self._add_css(attributes["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._add_css(data)

    def _add_css(self, css: str) -> None:
        self.references += [Reference("style", "url()", url, True) for url in css_urls(css)]


def page_references(html: str) -> list[Reference]:
    """Every URL of ``html`` (attributes, ``srcset`` candidates, CSS ``url()``), in page order."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.references


def page_links(html: str) -> list[tuple[str, str, str]]:
    """Every ``(tag, attribute, url)`` of ``html`` that points somewhere, in page order."""
    return [(ref.tag, ref.attribute, ref.url) for ref in page_references(html)]


def is_network_url(url: str) -> bool:
    """True for ``http:``, ``https:`` and protocol-relative ``//host`` URLs."""
    return urlsplit(url).scheme in ("http", "https") or url.startswith("//")


CARTRIDGE_FILEBASE = "$IMS-CC-FILEBASE$"
"""The Common Cartridge token for "the folder of the resource holding this page" (the CC
profile; Moodle's ``entities::update_sources`` resolves it so, from the page's own folder)."""


def local_target(page: str, url: str) -> str | None:
    """The package path ``url`` on ``page`` points to, or None for non-file URLs.

    ``mailto:``, ``data:``, ``javascript:``, network URLs and bare ``#fragments`` are not files.
    A result starting with ``../`` points outside the package. A URL starting with
    ``$IMS-CC-FILEBASE$`` is read from the page's own folder, as a Common Cartridge importer
    reads it: ``$IMS-CC-FILEBASE$/media/a.png`` on ``web/p.html`` is ``web/media/a.png``.
    """
    if url.startswith(CARTRIDGE_FILEBASE):
        url = url.removeprefix(CARTRIDGE_FILEBASE).removeprefix("/") or "."
    return folder_target(posixpath.dirname(page), url)


def folder_target(folder: str, url: str) -> str | None:
    """The package path ``url`` names, read from ``folder``; None if it names no file.

    The path is percent-decoded, without query or fragment; a scheme, ``//host`` or a bare
    fragment names no file.
    """
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(folder, unquote(parts.path)))


def fetched_files(page: str, html: str) -> tuple[str, ...]:
    """The package files the browser loads to show ``page`` (sorted, each once)."""
    found = set()
    for reference in page_references(html):
        if reference.fetched:
            target = local_target(page, reference.url)
            if target is not None:
                found.add(target)
    return tuple(sorted(found))
