"""Preferences: the app's language (the system's by default) and where batches run."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.processing import (
    DASK_CLUSTER,
    SCHEDULER_KEY,
    THIS_COMPUTER,
    WHERE_KEY,
    ClusterCheck,
    save_processing,
)
from moocstudio.app.translations import LANGUAGE_KEY, available_languages

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
"""Each language named in itself, so anyone can find their own."""


class PreferencesDialog(QDialog):
    """Choose the language (applies at the next start) and where batch transcodes run."""

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
        form.addRow(self._make_processing())
        form.addRow(buttons)

    def _make_processing(self) -> QGroupBox:
        box = QGroupBox(self.tr("Processing"), self)
        layout = QVBoxLayout(box)
        self.this_computer = QRadioButton(self.tr("Batch transcodes run on &this computer"), box)
        self.on_cluster = QRadioButton(self.tr("Batch transcodes run on a &dask cluster"), box)
        group = QButtonGroup(box)
        group.addButton(self.this_computer)
        group.addButton(self.on_cluster)
        self.scheduler = QLineEdit(box)
        self.scheduler.setAccessibleName(self.tr("Scheduler address"))
        self.scheduler.setPlaceholderText("tcp://host:8786")
        self.test_button = QPushButton(self.tr("T&est"), box)
        self.test_button.setAccessibleName(self.tr("Test the connection to the cluster"))
        self.test_result = QLabel(box)
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(self.tr("Cluster test result"))
        hint = QLabel(
            self.tr(
                "Workers must see the videos and the output folder at the same paths "
                "(shared storage)."
            ),
            box,
        )
        hint.setWordWrap(True)
        address_line = QHBoxLayout()
        label = QLabel(self.tr("&Scheduler:"), box)
        label.setBuddy(self.scheduler)
        address_line.addWidget(label)
        address_line.addWidget(self.scheduler, stretch=1)
        address_line.addWidget(self.test_button)
        for widget in (self.this_computer, self.on_cluster):
            layout.addWidget(widget)
        layout.addLayout(address_line)
        layout.addWidget(hint)
        layout.addWidget(self.test_result)
        settings = QSettings()
        cluster = str(settings.value(WHERE_KEY, THIS_COMPUTER)) == DASK_CLUSTER
        (self.on_cluster if cluster else self.this_computer).setChecked(True)
        self.scheduler.setText(str(settings.value(SCHEDULER_KEY, "") or ""))
        self.on_cluster.toggled.connect(self._update_processing)
        self._check = ClusterCheck(self)
        self._check.answered.connect(self._show_test)
        self.test_button.clicked.connect(self.test_cluster)
        self._update_processing()
        return box

    def _update_processing(self) -> None:
        cluster = self.on_cluster.isChecked()
        self.scheduler.setEnabled(cluster)
        self.test_button.setEnabled(cluster)

    def test_cluster(self) -> None:
        """Connect to the scheduler and list its workers (or say why not), off the GUI thread."""
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting…"))
        self._check.start(self.scheduler.text())

    def _show_test(self, ok: bool, text: str) -> None:
        prefix = "" if ok else self.tr("Cannot use this cluster: ")
        self.test_result.setText(prefix + text)
        self._update_processing()

    def accept(self) -> None:
        """Remember the choices."""
        QSettings().setValue(LANGUAGE_KEY, self.language.currentData())
        where = DASK_CLUSTER if self.on_cluster.isChecked() else THIS_COMPUTER
        save_processing(where, self.scheduler.text())
        super().accept()
