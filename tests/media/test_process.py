"""The subprocess chokepoint, with real Python children (no mocks)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moocstudio.errors import ToolNotFound, ToolTimedOut
from moocstudio.media import process
from moocstudio.media.process import STDERR_TAIL_BYTES, CompletedRun, run
from tests.waiting import EVENT_TIMEOUT_S

PY = sys.executable
posix_only = pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX here")


def python(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def gone(pid: int) -> bool:
    """True when ``pid`` has exited (a zombie not yet reaped by init counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    return status.is_file() and "\nState:\tZ" in status.read_text()


def wait_until(condition, seconds: float = EVENT_TIMEOUT_S) -> bool:
    """Poll ``condition`` until it holds (a process's end has no event to wait on here)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in the main thread during the test, as in a terminal."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread receives Ctrl-C")
    # Whatever ran before in this process may have set another handler: not this test's luck.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def press_ctrl_c() -> None:
    """SIGINT to the main thread, where a terminal's Ctrl-C lands, from any thread."""
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)


def test_exit_status_stdout_and_the_tail_of_stderr():
    code = "import sys; print('out'); sys.stderr.write('x' * 10000 + 'END'); sys.exit(3)"
    done = run(python(code))
    assert isinstance(done, CompletedRun)
    assert done.returncode == 3 and not done.ok
    assert done.stdout == b"out\n" or done.stdout == b"out\r\n"
    assert len(done.stderr_tail) == STDERR_TAIL_BYTES
    assert done.stderr_tail.endswith("xEND")
    assert Path(done.argv[0]).is_absolute()  # resolved on PATH, logged as run


def test_large_output_on_both_pipes_does_not_deadlock():
    code = "import sys; sys.stdout.write('o' * 3_000_000); sys.stderr.write('e' * 3_000_000)"
    done = run(python(code), timeout=EVENT_TIMEOUT_S)  # only a deadlock takes this long
    assert done.ok
    assert len(done.stdout) == 3_000_000
    assert done.stderr_tail == "e" * STDERR_TAIL_BYTES


def test_stderr_that_is_not_utf8_is_decoded_leniently():
    done = run(python("import sys; sys.stderr.buffer.write(b'caf\\xe9 \\xff ok')"))
    assert done.stderr_tail == "caf\ufffd \ufffd ok"


def test_cwd_env_and_path_arguments_reach_the_child(tmp_path):
    code = (
        "import json, os, sys; "
        "print(json.dumps([os.getcwd(), os.environ['MOOC_TEST'], sys.argv[1]]))"
    )
    env = {**os.environ, "MOOC_TEST": "café"}
    done = run(python(code, tmp_path / "a file; echo no shell"), cwd=tmp_path, env=env)
    cwd, value, arg = json.loads(done.stdout)
    assert Path(cwd).resolve() == tmp_path.resolve()
    assert value == "café"
    assert arg == str(tmp_path / "a file; echo no shell")  # one argument, never a shell


def test_a_missing_program_raises_tool_not_found_with_advice():
    with pytest.raises(ToolNotFound) as caught:
        run(["moocstudio-no-such-tool", "--version"])
    assert caught.value.program == "moocstudio-no-such-tool"
    assert "moocstudio-no-such-tool was not found" in caught.value.user_message
    assert "PATH" in caught.value.user_message


@posix_only
def test_a_file_that_is_not_executable_is_not_run(tmp_path):
    script = tmp_path / "tool"
    script.write_text("#!/bin/sh\necho hi\n")
    with pytest.raises(ToolNotFound):
        run([script])


@posix_only
def test_timeout_stops_the_whole_process_group(tmp_path):
    pid_file = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"
    )
    with pytest.raises(ToolTimedOut) as caught:
        run(python(code), timeout=1.0)
    assert caught.value.timeout == 1.0
    assert "did not finish within 1 seconds" in caught.value.user_message
    assert wait_until(pid_file.exists)
    assert wait_until(lambda: gone(int(pid_file.read_text())))


@posix_only
def test_a_group_that_ignores_interrupt_and_terminate_is_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(process, "INTERRUPT_GRACE", 0.3)
    monkeypatch.setattr(process, "TERMINATE_GRACE", 0.3)
    pid_file = tmp_path / "stubborn.pid"
    stubborn = (
        "import os, signal, time\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "time.sleep(60)\n"
    )
    with pytest.raises(ToolTimedOut):
        run(python(stubborn), timeout=1.0)
    assert wait_until(lambda: gone(int(pid_file.read_text())))


