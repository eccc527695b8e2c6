"""The URLs a page points to, and the files of its own site it makes the browser fetch."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Attributes whose URL the browser fetches by itself (a link is only followed when clicked).
# A <track> inside a <template> counts too: video.js puts it in its player (see
# templates/site/video.html), so the page does load its file over http(s).
FETCHED = frozenset(
    {("img", "src"), ("script", "src"), ("link", "href"), ("source", "src"),
     ("track", "src"), ("video", "poster"), ("audio", "src"), ("video", "src"),
     ("iframe", "src")}
)  # fmt: skip


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src", "poster"):
                self.links.append((tag, name, value))


def page_links(html: str) -> list[tuple[str, str, str]]:
    """Every ``(tag, attribute, url)`` of ``html`` that points somewhere, in page order."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.links


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
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))


def fetched_files(page: str, html: str) -> tuple[str, ...]:
    """The package files the browser loads to show ``page`` (sorted, each once)."""
    found = set()
    for tag, attribute, url in page_links(html):
        if (tag, attribute) in FETCHED:
            target = local_target(page, url)
            if target is not None:
                found.add(target)
    return tuple(sorted(found))
