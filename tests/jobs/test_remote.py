"""Batch transcoding on a real dask cluster: ``dask scheduler`` and two ``dask worker`` processes.

No part of dask is mocked: the jobs are pickled to worker processes, their progress comes back
as worker events and their cancel goes out as a dask Event.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from distributed import Client

from moocstudio.errors import Cancelled, MediaDecodeError
from moocstudio.jobs.batch import BatchItem, BatchOutcome, run_batch
from moocstudio.jobs.cluster import (
    ClusterLost,
    connect,
    describe_workers,
    require_paths_seen,
    set_up_workers,
)
from moocstudio.jobs.remote import DaskJobExecutor
from moocstudio.jobs.runner import Concurrency, JobHandle, Runner
from moocstudio.media.batch_transcode import rendition_cache, transcode_tasks
from moocstudio.media.process import stop_children_with_parent
from moocstudio.progress import JobContext, Progress, ProgressCallback
from tests.jobs.dask_processes import DaskProcesses, dask_processes
from tests.waiting import EVENT_TIMEOUT_S

pytestmark = pytest.mark.slow


@pytest.fixture
def client(dask_cluster: DaskProcesses) -> Iterator[Client]:
    with connect(dask_cluster.address) as client:
        yield client


class Reports:
    """Every progress report per file, and an event per (file, stage) seen."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[Progress]] = defaultdict(list)
        self._lock = threading.Lock()
        self._stages: dict[tuple[str, str], threading.Event] = defaultdict(threading.Event)

    def callback(self, name: str) -> ProgressCallback:
        def report(progress: Progress) -> None:
            with self._lock:
                self.by_name[name].append(progress)
                stage = self._stages[(name, progress.stage)]
            stage.set()

        return report

    def wait_for(self, name: str, stage: str) -> None:
        with self._lock:
            event = self._stages[(name, stage)]
        assert event.wait(EVENT_TIMEOUT_S), f"{name} never reached {stage}"


def parts_left(*folders: Path) -> list[Path]:
    """Temporary files or folders (``*.part*``) left anywhere under ``folders``."""
    return [p for folder in folders if folder.exists() for p in folder.rglob("*.part*")]


def four_clips(make_clip: Callable[..., Path], tmp_path: Path) -> list[Path]:
    sources = tmp_path / "lectures"
    clips = []
    for n, size in enumerate(("640x360", "960x540", "640x360", "640x360")):
        clip = make_clip(f"lectures/week {n + 1}.mp4", seconds=1.0 + n * 0.5, size=size)
        clips.append(clip)
    assert all(clip.parent == sources for clip in clips)
    return clips


def run_on(
    client: Client, files: list[Path], out: Path, reports: Reports
) -> tuple[DaskJobExecutor, dict[str, JobHandle[list[Path]]], BatchOutcome[list[Path]]]:
    """Transcode ``files`` into ``out`` on the cluster; the executor, handles and outcome."""
    tasks = transcode_tasks(files, out)
    executor = DaskJobExecutor(client)
    handles: dict[str, JobHandle[list[Path]]] = {}
    items = [BatchItem(task.source.name, task.job, key=task.key) for task in tasks]
    with Runner(executor, concurrency=Concurrency(2, 0)) as runner:
        outcome = run_batch(
            runner,
            items,
            progress_for=reports.callback,
            on_done=lambda name, handle, failure: handles.__setitem__(name, handle),
        )
    executor.shutdown()
    return executor, handles, outcome


