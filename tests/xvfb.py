"""A private X server (Xvfb) for the tests that need a real display, not Qt's offscreen one."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.waiting import EVENT_TIMEOUT_S


@contextmanager
def private_display() -> Iterator[str]:
    """Start Xvfb on a free display; yield its name (":N") once it accepts clients."""
    ready_read, ready_write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(ready_write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(ready_write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(ready_write)
    try:
        with os.fdopen(ready_read) as ready:
            number = ready.readline().strip()  # written when the server is ready
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=EVENT_TIMEOUT_S)
