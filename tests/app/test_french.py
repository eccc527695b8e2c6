"""The French translation: complete in the .ts, compiled and loaded, and seen in the window."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.page_editor import PageEditor
from moocstudio.app.translations import (
    available_languages,
    compiled_translation,
    install_translations,
)
from moocstudio.app.window import MainWindow
from moocstudio.export.formats import (
    FORMATS,
    ONE_2004_SCO_PER_LAUNCH,
    PER_ITEM_LIMITS,
    TRANSLATION_CONTEXT,
)
from moocstudio.model import Course, Page
from moocstudio.resources import resource_path
from tests.user_folders import UserFolders

TS_FILE = resource_path("i18n", "moocstudio_fr.ts")

# Words spelt the same in both languages, where French needs no other word.
SAME_IN_FRENCH = {"&Description", "Description", "Li&cence", "Licence"}
# Shown as typed, in no language: the course language's example codes, a URL's start.
NOT_TEXT = {"fr, en, es-419…", "https://…"}


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    menu.aboutToShow.emit()  # fills the menus made on demand (Open Recent)
    yield f"{where} title", menu.title()
    for number, action in enumerate(menu.actions()):
        if action.isSeparator():
            continue
        place = f"{where} > {number}"
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), place)
            continue
        if Path(action.text()).is_absolute():
            continue  # a recent course's folder
        yield place, action.text()
        yield f"{place} tip", action.statusTip()


def _widget_texts(root: QWidget, where: str) -> Iterator[tuple[str, str]]:
    for number, widget in enumerate(root.findChildren(QWidget)):
        place = f"{where} {type(widget).__name__} {number}"
        yield f"{place} name", widget.accessibleName()
        yield f"{place} tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield f"{place} text", widget.text()
        elif isinstance(widget, QGroupBox):
            yield f"{place} title", widget.title()
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"{place} placeholder", widget.placeholderText()
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(header.columnCount()):
                yield f"{place} header {column}", header.text(column)
        elif isinstance(widget, QComboBox):
            for row in range(widget.count()):
                if widget.itemData(row) == "":  # "Same as the course"; licence names are ids
                    yield f"{place} item {row}", widget.itemText(row)


def window_texts(qtbot: QtBot, folder: Path) -> list[tuple[str, str]]:
    """Every text of a main window, before and after opening a course with one module."""
    QSettings().clear()  # no recent courses yet: "Open Recent" shows its empty-list line
    window = MainWindow()
    qtbot.addWidget(window)
    texts = [("welcome, no course", window.welcome.text())]
    texts += _widget_texts(window.start_page, "start page")
    texts += _menu_texts(window.file_menu, "file menu before")
    window.set_document(CourseDocument.create(folder, Course(title="Cours", language="fr")))
    window.add_module()
    assert window.document is not None and window.outline is not None
    window.document.undo_stack.setClean()  # closing at teardown asks nothing
    texts.append(("welcome", window.welcome.text()))
    texts.append(("status bar", window.statusBar().currentMessage()))
    for number, action in enumerate(window.menuBar().actions()):
        assert action.menu() is not None
        texts += _menu_texts(action.menu(), f"menu {number}")
    for dock in window.findChildren(QDockWidget):
        texts.append((f"dock {dock.objectName()}", dock.windowTitle()))
        texts += _widget_texts(dock, f"dock {dock.objectName()}")
    model = window.outline.model()
    for column in range(model.columnCount()):
        texts.append(
            (f"outline header {column}", model.headerData(column, Qt.Orientation.Horizontal))
        )
    texts.append(("module details", model.index(0, 1).data()))
    undo = [
        a.text() for a in window.edit_menu.actions() if a.text().startswith(("&Undo", "&Annuler"))
    ]
    assert len(undo) == 1, "the Edit menu shows one undo action, named after the last command"
    return [(place, text) for place, text in texts if re.search(r"[^\W\d_]", text or "")]


def _translatable_part(text: str) -> str:
    """An export format's description, not its name ("scorm12 — SCORM 1.2 (…)")."""
    name, dash, summary = text.partition(" — ")
    return summary if dash and re.fullmatch(r"[a-z0-9]+", name) else text


