"""Presentations into SlideDeck items: text, notes, pictures and slide images.

PowerPoint decks in every flavour (.pptx, shows, templates, macro-enabled) and LibreOffice
Impress files (converted to .pptx by LibreOffice) are opened by
:mod:`moocstudio.importers.deck_opening`; PDF slides have their own importer,
:mod:`moocstudio.importers.pdf_slides`. Reading the slides is
:mod:`moocstudio.importers.pptx_reading` (reading order, and why one odd shape never stops an
import); pictures are made fit for browsers by :mod:`moocstudio.importers.web_pictures`.

A .pptx is untrusted input: names inside the package never become paths (pictures get names
made here), text is kept as plain text, and anything that is not a readable presentation
becomes an :class:`~moocstudio.errors.ImportFailed` that says what to do.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.importers.deck_opening import OpenedDeck, open_presentation
from moocstudio.importers.pptx_reading import SlideContent, one_line, read_slides
from moocstudio.importers.slide_images import render_slides
from moocstudio.importers.web_pictures import WebPicture, web_pictures
from moocstudio.model import Slide, SlideDeck, SlidePicture, new_id
from moocstudio.model.items import SlideRenderer
from moocstudio.model.store import add_asset_bytes

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
    """Import a presentation file as a SlideDeck.

    PowerPoint decks (.pptx, and .ppsx, .potx, .pptm, .ppsm, .potm) are read directly; Impress
    presentations (.odp, .otp, .fodp) through LibreOffice, which must then be installed.
    The source (a deck with macros without them, see ``deck_opening``), the pictures it embeds
    and one image per slide are stored in the course's ``media/`` folder.

    Args:
        folder: The course folder.
        source: The presentation file; only read.
        title: Use this title instead of the one found in the file.
        render: Make an image of every slide (LibreOffice if installed, else a text card).
        use_libreoffice: Set False to never run LibreOffice, even when it is installed: slides
            get text cards, and EMF, WMF, SVG and PDF pictures placeholders.

    Returns:
        The deck, and warnings about content that was left out or drawn as cards. A shape or a
        slide that cannot be read never fails the import: it is left out or kept as it could
        be read, with a warning.

    Raises:
        ImportFailed: The file is not a readable presentation (corrupt, encrypted, a legacy
            .ppt, another kind of document, an .odp without LibreOffice); the message says what
            to do.
    """
    source = Path(source)
    with open_presentation(source) as opened:
        return _import_opened(folder, source, opened, title, render, use_libreoffice)


def _import_opened(
    folder: Path,
    source: Path,
    opened: OpenedDeck,
    title: str | None,
    render: bool,
    use_libreoffice: bool,
) -> ImportResult[SlideDeck]:
    presentation = opened.presentation
    warnings: list[str] = list(opened.warnings)
    contents = read_slides(source, presentation, warnings)
    deck_title = title or _deck_title(presentation, contents, source)
    found = [picture for content in contents for picture in content.pictures]
    pictures, picture_warnings = web_pictures(source, found, use_libreoffice=use_libreoffice)
    warnings.extend(picture_warnings)
    by_slide: dict[int, list[WebPicture]] = defaultdict(list)
    for picture in pictures:
        by_slide[picture.slide].append(picture)
    stored, render_from = opened.store(folder)
    slides = [
        _store_slide(folder, source, content, by_slide[content.number]) for content in contents
    ]
    rendered_with: SlideRenderer = "card"
    if render and contents:
        rendered = render_slides(
            render_from,
            [c.card_text() for c in contents],
            deck_title=deck_title,
            use_libreoffice=use_libreoffice,
        )
        warnings.extend(w.replace(str(render_from), str(source)) for w in rendered.warnings)
        rendered_with = rendered.renderer
        for slide, png in zip(slides, rendered.images, strict=True):
            name = f"{source.stem}-slide-{slide.number:03d}.png"
            slide.image = add_asset_bytes(folder, png, name)
    deck = SlideDeck(
        id=new_id("slides"),
        title=deck_title,
        source=stored,
        slides=slides,
        rendered_with=rendered_with,
    )
    return ImportResult(item=deck, warnings=warnings)


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
