"""The Batch Transcode dialog with the real ffmpeg on tiny clips, and the GUI thread's latency."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from moocstudio.app.batch_dialog import STATE_COLUMN, BatchRow, BatchTranscodeDialog
from moocstudio.app.job_rows import BAR_STEPS
from moocstudio.app.jobs import JobCenter
from tests.user_folders import UserFolders
from tests.waiting import EVENT_TIMEOUT_MS

MAX_GUI_STALL_S = 0.100  # the target: the window never freezes longer than this


@pytest.fixture
def jobs() -> Iterator[JobCenter]:
    """A JobCenter running two jobs at once; every job is stopped after the test."""
    center = JobCenter(workers=2)
    yield center
    center.shutdown()


@pytest.fixture
def dialog(qtbot: QtBot, jobs: JobCenter) -> Iterator[BatchTranscodeDialog]:
    """The dialog, shown; whatever still runs at the end is cancelled before it closes."""
    # Not given to qtbot.addWidget: pytest-qt would delete it before this fixture's teardown,
    # and its rows must live to see their jobs end.
    window = BatchTranscodeDialog(jobs)
    window.show()
    yield window
    window.cancel_all()
    qtbot.waitUntil(lambda: not window.running(), timeout=EVENT_TIMEOUT_MS)
    window.close()
    window.deleteLater()


def row_named(dialog: BatchTranscodeDialog, name: str) -> BatchRow:
    return next(row for row in dialog.rows if row.source.name == name)


class LoopLatency:
    """Ticks every 10 ms on the GUI thread; keeps the most work it did between two ticks.

    The work is the GUI thread's CPU time, which the load of the machine does not change: a
    busy machine (CI runs tests in parallel next to ffmpeg) makes the gaps between ticks longer
    while the thread waits for a CPU, or for the GIL a preempted worker thread holds, which is
    not the app's doing. The gaps themselves, on an idle machine, are benchmarks/bench_app.py's
    figure; the raw worst gap is only reported here.
    """

    def __init__(self) -> None:
        self.worst_gap = 0.0
        self.worst_work = 0.0
        self._last = (time.perf_counter(), time.thread_time())
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = (time.perf_counter(), time.thread_time())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def report(self) -> str:
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        return (
            f"most GUI-thread work between two event-loop ticks during the batch: "
            f"{self.worst_work * 1000:.0f} ms (worst gap {self.worst_gap * 1000:.0f} ms; "
            f"load average {load})"
        )

    def _tick(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        self.worst_gap = max(self.worst_gap, now[0] - self._last[0])
        self.worst_work = max(self.worst_work, now[1] - self._last[1])
        self._last = now


def test_batch_transcodes_two_clips_and_cancels_a_long_one(
    qtbot: QtBot,
    dialog: BatchTranscodeDialog,
    make_clip,
    make_long_clip,
    tmp_path: Path,
    user_folders: UserFolders,
) -> None:
    first = make_clip("intro.mp4", seconds=2.0, size="320x240")
    second = make_clip("week 1/lecture.mp4", seconds=2.0, size="320x240", rate=30)
    long = make_long_clip("960x540")
    out = tmp_path / "out"
    dialog.add_paths([first, second, long])
    dialog.set_output_folder(out)
    dialog.set_profile("mobile")
    assert [row.state for row in dialog.rows] == ["pending"] * 3

    latency = LoopLatency()
    latency.start()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    long_row = row_named(dialog, "long.mp4")
    # Cancel the long clip while ffmpeg encodes it (its temporary outputs exist in the cache).
    qtbot.waitUntil(
        lambda: (
            long_row.record is not None
            and long_row.record.progress.stage == "encode"
            and any(user_folders.cache.rglob("*.part.mp4"))
        ),
        timeout=EVENT_TIMEOUT_MS,
    )
    assert dialog.cancel_all_button.isEnabled()
    qtbot.mouseClick(long_row.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running(), timeout=EVENT_TIMEOUT_MS)
    latency.stop()

    print("\n" + latency.report())
    assert latency.worst_work < MAX_GUI_STALL_S, latency.report()
    assert [row.state for row in dialog.rows] == ["done", "done", "cancelled"]
    assert [row.item.text(STATE_COLUMN) for row in dialog.rows] == ["Done", "Done", "Cancelled"]
    made = sorted(p.name for p in out.iterdir())
    # 320x240 is below the smallest rung: one rendition at the source's own size.
    assert made == ["intro-240p.mp4", "lecture-240p.mp4"]
    assert all((out / name).stat().st_size > 1000 for name in made)
    assert not [p for p in user_folders.cache.rglob("*") if p.is_file() and "part" in p.name]
    assert dialog.overall_bar.value() == BAR_STEPS
    assert dialog.overall_label.text() == "2 of 3 done · 1 cancelled"
    assert str(out / "intro-240p.mp4") in row_named(dialog, "intro.mp4").item.toolTip(STATE_COLUMN)
    # Finished rows can leave the queue; Start stays off until something new is added.
    assert not dialog.start_button.isEnabled()
    qtbot.mouseClick(long_row.button, Qt.MouseButton.LeftButton)
    assert [row.source.name for row in dialog.rows] == ["intro.mp4", "lecture.mp4"]


def test_a_file_that_is_not_a_video_fails_in_plain_words(
    qtbot: QtBot, dialog: BatchTranscodeDialog, make_clip, tmp_path: Path
) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("Notes de cours, pas une vidéo.", encoding="utf-8")
    good = make_clip("talk.mp4", seconds=2.0)
    dialog.add_paths([fake, good])
    dialog.set_output_folder(tmp_path / "out")
    dialog.start()
    qtbot.waitUntil(lambda: all(row.ended for row in dialog.rows), timeout=EVENT_TIMEOUT_MS)

    bad_row = row_named(dialog, "notes.mp4")
    shown = bad_row.item.text(STATE_COLUMN)
    assert bad_row.state == "failed"
    # The row names the file (its path is in the tooltip, with the whole message).
    assert shown.startswith("Failed: notes.mp4: ") and "text" in shown.lower()
    assert "Traceback" not in shown and "Error:" not in shown
    assert bad_row.item.toolTip(STATE_COLUMN) == shown.replace("notes.mp4", str(fake), 1)
    dialog.queue.setCurrentItem(bad_row.item)  # picking the row shows the whole reason
    assert bad_row.record is not None
    assert dialog.note.text() == bad_row.record.error and str(fake) in dialog.note.text()
    assert row_named(dialog, "talk.mp4").state == "done"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["talk-240p.mp4"]
    assert dialog.overall_label.text() == "1 of 2 done · 1 failed"


def test_folders_and_drops_queue_each_video_once(
    qtbot: QtBot, dialog: BatchTranscodeDialog, make_clip, tmp_path: Path
) -> None:
    a = make_clip("course/a.mp4")
    b = make_clip("course/part 2/b.mov")
    make_clip("course/.hidden/c.mp4")
    make_clip("course/renditions/a-240p.mp4")  # made by an earlier batch: not a source
    (tmp_path / "course" / "readme.txt").write_text("not a video", encoding="utf-8")
    dialog.add_paths([tmp_path / "course"])
    assert [row.source for row in dialog.rows] == [a, b]
    assert dialog.output_folder() == a.parent / "renditions"
    assert "a-240p.mp4 left out: it is in the output folder" in dialog.note.text()
    assert dialog.overall_label.text() == "Files in the queue: 2"

    extra = make_clip("elsewhere/c.webm")
    urls = [QUrl.fromLocalFile(str(a)), QUrl.fromLocalFile(str(extra))]
    mime = QMimeData()
    mime.setUrls(urls)
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(drop)
    assert [row.source for row in dialog.rows] == [a, b, extra]
    assert "a.mp4 is already in the queue" in dialog.note.text()

    dialog.add_paths([tmp_path / "missing.mp4"])
    assert "missing.mp4: no such file or folder" in dialog.note.text()
    assert len(dialog.rows) == 3

    # Delete takes the selected rows that have not started out of the queue.
    dialog.rows[1].item.setSelected(True)
    qtbot.keyClick(dialog.queue, Qt.Key.Key_Delete)
    assert [row.source for row in dialog.rows] == [a, extra]


def test_an_unwritable_output_folder_is_refused_before_anything_runs(
    dialog: BatchTranscodeDialog, jobs: JobCenter, make_clip, tmp_path: Path
) -> None:
    dialog.add_paths([make_clip("talk.mp4")])
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    dialog.set_output_folder(blocker / "out")
    dialog.start()
    assert "cannot write the renditions here" in dialog.note.text()
    assert jobs.records == []
    assert dialog.rows[0].state == "pending"


def test_closing_while_running_asks_and_can_cancel(
    qtbot: QtBot,
    dialog: BatchTranscodeDialog,
    make_long_clip,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long = make_long_clip("960x540")
    dialog.add_paths([long])
    dialog.set_output_folder(tmp_path / "out")
    dialog.start()
    answers = iter(["stay", "cancel"])
    asked: list[int] = []

    def answer(count: int) -> str:
        asked.append(count)
        return next(answers)

    monkeypatch.setattr(dialog, "ask_about_running", answer)
    dialog.close()
    assert dialog.isVisible() and asked == [1]
    dialog.close()
    assert not dialog.isVisible() and asked == [1, 1]
    row = dialog.rows[0]
    qtbot.waitUntil(lambda: row.state == "cancelled", timeout=EVENT_TIMEOUT_MS)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_keep_running_closes_and_the_transcode_goes_on(
    qtbot: QtBot, dialog: BatchTranscodeDialog, make_long_clip, tmp_path: Path
) -> None:
    long = make_long_clip("960x540")
    dialog.add_paths([long])
    dialog.set_output_folder(tmp_path / "out")
    dialog.start()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        keep = next(b for b in box.buttons() if b.text() == "Keep Running")
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    dialog.close()
    assert seen == ["Transcodes still running: 1. Cancel them?"]
    assert not dialog.isVisible()
    assert dialog.rows[0].active  # still going, in the background
