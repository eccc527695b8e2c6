"""The adversarial .pptx corpus (pptx_corpus.py): every class imports, nothing stops an import.

Each test imports one class of deck with Pillow cards (results do not depend on the machine)
and checks slide count, text, pictures and warnings. The LibreOffice tests check that pictures
browsers cannot show are converted, and that none is lost from the slide images.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.placeholder import PlaceholderPicture

from moocstudio.importers import pptx_reading
from moocstudio.importers.pptx_reading import read_slides
from moocstudio.importers.slides import import_slides
from moocstudio.model.store import asset_path
from tests.importers import pptx_corpus as corpus

SVG_WITH_FALLBACK = 4  # slide of picture_formats whose SVG has a PNG fallback


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    return folder


def imported(course: Path, deck: Path):
    """Import with Pillow cards and without LibreOffice, whatever is installed."""
    return import_slides(course, deck, use_libreoffice=False)


def picture_bytes(course: Path, slide) -> list[bytes]:
    return [asset_path(course, picture.file).read_bytes() for picture in slide.pictures]


def colour_share(png: bytes, colour: tuple[int, int, int], tolerance: int = 12) -> float:
    """Share of the image's pixels within ``tolerance`` of ``colour`` on every channel."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    size = rgb.width * rgb.height
    close = sum(
        count
        for count, pixel in rgb.getcolors(size) or []
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
    )
    return close / size


# --- Each class ----------------------------------------------------------------------------


def test_the_mac_deck_reproduces_the_trap_python_pptx_falls_into(tmp_path):
    deck = corpus.mac_pdf_placeholder(tmp_path / "mac.pptx")
    for slide in Presentation(str(deck)).slides:
        # The idx-less picture placeholder has idx 0: python-pptx takes it for the title.
        assert isinstance(slide.shapes.title, PlaceholderPicture)


def test_mac_picture_placeholder_with_pdf_and_png_fallback(tmp_path, course):
    result = imported(course, corpus.mac_pdf_placeholder(tmp_path / "mac.pptx"))
    first, second = result.item.slides
    assert first.title == "Where the data come from"  # the real title, not the picture
    assert second.title == ""  # no title placeholder at all
    assert first.body == ["Caption 1: survey of 2024"]
    assert second.body == ["Caption 2: survey of 2024"]
    for slide in (first, second):
        [picture] = slide.pictures
        assert picture.alt == "Map of the survey sites"
        # The PNG fallback PowerPoint stored, byte for byte: no conversion was needed.
        assert picture_bytes(course, slide) == [corpus.png_bytes(corpus.COLOURS["png"])]
        assert "Picture: Map of the survey sites" in slide.image_alt
    assert result.warnings == []


def test_picture_table_and_chart_placeholders(tmp_path, course):
    deck = corpus.placeholders(tmp_path / "placeholders.pptx")
    filled = [list(slide.shapes)[1] for slide in Presentation(str(deck)).slides][:3]
    assert all(shape.is_placeholder for shape in filled)
    assert filled[0].shape_type == MSO_SHAPE_TYPE.PLACEHOLDER  # not PICTURE
    result = imported(course, deck)
    slides = result.item.slides
    assert [s.title for s in slides] == [
        "A picture placeholder",
        "A table placeholder",
        "A chart placeholder",
        "An empty picture placeholder",
    ]
    assert slides[0].body == ["Its caption"]
    assert [p.alt for p in slides[0].pictures] == ["Red square in a placeholder"]
    assert slides[1].body == ["Year | Learners", "2025 | 1 200"]
    assert slides[2].body == ["Learners per year"]
    assert slides[3].body == ["Nothing was inserted above"]
    assert slides[3].pictures == []
    assert result.warnings == []


def test_smartart_text_comes_from_its_data_in_text_pane_order(tmp_path, course):
    deck = corpus.smartart(tmp_path / "smartart.pptx")
    frame = Presentation(str(deck)).slides[0].shapes[1]
    assert frame.shape_type is None  # python-pptx has no name for it
    result = imported(course, deck)
    [slide] = result.item.slides
    assert slide.title == "How a course is made"
    assert slide.body == [text for text, _ in corpus.SMARTART_NODES]
    assert result.warnings == []
    warnings: list[str] = []
    [content] = read_slides(deck, Presentation(str(deck)), warnings)
    assert [(p.text, p.level) for p in content.paragraphs] == corpus.SMARTART_NODES


