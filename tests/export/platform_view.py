"""What a platform that strips scripts and styles makes of a package's pages, modelled for tests.

**The sanitizer.** Moodle imports a Common Cartridge page by keeping what is inside its
``<body>`` (``backup/cc/entities.class.php`` ``prepare_content``) and cleaning it with
``clean_param(PARAM_CLEANHTML)``, that is HTML Purifier as ``lib/weblib.php`` ``purify_html``
configures it: doctype XHTML 1.0 Transitional, no ids (``Attr.EnableID`` off), the URL schemes
listed below, and Moodle's additions (``<video>``, ``<audio>``, ``<source>``, ``<track>``, ruby,
``nolink``, ``tex``, ``algebra``, ``lang``). Purifier drops ``<script>`` and ``<style>`` with
their content, drops the tags it does not know (``<template>``, ``<section>``, ``<figure>``, MathML,
ARIA and ``data-`` attributes) but keeps their text, keeps only the CSS properties of its
``CSSDefinition`` (no ``overflow``, no ``display``), and empties elements whose content model is
Empty. ``purify_like_moodle`` does the same with nh3 (ammonia) given those allow-lists. Purifier
reads the HTML with PHP's DOMDocument (libxml2), so the page is first parsed with lxml
(libxml2 too): a ``<source>`` left open swallows what follows it there, as it does in Moodle.

**The importers.** Each ``Importer`` maps a page's local URLs to files of the package the way
one platform does, and leaves any other local URL as written, where it would 404:

- Moodle's CC 1.1 page import (``entity11.resource.class.php``) rewrites the values of ``href``,
  ``src``, ``background``, ``archive`` and ``code`` that name an existing file from the page's
  folder, as written (no decoding); it copies only the non-HTML files of ``webcontent``
  resources into the course, so a link to another page leads nowhere.
- The ``$IMS-CC-FILEBASE$`` readers (Canvas; Open edX's cc2olx, which reads ``href`` and ``src``
  only): the token names the folder of the page's resource, as Moodle's own
  ``entities::update_sources`` resolves it.
- Open edX: ``/static/<name>`` is a file of ``course/static/``, ``/jump_to_id/<url_name>`` a
  unit or component of the course.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from lxml import html

FILEBASE = "$IMS-CC-FILEBASE$"

# HTML Purifier's XHTML 1.0 Transitional modules (Text, Hypertext, List, Presentation, Edit,
# Bdo, Tables, Image, Legacy) and what Moodle adds in purify_html.
PURIFIER_TAGS = frozenset(
    {"abbr", "acronym", "address", "blockquote", "br", "cite", "code", "dfn", "div", "em",
     "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "p", "pre", "q", "samp", "span", "strong",
     "var", "a", "dl", "dt", "dd", "ol", "ul", "li", "b", "big", "hr", "i", "small", "sub",
     "sup", "tt", "del", "ins", "bdo", "caption", "col", "colgroup", "table", "tbody", "td",
     "tfoot", "th", "thead", "tr", "img", "basefont", "center", "dir", "font", "menu", "s",
     "strike", "u",
     "video", "audio", "source", "track", "ruby", "rbc", "rtc", "rb", "rt", "rp", "nolink",
     "tex", "algebra", "lang"}
)  # fmt: skip
PURIFIER_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "style", "title", "lang", "dir"},
    "a": {"href", "rel", "rev", "target", "name", "charset", "hreflang", "type", "tabindex",
          "accesskey"},
    "img": {"src", "alt", "width", "height", "longdesc", "name", "border", "align", "hspace",
            "vspace"},
    "table": {"border", "cellpadding", "cellspacing", "frame", "rules", "summary", "width",
              "align", "bgcolor"},
    "td": {"abbr", "align", "axis", "char", "charoff", "colspan", "headers", "rowspan", "scope",
           "valign", "width", "height", "nowrap", "bgcolor"},
    "th": {"abbr", "align", "axis", "char", "charoff", "colspan", "headers", "rowspan", "scope",
           "valign", "width", "height", "nowrap", "bgcolor"},
    "tr": {"align", "valign", "char", "charoff", "bgcolor"},
    "col": {"align", "char", "charoff", "span", "valign", "width"},
    "colgroup": {"align", "char", "charoff", "span", "valign", "width"},
    "caption": {"align"},
    "ol": {"start", "type", "compact"},
    "ul": {"type", "compact"},
    "li": {"value", "type"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "p": {"align"},
    "div": {"align"},
    "pre": {"width"},
    "hr": {"align", "noshade", "size", "width"},
    "br": {"clear"},
    "font": {"color", "face", "size"},
    "video": {"src", "crossorigin", "poster", "preload", "autoplay", "playsinline", "loop",
              "muted", "controls", "width", "height"},
    "audio": {"src", "crossorigin", "preload", "autoplay", "loop", "muted", "controls"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "lang": {"lang"},
    **{f"h{level}": {"align"} for level in range(1, 7)},
}  # fmt: skip
# HTML Purifier's CSSDefinition without CSS.AllowTricky, CSS.Proprietary or CSS.Trusted.
PURIFIER_CSS = frozenset(
    {"text-align", "border-top-style", "border-right-style", "border-bottom-style",
     "border-left-style", "border-style", "clear", "float", "font-style", "font-variant",
     "list-style-position", "list-style-type", "list-style-image", "list-style",
     "text-transform", "color", "background-image", "background-repeat",
     "background-attachment", "background-position", "border-top-color", "border-bottom-color",
     "border-left-color", "border-right-color", "background-color", "border-top-left-radius",
     "border-top-right-radius", "border-bottom-left-radius", "border-bottom-right-radius",
     "border-radius", "background", "border-color", "border-top-width", "border-bottom-width",
     "border-left-width", "border-right-width", "border-width", "letter-spacing",
     "word-spacing", "font-size", "line-height", "margin-top", "margin-bottom", "margin-left",
     "margin-right", "margin", "padding-top", "padding-bottom", "padding-left", "padding-right",
     "padding", "text-indent", "width", "height", "min-width", "max-width", "min-height",
     "max-height", "text-decoration", "font-family", "font-weight", "font", "border",
     "border-top", "border-bottom", "border-left", "border-right", "border-collapse",
     "caption-side", "table-layout", "vertical-align", "border-spacing", "white-space"}
)  # fmt: skip
URL_SCHEMES = frozenset(
    {"http", "https", "ftp", "irc", "nntp", "news", "rtsp", "rtmp", "teamspeak", "gopher",
     "mms", "mailto"}
)  # fmt: skip
EMPTY_CONTENT = ("img", "br", "hr", "col", "basefont", "source", "track")
"""Elements HTML Purifier defines with an Empty content model: their children are dropped."""

URL_ATTRIBUTES = ("href", "src", "poster", "background", "longdesc", "cite", "action", "data")


def body_of(document: str) -> str:
    """What Moodle keeps of a page: the HTML inside ``<body>`` (``prepare_content``)."""
    root = html.document_fromstring(document)
    body = root.find("body")
    assert body is not None
    inside = [html.tostring(child, encoding="unicode") for child in body]
    return (body.text or "") + "".join(inside)


def purify_like_moodle(fragment: str) -> str:
    """``fragment`` as Moodle's HTML Purifier leaves it (see the module docstring)."""
    root = html.fragment_fromstring(fragment, create_parent="div")  # libxml2, like DOMDocument
    for element in root.iter("template"):
        # Unknown to Purifier: the tag goes, its text stays (html5ever would hide it instead).
        element.tag = "unknown-template"
    for element in root.iter(*EMPTY_CONTENT):
        for child in list(element):
            element.remove(child)
        element.text = None
    inside = (root.text or "") + "".join(html.tostring(c, encoding="unicode") for c in root)
    return nh3.clean(
        inside,
        tags=set(PURIFIER_TAGS),
        clean_content_tags={"script", "style"},
        attributes=PURIFIER_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(PURIFIER_CSS),
        link_rel=None,
        strip_comments=True,
    )


