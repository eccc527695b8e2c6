"""PowerPoint (.pptx) files into SlideDeck items: text, notes, pictures and slide images.

Reading order is the order of the slide's shape tree, title first. That is the order PowerPoint
gives screen readers (its Reading Order pane edits exactly this list), so the text reads as the
author arranged it for them; groups are read in their own tree order, tables row by row.

A .pptx is untrusted input: names inside the package never become paths (pictures get names
made here), text is kept as plain text, and anything that is not a readable presentation
becomes an :class:`~moocstudio.errors.ImportFailed` that says what to do.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Movie, Picture
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame

from moocstudio.errors import ImportFailed
from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.importers.slide_images import Paragraph, SlideText, render_slides
from moocstudio.model import Slide, SlideDeck, SlidePicture, new_id
from moocstudio.model.items import SlideRenderer
from moocstudio.model.store import add_asset, add_asset_bytes

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_SCAN_CHUNK = 1 << 20
_MAX_UNPACKED = 4 << 30  # a deck with embedded video is large, but never this large
_ALT_MAX = 300  # characters: screen readers read alt text in one go, keep it short
# Placeholders that repeat on every slide: page furniture, not content.
_FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
# Titles that templates put in the document properties; they say nothing about the deck.
_DEFAULT_TITLES = {
    "powerpoint presentation",
    "présentation powerpoint",
    "powerpoint-präsentation",
    "presentación de powerpoint",
    "presentation",
    "presentation1",
    "slide 1",
}
# File extension by the picture part's content type.
_PICTURE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/jpg": "jpg",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "image/tiff": "tiff",
    "image/webp": "webp",
    "image/svg+xml": "svg",
    "image/x-emf": "emf",
    "image/x-wmf": "wmf",
}
# Picture formats web browsers cannot show: kept, but the author should know.
_NOT_FOR_BROWSERS = {"emf", "wmf", "tif", "tiff"}
# Ordinary spaces only: no-break spaces (French « », 10 km) are the author's and stay.
_SPACES = re.compile(r"[ \t\r\f]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_GENERATED_ALT = re.compile(
    r"\s*Description automatically generated(\s+with \w+ confidence)?\.?\s*$"
)
_FILE_NAME = re.compile(r"[^/\\]*\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)", re.IGNORECASE)


@dataclass
class _Picture:
    blob: bytes
    ext: str
    alt: str


@dataclass
class _SlideContent:
    """Everything read from one slide, before anything is written."""

    number: int
    title: str
    paragraphs: list[Paragraph]
    notes: str
    hidden: bool
    pictures: list[_Picture] = field(default_factory=list)

    def card_text(self) -> SlideText:
        return SlideText(self.number, self.title, tuple(self.paragraphs), self.hidden)


def import_slides(
    folder: Path,
    source: Path,
    *,
    title: str | None = None,
    render: bool = True,
    use_libreoffice: bool = True,
) -> ImportResult[SlideDeck]:
    """Import a PowerPoint .pptx file as a SlideDeck.

    The source, the pictures it embeds and one image per slide are stored in the course's
    ``media/`` folder.

    Args:
        folder: The course folder.
        source: The .pptx file; only read.
        title: Use this title instead of the one found in the file.
        render: Make an image of every slide (LibreOffice if installed, else a text card).
        use_libreoffice: Set False to draw text cards even when LibreOffice is installed.

    Returns:
        The deck, and warnings about content that was left out or drawn as cards.

    Raises:
        ImportFailed: The file is not a readable .pptx (corrupt, encrypted, a legacy .ppt,
            another kind of document); the message says what to do.
    """
    source = Path(source)
    presentation = _open_presentation(source)
    warnings: list[str] = []
    contents = _read_slides(source, presentation, warnings)
    deck_title = title or _deck_title(presentation, contents, source)
    slides = [_store_slide(folder, source, content) for content in contents]
    rendered_with: SlideRenderer = "card"
    if render and contents:
        rendered = render_slides(
            source,
            [c.card_text() for c in contents],
            deck_title=deck_title,
            use_libreoffice=use_libreoffice,
        )
        warnings.extend(rendered.warnings)
        rendered_with = rendered.renderer
        for slide, png in zip(slides, rendered.images, strict=True):
            name = f"{source.stem}-slide-{slide.number:03d}.png"
            slide.image = add_asset_bytes(folder, png, name)
    deck = SlideDeck(
        id=new_id("slides"),
        title=deck_title,
        source=add_asset(folder, source),
        slides=slides,
        rendered_with=rendered_with,
    )
    return ImportResult(item=deck, warnings=warnings)


# --- Opening: every way a file can fail to be a .pptx ------------------------------------


def _open_presentation(source: Path) -> Any:
    """Open ``source`` with python-pptx, or explain in plain words why it cannot be."""
    try:
        with source.open("rb") as stream:
            head = stream.read(len(_OLE_MAGIC))
    except OSError as exc:
        raise ImportFailed(source, f"cannot be read ({exc.strerror})") from exc
    if not head:
        raise ImportFailed(source, "is empty (0 bytes); export the presentation again as .pptx")
    if head == _OLE_MAGIC:
        raise ImportFailed(source, _describe_ole_file(source))
    if not head.startswith(b"PK"):
        raise ImportFailed(
            source,
            "is not a PowerPoint presentation (.pptx); open it in PowerPoint or LibreOffice "
            "Impress and save it as .pptx",
        )
    _check_package(source)
    try:
        return Presentation(str(source))
    # SyntaxError: lxml's XMLSyntaxError derives from it, for a part that is not valid XML.
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, SyntaxError) as exc:
        raise ImportFailed(source, _DAMAGED) from exc
    except ValueError as exc:  # python-pptx: the main part is not a presentation
        raise ImportFailed(
            source,
            "is a PowerPoint show or template, not a presentation; open it in PowerPoint "
            "and save it as a PowerPoint Presentation (.pptx)",
        ) from exc


_DAMAGED = (
    "is damaged or incomplete and cannot be read as a .pptx; if it was downloaded or copied, "
    "get it again, or open it in PowerPoint and save it again"
)


def _check_package(source: Path) -> None:
    """Reject zips that are not presentations, before python-pptx reads them."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ImportFailed(source, _DAMAGED) from exc
    if "ppt/presentation.xml" not in names:
        raise ImportFailed(source, _describe_other_zip(names, mimetype))
    if any(info.flag_bits & 0x1 for info in infos):
        raise ImportFailed(source, "has encrypted parts; remove the password and save it again")
    if sum(info.file_size for info in infos) > _MAX_UNPACKED:
        raise ImportFailed(
            source, "unpacks to more than 4 GB; remove large embedded media and try again"
        )


