"""Before Qt starts: can it open a window here? Checked first, so a failure is advice.

When a system library its X11 plugin needs is missing, Qt aborts the whole process with a
message about "platform plugins". Loading that plugin ourselves first names the library.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

from moocstudio.errors import MoocstudioError

# What Qt's documentation lists for its X11 plugin on Debian and Ubuntu (since Qt 6.5).
DEBIAN_X11_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"
)
_MISSING = re.compile(r"([\w.+-]+\.so[\d.]*): cannot open shared object file")


class DesktopUnavailable(MoocstudioError):
    """The desktop app cannot start on this system (the command-line tools still work)."""


def _uses_x11() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def x11_plugin() -> Path:
    """Qt's X11 platform plugin in this installation."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def check_desktop() -> None:
    """Raise ``DesktopUnavailable`` with advice when Qt could not open a window here.

    Raises:
        DesktopUnavailable: A library Qt's X11 plugin needs is missing.
    """
    if not sys.platform.startswith("linux") or not _uses_x11():
        return
    plugin = x11_plugin()
    if not plugin.is_file():
        return  # an unusual build: let Qt speak for itself
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = _MISSING.search(str(exc))
        library = found[1] if found else str(exc)
        raise DesktopUnavailable(
            f"the desktop app cannot open a window: the system library {library} is missing. "
            f"On Debian or Ubuntu: sudo apt install {DEBIAN_X11_PACKAGES}. The command-line "
            "tools (moocstudio --help) work without it."
        ) from exc
