"""Slide pictures made fit for browsers: formats by their bytes, TIFF, LibreOffice, placeholders."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from moocstudio.importers.pptx_pictures import Image as FoundImage
from moocstudio.importers.pptx_pictures import picture_format
from moocstudio.importers.pptx_reading import FoundPicture
from moocstudio.importers.slides import import_slides
from moocstudio.importers.web_pictures import _inert_svg, web_pictures
from moocstudio.model.store import asset_path
from tests.importers import pptx_corpus as corpus

SECRET = (255, 0, 0)  # the colour of a file on the author's disk that must not leak
BOM_SVG = b"\xef\xbb\xbf  <?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>"


def pillow_bytes(kind: str, mode: str = "RGB", frames: int = 1) -> bytes:
    out = io.BytesIO()
    pictures = [Image.new(mode, (40, 30), (10 * n, 20, 30)[: len(mode)]) for n in range(frames)]
    pictures[0].save(out, kind, save_all=frames > 1, append_images=pictures[1:])
    return out.getvalue()


def found(blob: bytes, kind: str, *, slide: int = 1, alt: str = "A figure") -> FoundPicture:
    return FoundPicture(FoundImage(blob, kind), alt, slide, (4_000_000, 1_000_000))


@pytest.mark.parametrize(
    ("blob", "content_type", "expected"),
    [
        *[(make((1, 2, 3)), "", kind) for kind, make in corpus.PICTURE_MAKERS.items()],
        (pillow_bytes("JPEG"), "image/png", "jpg"),  # the bytes win over a wrong type
        (pillow_bytes("GIF"), "", "gif"),
        (pillow_bytes("WEBP"), "", "webp"),
        (pillow_bytes("BMP"), "", "bmp"),
        (BOM_SVG, "", "svg"),
        (b"\x00" * 64, "image/x-emf", "emf"),  # unknown bytes: the declared type
        (b"\x00" * 64, "application/octet-stream", "bin"),
    ],
)
def test_formats_are_read_from_the_bytes(blob, content_type, expected):
    assert picture_format(blob, content_type) == expected


def test_tiff_becomes_png_with_pillow_first_page_any_colour_mode():
    pictures = [
        found(pillow_bytes("TIFF", "CMYK"), "tiff"),
        found(pillow_bytes("TIFF", frames=3), "tiff", slide=2),
    ]
    ready, warnings = web_pictures(Path("deck.pptx"), pictures, use_libreoffice=False)
    assert warnings == []
    for picture in ready:
        assert (picture.ext, picture.placeholder) == ("png", False)
        with Image.open(io.BytesIO(picture.blob)) as image:
            assert (image.format, image.size) == ("PNG", (40, 30))


def test_without_libreoffice_placeholders_keep_the_description_one_warning_for_all():
    pictures = [
        found(corpus.emf_bytes((1, 2, 3)), "emf", slide=2, alt="Water cycle"),
        found(corpus.svg_bytes((1, 2, 3)), "svg", slide=5),
        found(corpus.png_bytes((1, 2, 3)), "png", slide=5),
    ]
    ready, warnings = web_pictures(Path("deck.pptx"), pictures, use_libreoffice=False)
    assert [(p.placeholder, p.alt, p.slide) for p in ready] == [
        (True, "Water cycle", 2),
        (True, "A figure", 5),
        (False, "A figure", 5),
    ]
    assert ready[2].blob == pictures[2].image.blob
    with Image.open(io.BytesIO(ready[0].blob)) as stand_in:
        assert stand_in.width > stand_in.height  # the picture was wide on its slide
    [warning] = warnings
    assert warning.startswith("deck.pptx: 2 pictures are in EMF/SVG on slides 2 and 5")


def test_a_picture_that_cannot_be_read_is_a_placeholder_with_its_own_warning():
    ready, warnings = web_pictures(
        Path("deck.pptx"),
        [found(b"II*\x00broken", "tiff", slide=3), found(b"\x00" * 40, "bin", slide=4)],
        use_libreoffice=False,
    )
    assert [p.placeholder for p in ready] == [True, True]
    assert "a TIFF picture on slide 3" in warnings[0] and "could not be read" in warnings[0]
    assert "a BIN picture on slide 4" in warnings[1] and "does not know" in warnings[1]


def test_svg_loses_scripts_and_links_to_anything_outside_itself():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b"<script>alert(1)</script><foreignObject><p>html</p></foreignObject>"
        b'<image xlink:href="file:///etc/passwd"/><image href="https://example.org/t.png"/>'
        b'<image href="data:image/png;base64,AAAA"/><use xlink:href="#shape"/>'
        b'<rect style="fill: url(https://example.org/x); stroke: url(#grad)"/>'
        b"<style>@import url(https://example.org/a.css); rect { fill: red }</style></svg>"
    )
    inert = _inert_svg(svg).decode()
    for gone in ("script", "foreignObject", "file:///", "example.org"):
        assert gone not in inert
    for kept in ("data:image/png;base64,AAAA", 'xlink:href="#shape"', "url(#grad)", "fill: red"):
        assert kept in inert
    assert _inert_svg(b"<svg><unclosed></svg>") is None


# --- With LibreOffice --------------------------------------------------------------------


def colours(png: bytes) -> set[tuple[int, int, int]]:
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    return {colour for _, colour in rgb.getcolors(rgb.width * rgb.height) or []}


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_an_svg_linking_a_file_of_the_author_does_not_leak_it(tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (100, 100), SECRET).save(secret)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="100"><rect width="100" height="100" fill="#00ff00"/>'
        f'<image width="100" height="100" xlink:href="{secret.as_uri()}"/></svg>'
    ).encode()
    [ready], warnings = web_pictures(tmp_path / "deck.pptx", [found(svg, "svg")])
    assert warnings == [] and not ready.placeholder
    assert (0, 255, 0) in colours(ready.blob)
    assert SECRET not in colours(ready.blob)


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_a_picture_linked_to_a_file_of_the_author_stays_out_of_the_slide_image(tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (100, 100), SECRET).save(secret)
    prs = corpus.Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[corpus.BLANK])
    rid = slide.part.relate_to(secret.as_uri(), RT.IMAGE, is_external=True)
    link = f'<p:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
    corpus.append_shape(slide, corpus.picture_xml(4, "Picture 3", link))
    deck = tmp_path / "linked.pptx"
    prs.save(deck)
    course = tmp_path / "course"
    result = import_slides(course, deck)
    assert result.item.rendered_with == "libreoffice"
    image = asset_path(course, result.item.slides[0].image).read_bytes()
    assert SECRET not in colours(image)
