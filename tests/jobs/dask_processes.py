"""A real dask cluster for the tests: ``dask scheduler`` and ``dask worker`` from the venv.

Each process is a child of the test, on 127.0.0.1, started and waited for on its own output
(the address line) or on the scheduler (workers registered), and always torn down.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.waiting import EVENT_TIMEOUT_S

DASK = str(Path(sys.executable).with_name("dask"))
_ADDRESS = re.compile(r"Scheduler at:\s+(tcp://\S+)")


@dataclass
class DaskProcesses:
    """The scheduler's address and the processes, to kill one on purpose."""

    address: str
    scheduler: subprocess.Popen[str]
    workers: list[subprocess.Popen[str]] = field(default_factory=list)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=EVENT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr is not None:
        process.stderr.close()


def _start_scheduler() -> tuple[subprocess.Popen[str], str]:
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert scheduler.stderr is not None
    seen = []
    for line in scheduler.stderr:  # ends when the scheduler exits
        seen.append(line)
        found = _ADDRESS.search(line)
        if found:
            # Keep draining its log, or a chatty scheduler blocks on a full pipe.
            subprocess_drain(scheduler)
            return scheduler, found.group(1)
    _stop(scheduler)
    raise RuntimeError("dask scheduler did not start:\n" + "".join(seen))


def subprocess_drain(process: subprocess.Popen[str]) -> None:
    """Read a child's stderr to its end on a thread (its log is not needed any more)."""
    import threading

    def drain() -> None:
        assert process.stderr is not None
        for _line in process.stderr:
            pass

    threading.Thread(target=drain, daemon=True).start()


def start_worker(address: str, name: str) -> subprocess.Popen[str]:
    """One ``dask worker`` (one thread, with its nanny) attached to ``address``."""
    worker = subprocess.Popen(
        [
            DASK,
            "worker",
            address,
            "--nthreads",
            "1",
            "--name",
            name,
            "--host",
            "127.0.0.1",
            "--no-dashboard",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    subprocess_drain(worker)
    return worker


@contextmanager
def dask_processes(workers: int = 2) -> Iterator[DaskProcesses]:
    """A scheduler and ``workers`` workers, ready (registered) when the block starts."""
    from distributed import Client

    scheduler, address = _start_scheduler()
    running = DaskProcesses(address=address, scheduler=scheduler)
    try:
        running.workers = [start_worker(address, f"w{n}") for n in range(workers)]
        with Client(address, timeout=EVENT_TIMEOUT_S, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=EVENT_TIMEOUT_S)
        yield running
    finally:
        for process in [*running.workers, scheduler]:
            _stop(process)
