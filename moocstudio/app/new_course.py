"""The New Course dialog: a title, a language, a licence and a folder to create it in."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from moocstudio.app.licence_picker import LicencePicker
from moocstudio.model import Course, LicenceId
from moocstudio.model.store import safe_file_name


class NewCourseDialog(QDialog):
    """Ask for what a new course needs; OK stays disabled until it is all valid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Course"))
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Course title"))
        self.language = QLineEdit(QLocale.system().name().split("_")[0] or "en", self)
        self.language.setAccessibleName(self.tr("Language"))
        self.licence = LicencePicker(allow_inherit=False, parent=self)
        self.licence.set_value(LicenceId.CC_BY_4_0.value)
        self.parent_folder = QLineEdit(str(Path.home()), self)
        self.parent_folder.setAccessibleName(self.tr("Create in folder"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.parent_folder)
        where.addWidget(browse)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Language"), self.language)
        form.addRow(self.tr("Li&cence"), self.licence)
        where_label = QLabel(self.tr("Create &in"), self)
        where_label.setBuddy(self.parent_folder)  # a layout cannot be a buddy; its field can
        form.addRow(where_label, where)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        for field in (self.title, self.language, self.parent_folder):
            field.textChanged.connect(self._check)
        self._check()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Create the course in"))
        if folder:
            self.parent_folder.setText(folder)

    def course(self) -> Course:
        """The course to create (valid once OK is enabled)."""
        return Course(
            title=self.title.text().strip(),
            language=self.language.text().strip(),
            licence=LicenceId(self.licence.value()),
        )

    def folder(self) -> Path:
        """The new course's folder: named after the title, inside the chosen folder."""
        name = safe_file_name(self.title.text().strip()) or "course"
        return Path(self.parent_folder.text()).expanduser() / name

    def _check(self) -> None:
        problem = ""
        try:
            self.course()
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            names = {"title": self.tr("title"), "language": self.tr("language (e.g. fr, en)")}
            problem = self.tr("Check the %1.").replace("%1", names.get(field, field))
        if not problem and not Path(self.parent_folder.text()).expanduser().is_dir():
            problem = self.tr("The folder to create the course in does not exist.")
        if not problem and self.folder().exists():
            problem = self.tr("%1 already exists; choose another title or folder.").replace(
                "%1", str(self.folder())
            )
        self.problem.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and bool(self.title.text().strip()))
