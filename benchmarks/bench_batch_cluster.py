"""The batch on dask.distributed (issue #16), called by bench_batch.py on its excerpts.

Alone: ``python benchmarks/bench_batch_cluster.py CORPUS_DIR`` (the same 6 excerpts).

Figures, from one run:
- wall time of the 6-clip batch: local runner (2 jobs, 1 thread each: what the rule picks
  here) vs ``--workers 2`` LocalCluster vs two ``dask worker`` processes (with their nannies)
  on this machine; ratio of each to local (target <= 1.05);
- dispatch overhead per job: no-op jobs through the cluster, one at a time (round trip) and
  200 at once (per job), against the local runner;
- progress reports per second per file while ffmpeg encodes (target >= 2), cancel latency
  (cancel to the job's end, its ffmpeg stopped and its files removed; target <= 2 s);
- a scaling table predicted from the measured per-file encode times: 500 one-hour lectures on
  1, 8 and 32 eight-core workers.
"""

from __future__ import annotations

import math
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from moocstudio.jobs.batch import BatchItem, run_batch
from moocstudio.jobs.cluster import connect, local_cluster
from moocstudio.jobs.remote import DaskJobExecutor
from moocstudio.jobs.runner import MAX_PARALLEL_JOBS, Concurrency, Runner
from moocstudio.media.cache import DerivedCache
from moocstudio.media.cached import transcode_job
from moocstudio.progress import JobContext, Progress

DASK = str(Path(sys.executable).with_name("dask"))
LOCAL = Concurrency(2, 1)


@contextmanager
def dask_worker_processes(workers: int = 2) -> Iterator[str]:
    """``dask scheduler`` and ``workers`` ``dask worker`` processes (one thread each)."""
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    processes = [scheduler]
    try:
        assert scheduler.stderr is not None
        address = ""
        for line in scheduler.stderr:
            found = re.search(r"Scheduler at:\s+(tcp://\S+)", line)
            if found:
                address = found.group(1)
                break
        threading.Thread(target=scheduler.stderr.read, daemon=True).start()
        for n in range(workers):
            processes.append(
                subprocess.Popen(
                    [DASK, "worker", address, "--nthreads", "1", "--name", f"w{n}"]
                    + ["--host", "127.0.0.1", "--no-dashboard"],
                    stderr=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                )
            )
        with connect(address) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)


class Timeline:
    """Per file: when its progress reports came, by stage, and when the job ended."""

    def __init__(self) -> None:
        self.reports: dict[str, list[tuple[float, Progress]]] = {}
        self.ended: dict[str, float] = {}

    def callback(self, name: str):  # type: ignore[no-untyped-def]
        self.reports[name] = []

        def report(progress: Progress) -> None:
            self.reports[name].append((time.perf_counter(), progress))

        return report

    def encode_rates(self) -> list[float]:
        """Reports per second during each file's encode (files with at least 1 s of it)."""
        rates = []
        for reports in self.reports.values():
            times = [t for t, p in reports if p.stage == "encode"]
            if len(times) > 2 and times[-1] - times[0] >= 1.0:
                rates.append((len(times) - 1) / (times[-1] - times[0]))
        return rates

    def job_seconds(self) -> dict[str, float]:
        """Each file's time from its first report to its end (its encode on one worker)."""
        return {
            name: self.ended[name] - reports[0][0]
            for name, reports in self.reports.items()
            if reports and name in self.ended
        }


def run_batch_on(runner: Runner, files: list[Path], out: Path, cache: DerivedCache) -> Timeline:
    timeline = Timeline()
    items = [BatchItem(f.name, transcode_job(f, out, f.stem, cache)) for f in files]

    outcome = run_batch(runner, items, progress_for=timeline.callback)
    if outcome.failures:
        raise SystemExit(f"batch failed: {outcome.failures}")
    for name in outcome.results:  # a job's last report is its "done"
        timeline.ended[name] = timeline.reports[name][-1][0]
    return timeline


def timed(label: str, make_runner, files: list[Path], work: Path) -> tuple[float, Timeline]:  # type: ignore[no-untyped-def]
    cache = DerivedCache(work / f"cache-{label}")
    with make_runner() as runner:
        start = time.perf_counter()
        timeline = run_batch_on(runner, files, work / f"out-{label}", cache)
        return time.perf_counter() - start, timeline


@contextmanager
def local_runner() -> Iterator[Runner]:
    with Runner(concurrency=LOCAL) as runner:
        yield runner


@contextmanager
def cluster_runner(client) -> Iterator[Runner]:  # type: ignore[no-untyped-def]
    executor = DaskJobExecutor(client)
    with Runner(executor, concurrency=Concurrency(2, 0)) as runner:
        yield runner
    executor.shutdown()


def noop(context: JobContext) -> int:
    return 1


def dispatch_ms(runner: Runner, count: int) -> tuple[float, float]:
    """(median round trip of one no-op job, wall per job of ``count`` submitted at once), ms."""
    trips = []
    for n in range(30):
        start = time.perf_counter()
        runner.submit(f"trip{n}", noop).future.result()
        trips.append(time.perf_counter() - start)
    start = time.perf_counter()
    handles = [runner.submit(f"n{n}", noop) for n in range(count)]
    for handle in handles:
        handle.future.result()
    return statistics.median(trips) * 1000, (time.perf_counter() - start) / count * 1000


