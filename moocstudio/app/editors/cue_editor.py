"""The subtitle cue editor: a video's cues, one track at a time, edited and saved to WebVTT/SRT.

Saving writes the edited cues as new content-hashed WebVTT and SRT files (the media core
renders them) and pushes one undoable command replacing the video's subtitle list; the old
files stay in media/, so undo just points the track back at them.

Status: a saved track is "draft" unless the author ticks "Reviewed", which makes it "final".
Editing one cue of a placeholder track does not make the whole track reviewed, and only the
author knows when every cue has been checked, so the editor asks rather than guesses.

With a player (the video editor gives it one through ``set_playhead``) the editor works as in
Subtitle Edit: the cue under the playhead is marked and followed, double-clicking a cue plays
from its start, and the Timing menu sets a cue's start or end at the playhead, nudges it by
100 ms, splits it at the playhead or merges it with the next. Every edit of the table is one
step on the course's undo stack (``EditCues``); an edit that would make a cue overlap another,
or start before zero, is refused with the reason under the table and in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.commands import EditCues, SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.base import ItemWidget
from moocstudio.app.editors.cue_table import (
    START,
    TEXT,
    CueTableModel,
    CueTableView,
    CueTextDelegate,
)
from moocstudio.errors import MoocstudioError
from moocstudio.media.cues import Cue
from moocstudio.media.subtitle_files import read_webvtt, render_srt, render_webvtt
from moocstudio.model import SubtitleTrack, Video
from moocstudio.model.store import add_asset_bytes, asset_path

NUDGE_SECONDS = 0.1
STATUS_BAR_MS = 8000  # a refusal stays in the status bar long enough to read


class CueEditor(ItemWidget):
    """Edit the cues of a video's subtitle tracks and save them as new subtitle files.

    Signals:
        play_requested: Play from this time (milliseconds): a cue was double-clicked.
    """

    play_requested = Signal(int)

    def __init__(
        self, document: CourseDocument, item_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(document, item_id, parent)
        self.model = CueTableModel(self.video.duration, self)
        self.model.commit = self._push_edit
        self._loaded: SubtitleTrack | None = None
        self.playhead: Callable[[], int] | None = None
        self._make_widgets()
        self._make_timing_actions()
        self._layout()
        self.model.rejected.connect(self.refuse)
        self.model.edited.connect(self._update_buttons)
        self.model.edited.connect(lambda: self.show_message(""))
        self.model.row_focused.connect(self._focus_row)
        self.table.doubleClicked.connect(lambda index: self.play_from_cue(index.row()))
        self.language.currentIndexChanged.connect(self._language_picked)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.follow_item()
        self._fill_languages()

    def _make_widgets(self) -> None:
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Subtitle language"))
        self.language_label = QLabel(self.tr("&Language:"), self)
        self.language_label.setBuddy(self.language)
        self.table = CueTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(CueTextDelegate(self.table))
        self.table.setAccessibleName(self.tr("Subtitle cues"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)  # one line per cue; its line breaks show as " / "
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.add_button = self._button(self.tr("&Add Cue"), self.add_cue)
        # Not "Re&move": Alt+M opens the window's Media menu.
        self.remove_button = self._button(self.tr("&Remove Cue"), self.remove_cue)
        self.table.delete_pressed.connect(self.remove_cue)
        # Double-click plays from the cue (as in Subtitle Edit); F2, typing or a click on the
        # selected cell edits it.
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.EditKeyPressed | triggers.AnyKeyPressed | triggers.SelectedClicked
        )
        self.play_button = self._button(self.tr("&Play from Cue"), self.play_from_cue)
        self.play_button.setToolTip(self.tr("Play the video from the selected cue's start"))
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Subtitle status"))
        self.final = QCheckBox(self.tr("Revie&wed: every cue checked"), self)
        self.final.setAccessibleName(self.tr("Subtitles reviewed"))
        self.final.setToolTip(self.tr("Saved subtitles are marked final when ticked, else draft."))
        self.final.toggled.connect(lambda _on: self._update_buttons())
        self.save_button = self._button(self.tr("&Save Cues"), self.save)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Subtitle editor message"))

    def _make_timing_actions(self) -> None:
        def action(text: str, keys: str, slot: Callable[[], object]) -> QAction:
            made = QAction(text, self)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.play_action = action(self.tr("&Play from Cue"), "Ctrl+Return", self.play_from_cue)
        self.set_start_action = action(
            self.tr("Set &Start at Playhead"), "F11",
            lambda: self._at_playhead(self.model.set_start),
        )  # fmt: skip
        self.set_end_action = action(
            self.tr("Set &End at Playhead"), "F12", lambda: self._at_playhead(self.model.set_end)
        )
        self.nudge_earlier_action = action(
            self.tr("Nudge Ea&rlier (−100 ms)"), "Alt+Left", lambda: self._nudge(-NUDGE_SECONDS)
        )
        self.nudge_later_action = action(
            self.tr("Nudge &Later (+100 ms)"), "Alt+Right", lambda: self._nudge(NUDGE_SECONDS)
        )
        self.split_action = action(
            self.tr("Spl&it at Playhead"), "Ctrl+K", lambda: self._at_playhead(self.model.split)
        )
        self.merge_action = action(
            self.tr("&Merge with Next"), "Ctrl+Shift+M", lambda: self._on_row(self.model.merge_next)
        )
        self.timing_menu = QMenu(self.tr("Timing"), self)
        self.timing_menu.addAction(self.play_action)
        self.timing_menu.addSeparator()
        self.timing_menu.addActions([self.set_start_action, self.set_end_action])
        self.timing_menu.addActions([self.nudge_earlier_action, self.nudge_later_action])
        self.timing_menu.addSeparator()
        self.timing_menu.addActions([self.split_action, self.merge_action])
        # A push button like its neighbours; with a menu it opens it and shows an arrow.
        self.timing_button = QPushButton(self.tr("&Timing"), self)
        self.timing_button.setAccessibleName(self.tr("Timing"))
        self.timing_button.setMenu(self.timing_menu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.playhead_actions = [
            self.set_start_action, self.set_end_action, self.split_action, self.play_action,
        ]  # fmt: skip

    def _context_menu(self, where: QPoint) -> None:
        self.timing_menu.popup(self.table.viewport().mapToGlobal(where))

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        top.addWidget(self.play_button)
        top.addWidget(self.timing_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.final)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    @property
    def video(self) -> Video:
        """The video whose subtitles are edited, as the course holds it now."""
        return self.item_as(Video)

    def track(self) -> SubtitleTrack | None:
        """The track picked in the language list, as the course holds it now."""
        language = self.language.currentData()
        return next((t for t in self.video.subtitles if t.language == language), None)

    def _fill_languages(self) -> None:
        current = self.language.currentData()
        self.language.blockSignals(True)
        self.language.clear()
        for track in self.video.subtitles:
            self.language.addItem(track.language, track.language)
        found = self.language.findData(current)
        self.language.setCurrentIndex(found if found >= 0 else 0)
        self.language.blockSignals(False)
        several = self.language.count() > 1
        self.language.setVisible(several)  # one track: nothing to pick
        self.language_label.setVisible(several)
        self.load_track()

    def _language_picked(self, _index: int) -> None:
        # Edits of the track being left are saved, not dropped; if they cannot be saved yet
        # (an empty cue), stay on that track with the reason shown.
        if self.model.modified and self._loaded is not None and not self.save():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(self.language.findData(self._loaded.language))
            self.language.blockSignals(False)
            return
        self.load_track()

    def load_track(self) -> None:
        """Show the picked track's cues as saved (unsaved edits of the table are dropped)."""
        track = self.track()
        self._loaded = track
        self.model.duration = self.video.duration
        if track is None:
            self.model.set_cues([])
            self.show_message(
                self.tr("No subtitles yet: use Media ▸ Generate Subtitle Placeholders.")
            )
        else:
            try:
                cues = read_webvtt(asset_path(self.document.folder, track.vtt))
                self.model.set_cues(cues, track.language)
                self.show_message("")
            except MoocstudioError as exc:
                self.model.set_cues([])
                self.show_message(exc.user_message)
            self.final.setChecked(track.status == "final")
        self.status.setText(self._status_text(track))
        self.table.setEnabled(track is not None)
        self._update_buttons()

    def _status_text(self, track: SubtitleTrack | None) -> str:
        if track is None:
            return ""
        status = {
            "placeholder": self.tr("placeholders to replace"),
            "draft": self.tr("draft, to check"),
            "final": self.tr("final"),
        }[track.status]
        return self.tr("Status: %1").replace("%1", status)

    def _update_buttons(self) -> None:
        has_track = self._loaded is not None
        row = self.table.currentIndex().row()
        self.add_button.setEnabled(has_track)
        self.remove_button.setEnabled(has_track and row >= 0)
        status_changed = has_track and self.final.isChecked() != (self._loaded.status == "final")  # type: ignore[union-attr]
        self.save_button.setEnabled(has_track and (self.model.modified or status_changed))
        self.final.setEnabled(has_track)
        on_cue = has_track and row >= 0
        for timing in (self.nudge_earlier_action, self.nudge_later_action, self.merge_action):
            timing.setEnabled(on_cue)
        for timing in self.playhead_actions:
            timing.setEnabled(on_cue and self.playhead is not None)
        self.play_button.setEnabled(self.play_action.isEnabled())

    def show_message(self, text: str) -> None:
        """Say something about the cues under the table ("" clears it)."""
        self.message.setText(text)

    def refuse(self, reason: str) -> None:
        """Say why an edit was refused, under the table and in the window's status bar."""
        self.show_message(reason)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(reason, STATUS_BAR_MS)

    # --- the player ---------------------------------------------------------------------------

    def set_playhead(self, playhead: Callable[[], int] | None) -> None:
        """Use ``playhead`` (the player's position in milliseconds) for the timing edits."""
        self.playhead = playhead
        self._update_buttons()

    def follow_playhead(self, ms: int, playing: bool) -> str:
        """Mark the cue under the playhead; while playing, select each cue it enters and show it.

        Returns:
            That cue's text, to draw over the picture ("" between cues).
        """
        row = self.model.row_at(ms / 1000)
        entered = row != self.model.playing_row
        self.model.set_playing_row(row)
        if row < 0:
            return ""
        # Only on entering a cue: a cue the author picks while playing stays picked.
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if playing and entered and not editing:
            self.table.setCurrentIndex(self.model.index(row, self._current_column()))
            self.table.scrollTo(self.model.index(row, START))
        return self.model.cues[row].text

    def play_from_cue(self, row: int | None = None) -> None:
        """Play from the start of the cue at ``row`` (the selected one by default)."""
        row = self.table.currentIndex().row() if row is None else row
        if 0 <= row < self.model.rowCount() and self.playhead is not None:
            self.play_requested.emit(round(self.model.cues[row].start * 1000))

    def _at_playhead(self, edit: Callable[[int, float], bool]) -> None:
        row = self.table.currentIndex().row()
        if self.playhead is not None and 0 <= row < self.model.rowCount():
            edit(row, self.playhead() / 1000)

    def _nudge(self, seconds: float) -> None:
        self._on_row(lambda row: self.model.nudge(row, seconds))

    def _on_row(self, edit: Callable[[int], bool]) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            edit(row)

    def _push_edit(self, cues: list[Cue], text: str, row: int) -> None:
        self.document.push(EditCues(self.model, cues, text, row))

    def _focus_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, self._current_column()))

    def _current_column(self) -> int:
        column = self.table.currentIndex().column()
        return column if column >= 0 else START

    def add_cue(self) -> None:
        """Add an empty cue after the selected one (at the start when none is selected)."""
        row = self.model.insert_after(self.table.currentIndex().row())
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, TEXT))
            self.table.edit(self.model.index(row, TEXT))

    def remove_cue(self) -> None:
        """Delete the selected cue."""
        row = self.table.currentIndex().row()
        self.model.remove(row)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def save(self) -> bool:
        """Write the cues as new WebVTT and SRT files and point the track at them (undoable).

        Returns:
            True when saved; False when the cues cannot be saved (the message says why).
        """
        track = self._loaded
        if track is None:
            return False
        problems = self.model.problems()
        if problems:
            self.show_message(problems[0])
            return False
        cues = sorted(self.model.cues, key=lambda cue: (cue.start, cue.end))
        srt_name = track.srt.original_name if track.srt else f"{track.language}.srt"
        try:
            vtt = render_webvtt(cues, language=track.language).encode("utf-8")
            srt = render_srt(cues).encode("utf-8")
            updated = track.model_copy(
                update={
                    "vtt": add_asset_bytes(self.document.folder, vtt, track.vtt.original_name),
                    "srt": add_asset_bytes(self.document.folder, srt, srt_name),
                    "status": "final" if self.final.isChecked() else "draft",
                }
            )
        except MoocstudioError as exc:
            self.show_message(exc.user_message)
            return False
        tracks = [updated if t.language == track.language else t for t in self.video.subtitles]
        self.document.push(
            SetFields(
                self.document, Target("item", self.item_id), {"subtitles": tracks},
                self.tr("Edit subtitles"),
            )
        )  # fmt: skip
        self.show_message(self.tr("Saved."))
        return True

    def _on_item_changed(self, item_id: str) -> None:
        if item_id != self.item_id:
            return
        try:
            tracks = self.video.subtitles
        except KeyError:
            return  # the video was removed; the window drops this editor
        if [t.language for t in tracks] != [
            self.language.itemData(i) for i in range(self.language.count())
        ]:
            self._fill_languages()
        elif self.track() != self._loaded:
            self.load_track()  # saved, undone or regenerated: show the track as it is now
