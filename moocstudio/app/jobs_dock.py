"""View ▸ Jobs: every job of the JobCenter with its progress, a Cancel button and its error.

Selecting a job shows its details below the list; a failed job shows its message there in
plain words (the message the core gave, never a traceback).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.job_rows import DeleteKey, JobRow, RowColumns, kind_text
from moocstudio.app.jobs import JobCenter, JobRecord

NAME_COLUMN, KIND_COLUMN, PROGRESS_COLUMN, STATE_COLUMN, BUTTON_COLUMN = range(5)
COLUMNS = RowColumns(state=STATE_COLUMN, progress=PROGRESS_COLUMN, button=BUTTON_COLUMN)


class JobsDock(QDockWidget):
    """A dock listing the JobCenter's jobs, newest last."""

    def __init__(self, jobs: JobCenter, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Jobs"), parent)
        self.jobs = jobs
        self.rows: list[JobRow] = []
        self.setObjectName("jobs_dock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._make_list(), stretch=1)
        self.details = QLabel(self.tr("Select a job to see its details."))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Job details"))
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.clear_button = QPushButton(self.tr("C&lear Finished"))
        self.clear_button.setAccessibleName(self.tr("Clear finished jobs from the list"))
        self.clear_button.clicked.connect(self.clear_finished)
        buttons.addWidget(self.clear_button)
        layout.addLayout(buttons)
        self.setWidget(body)
        for record in jobs.records:
            self._add(record)
        jobs.added.connect(self._add)
        self._update_clear()

    def _make_list(self) -> QTreeWidget:
        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("Jobs"))
        self.list.setHeaderLabels(
            [self.tr("Job"), self.tr("Kind"), self.tr("Progress"), self.tr("State"), ""]
        )
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BUTTON_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        metrics = self.fontMetrics()
        self.list.setColumnWidth(KIND_COLUMN, metrics.horizontalAdvance("M" * 9))
        self.list.setColumnWidth(PROGRESS_COLUMN, metrics.horizontalAdvance("M" * 8))
        self.list.setColumnWidth(STATE_COLUMN, metrics.horizontalAdvance("M" * 12))
        # Click, or Enter on the keyboard, shows the job's details (its error when it failed).
        self.list.currentItemChanged.connect(lambda item, _previous: self.show_details(item))
        self.list.itemActivated.connect(lambda item, _column: self.show_details(item))
        DeleteKey(self.list, self.cancel_selected)
        return self.list

    def _add(self, record: JobRecord) -> None:
        item = QTreeWidgetItem(self.list, [record.name, kind_text(record.kind)])
        item.setToolTip(NAME_COLUMN, record.name)
        row = JobRow(self.list, item, COLUMNS, record.name)
        row.follow(record)
        row.changed.connect(lambda row=row: self._row_changed(row))
        self.rows.append(row)
        self._update_clear()

    def _row_changed(self, row: JobRow) -> None:
        if row.item is self.list.currentItem():
            self.show_details(row.item)
        self._update_clear()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(any(row.ended for row in self.rows))

    def row_of(self, item: QTreeWidgetItem | None) -> JobRow | None:
        """The row shown by ``item``."""
        return next((row for row in self.rows if row.item is item), None)

    def show_details(self, item: QTreeWidgetItem | None) -> None:
        """Show the job of ``item`` below the list: its name, kind, state and any error."""
        row = self.row_of(item)
        if row is None or row.record is None:
            self.details.setText(self.tr("Select a job to see its details."))
            return
        record = row.record
        heading = f"<b>{escape(record.name)}</b> ({escape(kind_text(record.kind))})"
        # A failure's message alone: the user reads what went wrong, not "Failed:" twice.
        body = row.error if row.state == "failed" else row.text
        self.details.setText(f"{heading}<br>{escape(body)}")

    def cancel_selected(self) -> None:
        """Cancel the selected job if it is still queued or running."""
        row = self.row_of(self.list.currentItem())
        if row is not None:
            row.cancel()

    def clear_finished(self) -> None:
        """Take the jobs that ended (done, failed or cancelled) off the list."""
        for row in [row for row in self.rows if row.ended]:
            self.rows.remove(row)
            self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(row.item))
            row.deleteLater()
        self.show_details(self.list.currentItem())
        self._update_clear()
