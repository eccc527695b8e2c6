"""The cues of one subtitle track as an editable table: start, end, text, checked as typed.

Times are read and written as ``mm:ss.mmm`` (``hh:mm:ss.mmm`` past an hour), in whole
milliseconds like the files. A value that would make a cue impossible (ending before it starts,
negative, past the end of the video) is refused and ``rejected`` says why in plain words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from moocstudio.app.i18n import translate
from moocstudio.media.cues import Cue, to_ms

START, END, TEXT = range(3)
NEW_CUE_SECONDS = 2.0  # a new cue's length when there is room for it
LINE_BREAK_SHOWN = " / "  # how a cue's line break reads in its one-line table row
EDITOR_LINES = 3  # the text editor opens taller than its row: cues have up to two lines
_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")

AnyIndex = QModelIndex | QPersistentModelIndex


class CueTimeError(ValueError):
    """A time the author typed that cannot be used; ``str()`` is the sentence to show."""


def format_time(seconds: float) -> str:
    """``mm:ss.mmm``, or ``hh:mm:ss.mmm`` from one hour on."""
    hours, rest = divmod(to_ms(seconds), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    clock = f"{minutes:02d}:{secs:02d}.{millis:03d}"
    return f"{hours:02d}:{clock}" if hours else clock


def parse_time(text: str) -> float:
    """Seconds from ``mm:ss.mmm`` or ``hh:mm:ss.mmm`` (a comma works too, as in SRT).

    Raises:
        CueTimeError: The text is not such a time, or is negative.
    """
    text = text.strip()
    if text.startswith("-"):
        raise CueTimeError(translate("cues", "A time cannot be negative."))
    match = _TIME.match(text)
    if match is None or int(match[3]) >= 60 or (match[1] is not None and int(match[2]) >= 60):
        raise CueTimeError(
            translate(
                "cues", "“%1” is not a time. Write minutes:seconds.milliseconds, like 01:02.500."
            ).replace("%1", text)
        )
    hours, minutes, secs = int(match[1] or 0), int(match[2]), int(match[3])
    millis = int((match[4] or "0").ljust(3, "0"))
    return (hours * 3600 + minutes * 60 + secs) + millis / 1000


def check_cue(cue: Cue, duration: float) -> None:
    """Refuse a cue that cannot be shown: it must start before it ends, within the video.

    Raises:
        CueTimeError: The cue's times are impossible (the message says which rule).
    """
    if to_ms(cue.start) < 0 or to_ms(cue.end) < 0:
        raise CueTimeError(translate("cues", "A time cannot be negative."))
    if to_ms(cue.end) <= to_ms(cue.start):
        raise CueTimeError(translate("cues", "A cue must end after it starts."))
    if duration > 0 and to_ms(cue.end) > to_ms(duration):
        raise CueTimeError(
            translate("cues", "The video lasts %1; a cue cannot end after that.").replace(
                "%1", format_time(duration)
            )
        )


class CueTableModel(QAbstractTableModel):
    """Editable cues of one track.

    Signals:
        rejected: An edit was refused; the argument is the reason in plain words.
        edited: The cues differ from what was loaded (or saved) last.
    """

    rejected = Signal(str)
    edited = Signal()

    def __init__(self, duration: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration = duration
        self.cues: list[Cue] = []
        self.modified = False

    def set_cues(self, cues: list[Cue]) -> None:
        """Show ``cues`` as the unmodified state (a track just loaded or saved)."""
        self.beginResetModel()
        self.cues = list(cues)
        self.modified = False
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's)
        """One row per cue."""
        return 0 if parent.isValid() else len(self.cues)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Start, end, text."""
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; rows are numbered from 1 as in the files."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return [self.tr("Start"), self.tr("End"), self.tr("Text")][section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Times as ``mm:ss.mmm``; the text as written (line breaks kept)."""
        if not index.isValid():
            return None
        cue = self.cues[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == START:
                return format_time(cue.start)
            if index.column() == END:
                return format_time(cue.end)
            if role == Qt.ItemDataRole.DisplayRole:
                return LINE_BREAK_SHOWN.join(cue.text.splitlines())  # rows stay one line high
            return cue.text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TEXT:
            return cue.text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Every cell is editable."""
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(  # noqa: N802 (Qt's name)
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Apply an edit if it leaves a possible cue; otherwise emit ``rejected`` and keep it."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        cue = self.cues[index.row()]
        try:
            if index.column() == TEXT:
                new = replace(cue, text=str(value).strip())
            else:
                seconds = parse_time(str(value))
                if index.column() == START:
                    new = replace(cue, start=seconds)
                else:
                    new = replace(cue, end=seconds)
                check_cue(new, self.duration)
        except CueTimeError as exc:
            self.rejected.emit(str(exc))
            return False
        if new != cue:
            self.cues[index.row()] = new
            self._changed(self.index(index.row(), START), self.index(index.row(), TEXT))
        return True

    def insert_after(self, row: int) -> int | None:
        """Add an empty cue after ``row`` (-1: at the start), in the gap that follows.

        Returns:
            The new cue's row, or None when there is no room (``rejected`` says so).
        """
        start = self.cues[row].end if 0 <= row < len(self.cues) else 0.0
        following = self.cues[row + 1].start if row + 1 < len(self.cues) else self.duration
        end = min(start + NEW_CUE_SECONDS, following if following > start else self.duration)
        if self.duration > 0:
            end = min(end, self.duration)
        try:
            check_cue(Cue(start, end, ""), self.duration)
        except CueTimeError:
            self.rejected.emit(self.tr("There is no time left after this cue for a new one."))
            return None
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        self.cues.insert(row + 1, Cue(start, end, ""))
        self.endInsertRows()
        self._changed()
        return row + 1

    def remove(self, row: int) -> None:
        """Delete the cue at ``row``."""
        if 0 <= row < len(self.cues):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.cues[row]
            self.endRemoveRows()
            self._changed()

    def problems(self) -> list[str]:
        """Why the cues cannot be saved yet (empty cues: both formats drop them silently)."""
        empty = [str(row + 1) for row, cue in enumerate(self.cues) if not cue.text.strip()]
        if not empty:
            return []
        return [self.tr("Cue %1 has no text; write it or remove the cue.").replace("%1", empty[0])]

    def _changed(self, first: QModelIndex | None = None, last: QModelIndex | None = None) -> None:
        if first is not None and last is not None:
            self.dataChanged.emit(first, last)
        self.modified = True
        self.edited.emit()


class CueTextDelegate(QStyledItemDelegate):
    """Edits cue text in a multi-line box (Enter breaks the line; Tab or leaving commits)."""

    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        """A plain-text box for the text column, the usual line edit for times."""
        if index.column() != TEXT:
            return super().createEditor(parent, option, index)
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setAccessibleName(translate("cues", "Cue text"))
        return editor

    def updateEditorGeometry(  # noqa: N802 (Qt's name)
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """Open the text box over its row, tall enough for a two-line cue."""
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QPlainTextEdit):
            lines = editor.fontMetrics().lineSpacing() * EDITOR_LINES + 2 * editor.frameWidth()
            editor.resize(editor.width(), max(editor.height(), lines + 8))

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        """Fill the box with the cue's text."""
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        """Hand the edited text to the model (which checks it)."""
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class CueTableView(QTableView):
    """The cue table: the Delete key removes the selected cue.

    The window's Edit ▸ Delete shares that key and deletes the outline's selected item; the
    table claims the key first (a shortcut override), so Delete here never removes the video.

    Signals:
        delete_pressed: Delete or Backspace was pressed on the table (not while editing a cell).
    """

    delete_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        """Claim Delete and Backspace before window shortcuts see them."""
        if event.type() == QEvent.Type.ShortcutOverride and self._is_delete(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Delete removes the selected cue; other keys move and edit as usual."""
        if self._is_delete(event) and self.state() != QTableView.State.EditingState:
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_delete(event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and event.key() in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
        )
