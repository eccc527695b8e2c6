"""Help ▸ About: the version and build, what moocstudio is, and where it keeps its files.

The build line (commit and date) is what a bug report needs and what tells two installs
apart; "Copy Details" puts it on the clipboard with the Qt, Python and system versions. The
folders shown are the user's own (platformdirs), never the install folder, which an update or
an uninstall replaces.
"""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.app_icon import app_icon
from moocstudio.app.i18n import translate
from moocstudio.build_stamp import BuildOrigin, BuildStamp, current_build
from moocstudio.paths import user_cache_dir, user_config_dir

ICON_SIZE = 64


def build_line(stamp: BuildStamp) -> str:
    """The build in words: which commit, from when, and how it was made."""
    if not stamp.commit:
        return translate("AboutDialog", "Build not recorded (built without git)")
    if stamp.origin is BuildOrigin.CHECKOUT:
        text = translate("AboutDialog", "Running from a git checkout: commit %1 (%2)")
    else:
        text = translate("AboutDialog", "Build %1, made on %2")
    return text.replace("%1", stamp.short_commit).replace("%2", stamp.date or "?")


def details_text(stamp: BuildStamp) -> str:
    """Everything a bug report should say about this copy, in plain text, untranslated."""
    return "\n".join(
        [
            f"moocstudio {stamp.version}",
            f"build: {stamp.origin.value} {stamp.commit or '-'} {stamp.date or '-'}"
            + (" (modified)" if stamp.modified else ""),
            f"Qt {qVersion()}, PySide6 {pyside_version}, Python {platform.python_version()}",
            f"{platform.platform()}{' (frozen)' if getattr(sys, 'frozen', False) else ''}",
            f"settings: {user_config_dir()}",
            f"cache: {user_cache_dir()}",
        ]
    )


class AboutDialog(QDialog):
    """Version, build, purpose, licence, the user's folders and a Copy Details button."""

    def __init__(self, parent: QWidget | None = None, stamp: BuildStamp | None = None) -> None:
        super().__init__(parent)
        self.stamp = stamp or current_build()
        self.setWindowTitle(self.tr("About moocstudio"))
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAccessibleName(self.tr("moocstudio icon"))
        self.title = QLabel(f"<h2>moocstudio {self.stamp.version}</h2>", self)
        self.build = QLabel(build_line(self.stamp), self)
        self.build.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        purpose = QLabel(
            self.tr(
                "Assemble open-licensed MOOC modules from slides, video and markdown; export "
                "SCORM, IMS Common Cartridge, Open edX and offline sites that play well on a "
                "phone."
            ),
            self,
        )
        purpose.setWordWrap(True)
        licence = QLabel(self.tr("Free software under the MIT licence."), self)
        self.folders = QLabel(
            self.tr(
                "Your courses stay in the folders you chose. Updating or removing moocstudio "
                "leaves them in place, and these too:\nSettings: %1\nCache (safe to delete): %2"
            )
            .replace("%1", str(user_config_dir()))
            .replace("%2", str(user_cache_dir())),
            self,
        )
        self.folders.setWordWrap(True)
        self.folders.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("&Copy Details"), self)
        self.copy_button.setToolTip(
            self.tr("Copy the version, build and system details, for a bug report")
        )
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        for label in (self.build, purpose, licence, self.folders):
            layout.addWidget(label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def copy_details(self) -> None:
        """Put :func:`details_text` on the clipboard."""
        QGuiApplication.clipboard().setText(details_text(self.stamp))
