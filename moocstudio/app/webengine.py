"""What Qt WebEngine needs settled before the first QApplication and the first web view.

Qt WebEngine is Chromium: it shares OpenGL contexts with the window (an application attribute
that must be set before the QApplication exists), and its renderer processes run in a sandbox
that cannot start for a root process (containers, CI). Only then is the sandbox turned off, and
the log says so; a user's desktop session keeps it.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, Qt

log = logging.getLogger(__name__)

SANDBOX_ENV = "QTWEBENGINE_DISABLE_SANDBOX"


def running_as_root() -> bool:
    """True for a root process on a POSIX system."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def prepare_webengine() -> None:
    """Settle WebEngine's start-up conditions; call before the QApplication is made."""
    if QCoreApplication.instance() is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    if running_as_root() and SANDBOX_ENV not in os.environ:
        os.environ[SANDBOX_ENV] = "1"
        log.warning(
            "running as root: Qt WebEngine's sandbox is turned off (Chromium cannot sandbox "
            "a root process); run moocstudio as a normal user to keep it"
        )
