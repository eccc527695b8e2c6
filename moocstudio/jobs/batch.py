"""Run a batch of jobs on a Runner and gather what each one made or why it failed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from moocstudio.errors import MoocstudioError
from moocstudio.jobs.runner import BatchStopped, Job, JobHandle, Runner
from moocstudio.progress import ProgressCallback

T = TypeVar("T")


@dataclass(frozen=True)
class BatchItem(Generic[T]):
    """One job of a batch: a name for the user, the output it writes, and the work."""

    name: str
    job: Job[T]
    key: str | None = None


@dataclass
class BatchOutcome(Generic[T]):
    """Results by item name, and the user-facing reason of each failure."""

    results: dict[str, T] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


def run_batch(
    runner: Runner,
    items: Sequence[BatchItem[T]],
    *,
    progress_for: Callable[[str], ProgressCallback],
    on_done: Callable[[str, JobHandle[T], str | None], None] | None = None,
) -> BatchOutcome[T]:
    """Submit every item, wait for all, and collect results and failures.

    Args:
        runner: Where the jobs run.
        items: The jobs.
        progress_for: Gives the progress callback of the item with that name.
        on_done: Called in submission order as each item ends, with its handle and the failure
            message (None on success).

    Raises:
        KeyboardInterrupt: After cancelling every job (running ones remove their outputs).
        BatchStopped: Every job ended at once (the cluster went away); what finished is kept.
    """
    handles: list[JobHandle[T]] = []
    outcome: BatchOutcome[T] = BatchOutcome()
    try:
        # Submitted inside the try: a Ctrl-C between two submissions cancels those already in.
        for item in items:
            handles.append(
                runner.submit(
                    item.name, item.job, key=item.key, on_progress=progress_for(item.name)
                )
            )
        for item, handle in zip(items, handles, strict=True):
            failure = None
            try:
                outcome.results[item.name] = handle.future.result()
            except BatchStopped:
                raise
            except MoocstudioError as exc:
                failure = outcome.failures[item.name] = exc.user_message
            if on_done is not None:
                on_done(item.name, handle, failure)
    except KeyboardInterrupt:
        for handle in handles:
            handle.cancel()
        for handle in handles:
            if not handle.future.cancelled():
                handle.future.exception()  # wait: cancelled jobs are still cleaning up
        raise
    return outcome
