"""The fields quiz forms are made of: a rich text box and a table of rows (choices, answers…).

Both say ``edited`` when the author may have finished a change (left a box, changed a cell,
added or removed a row); the quiz editor then builds the question again and pushes one undo
step only when it differs. Rich text is rendered by the editor's ``Renderer`` (the importers'
``render_rich_text``), and only when its source changed, so an untouched text keeps its HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.editors.widgets import CommitTextEdit
from moocstudio.app.i18n import translate
from moocstudio.model import RichText
from moocstudio.model.questions import TextFormat

Renderer = Callable[[str, TextFormat], RichText]
"""Turns an author's source in a format into the RichText learners read."""

CellValue = str | float | RichText | None
RICH_ROLE = Qt.ItemDataRole.UserRole + 1  # the RichText a rich cell was loaded with
TEXT_COLUMN_MIN = 90  # pixels: a text column still shows a word or two


def rich_value(source: str, loaded: RichText, render: Renderer) -> RichText:
    """The RichText for ``source``: ``loaded`` when unchanged, else rendered in its format."""
    if source == loaded.source:
        return loaded
    if not source.strip():
        return RichText(format=loaded.format)
    return render(source, loaded.format)


class RichTextBox(CommitTextEdit):
    """The source of one rich text (markdown, HTML or plain, as it was written).

    Signals:
        edited: The author left the box after changing its text.
    """

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self._loaded = RichText()
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 8
        self.setFixedHeight(height)
        self.focus_lost.connect(self._left)

    def set_text(self, text: RichText) -> None:
        """Show ``text``'s source; its format and HTML are kept until the source changes."""
        self._loaded = text
        if self.toPlainText() != text.source:
            self.setPlainText(text.source)

    def value(self, render: Renderer) -> RichText:
        """The text as typed, rendered when it changed."""
        return rich_value(self.toPlainText(), self._loaded, render)

    def _left(self) -> None:
        if self.toPlainText() != self._loaded.source:
            self.edited.emit()


@dataclass(frozen=True)
class Column:
    """One column of a RowsTable.

    Attributes:
        header: Its heading (translated).
        kind: ``text`` (a string), ``rich`` (a RichText's source), ``number`` (always one) or
            ``optional`` (a number or empty).
        tip: What to write there, shown on the heading.
    """

    header: str
    kind: Literal["text", "rich", "number", "optional"]
    tip: str = ""