def test_a_chart_type_python_pptx_cannot_name_still_gives_its_title(tmp_path, course):
    deck = corpus.chart_3d(tmp_path / "chart.pptx")
    chart = Presentation(str(deck)).slides[0].shapes[1].chart
    with pytest.raises(ValueError, match="unsupported plot type"):
        chart.chart_type  # noqa: B018 - python-pptx cannot name a 3-D bar chart
    result = imported(course, deck)
    [slide] = result.item.slides
    assert (slide.title, slide.body) == ("Completion rates", ["Share of learners who finished"])
    assert result.warnings == []


def test_an_ole_object_is_named_in_one_warning(tmp_path, course):
    deck = corpus.ole_object(tmp_path / "ole.pptx")
    result = imported(course, deck)
    [slide] = result.item.slides
    assert (slide.title, slide.body, slide.pictures) == ("The raw numbers", [], [])
    [warning] = result.warnings
    assert warning.startswith(f"{deck}: slide 1 has an embedded Excel worksheet (“Object 3”)")


def test_movie_and_sound_are_reported_an_empty_media_placeholder_is_not(tmp_path, course):
    deck = corpus.media(tmp_path / "media.pptx")
    result = imported(course, deck)
    slides = result.item.slides
    assert [s.title for s in slides] == ["A film", "A sound", "A media placeholder"]
    assert all(s.body == [] and s.pictures == [] for s in slides)  # no speaker icon either
    video, sound = result.warnings
    assert "slide 1 has an embedded video" in video
    assert "slide 2 has an embedded sound (“Audio 3”)" in sound
    assert all("import the media file as a video item" in w for w in (video, sound))


def test_pictures_whose_image_is_missing_or_linked_are_reported_one_by_one(tmp_path, course):
    deck = corpus.missing_image(tmp_path / "missing.pptx")
    result = imported(course, deck)
    slides = result.item.slides
    assert len(slides) == 3
    assert [len(s.pictures) for s in slides] == [0, 0, 1]
    assert slides[2].pictures[0].alt == "Embedded picture alt"
    assert len(result.warnings) == 2
    for number, warning in enumerate(result.warnings, start=1):
        assert f"“Picture 3” on slide {number} is not embedded" in warning


def test_pictures_browsers_cannot_show_without_libreoffice(tmp_path, course):
    result = imported(course, corpus.picture_formats(tmp_path / "pictures.pptx"))
    slides = result.item.slides
    assert [s.title for s in slides] == [title for title, _, _ in corpus.PICTURE_SLIDES]
    assert [[p.alt for p in s.pictures] for s in slides] == [
        ["Orange EMF diagram"],
        ["Purple WMF clip art"],
        ["Blue SVG icon"],
        ["Blue SVG icon with a yellow PNG"],
        ["Magenta TIFF scan"],  # from title=, as PowerPoint 2010 wrote it
        ["Green PDF figure"],
        [""],  # marked decorative
    ]
    assert all(p.file.path.endswith(".png") for s in slides for p in s.pictures)
    stored = [picture_bytes(course, s)[0] for s in slides]
    # PowerPoint's own PNG fallback of the SVG, byte for byte; the TIFF through Pillow.
    fallback = corpus.png_bytes(corpus.COLOURS["svg-fallback"])
    assert stored[SVG_WITH_FALLBACK - 1] == fallback
    assert colour_share(stored[4], corpus.COLOURS["tiff"]) == 1.0
    # EMF, WMF, SVG, PDF: placeholders drawn from the description, not the picture.
    for index, kind in [(0, "emf"), (1, "wmf"), (2, "svg"), (5, "pdf")]:
        assert colour_share(stored[index], corpus.COLOURS[kind]) == 0.0
    [warning] = result.warnings
    assert "4 pictures are in EMF/PDF/SVG/WMF on slides 1, 2, 3 and 6" in warning
    assert "LibreOffice is not available" in warning and "install LibreOffice" in warning
    assert "Picture:" not in slides[6].image_alt  # decorative: nothing to say


