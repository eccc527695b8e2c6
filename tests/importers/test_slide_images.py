"""Slide cards drawn with Pillow, and the slide renderer's choice of tool."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from moocstudio.importers import slide_images
from moocstudio.importers.slide_images import (
    Paragraph,
    SlideText,
    card_font,
    ellipsize,
    render_card,
    render_slides,
    wrap_text,
)
from moocstudio.resources import resource_path

FRENCH = "Les élèves à l'école : « œuvres » et façons d'apprendre — ça, c'est dû !"
LONG = "L'apprentissage actif, où l'étudiant reformule et explique, produit des gains. " * 40


def png_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


def ink_rows(image: Image.Image, left: int, right: int) -> list[int]:
    """Rows with any non-white pixel between x=left and x=right."""
    crop = image.crop((left, 0, right, image.height)).convert("L")
    width = crop.width
    data = crop.tobytes()
    return [y for y in range(crop.height) if min(data[y * width : (y + 1) * width]) < 250]


# --- The font ---------------------------------------------------------------------------


def test_the_bundled_font_ships_with_its_licence():
    fonts = resource_path("fonts")
    assert (fonts / "NotoSans-Regular.ttf").is_file()
    assert (fonts / "NotoSans-Bold.ttf").is_file()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL.txt").read_text()


def test_cards_use_noto_sans_in_both_weights():
    assert card_font(30).getname() == ("Noto Sans", "Regular")
    assert card_font(30, bold=True).getname() == ("Noto Sans", "Bold")


@pytest.mark.parametrize("char", list("éèêàçœÉÀÇ«»’…—€"))
def test_french_characters_have_real_glyphs_not_the_missing_glyph_box(char):
    font = card_font(40)
    missing = font.getmask("\ufffe")  # a noncharacter: always drawn as the missing-glyph box
    glyph = font.getmask(char)
    assert glyph.size != missing.size or bytes(glyph) != bytes(missing)


# --- Wrapping ---------------------------------------------------------------------------


def test_wrapped_lines_fit_the_width_and_keep_every_word_in_order():
    font = card_font(32)
    width = 700
    lines = wrap_text(LONG, font, width)
    assert len(lines) > 10
    assert all(font.getlength(line) <= width for line in lines)
    assert " ".join(lines).split() == LONG.split()


def test_a_word_longer_than_the_line_is_cut_between_characters():
    font = card_font(32)
    url = "https://example.org/" + "a-very-long-path/" * 20
    lines = wrap_text(f"See {url} now", font, 500)
    assert all(font.getlength(line) <= 500 for line in lines)
    assert "".join(lines).replace(" ", "") == f"See{url}now"


def test_newlines_always_break_and_french_spacing_never_does():
    font = card_font(32)
    assert wrap_text("one\ntwo", font, 1000) == ["one", "two"]
    text = "Il a dit « bonjour » : est-ce vrai ? Oui ! " * 12
    for width in range(300, 900, 37):
        for line in wrap_text(text, font, width):
            assert not line.startswith(("»", ":", "?", "!")), line
            assert not line.endswith("«"), line


def test_no_break_spaces_from_the_author_are_kept():
    font = card_font(32)
    lines = wrap_text("10\u00a0km " * 30, font, 400)
    assert all(not line.startswith("km") for line in lines)


def test_ellipsize_fits_and_ends_with_an_ellipsis():
    font = card_font(28)
    cut = ellipsize(LONG, font, 600)
    assert cut.endswith("…")
    assert font.getlength(cut) <= 600
    assert LONG.startswith(cut[:-1].rstrip())


# --- Cards ------------------------------------------------------------------------------


def test_a_card_is_a_1280x720_png_with_the_accent_bar_and_white_background():
    card = png_image(render_card(SlideText(1, FRENCH, (Paragraph("Un point"),))))
    assert card.size == (1280, 720)
    assert card.getpixel((4, 360)) == (31, 95, 153)
    assert card.getpixel((640, 10)) == (255, 255, 255)


def test_long_text_wraps_inside_the_margins_and_stops_above_the_footer():
    slide = SlideText(
        3,
        FRENCH * 3,
        (Paragraph(LONG), Paragraph("Sous-point", 1), Paragraph(LONG)),
    )
    card = png_image(render_card(slide, deck_title="Pédagogie numérique"))
    assert card.size == (1280, 720)
    footer_top = 720 - 68
    text_rows = ink_rows(card, 20, 1280)
    body_rows = [y for y in text_rows if y < footer_top]
    assert body_rows and max(body_rows) < footer_top - 12  # a clear gap above the footer rule
    # Nothing in the right margin: every line wrapped before it.
    assert ink_rows(card, 1280 - 90, 1280) == []


def test_long_body_is_cut_with_an_ellipsis_at_the_smallest_size():
    body = slide_images._layout_body([Paragraph(LONG)] * 3, 1080, 200, 620)
    assert body.truncated
    assert body.font.size == min(slide_images._BODY_SIZES)
    assert body.lines[-1][0].text.endswith("…")
    assert max(y for _, y in body.lines) + round(body.font.size * 1.3) <= 620


def test_a_short_body_keeps_the_largest_size():
    body = slide_images._layout_body([Paragraph("Court")], 1080, 200, 620)
    assert not body.truncated
    assert body.font.size == max(slide_images._BODY_SIZES)


def test_a_title_alone_is_centred_and_an_empty_slide_shows_its_number():
    title_only = png_image(render_card(SlideText(2, "Chapitre 2")))
    rows = ink_rows(title_only, 60, 1280)
    text_rows = [y for y in rows if y < 720 - 68]
    middle = (min(text_rows) + max(text_rows)) / 2
    assert abs(middle - (720 - 68) / 2) < 60
    empty = render_card(SlideText(9))
    assert png_image(empty).size == (1280, 720)
    assert empty != render_card(SlideText(10))  # "Slide 9" and "Slide 10" differ


def test_cards_are_deterministic_and_the_same_on_every_thread():
    slides = [SlideText(n, f"Titre {n}", (Paragraph(FRENCH),)) for n in range(1, 9)]
    threaded = render_slides(
        resource_path("fonts", "OFL.txt"), slides, deck_title="Cours", use_libreoffice=False
    )
    assert threaded.renderer == "card"
    assert threaded.warnings == []
    assert threaded.images == [render_card(s, deck_title="Cours") for s in slides]


def test_card_height_can_follow_4_3_slides():
    card = png_image(render_card(SlideText(1, "Quatre tiers", (Paragraph("x"),)), height=960))
    assert card.size == (1280, 960)