class RowsTable(QWidget):
    """Rows of cells the author edits in place, with Add and Remove buttons.

    Signals:
        edited: A cell changed, or a row was added or removed.
    """

    edited = Signal()

    def __init__(
        self,
        columns: Sequence[Column],
        name: str,
        new_row: Callable[[], list[CellValue]],
        *,
        minimum_rows: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.new_row = new_row
        self.minimum_rows = minimum_rows
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setAccessibleName(name)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        for number, column in enumerate(self.columns):
            heading = QTableWidgetItem(column.header)
            heading.setToolTip(column.tip)
            self.table.setHorizontalHeaderItem(number, heading)
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.kind in ("text", "rich")
                else QHeaderView.ResizeMode.ResizeToContents
            )
            self.table.horizontalHeader().setSectionResizeMode(number, mode)
        self.add_button = QPushButton(translate("RowsTable", "Add"), self)
        self.add_button.setAccessibleName(
            translate("RowsTable", "Add a row to %1").replace("%1", name)
        )
        self.remove_button = QPushButton(translate("RowsTable", "Remove"), self)
        self.remove_button.setAccessibleName(
            translate("RowsTable", "Remove the selected row of %1").replace("%1", name)
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        # Said once the table is done with the change: the editor may rebuild the rows.
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(0)
        self._changed.timeout.connect(self.edited)
        self.table.itemChanged.connect(lambda _item: self._changed.start())
        # Every column shows (the form goes under its label, or scrolls, rather than this table).
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        self.table.setMinimumWidth(
            sum(
                TEXT_COLUMN_MIN if column.kind in ("text", "rich") else header.sectionSizeHint(n)
                for n, column in enumerate(self.columns)
            )
            + 2 * self.table.frameWidth()
        )
        # As tall as its rows: the form keeps its fields together at the top.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[Sequence[CellValue]]) -> None:
        """Show ``rows`` (one value per column), without saying ``edited``."""
        self._changed.stop()  # a change not yet said is replaced by these rows
        blocked = self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for row in rows:
                self._append(row)
        finally:
            self.table.blockSignals(blocked)
        self._fit_height()
        self.remove_button.setEnabled(self.table.rowCount() > self.minimum_rows)

    def rows(self, render: Renderer) -> list[list[CellValue]]:
        """The cells as values: str, RichText, float, or None for an empty optional number.

        Raises:
            ValueError: A number cell holds no number (the message names its row and column).
        """
        return [
            [self._cell(row, number, render) for number in range(len(self.columns))]
            for row in range(self.table.rowCount())
        ]

    def add_row(self) -> None:
        """Add a row of default values at the end and start editing its first cell."""
        blocked = self.table.blockSignals(True)
        try:
            self._append(self.new_row())
        finally:
            self.table.blockSignals(blocked)
        self._fit_height()
        self.remove_button.setEnabled(self.table.rowCount() > self.minimum_rows)
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.edited.emit()

    def remove_row(self) -> None:
        """Remove the selected row (the last one when none is selected)."""
        if self.table.rowCount() <= self.minimum_rows:
            return
        row = self.table.currentRow()
        self.table.removeRow(row if row >= 0 else self.table.rowCount() - 1)
        self._fit_height()
        self.remove_button.setEnabled(self.table.rowCount() > self.minimum_rows)
        self.edited.emit()

    def _append(self, values: Sequence[CellValue]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for number, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            cell = QTableWidgetItem()
            if isinstance(value, RichText):
                cell.setData(RICH_ROLE, value)
                cell.setText(value.source)
            elif column.kind == "number":
                cell.setData(Qt.ItemDataRole.EditRole, as_number(value))  # a spin box edits it
            else:
                cell.setText(_number_text(value) if isinstance(value, float) else value or "")
            self.table.setItem(row, number, cell)

    def _cell(self, row: int, number: int, render: Renderer) -> CellValue:
        column = self.columns[number]
        cell = self.table.item(row, number)
        assert cell is not None  # every cell is made with its row
        if column.kind == "number":
            return float(cell.data(Qt.ItemDataRole.EditRole) or 0)
        text = cell.text()
        if column.kind == "rich":
            loaded = cell.data(RICH_ROLE)
            return rich_value(text, loaded if isinstance(loaded, RichText) else RichText(), render)
        if column.kind == "optional":
            return parse_number(text, f"{column.header}, {row + 1}")
        return text.strip()

    def _fit_height(self) -> None:
        # Every row shows: the form scrolls as a whole, a table scrolling inside it is lost.
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(rows + header + 2 * self.table.frameWidth() + 4)


def parse_number(text: str, where: str) -> float | None:
    """A number typed with a point or a comma ("3,14"), or None for an empty cell.

    Raises:
        ValueError: ``text`` is not a number; the message names ``where``.
    """
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        message = translate("RowsTable", "%1: “%2” is not a number")
        raise ValueError(message.replace("%1", where).replace("%2", text.strip())) from None


def _number_text(value: float) -> str:
    return f"{value:g}"


def as_rich(value: CellValue) -> RichText:
    """A rich cell's value."""
    return value if isinstance(value, RichText) else RichText()


def as_number(value: CellValue) -> float:
    """A number cell's value."""
    return value if isinstance(value, float) else 0.0


def as_optional(value: CellValue) -> float | None:
    """An optional number cell's value."""
    return value if isinstance(value, float) else None


def as_text(value: CellValue) -> str:
    """A text cell's value."""
    return value if isinstance(value, str) else ""
