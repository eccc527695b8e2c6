"""The one place where moocstudio starts a child process.

Every external program (ffmpeg, LibreOffice, pdftoppm...) runs through :func:`run`: an argv list
(never a shell), its own process group so that stopping it also stops whatever it started, the
command logged, and the end of its stderr kept for the error message. Stopping is polite first:
interrupt, then terminate, then kill, each after a short grace period. A Ctrl-C that comes
while the child starts, or while it is being stopped, waits until run() holds the child: it
always stops the child, never leaves it running on its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, TypeVar

from moocstudio.errors import Cancelled, ToolNotFound, ToolTimedOut
from moocstudio.progress import CancelToken

log = logging.getLogger(__name__)
_T = TypeVar("_T")

STDERR_TAIL_BYTES = 4096
# Grace periods between interrupt -> terminate -> kill: long enough for a tool to flush and
# remove its temporary files, short enough that a cancel feels immediate.
INTERRUPT_GRACE = 2.0
TERMINATE_GRACE = 2.0
# After the main child exits, how long its pipes may stay open (held by a grandchild).
_PIPE_DRAIN_GRACE = 5.0
_POLL_INTERVAL = 0.02
_CANCEL_POLL = 0.05  # how often a running child checks its cancel token: cancel feels instant
_IS_WINDOWS = os.name == "nt"
BACKGROUND_NICENESS = 10
"""How much lower than ours a background child's CPU priority is (POSIX nice increment)."""
_background = False
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_set_parent_death_signal: Callable[[int, int], int] | None = None

# Windows process creation flags (winbase.h), named here so that the choice is one pure
# function, checked on every platform (subprocess defines them on Windows only).
CREATE_NEW_PROCESS_GROUP = 0x00000200
CREATE_NO_WINDOW = 0x08000000
BELOW_NORMAL_PRIORITY_CLASS = 0x00004000


def run_children_in_background(enabled: bool = True) -> None:
    """Start every later child process (ffmpeg, LibreOffice…) at a lower CPU priority.

    The desktop app turns this on: encoders then take the cores only when the window does not
    need them, so it stays responsive while a batch runs. Throughput is unchanged on an
    otherwise idle machine. The CLI leaves it off.
    """
    global _background
    _background = enabled


