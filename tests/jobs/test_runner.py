from __future__ import annotations

import threading
import time
from concurrent.futures import CancelledError, ThreadPoolExecutor

import pytest

from moocstudio.errors import Cancelled
from moocstudio.jobs.runner import (
    Concurrency,
    JobConflict,
    Runner,
    choose_concurrency,
)
from moocstudio.progress import JobContext, Progress
from tests.waiting import EVENT_TIMEOUT_S


@pytest.mark.parametrize(
    ("jobs", "cores", "expected"),
    [
        (6, 1, Concurrency(1, 0)),
        (6, 2, Concurrency(2, 1)),
        (1, 2, Concurrency(1, 0)),
        (6, 4, Concurrency(4, 1)),
        (6, 8, Concurrency(4, 2)),
        (1, 8, Concurrency(1, 0)),
        (3, 16, Concurrency(3, 5)),
    ],
)
def test_concurrency_rule(jobs: int, cores: int, expected: Concurrency) -> None:
    assert choose_concurrency(jobs, cores) == expected


def test_jobs_report_progress_and_return_results() -> None:
    seen: list[Progress] = []

    def job(context: JobContext) -> int:
        for step in range(1, 5):
            context.on_progress(Progress(step / 4, "work"))
        return 42

    with Runner(concurrency=Concurrency(2, 1)) as runner:
        handle = runner.submit("answer", job, on_progress=seen.append)
        assert handle.future.result(timeout=EVENT_TIMEOUT_S) == 42
    assert [p.fraction for p in seen] == [0.25, 0.5, 0.75, 1.0]
    assert handle.progress.fraction == 1.0


def test_cancel_reaches_a_running_job() -> None:
    started = threading.Event()

    def job(context: JobContext) -> None:
        started.set()
        while not context.cancel.wait(0.01):
            pass
        context.cancel.raise_if_cancelled("clip.mp4")

    with Runner(concurrency=Concurrency(1, 0)) as runner:
        handle = runner.submit("slow", job)
        assert started.wait(EVENT_TIMEOUT_S)
        handle.cancel()
        with pytest.raises(Cancelled, match="clip.mp4: cancelled"):
            handle.future.result(timeout=EVENT_TIMEOUT_S)


def test_a_queued_job_is_dropped_on_cancel() -> None:
    gate = threading.Event()
    with Runner(concurrency=Concurrency(1, 0)) as runner:
        first = runner.submit("first", lambda context: gate.wait(EVENT_TIMEOUT_S))
        second = runner.submit("second", lambda context: "ran")
        second.cancel()
        gate.set()
        assert first.future.result(timeout=EVENT_TIMEOUT_S) is True
        with pytest.raises(CancelledError):
            second.future.result(timeout=EVENT_TIMEOUT_S)


def test_one_job_per_output_key_at_a_time() -> None:
    gate = threading.Event()
    with Runner(concurrency=Concurrency(2, 1)) as runner:
        runner.submit("a", lambda context: gate.wait(EVENT_TIMEOUT_S), key="out/lecture")
        with pytest.raises(JobConflict, match="already being worked on"):
            runner.submit("a again", lambda context: None, key="out/lecture")
        gate.set()
    with Runner(concurrency=Concurrency(1, 0)) as runner:
        # Once done, the key is free again.
        runner.submit("a", lambda context: None, key="out/lecture").future.result(
            timeout=EVENT_TIMEOUT_S
        )
        runner.submit("b", lambda context: None, key="out/lecture").future.result(
            timeout=EVENT_TIMEOUT_S
        )


def test_any_executor_can_run_the_jobs() -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        runner = Runner(pool, concurrency=Concurrency(3, 1))
        handles = [
            runner.submit(f"j{n}", lambda context, n=n: n * context.threads) for n in range(5)
        ]
        assert [h.future.result(timeout=EVENT_TIMEOUT_S) for h in handles] == [0, 1, 2, 3, 4]
        runner.shutdown()  # does not shut down an executor it does not own
        assert pool.submit(time.monotonic).result(timeout=EVENT_TIMEOUT_S) > 0


def test_an_exception_in_the_with_block_stops_the_running_jobs() -> None:
    started = threading.Event()

    def job(context: JobContext) -> None:
        started.set()
        context.cancel.wait(EVENT_TIMEOUT_S)
        context.cancel.raise_if_cancelled("clip.mp4")

    with pytest.raises(KeyboardInterrupt), Runner(concurrency=Concurrency(1, 0)) as runner:
        handle = runner.submit("slow", job)
        assert started.wait(EVENT_TIMEOUT_S)
        raise KeyboardInterrupt  # Ctrl-C while the job runs
    # The runner cancelled it and waited: it ended at once, cancelled, not after EVENT_TIMEOUT_S.
    assert handle.done
    with pytest.raises(Cancelled):
        handle.future.result(timeout=0)
