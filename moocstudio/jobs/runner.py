"""Run jobs (plain callables with progress and cancel) on any ``concurrent.futures.Executor``.

A job is ``job(context) -> result`` where the context carries the progress callback, the cancel
token and how many threads the job may use. The local default is a thread pool sized for the
machine (see :func:`choose_concurrency`); ``remote.DaskJobExecutor`` runs the same jobs on a
dask.distributed cluster, with progress and cancel carried across machines.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from moocstudio.errors import MoocstudioError
from moocstudio.progress import (
    CancelToken,
    JobContext,
    Progress,
    ProgressCallback,
    ignore_progress,
)

T = TypeVar("T")

# The rule, measured with benchmarks/bench_batch.py on 2 vCPUs (6 clips, mobile ladder): two
# jobs at once with one encoder thread each took 0.87 of the time of one job at a time with
# ffmpeg choosing its threads. A ladder's single decode and filter chain leave cores idle that
# a second job fills. So: one job per core, up to MAX_PARALLEL_JOBS, and the cores shared
# evenly among them; beyond that, more threads per job rather than more jobs (memory: each
# 1080p ladder holds its own decoded frames).
MAX_PARALLEL_JOBS = 4


@dataclass(frozen=True)
class Concurrency:
    """How many jobs run at once and how many threads each may use (0 = encoder's choice)."""

    workers: int
    threads_per_job: int


def choose_concurrency(jobs: int, cpu_count: int | None = None) -> Concurrency:
    """The concurrency rule for ``jobs`` jobs on this machine."""
    cores = cpu_count or os.cpu_count() or 1
    workers = max(1, min(jobs, cores, MAX_PARALLEL_JOBS))
    threads = 0 if workers == 1 else max(1, cores // workers)
    return Concurrency(workers=workers, threads_per_job=threads)


def manual_concurrency(workers: int, cpu_count: int | None = None) -> Concurrency:
    """Concurrency for a number of jobs the user chose (``--jobs N``): cores shared evenly."""
    cores = cpu_count or os.cpu_count() or 1
    return Concurrency(
        workers=workers, threads_per_job=0 if workers == 1 else max(1, cores // workers)
    )


Job = Callable[[JobContext], T]


@dataclass
class JobHandle(Generic[T]):
    """A submitted job: its future, its last progress report and a way to cancel it."""

    name: str
    future: Future[T]
    cancel_token: CancelToken
    progress: Progress = field(default_factory=lambda: Progress(0.0, "queued"))

    def cancel(self) -> None:
        """Cancel the job: dropped if still queued, stopped (outputs removed) if running."""
        self.cancel_token.cancel()
        self.future.cancel()

    @property
    def done(self) -> bool:
        """True once the job finished, failed or was cancelled."""
        return self.future.done()


class JobConflict(MoocstudioError):
    """Another job is already writing the same output."""


class BatchStopped(MoocstudioError):
    """Not one job's failure but the end of every job (the cluster went away)."""


class Runner:
    """Submits jobs to an executor, at most one job per output key at a time."""

    def __init__(self, executor: Executor | None = None, *, concurrency: Concurrency) -> None:
        self.concurrency = concurrency
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(
            max_workers=concurrency.workers, thread_name_prefix="moocstudio-job"
        )
        self._lock = threading.Lock()
        self._busy_keys: set[str] = set()
        self._unfinished: set[CancelToken] = set()

    @classmethod
    def for_jobs(cls, jobs: int, executor: Executor | None = None) -> Runner:
        """A runner sized by :func:`choose_concurrency` for ``jobs`` jobs."""
        return cls(executor, concurrency=choose_concurrency(jobs))

    def submit(
        self,
        name: str,
        job: Job[T],
        *,
        key: str | None = None,
        on_progress: ProgressCallback = ignore_progress,
    ) -> JobHandle[T]:
        """Queue ``job``; ``key`` names its output so two jobs never write the same one.

        Raises:
            JobConflict: A job with the same key is queued or running.
        """
        if key is not None:
            with self._lock:
                if key in self._busy_keys:
                    raise JobConflict(f"{name}: already being worked on by another job")
                self._busy_keys.add(key)
        token = CancelToken()
        handle: JobHandle[T] = JobHandle(name=name, future=Future(), cancel_token=token)

        def report(progress: Progress) -> None:
            handle.progress = progress
            on_progress(progress)

        context = JobContext(report, token, self.concurrency.threads_per_job)
        # Known before it is submitted: an interrupt from here on still reaches the job.
        with self._lock:
            self._unfinished.add(token)
        try:
            handle.future = self._executor.submit(job, context)
        except BaseException:
            self._release(key, token)
            raise
        handle.future.add_done_callback(lambda _future: self._release(key, token))
        return handle

    def _release(self, key: str | None, token: CancelToken) -> None:
        with self._lock:
            self._unfinished.discard(token)
            if key is not None:
                self._busy_keys.discard(key)

    def cancel_all(self) -> None:
        """Cancel every job not yet ended; each stops (and cleans up) at its next check."""
        with self._lock:
            tokens = list(self._unfinished)
        for token in tokens:
            token.cancel()

    def shutdown(self, *, cancel_pending: bool = False) -> None:
        """Wait for running jobs (after dropping queued ones if asked) and free the pool."""
        if self._own_executor:
            self._executor.shutdown(wait=True, cancel_futures=cancel_pending)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """On an exception (Ctrl-C too), cancel every job and wait for them to clean up."""
        failed = exc_info[0] is not None
        if failed:
            self.cancel_all()
        self.shutdown(cancel_pending=failed)
