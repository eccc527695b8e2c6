"""The JobCenter's records: every listener hears how a job ended, however fast it ended."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from moocstudio.app.jobs import JobCenter
from moocstudio.jobs.runner import Runner, manual_concurrency
from moocstudio.progress import JobContext
from tests.waiting import EVENT_TIMEOUT_MS


class SameThreadExecutor(Executor):
    """Runs each job inside submit(): its future is done before submit() returns."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the future, as a pool's worker would
            future.set_exception(exc)
        return future


@pytest.fixture
def instant_jobs() -> Iterator[JobCenter]:
    """A JobCenter whose jobs end before submit() returns, like a cache hit on a busy machine."""
    center = JobCenter(workers=1)
    center.runner = Runner(SameThreadExecutor(), concurrency=manual_concurrency(1))
    yield center
    center.shutdown()


def test_a_job_done_before_submit_returns_still_reports_to_late_listeners(
    qtbot: QtBot, instant_jobs: JobCenter
) -> None:
    record = instant_jobs.submit("cached", lambda context: "made")
    results: list[object] = []
    record.succeeded.connect(results.append)  # connected after submit(), as editors do
    with qtbot.waitSignal(record.ended, timeout=EVENT_TIMEOUT_MS):
        pass
    assert results == ["made"]
    assert record.state == "done"


def test_a_job_failing_before_submit_returns_still_reports_its_error(
    qtbot: QtBot, instant_jobs: JobCenter
) -> None:
    def broken(context: JobContext) -> str:
        raise ValueError("no such rung")

    record = instant_jobs.submit("broken", broken)
    with qtbot.waitSignal(record.failed, timeout=EVENT_TIMEOUT_MS) as failed:
        pass
    assert failed.args == ["ValueError: no such rung"]
    assert record.state == "failed"
