"""The start page shown while no course is open: what an author can do first, and their courses.

New course, Open…, the sample course (copied into a folder the author picks, so they can try
every feature on it without touching the shipped one), the recent courses with their titles and
when they were last changed, and the offline guide. Everything is reachable with the keyboard:
Tab moves through the buttons and the list, Enter opens the chosen course.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.model.store import COURSE_FILE

FOLDER_ROLE = Qt.ItemDataRole.UserRole
MAX_WIDTH = 960


@dataclass(frozen=True)
class RecentCourse:
    """A course folder opened before, with what the list shows of it."""

    folder: Path
    title: str
    modified: datetime


def recent_course(folder: Path) -> RecentCourse | None:
    """The title and last change of the course in ``folder``; None if it cannot be read.

    Only ``title`` is read from ``course.json`` (no full model load: the list must show at once
    even for large courses); the date is the file's own modification time.
    """
    path = Path(folder) / COURSE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        modified = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (OSError, ValueError):
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return RecentCourse(Path(folder), str(title or Path(folder).name), modified)


class StartPage(QWidget):
    """What the window shows with no course open.

    Signals:
        new_requested: The author wants a new course.
        open_requested: The author wants to pick a course folder.
        sample_requested: The author wants a copy of the sample course.
        recent_chosen: A recent course was chosen (its folder).
        guide_requested: The author wants the offline guide.
    """

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(Path)
    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_page")
        heading = QLabel(self.tr("Welcome to moocstudio"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(self.tr("Welcome to moocstudio"))
        intro = QLabel(
            self.tr(
                "Assemble an open-licensed course from slides, video and markdown, then export "
                "it for Moodle, Open edX, Canvas or any web server."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.new_button = self._button(self.tr("&New Course…"), self.new_requested)
        self.open_button = self._button(self.tr("&Open Course…"), self.open_requested)
        self.sample_button = self._button(
            self.tr("Open the &Sample Course…"), self.sample_requested
        )
        self.sample_button.setToolTip(
            self.tr("Copies the bilingual sample course into a folder you choose, then opens it.")
        )
        self.guide_button = self._button(self.tr("Read the &Guide"), self.guide_requested)
        self.guide_button.setToolTip(self.tr("The user guide, offline, in your web browser."))
        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button, self.guide_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        recent_label = QLabel(self.tr("&Recent courses"), self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName(self.tr("Recent courses"))
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setSpacing(3)
        self.recent.itemActivated.connect(self._chosen)
        recent_label.setBuddy(self.recent)
        self.no_recent = QLabel(self.tr("Courses you open will be listed here."), self)
        self.no_recent.setEnabled(False)
        recent_column = QVBoxLayout()
        recent_column.addWidget(recent_label)
        recent_column.addWidget(self.recent, 1)
        recent_column.addWidget(self.no_recent)

        columns = QHBoxLayout()
        columns.addLayout(buttons)
        columns.addSpacing(32)
        columns.addLayout(recent_column, 1)
        content = QVBoxLayout()
        content.addWidget(heading)
        content.addWidget(intro)
        content.addSpacing(16)
        content.addLayout(columns, 1)
        # A readable column in the middle of a wide window, not a page stretched edge to edge.
        frame = QWidget(self)
        frame.setLayout(content)
        frame.setMaximumWidth(MAX_WIDTH)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(frame)
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.guide_button)
        self.setTabOrder(self.guide_button, self.recent)

    def _button(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setMinimumWidth(240)
        button.clicked.connect(lambda: signal.emit())
        return button

    def set_recent(self, folders: list[str]) -> None:
        """List the recent course folders (newest first), each with its title and date."""
        self.recent.clear()
        locale = QLocale()
        for course in filter(None, (recent_course(Path(folder)) for folder in folders)):
            day = course.modified.date()
            when = locale.toString(
                QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
            )
            # The date before the folder: a long path is what gets cut off, not the date.
            text = self.tr("%1\nchanged %2 · %3")
            item = QListWidgetItem(
                text.replace("%1", course.title)
                .replace("%2", when)
                .replace("%3", str(course.folder))
            )
            item.setData(FOLDER_ROLE, str(course.folder))
            item.setToolTip(str(course.folder))
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        if has_recent:
            self.recent.setCurrentRow(0)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(item.data(FOLDER_ROLE)))
