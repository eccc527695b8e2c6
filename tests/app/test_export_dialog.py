"""The Export dialog writes real packages off the GUI thread and shows their check."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from moocstudio.app.document import CourseDocument
from moocstudio.app.export_dialog import ExportDialog
from moocstudio.app.jobs import JobCenter
from moocstudio.export.package_check import check_package
from moocstudio.model import Course
from moocstudio.model.store import save_course

EXPORT_TIMEOUT_MS = 120_000


def _copy(sample: tuple[Path, Course], tmp_path: Path) -> CourseDocument:
    """The sample course with its media, in a folder of the test's own."""
    folder = tmp_path / "course"
    shutil.copytree(sample[0], folder)
    save_course(folder, sample[1])  # the fixture's media results are in memory only
    return CourseDocument.open(folder)


def test_export_scorm12_from_the_dialog_is_valid_and_reported(
    qtbot: QtBot, sample: tuple[Path, Course], tmp_path: Path
) -> None:
    document = _copy(sample, tmp_path)
    jobs = JobCenter()
    dialog = ExportDialog(document, jobs, selected=("scorm12",))
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(tmp_path / "out"))
    assert dialog.chosen() == ("scorm12",)
    dialog.start()
    assert not dialog.export_button.isEnabled()  # no second export while one runs
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=EXPORT_TIMEOUT_MS)
    packages = list((tmp_path / "out").glob("*.zip"))
    assert [p.name for p in packages] == ["introduction-a-l-acces-ouvert-scorm12.zip"]
    assert check_package(packages[0]).valid
    with zipfile.ZipFile(packages[0]) as archive:
        assert "imsmanifest.xml" in archive.namelist()
    text = dialog.report.toPlainText()
    assert f"✔ scorm12 valid — {packages[0].name}" in text
    assert dialog.status.text() == "1 of 1 packages are valid."
    jobs.shutdown()


def test_a_failed_export_is_reported_in_plain_words(
    qtbot: QtBot, sample: tuple[Path, Course], tmp_path: Path
) -> None:
    document = _copy(sample, tmp_path)
    folder = document.folder
    rendition = next(v for v in document.course.all_items() if v.kind == "video").renditions[0]
    (folder / rendition.file.path).unlink()
    jobs = JobCenter()
    dialog = ExportDialog(document, jobs, selected=("site",))
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(tmp_path / "out"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.status.text() == "The export failed.", timeout=EXPORT_TIMEOUT_MS)
    assert rendition.file.path.split("/")[-1] in dialog.report.toPlainText()
    assert "Traceback" not in dialog.report.toPlainText()
    assert not list((tmp_path / "out").glob("*.zip"))
    jobs.shutdown()
