"""A folder served over http on a free local port, as a platform serves an unpacked package."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without one access-log line per request in the test output."""

    # No special answer for /favicon.ico: pages that declare no icon make the browser ask, and
    # the 404 shows in a test that counts failed requests.

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        """Keep the test output free of the access log."""


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` while the block runs; yield its base URL (no trailing slash)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
