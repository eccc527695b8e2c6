"""`transcode`/`media` with --scheduler or --workers, and `moocstudio cluster`, run as users do.

The cluster is real: ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import psutil
import pytest

from moocstudio.model.store import load_course
from tests.jobs.dask_processes import DaskProcesses, dask_processes
from tests.test_cli import ENCODING_SHOWN, TerminalRun, run_cli
from tests.user_folders import UserFolders

pytestmark = pytest.mark.slow


def test_transcode_on_a_scheduler_then_again_from_the_cache(
    dask_cluster: DaskProcesses, tmp_path: Path, make_clip, user_folders: UserFolders
) -> None:
    clips = [make_clip(f"week {n}.mp4", seconds=1.0, size="960x540") for n in (1, 2, 3, 4)]
    out = tmp_path / "out"
    first = run_cli("transcode", *clips, "-o", out, "--scheduler", dask_cluster.address)
    assert first.returncode == 0, first.stderr
    assert f"4 of 4 files transcoded into {out}" in first.stderr
    assert "retried" not in first.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"week {n}-{label}.mp4" for n in (1, 2, 3, 4) for label in ("360p", "540p")
    )
    again = run_cli(
        "transcode", *clips, "-o", tmp_path / "again", "--scheduler", dask_cluster.address
    )
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("cached") == 4


def test_transcode_with_two_local_workers(
    tmp_path: Path, make_clip, user_folders: UserFolders
) -> None:
    clips = [make_clip(f"talk {n}.mp4", seconds=1.0, size="960x540") for n in (1, 2)]
    out = tmp_path / "out"
    result = run_cli("transcode", *clips, "-o", out, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "2 of 2 files transcoded" in result.stderr
    assert len(list(out.glob("*.mp4"))) == 4


def test_media_command_on_a_scheduler_fills_in_the_course(
    dask_cluster: DaskProcesses, tmp_path: Path, make_clip
) -> None:
    course = tmp_path / "Cours été"
    made = run_cli("new", course, "--title", "Science ouverte", "--language", "fr")
    assert made.returncode == 0, made.stderr
    clip = make_clip("talk.mp4", seconds=2.0, size="960x540")
    assert run_cli("add", course, clip).returncode == 0
    result = run_cli("media", course, "--scheduler", dask_cluster.address)
    assert result.returncode == 0, result.stderr
    (video,) = load_course(course).all_items()
    assert [r.label for r in video.renditions] == ["360p", "540p"]
    assert all((course / r.file.path).is_file() for r in video.renditions)


def test_cluster_lists_workers_and_names_a_path_they_cannot_write(
    dask_cluster: DaskProcesses, tmp_path: Path, make_clip
) -> None:
    clip = make_clip("seen.mp4")
    fine = run_cli("cluster", "--scheduler", dask_cluster.address, clip, "-o", tmp_path / "out")
    assert fine.returncode == 0, fine.stderr
    lines = fine.stdout.splitlines()
    assert lines[0] == "2 workers:"
    assert all("1 at once" in line and "sees every path" in line for line in lines[1:])
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    blind = run_cli("cluster", "--scheduler", dask_cluster.address, clip, "-o", blocked / "out")
    assert blind.returncode == 2
    workers = blind.stdout.splitlines()[1:]
    assert len(workers) == 2
    assert all(f"cannot write in {blocked / 'out'} (Not a directory)" in w for w in workers)
    assert blind.stderr.strip() == (
        "moocstudio: error: some workers cannot see the batch's paths: mount the shared "
        "folder at the same place on every worker"
    )


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, make_clip) -> None:
    clip = make_clip("lesson.mp4")
    result = run_cli("transcode", clip, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("moocstudio: error: cannot reach a dask scheduler at tcp://127.0.0.1:9")
    )
    assert "Traceback" not in result.stderr


def test_without_dask_every_cluster_option_says_how_to_install_it(
    tmp_path: Path, make_clip
) -> None:
    # A child that cannot import dask.distributed (None in sys.modules makes the import fail).
    clip = make_clip("lesson.mp4")
    code = (
        "import sys; sys.modules['distributed'] = None; from moocstudio.cli import main; "
        "main(sys.argv[1:])"
    )
    for args in (
        ["transcode", str(clip), "-o", str(tmp_path / "out"), "--workers", "2"],
        ["cluster", "--scheduler", "tcp://127.0.0.1:9"],
    ):
        result = _python(code, *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (
            "moocstudio: error: running on a dask cluster needs dask.distributed: "
            "pip install 'moocstudio[distributed]'"
        )


def _python(code: str, *args: str):  # type: ignore[no-untyped-def]
    import subprocess

    from tests.waiting import EVENT_TIMEOUT_S

    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=EVENT_TIMEOUT_S,
    )


@pytest.mark.skipif(os.name != "posix", reason="Ctrl-C through a pseudo-terminal is POSIX")
def test_ctrl_c_cancels_every_remote_job_and_leaves_no_output(
    dask_cluster: DaskProcesses, tmp_path: Path, make_long_clip, user_folders: UserFolders
) -> None:
    clip = make_long_clip("1280x720")
    out = tmp_path / "out"
    run = TerminalRun("transcode", clip, "-o", out, "--scheduler", dask_cluster.address)
    run.wait_for(ENCODING_SHOWN)
    run.process.send_signal(signal.SIGINT)
    shown = run.finish()
    assert run.process.returncode == 130, shown
    assert shown.rstrip().endswith("moocstudio: cancelled")
    assert not out.exists() or list(out.iterdir()) == []
    assert not [p for p in user_folders.cache.rglob("*") if p.is_file()]
    encoders = [
        child
        for worker in dask_cluster.workers
        for child in psutil.Process(worker.pid).children(recursive=True)
        if "ffmpeg" in child.name()
    ]
    assert encoders == []


@pytest.mark.skipif(os.name != "posix", reason="a terminal's live bars through a pty are POSIX")
def test_the_scheduler_going_away_is_one_error_and_finished_files_stay(
    tmp_path: Path, make_clip, make_long_clip, user_folders: UserFolders
) -> None:
    quick = make_clip("intro.mp4", seconds=1.0, size="640x360")
    long = make_long_clip("1280x720")
    out = tmp_path / "out"
    with dask_processes(workers=2) as running:
        run = TerminalRun("transcode", quick, long, "-o", out, "--scheduler", running.address)
        run.wait_for(re.compile(rb"intro-360p\.mp4"))  # printed as the first file ends
        run.wait_for(ENCODING_SHOWN)
        running.scheduler.kill()
        shown = run.finish()
    assert run.process.returncode == 2, shown
    assert shown.rstrip().splitlines()[-1] == (
        f"moocstudio: error: lost the dask scheduler at {running.address}; the batch stopped "
        "(files finished so far are kept)"
    )
    assert "Traceback" not in shown and "ERROR" not in shown
    assert sorted(p.name for p in out.iterdir()) == ["intro-360p.mp4"]
