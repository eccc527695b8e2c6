"""Batches of jobs: results and failures gathered, Ctrl-C cancels every job already submitted."""

from __future__ import annotations

import threading

import pytest

from moocstudio.errors import MoocstudioError
from moocstudio.jobs.batch import BatchItem, run_batch
from moocstudio.jobs.runner import Concurrency, Runner
from moocstudio.progress import JobContext, ProgressCallback, ignore_progress
from tests.waiting import EVENT_TIMEOUT_S


def test_results_and_failures_are_gathered_by_name() -> None:
    def fails(context: JobContext) -> int:
        raise MoocstudioError("notes.mp4: not a video")

    items = [BatchItem("a", lambda context: 1), BatchItem("b", fails), BatchItem("c", lambda c: 3)]
    with Runner(concurrency=Concurrency(2, 1)) as runner:
        outcome = run_batch(runner, items, progress_for=lambda name: ignore_progress)
    assert outcome.results == {"a": 1, "c": 3}
    assert outcome.failures == {"b": "notes.mp4: not a video"}


def test_ctrl_c_between_two_submissions_cancels_the_job_already_running() -> None:
    started = threading.Event()
    saw_cancel: list[bool] = []

    def first(context: JobContext) -> None:
        started.set()
        saw_cancel.append(context.cancel.wait(EVENT_TIMEOUT_S))

    def progress_for(name: str) -> ProgressCallback:
        if name == "second":  # asked as the second job is submitted, while the first one runs
            assert started.wait(EVENT_TIMEOUT_S)
            raise KeyboardInterrupt
        return ignore_progress

    items = [BatchItem("first", first), BatchItem("second", lambda context: None)]
    with Runner(concurrency=Concurrency(2, 1)) as runner:
        with pytest.raises(KeyboardInterrupt):
            run_batch(runner, items, progress_for=progress_for)
        # run_batch let the interrupt through once the first job had ended, cancelled.
        assert saw_cancel == [True]