def test_four_clips_transcode_on_the_cluster_then_come_from_the_cache(
    client: Client, make_clip, tmp_path: Path
) -> None:
    files = four_clips(make_clip, tmp_path)
    out = tmp_path / "out"
    reports = Reports()
    _executor, _handles, outcome = run_on(client, files, out, reports)
    assert outcome.failures == {}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"week {n}-360p.mp4" for n in (1, 2, 3, 4)] + ["week 2-540p.mp4"]
    )
    assert set(reports.by_name) == {f.name for f in files}
    for name, progress in reports.by_name.items():
        fractions = [p.fraction for p in progress]
        assert fractions == sorted(fractions), name
        assert progress[-1].stage == "done" and progress[-1].fraction == pytest.approx(1.0)
    # 960x540 is encoded (the 640x360 ones conform and are remuxed): ffmpeg's own reports
    # crossed the cluster (how many depends on the machine's speed, so only that they did).
    encodes = [p.fraction for p in reports.by_name["week 2.mp4"] if p.stage == "encode"]
    assert any(0 < fraction <= 1 for fraction in encodes), encodes
    assert parts_left(out, rendition_cache().root) == []

    again = Reports()
    _executor, _handles, outcome = run_on(client, files, tmp_path / "again", again)
    assert outcome.failures == {}
    for name in (f.name for f in files):
        assert [p.stage for p in again.by_name[name]] == ["hash", "cached"], name


def test_a_cancelled_file_stops_its_ffmpeg_on_the_worker_and_leaves_nothing(
    client: Client, make_long_clip, tmp_path: Path
) -> None:
    clip = make_long_clip("1280x720")
    out = tmp_path / "out"
    (task,) = transcode_tasks([clip], out)
    reports = Reports()
    executor = DaskJobExecutor(client)
    with Runner(executor, concurrency=Concurrency(1, 0)) as runner:
        handle = runner.submit("long", task.job, key=task.key, on_progress=reports.callback("long"))
        reports.wait_for("long", "encode")
        encoders = _ffmpeg_children(client)
        assert encoders, "no ffmpeg ran on any worker while the file was encoding"
        handle.cancel()
        with pytest.raises(Cancelled):
            handle.future.result(timeout=EVENT_TIMEOUT_S)
    executor.shutdown()
    # The job ends only after its child: the ffmpeg that encoded is gone by now.
    assert not [e.pid for e in encoders if _is_running(e.pid)]
    assert not out.exists() or list(out.iterdir()) == []
    assert parts_left(rendition_cache().root) == []


def _is_running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _ffmpeg_children(client: Client) -> list[psutil.Process]:
    pids = client.run(os.getpid).values()
    return [
        child
        for pid in pids
        for child in psutil.Process(pid).children(recursive=True)
        if "ffmpeg" in child.name()
    ]


