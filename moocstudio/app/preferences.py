"""Preferences: the app's language (the system's by default)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from moocstudio.app.translations import LANGUAGE_KEY, available_languages

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
"""Each language named in itself, so anyone can find their own."""


class PreferencesDialog(QDialog):
    """Choose the language; it applies the next time moocstudio starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("Same as the system"), "")
        for code in available_languages():
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        current = str(QSettings().value(LANGUAGE_KEY, "") or "")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        note = QLabel(self.tr("The new language applies the next time moocstudio starts."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Language"), self.language)
        form.addRow(note)
        form.addRow(buttons)

    def accept(self) -> None:
        """Remember the choice."""
        QSettings().setValue(LANGUAGE_KEY, self.language.currentData())
        super().accept()
