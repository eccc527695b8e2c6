"""Slide pictures made fit for web browsers, which show PNG, JPEG, GIF, WebP and BMP only.

TIFF becomes PNG with Pillow. EMF, WMF, SVG and PDF become PNG with LibreOffice, all of a
deck's pictures in one run (its start-up is most of the cost). SVG is rasterised too, although
browsers show it: an SVG file is markup that can carry scripts and links to other files, and
nothing from an imported file is trusted; links to outside files are removed before
LibreOffice reads it, so that no file of the author's can end up in a published picture.

Without LibreOffice, or when a picture cannot be converted, a placeholder PNG that shows the
picture's alt text stands in for it, and the author is told how to get the real one.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from warnings import catch_warnings, simplefilter

from lxml import etree
from PIL import Image, ImageChops

from moocstudio.errors import MoocstudioError
from moocstudio.importers.libreoffice import convert, find_soffice
from moocstudio.importers.ooxml import parse_part
from moocstudio.importers.pptx_pictures import BROWSER_FORMATS
from moocstudio.importers.pptx_reading import FoundPicture
from moocstudio.importers.slide_images import render_picture_placeholder

log = logging.getLogger(__name__)

# Formats LibreOffice Draw opens and exports as PNG.
LIBREOFFICE_FORMATS = frozenset({"emf", "wmf", "svg", "pdf"})
# Metafiles open on a whole (A4) page in LibreOffice Draw: the margins are cut off after.
_ON_A_PAGE = frozenset({"emf", "wmf"})
_SOFFICE_BASE_TIMEOUT = 120.0  # a first start with a fresh profile can take a while
_SECONDS_PER_PICTURE = 2.0
_PNG_COMPRESS_LEVEL = 6
_INSTALL_LIBREOFFICE = (
    "install LibreOffice (Debian/Ubuntu: apt install libreoffice-impress; macOS: brew install "
    "--cask libreoffice; Windows: libreoffice.org) and import again, or replace them with PNG "
    "or JPEG pictures"
)
_SVG_LINK_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href")
_SVG_ACTIVE = ("script", "foreignObject")
# Links an SVG may keep: to its own elements, or to raster pictures held inside it.
_SVG_INNER_LINKS = ("#", "data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
_CSS_OUTSIDE_URL = re.compile(r"url\(\s*(?![\s'\"]*#)[^)]*\)|@import[^;]*;?", re.IGNORECASE)


@dataclass(frozen=True)
class WebPicture:
    """A slide picture ready for a web page.

    Attributes:
        blob: The picture's bytes.
        ext: Its format, as a file extension ("png", "jpg", ...).
        alt: The author's description of it.
        slide: The 1-based number of its slide.
        placeholder: True when the bytes are a stand-in drawn from the description.
    """

    blob: bytes
    ext: str
    alt: str
    slide: int
    placeholder: bool = False


def web_pictures(
    source: Path, pictures: Sequence[FoundPicture], *, use_libreoffice: bool = True
) -> tuple[list[WebPicture], list[str]]:
    """Make every picture of a deck fit for browsers, converting what needs it.

    Args:
        source: The deck, for warnings.
        pictures: The pictures found in it, in deck order.
        use_libreoffice: Set False to never run LibreOffice (vector pictures then get
            placeholders).

    Returns:
        One WebPicture per picture given, in the same order, and warnings for the author.
    """
    converted: list[bytes | None] = [None] * len(pictures)
    failed: dict[int, str] = {}  # picture index: why that one picture could not be converted
    for index, picture in enumerate(pictures):
        kind = picture.image.format
        if kind in BROWSER_FORMATS:
            converted[index] = picture.image.blob
        elif kind == "tiff":
            converted[index] = _tiff_as_png(picture.image.blob)
            if converted[index] is None:
                failed[index] = "it could not be read as TIFF"
        elif kind not in LIBREOFFICE_FORMATS:
            failed[index] = "moocstudio does not know its format"
    warnings: list[str] = []
    vector = [i for i, p in enumerate(pictures) if p.image.format in LIBREOFFICE_FORMATS]
    soffice = find_soffice() if vector and use_libreoffice else None
    if vector and soffice is None:
        warnings.append(_none_converted(source, [pictures[i] for i in vector], ""))
    elif vector and soffice is not None:
        try:
            batch = _with_libreoffice(soffice, [pictures[i] for i in vector])
        except MoocstudioError as exc:  # cannot be run after all, or timed out
            warnings.append(
                _none_converted(source, [pictures[i] for i in vector], exc.user_message)
            )
        else:
            for index, png in zip(vector, batch, strict=True):
                converted[index] = png
                if png is None:
                    failed[index] = "LibreOffice could not convert it"
    for index, why in failed.items():
        picture = pictures[index]
        warnings.append(
            f"{source}: a {picture.image.format.upper()} picture on slide {picture.slide} "
            f"cannot be shown in web browsers and {why}; a placeholder with its description "
            "stands in for it, replace it with a PNG or JPEG picture to import it"
        )
    return [
        _web_picture(picture, blob) for picture, blob in zip(pictures, converted, strict=True)
    ], warnings


def _web_picture(picture: FoundPicture, blob: bytes | None) -> WebPicture:
    if blob is None:
        width, height = picture.extent or (4, 3)
        label = f"{picture.image.format.upper()} picture"
        stand_in = render_picture_placeholder(picture.alt, label, width / height)
        return WebPicture(stand_in, "png", picture.alt, picture.slide, placeholder=True)
    ext = picture.image.format if picture.image.format in BROWSER_FORMATS else "png"
    return WebPicture(blob, ext, picture.alt, picture.slide)


def _none_converted(source: Path, pictures: Sequence[FoundPicture], problem: str) -> str:
    """One warning for all the pictures LibreOffice did not convert, and why."""
    slides = [str(n) for n in sorted({p.slide for p in pictures})]
    where = (
        f"slide {slides[0]}"
        if len(slides) == 1
        else (f"slides {', '.join(slides[:-1])} and {slides[-1]}")
    )
    formats = "/".join(sorted({p.image.format.upper() for p in pictures}))
    count = f"{len(pictures)} pictures are" if len(pictures) > 1 else "1 picture is"
    why = (
        f"LibreOffice could not convert them ({problem}); try again"
        if problem
        else f"LibreOffice is not available to convert them; to get them, {_INSTALL_LIBREOFFICE}"
    )
    return (
        f"{source}: {count} in {formats} on {where}, which web browsers cannot show, so "
        f"placeholders with their descriptions stand in for them: {why}"
    )


def _tiff_as_png(blob: bytes) -> bytes | None:
    try:
        # Pillow warns about damaged tags it can read past; a damaged picture gets its own
        # warning for the author, below, only if it cannot be read at all.
        with catch_warnings():
            simplefilter("ignore", UserWarning)
            return _first_page_png(blob)
    # DecompressionBombError: a picture far larger than any slide needs.
    except (OSError, ValueError, Image.DecompressionBombError):
        log.debug("could not convert a TIFF picture", exc_info=True)
        return None


def _first_page_png(blob: bytes) -> bytes:
    with Image.open(io.BytesIO(blob)) as image:
        image.seek(0)  # a multi-page TIFF shows its first page
        transparent = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
        return _png(image.convert("RGBA" if transparent else "RGB"))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=_PNG_COMPRESS_LEVEL)
    return out.getvalue()


# --- LibreOffice -------------------------------------------------------------------------


def _with_libreoffice(soffice: str, pictures: Sequence[FoundPicture]) -> list[bytes | None]:
    """PNG of each picture (None where LibreOffice made none), from one LibreOffice run.

    Raises:
        MoocstudioError: LibreOffice cannot be run, or timed out.
    """
    with tempfile.TemporaryDirectory(prefix="moocstudio-pictures-") as tmp:
        work = Path(tmp)
        inputs = [_write_input(work, number, picture) for number, picture in enumerate(pictures)]
        given = [path for path in inputs if path is not None]
        if not given:
            return [None] * len(pictures)
        out = work / "out"
        out.mkdir()
        timeout = _SOFFICE_BASE_TIMEOUT + _SECONDS_PER_PICTURE * len(given)
        convert(soffice, given, "png", out, timeout=timeout)
        return [
            _converted(out / f"{path.stem}.png", picture.image.format in _ON_A_PAGE)
            if path is not None
            else None
            for path, picture in zip(inputs, pictures, strict=True)
        ]


def _write_input(work: Path, number: int, picture: FoundPicture) -> Path | None:
    blob = picture.image.blob
    if picture.image.format == "svg":
        inert = _inert_svg(blob)
        if inert is None:
            return None
        blob = inert
    path = work / f"picture-{number:04d}.{picture.image.format}"
    path.write_bytes(blob)
    return path


def _converted(png: Path, on_a_page: bool) -> bytes | None:
    if not png.is_file():
        return None
    try:
        with Image.open(png) as image:
            picture = image.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        log.debug("LibreOffice wrote an unreadable PNG", exc_info=True)
        return None
    if on_a_page:
        picture = _without_margins(picture)
    if picture.getchannel("A").getextrema() == (255, 255):  # opaque: no alpha channel needed
        picture = picture.convert("RGB")
    return _png(picture)


def _without_margins(page: Image.Image) -> Image.Image:
    """The page cropped to what is drawn on it (LibreOffice centres a metafile on A4)."""
    flat = Image.new("RGB", page.size, (255, 255, 255))
    flat.paste(page, mask=page.getchannel("A"))
    box = ImageChops.difference(flat, Image.new("RGB", page.size, (255, 255, 255))).getbbox()
    return page.crop(box) if box else page


def _inert_svg(blob: bytes) -> bytes | None:
    """The SVG without scripts and without links to anything outside itself (None if not XML)."""
    try:
        root = parse_part(blob)
    except etree.XMLSyntaxError:
        return None
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        if etree.QName(element).localname in _SVG_ACTIVE and parent is not None:
            parent.remove(element)
            continue
        for attribute in _SVG_LINK_ATTRIBUTES:
            link = element.get(attribute)
            if link is not None and not link.startswith(_SVG_INNER_LINKS):
                del element.attrib[attribute]
        style = element.get("style")
        if style:
            element.set("style", _CSS_OUTSIDE_URL.sub("none", style))
        if etree.QName(element).localname == "style" and element.text:
            element.text = _CSS_OUTSIDE_URL.sub("none", element.text)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
