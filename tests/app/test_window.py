"""The main window with real widgets: create a course, import, reorder, undo, autosave."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtCore import QMimeData, QModelIndex, QUrl
from pytestqt.qtbot import QtBot

from moocstudio.app.autosave import Autosaver, autosave_file
from moocstudio.app.document import CourseDocument
from moocstudio.app.window import MainWindow
from moocstudio.model import Course, LicenceId
from moocstudio.model.store import load_course
from tests.conftest import MakeClip
from tests.waiting import EVENT_TIMEOUT_MS


def closable(window: MainWindow) -> None:
    """Mark the edits as kept, so closing at teardown does not stop on "Save changes?"."""
    if window.document is not None:
        window.document.undo_stack.setClean()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    course = Course(title="Science ouverte", language="fr", licence=LicenceId.CC_BY_SA_4_0)
    main = MainWindow()
    qtbot.addWidget(main, before_close_func=closable)
    main.set_document(CourseDocument.create(tmp_path / "course", course, main))
    yield main


def _files(tmp_path: Path, make_clip: MakeClip) -> list[Path]:
    page = tmp_path / "lire.md"
    page.write_text("# Lire\n\nUn texte à lire.\n", encoding="utf-8")
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "Pourquoi l'accès ouvert ?"
    slide.notes_slide.notes_text_frame.text = "Dire bonjour."
    deck = tmp_path / "deck.pptx"
    presentation.save(deck)
    return [deck, page, make_clip("clip.mp4", seconds=1.0)]


def _titles(window: MainWindow) -> list[list[str]]:
    assert window.document is not None
    return [[item.title for item in m.items] for m in window.document.course.modules]


def _import_all(qtbot: QtBot, window: MainWindow, files: list[Path]) -> None:
    window.import_files(files, "")
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=EVENT_TIMEOUT_MS)
    failures = [r.error for r in window.jobs.records if r.state != "done"]
    assert failures == []


def test_import_one_file_of_each_kind_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, make_clip: MakeClip
) -> None:
    _import_all(qtbot, window, _files(tmp_path, make_clip))
    assert window.document is not None
    kinds = sorted(item.kind for item in window.document.course.all_items())
    assert kinds == ["page", "slides", "video"]
    assert window.isWindowModified()
    model = window.outline.model()  # type: ignore[union-attr]
    assert model.rowCount() == 1 and model.rowCount(model.index(0, 0)) == 3
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert window.document.course.modules == [] and not window.isWindowModified()
    while stack.canRedo():
        stack.redo()
    assert sorted(i.kind for i in window.document.course.all_items()) == kinds


def test_titles_keep_the_outline_width_after_the_outline_is_rebuilt(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, make_clip: MakeClip
) -> None:
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    _import_all(qtbot, window, _files(tmp_path, make_clip))  # each import rebuilds the outline
    outline = window.outline
    assert outline is not None
    header = outline.header()

    def titles_fill_the_rest() -> bool:
        room = outline.viewport().width() - header.sectionSize(1)
        return header.sectionSize(1) > 0 and header.sectionSize(0) >= room - 1

    # The title column takes what the details leave, as before any rebuild (not 100 px each).
    qtbot.waitUntil(titles_fill_the_rest, timeout=EVENT_TIMEOUT_MS)


def test_drag_and_drop_moves_items_and_modules_undoably(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, make_clip: MakeClip
) -> None:
    _import_all(qtbot, window, _files(tmp_path, make_clip))
    window.add_module()
    before = _titles(window)
    model = window.outline.model()  # type: ignore[union-attr]
    first_module = model.index(0, 0)
    second_module = model.index(1, 0)
    last_item = model.index(2, 0, first_module)
    # What the view does on a drop: ask the model for the dragged rows' data, then drop it.
    data = model.mimeData([last_item])
    model.dropMimeData(data, model.supportedDropActions(), 0, 0, second_module)
    after = _titles(window)
    assert after == [before[0][:2], [before[0][2]]]
    data = model.mimeData([model.index(0, 0, model.index(0, 0))])
    model.dropMimeData(data, model.supportedDropActions(), 2, 0, model.index(0, 0))
    assert _titles(window) == [[before[0][1], before[0][0]], [before[0][2]]]
    # A module dropped before the first one.
    module_data = model.mimeData([model.index(1, 0)])
    model.dropMimeData(module_data, model.supportedDropActions(), 0, 0, QModelIndex())
    assert _titles(window) == [[before[0][2]], [before[0][1], before[0][0]]]
    assert window.document is not None
    for _ in range(3):
        window.document.undo_stack.undo()
    assert _titles(window) == before


def test_files_dropped_on_the_outline_are_imported_into_that_module(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.add_module()
    page = tmp_path / "note.md"
    page.write_text("# Note\n", encoding="utf-8")
    model = window.outline.model()  # type: ignore[union-attr]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(page))])
    assert model.canDropMimeData(data, model.supportedDropActions(), -1, 0, model.index(0, 0))
    model.dropMimeData(data, model.supportedDropActions(), -1, 0, model.index(0, 0))
    qtbot.waitUntil(lambda: _titles(window) == [["Note"]], timeout=EVENT_TIMEOUT_MS)


def test_rename_in_place_goes_through_the_undo_stack(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, make_clip: MakeClip
) -> None:
    _import_all(qtbot, window, _files(tmp_path, make_clip)[1:2])
    model = window.outline.model()  # type: ignore[union-attr]
    index = model.index(0, 0, model.index(0, 0))
    assert model.setData(index, "Lire lentement")
    assert _titles(window) == [["Lire lentement"]]
    window.document.undo_stack.undo()  # type: ignore[union-attr]
    assert _titles(window) == [["Lire"]]


def test_save_writes_the_course_and_a_failed_save_keeps_the_previous_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.add_module()
    assert window.save() and not window.isWindowModified()
    document = window.document
    assert document is not None
    assert [m.title for m in load_course(document.folder).modules] == ["Module 1"]
    window.add_module()
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append(message))
    # A real failure, even for root: the backup cannot replace a folder that holds a file.
    blocker = document.folder / "course.json.bak"
    blocker.unlink()
    blocker.mkdir()
    (blocker / "keep").write_text("x", encoding="utf-8")
    assert not window.save()
    assert len(errors) == 1 and "course.json" in errors[0] and "unchanged" in errors[0]
    assert window.isWindowModified()
    assert [m.title for m in load_course(document.folder).modules] == ["Module 1"]


def test_autosave_after_a_crash_is_offered_and_restored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    document = window.document
    assert document is not None
    window.add_module()
    autosaver = Autosaver(document, interval_ms=50)
    qtbot.waitUntil(lambda: autosave_file(document.folder).is_file(), timeout=EVENT_TIMEOUT_MS)
    assert autosaver.last_error == ""
    # The "crash": the window goes away without saving or closing normally.
    folder = document.folder
    copy = tmp_path / "after-crash"
    shutil.copytree(folder, copy)
    reopened = MainWindow()
    qtbot.addWidget(reopened, before_close_func=closable)
    asked: list[str] = []
    reopened.ask_restore = lambda title: asked.append(title) or True  # type: ignore[method-assign]
    assert reopened.open_course(copy)
    assert asked == ["Science ouverte"]
    assert reopened.document is not None
    assert [m.title for m in reopened.document.course.modules] == ["Module 1"]
    assert reopened.isWindowModified()  # restored changes stay unsaved until File > Save
    assert reopened.save()
    assert not autosave_file(copy).exists()
