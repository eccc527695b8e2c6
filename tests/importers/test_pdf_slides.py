"""PDF slides: real PDFs written here (no LibreOffice needed) and, when it is installed, PDFs
that LibreOffice exports from python-pptx decks, with their real outline and text."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from moocstudio.errors import ImportFailed
from moocstudio.importers.pdf_slides import import_pdf_slides
from moocstudio.model import Slide, SlideDeck
from moocstudio.model.store import asset_path
from tests.slide_samples import (
    FRENCH_DECK,
    Bookmark,
    PdfPage,
    SlideSpec,
    encrypted_pdf,
    libreoffice_convert,
    powerpoint_deck,
    write_pdf,
)

WIDE = {"width": 960.0, "height": 540.0}


def media_files(folder: Path) -> list[Path]:
    media = folder / "media"
    return sorted(media.iterdir()) if media.is_dir() else []


def picture(folder: Path, slide: Slide) -> Image.Image:
    return Image.open(asset_path(folder, slide.image)).convert("RGB")


@pytest.fixture
def lecture(tmp_path: Path) -> Path:
    """Three pages as Beamer makes them: a big title wrapping over two lines, bullets that
    wrap, a footer page number; an outline with a section and a frame entry."""
    pages = [
        PdfPage([("Introduction à la", 30), ("photosynthèse", 30), ("Cours 1", 18)], **WIDE),
        PdfPage(
            [
                ("La lumière", 30),
                ("• Elle est captée par", 18),
                ("la chlorophylle", 18),
                ("• Le CO2 est fixé", 18),
                ("2 / 3", 9),
            ],
            **WIDE,
        ),
        PdfPage([("Questions ?", 30), ("Merci", 18), ("3", 9)], **WIDE),
    ]
    outline = [
        Bookmark("Partie 1", 1, [Bookmark("Comment la lumière entre", 1, named=True)]),
        Bookmark("Fin", 2),
    ]
    return write_pdf(tmp_path / "Cours 1 — énergie.pdf", pages, outline=outline)


def test_one_slide_per_page_with_titles_text_and_pictures(lecture: Path, tmp_path: Path) -> None:
    course = tmp_path / "course"
    result = import_pdf_slides(course, lecture)
    deck = result.item
    assert result.warnings == []
    assert deck.rendered_with == "pdf"
    assert [s.number for s in deck.slides] == [1, 2, 3]
    # Page 1: no outline entry, so its first line, continued in the same (title) size.
    assert deck.slides[0].title == "Introduction à la photosynthèse"
    assert deck.slides[0].body == ["Cours 1"]
    # Page 2: the deepest outline entry (reached through a named destination, as LaTeX does);
    # wrapped bullets are whole again and the footer's page number is gone.
    assert deck.slides[1].title == "Comment la lumière entre"
    assert deck.slides[1].body == [
        "La lumière",
        "Elle est captée par la chlorophylle",
        "Le CO2 est fixé",
    ]
    assert deck.slides[2].title == "Fin"
    assert deck.slides[2].body == ["Questions ?", "Merci"]
    assert deck.title == "Introduction à la photosynthèse"
    assert deck.slides[1].image_alt.startswith("Comment la lumière entre. La lumière. Elle est")
    assert all(s.notes == "" and not s.hidden and s.pictures == [] for s in deck.slides)


def test_pages_are_drawn_1280_wide_and_the_source_is_kept_as_it_is(
    lecture: Path, tmp_path: Path
) -> None:
    course = tmp_path / "course"
    deck = import_pdf_slides(course, lecture).item
    for slide in deck.slides:
        assert slide.image is not None and slide.image.original_name.endswith(".png")
        image = picture(course, slide)
        assert image.size == (1280, 720)
        # Text was drawn: the page is not blank.
        assert image.getextrema() != ((255, 255), (255, 255), (255, 255))
    assert asset_path(course, deck.source).read_bytes() == lecture.read_bytes()
    assert deck.source.original_name == lecture.name


def test_annotations_are_neither_drawn_nor_read(tmp_path: Path) -> None:
    page = PdfPage([("Plain page", 24)], red_annotation="Remember to say hello", **WIDE)
    source = write_pdf(tmp_path / "annotated.pdf", [page])
    course = tmp_path / "course"
    slide = import_pdf_slides(course, source).item.slides[0]
    # The annotation is a red square over the whole page: a viewer shows it...
    with pdfium.PdfDocument(source) as pdf:
        shown = pdf[0].render(scale=1, draw_annots=True).to_pil().convert("RGB")
    assert _red_share(shown) > 0.9
    # ...the slide does not, nor does its note become text.
    assert _red_share(picture(course, slide)) == 0
    assert slide.title == "Plain page" and slide.body == [] and slide.notes == ""


def _red_share(image: Image.Image) -> float:
    colours = image.getcolors(maxcolors=1 << 24) or []
    red = sum(count for count, (r, g, b) in colours if r > 200 and g < 60 and b < 60)
    return red / (image.width * image.height)


def test_rotated_and_portrait_pages_keep_their_shape_at_1280_wide(tmp_path: Path) -> None:
    pages = [PdfPage([("Landscape", 24)], **WIDE), PdfPage([("Turned", 24)], rotate=90, **WIDE)]
    course = tmp_path / "course"
    deck = import_pdf_slides(course, write_pdf(tmp_path / "mixed.pdf", pages)).item
    assert picture(course, deck.slides[0]).size == (1280, 720)
    assert picture(course, deck.slides[1]).size == (1280, 2276)
    assert deck.slides[1].title == "Turned"


def test_a_page_without_text_has_no_title_and_a_numbered_alt(tmp_path: Path) -> None:
    source = write_pdf(tmp_path / "scan.pdf", [PdfPage(), PdfPage([("Words", 20)])])
    deck = import_pdf_slides(tmp_path / "course", source).item
    assert deck.slides[0].title == "" and deck.slides[0].body == []
    assert deck.slides[0].image_alt == "Slide 1"
    assert deck.title == "Scan"  # no metadata title, no first title: the file's name


def test_without_text_extraction_only_the_outline_gives_titles(
    lecture: Path, tmp_path: Path
) -> None:
    deck = import_pdf_slides(tmp_path / "course", lecture, extract_text=False).item
    assert [s.title for s in deck.slides] == ["", "Comment la lumière entre", "Fin"]
    assert all(s.body == [] for s in deck.slides)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ("Énergie et climat", "Énergie et climat"),
        ("Microsoft PowerPoint - cours1.pptx", "Le titre de la page"),
        ("cours1.tex", "Le titre de la page"),
        ("", "Le titre de la page"),
    ],
)
def test_deck_title_from_the_metadata_unless_an_exporter_made_it_up(
    tmp_path: Path, metadata: str, expected: str
) -> None:
    source = write_pdf(tmp_path / "t.pdf", [PdfPage([("Le titre de la page", 24)])], title=metadata)
    assert import_pdf_slides(tmp_path / "course", source).item.title == expected
    assert import_pdf_slides(tmp_path / "c2", source, title="Donné").item.title == "Donné"


def test_imports_running_on_two_threads_at_once_both_succeed(lecture: Path, tmp_path: Path) -> None:
    # PDFium is not thread-safe; the app imports files side by side.
    results: dict[int, SlideDeck] = {}

    def run(n: int) -> None:
        results[n] = import_pdf_slides(tmp_path / f"course{n}", lecture).item

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    titles = {n: [s.title for s in deck.slides] for n, deck in results.items()}
    assert len(titles) == 3 and len({tuple(t) for t in titles.values()}) == 1


# --- Files that are not readable PDF slides -------------------------------------------------


def _damaged(path: Path, whole: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return path


def _no_pages(path: Path, whole: Path) -> Path:
    return write_pdf(path, [])


def _cut(path: Path, whole: Path) -> Path:
    path.write_bytes(whole.read_bytes()[:200])
    return path


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("locked.pdf", lambda p, w: encrypted_pdf(w, p), "is protected by a password"),
        ("damaged.pdf", _damaged, "is damaged or incomplete"),
        ("cut.pdf", _cut, "is damaged or incomplete"),
        ("empty-deck.pdf", _no_pages, "has no pages"),
    ],
)
def test_unreadable_pdfs_fail_with_one_plain_line_and_leave_no_media(
    tmp_path: Path, lecture: Path, name: str, make: Callable[[Path, Path], Path], expected: str
) -> None:
    path = make(tmp_path / name, lecture)
    course = tmp_path / "course"
    with pytest.raises(ImportFailed) as caught:
        import_pdf_slides(course, path)
    assert caught.value.path == path
    assert expected in caught.value.problem
    assert "\n" not in caught.value.user_message
    assert media_files(course) == []


def test_a_missing_pdf_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="does not exist"):
        import_pdf_slides(tmp_path / "course", tmp_path / "gone.pdf")


# --- PDFs exported by LibreOffice ---------------------------------------------------------


@pytest.mark.needs_soffice
def test_a_deck_exported_to_pdf_by_libreoffice_keeps_titles_and_text(tmp_path: Path) -> None:
    pdf = libreoffice_convert(powerpoint_deck(tmp_path / "cours.pptx"), "pdf", tmp_path / "pdf")
    deck = import_pdf_slides(tmp_path / "course", pdf).item
    assert [s.title for s in deck.slides] == [spec.title for spec in FRENCH_DECK]
    assert deck.slides[0].body == list(FRENCH_DECK[0].bullets)
    assert deck.slides[1].body == list(FRENCH_DECK[1].bullets)


@pytest.mark.needs_soffice
def test_libreoffice_slide_names_in_the_outline_do_not_become_titles(tmp_path: Path) -> None:
    # LibreOffice bookmarks a .pptx made by python-pptx with generic names ("Slide 1"...).
    specs = [SlideSpec(f"Chapitre {n} : la suite", ("Un point",)) for n in range(1, 4)]
    source = powerpoint_deck(tmp_path / "suite.pptx", specs)
    pdf = libreoffice_convert(source, "pdf", tmp_path / "pdf")
    deck = import_pdf_slides(tmp_path / "course", pdf).item
    assert [s.title for s in deck.slides] == [spec.title for spec in specs]


@pytest.mark.needs_soffice
def test_a_pdf_libreoffice_protected_with_a_password_is_refused(tmp_path: Path) -> None:
    options = (
        'pdf:impress_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    pdf = libreoffice_convert(powerpoint_deck(tmp_path / "cours.pptx"), options, tmp_path / "pdf")
    with pytest.raises(ImportFailed, match="protected by a password"):
        import_pdf_slides(tmp_path / "course", pdf)