def stop_children_with_parent(enabled: bool = True) -> None:
    """On Linux, have every later child killed when the thread that started it dies.

    A dask worker turns this on: a worker killed outright (``kill -9``, the OOM killer) runs
    no clean-up, and its ffmpeg would encode on for nobody. Elsewhere a no-op.
    """
    global _set_parent_death_signal
    if not enabled or not sys.platform.startswith("linux"):
        _set_parent_death_signal = None
        return
    import ctypes

    _set_parent_death_signal = ctypes.CDLL(None, use_errno=True).prctl


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: one C call, nothing that takes a lock.
    if _set_parent_death_signal is not None:
        _set_parent_death_signal(_PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass(frozen=True)
class CompletedRun:
    """What a finished child process left behind.

    Attributes:
        argv: The command as run, executable resolved to its full path.
        returncode: Exit status; negative for a signal on POSIX.
        stdout: Everything the child wrote to stdout.
        stderr_tail: The last few KB of stderr, decoded leniently, for error messages.
    """

    argv: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr_tail: str

    @property
    def ok(self) -> bool:
        """True when the child exited with status 0."""
        return self.returncode == 0


def run(
    argv: Sequence[str | os.PathLike[str]],
    *,
    timeout: float | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    cancel: CancelToken | None = None,
    on_stdout_line: Callable[[str], None] | None = None,
    on_stdout_data: Callable[[bytes], None] | None = None,
) -> CompletedRun:
    """Run a program to completion and collect its output.

    A non-zero exit status is not an error here: the caller knows what the program's codes
    mean, and builds its message from ``stderr_tail``.

    Args:
        argv: Program and arguments; the program is looked up on PATH.
        timeout: Seconds before the child (and its whole process group) is stopped.
        cwd: Working directory of the child.
        env: Complete environment of the child; the current one when None.
        cancel: Checked several times a second; once set, the child is stopped.
        on_stdout_line: Called with each line of stdout as it arrives (on a reader thread),
            e.g. ffmpeg's ``-progress pipe:1`` reports. stdout is then not kept whole.
        on_stdout_data: Called with each chunk of stdout as it arrives (on a reader thread),
            for binary output streamed through (decoded audio). stdout is then not kept whole.

    Returns:
        The exit status, stdout and the tail of stderr.

    Raises:
        ToolNotFound: The program is not installed or cannot be executed.
        ToolTimedOut: The child ran longer than ``timeout``; it has been stopped.
        Cancelled: ``cancel`` was set; the child has been stopped.
        KeyboardInterrupt: Re-raised after stopping the child.
        Exception: Whatever a stdout callback raised; the child has been stopped.
    """
    args = _resolve(argv)
    name = Path(args[0]).name
    # From the start of the child until the try below can stop it, a Ctrl-C would leave it
    # running with nobody to stop it (it has its own session: the terminal's Ctrl-C reaches
    # only us). It is held meanwhile and raised inside the try; also held while stopping.
    ctrl_c = _CtrlCHold()
    try:
        proc = _spawn(args, cwd=cwd, env=env)
    except BaseException:
        ctrl_c.release()
        raise
    collectors: list[_Collector] = []
    try:
        streamed = on_stdout_line is not None or on_stdout_data is not None
        collectors.append(
            _Collector(
                proc.stdout,
                keep=STDERR_TAIL_BYTES if streamed else None,
                on_line=on_stdout_line,
                on_data=on_stdout_data,
            )
        )
        collectors.append(_Collector(proc.stderr, keep=STDERR_TAIL_BYTES))
        ctrl_c.release()
        _wait(proc, timeout, cancel)
    except BaseException as exc:  # also KeyboardInterrupt, or a cancel from a signal handler
        ctrl_c.hold()
        try:
            _stop_group(proc)
            _finish(proc, *collectors)
        finally:
            ctrl_c.release()
        if isinstance(exc, Cancelled):
            raise Cancelled(name) from None
        if isinstance(exc, subprocess.TimeoutExpired):
            tail = collectors[1].text() if len(collectors) > 1 else ""
            raise ToolTimedOut(name, timeout or 0.0, tail) from None
        raise
    stdout, stderr = collectors
    _finish(proc, stdout, stderr)
    if stdout.callback_error is not None:
        raise stdout.callback_error
    return CompletedRun(
        argv=tuple(args),
        returncode=proc.returncode,
        stdout=stdout.data(),
        stderr_tail=stderr.text(),
    )


class _CtrlCHold:
    """Holds Ctrl-C (SIGINT) back while held, then raises it where it is safe.

    Python raises KeyboardInterrupt in the main thread, wherever it is; only the main thread
    may change the handler, and only there can the interrupt come, so elsewhere (a job's
    worker thread) holding does nothing. A handler that is not Python's (ignored, default, or
    set from C) raises nothing either, and is left alone. Holding starts at creation.
    """

    def __init__(self) -> None:
        self._previous: Callable[[int, FrameType | None], object] | None = None
        self._pending: tuple[int, FrameType | None] | None = None
        self.hold()

    def hold(self) -> None:
        """Record a Ctrl-C instead of raising it, until :meth:`release`."""
        if self._previous is not None or threading.current_thread() is not threading.main_thread():
            return
        current = signal.getsignal(signal.SIGINT)
        if callable(current):
            self._previous = current
            signal.signal(signal.SIGINT, self._record)

    def release(self) -> None:
        """Put the handler back; a Ctrl-C that came meanwhile is handled now (it raises)."""
        previous, self._previous = self._previous, None
        if previous is None:
            return
        signal.signal(signal.SIGINT, previous)
        pending, self._pending = self._pending, None
        if pending is not None:
            previous(*pending)

    def _record(self, signum: int, frame: FrameType | None) -> None:
        self._pending = self._pending or (signum, frame)


def _wait(proc: subprocess.Popen[bytes], timeout: float | None, cancel: CancelToken | None) -> None:
    """Wait for the child, raising TimeoutExpired or Cancelled."""
    if cancel is None:
        proc.wait(timeout=timeout)
        return
    # A waiter thread sees the child's end at once; polling proc.wait() in slices would add
    # up to a slice of latency to every run (10-20 % of a 50 ms silence detection).
    ended = threading.Event()
    timed_out: list[subprocess.TimeoutExpired] = []

    def wait_for_child() -> None:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            timed_out.append(exc)
        finally:
            ended.set()

    threading.Thread(target=wait_for_child, name="moocstudio-wait", daemon=True).start()
    while not ended.wait(_CANCEL_POLL):
        cancel.raise_if_cancelled()
    if timed_out:
        raise timed_out[0]


def windows_creation_flags(background: bool) -> int:
    """Flags a child starts with on Windows.

    Windows has no sessions: a new process group receives our CTRL_BREAK, and no console
    window flashes up when the GUI starts a tool. A background child also gets the
    below-normal priority class, Windows' counterpart of :data:`BACKGROUND_NICENESS`.
    """
    flags = CREATE_NEW_PROCESS_GROUP | CREATE_NO_WINDOW
    return flags | BELOW_NORMAL_PRIORITY_CLASS if background else flags


def _resolve(argv: Sequence[str | os.PathLike[str]]) -> list[str]:
    if not argv:
        raise ValueError("argv must name a program")
    args = [os.fspath(a) for a in argv]
    found = shutil.which(args[0])
    if found is None:
        raise ToolNotFound(args[0])
    return [found, *args[1:]]


def _spawn(
    args: Sequence[str], *, cwd: Path | None, env: Mapping[str, str] | None
) -> subprocess.Popen[bytes]:
    """Start ``args`` in a new process group, pipes on stdout and stderr, no stdin."""
    log.debug("run: %s", shlex.join(args))
    flags = windows_creation_flags(_background) if sys.platform == "win32" else 0
    try:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=_child_env(env),
            start_new_session=not _IS_WINDOWS,
            creationflags=flags,
            preexec_fn=_die_with_parent if _set_parent_death_signal is not None else None,
        )
    except (FileNotFoundError, PermissionError) as exc:
        if cwd is not None and exc.filename == os.fspath(cwd):
            raise  # a missing working folder is the caller's bug, not a missing tool
        raise ToolNotFound(args[0], f"it cannot be run ({exc.strerror})") from exc
    if _background and not _IS_WINDOWS:
        # Set right after the start, before the tool spawns its worker threads (they inherit
        # it); a child that already exited is no error.
        with contextlib.suppress(OSError):
            os.setpriority(
                os.PRIO_PROCESS, proc.pid, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS
            )
    return proc


