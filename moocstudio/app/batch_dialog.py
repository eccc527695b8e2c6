"""Media ▸ Batch Transcode: the renditions of many videos into one folder, off the GUI thread.

The dialog only gathers files and settings: the sources come from ``sources.collect_sources``
and the jobs from ``batch_transcode.transcode_tasks``, exactly as ``moocstudio transcode``
gets them, and they run on the app's JobCenter, so they also show in the Jobs dock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.i18n import translate
from moocstudio.app.job_rows import BAR_STEPS, DeleteKey, JobRow, RowColumns, format_eta
from moocstudio.app.jobs import JobCenter, JobConflict
from moocstudio.errors import MoocstudioError
from moocstudio.media.batch_transcode import rendition_cache, require_writable, transcode_tasks
from moocstudio.media.renditions import DEFAULT_PROFILE, PROFILES
from moocstudio.media.sources import VIDEO_SUFFIXES, collect_sources
from moocstudio.progress import EtaEstimator

FILE_COLUMN, STATE_COLUMN, PROGRESS_COLUMN, ETA_COLUMN, BUTTON_COLUMN = range(5)
COLUMNS = RowColumns(
    state=STATE_COLUMN, progress=PROGRESS_COLUMN, button=BUTTON_COLUMN, eta=ETA_COLUMN
)
RENDITIONS_FOLDER = "renditions"  # default output: beside the first file added


class BatchRow(JobRow):
    """A queued source file and, once started, its transcode job."""

    def __init__(self, tree: QTreeWidget, source: Path) -> None:
        item = QTreeWidgetItem(tree, [source.name])
        item.setToolTip(FILE_COLUMN, str(source))
        self.source = source  # before the base class first shows the row, which reads it
        super().__init__(
            tree, item, COLUMNS, source.name, removable=True, describe_result=_outputs_text
        )

    def shorten(self, message: str) -> str:
        """The message with the file's name for its path: the row already says which file."""
        return message.replace(str(self.source), self.source.name)