def _describe_other_zip(names: set[str], mimetype: bytes) -> str:
    if "word/document.xml" in names:
        return "is a Word document, not a PowerPoint presentation (.pptx)"
    if "xl/workbook.xml" in names:
        return "is an Excel workbook, not a PowerPoint presentation (.pptx)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.presentation"):
        return (
            "is an OpenDocument presentation (.odp); open it in LibreOffice Impress and save "
            "it as PowerPoint (.pptx)"
        )
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "is an OpenDocument file, not a presentation; import a .pptx file instead"
    return (
        "is a zip archive but not a PowerPoint presentation (it has no ppt/presentation.xml); "
        "import a .pptx file instead"
    )


def _describe_ole_file(source: Path) -> str:
    """Tell an encrypted .pptx from a legacy .ppt (both are OLE compound files).

    An OLE file names its streams in UTF-16: an encrypted Office file holds
    "EncryptedPackage", a PowerPoint 97-2003 file "PowerPoint Document".
    """
    markers = {
        "encrypted": "EncryptedPackage".encode("utf-16-le"),
        "ppt": "PowerPoint Document".encode("utf-16-le"),
        "doc": "WordDocument".encode("utf-16-le"),
        "xls": "Workbook".encode("utf-16-le"),
    }
    found = _scan_for(source, markers)
    if "encrypted" in found:
        return (
            "is protected by a password (it is encrypted); open it in PowerPoint, remove the "
            "password (File > Info > Protect Presentation > Encrypt with Password, clear it), "
            "save it, and import it again"
        )
    if "ppt" in found:
        return (
            "is an old PowerPoint 97-2003 file (.ppt); open it in PowerPoint or LibreOffice "
            "Impress, save it as .pptx, and import that file"
        )
    if "doc" in found:
        return "is an old Word document (.doc), not a PowerPoint presentation"
    if "xls" in found:
        return "is an old Excel workbook (.xls), not a PowerPoint presentation"
    return "is an old Microsoft Office file, not a .pptx; open it and save it as .pptx"


