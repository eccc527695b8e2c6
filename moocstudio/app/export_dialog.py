"""The Export dialog: pick formats and a destination; each package is written, then checked.

The packages are written by the same ``export_course`` the CLI uses, on a snapshot of the
course taken when Export is pressed, off the GUI thread; the report shows what a platform
would say about each package, and offers to open the folder. Choosing one SCO per item shows,
under the choice and again in the report, which players cannot use such packages (the format
registry's words, translated).
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.document import CourseDocument
from moocstudio.app.i18n import translate
from moocstudio.app.jobs import JobCenter, JobRecord
from moocstudio.export.formats import (
    FORMATS,
    TRANSLATION_CONTEXT,
    ExportOptions,
    ExportResult,
    QuizCount,
    export_course,
)
from moocstudio.progress import JobContext, Progress

if TYPE_CHECKING:
    from moocstudio.export.package_check import PackageReport

DESTINATION_KEY = "export/destination"


PER_ITEM = ExportOptions(sco="per-item")


def format_summary(name: str, fallback: str) -> str:
    """What a format is for, in the app's language (``fallback`` for a format not registered)."""
    fmt = FORMATS.get(name)
    return registry_text(fmt.summary) if fmt is not None else fallback


def registry_text(text: str) -> str:
    """Words of the format registry (English) in the app's language."""
    return translate(TRANSLATION_CONTEXT, text)


def quiz_line(count: QuizCount) -> str:
    """'quiz “Check”: 6 questions, 6 points', in the app's language."""
    questions = translate("ExportDialog", "%n question(s)", count.questions)
    if float(count.points).is_integer():
        points = translate("ExportDialog", "%n point(s)", int(count.points))
    else:  # 2.5 points: Qt's plural forms count whole numbers only
        points = translate("ExportDialog", "%1 points").replace(
            "%1", QLocale().toString(count.points, "g", 6)
        )
    return (
        translate("ExportDialog", "quiz “%1”: %2, %3")
        .replace("%1", count.title)
        .replace("%2", questions)
        .replace("%3", points)
    )


def per_item_notes(names: tuple[str, ...]) -> list[str]:
    """What players cannot do with per-item packages of formats ``names``, translated, once each."""
    notes = (note for name in names for note in FORMATS[name].notes(PER_ITEM))
    return [registry_text(note) for note in dict.fromkeys(notes)]


@dataclass(frozen=True)
class CheckedPackage:
    """One package written and what the check found."""

    result: ExportResult
    report: PackageReport


def export_job(
    folder: Path, document: CourseDocument, names: tuple[str, ...], out_dir: Path, sco: str
) -> Callable[[JobContext], list[CheckedPackage]]:
    """The job writing and checking each package, on a snapshot of the course."""
    course = deepcopy(document.course)  # taken now, on the GUI thread: edits may go on
    options = ExportOptions(sco="per-item" if sco == "per-item" else "single")

    def job(context: JobContext) -> list[CheckedPackage]:
        # Imported here: the checker brings lxml, which the window's start-up does not need.
        from moocstudio.export.package_check import check_package

        done: list[CheckedPackage] = []
        for number, name in enumerate(names):
            context.cancel.raise_if_cancelled(name)
            context.on_progress(Progress(number / len(names), "export", message=name))
            result = export_course(folder, course, out_dir, (name,), options)[0]
            done.append(CheckedPackage(result, check_package(result.path)))
        context.on_progress(Progress(1.0, "done"))
        return done

    return job


