"""The start page: what a window with no course offers, the recent courses, the sample course."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from moocstudio.app.jobs import WAVEFORM_KIND
from moocstudio.app.start_page import recent_course
from moocstudio.app.window import RECENT_KEY, MainWindow
from moocstudio.model import Course
from moocstudio.model.store import create_course
from tests.waiting import EVENT_TIMEOUT_MS

SAMPLE_TIMEOUT_MS = 180_000  # LibreOffice draws the sample's slides: seconds, more under load


def closable(window: MainWindow) -> None:
    if window.document is not None:
        window.document.undo_stack.setClean()


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window, before_close_func=closable)
    window.show()
    qtbot.waitExposed(window)
    return window


def _course(folder: Path, title: str, days_ago: int) -> Path:
    create_course(folder, Course(title=title, language="fr"))
    when = time.time() - days_ago * 86_400
    os.utime(folder / "course.json", (when, when))
    return folder


def test_a_window_without_a_course_opens_on_the_start_page(qtbot: QtBot) -> None:
    QSettings().setValue(RECENT_KEY, [])
    window = _window(qtbot)
    page = window.start_page
    assert window.editors.currentWidget() is page
    assert page.no_recent.isVisible() and not page.recent.isVisible()
    # Keyboard only: Tab goes through the four buttons in reading order.
    assert _tab_stops(page.new_button, 4) == [
        page.new_button,
        page.open_button,
        page.sample_button,
        page.guide_button,
    ]


def _tab_stops(first: QWidget, count: int) -> list[QWidget]:
    """``count`` widgets Tab reaches from ``first``, in Qt's focus chain."""
    stops, widget = [first], first
    while len(stops) < count:
        widget = widget.nextInFocusChain()
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tabbable and widget.isVisibleTo(first.window()) and widget.isEnabled():
            stops.append(widget)
    return stops


def test_recent_courses_show_title_and_date_and_open_with_enter(
    qtbot: QtBot, tmp_path: Path
) -> None:
    older = _course(tmp_path / "a", "Écologie urbaine", days_ago=30)
    newer = _course(tmp_path / "b", "Statistique pour tous", days_ago=1)
    gone = tmp_path / "deleted"
    QSettings().setValue(RECENT_KEY, [str(newer), str(gone), str(older)])
    window = _window(qtbot)
    listed = window.start_page.recent
    texts = [listed.item(row).text() for row in range(listed.count())]
    assert len(texts) == 2  # the deleted course is left out
    for text, folder, title in zip(texts, (newer, older), ("Statistique", "Écologie"), strict=True):
        modified = recent_course(folder)
        assert modified is not None
        date = QLocale().toString(modified.modified.date(), QLocale.FormatType.LongFormat)
        assert text.startswith(title) and str(folder) in text and date in text
    listed.setFocus()
    listed.setCurrentRow(1)
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert window.document is not None
    assert window.document.folder == older
    assert window.editors.currentWidget() is not window.start_page


def test_the_sample_course_is_copied_into_a_new_folder_and_opened(
    qtbot: QtBot, tmp_path: Path
) -> None:
    QSettings().setValue(RECENT_KEY, [])
    window = _window(qtbot)
    (tmp_path / "moocstudio-sample").mkdir()  # taken already: the copy goes beside it
    window.open_sample(tmp_path)
    qtbot.waitUntil(lambda: window.document is not None, timeout=SAMPLE_TIMEOUT_MS)
    assert window.document is not None
    assert window.document.folder == tmp_path / "moocstudio-sample 2"
    assert window.document.course.title == "Introduction à l'accès ouvert"
    kinds = [item.kind for item in window.document.course.all_items()]
    assert kinds == ["slides", "video", "page", "page", "quiz"]
    assert list((tmp_path / "moocstudio-sample").iterdir()) == []


def test_the_jobs_dock_opens_for_the_authors_jobs_not_for_the_apps_own(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert not window.jobs_dock.isVisible()  # the start page gets the room
    waveform = window.jobs.submit("Waveform of a.mp4", lambda _context: "peaks", kind=WAVEFORM_KIND)
    qtbot.waitUntil(lambda: waveform.state == "done", timeout=EVENT_TIMEOUT_MS)
    assert not window.jobs_dock.isVisible()
    export = window.jobs.submit("Export a course", lambda _context: "made", kind="export")
    assert window.jobs_dock.isVisible()
    assert window.jobs_dock.list.topLevelItemCount() == 2  # both listed, wherever they came from
    qtbot.waitUntil(lambda: export.state == "done", timeout=EVENT_TIMEOUT_MS)
