"""The cues of one subtitle track as an editable table: start, end, text, checked as typed.

Times are read and written as ``mm:ss.mmm`` (``hh:mm:ss.mmm`` past an hour), in whole
milliseconds like the files. A value that would make a cue impossible (ending before it starts,
negative, past the end of the video, over its neighbour) is refused and ``rejected`` says why in
plain words.

Every change goes through ``propose``, which hands the whole new cue list to ``commit``: by
default it is applied at once, and the cue editor makes it an undoable command instead, so each
edit of the table is one undo step.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
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
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
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


def check_timeline(cues: list[Cue], row: int) -> None:
    """Refuse the cue at ``row`` when it overlaps the cue before or after it in the list.

    Touching is allowed (one ends exactly when the next starts), as in both file formats.

    Raises:
        CueTimeError: The cue runs over a neighbour (the message names both cues).
    """
    cue = cues[row]
    neighbours = [(row - 1, cues[row - 1])] if row > 0 else []
    neighbours += [(row + 1, cues[row + 1])] if row + 1 < len(cues) else []
    for other_row, other in neighbours:
        if other_row < row:
            overlaps = to_ms(cue.start) < to_ms(other.end)
        else:
            overlaps = to_ms(cue.end) > to_ms(other.start)
        if overlaps:
            raise CueTimeError(
                translate("cues", "Cue %1 would overlap cue %2, which runs from %3 to %4.")
                .replace("%1", str(row + 1))
                .replace("%2", str(other_row + 1))
                .replace("%3", format_time(other.start))
                .replace("%4", format_time(other.end))
            )


def split_text(text: str, fraction: float) -> tuple[str, str]:
    """Share a cue's words between two halves, cut where ``fraction`` of the time falls.

    A two-line cue is cut at its line break when the time falls near the middle (the author
    already broke it there); otherwise at the word boundary nearest the same share of the words,
    each half keeping at least one word when there are two.
    """
    lines = text.splitlines()
    if len(lines) == 2 and 0.25 <= fraction <= 0.75:
        return lines[0].strip(), lines[1].strip()
    words = text.split()
    if len(words) < 2:
        return text.strip(), ""  # one word cannot be shared: the second half is written anew
    cut = min(max(round(len(words) * fraction), 1), len(words) - 1)  # a word in each half
    return " ".join(words[:cut]), " ".join(words[cut:])


class CueTableModel(QAbstractTableModel):
    """Editable cues of one track, with the cue under the playhead marked.

    Signals:
        rejected: An edit was refused; the argument is the reason in plain words.
        edited: The cues differ from what was loaded (or saved) last, or changed back.
        row_focused: After an edit, the row the view should make current.
    """

    rejected = Signal(str)
    edited = Signal()
    row_focused = Signal(int)

    def __init__(self, duration: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration = duration
        self.cues: list[Cue] = []
        self.track = ""  # which track the cues belong to (its language); undo checks it
        self.modified = False
        self.playing_row = -1
        self._loaded: list[Cue] = []
        self.commit: Callable[[list[Cue], str, int], None] = self.replace_cues_as
        """Applies a proposed edit (new cues, the edit's name, the row to focus)."""

    def set_cues(self, cues: list[Cue], track: str = "") -> None:
        """Show ``cues`` as the unmodified state (a track just loaded or saved)."""
        self.beginResetModel()
        self.cues = list(cues)
        self._loaded = list(cues)
        self.track = track
        self.modified = False
        self.playing_row = -1
        self.endResetModel()

    def propose(self, cues: list[Cue], text: str, row: int) -> None:
        """Hand an edit (the whole new list) to ``commit``; unchanged lists are dropped."""
        if cues != self.cues:
            self.commit(cues, text, row)

    def replace_cues_as(self, cues: list[Cue], _text: str, row: int) -> None:
        """Apply an edit directly (no undo): what ``commit`` does until an editor sets it."""
        self.replace_cues(cues, row)

    def replace_cues(self, cues: list[Cue], row: int = -1) -> None:
        """Show ``cues`` (an edit, its undo or redo) and focus ``row``."""
        if len(cues) == len(self.cues):
            self.cues = list(cues)
            if cues:
                self.dataChanged.emit(self.index(0, START), self.index(len(cues) - 1, TEXT))
        else:
            self.beginResetModel()
            self.cues = list(cues)
            self.endResetModel()
        self.modified = self.cues != self._loaded
        self.edited.emit()
        if 0 <= row < len(self.cues):
            self.row_focused.emit(row)

    def row_at(self, seconds: float) -> int:
        """The row of the cue shown at ``seconds`` (cues in time order), or -1 between cues."""
        row = bisect_right(self.cues, to_ms(seconds), key=lambda cue: to_ms(cue.start)) - 1
        if row >= 0 and to_ms(seconds) < to_ms(self.cues[row].end):
            return row
        return -1

    def set_playing_row(self, row: int) -> None:
        """Mark the cue under the playhead (-1: none)."""
        if row == self.playing_row:
            return
        old, self.playing_row = self.playing_row, row
        for changed in (old, row):
            if 0 <= changed < len(self.cues):
                self.dataChanged.emit(self.index(changed, START), self.index(changed, TEXT))

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
        if index.row() == self.playing_row:
            return self._playing_look(role)
        return None

    @staticmethod
    def _playing_look(role: int) -> Any:
        # The row under the playhead: bold on the palette's link colour, readable in dark themes.
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = QApplication.palette().color(QPalette.ColorRole.Highlight)
            colour.setAlpha(60)
            return colour
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
        row = index.row()
        cue = self.cues[row]
        if index.column() == TEXT:
            self.propose(self._with(row, replace(cue, text=str(value).strip())),
                         self.tr("Edit cue text"), row)  # fmt: skip
            return True
        try:
            seconds = parse_time(str(value))
        except CueTimeError as exc:
            self.rejected.emit(str(exc))
            return False
        if index.column() == START:
            return self.retime(row, replace(cue, start=seconds), self.tr("Edit cue start"))
        return self.retime(row, replace(cue, end=seconds), self.tr("Edit cue end"))

    def retime(self, row: int, cue: Cue, text: str) -> bool:
        """Put ``cue`` (new times) at ``row`` if it stays possible; else emit ``rejected``."""
        # Whole milliseconds, as the files store them: 0.5 - 5 × 0.1 is exactly 0 again.
        cue = replace(cue, start=to_ms(cue.start) / 1000, end=to_ms(cue.end) / 1000)
        try:
            check_cue(cue, self.duration)
            cues = self._with(row, cue)
            check_timeline(cues, row)
        except CueTimeError as exc:
            self.rejected.emit(str(exc))
            return False
        self.propose(cues, text, row)
        return True

    def set_start(self, row: int, seconds: float) -> bool:
        """Start the cue at ``row`` at ``seconds`` (the playhead); False when refused."""
        cue = self.cues[row]
        return self.retime(row, replace(cue, start=seconds), self.tr("Set cue start"))

    def set_end(self, row: int, seconds: float) -> bool:
        """End the cue at ``row`` at ``seconds`` (the playhead); False when refused."""
        cue = self.cues[row]
        return self.retime(row, replace(cue, end=seconds), self.tr("Set cue end"))

    def move(self, row: int, start: float, end: float) -> bool:
        """Give the cue at ``row`` new times (an edge dragged on the waveform strip)."""
        cue = self.cues[row]
        return self.retime(row, replace(cue, start=start, end=end), self.tr("Move cue"))

    def nudge(self, row: int, seconds: float) -> bool:
        """Move the whole cue at ``row`` by ``seconds`` (negative: earlier); False when refused."""
        cue = self.cues[row]
        moved = replace(cue, start=cue.start + seconds, end=cue.end + seconds)
        return self.retime(row, moved, self.tr("Nudge cue"))

    def split(self, row: int, seconds: float) -> bool:
        """Cut the cue at ``row`` in two at ``seconds``, its words shared in proportion."""
        cue = self.cues[row]
        if not to_ms(cue.start) < to_ms(seconds) < to_ms(cue.end):
            self.rejected.emit(
                self.tr("The playhead (%1) is not inside cue %2; move it there to split the cue.")
                .replace("%1", format_time(seconds))
                .replace("%2", str(row + 1))
            )
            return False
        first, second = split_text(cue.text, (seconds - cue.start) / cue.duration)
        halves = [Cue(cue.start, seconds, first), Cue(seconds, cue.end, second)]
        self.propose(self.cues[:row] + halves + self.cues[row + 1 :], self.tr("Split cue"), row)
        return True

    def merge_next(self, row: int) -> bool:
        """Join the cue at ``row`` and the next one into one cue spanning both."""
        if row + 1 >= len(self.cues):
            self.rejected.emit(
                self.tr("Cue %1 is the last one: there is no next cue to merge it with.").replace(
                    "%1", str(row + 1)
                )
            )
            return False
        cue, following = self.cues[row], self.cues[row + 1]
        # Two one-line cues become one two-line cue; longer texts run on.
        one_line_each = "\n" not in cue.text and "\n" not in following.text
        text = ("\n" if one_line_each else " ").join(p for p in (cue.text, following.text) if p)
        merged = Cue(cue.start, max(cue.end, following.end), text)
        self.propose(self.cues[:row] + [merged] + self.cues[row + 2 :], self.tr("Merge cues"), row)
        return True

    def _with(self, row: int, cue: Cue) -> list[Cue]:
        cues = list(self.cues)
        cues[row] = cue
        return cues

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
        cues = list(self.cues)
        cues.insert(row + 1, Cue(start, end, ""))
        self.propose(cues, self.tr("Add cue"), row + 1)
        return row + 1

    def remove(self, row: int) -> None:
        """Delete the cue at ``row``."""
        if 0 <= row < len(self.cues):
            cues = self.cues[:row] + self.cues[row + 1 :]
            self.propose(cues, self.tr("Remove cue"), min(row, len(cues) - 1))

    def problems(self) -> list[str]:
        """Why the cues cannot be saved yet (empty cues: both formats drop them silently)."""
        empty = [str(row + 1) for row, cue in enumerate(self.cues) if not cue.text.strip()]
        if not empty:
            return []
        return [self.tr("Cue %1 has no text; write it or remove the cue.").replace("%1", empty[0])]


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
