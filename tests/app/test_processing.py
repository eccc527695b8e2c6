"""Preferences ▸ Processing and the Batch Transcode dialog on a real dask cluster (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from moocstudio.app.batch_dialog import ETA_COLUMN, STATE_COLUMN, BatchTranscodeDialog
from moocstudio.app.jobs import JobCenter
from moocstudio.app.preferences import PreferencesDialog
from moocstudio.app.processing import DASK_CLUSTER, cluster_address
from tests.jobs.dask_processes import DaskProcesses
from tests.user_folders import UserFolders
from tests.waiting import EVENT_TIMEOUT_MS

pytestmark = pytest.mark.slow


def test_preferences_test_button_lists_the_workers_and_saves_the_choice(
    qtbot: QtBot, dask_cluster: DaskProcesses
) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.this_computer.isChecked() and not dialog.test_button.isEnabled()
    dialog.on_cluster.setChecked(True)
    dialog.scheduler.setText(dask_cluster.address)
    with qtbot.waitSignal(dialog._check.answered, timeout=EVENT_TIMEOUT_MS):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    lines = dialog.test_result.text().splitlines()
    assert lines[0] == "2 workers:"
    assert all(line.strip().startswith("tcp://127.0.0.1:") for line in lines[1:])
    dialog.accept()
    assert QSettings().value("processing/where") == DASK_CLUSTER
    assert cluster_address() == dask_cluster.address


def test_preferences_test_button_says_why_it_cannot_connect(qtbot: QtBot) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.on_cluster.setChecked(True)
    dialog.scheduler.setText("tcp://127.0.0.1:9")
    with qtbot.waitSignal(dialog._check.answered, timeout=EVENT_TIMEOUT_MS):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.test_result.text().startswith(
        "Cannot use this cluster: cannot reach a dask scheduler at tcp://127.0.0.1:9"
    )
    assert dialog.test_button.isEnabled()


def test_batch_dialog_runs_on_the_cluster_with_progress_and_cancel(
    qtbot: QtBot,
    dask_cluster: DaskProcesses,
    make_clip,
    make_long_clip,
    tmp_path: Path,
    user_folders: UserFolders,
) -> None:
    jobs = JobCenter(workers=2)
    jobs.use_cluster(dask_cluster.address)
    dialog = BatchTranscodeDialog(jobs)
    dialog.show()
    try:
        first = make_clip("intro.mp4", seconds=2.0, size="960x540")
        long = make_long_clip("960x540")
        out = tmp_path / "out"
        dialog.add_paths([first, long])
        dialog.set_output_folder(out)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        long_row = next(row for row in dialog.rows if row.source.name == "long.mp4")
        # Per-file progress and time left come from ffmpeg on the worker, through dask.
        qtbot.waitUntil(
            lambda: (
                long_row.record is not None
                and long_row.record.progress.stage == "encode"
                and long_row.record.progress.eta is not None
                and long_row.item.text(ETA_COLUMN) != ""
            ),
            timeout=EVENT_TIMEOUT_MS,
        )
        qtbot.mouseClick(long_row.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running(), timeout=EVENT_TIMEOUT_MS)
        assert [row.state for row in dialog.rows] == ["done", "cancelled"]
        assert [row.item.text(STATE_COLUMN) for row in dialog.rows] == ["Done", "Cancelled"]
        assert sorted(p.name for p in out.iterdir()) == ["intro-360p.mp4", "intro-540p.mp4"]
        assert not [p for p in user_folders.cache.rglob("*") if "part" in p.name]
    finally:
        dialog.cancel_all()
        qtbot.waitUntil(lambda: not dialog.running(), timeout=EVENT_TIMEOUT_MS)
        dialog.close()
        jobs.shutdown()


def test_batch_dialog_names_an_unreachable_cluster_and_starts_nothing(
    qtbot: QtBot, make_clip, tmp_path: Path
) -> None:
    jobs = JobCenter(workers=2)
    jobs.use_cluster("tcp://127.0.0.1:9")
    dialog = BatchTranscodeDialog(jobs)
    qtbot.addWidget(dialog)
    dialog.add_paths([make_clip("intro.mp4")])
    dialog.set_output_folder(tmp_path / "out")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.note.text().startswith("cannot reach a dask scheduler at tcp://127.0.0.1:9")
    assert [row.state for row in dialog.rows] == ["pending"]
    jobs.shutdown()
