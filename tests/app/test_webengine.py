"""Qt WebEngine's sandbox: off only for a root process, and the log says so."""

from __future__ import annotations

import os
import subprocess
import sys

from moocstudio.app.webengine import SANDBOX_ENV, running_as_root

PROBE = """
import logging, os
logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
from moocstudio.app.webengine import prepare_webengine
prepare_webengine()
print("sandbox-off" if os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1" else "sandbox-on")
"""


def _probe(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_sandbox_is_turned_off_only_for_root_and_the_log_says_so() -> None:
    env = {key: value for key, value in os.environ.items() if key != SANDBOX_ENV}
    done = _probe(env)
    assert done.returncode == 0, done.stderr
    if running_as_root():
        assert done.stdout.strip() == "sandbox-off"
        assert "running as root: Qt WebEngine's sandbox is turned off" in done.stderr
    else:
        assert done.stdout.strip() == "sandbox-on"
        assert "sandbox" not in done.stderr


def test_a_choice_made_by_the_user_is_kept() -> None:
    # QTWEBENGINE_DISABLE_SANDBOX=0 set by an administrator is theirs: nothing is overridden.
    done = _probe({**os.environ, SANDBOX_ENV: "0"})
    assert done.returncode == 0, done.stderr
    assert (done.stdout.strip(), done.stderr) == ("sandbox-on", "")
