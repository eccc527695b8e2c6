"""`moocstudio add` with every slide format teachers hold, and every way such a file is bad.

Driven as a user would, through the real command in a child process (see test_cli.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from moocstudio.importers.libreoffice import find_soffice
from moocstudio.model.store import load_course
from tests.slide_samples import (
    FRENCH_DECK,
    ODT,
    PdfPage,
    encrypted_pdf,
    libreoffice_convert,
    locked_deck,
    odf_zip,
    powerpoint_deck,
    retyped_deck,
    write_pdf,
)
from tests.test_cli import run_cli

TITLES = [spec.title for spec in FRENCH_DECK]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "Cours"
    assert run_cli("new", folder, "--title", "Énergie", "--language", "fr").returncode == 0
    return folder


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return powerpoint_deck(tmp_path / "cours.pptx")


def slide_titles(course: Path) -> list[list[str]]:
    return [
        [slide.title for slide in item.slides]  # type: ignore[union-attr]
        for item in load_course(course).all_items()
    ]


def test_shows_templates_macro_decks_and_pdf_slides_are_added(
    course: Path, deck: Path, tmp_path: Path
) -> None:
    show = retyped_deck(deck, tmp_path / "cours.ppsx")
    template = retyped_deck(deck, tmp_path / "modèle.potx")
    macros = retyped_deck(deck, tmp_path / "macros.pptm")
    pages = [PdfPage([(title, 28), ("Texte", 18)]) for title in TITLES]
    pdf = write_pdf(tmp_path / "export.bin", pages)  # misnamed: the content decides
    result = run_cli("add", course, show, template, macros, pdf)
    assert result.returncode == 0, result.stderr
    assert slide_titles(course) == [TITLES] * 4
    assert result.stdout.count("Added slides “Photosynthèse” (3 slides)") == 4
    assert "macros.pptm: its macros were left out" in result.stderr
    items = load_course(course).all_items()
    assert [item.rendered_with for item in items][-1] == "pdf"  # type: ignore[union-attr]
    assert items[2].source.original_name == "macros.pptx"


@pytest.mark.needs_soffice
@pytest.mark.skipif(find_soffice() is None, reason="needs LibreOffice (soffice) for .odp files")
def test_an_impress_presentation_is_added(course: Path, deck: Path, tmp_path: Path) -> None:
    odp = libreoffice_convert(deck, "odp", tmp_path)
    result = run_cli("add", course, odp)
    assert result.returncode == 0, result.stderr
    assert slide_titles(course) == [TITLES]
    [item] = load_course(course).all_items()
    assert item.source.original_name == "cours.odp"
    assert item.rendered_with == "libreoffice"  # type: ignore[union-attr]


def _empty(path: Path, deck: Path) -> Path:
    path.write_bytes(b"")
    return path


def _damaged_pdf(path: Path, deck: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return path


def _locked_pdf(path: Path, deck: Path) -> Path:
    return encrypted_pdf(write_pdf(path.with_suffix(".plain"), [PdfPage([("A", 20)])]), path)


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("locked.pdf", _locked_pdf, "is protected by a password"),
        ("locked.pptx", lambda p, d: locked_deck(d, p), "password-protected"),
        ("vide.odp", _empty, "is empty (0 bytes)"),
        ("damaged.pdf", _damaged_pdf, "is damaged or incomplete"),
        (
            "texte.odp",
            lambda p, d: odf_zip(p, ODT),
            "is an OpenDocument text document (.odt), not a presentation",
        ),
        ("blank.pdf", lambda p, d: write_pdf(p, []), "has no pages"),
        ("tools.ppam", lambda p, d: retyped_deck(d, p), "add-in"),
    ],
)
def test_each_bad_slide_file_is_one_line_exit_2_and_nothing_added(
    course: Path,
    deck: Path,
    tmp_path: Path,
    name: str,
    make: Callable[[Path, Path], Path],
    expected: str,
) -> None:
    bad = make(tmp_path / name, deck)
    before = (course / "course.json").read_bytes()
    result = run_cli("add", course, bad)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"moocstudio: error: {bad}: ")
    assert expected in line
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert (course / "course.json").read_bytes() == before
    assert list((course / "media").iterdir()) == []


def test_an_odp_without_libreoffice_says_to_install_it(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odp = odf_zip(tmp_path / "cours.odp")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # the child runs this Python by its full path
    result = run_cli("add", course, odp)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "LibreOffice is not installed: install LibreOffice (Debian/Ubuntu:" in line
    assert load_course(course).all_items() == []
