"""Run the same jobs on a dask.distributed cluster, with progress and cancel across machines.

:class:`DaskJobExecutor` is a ``concurrent.futures.Executor`` for the jobs Runner: the Runner,
run_batch, the CLI's bars and the app's Jobs dock work on it unchanged. Each job runs on a
worker inside :func:`run_on_worker`, which

- sends the job's progress to the client as worker events (``log_event`` / ``subscribe_topic``);
- watches a dask ``Event`` named for the job, and cancels the job's local CancelToken when it
  is set, so the ffmpeg child on the worker stops through the usual interrupt → terminate →
  kill path;
- announces each start, so a job that dask started again after its worker died is counted.

A worker that dies mid-job is dask's business: the scheduler runs the job again elsewhere (up
to ``distributed.scheduler.allowed-failures`` times). A job that fails for its input raises,
and dask does not run a failed task again unless asked (``retries`` is never set here).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any, TypeVar

from moocstudio.errors import MoocstudioError
from moocstudio.jobs.cluster import ClusterLost, scheduler_address
from moocstudio.progress import CancelToken, JobContext, Progress

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")

PROGRESS_INTERVAL_S = 0.2
"""Progress reports sent per job at most this often (the stage's first and last always go)."""
_CANCEL_WAIT_S = 1.0  # one long-poll of the cancel Event; it returns at once when set
_TOPIC_PREFIX = "moocstudio-jobs-"


class WorkerLostTooOften(MoocstudioError):
    """dask gave up on a job whose worker died again and again."""


def run_on_worker(
    job: Callable[[JobContext], T],
    job_id: str,
    topic: str,
    cancel_event: str,
    semaphore: str | None = None,
    files_at_once: int = 0,
) -> T:
    """Run ``job`` on this dask worker, reporting to the client and obeying its cancel.

    Args:
        job: The job, as the local runner would run it.
        job_id: Its id in the client's events.
        topic: Worker-event topic the client listens to.
        cancel_event: Name of the dask Event that cancels it.
        semaphore: Name of a dask Semaphore limiting the jobs at once (``--jobs``), if any.
        files_at_once: That limit (the Semaphore's leases).
    """
    from distributed import Event, Semaphore, get_client, get_worker

    worker = get_worker()
    client = get_client()  # here: the watcher's thread is no task and would find none
    token = CancelToken()
    send = _Sender(worker, topic, job_id)
    send.event("start", worker=worker.address, pid=os.getpid())
    watcher = _CancelWatcher(Event(cancel_event, client=client), token)
    limit = Semaphore(max_leases=files_at_once, name=semaphore) if semaphore else None
    try:
        with limit if limit is not None else contextlib.nullcontext():
            token.raise_if_cancelled()
            threads = _threads_per_job(_jobs_at_once_on_this_host(client, worker))
            return job(JobContext(send.progress, token, threads))
    finally:
        watcher.stop()
        send.flush()


def _jobs_at_once_on_this_host(client: Any, worker: Any) -> int:
    """Threads of every worker on this machine: several ``dask worker`` may share its cores."""
    try:
        workers = client.scheduler_info(n_workers=-1)["workers"].values()
    except OSError:  # no answer: count this worker alone, as a worker on its own machine
        return int(worker.state.nthreads)
    from distributed.comm.addressing import get_address_host

    host = get_address_host(worker.address)
    return sum(int(w.get("nthreads", 1)) for w in workers if w.get("host") == host) or 1


def _threads_per_job(jobs_at_once: int) -> int:
    """The local rule on the worker: its cores shared among the jobs it runs at once."""
    cores = os.cpu_count() or 1
    return 0 if jobs_at_once <= 1 else max(1, cores // jobs_at_once)


class _Sender:
    """Sends one job's events to the client, progress at most every PROGRESS_INTERVAL_S."""

    def __init__(self, worker: Any, topic: str, job_id: str) -> None:
        self._worker = worker
        self._topic = topic
        self._job_id = job_id
        self._last_sent = 0.0
        self._last_stage = ""
        self._held: Progress | None = None

    def event(self, kind: str, **fields: object) -> None:
        self._worker.log_event(self._topic, {"id": self._job_id, "kind": kind, **fields})

    def progress(self, progress: Progress) -> None:
        now = time.monotonic()
        due = now - self._last_sent >= PROGRESS_INTERVAL_S
        if not due and progress.stage == self._last_stage and progress.fraction < 1.0:
            self._held = progress
            return
        self._held = None
        self._last_sent, self._last_stage = now, progress.stage
        self.event(
            "progress",
            fraction=progress.fraction,
            stage=progress.stage,
            eta=progress.eta,
            message=progress.message,
        )

    def flush(self) -> None:
        if self._held is not None:
            self._last_sent = 0.0
            self.progress(self._held)


class _CancelWatcher:
    """Cancels the job's token once its dask Event is set (long-polls on a thread)."""

    def __init__(self, event: Any, token: CancelToken) -> None:
        self._event = event
        self._token = token
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="moocstudio-cancel", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            try:
                if self._event.wait(timeout=_CANCEL_WAIT_S):
                    self._token.cancel()
                    return
            except (OSError, RuntimeError, asyncio.CancelledError):
                # The scheduler went away (its comm closed, or this worker's client did): the
                # client has already given up on this job, and its result could reach nobody.
                # Stop, cleaning up, rather than run on.
                self._token.cancel()
                return

    def stop(self) -> None:
        self._done.set()


class DaskJobExecutor(Executor):
    """Submits jobs (``job(context)``) to a dask cluster; their futures are local futures.

    Args:
        client: A client of the cluster.
        files_at_once: At most this many jobs run at once (``--jobs``); None: as many as the
            workers have threads.
    """

    def __init__(self, client: Client, *, files_at_once: int | None = None) -> None:
        self.client = client
        self.address = scheduler_address(client)
        self._files_at_once = files_at_once or 0
        self._semaphore = f"moocstudio-jobs-{uuid.uuid4().hex}" if files_at_once else None
        self._topic = _TOPIC_PREFIX + uuid.uuid4().hex
        self._lock = threading.Lock()
        self._contexts: dict[str, JobContext] = {}
        self._starts: dict[str, int] = {}
        self._ids: dict[Future[Any], str] = {}  # local future -> job id
        self._pending: set[Any] = set()  # dask futures: kept so dask keeps their tasks
        client.subscribe_topic(self._topic, self._on_event)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Submit ``fn(context)`` (the Runner's call) to the cluster."""
        (context,) = args
        if kwargs or not isinstance(context, JobContext):
            raise TypeError("DaskJobExecutor runs jobs: submit(job, context)")
        job_id = uuid.uuid4().hex
        cancel_event = f"moocstudio-cancel-{job_id}"
        with self._lock:
            self._contexts[job_id] = context
            self._starts[job_id] = 0
        remote = self.client.submit(
            run_on_worker,
            fn,
            job_id,
            self._topic,
            cancel_event,
            self._semaphore,
            self._files_at_once,
            key=f"moocstudio-job-{job_id}",
            pure=False,
        )
        local: Future[T] = Future()
        # Running from the start: its outcome always comes from the worker, a cancel included
        # (the job removes what it was writing before it reports "cancelled").
        local.set_running_or_notify_cancel()
        with self._lock:
            self._ids[local] = job_id
            self._pending.add(remote)
        context.cancel.add_callback(lambda: self._cancel(cancel_event))
        remote.add_done_callback(lambda done: self._settle(done, local, job_id))
        return local

    def _cancel(self, cancel_event: str) -> None:
        from distributed import Event

        with contextlib.suppress(OSError, RuntimeError):  # a lost scheduler ends every job anyway
            Event(cancel_event, client=self.client).set()

    def _on_event(self, event: tuple[float, dict[str, Any]]) -> None:
        _timestamp, message = event
        job_id = message.get("id", "")
        with self._lock:
            context = self._contexts.get(job_id)
            if context is None:
                return
            if message.get("kind") == "start":
                self._starts[job_id] += 1
                restarted = self._starts[job_id] > 1
        if message.get("kind") == "start":
            if restarted:
                context.on_progress(
                    Progress(0.0, "restarted", message=f"again on {message.get('worker')}")
                )
            return
        context.on_progress(
            Progress(
                fraction=float(message["fraction"]),
                stage=str(message["stage"]),
                eta=message.get("eta"),
                message=str(message.get("message", "")),
            )
        )

    def _settle(self, remote: Any, local: Future[T], job_id: str) -> None:
        try:
            if remote.status == "finished":
                local.set_result(remote.result())
            elif remote.status == "error":
                local.set_exception(self._explained(remote.exception()))
            else:  # cancelled by dask itself: the client lost the scheduler
                local.set_exception(self._lost())
        except (OSError, RuntimeError, asyncio.CancelledError) as exc:
            # The result could not be fetched: the scheduler went away meanwhile.
            if not local.done():
                error = self._lost()
                error.__cause__ = exc
                local.set_exception(error)
        finally:
            with self._lock:
                self._contexts.pop(job_id, None)
                self._pending.discard(remote)

    def _lost(self) -> ClusterLost:
        return ClusterLost(
            f"lost the dask scheduler at {self.address}; the batch stopped "
            "(files finished so far are kept)"
        )

    @staticmethod
    def _explained(error: BaseException) -> BaseException:
        from distributed import KilledWorker

        if isinstance(error, KilledWorker):
            return WorkerLostTooOften(
                f"{error.task}: the workers running it died again and again; the job was "
                "given up (a worker short of memory?)"
            )
        return error

    def restarts(self, future: Future[Any]) -> int:
        """How many times the job of ``future`` started again after its worker was lost."""
        with self._lock:
            job_id = self._ids.get(future, "")
            return max(0, self._starts.get(job_id, 0) - 1)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop listening for events; the client (and cluster) belong to the caller."""
        with contextlib.suppress(OSError, RuntimeError):  # the client or scheduler went first
            self.client.unsubscribe_topic(self._topic)