def test_groups_nested_five_deep(tmp_path, course):
    result = imported(course, corpus.nested_groups(tmp_path / "groups.pptx"))
    [slide] = result.item.slides
    assert slide.body == [f"depth {d}" for d in range(1, corpus.GROUP_DEPTH + 1)]
    assert [p.alt for p in slide.pictures] == ["The deepest picture"]
    assert result.warnings == []


def test_vertical_tab_line_breaks(tmp_path, course):
    result = imported(course, corpus.line_breaks(tmp_path / "breaks.pptx"))
    [slide] = result.item.slides
    assert slide.title == "First line second line"
    assert slide.body == ["Name:\nAda Lovelace", "One\n\nTwo after an empty line"]
    assert slide.notes == "Say it\nslowly"
    assert result.warnings == []


def test_text_outside_the_basic_multilingual_plane(tmp_path, course):
    result = imported(course, corpus.astral_text(tmp_path / "astral.pptx"))
    [slide] = result.item.slides
    assert slide.title == "Alphabet 𐌰𐌱𐌲"
    assert slide.body == [corpus.ASTRAL]
    assert slide.notes == "Read 𐌰𐌱𐌲 aloud"
    assert [p.alt for p in slide.pictures] == ["Letters 𐌰𐌱𐌲"]
    assert slide.image is not None
    assert result.warnings == []


def test_empty_titles(tmp_path, course):
    result = imported(course, corpus.empty_title(tmp_path / "empty-title.pptx"))
    slides = result.item.slides
    assert [s.title for s in slides] == ["", "", "A real title"]
    assert [s.image_alt for s in slides] == [
        "Slide 1. Body under an empty title",
        "Slide 2",
        "A real title",
    ]
    assert result.item.title == "Empty title"  # from the file name, as no slide 1 title
    assert result.warnings == []


def test_hidden_slides_in_both_spellings(tmp_path, course):
    result = imported(course, corpus.hidden_slides(tmp_path / "hidden.pptx"))
    assert [s.hidden for s in result.item.slides] == [False, True, False, True, False]
    assert [s.body for s in result.item.slides] == [[f"show={v}"] for v in corpus.HIDDEN_SHOW]
    assert result.warnings == []


def test_a_text_box_with_an_equation_keeps_its_text_and_names_the_equation(tmp_path, course):
    deck = corpus.equation(tmp_path / "equation.pptx")
    result = imported(course, deck)
    [slide] = result.item.slides
    assert (slide.title, slide.body) == ("Pythagoras", ["In a right triangle,"])
    assert slide.pictures == []  # the Fallback's picture of the box is not a slide picture
    [warning] = result.warnings
    assert warning == (
        f"{deck}: slide 1 has an equation in “TextBox 3”; the text around it is imported, "
        "the equation only in the slide image"
    )


def test_damaged_parts_cost_only_what_they_hold(tmp_path, course):
    deck = corpus.damaged_parts(tmp_path / "damaged.pptx")
    result = imported(course, deck)
    slides = result.item.slides
    assert [s.number for s in slides] == [1, 2, 3, 4]
    assert [s.title for s in slides] == ["Chart without its part", "Odd level", "", "Last slide"]
    assert slides[1].body == ["Still readable"]  # python-pptx fails on lvl="two"; XML does not
    assert all(s.image is not None for s in slides)
    chart, slide = result.warnings
    assert chart.startswith(f"{deck}: slide 1: the chart “Chart 2” could not be read")
    assert "missing from the file" in chart and "the rest of the slide is imported" in chart
    assert slide.startswith(f"{deck}: slide 3 could not be read (its part is missing")


def test_every_class_of_the_corpus_imports(tmp_path, course):
    for name in corpus.CORPUS:
        deck = corpus.build(name, tmp_path)
        folder = course / deck.stem
        result = import_slides(folder, deck, use_libreoffice=False, render=False)
        assert result.item.slides, name


