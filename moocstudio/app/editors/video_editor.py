"""The video editor: the player, the subtitle cues under it, the file's facts and renditions.

The player (Qt Multimedia, see ``player.py``) is made when the editor is first shown, so
opening the app or a course never loads Qt Multimedia. It plays the source file or any
rendition on disk, with the cue under the playhead drawn over the picture and marked in the
cue table. Renditions are made by Media ▸ Generate Renditions (a job on the JobCenter); the
Details tab shows what exists and whether each file is still on disk.

Between the player and the cues is a slot for the waveform strip (``set_waveform``); what a
strip needs is here: ``position_changed``, ``seek`` and ``cue_model``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.base import ItemWidget
from moocstudio.app.editors.cue_editor import CueEditor
from moocstudio.app.editors.cue_table import CueTableModel, format_time
from moocstudio.app.editors.media_jobs import submit_video_media
from moocstudio.app.editors.widgets import ScaledPicture
from moocstudio.app.i18n import translate
from moocstudio.app.jobs import JobCenter, JobConflict, JobRecord
from moocstudio.media.course_media import MediaSettings
from moocstudio.model import Rendition, Video
from moocstudio.model.store import asset_path
from moocstudio.progress import Progress

if TYPE_CHECKING:
    from moocstudio.app.editors.player import Source, VideoPlayer
    from moocstudio.app.editors.waveform import WaveformStrip
    from moocstudio.app.editors.waveform_loader import WaveformLoader

POSTER_SIZE = QSize(256, 144)  # 16:9, small enough to leave the facts room beside it


def file_size_text(size: int) -> str:
    """A byte count as people read it, in the app's language: 812 KB, 3,4 Mo."""
    # Decimal units (as file managers on Linux and macOS show them), localised by Qt.
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def bit_rate_text(bits_per_second: int | None) -> str:
    """Bits per second as kb/s or Mb/s; a dash when unknown."""
    if bits_per_second is None:
        return "—"
    if bits_per_second >= 1_000_000:
        value = QLocale().toString(bits_per_second / 1_000_000, "f", 1)
        return translate("video", "%1 Mb/s").replace("%1", value)
    value = QLocale().toString(round(bits_per_second / 1000))
    return translate("video", "%1 kb/s").replace("%1", value)


CUE_LIST_ROOM = 230
"""Height (px) the subtitles box keeps when the waveform strip arrives: about four cues."""


