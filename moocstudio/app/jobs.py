"""Jobs off the GUI thread: the media jobs runner, with its news delivered as Qt signals.

Jobs are the same plain callables the CLI runs (they take a ``JobContext``). They run on the
``moocstudio.jobs`` Runner's worker threads; progress and the outcome are emitted by a ``JobRecord``
that lives in the GUI thread, so Qt queues them onto the event loop and no widget is ever touched
from a worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from moocstudio.errors import Cancelled, MoocstudioError
from moocstudio.jobs.runner import (
    Job,
    JobConflict,
    JobHandle,
    Runner,
    choose_concurrency,
    manual_concurrency,
)
from moocstudio.progress import Progress

WAVEFORM_KIND = "waveform"
BACKGROUND_JOB_KINDS = frozenset({WAVEFORM_KIND})
"""Kinds of job the app starts on its own, not at the author's request."""
CLUSTER_JOB_KINDS = frozenset({"batch"})
"""Kinds of job that run on the dask cluster when Preferences ▸ Processing chose one."""


class JobRecord(QObject):
    """One job as the GUI sees it.

    Signals:
        progressed: A new Progress (fraction, stage, eta, message).
        succeeded: The job's result.
        failed: A message for the user (never a traceback).
        cancelled: The job was cancelled; it left nothing half-written.
        ended: After any of the three above.
    """

    progressed = Signal(object)
    _outcome = Signal(str, object, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, name: str, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.kind = kind
        self.handle: JobHandle[Any] | None = None
        self.progress = Progress(0.0, "queued")
        self.state = "queued"  # queued, running, done, failed, cancelled
        self.error = ""
        # Queued even when emitted on the GUI thread: a job that ends before submit() returns
        # (a cache hit) reports on the next turn of the event loop, after the caller connected.
        self._outcome.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the job to stop; a job that already finished is left as it is."""
        if self.handle is not None:
            self.handle.cancel()

    def _on_progress(self, progress: Progress) -> None:
        self.progress = progress
        self.state = "running"
        self.progressed.emit(progress)

    def _on_done(self, future: Future[Any]) -> None:
        # Runs on the worker thread: hand the outcome to the GUI thread (a queued signal), where
        # the state changes, so GUI code never sees "done" before the result has been applied.
        if future.cancelled():
            self._outcome.emit("cancelled", None, "")
            return
        error = future.exception()
        if error is None:
            self._outcome.emit("done", future.result(), "")
        elif isinstance(error, Cancelled):
            self._outcome.emit("cancelled", None, "")
        elif isinstance(error, MoocstudioError):
            self._outcome.emit("failed", None, error.user_message)
        else:
            self._outcome.emit("failed", None, f"{type(error).__name__}: {error}")

    def _finish(self, state: str, result: object, message: str) -> None:
        self.error = message
        if state == "done":
            self.succeeded.emit(result)
        elif state == "failed":
            self.failed.emit(message)
        else:
            self.cancelled.emit()
        # Last: whoever polls the state sees "done" only once the result has been handled.
        self.state = state
        self.ended.emit()


class JobCenter(QObject):
    """Every job the app runs, on one Runner, with a record per job for the jobs dock.

    Signals:
        added: A new JobRecord.
    """

    added = Signal(object)

    def __init__(self, workers: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # As many jobs at once as the CLI's rule allows on this machine (one per core, up to 4).
        concurrency = (
            manual_concurrency(workers) if workers else choose_concurrency(os.cpu_count() or 1)
        )
        self.runner = Runner(concurrency=concurrency)
        self.records: list[JobRecord] = []
        self.cluster_address: str | None = None
        self._cluster: Any = None  # (client, executor, runner) once a batch went there

    def use_cluster(self, address: str | None) -> None:
        """Send later batch jobs to the dask scheduler at ``address`` (None: this computer).

        Jobs already running stay where they are.
        """
        if address != self.cluster_address:
            self._close_cluster(wait=False)
            self.cluster_address = address

    def prepare_batch(self, sources: Sequence[Path], out_dir: Path, cache_root: Path) -> None:
        """Before a batch on the cluster: connect and check every worker sees its paths.

        Nothing to do on this computer.

        Raises:
            MoocstudioError: dask.distributed missing, the scheduler unreachable, or a
                worker that cannot read a source or write the outputs (named).
        """
        if self.cluster_address is None:
            return
        from moocstudio.jobs.cluster import require_paths_seen

        client, _executor, _runner = self._cluster_runner()
        require_paths_seen(client, sources, [out_dir, cache_root])

    def _cluster_runner(self) -> tuple[Any, Any, Runner]:
        if self._cluster is None:
            from moocstudio.jobs.cluster import connect, set_up_workers
            from moocstudio.jobs.remote import DaskJobExecutor
            from moocstudio.media.process import stop_children_with_parent

            assert self.cluster_address is not None
            client = connect(self.cluster_address)
            set_up_workers(client, [stop_children_with_parent])  # ffmpeg dies with its worker
            executor = DaskJobExecutor(client)
            # Threads per job are chosen on each worker; jobs at once by the workers' threads.
            runner = Runner(executor, concurrency=self.runner.concurrency)
            self._cluster = (client, executor, runner)
        return self._cluster  # type: ignore[no-any-return]

    def _runner_for(self, kind: str) -> Runner:
        if self.cluster_address is not None and kind in CLUSTER_JOB_KINDS:
            return self._cluster_runner()[2]
        return self.runner

    def _close_cluster(self, *, wait: bool) -> None:
        if self._cluster is None:
            return
        client, executor, runner = self._cluster
        self._cluster = None
        if wait:
            runner.shutdown()
        executor.shutdown()
        client.close()

    def submit(
        self,
        name: str,
        job: Job[Any],
        *,
        kind: str = "job",
        key: str | None = None,
        on_success: Callable[[Any], None] | None = None,
    ) -> JobRecord:
        """Run ``job`` off the GUI thread; ``on_success`` runs on the GUI thread with its result.

        Raises:
            JobConflict: A job writing the same output (``key``) is queued or running.
            MoocstudioError: A batch job for the cluster, which cannot be reached.
        """
        record = JobRecord(name, kind, self)
        if on_success is not None:
            record.succeeded.connect(on_success)
        runner = self._runner_for(kind)
        record.handle = runner.submit(name, job, key=key, on_progress=record._on_progress)
        record.handle.future.add_done_callback(record._on_done)
        self.records.append(record)
        self.added.emit(record)
        return record

    def running(self) -> list[JobRecord]:
        """Jobs not yet ended."""
        return [r for r in self.records if r.state in ("queued", "running")]

    def shutdown(self) -> None:
        """Cancel every job and wait for them to clean up (on quit)."""
        for record in self.running():
            record.cancel()
        self.runner.shutdown(cancel_pending=True)
        # Cancelled remote jobs end once their worker has cleaned up; then the client goes.
        for record in self.records:
            if record.handle is not None and not record.handle.future.cancelled():
                record.handle.future.exception()
        self._close_cluster(wait=True)


__all__ = ["JobCenter", "JobConflict", "JobRecord"]