def test_a_truncated_input_fails_once_and_is_not_retried(
    client: Client, make_clip, tmp_path: Path
) -> None:
    data = make_clip("whole.mp4", seconds=1.0).read_bytes()
    bad = tmp_path / "truncated.mp4"
    bad.write_bytes(data[: len(data) // 2])
    reports = Reports()
    executor, handles, outcome = run_on(client, [bad], tmp_path / "out", reports)
    failure = outcome.failures["truncated.mp4"]
    assert str(bad) in failure and "incomplete" in failure.lower()
    assert isinstance(handles["truncated.mp4"].future.exception(), MediaDecodeError)
    assert executor.restarts(handles["truncated.mp4"].future) == 0
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_workers_report_what_they_see_and_a_missing_path_is_one_clear_error(
    client: Client, make_clip, tmp_path: Path
) -> None:
    clip = make_clip("seen.mp4")
    reports = describe_workers(client, [clip], [tmp_path / "out"])
    assert len(reports) == 2
    assert all(r.threads == 1 and r.cores >= 1 and not r.problems for r in reports)
    missing = tmp_path / "not mounted" / "lecture.mp4"
    with pytest.raises(Exception, match="cannot read") as raised:
        require_paths_seen(client, [missing], [tmp_path / "out"])
    message = raised.value.user_message
    assert str(missing) in message and "worker tcp://127.0.0.1:" in message
    assert "mount the shared folder" in message


def test_a_worker_killed_mid_encode_is_retried_and_the_batch_completes(
    make_clip, tmp_path: Path
) -> None:
    clip = make_clip("lecture.mp4", seconds=2.0, size="960x540", rate=30, repeat=6)
    quick = make_clip("intro.mp4", seconds=1.0, size="640x360")
    out = tmp_path / "out"
    with dask_processes(workers=2) as running, connect(running.address) as client:
        set_up_workers(client, [stop_children_with_parent])  # as the CLI and the app do
        reports = Reports()
        killed: list[psutil.Process] = []

        def kill_the_encoding_worker() -> None:
            # Progress arrives on the client's event loop: the kill comes from this thread.
            reports.wait_for("lecture.mp4", "encode")
            (encoder,) = [e for e in _ffmpeg_children(client) if "lecture" in " ".join(e.cmdline())]
            worker = encoder.parent()
            assert worker is not None
            killed.extend(worker.children(recursive=True))
            os.kill(worker.pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_the_encoding_worker)
        killer.start()
        executor, handles, outcome = run_on(client, [clip, quick], out, reports)
        killer.join(EVENT_TIMEOUT_S)
    assert killed, "the worker was not killed while it encoded"
    # The killed worker's ffmpeg died with it, instead of encoding on for nobody.
    _gone, alive = psutil.wait_procs(killed, timeout=EVENT_TIMEOUT_S)
    assert [p for p in alive if _is_running(p.pid)] == []
    assert outcome.failures == {}
    assert executor.restarts(handles["lecture.mp4"].future) == 1
    assert executor.restarts(handles["intro.mp4"].future) == 0
    assert "restarted" in [p.stage for p in reports.by_name["lecture.mp4"]]
    assert sorted(p.name for p in out.iterdir()) == [
        "intro-360p.mp4",
        "lecture-360p.mp4",
        "lecture-540p.mp4",
    ]
    # Its half-made cache entry went too: the retry removed the folder nobody holds.
    assert parts_left(out, rendition_cache().root) == []


def test_the_scheduler_going_away_stops_the_batch_with_one_error_and_keeps_what_finished(
    make_clip, make_long_clip, tmp_path: Path
) -> None:
    quick = make_clip("intro.mp4", seconds=1.0, size="640x360")
    long = make_long_clip("1280x720")
    out = tmp_path / "out"
    with dask_processes(workers=2) as running, connect(running.address) as client:
        tasks = transcode_tasks([quick, long], out)
        reports = Reports()
        executor = DaskJobExecutor(client)
        items = [BatchItem(t.source.name, t.job, key=t.key) for t in tasks]

        encoders: list[psutil.Process] = []

        def stop_the_scheduler() -> None:
            reports.wait_for("intro.mp4", "done")
            reports.wait_for("long.mp4", "encode")
            encoders.extend(_ffmpeg_children(client))
            running.scheduler.kill()

        stopper = threading.Thread(target=stop_the_scheduler)
        stopper.start()
        with (
            Runner(executor, concurrency=Concurrency(2, 0)) as runner,
            pytest.raises(ClusterLost, match="lost the dask scheduler"),
        ):
            run_batch(runner, items, progress_for=reports.callback)
        stopper.join(EVENT_TIMEOUT_S)
        # The workers stop the encode nobody can receive, rather than run on.
        assert encoders
        _gone, alive = psutil.wait_procs(encoders, timeout=EVENT_TIMEOUT_S)
        assert [p for p in alive if _is_running(p.pid)] == []
    assert (out / "intro-360p.mp4").is_file()
    assert not (out / "long-720p.mp4").exists()


def test_files_at_once_limits_the_jobs_running_together(client: Client, tmp_path: Path) -> None:
    # --jobs 1 on two workers: each job records when it ran, on the worker's clock (one host).
    gate = tmp_path / "gate"

    def job_for(name: str) -> Callable[[JobContext], tuple[float, float]]:
        def job(context: JobContext) -> tuple[float, float]:
            start = time.time()
            # Long enough that two unlimited jobs would overlap: until the other job started
            # or a second has passed, whichever comes first.
            (gate / name).touch()
            deadline = start + 1.0
            while time.time() < deadline and len(list(gate.iterdir())) < 2:
                time.sleep(0.01)
            return start, time.time()

        return job

    gate.mkdir()
    executor = DaskJobExecutor(client, files_at_once=1)
    with Runner(executor, concurrency=Concurrency(1, 0)) as runner:
        handles = [runner.submit(name, job_for(name)) for name in ("a", "b")]
        spans = sorted(handle.future.result(timeout=EVENT_TIMEOUT_S) for handle in handles)
    executor.shutdown()
    assert spans[0][1] <= spans[1][0], spans