def _scan_for(source: Path, markers: dict[str, bytes]) -> set[str]:
    found: set[str] = set()
    overlap = max(len(m) for m in markers.values())
    tail = b""
    try:
        with source.open("rb") as stream:
            while chunk := stream.read(_OLE_SCAN_CHUNK):
                window = tail + chunk
                found.update(key for key, marker in markers.items() if marker in window)
                if "encrypted" in found:
                    break
                tail = window[-overlap:]
    except OSError as exc:
        raise ImportFailed(source, f"cannot be read ({exc.strerror})") from exc
    return found


# --- Reading a slide --------------------------------------------------------------------


def _read_slides(source: Path, presentation: Any, warnings: list[str]) -> list[_SlideContent]:
    contents = []
    for number, slide in enumerate(presentation.slides, start=1):
        try:
            contents.append(_read_slide(source, slide, number, warnings))
        # python-pptx parses attributes lazily: a malformed value surfaces only here.
        except (PythonPptxError, ValueError, KeyError, IndexError, SyntaxError) as exc:
            raise ImportFailed(
                source,
                f"slide {number} is damaged and cannot be read ({str(exc)[:120]}); open the "
                "file in PowerPoint and save it again",
            ) from exc
    return contents


def _read_slide(source: Path, slide: PptxSlide, number: int, warnings: list[str]) -> _SlideContent:
    title_shape = slide.shapes.title
    title = _one_line(title_shape.text_frame.text) if title_shape is not None else ""
    content = _SlideContent(
        number=number,
        title=title,
        paragraphs=[],
        notes=_notes(slide),
        # xsd:boolean: "0" and "false" both hide the slide.
        hidden=slide.element.get("show") in {"0", "false"},
    )
    skip = title_shape.element if title_shape is not None else None
    for shape in _in_reading_order(slide.shapes):
        if shape.element is skip:  # read first, above
            continue
        _read_shape(source, shape, content, warnings)
    return content


def _in_reading_order(shapes: Any) -> Iterator[BaseShape]:
    """Shapes in shape-tree order, groups flattened in place (recursively)."""
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _in_reading_order(shape.shapes)
        else:
            yield shape


def _read_shape(
    source: Path, shape: BaseShape, content: _SlideContent, warnings: list[str]
) -> None:
    if shape.is_placeholder and shape.placeholder_format.type in _FURNITURE:
        return
    if isinstance(shape, Picture):
        _read_picture(source, shape, content, warnings)
    elif isinstance(shape, Movie):
        warnings.append(
            f"{source}: slide {content.number} has an embedded video or sound; it is not "
            "imported with the slides, import the media file as a video item"
        )
    elif isinstance(shape, GraphicFrame) and shape.has_table:
        content.paragraphs.extend(_table_rows(shape))
    elif isinstance(shape, GraphicFrame) and shape.has_chart:
        chart = shape.chart
        if chart.has_title and chart.chart_title.has_text_frame:
            content.paragraphs.extend(_paragraphs(chart.chart_title.text_frame))
    elif shape.has_text_frame:
        content.paragraphs.extend(_paragraphs(shape.text_frame))  # type: ignore[attr-defined]


def _paragraphs(frame: TextFrame) -> Iterator[Paragraph]:
    for paragraph in frame.paragraphs:
        text = _clean(paragraph.text)
        if text:
            yield Paragraph(text, paragraph.level)


