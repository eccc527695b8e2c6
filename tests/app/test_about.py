"""Help ▸ About: the version and build the user runs, and where their files are kept."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import moocstudio
from moocstudio import __version__
from moocstudio.app.about import AboutDialog, build_line
from moocstudio.app.translations import install_translations
from moocstudio.app.window import MainWindow
from moocstudio.build_stamp import BuildOrigin, BuildStamp, current_build
from tests.user_folders import UserFolders

BUILT = BuildStamp("0.1.0", BuildOrigin.BUILT, "0123456789abcdef0123", "2026-12-04")


def _about_from_the_menu(qtbot: QtBot) -> AboutDialog:
    window = MainWindow()
    qtbot.addWidget(window)
    window.about_action.trigger()
    dialogs = window.findChildren(AboutDialog)
    assert len(dialogs) == 1
    qtbot.waitUntil(dialogs[0].isVisible)
    return dialogs[0]


def test_help_about_shows_the_version_and_the_build_running(qtbot: QtBot) -> None:
    about = _about_from_the_menu(qtbot)
    assert f"moocstudio {__version__}" in about.title.text()
    stamp = current_build()
    assert about.build.text() == build_line(stamp)
    if stamp.commit:  # this test runs from a git checkout or a built wheel
        assert stamp.short_commit in about.build.text()
        assert stamp.date in about.build.text()


def test_the_build_line_says_where_the_stamp_comes_from() -> None:
    assert build_line(BUILT) == "Build 0123456789, made on 2026-12-04"
    checkout = BuildStamp("0.1.0", BuildOrigin.CHECKOUT, "fedcba9876543210", "2026-11-30", True)
    assert build_line(checkout) == (
        "Running from a git checkout: commit fedcba9876-modified (2026-11-30)"
    )
    assert build_line(BuildStamp("0.1.0")) == "Build not recorded (built without git)"


def test_the_user_s_folders_are_shown_and_are_outside_the_install(
    qtbot: QtBot, user_folders: UserFolders
) -> None:
    about = AboutDialog(stamp=BUILT)
    qtbot.addWidget(about)
    text = about.folders.text()
    assert str(user_folders.config) in text and str(user_folders.cache) in text
    install = Path(moocstudio.__file__).resolve().parent
    for folder in (user_folders.config, user_folders.cache):
        assert not folder.resolve().is_relative_to(install)
        assert not folder.resolve().is_relative_to(Path(sys.prefix).resolve())


def test_copy_details_puts_the_build_on_the_clipboard(qtbot: QtBot) -> None:
    about = AboutDialog(stamp=BUILT)
    qtbot.addWidget(about)
    about.copy_button.click()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "moocstudio 0.1.0"
    assert copied[1] == "build: built 0123456789abcdef0123 2026-12-04"
    assert copied[2].startswith("Qt ")


def test_the_about_box_speaks_french(qtbot: QtBot, app: QApplication) -> None:
    assert install_translations(app, "fr") == "fr"
    about = AboutDialog(stamp=BUILT)
    qtbot.addWidget(about)
    assert about.windowTitle() == "À propos de moocstudio"
    assert about.build.text() == "Build 0123456789, fait le 2026-12-04"
    assert about.copy_button.text() == "&Copier les détails"
    assert about.folders.text().startswith("Vos cours restent dans les dossiers")
