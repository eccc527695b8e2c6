"""Start the desktop app: the QApplication, its translations, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from moocstudio import __version__
from moocstudio.app.app_icon import APP_ID, app_icon
from moocstudio.app.preflight import check_desktop
from moocstudio.app.translations import LANGUAGE_KEY, install_translations
from moocstudio.app.webengine import prepare_webengine
from moocstudio.app.window import MainWindow
from moocstudio.media.process import run_children_in_background


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, made once, named so that QSettings has a home."""
    prepare_webengine()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setOrganizationName("moocstudio")
    app.setApplicationName("moocstudio")
    app.setApplicationVersion(__version__)
    # The window finds its launcher and icon: the Wayland app id is the desktop entry's name,
    # and the X11 class is the application name (the entry's StartupWMClass).
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    # Encoders yield the CPU to the window: it stays responsive while a batch runs.
    run_children_in_background()
    chosen = str(QSettings().value(LANGUAGE_KEY, "") or "")
    install_translations(app, chosen or QLocale.system().name())
    return app


def run_app(course: Path | None = None) -> int:
    """Show the main window (on ``course`` if given) and run until it closes.

    Raises:
        DesktopUnavailable: Qt could not open a window on this system (the advice says why).
    """
    check_desktop()
    app = make_application()
    window = MainWindow()
    window.show()
    if course is not None:
        window.open_course(Path(course))
    return app.exec()