def _table_rows(frame: GraphicFrame) -> Iterator[Paragraph]:
    # One paragraph per row, cells left to right; a merged cell is read once, at its origin.
    for row in frame.table.rows:
        cells = [_one_line(cell.text_frame.text) for cell in row.cells if not cell.is_spanned]
        if any(cells):  # empty cells stay, so that columns keep their place
            yield Paragraph(" | ".join(cells))


def _read_picture(
    source: Path, picture: Picture, content: _SlideContent, warnings: list[str]
) -> None:
    # The image part itself, not picture.image: python-pptx opens that with Pillow to find
    # its type, which is slow and fails on EMF and SVG, common in decks.
    rid = picture.element.blip_rId
    try:
        image = picture.part.related_part(rid) if rid else None
    except KeyError:
        image = None
    if image is None:  # linked to a file outside the deck, or a dangling reference
        warnings.append(
            f"{source}: a picture on slide {content.number} is not embedded in the file "
            "(it is linked, or missing); insert it into the slide to import it"
        )
        return
    ext = _PICTURE_TYPES.get(image.content_type.lower(), "bin")
    if ext in _NOT_FOR_BROWSERS:
        warnings.append(
            f"{source}: a picture on slide {content.number} is in {ext.upper()} format, which "
            "web browsers do not show; replace it with a PNG or JPEG"
        )
    content.pictures.append(_Picture(image.blob, ext, _alt_text(picture)))


def _alt_text(shape: BaseShape) -> str:
    c_nv_pr = shape.element.find(f".//{qn('p:cNvPr')}")
    text = c_nv_pr.get("descr", "") if c_nv_pr is not None else ""
    # PowerPoint's own suffix on generated descriptions, and the file name that older
    # versions (and python-pptx) put there: neither describes the picture.
    text = _one_line(_GENERATED_ALT.sub("", text))
    return "" if _FILE_NAME.fullmatch(text) else text


def _notes(slide: PptxSlide) -> str:
    # has_notes_slide first: reading notes_slide would add an empty notes page to the deck.
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return _clean(frame.text) if frame is not None else ""


def _clean(text: str) -> str:
    """Plain text: line breaks as newlines, no control characters, at most one blank line."""
    text = _CONTROL_CHARS.sub("", text.replace("\v", "\n").replace("\r\n", "\n"))
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _one_line(text: str) -> str:
    text = _CONTROL_CHARS.sub(" ", text.replace("\v", " ").replace("\n", " "))
    return _SPACES.sub(" ", text).strip(" ")


def _deck_title(presentation: Any, contents: list[_SlideContent], source: Path) -> str:
    core = _one_line(presentation.core_properties.title or "")
    if core and core.casefold() not in _DEFAULT_TITLES:
        return core
    if contents and contents[0].title:
        return contents[0].title
    return readable_stem(source)


# --- Storing ----------------------------------------------------------------------------


def _store_slide(folder: Path, source: Path, content: _SlideContent) -> Slide:
    pictures: list[SlidePicture] = []
    for index, picture in enumerate(content.pictures, start=1):
        name = f"{source.stem}-slide-{content.number:03d}-picture-{index}.{picture.ext}"
        pictures.append(
            SlidePicture(file=add_asset_bytes(folder, picture.blob, name), alt=picture.alt)
        )
    return Slide(
        number=content.number,
        title=content.title,
        body=[p.text for p in content.paragraphs],
        notes=content.notes,
        hidden=content.hidden,
        image_alt=_image_alt(content),
        pictures=pictures,
    )


def _image_alt(content: _SlideContent) -> str:
    """Alt text of the slide's picture: its title, its text, then what its pictures show."""
    parts = [content.title or f"Slide {content.number}"]
    parts += [_one_line(p.text) for p in content.paragraphs]
    parts += [f"Picture: {p.alt}" for p in content.pictures if p.alt]
    text = ""
    for part in parts:
        if text:
            text += " " if text.endswith((".", "!", "?", ":", "…")) else ". "
        text += part
    if len(text) <= _ALT_MAX:
        return text
    cut = text.rfind(" ", 0, _ALT_MAX - 1)
    return text[: cut if cut > _ALT_MAX // 2 else _ALT_MAX - 1].rstrip(" ,;:.") + "…"