class BatchTranscodeDialog(QDialog):
    """Queue videos, pick a profile and a folder, and transcode them all; never modal."""

    def __init__(self, jobs: JobCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.rows: list[BatchRow] = []
        self._eta = EtaEstimator()
        self.setObjectName("BatchTranscodeDialog")
        self.setWindowTitle(self.tr("Batch Transcode"))
        self.setModal(False)
        self.setAcceptDrops(True)
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        layout.addLayout(self._make_add_bar())
        layout.addWidget(self._make_queue(), stretch=1)
        layout.addLayout(self._make_settings())
        layout.addLayout(self._make_overall())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Messages"))
        layout.addWidget(self.note)
        layout.addWidget(self._make_buttons())
        DeleteKey(self.queue, self._cancel_or_remove_selected)
        self._update_controls()

    # --- building ----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], object], accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def _make_add_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_files_button = self._button(
            self.tr("Add &Files…"), self.add_files_dialog, self.tr("Add video files")
        )
        self.add_folder_button = self._button(
            self.tr("Add F&older…"), self.add_folder_dialog, self.tr("Add every video in a folder")
        )
        hint = QLabel(self.tr("or drop videos and folders here"))
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        bar.addWidget(self.add_files_button)
        bar.addWidget(self.add_folder_button)
        bar.addWidget(hint)
        bar.addStretch()
        return bar

    def _make_queue(self) -> QTreeWidget:
        self.queue = QTreeWidget()
        self.queue.setAccessibleName(self.tr("Transcode queue"))
        self.queue.setHeaderLabels(
            [self.tr("File"), self.tr("State"), self.tr("Progress"), self.tr("Time left"), ""]
        )
        self.queue.setRootIsDecorated(False)
        self.queue.setUniformRowHeights(True)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.queue.header()
        header.setStretchLastSection(False)
        # The state column stretches: a failure's reason needs the room more than the name.
        header.setSectionResizeMode(FILE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BUTTON_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        metrics = self.fontMetrics()
        self.queue.setColumnWidth(FILE_COLUMN, metrics.horizontalAdvance("M" * 18))
        self.queue.setColumnWidth(PROGRESS_COLUMN, metrics.horizontalAdvance("M" * 10))
        self.queue.setColumnWidth(ETA_COLUMN, metrics.horizontalAdvance("M" * 7))
        self.queue.currentItemChanged.connect(lambda item, _previous: self._explain(item))
        return self.queue

    def _make_settings(self) -> QFormLayout:
        form = QFormLayout()
        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName(self.tr("Profile"))
        for index, name in enumerate(PROFILES):
            self.profile_box.addItem(name, name)
            self.profile_box.setItemData(
                index, profile_description(name), Qt.ItemDataRole.ToolTipRole
            )
        self.profile_box.setCurrentIndex(self.profile_box.findData(DEFAULT_PROFILE))
        self.profile_note = QLabel()
        self.profile_note.setWordWrap(True)
        self.profile_box.currentIndexChanged.connect(self._show_profile)
        self._show_profile()
        profile_line = QHBoxLayout()
        profile_line.addWidget(self.profile_box)
        profile_line.addWidget(self.profile_note, stretch=1)
        label = QLabel(self.tr("&Profile:"))
        label.setBuddy(self.profile_box)
        form.addRow(label, profile_line)
        self.output_edit = QLineEdit()
        self.output_edit.setAccessibleName(self.tr("Output folder"))
        self.output_edit.setPlaceholderText(self.tr("Folder the MP4 renditions are written to"))
        self.output_edit.textChanged.connect(self._update_controls)
        browse = self._button(
            self.tr("&Browse…"), self.choose_output_dialog, self.tr("Choose the output folder")
        )
        output_line = QHBoxLayout()
        output_line.addWidget(self.output_edit, stretch=1)
        output_line.addWidget(browse)
        self.open_output_button = self._button(
            self.tr("Op&en"), self.open_output, self.tr("Open the output folder")
        )
        self.open_output_button.setToolTip(self.tr("Show the output folder in the file manager"))
        output_line.addWidget(self.open_output_button)
        label = QLabel(self.tr("O&utput folder:"))
        label.setBuddy(self.output_edit)
        form.addRow(label, output_line)
        return form

    def _make_overall(self) -> QHBoxLayout:
        line = QHBoxLayout()
        self.overall_bar = QProgressBar()
        self.overall_bar.setRange(0, BAR_STEPS)
        self.overall_bar.setValue(0)
        self.overall_bar.setAccessibleName(self.tr("Overall progress"))
        self.overall_label = QLabel()
        line.addWidget(QLabel(self.tr("Overall:")))
        line.addWidget(self.overall_bar, stretch=1)
        line.addWidget(self.overall_label)
        return line

    def _make_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.cancel_all_button = self._button(
            self.tr("Cancel &All"), self.cancel_all, self.tr("Cancel every running transcode")
        )
        self.start_button = self._button(
            self.tr("&Start"), self.start, self.tr("Start transcoding the queue")
        )
        self.start_button.setDefault(True)
        close = self._button(self.tr("&Close"), self.reject, self.tr("Close this dialog"))
        box.addButton(self.cancel_all_button, role.ActionRole)
        box.addButton(self.start_button, role.ActionRole)
        box.addButton(close, role.RejectRole)
        return box

    # --- adding files ------------------------------------------------------------------------

    def add_files_dialog(self) -> None:
        """Pick video files to add to the queue."""
        patterns = " ".join(f"*{suffix}" for suffix in sorted(VIDEO_SUFFIXES))
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add videos"),
            "",
            self.tr("Videos (%1);;All files (*)").replace("%1", patterns),
        )
        if files:
            self.add_paths([Path(f) for f in files])

    def add_folder_dialog(self) -> None:
        """Pick a folder whose videos (sub-folders included) join the queue."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add the videos of a folder"))
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Queue the videos among ``paths`` (files, or folders searched for videos), each once."""
        try:
            batch = collect_sources(paths)
        except MoocstudioError as exc:
            self.note.setText(exc.user_message)
            return
        notes = list(batch.skipped)
        queued = {row.source.resolve() for row in self.rows}
        if batch.files and not self.output_edit.text().strip():
            # Beside the videos: in the folder added, or the first file's own folder.
            base = paths[0] if paths[0].is_dir() else batch.files[0].parent
            self.set_output_folder(base / RENDITIONS_FOLDER)
        out_dir = self.output_folder()
        outputs = out_dir.resolve() if out_dir is not None else None
        for source in batch.files:
            resolved = source.resolve()
            if resolved in queued:
                notes.append(self.tr("%1 is already in the queue").replace("%1", source.name))
            elif outputs is not None and resolved.is_relative_to(outputs):
                # A folder added again would bring back the renditions made from it.
                notes.append(
                    self.tr("%1 left out: it is in the output folder").replace("%1", source.name)
                )
            else:
                self._add_row(source)
        self.note.setText("\n".join(notes))
        self._update_controls()

    def _add_row(self, source: Path) -> None:
        row = BatchRow(self.queue, source)
        row.changed.connect(self._update_controls)
        row.remove_requested.connect(lambda row=row: self.remove_row(row))
        self.rows.append(row)

    def _explain(self, item: QTreeWidgetItem | None) -> None:
        """Show the whole reason of a failed row picked in the queue (the column cuts it)."""
        row = next((row for row in self.rows if row.item is item), None)
        if row is not None and row.state == "failed":
            self.note.setText(row.error)

    def remove_row(self, row: BatchRow) -> None:
        """Take a row that is not running out of the queue."""
        if row.active:
            return
        self.rows.remove(row)
        self.queue.takeTopLevelItem(self.queue.indexOfTopLevelItem(row.item))
        row.deleteLater()
        self._update_controls()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        """Accept files and folders dragged from the desktop."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        """Queue the dropped files and folders."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # --- settings ----------------------------------------------------------------------------

    def profile(self) -> str:
        """The chosen profile's name (a key of ``renditions.PROFILES``)."""
        return str(self.profile_box.currentData())

    def set_profile(self, name: str) -> None:
        """Choose the profile called ``name``."""
        self.profile_box.setCurrentIndex(self.profile_box.findData(name))

    def output_folder(self) -> Path | None:
        """The chosen output folder, or None while the field is empty."""
        text = self.output_edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_output_folder(self, folder: Path) -> None:
        """Write the renditions to ``folder``."""
        self.output_edit.setText(str(folder))

    def choose_output_dialog(self) -> None:
        """Pick the output folder."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Output folder"), self.output_edit.text()
        )
        if folder:
            self.set_output_folder(Path(folder))

    def _show_profile(self) -> None:
        self.profile_note.setText(profile_description(self.profile()))

    # --- running -----------------------------------------------------------------------------

    def start(self) -> None:
        """Submit every row not started yet to the JobCenter."""
        waiting = [row for row in self.rows if row.state == "pending"]
        out_dir = self.output_folder()
        if not waiting:
            self.note.setText(self.tr("Add videos to the queue first."))
            return
        if out_dir is None:
            self.note.setText(self.tr("Choose the folder the renditions go to."))
            return
        cache = rendition_cache()
        try:
            require_writable(out_dir)
            # On a dask cluster: every worker must see the sources and the folders.
            self.jobs.prepare_batch([row.source for row in waiting], out_dir, cache.root)
        except MoocstudioError as exc:
            self.note.setText(exc.user_message)
            return
        if not any(row.active for row in self.rows):
            self._eta = EtaEstimator()  # a new run: time left counts from now
        # Output names are made unique over the whole queue, so two "intro.mp4" never collide.
        tasks = transcode_tasks(
            [row.source for row in self.rows], out_dir, profile=self.profile(), cache=cache
        )
        for row, task in zip(self.rows, tasks, strict=True):
            if row.state != "pending":
                continue
            try:
                record = self.jobs.submit(
                    self.tr("Transcode %1").replace("%1", row.source.name),
                    task.job,
                    kind="batch",
                    key=task.key,
                )
            except JobConflict:
                row.refuse(self.tr("%1 is already being transcoded into this folder").replace(
                    "%1", row.source.name
                ))  # fmt: skip
                continue
            row.follow(record)
        self.note.setText("")
        self._update_controls()

    def cancel_all(self) -> None:
        """Cancel every queued or running transcode of this dialog."""
        for row in self.rows:
            row.cancel()

    def _cancel_or_remove_selected(self) -> None:
        selected = [row for row in self.rows if row.item.isSelected()]
        for row in selected:
            if row.active:
                row.cancel()
            else:
                self.remove_row(row)

    def running(self) -> list[BatchRow]:
        """Rows whose job is queued or running."""
        return [row for row in self.rows if row.active]

    def open_output(self) -> None:
        """Show the output folder in the file manager."""
        folder = self.output_folder()
        if folder is not None and folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- overall progress --------------------------------------------------------------------

    def _update_controls(self) -> None:
        started = [row for row in self.rows if row.state != "pending"]
        running = [row for row in started if row.active]
        self.start_button.setEnabled(any(row.state == "pending" for row in self.rows))
        self.cancel_all_button.setEnabled(bool(running))
        folder = self.output_folder()
        self.open_output_button.setEnabled(folder is not None and folder.is_dir())
        if not started:
            self.overall_bar.setValue(0)
            self.overall_label.setText(
                self.tr("Files in the queue: %1").replace("%1", str(len(self.rows)))
                if self.rows
                else ""
            )
            return
        # Cancelled files are work nobody waits for: they count neither way.
        wanted = [row for row in started if row.state != "cancelled"]
        fraction = sum(row.fraction for row in wanted) / len(wanted) if wanted else 1.0
        self.overall_bar.setValue(round(fraction * BAR_STEPS))
        self.overall_label.setText(self._overall_text(started, fraction, running))

    def _overall_text(
        self, started: list[BatchRow], fraction: float, running: list[BatchRow]
    ) -> str:
        done = sum(row.state == "done" for row in started)
        text = self.tr("%1 of %2 done").replace("%1", str(done)).replace("%2", str(len(started)))
        failed = sum(row.state == "failed" for row in started)
        cancelled = sum(row.state == "cancelled" for row in started)
        if failed:
            text += " · " + self.tr("%1 failed").replace("%1", str(failed))
        if cancelled:
            text += " · " + self.tr("%1 cancelled").replace("%1", str(cancelled))
        if running:
            # The batch cannot end before its slowest running file does.
            estimates = [self._eta.eta(fraction), *(row.eta for row in running)]
            known = [seconds for seconds in estimates if seconds is not None]
            if known:
                text += " · " + format_eta(max(known))
        return text

    # --- closing -----------------------------------------------------------------------------

    def reject(self) -> None:
        """Close (Close button, Escape, title bar); ask first while transcodes run."""
        running = self.running()
        if running:
            choice = self.ask_about_running(len(running))
            if choice == "stay":
                return
            if choice == "cancel":
                self.cancel_all()
        super().reject()

    def ask_about_running(self, count: int) -> str:
        """Ask what to do with running transcodes: ``cancel``, ``keep`` (run on) or ``stay``."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Transcodes running"))
        box.setText(self.tr("Transcodes still running: %1. Cancel them?").replace("%1", str(count)))
        box.setInformativeText(
            self.tr("Transcodes you keep go on in the background; the Jobs panel shows them.")
        )
        cancel = box.addButton(self.tr("Cancel Transcodes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep Running"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("Don't Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is cancel:
            return "cancel"
        return "keep" if clicked is keep else "stay"


def profile_description(name: str) -> str:
    """A profile's one-line description, translated when the app knows the profile."""
    # Written out here so the translation tools find them; the core's text is the fallback.
    descriptions = {
        "mobile": translate("profiles", "360p, 540p and 720p for phones and laptops (default)"),
        "low-bandwidth": translate(
            "profiles", "240p and 360p at low bit rates, for offline use (Kolibri) and slow links"
        ),
        "hd": translate("profiles", "360p to 1080p, keeping up to 60 frames per second"),
    }
    return descriptions.get(name, PROFILES[name].description)


def _outputs_text(result: object) -> str:
    """The files a transcode published, one per line (its result is a list of paths)."""
    paths = result if isinstance(result, list) else []
    return "\n".join(str(path) for path in paths)
