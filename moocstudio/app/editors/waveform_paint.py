"""Painting the waveform strip's picture: time ruler, speech, peaks and cues, for one view.

The strip paints this picture once per change of view (scroll, zoom, size, cues, peaks) into a
pixmap and then only copies it, so a moving playhead costs a few pixels' copy per frame.
Peaks are drawn from a pyramid of levels (each halving the one below), so a view of an hour
reads a few thousand values, never the 360,000 of the finest level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygonF

from moocstudio.media.peaks import Peaks, Waveform

RULER_HEIGHT = 16
SPEECH_BAR_HEIGHT = 4
CUE_BAND_HEIGHT = 22
SPEECH_TINT_ALPHA = 36  # behind the peaks: a hint, the peaks stay readable
SPEECH_BAR_ALPHA = 200  # the bar under the ruler: speech at a glance
MIN_LABEL_SPACING = 70  # pixels between two time labels on the ruler
QUIET_FLOOR = 1000  # about -30 dBFS: a silent recording is not blown up to full height
# (seconds between labelled ticks, unlabelled ticks per step), from the finest.
TICK_STEPS = (
    (0.1, 2), (0.2, 2), (0.5, 5), (1, 5), (2, 4), (5, 5), (10, 5), (15, 3), (30, 3), (60, 4),
    (120, 4), (300, 5), (600, 5), (900, 3), (1800, 3), (3600, 4),
)  # fmt: skip
CUE_COLOUR = QColor(232, 150, 20)  # amber: apart from the palette's blue highlight (speech)
PLAYHEAD_COLOUR = QColor(214, 40, 40)


@dataclass(frozen=True)
class CueSpan:
    """A cue as the strip draws it: [start, end) in milliseconds and one line of its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class View:
    """Which stretch of time the strip shows, and how large.

    Attributes:
        start_ms: Time at the left edge.
        px_per_second: Zoom.
        width: Viewport width in pixels.
        height: Viewport height in pixels.
    """

    start_ms: float
    px_per_second: float
    width: int
    height: int

    def x_for(self, ms: float) -> float:
        """Viewport x of a time."""
        return (ms - self.start_ms) * self.px_per_second / 1000

    def ms_at(self, x: float) -> float:
        """Time at viewport x."""
        return self.start_ms + x * 1000 / self.px_per_second

    @property
    def end_ms(self) -> float:
        """Time at the right edge."""
        return self.ms_at(self.width)

    @property
    def wave_top(self) -> int:
        """Top of the peaks' area (below the ruler and the speech bar)."""
        return RULER_HEIGHT + SPEECH_BAR_HEIGHT

    @property
    def wave_bottom(self) -> int:
        """Bottom of the peaks' area (above the cue band)."""
        return max(self.wave_top + 2, self.height - CUE_BAND_HEIGHT)


class PeakLevels:
    """A waveform's peaks at every power-of-two coarseness, for drawing at any zoom."""

    def __init__(self, waveform: Waveform) -> None:
        self.rate = waveform.buckets_per_second
        self.loudest = waveform.loudest
        levels = [(waveform.minima, waveform.maxima)]
        while len(levels[-1][0]) > 1:
            low, high = levels[-1]
            if len(low) % 2:  # pair the odd last bucket with itself
                low, high = np.append(low, low[-1]), np.append(high, high[-1])
            levels.append((low.reshape(-1, 2).min(axis=1), high.reshape(-1, 2).max(axis=1)))
        self.levels: list[tuple[Peaks, Peaks]] = levels

    def columns(self, view: View) -> tuple[np.ndarray, Peaks, Peaks]:
        """Per pixel column of ``view``: its x, its lowest and its highest sample.

        Columns past the end of the recording are left out.
        """
        buckets_per_px = self.rate / view.px_per_second
        finest_fit = math.floor(math.log2(max(buckets_per_px, 1.0)))
        level = min(len(self.levels) - 1, finest_fit)
        low, high = self.levels[level]
        rate = self.rate / 2**level
        edges_s = view.start_ms / 1000 + np.arange(view.width + 1) / view.px_per_second
        edges = np.clip(np.floor(edges_s * rate).astype(np.int64), 0, len(low))
        first, last = int(edges[0]), int(min(max(edges[-1], edges[0] + 1), len(low)))
        inside = np.flatnonzero(edges[:-1] < last)
        if first >= last or not len(inside):
            return np.zeros(0), np.zeros(0, np.int16), np.zeros(0, np.int16)
        offsets = edges[inside] - first
        lows = np.minimum.reduceat(low[first:last], offsets)
        highs = np.maximum.reduceat(high[first:last], offsets)
        return inside.astype(np.float64), lows, highs


def tick_step(px_per_second: float) -> tuple[float, int]:
    """Seconds between labelled ticks (the smallest with room for a label), and subdivisions."""
    for step, divisions in TICK_STEPS:
        if step * px_per_second >= MIN_LABEL_SPACING:
            return step, divisions
    return TICK_STEPS[-1]


def time_label(seconds: float, step: float) -> str:
    """A ruler label: ``m:ss``, ``h:mm:ss`` past an hour, tenths when ticks are that close."""
    tenths = step < 1
    total = round(seconds * 10) if tenths else round(seconds) * 10
    hours, rest = divmod(total, 36000)
    minutes, rest = divmod(rest, 600)
    secs, tenth = divmod(rest, 10)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{tenth}" if tenths else text


