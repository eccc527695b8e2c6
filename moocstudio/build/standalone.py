"""Item pages for platforms that keep only a page's HTML: no script, no style sheet, no ids.

Moodle importing a Common Cartridge keeps the HTML inside each page's ``<body>`` and passes it
through HTML Purifier (``purify_html``): scripts, styles and ids go, ``<template>`` and the
HTML5 elements it does not know lose their tags (their text stays, shown as text), and an
inline ``style`` keeps only the CSS properties Purifier knows (``overflow`` and ``display`` are
not among them). Open edX keeps more, but has none of the site's style sheet or scripts either.
So this rendering works with neither:

- pictures and the video carry ``max-width: 100%; height: auto`` inline: they shrink to the
  column on a phone and keep their shape;
- a slide deck is its slides one after the other, each a heading, its picture (alt text from
  the slide) and its notes as text: nothing to click through;
- a video is a ``<video>`` with one MP4 source, its captions as ``<track>`` files, plain
  download links in place of a quality menu, then its transcript;
- code wraps its long lines, and a scroll box (code, table, equation) scrolls sideways where
  an inline ``overflow`` survives (Open edX);
- asides (objectives, key points) are framed by inline borders;
- every item carries its licence line: the platform shows no footer of ours.

Where a package serves each file, and whether it can link one item to another at all, comes
from the package (``StandaloneUrls``): ``$IMS-CC-FILEBASE$`` in a cartridge, ``/static/`` in
Open edX.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lxml import html
from lxml.html import builder as h

from moocstudio.build.labels import labels_for
from moocstudio.build.page_content import ImageUrl, PageUrl, page_content
from moocstudio.build.scroll_regions import SCROLL_CLASS
from moocstudio.build.templates import people_line
from moocstudio.build.xml_chars import xml_text
from moocstudio.errors import MoocstudioError
from moocstudio.model import Course, Item, Page, Rendition, SlideDeck, Video

FIT_WIDTH = "max-width: 100%; height: auto;"
"""Shrinks a picture or a video to the column and keeps its shape. HTML Purifier's CSS
definition keeps both; a percentage ``width`` on ``<img>`` it would drop (``CSS.MaxImgLength``)."""

WRAP_LINES = "white-space: pre-wrap;"
"""Long code lines wrap at their spaces where nothing makes the block scroll."""

SCROLL_SIDEWAYS = "overflow-x: auto; max-width: 100%;"
"""A wide block scrolls inside itself; Purifier drops ``overflow`` (Moodle's page box scrolls
as a whole instead), Open edX keeps it."""

ASIDE = "border-left: 4px solid #1f4e79; padding: 0.1em 1em; margin: 1em 0;"
ASIDE_TITLE = "font-weight: bold;"

# libxml2's HTML serialiser does not know HTML5's void elements: it writes "<track ...></track>".
# They become "<track ... />": valid HTML5, and a libxml2 parser (PHP's DOMDocument, which HTML
# Purifier reads pages with in Moodle) still closes them there, where a bare "<source ...>"
# would swallow the <track> after it as a child, which Purifier then drops. The serialiser
# escapes "<" and ">" in text and in attribute values, so these strings are only such tags.
_VOID_CLOSE = re.compile(rb"></(?:source|track|wbr)>")

PREFERRED_HEIGHT = 540
"""The rendition a script-less player plays: with no script to switch rungs, one source is all
a learner gets. A 540p rung fits the column of a laptop screen and stays light on a phone;
every rung is offered as a download link beside the player."""


def _no_link(key: str, fragment: str) -> None:
    return None


@dataclass(frozen=True)
class StandaloneUrls:
    """Where one package serves the files and pages an item refers to.

    Attributes:
        media: The URL of a course file (picture, video, captions) in the package.
        page: The URL of another page of the course, or None when the platform cannot map
            a link between items (the link's words stay, the link goes).
    """

    media: ImageUrl
    page: PageUrl = _no_link


def item_body(course: Course, item: Item, urls: StandaloneUrls) -> html.HtmlElement:
    """``item`` as a platform that strips scripts and styles shows it, its licence line last.

    Args:
        course: The course holding the item (its language, its licence).
        item: A page, a slide deck or a video.
        urls: Where the package serves files and pages.

    Returns:
        A ``<div>`` holding the item; serialise it, or its inside (``inner_html``).
    """
    labels = labels_for(course.language)
    if isinstance(item, Page):
        body = page_content(item, labels, image_url=urls.media, page_url=urls.page)
        _fit_to_column(body)
    elif isinstance(item, SlideDeck):
        body = _slides(item, labels, urls)
    elif isinstance(item, Video):
        body = _video(course, item, labels, urls)
    else:
        # Quizzes join the model before their renderers (issue #14, in progress).
        raise MoocstudioError(f"“{item.title}”: quizzes cannot be exported as pages yet")
    body.append(licence_note(course, item))
    return body


def home_body(course: Course) -> html.HtmlElement:
    """The course's opening page: title, authors, description, outline (text only), licence.

    The outline names the items without linking them: the platform lists them itself, and a
    link from one imported page to another is one it cannot follow.
    """
    labels = labels_for(course.language)
    body = h.DIV(h.CLASS("moocstudio-home"), h.H1(xml_text(course.title)))
    if course.subtitle:
        body.append(h.P(xml_text(course.subtitle)))
    if course.authors:
        body.append(h.P(xml_text(f"{labels['by']} {people_line(course.authors)}")))
    body.extend(h.P(xml_text(part)) for part in course.description.split("\n\n") if part.strip())
    body.append(h.H2(labels["outline"]))
    for number, module in enumerate(course.modules, start=1):
        body.append(h.H3(xml_text(f"{number}. {module.title}")))
        if module.objectives:
            body.append(h.P(labels["objectives"]))
            body.append(h.UL(*(h.LI(xml_text(objective)) for objective in module.objectives)))
        if module.items:
            entries = (f"{item.title} ({labels[item.kind]})" for item in module.items)
            body.append(h.UL(*(h.LI(xml_text(entry)) for entry in entries)))
    body.append(licence_note(course, None))
    return body


def licence_note(course: Course, item: Item | None) -> html.HtmlElement:
    """A paragraph with ``item``'s licence (linked), its own authors and its credit line.

    In the course language; the authors only when the item names its own (else they are the
    course's, shown where the course is described).
    """
    labels = labels_for(course.language)
    licence = course.effective_licence(item)
    note = h.P(
        h.CLASS("moocstudio-licence"),
        f"{labels['licensed']} ",
        h.A(licence.name, href=licence.url, rel="license"),
        ".",
    )
    lines = []
    if item is not None and item.authors:
        lines.append(f"{labels['by']} {people_line(item.authors)}")
    if item is not None and item.attribution is not None:
        lines.append(f"{labels['credit']} {item.attribution.credit_line(licence)}")
    for line in lines:
        note.append(h.BR())
        note[-1].tail = xml_text(line)
    return note


def standalone_document(course: Course, body: html.HtmlElement, item: Item | None) -> bytes:
    """A whole HTML page around ``body`` (from ``item_body``, or ``home_body`` when no item).

    Platforms keep only what is inside ``<body>``; the head is for a browser opening the file
    itself. An item's page opens with its title as ``<h1>`` unless its body already does.
    """
    title = xml_text(course.title if item is None else f"{item.title} · {course.title}")
    if item is not None and not _opens_with_h1(body):
        heading = h.H1(xml_text(item.title))
        heading.tail, body.text = body.text, None
        body.insert(0, heading)
    page = h.HTML(
        h.HEAD(
            h.META(charset="utf-8"),
            h.META(name="viewport", content="width=device-width, initial-scale=1"),
            h.TITLE(title),
        ),
        h.BODY(body),
        lang=course.language,
    )
    return html_bytes(page, doctype="<!DOCTYPE html>")


def html_bytes(element: html.HtmlElement, doctype: str | None = None) -> bytes:
    """Serialise ``element`` as HTML: UTF-8, ends with a newline, ``<track ... />`` closed."""
    serialised: bytes = html.tostring(element, doctype=doctype, encoding="utf-8", method="html")
    return _VOID_CLOSE.sub(b" />", serialised) + b"\n"


def played_first(renditions: Sequence[Rendition]) -> list[Rendition]:
    """Renditions in play order: the one to play first (``PREFERRED_HEIGHT``), then by size."""
    by_size = sorted(renditions, key=lambda r: (r.height, r.width, r.label))
    first = next((r for r in by_size if r.height >= PREFERRED_HEIGHT), by_size[-1])
    return [first, *(r for r in by_size if r is not first)]


def _opens_with_h1(body: html.HtmlElement) -> bool:
    return len(body) > 0 and body[0].tag == "h1" and not (body.text or "").strip()


def _add_style(element: html.HtmlElement, declarations: str) -> None:
    existing = (element.get("style") or "").strip().rstrip(";")
    element.set("style", f"{existing}; {declarations}" if existing else declarations)


def _fit_to_column(root: html.HtmlElement) -> None:
    """Inline what the site's style sheet would have done for pictures, code and asides."""
    for element in root.iter("img", "pre", "div", "p"):
        classes = element.classes
        if element.tag == "img":
            _add_style(element, FIT_WIDTH)
        elif element.tag == "pre":
            _add_style(element, WRAP_LINES)
        elif element.tag == "p":
            if "admonition-title" in classes:
                _add_style(element, ASIDE_TITLE)
        elif SCROLL_CLASS in classes:
            _add_style(element, SCROLL_SIDEWAYS)
        elif "admonition" in classes:
            _add_style(element, ASIDE)


def _slides(deck: SlideDeck, labels: Mapping[str, str], urls: StandaloneUrls) -> html.HtmlElement:
    """Each visible slide in turn: a heading, its picture (or its text), then its notes."""
    body = h.DIV(h.CLASS("moocstudio-slides"))
    slides = deck.visible_slides
    for number, slide in enumerate(slides, start=1):
        heading = labels["slide_of"].format(n=number, total=len(slides))
        section = h.DIV(
            h.CLASS("moocstudio-slide"),
            h.H2(xml_text(f"{heading} — {slide.title}" if slide.title else heading)),
        )
        if slide.image is not None:
            alt = xml_text(slide.image_alt or slide.title)
            picture = h.IMG(src=urls.media(slide.image), alt=alt)
            _add_style(picture, FIT_WIDTH)
            section.append(h.P(picture))
        else:
            section.extend(h.P(xml_text(paragraph)) for paragraph in slide.body)
        notes = [xml_text(line.strip()) for line in slide.notes.splitlines() if line.strip()]
        if notes:
            section.append(h.H3(labels["notes"]))
            section.extend(h.P(line) for line in notes)
        body.append(section)
    return body


def _video(
    course: Course, video: Video, labels: Mapping[str, str], urls: StandaloneUrls
) -> html.HtmlElement:
    """The player (one source, captions as tracks), download links, then the transcript.

    No ``poster``: no importer rewrites that attribute (Moodle rewrites ``href``, ``src`` and
    a few others, Canvas ``href``, ``src``, ``data``, ``value`` and ``rel``, cc2olx ``href``
    and ``src``), so it would point to nothing once imported. Without one, the player shows the
    video's first frame.
    """
    player = h.VIDEO(controls="controls", preload="metadata", playsinline="playsinline")
    renditions = played_first(video.renditions) if video.renditions else []
    if renditions:
        played = renditions[0]
        player.set("width", str(played.width))
        player.set("height", str(played.height))
        player.append(h.SOURCE(src=urls.media(played.file), type="video/mp4"))
    else:
        player.append(h.SOURCE(src=urls.media(video.source)))
    _add_style(player, FIT_WIDTH)
    default = next(
        (t for t in video.subtitles if t.language == course.language),
        video.subtitles[0] if video.subtitles else None,
    )
    for track in video.subtitles:
        element = h.TRACK(
            kind="captions",
            src=urls.media(track.vtt),
            srclang=xml_text(track.language),
            label=xml_text(f"{labels['captions']} ({track.language})"),
        )
        if track is default:
            element.set("default", "default")
        player.append(element)
    player.append(h.P(labels["no_video"]))
    body = h.DIV(h.CLASS("moocstudio-video"), player, _downloads(video, labels, urls))
    lines = (video.transcript or "").splitlines()
    transcript = [xml_text(line.strip()) for line in lines if line.strip()]
    if transcript:
        body.append(h.H2(labels["transcript"]))
        body.extend(h.P(line) for line in transcript)
    return body


def _downloads(video: Video, labels: Mapping[str, str], urls: StandaloneUrls) -> html.HtmlElement:
    """``Download the video: 360p · 540p · 720p``: the script-free way to pick a quality."""
    line = h.P(h.CLASS("moocstudio-downloads"), f"{labels['downloads']} ")
    by_size = sorted(video.renditions, key=lambda r: (r.height, r.width, r.label))
    links = [(r.label, r.file) for r in by_size] or [(video.source.original_name, video.source)]
    for index, (text, asset) in enumerate(links):
        link = h.A(xml_text(text), href=urls.media(asset))
        if index:
            line[-1].tail = " · "
        line.append(link)
    return line
