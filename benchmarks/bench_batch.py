"""Batch and cache figures for the media issue.

Usage: ``python benchmarks/bench_batch.py CORPUS_DIR`` where CORPUS_DIR was made by
``bash ../shared/media/make_corpus.sh CORPUS_DIR`` (run it first if missing).

Prints, from one run:
- a batch of 6 clips (20 s excerpts, mobile ladder) with the runner's concurrency rule, with
  two jobs at once on one thread each, and one after another: wall times and ratios;
- a second run with the cache warm / the cold run, for one clip;
- the same batch on dask.distributed (issue #16): the local runner vs a ``--workers 2``
  LocalCluster vs two ``dask worker`` processes on this machine (ratios to local, same cores),
  the dispatch overhead per job, progress reports per second per file, cancel latency, and a
  scaling table predicted from the measured per-file encode times.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from moocstudio.jobs.batch import BatchItem, run_batch
from moocstudio.jobs.runner import Concurrency, Runner, choose_concurrency
from moocstudio.media.cache import DerivedCache
from moocstudio.media.cached import cached_renditions, transcode_job
from moocstudio.media.tools import find_ffmpeg
from moocstudio.progress import ignore_progress

CLIPS = (
    "lecture_1080p30.mp4",
    "slides_720p30.mp4",
    "noaudio_720p30.mp4",
    "vfr_720p.mp4",
    "phone_portrait.mp4",
    "conforming_720p.mp4",
)
EXCERPT_SECONDS = "20"


def excerpts(corpus: Path, work: Path) -> list[Path]:
    """Stream-copied 20 s excerpts, as PERFORMANCE.md times its encode rows."""
    ffmpeg = find_ffmpeg().path
    made = []
    for name in CLIPS:
        target = work / f"x-{name}"
        subprocess.run(
            [
                ffmpeg,
                "-v",
                "error",
                "-y",
                "-i",
                str(corpus / name),
                "-t",
                EXCERPT_SECONDS,
                "-c",
                "copy",
                "-movflags",
                "+faststart",
                str(target),
            ],
            check=True,
        )
        made.append(target)
    return made


def run_once(files: list[Path], work: Path, concurrency: Concurrency, tag: str) -> float:
    cache = DerivedCache(work / f"cache-{tag}")
    items = [BatchItem(f.name, transcode_job(f, work / f"out-{tag}", f.stem, cache)) for f in files]
    start = time.perf_counter()
    with Runner(concurrency=concurrency) as runner:
        outcome = run_batch(runner, items, progress_for=lambda _name: ignore_progress)
    elapsed = time.perf_counter() - start
    if outcome.failures:
        raise SystemExit(f"batch failed: {outcome.failures}")
    return elapsed


def main() -> None:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        raise SystemExit(__doc__)
    corpus = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = excerpts(corpus, work)
        rule = choose_concurrency(len(files))
        serial_mode = Concurrency(1, 0)
        modes = {"one after another, threads auto": serial_mode}
        if rule != serial_mode:
            modes[f"runner rule ({rule.workers} jobs, {rule.threads_per_job} threads each)"] = rule
        modes["2 jobs at once, 1 thread each"] = Concurrency(2, 1)
        print(f"runner rule here: {rule} (same as one after another: {rule == serial_mode})")
        times: dict[str, list[float]] = {name: [] for name in modes}
        for run in range(2):
            for index, (name, concurrency) in enumerate(modes.items()):
                times[name].append(run_once(files, work, concurrency, f"{run}-{index}"))
        serial = statistics.median(times["one after another, threads auto"])
        print(f"batch of {len(files)} clips x {EXCERPT_SECONDS} s, mobile ladder (median of 2):")
        for name in modes:
            median = statistics.median(times[name])
            print(f"  {name:45s} {median:7.2f} s   ratio to serial {median / serial:.3f}")

        cache = DerivedCache(work / "cache-warm")
        lecture = files[0]
        start = time.perf_counter()
        cached_renditions(lecture, cache)
        cold = time.perf_counter() - start
        warm_runs = []
        for _ in range(5):
            start = time.perf_counter()
            cached_renditions(lecture, cache)
            warm_runs.append(time.perf_counter() - start)
        warm = statistics.median(warm_runs)
        print(
            f"cache, {lecture.name}: cold {cold:.2f} s, warm {warm * 1000:.1f} ms (median of 5), "
            f"warm/cold {warm / cold:.4f} (target <= 0.02)"
        )
        from bench_batch_cluster import cluster_figures

        cluster_figures(files, work)


if __name__ == "__main__":
    main()