class VideoEditor(ItemWidget):
    """Everything about one video: player, subtitle cues, facts and renditions.

    Signals:
        position_changed: The playhead moved (milliseconds), for the waveform strip.
    """

    position_changed = Signal(int)

    def __init__(
        self,
        document: CourseDocument,
        item_id: str,
        jobs: JobCenter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(document, item_id, parent)
        self.jobs = jobs
        self.job: JobRecord | None = None
        self.poster = ScaledPicture(self, minimum=POSTER_SIZE)
        self.poster.setAccessibleName(self.tr("Poster frame"))
        self.poster.setFixedSize(POSTER_SIZE)
        self.poster.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.player: VideoPlayer | None = None  # made when first shown (loads Qt Multimedia)
        self.player_failed: QLabel | None = None  # says why, when Qt Multimedia cannot load
        self.waveform: WaveformStrip | None = None  # made with the player
        self.waveform_loader: WaveformLoader | None = None
        self.player_area = QWidget(self)
        self.player_layout = QVBoxLayout(self.player_area)
        self.player_layout.setContentsMargins(0, 0, 0, 0)
        # The waveform strip's place, between the player and the cues (see set_waveform).
        self.waveform_slot = QWidget(self)
        self.waveform_layout = QVBoxLayout(self.waveform_slot)
        self.waveform_layout.setContentsMargins(0, 0, 0, 0)
        self.waveform_slot.hide()
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.renditions = self._renditions_table()
        self.renditions_note = QLabel(self)
        self.renditions_note.setWordWrap(True)
        self.generate = QPushButton(self.tr("&Generate Renditions"), self)
        self.generate.setAccessibleName(self.tr("Generate renditions"))
        self.generate.setToolTip(
            self.tr(
                "Make the MP4 ladder and the poster of this video (already made files are reused)"
            )
        )
        self.generate.clicked.connect(self.generate_renditions)
        self.cues = CueEditor(document, item_id, self)
        self.cues.play_requested.connect(self._play_from)
        self.cues.model.edited.connect(self._show_caption)
        self.cues.model.modelReset.connect(self._show_caption)  # another track picked or undone
        self.addActions(self.cues.actions())  # the timing keys work with the player focused too
        # Space plays and pauses in the cue table too; the editor's buttons keep Space to press.
        self._space_plays(self.cues.table, Qt.ShortcutContext.WidgetShortcut)
        self._layout()
        self.follow_item()
        self.refresh()

    def _renditions_table(self) -> QTableWidget:
        table = QTableWidget(0, 6, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Rendition"), self.tr("Size"), self.tr("Bit rate"), self.tr("File size"),
             self.tr("Made by"), self.tr("State")]
        )  # fmt: skip
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName(self.tr("Renditions"))
        return table

    def _layout(self) -> None:
        preview = QVBoxLayout()
        preview.addWidget(self.poster)
        preview.addStretch(1)
        facts_box = QGroupBox(self.tr("Source file"), self)
        facts_box.setLayout(self.facts)
        top = QHBoxLayout()
        top.addLayout(preview)
        top.addWidget(facts_box, 1)
        renditions_box = QGroupBox(self.tr("Renditions"), self)
        column = QVBoxLayout(renditions_box)
        column.addWidget(self.renditions)
        under = QHBoxLayout()
        under.addWidget(self.renditions_note, 1)
        under.addWidget(self.generate, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(under)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(renditions_box)
        upper_layout.addStretch(1)
        # On a short screen the facts scroll rather than squeeze into each other.
        scroller = QScrollArea(self)
        scroller.setWidget(upper)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.player_area, self.tr("Pla&yer"))
        self.tabs.addTab(scroller, self.tr("&Details"))
        cues_box = QGroupBox(self.tr("Subtitles"), self)
        QVBoxLayout(cues_box).addWidget(self.cues)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.waveform_slot)
        splitter.addWidget(cues_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([420, 0, 300])  # the picture large, a dozen cues under it
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    @property
    def video(self) -> Video:
        """The video shown, as the course holds it now."""
        return self.item_as(Video)

    @property
    def cue_model(self) -> CueTableModel:
        """The cues being edited (the waveform strip draws them as spans)."""
        return self.cues.model

    # --- the player -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Make the player the first time the editor is seen."""
        super().showEvent(event)
        if self.player is None and self.player_failed is None:
            self._make_player()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        """Stop playing when another item is shown: nobody watches a hidden video."""
        super().hideEvent(event)
        if self.player is not None:
            self.player.pause()

    def _space_plays(self, widget: QWidget, context: Qt.ShortcutContext) -> None:
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), widget)
        shortcut.setContext(context)
        shortcut.activated.connect(self.toggle_playback)

    def _make_player(self) -> None:
        try:
            from moocstudio.app.editors.player import VideoPlayer  # Qt Multimedia loads here
        except ImportError as exc:  # a system library Qt Multimedia needs is missing
            self.player_failed = QLabel(
                self.tr("The video cannot be played here: Qt Multimedia did not load (%1).")
                .replace("%1", str(exc)), self.player_area,
            )  # fmt: skip
            self.player_failed.setWordWrap(True)
            self.player_layout.addWidget(self.player_failed)
            return
        player = VideoPlayer(self.player_area)
        self._space_plays(player, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.player_layout.addWidget(player)
        player.position_changed.connect(self._playhead_moved)
        player.playing_changed.connect(lambda _on: self._show_caption())
        self.player = player
        self.cues.set_playhead(player.position)
        player.set_sources(self.playable_sources(self.video))
        self._make_waveform(player)

    def _make_waveform(self, player: VideoPlayer) -> None:
        """The waveform strip under the player, its peaks computed (or read back) in a job."""
        from moocstudio.app.editors.waveform import WaveformStrip  # numpy loads here
        from moocstudio.app.editors.waveform_loader import WaveformLoader

        strip = WaveformStrip(self.waveform_slot)
        strip.seekRequested.connect(self.seek)
        strip.cueEdgeMoved.connect(self._cue_edge_moved)
        # The editor forwards to whichever strip it holds now: a replaced strip is let go.
        self.position_changed.connect(self._waveform_position)
        player.playing_changed.connect(self._waveform_playing)
        self.cue_model.modelReset.connect(self._waveform_cues)
        self.cue_model.dataChanged.connect(self._waveform_cues)
        self.set_waveform(strip)
        self.waveform = strip
        self._waveform_cues()
        self.waveform_loader = WaveformLoader(strip, self.jobs)
        self.waveform_loader.load(self.document.folder, self.video)

    def _waveform_position(self, ms: int) -> None:
        if self.waveform is not None:
            self.waveform.setPosition(ms)

    def _waveform_playing(self, playing: bool) -> None:
        if self.waveform is not None and self.player is not None:
            self.waveform.set_playing(playing, float(self.player.speed.currentData()))

    def _waveform_cues(self) -> None:
        if self.waveform is not None:
            self.waveform.set_cues(self.cue_model.cues)

    def _cue_edge_moved(self, row: int, edge: str, ms: int) -> None:
        """A finished drag of a cue's edge on the strip: one undo step, or put the edge back."""
        cues = self.cue_model.cues
        if not 0 <= row < len(cues):
            return
        cue = cues[row]
        start, end = (ms / 1000, cue.end) if edge == "start" else (cue.start, ms / 1000)
        if not self.move_cue(row, start, end) and self.waveform is not None:
            self.waveform.set_cues(self.cue_model.cues)  # refused: the edge goes back

    def playable_sources(self, video: Video) -> list[Source]:
        """The video's files on disk that the player may open: the source, then each rendition.

        A path leading outside the course folder (a hand-edited course.json) is left out.
        """
        from moocstudio.app.editors.player import Source

        folder = self.document.folder.resolve()
        found = [(self.tr("Source: %1").replace("%1", video.source.original_name), video.source)]
        found += [
            (self.tr("Rendition %1").replace("%1", rendition.label), rendition.file)
            for rendition in video.renditions
        ]
        sources = []
        for label, asset in found:
            path = asset_path(self.document.folder, asset).resolve()
            if path.is_relative_to(folder) and path.is_file():
                sources.append(Source(label, path, asset.original_name))
        return sources

    def _offer_sources(self, video: Video) -> None:
        if self.player is None:
            return
        sources = self.playable_sources(video)
        if sources == self.player.sources:
            return
        current = self.player.source.currentIndex()
        was: Path | None = (
            self.player.sources[current].path if 0 <= current < len(self.player.sources) else None
        )
        paths = [source.path for source in sources]
        self.player.set_sources(sources, paths.index(was) if was in paths else 0)

    def seek(self, ms: int) -> None:
        """Move the playhead to ``ms`` (the waveform strip calls this on a click)."""
        if self.player is not None:
            self.player.seek(ms)

    def toggle_playback(self) -> None:
        """Play or pause (Space)."""
        if self.player is not None:
            self.player.toggle()

    def _play_from(self, ms: int) -> None:
        if self.player is not None:
            self.player.seek(ms)
            self.player.play()

    def _playhead_moved(self, ms: int) -> None:
        self._show_caption()
        self.position_changed.emit(ms)

    def _show_caption(self) -> None:
        if self.player is not None:
            text = self.cues.follow_playhead(self.player.position(), self.player.is_playing())
            self.player.set_caption(text)

    def move_cue(self, row: int, start: float, end: float) -> bool:
        """Retime the cue at ``row`` (seconds) as one undo step; False when refused.

        For the waveform strip's finished edge drags: an overlap or a negative time is refused
        with the reason under the cues and in the status bar, like any other timing edit.
        """
        return self.cue_model.move(row, start, end)

    def set_waveform(self, widget: QWidget) -> None:
        """Place the waveform strip between the player and the cues (replacing any earlier one).

        What the strip needs: ``position_changed`` (the playhead, in ms) and ``seek(ms)``;
        ``cue_model`` (its ``cues``, with ``modelReset`` and ``dataChanged`` after every edit,
        undo and redo) and ``move_cue`` for a dragged edge.
        """
        layout = self.waveform_layout
        while (old := layout.takeAt(0)) is not None:
            if (earlier := old.widget()) is not None:
                if earlier is self.waveform:
                    self.waveform = None
                    if self.waveform_loader is not None:
                        self.waveform_loader.detach()
                earlier.deleteLater()
        layout.addWidget(widget)
        self.waveform_slot.show()
        picture, _old_strip, cues = self.splitter.sizes()
        strip = max(widget.sizeHint().height(), widget.minimumHeight())
        # The strip's room comes from the cue list first (it scrolls), down to a few rows,
        # so the picture stays as large as it was.
        from_cues = max(0, min(strip, cues - CUE_LIST_ROOM))
        self.splitter.setSizes([picture - (strip - from_cues), strip, cues - from_cues])

    # --- facts and renditions -------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the video's poster, facts and renditions as they are now."""
        video = self.video
        poster = asset_path(self.document.folder, video.poster) if video.poster else None
        self.poster.set_file(poster, self.tr("No poster yet"))
        self._fill_facts(video)
        self._fill_renditions(video)
        self._offer_sources(video)

    def _fill_facts(self, video: Video) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        probe = video.probe
        picture, sound = probe.video, probe.audio
        rows = [
            (self.tr("Duration"), format_time(probe.duration)),
            (self.tr("File"), f"{video.source.original_name}, {file_size_text(probe.size_bytes)}"),
        ]
        if picture is not None:
            size = picture.display_size
            rows.append((self.tr("Picture"), f"{size[0]}×{size[1]}" if size else "—"))
            rows.append((self.tr("Video codec"), picture.codec or "—"))
            rate = f"{picture.frame_rate:.3g} fps" if picture.frame_rate else "—"
            if picture.variable_frame_rate:
                rate = self.tr("%1 (variable)").replace("%1", rate)
            rows.append((self.tr("Frame rate"), rate))
        if sound is None:
            rows.append((self.tr("Audio"), self.tr("none")))
        else:
            details = [sound.codec or "?", f"{sound.sample_rate} Hz" if sound.sample_rate else ""]
            if sound.channels:
                details.append(self._channels_text(sound.channels))
            rows.append((self.tr("Audio"), ", ".join(d for d in details if d)))
        rows.append((self.tr("Bit rate"), bit_rate_text(probe.bit_rate)))
        for problem in probe.problems:
            rows.append((self.tr("Problem"), problem))
        for name, value in rows:
            label = QLabel(value, self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.facts.addRow(name, label)

    def _channels_text(self, channels: int) -> str:
        if channels == 1:
            return self.tr("mono")
        if channels == 2:
            return self.tr("stereo")
        return self.tr("%1 channels").replace("%1", str(channels))

    def _fill_renditions(self, video: Video) -> None:
        self.renditions.setRowCount(len(video.renditions))
        missing = 0
        for row, rendition in enumerate(video.renditions):
            present = asset_path(self.document.folder, rendition.file).is_file()
            missing += not present
            for column, text in enumerate(self._rendition_cells(rendition, present)):
                self.renditions.setItem(row, column, QTableWidgetItem(text))
        self.renditions.resizeRowsToContents()
        self._fit_renditions_height()
        if not video.renditions:
            note = self.tr("None yet: use Media ▸ Generate Renditions.")
        elif missing:
            note = self.tr(
                "Some files are missing (the cache was cleared?): generate the renditions again."
            )
        else:
            note = ""
        if self.job is None:  # while a job runs, the note shows its progress
            self.renditions_note.setText(note)
        self.renditions.setVisible(bool(video.renditions))

    def _fit_renditions_height(self) -> None:
        # A ladder has a handful of rungs: show them all rather than a scrolling sliver.
        table = self.renditions
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        frame = 2 * table.frameWidth()
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + frame)

    def generate_renditions(self) -> None:
        """Make this video's renditions and poster on the JobCenter: one undo step at the end."""
        video = self.video
        try:
            self.job = submit_video_media(
                self.document, self.jobs, video, MediaSettings(subtitles=False),
                name=self.tr("%1: renditions").replace("%1", video.title),
                command_text=self.tr("Generate media"),
            )  # fmt: skip
        except JobConflict:
            self.renditions_note.setText(self.tr("Renditions of this video are being made."))
            return
        self.generate.setEnabled(False)
        self.renditions_note.setText(self.tr("Waiting for a free worker…"))
        self.job.progressed.connect(self._show_progress)
        self.job.failed.connect(self._job_failed)
        self.job.ended.connect(self._job_ended)

    def _show_progress(self, progress: Progress) -> None:
        percent = str(round(progress.fraction * 100))
        self.renditions_note.setText(self.tr("Making renditions… %1 %").replace("%1", percent))

    def _job_failed(self, message: str) -> None:
        self.renditions_note.setText(
            self.tr("The renditions could not be made: %1").replace("%1", message)
        )

    def _job_ended(self) -> None:
        failed = self.job is not None and self.job.state == "failed"
        self.job = None
        self.generate.setEnabled(True)
        if not failed:
            self._on_item_changed(self.item_id)  # shows the result; copes with a removed video

    def _rendition_cells(self, rendition: Rendition, present: bool) -> list[str]:
        return [
            rendition.label,
            f"{rendition.width}×{rendition.height}",
            bit_rate_text(rendition.bit_rate),
            file_size_text(rendition.file.size),
            self.tr("remuxed (copied)") if rendition.remuxed else self.tr("encoded"),
            self.tr("present") if present else self.tr("missing"),
        ]

    def commit_pending(self) -> None:
        """Save edited cues before the course is saved or closed, so no edit is lost silently.

        Cues that cannot be saved yet (an empty cue) stay in the table with the reason shown.
        """
        if self.cues.model.modified:
            self.cues.save()

    def _on_item_changed(self, item_id: str) -> None:
        if item_id != self.item_id:
            return
        try:
            self.refresh()
        except KeyError:
            return  # the video was removed; the window drops this editor
