"""Pictures in .pptx shapes: which image, in what format, and what the author said it shows.

A ``p:pic`` may hold several versions of its image: PowerPoint 2016+ stores SVG as an
extension of a PNG blip (``asvg:svgBlip``), PowerPoint for Mac stores a pasted PDF with a PNG
fallback in ``mc:AlternateContent``. The version a web browser can show is preferred; the
others are kept for conversion (see :mod:`moocstudio.importers.web_pictures`).

Formats are read from the bytes, not from the content type the writer declared: writers
disagree on names ("image/jpg", "image/x-emf", "image/emf") and some declare none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from moocstudio.importers.ooxml import Element, alternate_branches, qn

# Formats web browsers show as they are; all others are converted before they reach a page.
BROWSER_FORMATS = frozenset({"png", "jpg", "gif", "webp", "bmp"})

_BY_CONTENT_TYPE = {  # when the bytes say nothing known
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/jpg": "jpg",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "image/tiff": "tiff",
    "image/webp": "webp",
    "image/svg+xml": "svg",
    "image/x-emf": "emf",
    "image/emf": "emf",
    "image/x-wmf": "wmf",
    "image/wmf": "wmf",
    "application/pdf": "pdf",
}
_EMF_SIGNATURE_AT = 40  # EMR_HEADER: type and size, two RECTLs, then " EMF"
_SVG_SNIFF_BYTES = 4096
_FILE_NAME = re.compile(r"[^/\\]*\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|pdf)", re.IGNORECASE)
# PowerPoint's own suffix on generated descriptions: it says nothing about the picture.
_GENERATED_ALT = re.compile(
    r"\s*Description automatically generated(\s+with \w+ confidence)?\.?\s*$"
)
_VIDEO_TAGS = (qn("a:videoFile"), qn("a:quickTimeFile"))
_SOUND_TAGS = (qn("a:audioFile"), qn("a:wavAudioFile"), qn("a:audioCd"))


@dataclass(frozen=True)
class Image:
    """The bytes of one image part and the format they are in ("png", "emf", ...)."""

    blob: bytes
    format: str


class NotEmbedded(Exception):
    """The picture's image is not in the file: linked to an outside file, or its part is gone."""


def picture_format(blob: bytes, content_type: str = "") -> str:
    """The format of an image from its first bytes, else from its declared content type.

    Returns:
        "png", "jpg", "gif", "bmp", "tiff", "webp", "pdf", "emf", "wmf", "svg", or "bin" when
        neither the bytes nor the content type say.
    """
    head = blob[:64]
    signatures = (
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff", "jpg"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"%PDF-", "pdf"),
        (b"\xd7\xcd\xc6\x9a", "wmf"),  # placeable WMF
        (b"\x01\x00\x09\x00\x00\x03", "wmf"),  # WMF without the placeable header
        (b"\x02\x00\x09\x00\x00\x03", "wmf"),
        (b"BM", "bmp"),
    )
    for signature, name in signatures:
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"\x01\x00\x00\x00" and head[_EMF_SIGNATURE_AT : _EMF_SIGNATURE_AT + 4] == (
        b" EMF"
    ):
        return "emf"
    start = blob[:_SVG_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<") and b"<svg" in start:
        return "svg"
    return _BY_CONTENT_TYPE.get(content_type.split(";")[0].strip().lower(), "bin")


def picture_image(picture: Element, part: Any) -> Image:
    """The image of a ``p:pic``: a version browsers show when the file holds one.

    Args:
        picture: The ``p:pic`` element.
        part: The slide part its relationships belong to.

    Raises:
        NotEmbedded: No version of the image is in the file.
    """
    images = [image for rid in _blip_rids(picture) if (image := _embedded(part, rid))]
    if not images:
        raise NotEmbedded
    return next((image for image in images if image.format in BROWSER_FORMATS), images[0])


def _blip_rids(picture: Element) -> Iterator[str]:
    """Relationship ids of every embedded version of the picture's image, main blips first."""
    fills = [picture.find(qn("p:blipFill"))]
    for alternate in picture.iterfind(qn("mc:AlternateContent")):
        for branch in alternate_branches(alternate):
            fills.append(branch.find(qn("p:blipFill")))
    blips = [blip for fill in fills if fill is not None for blip in fill.iterfind(qn("a:blip"))]
    for blip in blips:
        if rid := blip.get(qn("r:embed")):
            yield rid
    for blip in blips:
        for svg in blip.iter(qn("asvg:svgBlip")):
            if rid := svg.get(qn("r:embed")):
                yield rid


def _embedded(part: Any, rid: str) -> Image | None:
    try:
        image_part = part.related_part(rid)
    # KeyError: no such relationship, or its part is not in the file (python-pptx drops
    # relationships to missing parts). ValueError: the target is an outside file.
    except (KeyError, ValueError):
        return None
    return Image(image_part.blob, picture_format(image_part.blob, image_part.content_type))


def media_kind(picture: Element) -> str | None:
    """Whether a ``p:pic`` stands for a media clip: "video", "sound", or None."""
    properties = picture.find(f"{qn('p:nvPicPr')}/{qn('p:nvPr')}")
    if properties is None:
        return None
    tags = {child.tag for child in properties}
    if tags.intersection(_VIDEO_TAGS):
        return "video"
    if tags.intersection(_SOUND_TAGS):
        return "sound"
    return None


def alt_text(shape: Element) -> str:
    """The shape's alt text: its description, else its title; empty when marked decorative.

    File names (which older PowerPoint versions and python-pptx store as the description) and
    PowerPoint's "Description automatically generated" suffix are dropped: neither describes
    the picture.
    """
    properties = next(shape.iter(qn("p:cNvPr")), None)
    if properties is None or _is_decorative(properties):
        return ""
    for attribute in ("descr", "title"):
        text = " ".join(_GENERATED_ALT.sub("", properties.get(attribute, "")).split())
        if text and not _FILE_NAME.fullmatch(text):
            return text
    return ""


def _is_decorative(properties: Element) -> bool:
    # PowerPoint 365 "Mark as decorative": an extension of cNvPr, val="1".
    flag = next(properties.iter(qn("adec:decorative")), None)
    return flag is not None and flag.get("val") in {"1", "true"}