def cancel_latency(runner: Runner, clip: Path, work: Path) -> float:
    """Seconds from cancel to the job's end (ffmpeg stopped, its files removed)."""
    encoding = threading.Event()

    def progress(report: Progress) -> None:
        if report.stage == "encode" and report.fraction > 0:
            encoding.set()

    job = transcode_job(clip, work / "out-cancel", clip.stem, DerivedCache(work / "cache-cancel"))
    handle = runner.submit("cancel", job, on_progress=progress)
    if not encoding.wait(300):
        raise SystemExit("the long clip never started encoding")
    start = time.perf_counter()
    handle.cancel()
    handle.future.exception()
    return time.perf_counter() - start


def long_clip(files: list[Path], work: Path) -> Path:
    """The lecture excerpt played 10 times over (copied): long enough to cancel mid-encode."""
    from moocstudio.media.tools import find_ffmpeg

    target = work / "long.mp4"
    subprocess.run(
        [find_ffmpeg().path, "-v", "error", "-y", "-stream_loop", "9", "-i", str(files[0])]
        + ["-c", "copy", str(target)],
        check=True,
    )
    return target


def scaling_table(per_core_realtime: float) -> list[str]:
    """500 one-hour lectures on 1, 8, 32 eight-core workers, from the measured speed.

    A worker runs MAX_PARALLEL_JOBS lectures at once with its cores shared evenly (the local
    rule, applied on each worker); speed is taken as linear in cores (the ladder's encoders
    scale near-linearly to 2 threads, measured here; beyond that it is an assumption).
    """
    lectures, hour, cores = 500, 3600.0, 8
    per_job = cores // MAX_PARALLEL_JOBS * per_core_realtime  # x realtime of one lecture
    lines = []
    for workers in (1, 8, 32):
        waves = math.ceil(lectures / (MAX_PARALLEL_JOBS * workers))
        wall = waves * hour / per_job
        ideal = lectures * hour / (cores * workers * per_core_realtime)
        lines.append(
            f"  {workers:2d} x 8-core workers: {wall / 3600:7.1f} h "
            f"({waves} waves of {MAX_PARALLEL_JOBS * workers} lectures; perfect packing "
            f"{ideal / 3600:.1f} h)"
        )
    return lines


def cluster_figures(files: list[Path], work: Path) -> None:
    """Print every cluster figure (see the module's docstring)."""
    from moocstudio.media.probe import probe

    media_seconds = sum(probe(f).duration or 0.0 for f in files)
    walls: dict[str, list[float]] = {"local": [], "local-cluster": [], "dask-workers": []}
    timelines: dict[str, Timeline] = {}
    with (
        local_cluster(2) as lc_client,  # not niced here: the same priority as the others
        dask_worker_processes(2) as address,
        connect(address) as dw_client,
    ):
        for run in range(2):
            for label, make in (
                ("local", local_runner),
                ("local-cluster", lambda: cluster_runner(lc_client)),
                ("dask-workers", lambda: cluster_runner(dw_client)),
            ):
                wall, timeline = timed(f"{label}-{run}", make, files, work)
                walls[label].append(wall)
                timelines[label] = timeline
        with local_runner() as runner:
            local_trip, local_each = dispatch_ms(runner, 200)
        with cluster_runner(dw_client) as runner:
            trip, each = dispatch_ms(runner, 200)
            latency = cancel_latency(runner, long_clip(files, work), work)
    local = statistics.median(walls["local"])
    print(f"\ndask.distributed, {len(files)} clips, {media_seconds:.0f} s of media (median of 2):")
    for label, values in walls.items():
        median = statistics.median(values)
        print(
            f"  {label:14s} {median:7.2f} s  {media_seconds / median:5.2f} x realtime  "
            f"ratio to local {median / local:.3f}{'' if label == 'local' else '  (target <= 1.05)'}"
        )
    print(
        f"dispatch per job: round trip {trip:.1f} ms on the cluster vs {local_trip:.2f} ms "
        f"local; 200 at once {each:.2f} ms/job vs {local_each:.3f} ms/job local"
    )
    rates = timelines["dask-workers"].encode_rates()
    if rates:
        print(
            f"progress reports per second per file while encoding, through dask: min "
            f"{min(rates):.1f}, median {statistics.median(rates):.1f} (target >= 2)"
        )
    print(f"cancel on a worker: {latency * 1000:.0f} ms to the job's end (target <= 2000 ms)")
    # Each dask worker has one thread, so a job's time is one file encoded on one core.
    job_seconds = timelines["dask-workers"].job_seconds()
    per_core = media_seconds / sum(job_seconds.values())
    print(
        f"measured per-file encode: {per_core:.2f} x realtime per core (sum of job times "
        f"{sum(job_seconds.values()):.1f} s for {media_seconds:g} s of media)"
    )
    print("predicted wall time, 500 one-hour lectures, mobile ladder:")
    for line in scaling_table(per_core):
        print(line)


def main() -> None:
    from bench_batch import excerpts

    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cluster_figures(excerpts(Path(sys.argv[1]), work), work)


if __name__ == "__main__":
    main()
