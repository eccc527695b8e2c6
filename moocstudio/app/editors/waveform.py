"""The waveform strip under the player: peaks, speech, cues with draggable edges, a playhead.

What the author can do here, as in Subtitle Edit or Aegisub: click to seek, drag a cue's start
or end (the pointer turns into a resize arrow over an edge), zoom with Ctrl+wheel around the
pointer, scroll with the wheel. The strip only reports what the author did (``seekRequested``,
``cueEdgeMoved`` once per finished drag); the editor decides, pushes one undo command and
calls :meth:`WaveformStrip.set_cues` with the result.

Drawing stays cheap while playing: everything but the playhead is painted into a pixmap once
per change of view, and a move of the playhead repaints only the two thin strips it leaves and
enters. When the playhead runs off the right edge the view turns a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    Property,
    QElapsedTimer,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from moocstudio.app.editors.waveform_paint import (
    PLAYHEAD_COLOUR,
    RULER_HEIGHT,
    CueSpan,
    PeakLevels,
    StripPainter,
    View,
)
from moocstudio.media.cues import Cue, to_ms
from moocstudio.media.peaks import Waveform

DEFAULT_PX_PER_SECOND = 60.0  # about 15 s in a 900 px strip: cue-sized, as subtitle editors open
MAX_PX_PER_SECOND = 600.0  # 6 px per 10 ms bucket: the finest the peaks hold, and then some
ZOOM_PER_NOTCH = 1.25  # one wheel notch (120 eighths of a degree)
WHEEL_NOTCH = 120
SCROLL_PER_NOTCH = 0.1  # share of the view one wheel notch scrolls
EDGE_GRAB_PX = 5  # how near an edge the pointer must be to take it
DRAG_START_PX = 3  # below this a press on an edge is a click (it seeks), not a drag
MIN_CUE_MS = 100  # a dragged edge stops this short of its cue's other edge
FRAME_MS = 16  # about 60 frames per second while playing
PAGE_LEAD = 0.1  # after a page turn the playhead sits this far into the view
PLAYHEAD_HALF_WIDTH = 6  # the playhead's marker on the ruler; also its repaint margin


@dataclass
class _EdgeDrag:
    """An edge being dragged: which, where the press was, its value before and now."""

    index: int
    edge: str
    press_x: float
    original: int
    value: int
    moving: bool = False


class WaveformStrip(QAbstractScrollArea):
    """A zoomable strip of a recording's waveform with its speech, cues and playhead.

    Signals:
        seekRequested(int): The author clicked at this time (ms): the player should go there.
        cueEdgeMoved(int, str, int): A drag finished: cue index, "start" or "end", new time (ms).
        zoomChanged(float): The zoom changed (pixels per second).
    """

    seekRequested = Signal(int)  # noqa: N815 (Qt's naming, like the player's signals)
    cueEdgeMoved = Signal(int, str, int)  # noqa: N815
    zoomChanged = Signal(float)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._levels: PeakLevels | None = None
        self._speech: list[tuple[float, float]] = []
        self._cues: list[CueSpan] = []
        self._duration_ms = 0.0
        self._position = 0.0
        self._px_per_second = DEFAULT_PX_PER_SECOND
        self._zoomed_by_user = False
        self._message = ""
        self._picture: QPixmap | None = None
        self._drag: _EdgeDrag | None = None
        self._hot_edge: tuple[int, str] | None = None
        self._playing = False
        self._rate = 1.0
        self._anchor_ms = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._advance)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.horizontalScrollBar().valueChanged.connect(self._view_changed)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Waveform"))
        self.setToolTip(
            self.tr(
                "Click to play from there; drag the edge of a cue to change its time; "
                "Ctrl+wheel to zoom"
            )
        )

    # -- what the editor gives ------------------------------------------------------------

    def set_waveform(self, waveform: Waveform | None) -> None:
        """Show a recording's peaks and speech (None: none yet, e.g. while computing)."""
        if waveform is None:
            self._levels, self._speech = None, []
        else:
            self._levels = PeakLevels(waveform)
            self._speech = [(s.start, s.end) for s in waveform.speech]
            self._duration_ms = max(self._duration_ms, waveform.duration * 1000)
            self._message = ""
        self._layout_changed()

    def set_duration(self, seconds: float) -> None:
        """The recording's length, for cues and the ruler before (or without) any peaks."""
        self._duration_ms = max(0.0, seconds * 1000)
        self._layout_changed()

    def set_cues(self, cues: Sequence[Cue]) -> None:
        """The cues to draw, in the order their indices in ``cueEdgeMoved`` refer to."""
        spans = [CueSpan(to_ms(c.start), to_ms(c.end), c.text.replace("\n", " / ")) for c in cues]
        if self._drag is not None and len(spans) != len(self._cues):
            self._drag = None  # the cue being dragged may be gone
        self._cues = spans
        self._invalidate()

    def set_message(self, text: str) -> None:
        """A line shown where the peaks go while there are none ("Reading the sound…")."""
        self._message = text
        self._invalidate()

    def message(self) -> str:
        """The line shown in place of the peaks, if any."""
        return self._message

    def cues(self) -> list[CueSpan]:
        """The cues as drawn (a dragged edge shows its new time until ``set_cues``)."""
        spans = list(self._cues)
        if self._drag is not None and self._drag.moving:
            spans[self._drag.index] = self._dragged(spans[self._drag.index])
        return spans

    def has_waveform(self) -> bool:
        """True once peaks are shown."""
        return self._levels is not None

    # -- the playhead -----------------------------------------------------------------------

    def position(self) -> int:
        """The playhead's time, ms."""
        return round(self._position)

    def setPosition(self, ms: int) -> None:  # noqa: N802 (connects to QMediaPlayer.positionChanged)
        """Move the playhead to ``ms`` (the player's position); the view follows it."""
        self._anchor_ms = float(ms)
        self._clock.restart()
        self._move_playhead(float(ms))

    playhead = Property(int, position, setPosition)

    def set_playing(self, playing: bool, rate: float = 1.0) -> None:
        """Say whether the player plays (and how fast): the playhead then moves by itself.

        A player reports its position a few times a second; between reports the strip moves the
        playhead on its own clock, so it glides at the screen's pace, and each report from the
        player puts it back in step.
        """
        self._playing, self._rate = playing, rate
        self._anchor_ms = self._position
        self._clock.restart()
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def is_playing(self) -> bool:
        """True between ``set_playing(True)`` and ``set_playing(False)``."""
        return self._playing

    def _advance(self) -> None:
        ms = self._anchor_ms + self._clock.elapsed() * self._rate
        if self._duration_ms > 0:
            ms = min(ms, self._duration_ms)
        self._move_playhead(ms)

    def _move_playhead(self, ms: float) -> None:
        old_x = self.x_for_ms(self._position)
        self._position = max(0.0, ms)
        new_x = self.x_for_ms(self._position)
        width = self.viewport().width()
        was_in_view = 0 <= old_x <= width
        if was_in_view and not 0 <= new_x <= width - 1:
            self.ensure_visible(round(self._position))  # a page turn, or a seek out of view
            return
        if old_x != new_x:
            self.viewport().update(self._playhead_rect(old_x))
            self.viewport().update(self._playhead_rect(new_x))

    def _playhead_rect(self, x: float) -> QRect:
        return QRect(
            int(x) - PLAYHEAD_HALF_WIDTH, 0, 2 * PLAYHEAD_HALF_WIDTH + 2, self.viewport().height()
        )

    def ensure_visible(self, ms: int) -> None:
        """Scroll so that ``ms`` is in view, a little in from the left edge, if it is not."""
        x = self.x_for_ms(ms)
        if 0 <= x < self.viewport().width() - 1:
            return
        bar = self.horizontalScrollBar()
        bar.setValue(round(ms * self._px_per_second / 1000 - PAGE_LEAD * self.viewport().width()))
        self.viewport().update()

    # -- zoom and scroll ----------------------------------------------------------------------

    def zoom(self) -> float:
        """Pixels per second of audio."""
        return self._px_per_second

    def set_zoom(self, px_per_second: float, anchor_x: float | None = None) -> None:
        """Zoom to ``px_per_second``, keeping the time at viewport x ``anchor_x`` in place.

        Clamped between "the whole recording fits" and MAX_PX_PER_SECOND; the anchor is the
        view's centre when None.
        """
        width = self.viewport().width()
        anchor = width / 2 if anchor_x is None else anchor_x
        anchor_ms = self.ms_at(anchor)
        new = min(MAX_PX_PER_SECOND, max(self._fit_zoom(), px_per_second))
        if new == self._px_per_second:
            return
        self._px_per_second = new
        self._zoomed_by_user = True
        self._update_scroll_range()
        self.horizontalScrollBar().setValue(round(anchor_ms * new / 1000 - anchor))
        self._invalidate()
        self.zoomChanged.emit(new)

    def _fit_zoom(self) -> float:
        """Zoom at which the whole recording fills the view."""
        if self._duration_ms <= 0:
            return DEFAULT_PX_PER_SECOND
        return min(MAX_PX_PER_SECOND, self.viewport().width() * 1000 / self._duration_ms)

    def view(self) -> View:
        """The stretch of time shown now."""
        size = self.viewport().size()
        start = self.horizontalScrollBar().value() * 1000 / self._px_per_second
        return View(start, self._px_per_second, size.width(), size.height())

    def x_for_ms(self, ms: float) -> float:
        """Viewport x of a time."""
        return self.view().x_for(ms)

    def ms_at(self, x: float) -> float:
        """Time at viewport x."""
        return self.view().ms_at(x)

    def _layout_changed(self) -> None:
        if not self._zoomed_by_user:
            self._px_per_second = max(DEFAULT_PX_PER_SECOND, self._fit_zoom())
        self._px_per_second = max(self._px_per_second, self._fit_zoom())
        self._update_scroll_range()
        self._invalidate()

    def _update_scroll_range(self) -> None:
        bar = self.horizontalScrollBar()
        width = self.viewport().width()
        total = round(self._duration_ms * self._px_per_second / 1000)
        bar.setRange(0, max(0, total - width))
        bar.setPageStep(width)
        bar.setSingleStep(max(1, width // 20))

    def _view_changed(self) -> None:
        self._invalidate()

    def _invalidate(self) -> None:
        self._picture = None
        self.viewport().update()

    # -- painting -----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Wide, and tall enough for the ruler, the peaks and the cue band."""
        return QSize(640, 140)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for the ruler, some peaks and the cue band."""
        return QSize(160, 90)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Refit the zoom and the scroll range to the new width."""
        super().resizeEvent(event)
        self._layout_changed()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Copy the exposed part of the picture (painting it first if stale), then the playhead."""
        picture = self._current_picture()
        painter = QPainter(self.viewport())
        exposed = event.rect()
        ratio = picture.devicePixelRatio()
        source = QRectF(QPointF(exposed.topLeft()) * ratio, QSizeF(exposed.size()) * ratio)
        painter.drawPixmap(QRectF(exposed), picture, source)
        x = self.x_for_ms(self._position)
        if exposed.intersects(self._playhead_rect(x)):
            self._paint_playhead(painter, x)
        painter.end()

    def _current_picture(self) -> QPixmap:
        ratio = self.viewport().devicePixelRatioF()
        size = self.viewport().size()
        picture = self._picture
        if picture is None or picture.size() != size * ratio:
            picture = QPixmap(size * ratio)
            picture.setDevicePixelRatio(ratio)
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            StripPainter(painter, self.palette(), self.font(), self.view()).paint(
                self._levels,
                self._speech,
                self.cues(),
                self._duration_ms,
                self._hot_edge,
                self._message,
            )
            painter.end()
            self._picture = picture
        return picture

    def _paint_playhead(self, painter: QPainter, x: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(PLAYHEAD_COLOUR, 2))
        painter.drawLine(QPointF(x, 0), QPointF(x, self.viewport().height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PLAYHEAD_COLOUR)
        marker = QPolygonF(
            [
                QPointF(x - PLAYHEAD_HALF_WIDTH + 1, 0),
                QPointF(x + PLAYHEAD_HALF_WIDTH - 1, 0),
                QPointF(x, RULER_HEIGHT / 2),
            ]
        )
        painter.drawPolygon(marker)

    # -- the mouse and the keyboard -----------------------------------------------------------

    def edge_at(self, x: float) -> tuple[int, str] | None:
        """The cue edge within reach of viewport x, as (index, "start" or "end"), or None.

        Where one cue ends as the next starts, the side the pointer is on decides.
        """
        best: tuple[float, int, int, str] | None = None
        for index, cue in enumerate(self._cues):
            for edge, ms in (("start", cue.start), ("end", cue.end)):
                offset = x - self.x_for_ms(ms)
                if abs(offset) > EDGE_GRAB_PX:
                    continue
                # Left of a shared edge is the earlier cue's end, right of it the later's start.
                wrong_side = (offset < 0) == (edge == "start")
                key = (abs(offset), int(wrong_side), index, edge)
                if best is None or key < best:
                    best = key
        return None if best is None else (best[2], best[3])

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Take a cue edge, or seek to the time clicked."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        x = event.position().x()
        hit = self.edge_at(x)
        if hit is not None:
            index, edge = hit
            value = getattr(self._cues[index], edge)
            self._drag = _EdgeDrag(index, edge, x, value, value)
            return
        self._seek_to(x)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Move the edge being dragged, or show whether an edge is within reach."""
        x = event.position().x()
        drag = self._drag
        if drag is not None:
            if not drag.moving and abs(x - drag.press_x) < DRAG_START_PX:
                return
            drag.moving = True
            wanted = drag.original + (x - drag.press_x) * 1000 / self._px_per_second
            drag.value = self._clamped(drag.index, drag.edge, round(wanted))
            self._invalidate()
            return
        hit = self.edge_at(x)
        if hit != self._hot_edge:
            self._hot_edge = hit
            if hit is None:
                self.viewport().unsetCursor()
            else:
                self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
            self._invalidate()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Finish a drag with one ``cueEdgeMoved``; a press that never moved seeks instead."""
        drag = self._drag
        if event.button() != Qt.MouseButton.LeftButton or drag is None:
            super().mouseReleaseEvent(event)
            return
        if not drag.moving:
            self._drag = None
            self._seek_to(drag.press_x)
            return
        self._cues[drag.index] = self._dragged(self._cues[drag.index])
        self._drag = None
        self._invalidate()
        if drag.value != drag.original:
            self.cueEdgeMoved.emit(drag.index, drag.edge, drag.value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Escape puts a dragged edge back where it was."""
        if event.key() == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None
            self._invalidate()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+wheel zooms around the pointer; the wheel alone scrolls through time."""
        delta = event.angleDelta()
        notches = (delta.y() or delta.x()) / WHEEL_NOTCH
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self._px_per_second * ZOOM_PER_NOTCH**notches, event.position().x())
        else:
            step = round(notches * SCROLL_PER_NOTCH * self.viewport().width())
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - step)
        event.accept()

    def _seek_to(self, x: float) -> None:
        ms = round(min(max(0.0, self.ms_at(x)), self._duration_ms or self.ms_at(x)))
        self.setPosition(ms)
        self.seekRequested.emit(ms)

    def _dragged(self, cue: CueSpan) -> CueSpan:
        assert self._drag is not None
        if self._drag.edge == "start":
            return CueSpan(self._drag.value, cue.end, cue.text)
        return CueSpan(cue.start, self._drag.value, cue.text)

    def _clamped(self, index: int, edge: str, ms: int) -> int:
        """``ms`` kept inside the recording, clear of the cue's other edge and its neighbours."""
        cue = self._cues[index]
        if edge == "start":
            low = self._cues[index - 1].end if index > 0 else 0
            high = cue.end - MIN_CUE_MS
        else:
            low = cue.start + MIN_CUE_MS
            following = self._cues[index + 1].start if index + 1 < len(self._cues) else None
            high = following if following is not None else round(self._duration_ms or ms)
        return max(low, min(high, ms))
