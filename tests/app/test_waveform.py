"""The waveform strip, offscreen with real peaks from ffmpeg: speech shaded, edges dragged,
zoom, seek and the playhead; and its loader on the app's JobCenter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moocstudio.app.editors.waveform import (
    DEFAULT_PX_PER_SECOND,
    MAX_PX_PER_SECOND,
    ZOOM_PER_NOTCH,
    WaveformStrip,
)
from moocstudio.app.editors.waveform_loader import WaveformLoader
from moocstudio.app.editors.waveform_paint import RULER_HEIGHT, SPEECH_BAR_ALPHA, SPEECH_BAR_HEIGHT
from moocstudio.app.job_rows import kind_text, stage_text
from moocstudio.app.jobs import JobCenter
from moocstudio.app.translations import install_translations
from moocstudio.importers.videos import import_video
from moocstudio.media.cues import Cue
from moocstudio.media.peaks import Waveform, compute_waveform
from moocstudio.media.waveform_cache import PEAKS_FILE
from tests.conftest import MakeClip
from tests.speech_audio import PEAKS_TOLERANCE, SPEECH, SPEECH_SECONDS, speech_mp4_args

LENGTH = SPEECH_SECONDS
# On screen a shaded span may start or end one pixel (1000 / zoom ms) further than the speech
# found (pixel columns are whole).
DATA_TOLERANCE_MS = PEAKS_TOLERANCE * 1000
CUES = [Cue(0.5, 2.0, "Welcome"), Cue(2.8, 3.6, "to week three"), Cue(4.6, 8.0, "of the course")]


@pytest.fixture(scope="module")
def lecture(tmp_path_factory, run_ffmpeg) -> Path:
    out = tmp_path_factory.mktemp("lecture") / "lecture.mp4"
    run_ffmpeg(*speech_mp4_args(SPEECH, LENGTH), out)
    return out


@pytest.fixture(scope="module")
def waveform(lecture: Path) -> Waveform:
    return compute_waveform(lecture)


@pytest.fixture
def strip(qtbot: QtBot, waveform: Waveform) -> WaveformStrip:
    widget = WaveformStrip()
    qtbot.addWidget(widget)
    widget.resize(900, 150)
    widget.set_waveform(waveform)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def speech_bar_spans(strip: WaveformStrip) -> list[tuple[float, float]]:
    """The stretches (ms) whose speech bar is shaded, read from the painted pixels."""
    image: QImage = strip.viewport().grab().toImage()
    base = strip.palette().color(QPalette.ColorRole.Base)
    highlight = strip.palette().color(QPalette.ColorRole.Highlight)
    bar = SPEECH_BAR_ALPHA / 255
    shading = [
        round(h * bar + b * (1 - bar))
        for h, b in zip(highlight.getRgb()[:3], base.getRgb()[:3], strict=True)
    ]
    row = RULER_HEIGHT + SPEECH_BAR_HEIGHT // 2

    def is_shading(x: int) -> bool:
        found = QColor(image.pixel(x, row)).getRgb()[:3]
        return all(abs(f - e) <= 2 for f, e in zip(found, shading, strict=True))

    shaded = [is_shading(x) for x in range(image.width())]
    spans, start = [], None
    for x, on in enumerate([*shaded, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            spans.append((strip.ms_at(start), strip.ms_at(x)))
            start = None
    return spans


def test_the_speech_of_a_tone_and_silence_clip_is_shaded(strip: WaveformStrip):
    strip.setPosition(4000)  # the playhead (red, over the bar) in a pause, out of the way
    pixel_ms = 1000 / strip.zoom()
    found = speech_bar_spans(strip)

    assert len(found) == len(SPEECH), found
    for (start, end), (want_start, want_end) in zip(found, SPEECH, strict=True):
        assert start == pytest.approx(want_start * 1000, abs=DATA_TOLERANCE_MS + pixel_ms)
        assert end == pytest.approx(want_end * 1000, abs=DATA_TOLERANCE_MS + pixel_ms)


def test_the_whole_short_clip_fits_and_the_peaks_are_drawn(strip: WaveformStrip):
    assert strip.has_waveform()
    assert strip.zoom() == pytest.approx(strip.viewport().width() / LENGTH)
    image = strip.viewport().grab().toImage()
    view = strip.view()
    middle_y = (view.wave_top + view.wave_bottom) // 2
    loud_x = round(strip.x_for_ms(8000))  # inside the long burst: ink well above the middle
    quiet_x = round(strip.x_for_ms(4000))  # in a pause: only the thin centre line
    ink = strip.palette().color(QPalette.ColorRole.Text)

    def inked(x: int, y: int) -> bool:
        colour = QColor(image.pixel(x, y))
        return abs(colour.lightness() - ink.lightness()) < 90

    assert inked(loud_x, middle_y - 25) and inked(loud_x, middle_y + 25)
    assert not inked(quiet_x, middle_y - 10) and not inked(quiet_x, middle_y + 10)


def edges_moved(strip: WaveformStrip) -> list[tuple[int, str, int]]:
    """Give the strip CUES; the list fills with each ``cueEdgeMoved`` it emits."""
    strip.set_cues(CUES)
    moved: list[tuple[int, str, int]] = []
    strip.cueEdgeMoved.connect(lambda *args: moved.append(args))
    return moved


def test_dragging_a_cue_edge_emits_one_signal_with_its_time(qtbot: QtBot, strip: WaveformStrip):
    strip.set_cues(CUES)
    moved: list[tuple[int, str, int]] = []
    strip.cueEdgeMoved.connect(lambda *args: moved.append(args))
    seeks: list[int] = []
    strip.seekRequested.connect(seeks.append)
    viewport = strip.viewport()
    y = viewport.height() - 10  # in the cue band
    edge_x = round(strip.x_for_ms(3600))  # the end of cue 1
    assert strip.edge_at(edge_x) == (1, "end")

    qtbot.mouseMove(viewport, QPoint(edge_x, y))
    assert viewport.cursor().shape() == Qt.CursorShape.SizeHorCursor
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge_x, y))
    for step in range(1, 6):
        qtbot.mouseMove(viewport, QPoint(edge_x + 6 * step, y))
    assert moved == []  # nothing while the drag goes on
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge_x + 30, y))

    expected = 3600 + round(30 * 1000 / strip.zoom())
    assert moved == [(1, "end", expected)]
    assert seeks == []
    assert strip.cues()[1].end == expected  # shown moved until the editor says otherwise


def test_an_edge_stops_at_the_next_cue(qtbot: QtBot, strip: WaveformStrip):
    moved = edges_moved(strip)
    viewport = strip.viewport()
    y = viewport.height() - 10
    edge_x = round(strip.x_for_ms(3600))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge_x, y))
    qtbot.mouseMove(viewport, QPoint(edge_x + 300, y))  # far past cue 2's start (4.6 s)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge_x + 300, y))
    assert moved == [(1, "end", 4600)]


def test_the_side_of_a_shared_edge_picks_the_cue(strip: WaveformStrip):
    strip.set_cues([Cue(1.0, 2.0, "a"), Cue(2.0, 3.0, "b")])
    shared = strip.x_for_ms(2000)
    assert strip.edge_at(shared - 2) == (0, "end")
    assert strip.edge_at(shared + 2) == (1, "start")
    assert strip.edge_at(strip.x_for_ms(1500)) is None


def test_escape_puts_a_dragged_edge_back(qtbot: QtBot, strip: WaveformStrip):
    moved = edges_moved(strip)
    viewport = strip.viewport()
    y = viewport.height() - 10
    edge_x = round(strip.x_for_ms(500))  # cue 0's start
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge_x, y))
    qtbot.mouseMove(viewport, QPoint(edge_x + 20, y))
    assert strip.cues()[0].start > 500
    qtbot.keyClick(strip, Qt.Key.Key_Escape)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge_x + 20, y))
    assert moved == []
    assert strip.cues()[0].start == 500


def test_a_click_seeks_and_moves_the_playhead(qtbot: QtBot, strip: WaveformStrip):
    seeks: list[int] = []
    strip.seekRequested.connect(seeks.append)
    x = round(strip.x_for_ms(6000))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 60))
    assert len(seeks) == 1
    assert seeks[0] == pytest.approx(6000, abs=1000 / strip.zoom())
    assert strip.position() == seeks[0]
    assert strip.playhead == seeks[0]  # the Qt property


def wheel(strip: WaveformStrip, x: float, notches: int, modifiers: Qt.KeyboardModifier) -> None:
    position = QPointF(x, 60)
    event = QWheelEvent(
        position,
        strip.viewport().mapToGlobal(position),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(strip.viewport(), event)


def test_ctrl_wheel_zooms_around_the_pointer(strip: WaveformStrip):
    zooms: list[float] = []
    strip.zoomChanged.connect(zooms.append)
    before = strip.zoom()
    x = 600.0
    under_pointer = strip.ms_at(x)

    wheel(strip, x, 2, Qt.KeyboardModifier.ControlModifier)
    assert strip.zoom() == pytest.approx(before * ZOOM_PER_NOTCH**2)
    assert zooms == [strip.zoom()]
    assert strip.ms_at(x) == pytest.approx(under_pointer, abs=1000 / strip.zoom())

    wheel(strip, x, -10, Qt.KeyboardModifier.ControlModifier)  # never smaller than the whole
    assert strip.zoom() == pytest.approx(strip.viewport().width() / LENGTH)
    wheel(strip, x, 40, Qt.KeyboardModifier.ControlModifier)
    assert strip.zoom() == MAX_PX_PER_SECOND


def test_the_wheel_alone_scrolls_through_time(strip: WaveformStrip):
    strip.set_zoom(200.0, 0)
    assert strip.ms_at(0) == pytest.approx(0, abs=5)
    wheel(strip, 300, -3, Qt.KeyboardModifier.NoModifier)  # wheel towards the user: later
    assert strip.ms_at(0) > 1000


def test_a_long_recording_opens_at_an_editing_zoom(qtbot: QtBot):
    widget = WaveformStrip()
    qtbot.addWidget(widget)
    widget.resize(900, 150)
    widget.set_duration(3600.0)
    assert widget.zoom() == DEFAULT_PX_PER_SECOND
    assert widget.horizontalScrollBar().maximum() > 0


def test_the_view_turns_a_page_when_the_playhead_runs_off(strip: WaveformStrip):
    strip.set_zoom(200.0, 0)
    width_ms = strip.ms_at(strip.viewport().width()) - strip.ms_at(0)
    strip.setPosition(1000)
    assert strip.ms_at(0) == pytest.approx(0, abs=5)
    strip.setPosition(round(width_ms) + 500)  # just past the right edge
    start = strip.ms_at(0)
    assert start < strip.position() < strip.ms_at(strip.viewport().width())
    assert strip.x_for_ms(strip.position()) == pytest.approx(0.1 * strip.viewport().width(), 2)


def test_playing_moves_the_playhead_on_its_own(qtbot: QtBot, strip: WaveformStrip):
    strip.setPosition(1000)
    strip.set_playing(True)
    qtbot.waitUntil(lambda: strip.position() > 1200, timeout=5000)
    strip.set_playing(False)
    stopped = strip.position()
    qtbot.wait(100)
    assert strip.position() == stopped
    assert not strip.is_playing()


def test_the_loader_fills_the_strip_from_a_job_then_from_the_cache(
    qtbot: QtBot, app: QApplication, lecture: Path, tmp_path: Path
):
    folder = tmp_path / "course"
    folder.mkdir()
    video = import_video(folder, lecture).item
    jobs = JobCenter(workers=1)
    try:
        strip = WaveformStrip()
        qtbot.addWidget(strip)
        loader = WaveformLoader(strip, jobs)
        record = loader.load(folder, video)
        assert record is not None and record.kind == "waveform"
        with qtbot.waitSignal(record.ended, timeout=30000):
            pass
        assert record.state == "done"
        assert strip.has_waveform()
        assert len(list(folder.rglob(PEAKS_FILE))) == 1

        again = WaveformStrip()
        qtbot.addWidget(again)
        second = WaveformLoader(again, jobs).load(folder, video)
        assert second is not None
        qtbot.waitUntil(again.has_waveform, timeout=30000)
        assert second.progress.stage == "cached"
    finally:
        jobs.shutdown()


def test_the_loader_says_when_a_video_has_no_sound(
    qtbot: QtBot, app: QApplication, make_clip: MakeClip, tmp_path: Path
):
    folder = tmp_path / "course"
    folder.mkdir()
    video = import_video(folder, make_clip("silent film", audio=False)).item
    jobs = JobCenter(workers=1)
    try:
        strip = WaveformStrip()
        qtbot.addWidget(strip)
        assert WaveformLoader(strip, jobs).load(folder, video) is None
        assert jobs.records == []
        assert strip.message() == "This video has no sound track"
    finally:
        jobs.shutdown()


def test_the_strip_and_its_loader_speak_french(
    qtbot: QtBot, app: QApplication, make_clip: MakeClip, tmp_path: Path
):
    assert install_translations(app, "fr") == "fr"
    strip = WaveformStrip()
    qtbot.addWidget(strip)
    assert strip.accessibleName() == "Forme d'onde"
    assert strip.toolTip().startswith("Cliquez pour lire à partir de là ;")
    folder = tmp_path / "course"
    folder.mkdir()
    video = import_video(folder, make_clip("film muet", audio=False)).item
    jobs = JobCenter(workers=1)
    try:
        WaveformLoader(strip, jobs).load(folder, video)
        assert strip.message() == "Cette vidéo n'a pas de piste son"
    finally:
        jobs.shutdown()
    assert kind_text("waveform") == "Forme d'onde"
    assert stage_text("waveform") == "Lecture du son"
