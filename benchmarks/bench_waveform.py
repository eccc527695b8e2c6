"""Figures for the waveform strip (issue 13, item 6): time to a 60-minute lecture's peaks, and
the strip's redraw rate while the playhead moves.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen PYTHONPATH=. python
benchmarks/bench_waveform.py [--minutes 60] [--keep DIR]``. In one run it:

* makes a lecture of that length with ffmpeg: speech-like audio (a voiced tone with syllable-rate
  loudness over pink room tone at about -55 dBFS, with pauses of 0.8 to 2.5 s), AAC 128 kb/s
  48 kHz stereo, muxed with a small H.264 picture, as a recorder writes it;
* times the floor, raw ffmpeg decoding that audio track to null, against moocstudio computing
  the peaks and speech (one ffmpeg per core, and one ffmpeg alone), interleaved, medians;
  and reading them back from the cache;
* plays the strip offscreen at 1280x150 with those peaks and one cue per speech segment for a
  few seconds (the strip's own clock, the "player" reporting its position every 50 ms as Qt
  Multimedia does), counting the frames actually painted, against the floor of an empty widget
  updated by the same timer; and times one playhead frame and one whole-view repaint (a page
  turn or a zoom).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from moocstudio.app.editors.waveform import FRAME_MS, WaveformStrip
from moocstudio.media.cache import DerivedCache
from moocstudio.media.cues import make_cues
from moocstudio.media.ffmpeg_cli import COMMON_OPTIONS
from moocstudio.media.peaks import Waveform, compute_waveform
from moocstudio.media.probe import probe
from moocstudio.media.tools import find_ffmpeg
from moocstudio.media.waveform_cache import cached_waveform

RUNS = 3
PLAY_SECONDS = 4.0
PLAYER_REPORT_MS = 50  # how often QMediaPlayer reports its position while playing
TARGET_SECONDS = 5.0
TARGET_FPS = 30.0
PATTERN_SECONDS = 60
# Pauses inside each minute (seconds): as a lecturer breathes between sentences.
PAUSES = [(6, 7.5), (14, 14.9), (22, 24.5), (31, 32.2), (40, 40.8), (47, 49.2), (55, 56)]


def make_lecture(out: Path, minutes: int) -> float:
    """A speech-like lecture of ``minutes`` minutes; returns the seconds it took to make."""
    ffmpeg = find_ffmpeg().path
    start = time.perf_counter()
    pattern = out.with_name("minute.m4a")
    silent = "+".join(f"between(t,{a},{b})" for a, b in PAUSES)
    # Voiced: a 150 Hz fundamental with two harmonics; syllables: 4.3 Hz loudness; phrases: 0.23 Hz.
    voice = (
        "(0.30*sin(2*PI*150*t)+0.12*sin(2*PI*450*t)+0.06*sin(2*PI*1200*t))"
        "*(0.55+0.45*sin(2*PI*4.3*t))*(0.7+0.3*sin(2*PI*0.23*t))"
    )
    graph = (
        f"[0:a]volume=volume=0:enable='{silent}'[v];"
        "[v][1:a]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo[a]"
    )
    subprocess.run(
        [ffmpeg, *COMMON_OPTIONS,
         "-f", "lavfi", "-i", f"aevalsrc='{voice}':s=48000:d={PATTERN_SECONDS}",
         "-f", "lavfi", "-i",
         f"anoisesrc=color=pink:amplitude=0.002:sample_rate=48000:seed=3:d={PATTERN_SECONDS}",
         "-filter_complex", graph, "-map", "[a]", "-c:a", "aac", "-b:a", "128k", pattern],
        check=True,
    )  # fmt: skip
    seconds = minutes * 60
    subprocess.run(
        [ffmpeg, *COMMON_OPTIONS,
         "-f", "lavfi", "-i", f"color=c=0x334455:size=320x180:rate=5:duration={seconds}",
         "-stream_loop", "-1", "-i", pattern, "-t", str(seconds),
         "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast",
         "-tune", "stillimage", "-c:a", "copy", "-movflags", "+faststart", out],
        check=True,
    )  # fmt: skip
    pattern.unlink()
    return time.perf_counter() - start


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes (the ffmpegs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_with_cpu(action: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the children it ran plus this process's own."""
    cpu_before = children_cpu() + time.process_time()
    wall = timed(action)
    return wall, children_cpu() + time.process_time() - cpu_before