@posix_only
def test_keyboard_interrupt_stops_the_child_and_propagates(ctrl_c_raises: None) -> None:
    # Ctrl-C comes on the child's first line: it runs and run() holds it, however slow the
    # machine; it would sleep for ten minutes.
    code = "import os, time; print(os.getpid(), flush=True); time.sleep(600)"
    pids: list[int] = []

    def interrupt_once_it_runs(line: str) -> None:
        pids.append(int(line))
        press_ctrl_c()

    with pytest.raises(KeyboardInterrupt):
        run(python(code), timeout=EVENT_TIMEOUT_S, on_stdout_line=interrupt_once_it_runs)
    assert len(pids) == 1
    assert gone(pids[0])  # run() stopped and reaped it before letting the interrupt through


@posix_only
def test_ctrl_c_as_the_child_starts_still_stops_it(
    ctrl_c_raises: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst moment: the child exists, run() has not taken it in hand yet."""
    started: list[subprocess.Popen[bytes]] = []
    spawn = process._spawn

    def spawn_then_ctrl_c(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        child = spawn(*args, **kwargs)
        started.append(child)
        press_ctrl_c()  # Python handles it at once, here, before run() has the child
        return child

    monkeypatch.setattr(process, "_spawn", spawn_then_ctrl_c)
    try:
        with pytest.raises(KeyboardInterrupt):
            run(python("import time; time.sleep(600)"), timeout=EVENT_TIMEOUT_S)
        assert len(started) == 1
        assert started[0].poll() is not None  # stopped and reaped, not left running
    finally:
        for child in started:  # a leftover sleeper would outlive the test
            child.kill()
            child.wait()


def test_empty_argv_is_a_programming_error():
    with pytest.raises(ValueError, match="argv"):
        run([])


@pytest.mark.skipif(os.name == "nt", reason="POSIX niceness")
def test_background_children_run_at_a_lower_cpu_priority():
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    report = [sys.executable, "-c", "import os; print(os.getpriority(os.PRIO_PROCESS, 0))"]
    assert int(run(report).stdout) == ours
    process.run_children_in_background()
    try:
        niceness = int(run(report).stdout)
    finally:
        process.run_children_in_background(False)
    assert niceness == min(ours + process.BACKGROUND_NICENESS, 19)
    assert int(run(report).stdout) == ours


def test_binary_stdout_is_streamed_to_a_callback_in_order():
    # 3 MB of every byte value, more than a pipe holds: it must flow while the child writes.
    code = "import sys; sys.stdout.buffer.write(bytes(range(256)) * 12288)"
    chunks: list[bytes] = []
    done = run(python(code), on_stdout_data=chunks.append)
    assert done.ok
    assert b"".join(chunks) == bytes(range(256)) * 12288
    assert len(chunks) > 1
    assert len(done.stdout) <= 2 * STDERR_TAIL_BYTES  # streamed output is not kept whole


def test_a_failing_stdout_callback_is_raised_after_the_child_ends():
    code = "import sys; sys.stdout.buffer.write(b'x' * 1_000_000)"
    seen: list[int] = []

    def fails(chunk: bytes) -> None:
        seen.append(len(chunk))
        raise ValueError("bad chunk")

    # The pipe is still drained after the failure, or the child would block on it forever.
    with pytest.raises(ValueError, match="bad chunk"):
        run(python(code), on_stdout_data=fails, timeout=30)
    assert len(seen) == 1  # called no more once it failed


def test_windows_children_get_their_own_group_no_console_and_in_background_a_lower_class():
    plain = process.windows_creation_flags(background=False)
    background = process.windows_creation_flags(background=True)
    for flags in (plain, background):
        assert flags & process.CREATE_NEW_PROCESS_GROUP
        assert flags & process.CREATE_NO_WINDOW
    assert not plain & process.BELOW_NORMAL_PRIORITY_CLASS
    assert background & process.BELOW_NORMAL_PRIORITY_CLASS
    if sys.platform == "win32":  # the values Windows itself defines
        assert process.BELOW_NORMAL_PRIORITY_CLASS == subprocess.BELOW_NORMAL_PRIORITY_CLASS
        assert process.CREATE_NO_WINDOW == subprocess.CREATE_NO_WINDOW
        assert process.CREATE_NEW_PROCESS_GROUP == subprocess.CREATE_NEW_PROCESS_GROUP


@pytest.mark.skipif(
    sys.platform != "win32", reason="Windows only (runs in the hosted Windows build)"
)
def test_background_children_run_below_normal_priority_on_windows():
    report = [
        sys.executable,
        "-c",
        "import ctypes; k = ctypes.windll.kernel32; "
        "print(k.GetPriorityClass(k.GetCurrentProcess()))",
    ]
    process.run_children_in_background()
    try:
        priority_class = int(run(report).stdout)
    finally:
        process.run_children_in_background(False)
    assert priority_class == process.BELOW_NORMAL_PRIORITY_CLASS
    assert int(run(report).stdout) != process.BELOW_NORMAL_PRIORITY_CLASS
