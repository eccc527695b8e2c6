"""Jobs off the GUI thread: the media jobs runner, with its news delivered as Qt signals.

Jobs are the same plain callables the CLI runs (they take a ``JobContext``). They run on the
``moocstudio.jobs`` Runner's worker threads; progress and the outcome are emitted by a ``JobRecord``
that lives in the GUI thread, so Qt queues them onto the event loop and no widget is ever touched
from a worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future
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
        """
        record = JobRecord(name, kind, self)
        if on_success is not None:
            record.succeeded.connect(on_success)
        record.handle = self.runner.submit(name, job, key=key, on_progress=record._on_progress)
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


__all__ = ["JobCenter", "JobConflict", "JobRecord"]