class StripPainter:
    """Paints one view of the strip: background, ruler, speech, peaks, cues, message."""

    def __init__(self, painter: QPainter, palette: QPalette, font: QFont, view: View) -> None:
        self.p = painter
        self.palette = palette
        self.font = font
        self.view = view

    def paint(
        self,
        levels: PeakLevels | None,
        speech: Sequence[tuple[float, float]],
        cues: Sequence[CueSpan],
        duration_ms: float,
        hot_edge: tuple[int, str] | None,
        message: str,
    ) -> None:
        """Paint everything but the playhead."""
        view = self.view
        self.p.fillRect(0, 0, view.width, view.height, self.palette.color(QPalette.ColorRole.Base))
        end_x = min(view.width, view.x_for(duration_ms)) if duration_ms > 0 else 0
        if end_x < view.width:  # past the end of the recording
            self.p.fillRect(
                QRectF(end_x, 0, view.width - end_x, view.height),
                self.palette.color(QPalette.ColorRole.Window),
            )
        self._speech(speech)
        if levels is not None:
            self._peaks(levels)
        self._cues(cues, hot_edge)
        self._ruler(duration_ms)
        if message:
            self._message(message)

    def _speech(self, speech: Sequence[tuple[float, float]]) -> None:
        view = self.view
        highlight = self.palette.color(QPalette.ColorRole.Highlight)
        tint, bar = QColor(highlight), QColor(highlight)
        tint.setAlpha(SPEECH_TINT_ALPHA)
        bar.setAlpha(SPEECH_BAR_ALPHA)
        wave_height = view.wave_bottom - view.wave_top
        for start, end in speech:
            if end * 1000 < view.start_ms or start * 1000 > view.end_ms:
                continue
            left, right = view.x_for(start * 1000), view.x_for(end * 1000)
            self.p.fillRect(QRectF(left, view.wave_top, right - left, wave_height), tint)
            self.p.fillRect(QRectF(left, RULER_HEIGHT, right - left, SPEECH_BAR_HEIGHT), bar)

    def _peaks(self, levels: PeakLevels) -> None:
        view = self.view
        xs, lows, highs = levels.columns(view)
        if not len(xs):
            return
        middle = (view.wave_top + view.wave_bottom) / 2
        scale = (view.wave_bottom - view.wave_top) / 2 / max(levels.loudest, QUIET_FLOOR)
        tops = (middle - highs.astype(np.float64) * scale).tolist()
        bottoms = (middle - lows.astype(np.float64) * scale).tolist()
        centres = (xs + 0.5).tolist()
        outline = QPolygonF(
            [QPointF(x, y) for x, y in zip(centres, tops, strict=True)]
            + [QPointF(x, y) for x, y in zip(reversed(centres), reversed(bottoms), strict=True)]
        )
        colour = self.palette.color(QPalette.ColorRole.Text)
        colour.setAlpha(170)
        self.p.setPen(QPen(colour, 1))  # the outline keeps a silent stretch a visible line
        self.p.setBrush(colour)
        self.p.drawPolygon(outline)

    def _cues(self, cues: Sequence[CueSpan], hot_edge: tuple[int, str] | None) -> None:
        view = self.view
        band_top = view.wave_bottom
        fill, edge = QColor(CUE_COLOUR), QColor(CUE_COLOUR)
        fill.setAlpha(70)
        edge.setAlpha(220)
        text_colour = self.palette.color(QPalette.ColorRole.Text)
        small = QFont(self.font)
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        metrics = QFontMetrics(small)
        self.p.setFont(small)
        for index, cue in enumerate(cues):
            if cue.end < view.start_ms or cue.start > view.end_ms:
                continue
            left, right = view.x_for(cue.start), view.x_for(cue.end)
            self.p.fillRect(QRectF(left, band_top + 1, right - left, CUE_BAND_HEIGHT - 2), fill)
            for x, which in ((left, "start"), (right, "end")):
                hot = hot_edge == (index, which)
                self.p.setPen(QPen(edge, 3 if hot else 1))
                self.p.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, view.height))
            room = int(right - left) - 8
            if room > 12:
                self.p.setPen(text_colour)
                text = metrics.elidedText(cue.text, Qt.TextElideMode.ElideRight, room)
                self.p.drawText(
                    QRectF(left + 4, band_top, room, CUE_BAND_HEIGHT),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    text,
                )

    def _ruler(self, duration_ms: float) -> None:
        view = self.view
        band = self.palette.color(QPalette.ColorRole.Window)
        self.p.fillRect(0, 0, view.width, RULER_HEIGHT, band)
        ink = self.palette.color(QPalette.ColorRole.WindowText)
        step, divisions = tick_step(view.px_per_second)
        minor = step / divisions
        small = QFont(self.font)
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        self.p.setFont(small)
        last_s = min(view.end_ms, duration_ms) / 1000 if duration_ms > 0 else view.end_ms / 1000
        first = math.floor(view.start_ms / 1000 / minor)
        count = int((last_s - first * minor) / minor) + 1
        for number in range(count + 1):
            seconds = (first + number) * minor
            if seconds < 0 or seconds > last_s:
                continue
            x = view.x_for(seconds * 1000)
            major = (first + number) % divisions == 0
            self.p.setPen(ink)
            tick = 7 if major else 3
            self.p.drawLine(QPointF(x, RULER_HEIGHT - tick), QPointF(x, RULER_HEIGHT))
            if major:
                self.p.drawText(QPointF(x + 3, RULER_HEIGHT - 5), time_label(seconds, step))

    def _message(self, message: str) -> None:
        view = self.view
        self.p.setPen(self.palette.color(QPalette.ColorRole.PlaceholderText))
        self.p.setFont(self.font)
        area = QRectF(0, view.wave_top, view.width, view.wave_bottom - view.wave_top)
        self.p.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
