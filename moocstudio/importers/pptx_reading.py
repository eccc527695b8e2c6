"""Reading the slides of an open .pptx: text in reading order, notes, pictures, warnings.

Reading order is the order of the slide's shape tree, title first. That is the order PowerPoint
gives screen readers (its Reading Order pane edits exactly this list), so the text reads as the
author arranged it for them; groups are read in their own tree order, tables row by row,
SmartArt node by node. Of an ``mc:AlternateContent`` block the version for plain readers is
read (see :func:`~moocstudio.importers.ooxml.alternate_branch`).

Nothing here stops an import. Decks come from PowerPoint for Mac and Windows, LibreOffice,
Google Slides, Keynote and scripts, and python-pptx parses lazily, so any shape can raise
anything when read. Each shape is read in isolation: when it fails, its text is recovered
from the XML if it has any, else it is left out with one warning that names the slide and the
shape; each slide likewise, so a slide that cannot be read is still kept, with its picture.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pptx.shapes.shapetree import SlideShapeFactory

from moocstudio.importers import pptx_graphics as graphics
from moocstudio.importers.ooxml import Element, alternate_branch, paragraph_texts, qn
from moocstudio.importers.pptx_pictures import (
    Image,
    NotEmbedded,
    alt_text,
    media_kind,
    picture_image,
)
from moocstudio.importers.slide_images import Paragraph, SlideText

log = logging.getLogger(__name__)

T = TypeVar("T")

# Placeholders that repeat on every slide: page furniture, not content.
_FURNITURE = {"dt", "ftr", "sldNum"}
_TITLES = {"title", "ctrTitle"}
_SHAPE_TAGS = {qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:cxnSp"), qn("p:contentPart")}
_KIND_BY_TAG = {
    qn("p:sp"): "shape",
    qn("p:pic"): "picture",
    qn("p:graphicFrame"): "graphic",
    qn("p:cxnSp"): "connector",
    qn("p:contentPart"): "ink drawing",
}
_REASON_MAX = 100  # characters of an exception's text in a warning
# Ordinary spaces only: no-break spaces (French « », 10 km) are the author's and stay.
_SPACES = re.compile(r"[ \t\r\f]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FoundPicture:
    """A picture as found in a slide, before it is made fit for web browsers.

    Attributes:
        image: Its bytes and format.
        alt: The author's description ("" when none, or when marked decorative).
        slide: The 1-based number of its slide.
        extent: Its size on the slide in EMU (width, height), when the file says.
    """

    image: Image
    alt: str
    slide: int
    extent: tuple[int, int] | None = None


@dataclass
class SlideContent:
    """Everything read from one slide, before anything is written."""

    number: int
    title: str
    paragraphs: list[Paragraph]
    notes: str
    hidden: bool
    pictures: list[FoundPicture] = field(default_factory=list)

    def card_text(self) -> SlideText:
        """What a text card of this slide shows."""
        return SlideText(self.number, self.title, tuple(self.paragraphs), self.hidden)


@dataclass
class _Reading:
    """What one shape gave; merged into the slide only once the whole shape was read."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    pictures: list[FoundPicture] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_slides(source: Path, presentation: Any, warnings: list[str]) -> list[SlideContent]:
    """Read every slide of ``presentation``, in deck order, hidden ones included.

    Args:
        source: The file, for warnings.
        presentation: The python-pptx Presentation.
        warnings: Sentences for the author are appended here.

    Returns:
        One SlideContent per slide the deck lists, even for slides that could not be read.
    """
    slide_ids = presentation.element.find(qn("p:sldIdLst"))
    if slide_ids is None:
        return []
    return [
        _read_slide_or_keep(source, presentation, slide_id.get(qn("r:id"), ""), number, warnings)
        for number, slide_id in enumerate(slide_ids.iterfind(qn("p:sldId")), start=1)
    ]


def _isolated(read: Callable[[], T], degrade: Callable[[Exception], T], what: str) -> T:
    """``read()``; if it raises anything at all, ``degrade(error)`` instead.

    The one place where the importer catches every exception, on purpose: a .pptx is written
    by many programs and read lazily, so an odd shape can raise anything (AttributeError on a
    placeholder of an unexpected kind, ValueError on a malformed attribute, KeyError on a
    dangling relationship, RecursionError on absurd nesting). One shape must never cost the
    author the slide, nor one slide the deck. The traceback goes to the debug log, which
    ``moocstudio --debug`` shows.
    """
    try:
        return read()
    except Exception as exc:
        log.debug("could not read %s", what, exc_info=True)
        return degrade(exc)


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):  # python-pptx: a relationship, or the part it names, is gone
        return "a part it needs is missing from the file"
    text = " ".join(str(exc).split())
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= _REASON_MAX else reason[: _REASON_MAX - 1] + "…"