def is_local(url: str) -> bool:
    """True for a URL naming something of the package: not the web, mail or an #anchor."""
    return bool(url) and urlsplit(url).scheme not in URL_SCHEMES and not url.startswith(("//", "#"))


@dataclass(frozen=True)
class Importer:
    """How one platform maps a page's local URLs to files of the package.

    Attributes:
        name: The platform's reading, for messages.
        attributes: The attributes whose URLs it rewrites; others stay as written.
        resolve: ``(page path, url)`` to the package path of a file (or, for Open edX, a
            ``unit:`` target), or None when the platform cannot map it.
    """

    name: str
    attributes: frozenset[str]
    resolve: Callable[[str, str], str | None]


def moodle_cc11(files: frozenset[str]) -> Importer:
    """Moodle core's CC 1.1 page import: relative paths to the non-HTML files it copies."""

    def resolve(page: str, url: str) -> str | None:
        if FILEBASE in url:
            return None  # not understood by the page import: it stays as written
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
        copied = target in files and not target.endswith((".html", ".htm", ".xhtml"))
        return target if copied else None

    return Importer("Moodle CC 1.1", frozenset({"href", "src", "background", "archive", "code"}),
                    resolve)  # fmt: skip


def filebase_cc13(files: frozenset[str]) -> Importer:
    """The ``$IMS-CC-FILEBASE$`` readers: the token is the folder of the page's resource."""

    def resolve(page: str, url: str) -> str | None:
        if not url.startswith(FILEBASE):
            return None  # cc2olx leaves other relative URLs as written
        path = url.removeprefix(FILEBASE).removeprefix("/")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return target if target in files and not target.endswith(".html") else None

    return Importer("$IMS-CC-FILEBASE$ (Canvas, cc2olx)", frozenset({"href", "src"}), resolve)


def open_edx(static: frozenset[str], blocks: frozenset[str]) -> Importer:
    """Open edX: ``/static/`` files and ``/jump_to_id/`` blocks of the course."""

    def resolve(page: str, url: str) -> str | None:
        if url.startswith("/static/"):
            name = url.removeprefix("/static/")
            return f"static/{name}" if name in static else None
        if url.startswith("/jump_to_id/"):
            block = url.removeprefix("/jump_to_id/")
            return f"unit:{block}" if block in blocks else None
        return None

    return Importer("Open edX", frozenset({"href", "src"}), resolve)


def imported(fragment: str, page: str, importer: Importer, served_at: str) -> tuple[str, list[str]]:
    """Import ``fragment`` (the page at package path ``page``) as ``importer`` does.

    Returns:
        The fragment with every URL the importer maps served from ``served_at`` + its package
        path, and the local URLs it leaves pointing at nothing (``"<tag attribute> url"``).
    """
    root = html.fragment_fromstring(fragment, create_parent="div")
    dead: list[str] = []
    for element in root.iter():
        for attribute in URL_ATTRIBUTES:
            url = element.get(attribute)
            if url is None or not is_local(url):
                continue
            target = importer.resolve(page, url) if attribute in importer.attributes else None
            if target is None:
                dead.append(f"<{element.tag} {attribute}> {url}")
            elif target.startswith("unit:"):
                element.set(attribute, "#")  # a block of the course: Open edX opens it itself
            else:
                element.set(attribute, served_at + target)
    inside = (root.text or "") + "".join(html.tostring(c, encoding="unicode") for c in root)
    return inside, dead
