"""PowerPoint (.pptx) files into SlideDeck items: text, notes, pictures and slide images.

Reading the slides is :mod:`moocstudio.importers.pptx_reading` (reading order, and why one odd
shape never stops an import); pictures are made fit for browsers by
:mod:`moocstudio.importers.web_pictures`.

A .pptx is untrusted input: names inside the package never become paths (pictures get names
made here), text is kept as plain text, and anything that is not a readable presentation
becomes an :class:`~moocstudio.errors.ImportFailed` that says what to do.
"""

from __future__ import annotations

import zipfile
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from pptx import Presentation

from moocstudio.errors import ImportFailed
from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.importers.pptx_reading import SlideContent, one_line, read_slides
from moocstudio.importers.slide_images import render_slides
from moocstudio.importers.web_pictures import WebPicture, web_pictures
from moocstudio.model import Slide, SlideDeck, SlidePicture, new_id
from moocstudio.model.items import SlideRenderer
from moocstudio.model.store import add_asset, add_asset_bytes

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_SCAN_CHUNK = 1 << 20
_MAX_UNPACKED = 4 << 30  # a deck with embedded video is large, but never this large
_ALT_MAX = 300  # characters: screen readers read alt text in one go, keep it short
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
        use_libreoffice: Set False to never run LibreOffice, even when it is installed: slides
            get text cards, and EMF, WMF, SVG and PDF pictures placeholders.

    Returns:
        The deck, and warnings about content that was left out or drawn as cards. A shape or a
        slide that cannot be read never fails the import: it is left out or kept as it could
        be read, with a warning.

    Raises:
        ImportFailed: The file is not a readable .pptx (corrupt, encrypted, a legacy .ppt,
            another kind of document); the message says what to do.
    """
    source = Path(source)
    presentation = _open_presentation(source)
    warnings: list[str] = []
    contents = read_slides(source, presentation, warnings)
    deck_title = title or _deck_title(presentation, contents, source)
    found = [picture for content in contents for picture in content.pictures]
    pictures, picture_warnings = web_pictures(source, found, use_libreoffice=use_libreoffice)
    warnings.extend(picture_warnings)
    by_slide: dict[int, list[WebPicture]] = defaultdict(list)
    for picture in pictures:
        by_slide[picture.slide].append(picture)
    slides = [
        _store_slide(folder, source, content, by_slide[content.number]) for content in contents
    ]
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


# --- Storing ----------------------------------------------------------------------------


def _deck_title(presentation: Any, contents: list[SlideContent], source: Path) -> str:
    core = one_line(presentation.core_properties.title or "")
    if core and core.casefold() not in _DEFAULT_TITLES:
        return core
    if contents and contents[0].title:
        return contents[0].title
    return readable_stem(source)


def _store_slide(
    folder: Path, source: Path, content: SlideContent, pictures: list[WebPicture]
) -> Slide:
    stored: list[SlidePicture] = []
    for index, picture in enumerate(pictures, start=1):
        name = f"{source.stem}-slide-{content.number:03d}-picture-{index}.{picture.ext}"
        stored.append(
            SlidePicture(file=add_asset_bytes(folder, picture.blob, name), alt=picture.alt)
        )
    return Slide(
        number=content.number,
        title=content.title,
        body=[p.text for p in content.paragraphs],
        notes=content.notes,
        hidden=content.hidden,
        image_alt=_image_alt(content),
        pictures=stored,
    )


def _image_alt(content: SlideContent) -> str:
    """Alt text of the slide's picture: its title, its text, then what its pictures show."""
    parts = [content.title or f"Slide {content.number}"]
    parts += [one_line(p.text) for p in content.paragraphs]
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
