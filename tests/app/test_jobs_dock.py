"""The Jobs dock: every JobCenter job with its progress, Cancel, and its error on click."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from moocstudio.app.job_rows import BAR_STEPS
from moocstudio.app.jobs import JobCenter
from moocstudio.app.jobs_dock import NAME_COLUMN, STATE_COLUMN, JobsDock
from moocstudio.media.batch_transcode import transcode_tasks
from moocstudio.progress import JobContext, Progress
from tests.waiting import EVENT_TIMEOUT_MS


@pytest.fixture
def jobs() -> Iterator[JobCenter]:
    """A JobCenter running up to four jobs at once; every job is stopped after the test."""
    center = JobCenter(workers=4)
    yield center
    center.shutdown()


class SteppedJob:
    """A job that reports the fraction the test sets, until the test releases or cancels it."""

    def __init__(self) -> None:
        self.step = threading.Event()
        self.fraction = 0.0
        self.release = threading.Event()

    def __call__(self, context: JobContext) -> str:
        while not self.release.is_set():
            context.cancel.raise_if_cancelled("stepped job")
            if self.step.wait(0.01):
                self.step.clear()
                context.on_progress(Progress(self.fraction, "encode", eta=12.0))
        return "made"

    def advance(self, fraction: float) -> None:
        self.fraction = fraction
        self.step.set()


def click_row(qtbot: QtBot, dock: JobsDock, index: int) -> None:
    item = dock.list.topLevelItem(index)
    center = dock.list.visualRect(dock.list.indexFromItem(item, NAME_COLUMN)).center()
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=center)


def test_jobs_appear_move_fail_and_cancel(
    qtbot: QtBot, jobs: JobCenter, make_clip, tmp_path: Path
) -> None:
    earlier = SteppedJob()
    jobs.submit("Import slides.pptx", earlier, kind="import")
    dock = JobsDock(jobs)
    qtbot.addWidget(dock)
    dock.resize(720, 320)
    dock.show()
    assert dock.list.topLevelItemCount() == 1  # jobs submitted before the dock existed too

    running = SteppedJob()
    jobs.submit("Intro: renditions", running, kind="renditions")
    fake = tmp_path / "notes.mp4"
    fake.write_text("not a video", encoding="utf-8")
    task = transcode_tasks([fake], tmp_path / "out")[0]
    jobs.submit("Transcode notes.mp4", task.job, kind="batch", key=task.key)
    names = [dock.list.topLevelItem(i).text(0) for i in range(3)]
    assert names == ["Import slides.pptx", "Intro: renditions", "Transcode notes.mp4"]
    assert [dock.list.topLevelItem(i).text(1) for i in range(3)] == [
        "Import",
        "Renditions",
        "Batch transcode",
    ]

    # Progress moves.
    bar = dock.rows[1].bar
    running.advance(0.4)
    qtbot.waitUntil(lambda: bar.value() == round(0.4 * BAR_STEPS), timeout=EVENT_TIMEOUT_MS)
    assert dock.list.topLevelItem(1).text(STATE_COLUMN) == "Encoding"
    running.advance(0.7)
    qtbot.waitUntil(lambda: bar.value() == round(0.7 * BAR_STEPS), timeout=EVENT_TIMEOUT_MS)

    # A failed job shows its message, in plain words, when clicked.
    failed = dock.rows[2]
    qtbot.waitUntil(lambda: failed.state == "failed", timeout=EVENT_TIMEOUT_MS)
    assert dock.list.topLevelItem(2).text(STATE_COLUMN).startswith("Failed: ")
    assert not failed.button.isVisible()
    click_row(qtbot, dock, 2)
    details = dock.details.text()
    assert "notes.mp4" in details and "text" in details.lower() and "Traceback" not in details

    # Cancel works from the row's button; a finished job can be cleared, a running one stays.
    assert dock.rows[1].button.text() == "Cancel"
    qtbot.mouseClick(dock.rows[1].button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.rows[1].state == "cancelled", timeout=EVENT_TIMEOUT_MS)
    assert dock.list.topLevelItem(1).text(STATE_COLUMN) == "Cancelled"
    assert dock.clear_button.isEnabled()
    qtbot.mouseClick(dock.clear_button, Qt.MouseButton.LeftButton)
    assert [row.record.name for row in dock.rows if row.record] == ["Import slides.pptx"]

    earlier.release.set()
    qtbot.waitUntil(lambda: dock.rows[0].state == "done", timeout=EVENT_TIMEOUT_MS)
    assert dock.list.topLevelItem(0).text(STATE_COLUMN) == "Done"
    assert dock.rows[0].bar.value() == BAR_STEPS
    click_row(qtbot, dock, 0)
    assert "Done" in dock.details.text()


def test_delete_key_cancels_the_selected_job(qtbot: QtBot, jobs: JobCenter) -> None:
    dock = JobsDock(jobs)
    qtbot.addWidget(dock)
    dock.resize(720, 320)
    dock.show()
    job = SteppedJob()
    jobs.submit("Export SCORM 1.2", job, kind="export")
    click_row(qtbot, dock, 0)
    qtbot.keyClick(dock.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dock.rows[0].state == "cancelled", timeout=EVENT_TIMEOUT_MS)
    assert "Cancelled" in dock.details.text()