# --- Any exception, anywhere: injected ----------------------------------------------------


def raising(error: Exception):
    """A stand-in for a reader that fails the way nobody foresaw."""

    def broken(*args: object) -> None:
        raise error

    return broken


def test_any_error_in_a_shape_costs_that_shape_only(tmp_path, course, monkeypatch):
    error = AttributeError("'PlaceholderPicture' object has no attribute 'text_frame'")
    monkeypatch.setattr(pptx_reading, "_read_picture", raising(error))
    deck = corpus.nested_groups(tmp_path / "groups.pptx")
    result = imported(course, deck)
    [slide] = result.item.slides
    assert slide.body == [f"depth {d}" for d in range(1, corpus.GROUP_DEPTH + 1)]
    assert slide.pictures == []
    [warning] = result.warnings
    assert warning.startswith(f"{deck}: slide 1: the picture “Picture 12” could not be read")
    assert "AttributeError" in warning


def test_any_error_in_a_slide_keeps_the_slide_with_its_text(tmp_path, course, monkeypatch):
    error = RuntimeError("something nobody foresaw")
    monkeypatch.setattr(pptx_reading, "_read_slide", raising(error))
    deck = corpus.hidden_slides(tmp_path / "hidden.pptx")
    result = imported(course, deck)
    slides = result.item.slides
    assert len(slides) == len(corpus.HIDDEN_SHOW)
    assert [s.hidden for s in slides] == [False, True, False, True, False]
    assert slides[0].body == ["Slide 1", "show=1"]  # recovered from the XML, title included
    assert len(result.warnings) == len(slides)
    assert (
        "slide 1 could not be read (RuntimeError: something nobody foresaw)" in (result.warnings[0])
    )


def test_the_traceback_of_a_degraded_shape_goes_to_the_debug_log(
    tmp_path, course, caplog, monkeypatch
):
    monkeypatch.setattr(pptx_reading, "_read_picture", raising(ValueError("odd attribute")))
    with caplog.at_level("DEBUG", logger="moocstudio.importers.pptx_reading"):
        imported(course, corpus.nested_groups(tmp_path / "groups.pptx"))
    [record] = [r for r in caplog.records if r.exc_info]
    assert "Picture 12" in record.getMessage() and "slide 1" in record.getMessage()
    assert record.exc_info[0] is ValueError


# --- With LibreOffice --------------------------------------------------------------------


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_libreoffice_converts_every_picture_and_keeps_them_in_the_slide_images(tmp_path, course):
    result = import_slides(course, corpus.picture_formats(tmp_path / "pictures.pptx"))
    deck = result.item
    assert result.warnings == []
    assert deck.rendered_with == "libreoffice"
    shown = ["emf", "wmf", "svg", "svg-fallback", "tiff", "pdf", "png"]  # what each slide shows
    for slide, colour in zip(deck.slides, shown, strict=True):
        [picture] = slide.pictures
        stored = asset_path(course, picture.file).read_bytes()
        assert picture.file.path.endswith(".png")
        with Image.open(io.BytesIO(stored)) as image:
            assert image.format == "PNG"
        # The picture itself, margins cut: its own colour fills most of it.
        assert colour_share(stored, corpus.COLOURS[colour]) > 0.8, slide.title
        # ... and LibreOffice's picture of the whole slide shows it too.
        slide_image = asset_path(course, slide.image).read_bytes()
        assert colour_share(slide_image, corpus.COLOURS[colour]) > 0.01, slide.title


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_libreoffice_draws_the_mac_picture_and_the_ole_preview(tmp_path, course):
    mac = import_slides(course, corpus.mac_pdf_placeholder(tmp_path / "mac.pptx")).item
    for slide in mac.slides:
        image = asset_path(course, slide.image).read_bytes()
        assert colour_share(image, corpus.COLOURS["png"]) > 0.01, slide.number
    ole = import_slides(course, corpus.ole_object(tmp_path / "ole.pptx")).item
    image = asset_path(course, ole.slides[0].image).read_bytes()
    assert colour_share(image, corpus.COLOURS["ole-preview"], tolerance=4) > 0.01