class ExportDialog(QDialog):
    """Choose formats and a folder, export, and read the report."""

    def __init__(
        self,
        document: CourseDocument,
        jobs: JobCenter,
        selected: tuple[str, ...] = ("scorm12",),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.jobs = jobs
        self.record: JobRecord | None = None
        self.setWindowTitle(self.tr("Export “%1”").replace("%1", document.course.title))
        self.resize(720, 640)  # room for the report under the per-item advice
        formats = QGroupBox(self.tr("Formats"), self)
        format_layout = QVBoxLayout(formats)
        self.boxes: dict[str, QCheckBox] = {}
        for fmt in FORMATS.values():
            box = QCheckBox(f"{fmt.name} — {format_summary(fmt.name, fmt.summary)}", formats)
            box.setChecked(fmt.name in selected)
            box.toggled.connect(self._update_buttons)
            box.toggled.connect(self._update_sco_advice)
            format_layout.addWidget(box)
            self.boxes[fmt.name] = box
        self.sco = QComboBox(self)
        self.sco.addItem(self.tr("The whole course as one SCO (progress kept)"), "single")
        self.sco.addItem(self.tr("One SCO per item (LMS tracks each item)"), "per-item")
        self.sco.setItemData(
            self.sco.findData("per-item"),
            "\n\n".join(per_item_notes(tuple(FORMATS))),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.sco.setAccessibleName(self.tr("SCORM structure"))
        self.sco.currentIndexChanged.connect(self._update_sco_advice)
        # Next to the choice, for the SCORM formats ticked: the players it does not suit.
        self.sco_advice = QLabel(self)
        self.sco_advice.setWordWrap(True)
        self.sco_advice.setTextFormat(Qt.TextFormat.PlainText)
        default = Path(document.folder) / "packages"
        self.destination = QLineEdit(str(QSettings().value(DESTINATION_KEY, "") or default), self)
        self.destination.setAccessibleName(self.tr("Destination folder"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.destination)
        where.addWidget(browse)
        form = self.form = QFormLayout()
        form.addRow(self.tr("SCORM structure"), self.sco)
        form.addRow("", self.sco_advice)
        form.addRow(self.tr("Destination"), where)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.report = QTextBrowser(self)
        self.report.setAccessibleName(self.tr("Export report"))
        self.report.setOpenLinks(False)
        self.report.anchorClicked.connect(QDesktopServices.openUrl)
        self.report.setPlaceholderText(
            self.tr("Each package is checked once written: its manifest against the official "
                    "schemas, its files, launch page and licence.")
        )  # fmt: skip
        self.status = QLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button = self.buttons.addButton(
            self.tr("&Open Folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(formats)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self._update_sco_advice()

    def chosen(self) -> tuple[str, ...]:
        """The formats ticked, in the registry's order."""
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def _update_sco_advice(self) -> None:
        notes = per_item_notes(self.chosen()) if self.sco.currentData() == "per-item" else []
        self.sco_advice.setText("\n\n".join(notes))
        self.sco.setAccessibleDescription(self.sco_advice.text())  # read with the choice
        self.form.setRowVisible(self.sco_advice, bool(notes))

    def _update_buttons(self) -> None:
        running = self.record is not None and self.record.state in ("queued", "running")
        self.export_button.setEnabled(bool(self.chosen()) and not running)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export to"), self.destination.text()
        )
        if folder:
            self.destination.setText(folder)

    def start(self) -> None:
        """Write and check the chosen packages off the GUI thread."""
        out_dir = Path(self.destination.text()).expanduser()
        QSettings().setValue(DESTINATION_KEY, str(out_dir))
        job = export_job(
            self.document.folder, self.document, self.chosen(), out_dir, str(self.sco.currentData())
        )
        self.report.clear()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        self.record = self.jobs.submit(
            self.tr("Export %1").replace("%1", self.document.course.title), job, kind="export"
        )
        self.record.progressed.connect(self._progressed)
        self.record.succeeded.connect(self._show_report)
        self.record.failed.connect(self._failed)
        self.record.cancelled.connect(lambda: self.status.setText(self.tr("Cancelled.")))
        self.record.ended.connect(self._update_buttons)
        self._update_buttons()

    def _progressed(self, progress: Progress) -> None:
        self.progress.setValue(round(progress.fraction * 1000))
        if progress.message:
            self.status.setText(self.tr("Writing %1…").replace("%1", progress.message))

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(self.tr("The export failed."))
        self.report.setPlainText(message)

    def _show_report(self, packages: list[CheckedPackage]) -> None:
        self.progress.hide()
        valid = sum(1 for p in packages if p.report.passes(strict=True))
        self.status.setText(
            self.tr("%1 of %2 packages are valid.")
            .replace("%1", str(valid))
            .replace("%2", str(len(packages)))
        )
        self.report.setHtml(report_html(packages))
        self.open_button.setEnabled(True)

    def open_folder(self) -> None:
        """Show the destination folder in the file manager."""
        QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(Path(self.destination.text()).expanduser()))
        )


def report_html(packages: list[CheckedPackage]) -> str:
    """The report as simple HTML: one line per package, its problems listed, text escaped."""
    parts = []
    for package in packages:
        report = package.report
        megabytes = package.result.report.archive_bytes / 1_000_000
        # moocstudio's own packages are held to the strict standard: warnings count.
        valid = report.passes(strict=True)
        verdict = (
            translate("ExportDialog", "valid") if valid else translate("ExportDialog", "NOT valid")
        )
        url = QUrl.fromLocalFile(str(package.result.path)).toString()
        mark = "✔" if valid else "✘"
        parts.append(
            f'<p style="margin: 4px 0"><b>{mark} {escape(package.result.format.name)}</b> '
            f"{escape(verdict)} — "
            f'<a href="{escape(url)}">{escape(package.result.path.name)}</a> · '
            + translate("ExportDialog", "%1 files · %2 MB")
            .replace("%1", str(report.files))
            .replace("%2", f"{megabytes:.1f}")
            + "</p>"
        )
        items = [f"<li>{escape(p)}</li>" for p in report.problems]
        items += [f"<li><i>{escape(n)}</i></li>" for n in map(quiz_line, package.result.quizzes)]
        items += [f"<li><i>{escape(registry_text(n))}</i></li>" for n in package.result.notes]
        items += [f"<li><i>{escape(n)}</i></li>" for n in report.notes]
        if items:
            parts.append('<ul style="margin-top: 0">' + "".join(items) + "</ul>")
    return "".join(parts)