def test_every_text_of_the_main_window_is_french(
    qtbot: QtBot, app: QApplication, tmp_path: Path
) -> None:
    english = window_texts(qtbot, tmp_path / "en")
    assert install_translations(app, "fr") == "fr"
    french = window_texts(qtbot, tmp_path / "fr")

    assert [place for place, _ in french] == [place for place, _ in english]
    untranslated = [
        (place, text)
        for (place, text), (_, translated) in zip(english, french, strict=True)
        if text not in SAME_IN_FRENCH | NOT_TEXT
        and _translatable_part(translated) == _translatable_part(text)
    ]
    assert untranslated == []
    assert len(english) > 80  # the walk saw the menus, docks and panels, not an empty window

    found = dict(french)
    assert found["menu 0 title"] == "&Fichier"
    assert found["menu 1 title"] == "É&dition"
    assert found["file menu before > 2 > 0"] == "Aucun cours récent"
    assert found["outline header 0"] == "Plan"
    assert found["module details"] == "0 élément"
    edit_menu = [text for place, text in french if place.startswith("menu 1 >")]
    assert "&Annuler l'ajout d'un module" in edit_menu
    assert "Ajouter un &module" in edit_menu


def test_the_ts_file_is_complete() -> None:
    """Every message is translated and finished, keeping placeholders, markup and accelerators."""
    messages = ET.parse(TS_FILE).getroot().iter("message")
    problems = []
    for message in messages:
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
        if translation.get("type") is not None or not all(texts):
            problems.append(("not finished", source))
            continue
        if message.get("numerus") == "yes" and len(texts) != 2:
            problems.append(("French has two plural forms", source))
        for text in texts:
            for marker in ("%1", "%2", "<", "…", ";;"):
                if marker == "%1" and "%n" in source:
                    continue
                if source.count(marker) != text.count(marker):
                    problems.append((f"{marker} not kept", source))
            if source.count("&") != text.count("&"):
                problems.append(("accelerator not kept", source))
    assert problems == []


def test_french_is_available_and_its_compiled_file_loads(user_folders: UserFolders) -> None:
    assert "fr" in available_languages()
    compiled = compiled_translation("fr")
    assert compiled is not None and compiled.is_relative_to(user_folders.cache)
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.translate("MainWindow", "&File") == "&Fichier"
    assert translator.translate("OutlineModel", "%n slide(s)", None, 3) == "%n diapositives"
    assert compiled_translation("fr_CA") == compiled  # regional variants use the same file


def test_every_word_of_the_format_registry_is_in_french() -> None:
    """Summaries and per-item notes are marked in formats.py; each has its French in the .ts."""
    compiled = compiled_translation("fr")
    assert compiled is not None
    translator = QTranslator()
    assert translator.load(str(compiled))
    texts = [fmt.summary for fmt in FORMATS.values()] + list(PER_ITEM_LIMITS)
    french = {text: translator.translate(TRANSLATION_CONTEXT, text) for text in texts}
    assert [text for text, translated in french.items() if not translated] == []
    assert french[ONE_2004_SCO_PER_LAUNCH].startswith("Moodle ne suit qu'un SCO SCORM 2004")


def test_page_preview_labels_instructor_notes_in_french(
    qtbot: QtBot, app: QApplication, sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    shutil.copytree(folder, tmp_path / "course")
    document = CourseDocument(tmp_path / "course", deepcopy(course))
    page = next(item for item in document.course.all_items() if isinstance(item, Page))
    assert install_translations(app, "fr") == "fr"
    editor = PageEditor(document, page.id)
    qtbot.addWidget(editor)
    editor.editor.setPlainText("# Titre\n\n::: instructeur\nMontrer en direct.\n:::\n")
    editor.update_preview()
    assert editor.notes.text() == (
        "Notes pour l'instructeur — jamais montrées aux apprenants\nMontrer en direct."
    )
