"""Fixtures for the slide importers: real .pptx files built with python-pptx in tmp_path.

Nothing binary is committed: decks and their pictures are made here, per test.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches, Pt

SOFFICE_REASON = "needs LibreOffice (soffice) for slide rendering"

TITLE_AND_CONTENT = 1
TITLE_ONLY = 5
BLANK = 6


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("needs_soffice") and shutil.which("soffice") is None:
        pytest.skip(SOFFICE_REASON)


def _png_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real PNG, different for every colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def _set_alt_text(shape: object, text: str) -> None:
    """python-pptx has no API for alt text: set cNvPr/@descr as PowerPoint does."""
    shape._element._nvXxPr.cNvPr.set("descr", text)  # type: ignore[attr-defined]


def _hide(slide: object) -> None:
    slide._element.set("show", "0")  # type: ignore[attr-defined]


@pytest.fixture
def deck_course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    return folder


@pytest.fixture
def picture_png() -> bytes:
    return _png_bytes((200, 40, 40))


@pytest.fixture
def rich_deck(tmp_path: Path, picture_png: bytes) -> Path:
    """Six slides covering the shapes the importer reads.

    1. Title and bullets (levels 0 and 1), notes.
    2. Title, then a nested group (text boxes at two depths), then a text box after it.
    3. Title and a 3x3 table whose top-right cells are merged.
    4. Blank layout (no title placeholder): one text box; an empty notes page.
    5. Hidden: title and one bullet.
    6. Title, a picture with alt text, and a picture without.
    """
    prs = Presentation()
    prs.core_properties.title = ""

    s1 = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s1.shapes.title.text = "Photosynthèse : les bases"
    body = s1.placeholders[1].text_frame
    body.text = "La lumière est captée"
    deeper = body.add_paragraph()
    deeper.text = "par la chlorophylle"
    deeper.level = 1
    body.add_paragraph().text = "Le CO₂ est fixé"
    s1.notes_slide.notes_text_frame.text = "Dire bonjour.\nPuis expliquer le schéma."

    s2 = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s2.shapes.title.text = "Groups"
    outer = s2.shapes.add_group_shape()
    _text_box(outer.shapes, "outer first")
    inner = outer.shapes.add_group_shape()
    _text_box(inner.shapes, "inner only")
    _text_box(outer.shapes, "outer last")
    _text_box(s2.shapes, "after the group")

    s3 = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s3.shapes.title.text = "Table"
    table = s3.shapes.add_table(3, 3, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate([["Year", "Cases", "Deaths"], ["2020", "10", "1"], ["2021", "", "2"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))

    s4 = prs.slides.add_slide(prs.slide_layouts[BLANK])
    _text_box(s4.shapes, "No title on this slide")
    s4.notes_slide  # noqa: B018 - creates an empty notes page, as PowerPoint does

    s5 = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s5.shapes.title.text = "Backup slide"
    s5.placeholders[1].text_frame.text = "Only for questions"
    _hide(s5)

    s6 = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s6.shapes.title.text = "Pictures"
    first = s6.shapes.add_picture(io.BytesIO(picture_png), Inches(1), Inches(2))
    _set_alt_text(first, "Schéma d'une feuille")
    s6.shapes.add_picture(io.BytesIO(_png_bytes((20, 20, 200))), Inches(5), Inches(2))

    path = tmp_path / "Cours 1 — photosynthèse.pptx"
    prs.save(path)
    return path


def _text_box(shapes: object, text: str) -> None:
    box = shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))  # type: ignore[attr-defined]
    box.text_frame.text = text


@pytest.fixture
def make_deck(tmp_path: Path) -> Callable[..., Path]:
    """Build a deck of ``count`` title-and-bullets slides, ``hidden`` (1-based) ones hidden."""

    def make(
        count: int,
        *,
        hidden: Iterable[int] = (),
        name: str = "deck.pptx",
        title: str = "",
        bullets: int = 4,
    ) -> Path:
        prs = Presentation()
        prs.core_properties.title = title
        hidden_set = set(hidden)
        for number in range(1, count + 1):
            slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
            slide.shapes.title.text = f"Slide {number}: déjà vu"
            frame = slide.placeholders[1].text_frame
            frame.text = f"Point 1 of slide {number}"
            for point in range(2, bullets + 1):
                frame.add_paragraph().text = f"Point {point}: à propos de « ça »"
            for run in frame.paragraphs[0].runs:
                run.font.size = Pt(24)
            if number in hidden_set:
                _hide(slide)
        path = tmp_path / name
        prs.save(path)
        return path

    return make
