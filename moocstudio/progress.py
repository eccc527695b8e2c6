"""Progress reports and cancellation for long work, in plain Python (no Qt, no rich).

Long work is a function that takes ``on_progress: ProgressCallback`` and a ``CancelToken``.
The CLI adapts the reports to rich progress bars, the GUI to Qt signals; the work itself never
knows which face is watching.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from moocstudio.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """One progress report.

    Attributes:
        fraction: Done so far, from 0.0 to 1.0.
        stage: Short name of what is happening ("probe", "encode", "remux", "poster"...).
        eta: Seconds left, when it can be estimated.
        message: A few words for the user, e.g. the file being worked on.
    """

    fraction: float
    stage: str
    eta: float | None = None
    message: str = ""


ProgressCallback = Callable[[Progress], None]


def ignore_progress(progress: Progress) -> None:
    """A progress callback that drops every report."""


class CancelToken:
    """Set once, from any thread, to ask running work to stop; the work checks it often."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        """Ask the work to stop. Safe to call from any thread, any number of times."""
        with self._lock:
            first = not self._event.is_set()
            self._event.set()
            callbacks = list(self._callbacks) if first else []
        for callback in callbacks:
            callback()

    def add_callback(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once on cancel (at once if cancelled already).

        For work that runs elsewhere (a dask worker): the callback carries the cancel there.
        """
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return
        callback()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._event.is_set()

    def raise_if_cancelled(self, what: str = "") -> None:
        """Raise Cancelled when cancel() was called."""
        if self._event.is_set():
            raise Cancelled(what)

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early on cancel; True if cancelled."""
        return self._event.wait(timeout)


@dataclass(frozen=True)
class JobContext:
    """What a running job receives: where to report, what to watch, how many threads to use.

    Attributes:
        on_progress: Progress reports go here.
        cancel: Checked often; the job stops and cleans up once it is set.
        threads: Threads the job may use; 0 lets the tool (ffmpeg) decide.
    """

    on_progress: ProgressCallback
    cancel: CancelToken
    threads: int = 0


class EtaEstimator:
    """Estimates seconds left from the fraction done and the time since start."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def eta(self, fraction: float) -> float | None:
        """Seconds left, or None before there is enough to go on (under 1 % done)."""
        if fraction < 0.01:
            return None
        elapsed = self._clock() - self._start
        return max(0.0, elapsed * (1.0 - fraction) / fraction)
