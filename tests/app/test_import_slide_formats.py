"""The app imports every slide format, from its Import dialog and from files dropped on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from moocstudio.app import window as window_module
from moocstudio.app.document import CourseDocument
from moocstudio.app.window import MainWindow
from moocstudio.importers.libreoffice import find_soffice
from moocstudio.model import Course, LicenceId
from tests.slide_samples import (
    FRENCH_DECK,
    PdfPage,
    encrypted_pdf,
    libreoffice_convert,
    powerpoint_deck,
    retyped_deck,
    write_pdf,
)
from tests.waiting import EVENT_TIMEOUT_MS

TITLES = [spec.title for spec in FRENCH_DECK]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    course = Course(title="Énergie", language="fr", licence=LicenceId.CC_BY_SA_4_0)
    main = MainWindow()

    def closable(window: MainWindow) -> None:
        if window.document is not None:
            window.document.undo_stack.setClean()

    qtbot.addWidget(main, before_close_func=closable)
    main.set_document(CourseDocument.create(tmp_path / "course", course, main))
    yield main


def _slide_titles(window: MainWindow) -> list[list[str]]:
    assert window.document is not None
    return [
        [slide.title for slide in item.slides]  # type: ignore[union-attr]
        for item in window.document.course.all_items()
    ]


def _drop(window: MainWindow, paths: list[Path]) -> None:
    model = window.outline.model()  # type: ignore[union-attr]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    assert model.canDropMimeData(data, model.supportedDropActions(), -1, 0, model.index(0, 0))
    model.dropMimeData(data, model.supportedDropActions(), -1, 0, model.index(0, 0))


def test_pdf_slides_and_a_slide_show_dropped_on_the_outline_are_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.add_module()
    show = retyped_deck(powerpoint_deck(tmp_path / "cours.pptx"), tmp_path / "cours.ppsx")
    pdf = write_pdf(tmp_path / "export.pdf", [PdfPage([(t, 28)]) for t in TITLES])
    paths = [show, pdf]
    if find_soffice() is not None:
        paths.append(libreoffice_convert(tmp_path / "cours.pptx", "odp", tmp_path / "odp"))
    _drop(window, paths)
    qtbot.waitUntil(lambda: len(_slide_titles(window)) == len(paths), timeout=EVENT_TIMEOUT_MS)
    assert _slide_titles(window) == [TITLES] * len(paths)


def test_a_protected_pdf_dropped_shows_one_plain_error_and_adds_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append(message))
    window.add_module()
    locked = encrypted_pdf(
        write_pdf(tmp_path / "a.pdf", [PdfPage([("A", 20)])]), tmp_path / "b.pdf"
    )
    _drop(window, [locked])
    qtbot.waitUntil(lambda: errors != [], timeout=EVENT_TIMEOUT_MS)
    [message] = errors
    assert "b.pdf: is protected by a password" in message and "\n" not in message
    assert _slide_titles(window) == []


def test_the_import_dialog_offers_every_slide_format(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = write_pdf(tmp_path / "export.pdf", [PdfPage([("Diapositive", 28)])])
    offered: list[str] = []

    def pick(parent: object, caption: str, folder: str, filters: str) -> tuple[list[str], str]:
        offered.append(filters)  # the platform's dialog cannot be driven offscreen
        return [str(pdf)], filters.split(";;")[0]

    monkeypatch.setattr(window_module.QFileDialog, "getOpenFileNames", pick)
    assert window_module.QFileDialog is QFileDialog
    window.import_dialog()
    qtbot.waitUntil(lambda: _slide_titles(window) == [["Diapositive"]], timeout=EVENT_TIMEOUT_MS)
    course_material, slides, *_others = offered[0].split(";;")
    assert slides.startswith("Slides (")
    for pattern in ("*.pptx", "*.ppsx", "*.potx", "*.pptm", "*.odp", "*.otp", "*.fodp", "*.pdf"):
        assert pattern in course_material and pattern in slides
    tip = window.import_action.statusTip()  # shown in the status bar over the menu entry
    assert ".pptx, .odp, PDF" in tip
