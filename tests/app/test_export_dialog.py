"""The Export dialog writes real packages off the GUI thread and shows their check."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moocstudio.app.document import CourseDocument
from moocstudio.app.export_dialog import ExportDialog, quiz_line
from moocstudio.app.jobs import JobCenter
from moocstudio.app.translations import install_translations
from moocstudio.export.formats import QuizCount
from moocstudio.export.package_check import check_package
from moocstudio.export.validate import schemas_in_use
from moocstudio.model import Course, Quiz
from moocstudio.model.store import save_course
from tests.waiting import EVENT_TIMEOUT_MS

OPEN_EDX = (
    "Open edX's SCORM block takes one SCO per package: a package with one SCO per item stops "
    "after its first item. For Open edX, export the whole course as one SCO."
)
MOODLE = (
    "Moodle tracks only one SCORM 2004 SCO per launch: later SCOs open but record nothing "
    "(error 104). For Moodle, export the whole course as one SCO, or SCORM 1.2 per item."
)
OPEN_EDX_FR = (
    "Le bloc SCORM d'Open edX ne prend qu'un SCO par paquet : un paquet à un SCO par élément "
    "s'arrête après le premier élément. Pour Open edX, exportez tout le cours en un seul SCO."
)
MOODLE_FR = (
    "Moodle ne suit qu'un SCO SCORM 2004 par lancement : les SCO suivants s'ouvrent mais "
    "n'enregistrent rien (erreur 104). Pour Moodle, exportez tout le cours en un seul SCO, ou "
    "en SCORM 1.2 par élément."
)


def _checked_by() -> str:
    """The check's note naming the schemas its manifest was checked against (not translated)."""
    return f"imsmanifest.xml checked against {schemas_in_use().describe()}"


def _copy(sample: tuple[Path, Course], tmp_path: Path) -> CourseDocument:
    """The sample course with its media, in a folder of the test's own."""
    folder = tmp_path / "course"
    shutil.copytree(sample[0], folder)
    # The fixture's media results are in memory only; saving stamps the course it is given, so
    # it gets a copy: the session's sample stays as every other test expects it.
    save_course(folder, sample[1].model_copy(deep=True))
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
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=EVENT_TIMEOUT_MS)
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
    qtbot.waitUntil(lambda: dialog.status.text() == "The export failed.", timeout=EVENT_TIMEOUT_MS)
    assert rendition.file.path.split("/")[-1] in dialog.report.toPlainText()
    assert "Traceback" not in dialog.report.toPlainText()
    assert not list((tmp_path / "out").glob("*.zip"))
    jobs.shutdown()


def _pick(dialog: ExportDialog, structure: str) -> None:
    dialog.sco.setCurrentIndex(dialog.sco.findData(structure))


def _export_and_wait(qtbot: QtBot, dialog: ExportDialog) -> str:
    """Press Export and return the report's text once the packages are written and checked."""
    dialog.start()
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=EVENT_TIMEOUT_MS)
    return dialog.report.toPlainText()


def test_one_sco_per_item_names_the_players_it_does_not_suit_for_the_formats_ticked(
    qtbot: QtBot, app: QApplication, sample: tuple[Path, Course], tmp_path: Path
) -> None:
    assert install_translations(app, "en") == "en"  # as the app does: English plurals
    document = _copy(sample, tmp_path)
    jobs = JobCenter()
    dialog = ExportDialog(document, jobs, selected=("scorm12", "scorm2004"))
    qtbot.addWidget(dialog)
    advice = dialog.sco_advice
    per_item = dialog.sco.findData("per-item")
    assert dialog.sco.itemData(per_item, Qt.ItemDataRole.ToolTipRole) == f"{OPEN_EDX}\n\n{MOODLE}"
    assert not advice.isVisibleTo(dialog)  # the whole course as one SCO suits every player
    _pick(dialog, "per-item")
    assert advice.isVisibleTo(dialog)
    assert advice.text() == f"{OPEN_EDX}\n\n{MOODLE}"
    assert dialog.sco.accessibleDescription() == advice.text()
    dialog.boxes["scorm2004"].setChecked(False)
    assert advice.text() == OPEN_EDX  # SCORM 1.2 per item is tracked by Moodle
    dialog.boxes["scorm12"].setChecked(False)
    dialog.boxes["site"].setChecked(True)
    assert not advice.isVisibleTo(dialog)  # no SCORM package, nothing to say
    dialog.boxes["scorm2004"].setChecked(True)
    assert advice.isVisibleTo(dialog)
    _pick(dialog, "single")
    assert not advice.isVisibleTo(dialog)

    _pick(dialog, "per-item")
    dialog.boxes["site"].setChecked(False)
    dialog.destination.setText(str(tmp_path / "out"))
    package, *notes = _export_and_wait(qtbot, dialog).splitlines()
    assert package.startswith(
        "✔ scorm2004 valid — introduction-a-l-acces-ouvert-scorm2004-per-item.zip · "
    )
    # Under the package: its quiz, what it cannot do, then which schemas checked its manifest.
    quiz = _sample_quiz(document)
    quiz_line = (
        f"quiz “{quiz.title}”: {len(quiz.questions)} questions, {quiz.total_points:g} points"
    )
    assert notes == [quiz_line, OPEN_EDX, MOODLE, _checked_by()]
    jobs.shutdown()


def _sample_quiz(document: CourseDocument) -> Quiz:
    (quiz,) = [item for item in document.course.all_items() if isinstance(item, Quiz)]
    return quiz


def test_the_per_item_advice_and_report_are_in_french(
    qtbot: QtBot, app: QApplication, sample: tuple[Path, Course], tmp_path: Path
) -> None:
    assert install_translations(app, "fr") == "fr"
    document = _copy(sample, tmp_path)
    jobs = JobCenter()
    dialog = ExportDialog(document, jobs, selected=("scorm2004",))
    qtbot.addWidget(dialog)
    _pick(dialog, "per-item")
    assert dialog.sco.currentText() == "Un SCO par élément (le LMS suit chaque élément)"
    assert dialog.sco_advice.text() == f"{OPEN_EDX_FR}\n\n{MOODLE_FR}"
    assert dialog.boxes["scorm2004"].text() == (
        "scorm2004 — SCORM 2004 4e édition (SCORM Cloud, bloc SCORM d'Open edX)"
    )
    dialog.destination.setText(str(tmp_path / "out"))
    package, *notes = _export_and_wait(qtbot, dialog).splitlines()
    assert package.startswith(
        "✔ scorm2004 valide — introduction-a-l-acces-ouvert-scorm2004-per-item.zip · "
    )
    quiz = _sample_quiz(document)
    quiz_line = (
        f"quiz « {quiz.title} » : {len(quiz.questions)} questions, {quiz.total_points:g} points"
    )
    assert notes == [quiz_line, OPEN_EDX_FR, MOODLE_FR, _checked_by()]
    jobs.shutdown()


def test_quiz_lines_count_in_the_apps_language(app: QApplication) -> None:
    assert install_translations(app, "en") == "en"
    assert quiz_line(QuizCount("Check", 1, 2.5)) == "quiz “Check”: 1 question, 2.5 points"
    assert quiz_line(QuizCount("Check", 3, 1)) == "quiz “Check”: 3 questions, 1 point"
    assert install_translations(app, "fr") == "fr"
    assert quiz_line(QuizCount("Bilan", 1, 2.5)) == "quiz « Bilan » : 1 question, 2,5 points"
    assert quiz_line(QuizCount("Bilan", 6, 6)) == "quiz « Bilan » : 6 questions, 6 points"