def _child_env(env: Mapping[str, str] | None) -> dict[str, str] | None:
    # A PyInstaller bundle points LD_LIBRARY_PATH at its own libraries; system tools must get
    # the user's original value back, or they load the bundle's incompatible copies.
    if not getattr(sys, "frozen", False):
        return dict(env) if env is not None else None
    result = dict(os.environ if env is None else env)
    for name in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        original = result.pop(f"{name}_ORIG", None)
        if original is not None:
            result[name] = original
        else:
            result.pop(name, None)
    return result


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the child and everything in its process group: interrupt, terminate, kill."""
    steps: tuple[tuple[str, float], ...] = (
        ("interrupt", INTERRUPT_GRACE),
        ("terminate", TERMINATE_GRACE),
        ("kill", 0.0),
    )
    for step, grace in steps:
        if not _group_alive(proc):
            return
        log.debug("stop: %s process group %d", step, proc.pid)
        _signal_group(proc, step)
        if _wait_group(proc, grace):
            return
    proc.wait()


def _signal_group(proc: subprocess.Popen[bytes], step: str) -> None:
    if sys.platform == "win32":
        # CTRL_BREAK reaches the whole console process group; terminate/kill only the child.
        if step == "interrupt":
            proc.send_signal(signal.CTRL_BREAK_EVENT)
        elif step == "terminate":
            proc.terminate()
        else:
            proc.kill()
        return
    signum = {"interrupt": signal.SIGINT, "terminate": signal.SIGTERM}.get(step, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
        os.killpg(proc.pid, signum)


def _group_alive(proc: subprocess.Popen[bytes]) -> bool:
    proc.poll()  # reap the leader, so that its zombie does not count as alive
    if _IS_WINDOWS:
        return proc.returncode is None
    try:
        os.killpg(proc.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a member changed user: still there, and not ours to probe
    return True


def _wait_group(proc: subprocess.Popen[bytes], grace: float) -> bool:
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _group_alive(proc):
            return True
        time.sleep(_POLL_INTERVAL)
    return not _group_alive(proc)


def _finish(proc: subprocess.Popen[bytes], *collectors: _Collector) -> None:
    """Reap the child and drain its pipes, stopping any grandchild that still holds them."""
    proc.wait()
    for collector in collectors:
        collector.join(_PIPE_DRAIN_GRACE)
    if any(c.alive for c in collectors):
        _stop_group(proc)
        for collector in collectors:
            collector.join(_PIPE_DRAIN_GRACE)
    if any(c.alive for c in collectors):
        # Only a process that left our group (a daemon) can still hold the pipes.
        log.warning("%s: a detached process keeps its output open; output may be cut", proc.args)


class _Collector:
    """Drains one pipe on a thread, keeping everything or only the last ``keep`` bytes.

    Both pipes must be drained at once, or a child that fills one blocks forever.
    """

    def __init__(
        self,
        stream: IO[bytes] | None,
        *,
        keep: int | None,
        on_line: Callable[[str], None] | None = None,
        on_data: Callable[[bytes], None] | None = None,
    ) -> None:
        self._chunks: list[bytes] = []
        self._keep = keep
        self._size = 0
        self._on_line = on_line
        self._on_data = on_data
        self._partial = b""
        self.callback_error: Exception | None = None
        self._thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self._thread.start()

    def _drain(self, stream: IO[bytes] | None) -> None:
        if stream is None:
            return
        with stream:
            # os.read returns what is there now, so a chatty child never waits on us.
            while chunk := os.read(stream.fileno(), 65536):
                self._deliver(chunk)
                self._chunks.append(chunk)
                self._size += len(chunk)
                if self._keep is not None and self._size > 2 * self._keep:
                    self._chunks = [b"".join(self._chunks)[-self._keep :]]
                    self._size = len(self._chunks[0])
            if self._on_line is not None and self._partial:
                self._guarded(self._on_line, self._partial.decode("utf-8", "replace"))

    def _deliver(self, chunk: bytes) -> None:
        """Hand a chunk to the callbacks; after one raised, keep draining but call no more.

        The pipe must still be read to its end, or the child blocks on a full pipe and the
        run never ends; the error is raised by :func:`run` once the child has been reaped.
        """
        if self._on_data is not None:
            self._guarded(self._on_data, chunk)
        if self._on_line is not None:
            self._guarded(self._split_lines, chunk)

    def _guarded(self, callback: Callable[[_T], None], value: _T) -> None:
        if self.callback_error is not None:
            return
        try:
            callback(value)
        except Exception as exc:
            self.callback_error = exc

    def _split_lines(self, chunk: bytes) -> None:
        assert self._on_line is not None
        *lines, self._partial = (self._partial + chunk).split(b"\n")
        for line in lines:
            self._on_line(line.rstrip(b"\r").decode("utf-8", "replace"))

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None) -> None:
        self._thread.join(timeout)

    def data(self) -> bytes:
        data = b"".join(self._chunks)
        return data if self._keep is None else data[-self._keep :]

    def text(self) -> str:
        return self.data().decode("utf-8", errors="replace")