# --- One slide ----------------------------------------------------------------------------


def _read_slide_or_keep(
    source: Path, presentation: Any, rid: str, number: int, warnings: list[str]
) -> SlideContent:
    def read() -> SlideContent:
        content, slide_warnings = _read_slide(source, presentation.part.related_slide(rid), number)
        warnings.extend(slide_warnings)
        return content

    def keep(exc: Exception) -> SlideContent:
        element = _slide_element(presentation, rid)
        if element is None:
            problem = "its part is missing from the file"
            paragraphs: list[Paragraph] = []
        else:
            problem = _reason(exc)
            paragraphs = [Paragraph(text, level) for text, level in _texts(element)]
        recovered = "the text that could be recovered" if paragraphs else "no text"
        warnings.append(
            f"{source}: slide {number} could not be read ({problem}); it is kept, with "
            f"{recovered}; open the file in PowerPoint and save it again to repair it"
        )
        hidden = element is not None and _is_hidden(element)
        return SlideContent(number, "", paragraphs, "", hidden)

    return _isolated(read, keep, f"slide {number}")


def _slide_element(presentation: Any, rid: str) -> Element | None:
    try:
        return presentation.part.related_slide(rid).element
    except (KeyError, ValueError):  # the relationship or the part it names is gone
        return None


def _read_slide(source: Path, slide: Any, number: int) -> tuple[SlideContent, list[str]]:
    warnings: list[str] = []
    tree = slide.element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    shapes = list(_shape_elements(tree)) if tree is not None else []
    title_shape = next((s for s in shapes if _placeholder_type(s) in _TITLES), None)
    content = SlideContent(
        number=number,
        title=_title(slide, title_shape) if title_shape is not None else "",
        paragraphs=[],
        notes=_isolated(
            functools.partial(_notes, slide),
            functools.partial(_notes_lost, source, number, warnings),
            f"the notes of slide {number}",
        ),
        hidden=_is_hidden(slide.element),
    )
    for shape in shapes:
        if shape is title_shape:  # read first, above
            continue
        reading = _isolated(
            functools.partial(_read_shape, source, slide, shape, number),
            functools.partial(_degraded, source, shape, number),
            f"shape {shape_name(shape)!r} on slide {number}",
        )
        content.paragraphs += reading.paragraphs
        content.pictures += reading.pictures
        warnings += reading.warnings
    return content, warnings


def _is_hidden(slide: Element) -> bool:
    return slide.get("show") in {"0", "false"}  # xsd:boolean: both hide the slide


def _shape_elements(tree: Element) -> Iterator[Element]:
    """The shapes of a tree in document order, groups flattened in place (recursively).

    Of an ``mc:AlternateContent`` block, the shapes of the branch moocstudio reads.
    """
    for child in tree.iterchildren():
        if child.tag == qn("p:grpSp"):
            yield from _shape_elements(child)
        elif child.tag == qn("mc:AlternateContent"):
            branch = alternate_branch(child)
            if branch is not None:
                yield from _shape_elements(branch)
        elif child.tag in _SHAPE_TAGS:
            yield child


def _placeholder_type(shape: Element) -> str | None:
    """The ``type`` of the shape's placeholder ("obj" when unset), None when it is not one."""
    properties = shape.find(f"*/{qn('p:nvPr')}")
    placeholder = properties.find(qn("p:ph")) if properties is not None else None
    return None if placeholder is None else str(placeholder.get("type", "obj"))


def shape_name(shape: Element) -> str:
    """The name PowerPoint shows for a shape in its Selection Pane ("Picture 3")."""
    properties = next(shape.iter(qn("p:cNvPr")), None)
    return str(properties.get("name", "")) if properties is not None else ""


def _title(slide: Any, shape: Element) -> str:
    return _isolated(
        lambda: one_line(_python_pptx_shape(slide, shape).text_frame.text),
        lambda exc: one_line(" ".join(text for text, _ in _texts(shape))),
        "the title",
    )


def _notes(slide: Any) -> str:
    # has_notes_slide first: reading notes_slide would add an empty notes page to the deck.
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return clean_text(frame.text) if frame is not None else ""


def _notes_lost(source: Path, number: int, warnings: list[str], exc: Exception) -> str:
    warnings.append(
        f"{source}: the speaker's notes of slide {number} could not be read ({_reason(exc)}); "
        "the slide is imported without them"
    )
    return ""


# --- One shape ----------------------------------------------------------------------------


def _python_pptx_shape(slide: Any, shape: Element) -> Any:
    return SlideShapeFactory(shape, slide.shapes)


