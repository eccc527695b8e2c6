"""The video editor's player: Qt Multimedia playing the source or a rendition, the cue on top.

This module imports Qt Multimedia, which takes a noticeable time to load, so only the video
editor imports it, when it is first shown. The picture is a ``QGraphicsVideoItem`` in a
graphics view rather than a ``QVideoWidget``: Qt 6 draws a video widget in a native child
window, which ordinary widgets cannot paint over (the cue text) and which a window grab shows
blank; a graphics item is painted like the rest of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPainter, QResizeEvent, QShortcut
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink
from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.editors.cue_table import format_time

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
STEP_KEYS = {-5000: "Shift+Left", -1000: "Left", 1000: "Right", 5000: "Shift+Right"}
"""The seek steps (ms), in button order, and their keys while the player has focus."""
CAPTION_LINES_PER_HEIGHT = 16  # caption text height: a sixteenth of the picture, as players do
CAPTION_MARGIN = 0.05  # of the picture's height, between the caption and the bottom edge
CAPTION_BACKDROP = QColor(0, 0, 0, 170)  # readable on any picture, as broadcast captions


@dataclass(frozen=True)
class Source:
    """One playable file of a video: its source or one rendition.

    Attributes:
        label: What the file list shows ("Source: talk.mov", "Rendition 540p").
        path: The file, inside the course folder.
        name: The file's name as the author knows it (media files are stored under a hash).
    """

    label: str
    path: Path
    name: str


class VideoView(QGraphicsView):
    """The picture, scaled to fit, with the current cue's text drawn over its lower part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QBrush(Qt.GlobalColor.black))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.picture = QGraphicsVideoItem()
        self.picture.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.scene().addItem(self.picture)
        self.backdrop = QGraphicsRectItem()
        self.backdrop.setBrush(QBrush(CAPTION_BACKDROP))
        self.backdrop.setPen(Qt.PenStyle.NoPen)
        self.scene().addItem(self.backdrop)
        self.caption = QGraphicsTextItem()
        self.caption.setDefaultTextColor(Qt.GlobalColor.white)
        self.scene().addItem(self.caption)
        self.picture.nativeSizeChanged.connect(lambda _size: self._place())
        self.set_caption("")

    def set_caption(self, text: str) -> None:
        """Show ``text`` over the picture ("" hides it)."""
        if text == self.caption.toPlainText() and text:
            return
        self.caption.setPlainText(text)
        self._place()

    def caption_text(self) -> str:
        """The cue text shown now ("" when none)."""
        return self.caption.toPlainText() if self.caption.isVisible() else ""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Keep the picture filling the view and the caption under it."""
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        area = QRectF(self.viewport().rect())
        self.scene().setSceneRect(area)
        self.picture.setPos(area.topLeft())
        self.picture.setSize(area.size())
        frame = self._picture_rect(area)
        shown = bool(self.caption.toPlainText())
        self.caption.setVisible(shown)
        self.backdrop.setVisible(shown)
        if not shown:
            return
        font = QFont(self.font())
        font.setPixelSize(max(12, round(frame.height() / CAPTION_LINES_PER_HEIGHT)))
        self.caption.setFont(font)
        self.caption.setTextWidth(-1)
        text_option = self.caption.document().defaultTextOption()
        text_option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.document().setDefaultTextOption(text_option)
        widest = frame.width() * 0.9
        if self.caption.boundingRect().width() > widest:
            self.caption.setTextWidth(widest)
        box = self.caption.boundingRect()
        left = frame.center().x() - box.width() / 2
        top = frame.bottom() - frame.height() * CAPTION_MARGIN - box.height()
        self.caption.setPos(left, top)
        self.backdrop.setRect(QRectF(left, top, box.width(), box.height()))

    def _picture_rect(self, area: QRectF) -> QRectF:
        # Where the picture is drawn: the native size fitted into the view, centred.
        native = self.picture.nativeSize()
        if native.isEmpty():
            return area
        fitted = native.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = area.left() + (area.width() - fitted.width()) / 2
        top = area.top() + (area.height() - fitted.height()) / 2
        return QRectF(left, top, fitted.width(), fitted.height())


class VideoPlayer(QWidget):
    """Play one of a video's files: play/pause, seek, ±1 s and ±5 s, speed, source or rendition.

    Signals:
        position_changed: The playhead moved; the argument is in milliseconds.
        playing_changed: Playback started (True) or stopped (False).
    """

    position_changed = Signal(int)
    playing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.media = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.media.setAudioOutput(self.audio)
        self.view = VideoView(self)
        self.view.setAccessibleName(self.tr("Video"))
        self.view.setMinimumSize(QSizeF(256, 144).toSize())
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.media.setVideoOutput(self.view.picture)
        self.sources: list[Source] = []
        self._slider_held = False
        self._make_controls()
        self._layout()
        self._connect()
        self._shortcuts()

    # --- building ----------------------------------------------------------------------------

    def _make_controls(self) -> None:
        icons = self.style()
        self.play_button = self._tool(
            icons.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.tr("Play (Space)")
        )
        self.play_button.clicked.connect(self.toggle)
        self.step_buttons = []
        for step, keys in STEP_KEYS.items():
            # A true minus sign, as typeset numbers have.
            text = self.tr("%1 s").replace("%1", f"{step // 1000:+d}".replace("-", "\u2212"))
            tip = self.tr("Back %1 s (%2)") if step < 0 else self.tr("Forward %1 s (%2)")
            key_name = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            tip = tip.replace("%1", str(abs(step) // 1000)).replace("%2", key_name)
            button = self._tool(None, tip)
            button.setText(text)
            button.clicked.connect(lambda _on=False, ms=step: self.step(ms))
            self.step_buttons.append(button)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName(self.tr("Playhead"))
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(1000)
        self.slider.setPageStep(5000)
        self.time = QLabel(self)
        self.time.setAccessibleName(self.tr("Time"))
        self.time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.speed = QComboBox(self)
        self.speed.setAccessibleName(self.tr("Playback speed"))
        self.speed.setToolTip(self.tr("Playback speed"))
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.source = QComboBox(self)
        self.source.setAccessibleName(self.tr("File played"))
        self.source.setToolTip(self.tr("Play the source file or one of its renditions"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Player message"))
        self.message.hide()
        self._show_time()

    def _tool(self, icon: object, tip: str) -> QToolButton:
        button = QToolButton(self)
        if icon is not None:
            button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def _layout(self) -> None:
        # The seek bar has a row of its own: beside the buttons it would shrink to a dot.
        seek_row = QHBoxLayout()
        seek_row.addWidget(self.slider, 1)
        seek_row.addWidget(self.time)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        for button in self.step_buttons:
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.speed)
        controls.addWidget(self.source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(seek_row)
        layout.addLayout(controls)

    def _connect(self) -> None:
        self.media.positionChanged.connect(self._position_moved)
        self.media.durationChanged.connect(self._duration_known)
        self.media.playbackStateChanged.connect(self._state_changed)
        self.media.errorOccurred.connect(self._error)
        self.slider.sliderPressed.connect(lambda: setattr(self, "_slider_held", True))
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.valueChanged.connect(self._slider_moved)
        self.speed.currentIndexChanged.connect(
            lambda _i: self.media.setPlaybackRate(float(self.speed.currentData()))
        )
        self.source.currentIndexChanged.connect(self._source_picked)

    def _shortcuts(self) -> None:
        # Arrows seek only while the player has focus: in the cue table they move the selection.
        for step, keys in STEP_KEYS.items():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda ms=step: self.step(ms))

    # --- what the editor (and the waveform strip) use -----------------------------------------

    def set_sources(self, sources: list[Source], preferred: int = 0) -> None:
        """Offer ``sources`` in the file list and load ``preferred`` (or say none can play)."""
        self.sources = list(sources)
        self.source.blockSignals(True)
        self.source.clear()
        for source in self.sources:
            self.source.addItem(source.label, str(source.path))
        self.source.blockSignals(False)
        self.source.setEnabled(len(self.sources) > 1)
        if not self.sources:
            self.media.setSource(QUrl())
            self.show_problem(self.tr("No file of this video is in the course folder."))
            return
        self.source.setCurrentIndex(min(preferred, len(self.sources) - 1))
        self._source_picked(self.source.currentIndex())

    def _source_picked(self, index: int) -> None:
        if not 0 <= index < len(self.sources):
            return
        position, playing = self.media.position(), self.is_playing()
        self.show_problem("")
        self.media.setSource(QUrl.fromLocalFile(str(self.sources[index].path)))
        if position:
            self.media.setPosition(position)  # the same moment in the other file
        if playing:
            self.media.play()

    def video_sink(self) -> QVideoSink:
        """Where decoded frames arrive (tests and the screenshot script watch it)."""
        return self.view.picture.videoSink()

    def position(self) -> int:
        """The playhead, in milliseconds."""
        return self.media.position()

    def duration(self) -> int:
        """The file's length in milliseconds (0 until it is loaded)."""
        return self.media.duration()

    def is_playing(self) -> bool:
        """True while playing."""
        return self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def seek(self, ms: int) -> None:
        """Move the playhead to ``ms`` (kept within the file)."""
        upper = self.media.duration() or ms
        self.media.setPosition(max(0, min(ms, upper)))

    def step(self, ms: int) -> None:
        """Move the playhead by ``ms`` (negative: back)."""
        self.seek(self.media.position() + ms)

    def play(self) -> None:
        """Start playing from the playhead."""
        if self.media.source().isValid():
            self.media.play()

    def pause(self) -> None:
        """Stop at the playhead."""
        self.media.pause()

    def toggle(self) -> None:
        """Play when paused, pause when playing (Space)."""
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def set_rate(self, rate: float) -> None:
        """Play at ``rate`` (one of ``SPEEDS``)."""
        self.speed.setCurrentIndex(SPEEDS.index(rate))

    def set_caption(self, text: str) -> None:
        """Draw ``text`` (the current cue) over the picture; "" hides it."""
        self.view.set_caption(text)

    def show_problem(self, text: str) -> None:
        """Say why the video cannot play ("" hides the message)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- following the media player -----------------------------------------------------------

    def _position_moved(self, ms: int) -> None:
        if not self._slider_held:
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        self._show_time()
        self.position_changed.emit(ms)

    def _duration_known(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self._show_time()

    def _slider_moved(self, ms: int) -> None:
        if not self._slider_held:  # a click or a key on the slider: go there now
            self.seek(ms)

    def _slider_released(self) -> None:
        self._slider_held = False
        self.seek(self.slider.value())

    def _show_time(self) -> None:
        position = format_time(self.media.position() / 1000)
        self.time.setText(f"{position} / {format_time(self.media.duration() / 1000)}")

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        pixmaps = QStyle.StandardPixmap
        icon = pixmaps.SP_MediaPause if playing else pixmaps.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        tip = self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        self.play_button.setToolTip(tip)
        self.play_button.setAccessibleName(tip)
        self.playing_changed.emit(playing)

    def _error(self, _error: QMediaPlayer.Error, detail: str) -> None:
        index = self.source.currentIndex()
        name = self.sources[index].name if 0 <= index < len(self.sources) else ""
        text = self.tr("“%1” cannot be played: %2").replace("%1", name).replace("%2", detail)
        if len(self.sources) > 1:
            text += " " + self.tr("Pick another file in the list.")
        self.show_problem(text)