def bench_peaks(lecture: Path, scratch: Path) -> Waveform:
    ffmpeg = find_ffmpeg()
    info = probe(lecture)
    floor = [ffmpeg.path, *COMMON_OPTIONS, "-vn", "-sn", "-dn", "-i", str(lecture),
             "-map", "0:a:0", "-f", "null", "-"]  # fmt: skip
    cores = os.cpu_count() or 1
    actions: dict[str, Callable[[], object]] = {
        "floor: ffmpeg decodes the audio to null": lambda: subprocess.run(floor, check=True),
        f"moocstudio peaks + speech, {cores} ffmpeg at once": lambda: compute_waveform(
            lecture, info=info
        ),
        "moocstudio peaks + speech, 1 ffmpeg": lambda: compute_waveform(
            lecture, info=info, workers=1
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in actions}
    cpu: dict[str, list[float]] = {name: [] for name in actions}
    timed(lambda: subprocess.run(floor, check=True))  # warm the page cache
    for _ in range(RUNS):  # interleaved: load from other work hits every row alike
        for name, action in actions.items():
            wall, used = timed_with_cpu(action)
            times[name].append(wall)
            cpu[name].append(used)
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    base = medians["floor: ffmpeg decodes the audio to null"]
    cpu_base = cpu_medians["floor: ffmpeg decodes the audio to null"]

    cache = DerivedCache(scratch / "cache")
    made = timed(lambda: cached_waveform(lecture, cache, info=info))
    start = time.perf_counter()
    found = cached_waveform(lecture, cache, info=info)
    read_back = time.perf_counter() - start
    assert found.from_cache

    print(f"ffmpeg: {ffmpeg.version_text} ({ffmpeg.origin}); {cores} cores; runs: {RUNS}")
    print(f"lecture: {info.duration / 60:.1f} min, {lecture.stat().st_size / 1e6:.0f} MB")
    print()
    print(f"load average at the start: {os.getloadavg()[0]:.1f} (the machine is shared)")
    print()
    print("| time to peaks | median wall s | ratio to floor | x realtime | median CPU s "
          "| CPU ratio |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for name, value in medians.items():
        used = cpu_medians[name]
        print(f"| {name} | {value:.2f} | {value / base:.2f} | {info.duration / value:.0f} "
              f"| {used:.2f} | {used / cpu_base:.2f} |")  # fmt: skip
    print(f"| through the cache, first time (hash + peaks + write) | {made:.2f} | "
          f"{made / base:.2f} | | | |")  # fmt: skip
    print(f"| through the cache, found | {read_back:.3f} | {read_back / base:.3f} | | | |")
    best = medians[f"moocstudio peaks + speech, {cores} ffmpeg at once"]
    verdict = "ok" if best <= TARGET_SECONDS else "MISSED"
    print(f"\ntarget: peaks of {info.duration / 60:.0f} min in <= {TARGET_SECONDS:.0f} s: "
          f"{best:.2f} s, {verdict}")  # fmt: skip
    return found.waveform


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.frames = 0
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.frames += 1
        return False


class EmptyWidget(QWidget):
    """The floor: a widget that paints nothing but a fill, updated by the same timer."""

    def paintEvent(self, event: object) -> None:  # noqa: N802
        QPainter(self).fillRect(self.rect(), self.palette().base())


def play(
    app: QApplication, target: QWidget, counter: PaintCounter, tick: Callable[[], None]
) -> float:
    """Frames painted per second over PLAY_SECONDS while ``tick`` runs every FRAME_MS."""
    timer = QTimer()
    timer.setInterval(FRAME_MS)
    timer.timeout.connect(tick)
    counter.frames = 0
    clock = QElapsedTimer()
    clock.start()
    timer.start()
    while clock.elapsed() < PLAY_SECONDS * 1000:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return counter.frames / (clock.elapsed() / 1000)


def bench_redraw(app: QApplication, waveform: Waveform) -> None:
    cues = make_cues(list(waveform.speech), duration=waveform.duration)
    strip = WaveformStrip()
    strip.resize(1280, 150)
    strip.set_waveform(waveform)
    strip.set_cues(cues)
    strip.show()
    app.processEvents()
    counter = PaintCounter(strip.viewport())

    # The player: reports its position every 50 ms (the strip glides in between on its own).
    player_clock = QElapsedTimer()
    reporter = QTimer()
    reporter.setInterval(PLAYER_REPORT_MS)
    reporter.timeout.connect(lambda: strip.setPosition(600_000 + player_clock.elapsed()))
    strip.setPosition(600_000)  # ten minutes in, 2 s from the right edge: a page turns
    bar = strip.horizontalScrollBar()
    bar.setValue(round(600 * strip.zoom()) - 1280 + round(2 * strip.zoom()))
    player_clock.start()
    reporter.start()
    strip.set_playing(True)
    start_view = strip.ms_at(0)
    fps = play(app, strip, counter, lambda: None)
    strip.set_playing(False)
    reporter.stop()
    pages = round((strip.ms_at(0) - start_view) / (strip.ms_at(1280) - strip.ms_at(0)))

    floor_widget = EmptyWidget()
    floor_widget.resize(1280, 150)
    floor_widget.show()
    floor_counter = PaintCounter(floor_widget)
    floor_fps = play(app, floor_widget, floor_counter, floor_widget.update)

    frame_ms = repaint_ms(app, lambda: step_playhead(strip))
    page_ms = repaint_ms(app, lambda: (strip.set_message(""), strip.viewport().repaint()))

    print()
    print(f"redraw while playing (strip 1280x150, {len(cues)} cues, {PLAY_SECONDS:.0f} s, "
          f"{pages} page turn(s)):")  # fmt: skip
    print()
    print("| what | frames/s | ratio to floor |")
    print("|---|---|---|")
    print(f"| floor: empty widget updated every {FRAME_MS} ms | {floor_fps:.1f} | 1.00 |")
    print(f"| waveform strip playing | {fps:.1f} | {fps / floor_fps:.2f} |")
    print()
    print(f"one playhead frame (16 ms on, the strips it leaves and enters): {frame_ms:.2f} ms")
    print(f"one whole view repainted (page turn, zoom, scroll): {page_ms:.2f} ms")
    verdict = "ok" if fps >= TARGET_FPS else "MISSED"
    print(f"\ntarget: >= {TARGET_FPS:.0f} frames/s while playing: {fps:.1f}, {verdict}")


def step_playhead(strip: WaveformStrip) -> None:
    """One frame of playback, painted now: the playhead 16 ms on, its old and new strips."""
    old_x = round(strip.x_for_ms(strip.position()))
    strip.setPosition(strip.position() + FRAME_MS)
    new_x = round(strip.x_for_ms(strip.position()))
    left = min(old_x, new_x) - 8
    strip.viewport().repaint(left, 0, abs(new_x - old_x) + 16, strip.viewport().height())


def repaint_ms(app: QApplication, action: Callable[[], object]) -> float:
    """Median ms of ``action`` (a synchronous repaint) over 50 runs."""
    app.processEvents()
    values = [timed(action) * 1000 for _ in range(50)]
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the lecture in")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="moocstudio-bench-waveform-") as scratch_name:
        scratch = Path(scratch_name)
        folder = args.keep or scratch
        folder.mkdir(parents=True, exist_ok=True)
        lecture = folder / f"lecture-{args.minutes}min.mp4"
        if not lecture.exists():
            made = make_lecture(lecture, args.minutes)
            print(f"made {lecture.name} in {made:.1f} s")
        waveform = bench_peaks(lecture, scratch)
        expected = len(PAUSES) * args.minutes + 1  # the last stretch runs on into the next minute
        print(f"speech segments found: {len(waveform.speech)} (made: {expected})")
        bench_redraw(app, waveform)
    return 0


if __name__ == "__main__":
    sys.exit(main())
