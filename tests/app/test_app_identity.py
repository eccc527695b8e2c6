"""The app's window is known to the desktop as the desktop entry says.

On a real X server (Xvfb), the window the app opens carries the X11 class the entry's
``StartupWMClass`` names, the entry's id (what GNOME and KDE match, and Wayland's app id) and
the icon drawn from the one SVG, in several sizes. xprop reads them as a window manager would.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from moocstudio.app.app_icon import APP_ID, WINDOW_ICON_SIZES, app_icon, render_app_icon
from tests.waiting import EVENT_TIMEOUT_S
from tests.xvfb import private_display

DESKTOP_FILE = Path(__file__).resolve().parents[2] / "packaging" / f"{APP_ID}.desktop"

# Opens the real main window as `moocstudio` does, reports its X window id once it is on the
# screen, and stays until told to quit (a line on stdin).
APP_WINDOW = """
import sys
from PySide6.QtTest import QTest
from moocstudio.app.main import make_application
from moocstudio.app.window import MainWindow
app = make_application(["moocstudio"])
window = MainWindow()
window.show()
assert QTest.qWaitForWindowExposed(window, 20000)
print(int(window.winId()), flush=True)
sys.stdin.readline()
"""


def _entry(key: str) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"][key]


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb server, its display name once it accepts clients."""
    if shutil.which("Xvfb") is None or shutil.which("xprop") is None:
        pytest.skip("needs Xvfb and xprop (Debian packages xvfb, x11-utils) for a real X server")
    with private_display() as display:
        yield display


def test_the_window_carries_the_entry_s_class_id_and_icon(x_display: str) -> None:
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen(
        [sys.executable, "-c", APP_WINDOW],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert app.stdout is not None
        window = app.stdout.readline().strip()
        assert window.isdigit(), app.stderr.read() if app.stderr else ""
        said = subprocess.run(
            [
                "xprop",
                "-display",
                x_display,
                "-id",
                window,
                "WM_CLASS",
                "_GTK_APPLICATION_ID",
                "_KDE_NET_WM_DESKTOP_FILE",
                "_NET_WM_ICON",
            ],
            capture_output=True,
            text=True,
            timeout=EVENT_TIMEOUT_S,
            check=True,
        ).stdout
    finally:
        app.communicate("quit\n", timeout=EVENT_TIMEOUT_S)
    # WM_CLASS is "instance", "class"; docks match the class against StartupWMClass.
    wm_class = re.search(r'^WM_CLASS\(STRING\) = "([^"]*)", "([^"]*)"$', said, re.MULTILINE)
    assert wm_class is not None, said
    assert wm_class.group(2) == _entry("StartupWMClass")
    assert f'_GTK_APPLICATION_ID(UTF8_STRING) = "{APP_ID}"' in said
    assert f'_KDE_NET_WM_DESKTOP_FILE(UTF8_STRING) = "{APP_ID}"' in said
    sizes = {int(n) for n in re.findall(r"Icon \((\d+) x \1\)", said)}
    # Qt hands X the sizes panels use (it leaves out the largest); each is one of ours.
    assert {16, 24, 32, 48, 64} <= sizes <= set(WINDOW_ICON_SIZES)


def test_the_window_icon_is_drawn_at_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert {size.width() for size in icon.availableSizes()} == set(WINDOW_ICON_SIZES)
    image = render_app_icon(48)
    assert image.pixelColor(0, 0).alpha() == 0  # the rounded corner
    centre = image.pixelColor(24, 24)
    assert centre.alpha() == 255
    assert centre.red() > 200 and centre.blue() < 100, "the orange play button"


def test_an_unreadable_svg_is_named(tmp_path: Path, qapp: QApplication) -> None:
    broken = tmp_path / "icon.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(ValueError, match=r"icon\.svg: not a readable SVG image"):
        render_app_icon(16, broken)