def _read_shape(source: Path, slide: Any, shape: Element, number: int) -> _Reading:
    if _placeholder_type(shape) in _FURNITURE:
        return _Reading()
    if shape.tag == qn("p:pic"):
        return _read_picture(source, slide, shape, number)
    if shape.tag == qn("p:graphicFrame"):
        return _read_graphic_frame(source, slide, shape, number)
    if shape.tag == qn("p:sp"):
        proxy = _python_pptx_shape(slide, shape)
        if not proxy.has_text_frame:
            return _Reading()
        reading = _Reading(paragraphs=list(_paragraphs(proxy.text_frame)))
        if next(shape.iter(qn("a14:m")), None) is not None:
            reading.warnings.append(
                f"{source}: slide {number} has an equation in “{shape_name(shape)}”; the text "
                "around it is imported, the equation only in the slide image"
            )
        return reading
    return _Reading()  # connectors and ink hold no text


def _paragraphs(frame: Any) -> Iterator[Paragraph]:
    for paragraph in frame.paragraphs:
        text = clean_text(paragraph.text)
        if text:
            yield Paragraph(text, paragraph.level)


def _read_picture(source: Path, slide: Any, shape: Element, number: int) -> _Reading:
    name = shape_name(shape)
    kind = media_kind(shape)
    if kind is not None:
        return _Reading(
            warnings=[
                f"{source}: slide {number} has an embedded {kind} (“{name}”); it is not "
                "imported with the slides, import the media file as a video item"
            ]
        )
    try:
        image = picture_image(shape, slide.part)
    except NotEmbedded:
        return _Reading(
            warnings=[
                f"{source}: the picture “{name}” on slide {number} is not embedded in the file "
                "(it is linked, or missing); insert it into the slide to import it"
            ]
        )
    return _Reading(pictures=[FoundPicture(image, alt_text(shape), number, _extent(shape))])


def _extent(shape: Element) -> tuple[int, int] | None:
    extent = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    if extent is None:
        return None
    width, height = extent.get("cx", ""), extent.get("cy", "")
    if width.isdigit() and height.isdigit() and int(width) and int(height):
        return int(width), int(height)
    return None


def _read_graphic_frame(source: Path, slide: Any, shape: Element, number: int) -> _Reading:
    uri = graphics.graphic_uri(shape)
    if uri == graphics.TABLE:
        # One paragraph per row, cells left to right; empty cells stay, so that columns keep
        # their place, but rows with no text at all are left out.
        rows = [
            [one_line(cell) for cell in row]
            for row in graphics.table_rows(_python_pptx_shape(slide, shape).table)
        ]
        return _Reading(paragraphs=[Paragraph(" | ".join(row)) for row in rows if any(row)])
    if uri == graphics.CHART:
        title = graphics.chart_title(_python_pptx_shape(slide, shape).chart.element)
        return _Reading(paragraphs=[Paragraph(title)] if title else [])
    if uri == graphics.DIAGRAM:
        texts = graphics.diagram_paragraphs(shape, slide.part)
        return _Reading(paragraphs=[Paragraph(clean_text(t), level) for t, level in texts])
    if uri == graphics.OLE:
        what = graphics.embedded_object_kind(shape)
        return _Reading(
            warnings=[
                f"{source}: slide {number} has an embedded {what} (“{shape_name(shape)}”); its "
                "content is not imported, only its picture in the slide image"
            ]
        )
    return _Reading(
        warnings=[
            f"{source}: slide {number} has a graphic moocstudio cannot read "
            f"(“{shape_name(shape)}”, {uri or 'of no declared kind'}); it appears only in the "
            "slide image"
        ]
    )


def _degraded(source: Path, shape: Element, number: int, exc: Exception) -> _Reading:
    """What is left of a shape that could not be read: its text, else a warning."""
    paragraphs = [Paragraph(text, level) for text, level in _texts(shape)]
    if paragraphs:
        return _Reading(paragraphs=paragraphs)
    kind = _KIND_BY_TAG.get(shape.tag, "shape")
    if shape.tag == qn("p:graphicFrame"):
        kind = graphics.KINDS.get(graphics.graphic_uri(shape), kind)
    return _Reading(
        warnings=[
            f"{source}: slide {number}: the {kind} “{shape_name(shape)}” could not be read "
            f"({_reason(exc)}); it is left out, the rest of the slide is imported"
        ]
    )


def _texts(element: Element) -> Iterator[tuple[str, int]]:
    for text, level in paragraph_texts(element):
        cleaned = clean_text(text)
        if cleaned:
            yield cleaned, level


# --- Text ---------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Plain text: line breaks as newlines, no control characters, at most one blank line."""
    text = _CONTROL_CHARS.sub("", text.replace("\v", "\n").replace("\r\n", "\n"))
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    """``text`` on one line: line breaks and control characters become spaces."""
    text = _CONTROL_CHARS.sub(" ", text.replace("\v", " ").replace("\n", " "))
    return _SPACES.sub(" ", text).strip(" ")
