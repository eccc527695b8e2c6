"""Rows that follow one JobRecord in a QTreeWidget: state in words, progress bar, ETA, Cancel.

The Batch Transcode dialog and the Jobs dock show jobs the same way, so both build their rows
here. A row only reads the record and listens to its signals (queued onto the GUI thread by
Qt); the work itself never sees a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from moocstudio.app.i18n import translate
from moocstudio.app.jobs import JobRecord
from moocstudio.progress import Progress

BAR_STEPS = 1000  # progress bar resolution: a long encode still moves visibly
ACTIVE_STATES = frozenset({"queued", "running"})
ENDED_STATES = frozenset({"done", "failed", "cancelled"})


def format_eta(seconds: float | None) -> str:
    """Time left in a few words (``about 40 s``, ``about 3 min``); empty when unknown."""
    if seconds is None:
        return ""
    whole = round(seconds)
    if whole < 60:
        return translate("jobs", "about %1 s").replace("%1", str(max(1, whole)))
    if whole < 3600:
        return translate("jobs", "about %1 min").replace("%1", str(round(whole / 60)))
    hours, rest = divmod(whole, 3600)
    return (
        translate("jobs", "about %1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", str(rest // 60))
    )


def stage_text(stage: str) -> str:
    """What a running job is doing, from its Progress stage name."""
    words = {
        "queued": translate("jobs", "Waiting"),
        "hash": translate("jobs", "Reading"),
        "probe": translate("jobs", "Reading"),
        "cached": translate("jobs", "Found in cache"),
        "encode": translate("jobs", "Encoding"),
        "remux": translate("jobs", "Copying"),
        "verify": translate("jobs", "Checking"),
        "hls": translate("jobs", "Packaging HLS"),
        "poster": translate("jobs", "Making the poster"),
        "subtitles": translate("jobs", "Finding speech"),
        "waveform": translate("jobs", "Reading the sound"),
        "done": translate("jobs", "Finishing"),
    }
    return words.get(stage, translate("jobs", "Working"))


def kind_text(kind: str) -> str:
    """A job kind (``renditions``, ``import``...) as the user reads it."""
    words = {
        "renditions": translate("jobs", "Renditions"),
        "subtitles": translate("jobs", "Subtitles"),
        "import": translate("jobs", "Import"),
        "export": translate("jobs", "Export"),
        "batch": translate("jobs", "Batch transcode"),
        "waveform": translate("jobs", "Waveform"),
    }
    return words.get(kind, translate("jobs", "Job"))


def state_text(state: str, stage: str = "", error: str = "") -> str:
    """A job's state in plain words; a failure carries its message.

    Args:
        state: ``pending``, ``queued``, ``running``, ``done``, ``failed`` or ``cancelled``.
        stage: The running job's Progress stage.
        error: The failed job's message.
    """
    words = {
        "pending": translate("jobs", "Ready to start"),
        "queued": translate("jobs", "Waiting"),
        "running": stage_text(stage),
        "done": translate("jobs", "Done"),
        "failed": translate("jobs", "Failed: %1").replace("%1", error),
        "cancelled": translate("jobs", "Cancelled"),
    }
    return words.get(state, translate("jobs", "Waiting"))


@dataclass(frozen=True)
class RowColumns:
    """Which column of the tree shows what; ``eta`` None when the tree has no ETA column."""

    state: int
    progress: int
    button: int
    eta: int | None = None


class JobRow(QObject):
    """One tree row following a JobRecord (or waiting for one, in a queue not yet started).

    Before :meth:`follow`, and after the job ended when ``removable`` is set, the row's button
    reads "Remove" and emits :attr:`remove_requested`; while the job is queued or running it
    reads "Cancel" and cancels the job.

    Signals:
        changed: The row's state or progress changed.
        remove_requested: The user asked to take the row away.
    """

    changed = Signal()
    remove_requested = Signal()

    def __init__(
        self,
        tree: QTreeWidget,
        item: QTreeWidgetItem,
        columns: RowColumns,
        name: str,
        *,
        removable: bool = False,
        describe_result: Callable[[object], str] | None = None,
    ) -> None:
        super().__init__(tree)
        self.item = item
        self.columns = columns
        self.name = name
        self.removable = removable
        self.describe_result = describe_result
        self.record: JobRecord | None = None
        self.refusal = ""  # why the job could not even be submitted
        # The outcome as delivered to the GUI thread. The record's own state is set on the
        # worker thread a moment before its signals arrive; the row shows only what arrived.
        self.outcome: str | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setAccessibleName(translate("jobs", "Progress of %1").replace("%1", name))
        self.button = QPushButton()
        self.button.clicked.connect(self._button_clicked)
        # The view shows its item widgets itself; a holder lets the button alone be hidden.
        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.button)
        tree.setItemWidget(item, columns.progress, self.bar)
        tree.setItemWidget(item, columns.button, holder)
        self._show()

    # --- state -------------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``pending`` (not submitted), ``queued``, ``running``, then the outcome.

        The outcome is ``done``, ``failed`` (also when the job could not be submitted) or
        ``cancelled``.
        """
        if self.refusal:
            return "failed"
        if self.record is None:
            return "pending"
        if self.outcome is not None:
            return self.outcome
        return "queued" if self.record.state == "queued" else "running"

    @property
    def active(self) -> bool:
        """True while the job is queued or running."""
        return self.state in ACTIVE_STATES

    @property
    def ended(self) -> bool:
        """True once the job finished, failed or was cancelled (or could not start)."""
        return self.state in ENDED_STATES

    @property
    def error(self) -> str:
        """Why the job failed, in plain words; empty unless it failed."""
        if self.refusal:
            return self.refusal
        return self.record.error if self.record is not None and self.state == "failed" else ""

    @property
    def text(self) -> str:
        """The state in words, as the row shows it (a failure's message perhaps shortened)."""
        stage = self.record.progress.stage if self.record is not None else ""
        return state_text(self.state, stage, self.shorten(self.error))

    def shorten(self, message: str) -> str:
        """The failure message as the narrow state column shows it; whole by default."""
        return message

    @property
    def fraction(self) -> float:
        """Done so far, 0 to 1; an ended job counts as complete for overall progress."""
        if self.ended:
            return 1.0
        return 0.0 if self.record is None else self.record.progress.fraction

    @property
    def eta(self) -> float | None:
        """Seconds left as the job last estimated them, while it runs."""
        return self.record.progress.eta if self.record is not None and self.active else None

    # --- actions -----------------------------------------------------------------------------

    def follow(self, record: JobRecord) -> None:
        """Show ``record`` from now on (it may already have ended)."""
        self.record = record
        if record.state not in ACTIVE_STATES:
            self.outcome = record.state  # it ended before this row existed
        record.progressed.connect(self._on_progress)
        record.succeeded.connect(self._on_success)
        record.ended.connect(self._on_ended)
        self._show()

    def refuse(self, message: str) -> None:
        """Show that the job could not be started, and why."""
        self.refusal = message
        self._show()
        self.changed.emit()

    def cancel(self) -> None:
        """Cancel the job if it is queued or running."""
        if self.active and self.record is not None:
            self.record.cancel()

    def _button_clicked(self) -> None:
        if self.active:
            self.cancel()
        else:
            self.remove_requested.emit()

    # --- showing -----------------------------------------------------------------------------

    def _on_progress(self, _progress: Progress) -> None:
        self._show()
        self.changed.emit()

    def _on_success(self, result: object) -> None:
        if self.describe_result is not None:
            self.item.setToolTip(self.columns.state, self.describe_result(result))

    def _on_ended(self) -> None:
        assert self.record is not None
        self.outcome = self.record.state
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        state = self.state
        text = self.text
        self.item.setText(self.columns.state, text)
        if state == "failed":
            # The whole message, however narrow the column is.
            self.item.setToolTip(self.columns.state, state_text(state, error=self.error))
        if self.columns.eta is not None:
            self.item.setText(self.columns.eta, format_eta(self.eta))
        record_fraction = 0.0 if self.record is None else self.record.progress.fraction
        self.bar.setValue(round((1.0 if state == "done" else record_fraction) * BAR_STEPS))
        # A stopped bar is greyed out, so it does not read as work still going on.
        self.bar.setEnabled(state not in ("failed", "cancelled"))
        self._show_button()

    def _show_button(self) -> None:
        if self.active:
            self.button.setText(translate("jobs", "Cancel"))
            self.button.setAccessibleName(translate("jobs", "Cancel %1").replace("%1", self.name))
            self.button.setVisible(True)
        elif self.removable:
            self.button.setText(translate("jobs", "Remove"))
            self.button.setAccessibleName(
                translate("jobs", "Remove %1 from the queue").replace("%1", self.name)
            )
            self.button.setVisible(True)
        else:
            self.button.setVisible(False)


class DeleteKey(QObject):
    """Calls ``action`` when Delete is pressed in ``widget``.

    The widget claims the key before shortcuts see it, so the main window's Edit ▸ Delete
    (which deletes outline items) never fires while a job list has the focus.
    """

    def __init__(self, widget: QWidget, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Claim Delete as a shortcut override, and act on its key press."""
        if not isinstance(event, QKeyEvent) or not event.matches(QKeySequence.StandardKey.Delete):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            self._action()
            return True
        return False
