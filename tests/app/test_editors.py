"""The item editors on a copy of the sample course: real widgets, real files, the undo stack."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

import pysubs2
import pytest
import webvtt
from lxml import html as lxml_html
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from moocstudio.app.commands import RemoveItem, SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors import make_editor
from moocstudio.app.editors.cue_table import END, START, TEXT, format_time, parse_time
from moocstudio.app.editors.page_editor import PageEditor
from moocstudio.app.editors.slides_editor import SlidesEditor
from moocstudio.app.editors.video_editor import VideoEditor
from moocstudio.app.jobs import JobCenter
from moocstudio.media.cues import Cue
from moocstudio.media.subtitle_files import render_webvtt
from moocstudio.model import Course, Page, SlideDeck, SubtitleTrack, Video
from moocstudio.model.licence import LicenceId
from moocstudio.model.store import add_asset_bytes, asset_path
from tests.waiting import EVENT_TIMEOUT_MS


@pytest.fixture
def document(sample: tuple[Path, Course], tmp_path: Path) -> Iterator[CourseDocument]:
    """The sample course, copied: the editors write new media files into it."""
    folder, course = sample
    copy = tmp_path / "course"
    shutil.copytree(folder, copy)
    document = CourseDocument(copy, deepcopy(course))
    yield document
    # Emptied while the document is whole: a stack dying dirty would signal a deleted document.
    document.undo_stack.clear()


def first(document: CourseDocument, kind: type) -> object:
    return next(item for item in document.course.all_items() if isinstance(item, kind))


def show(qtbot: QtBot, widget: QWidget, name: str) -> None:
    """Show the editor at a laptop's central-area size; keep a screenshot when asked to.

    ``MOOCSTUDIO_SCREENSHOTS=DIR`` saves each editor's picture there, to look at.
    """
    qtbot.addWidget(widget)
    widget.resize(760, 700)
    widget.show()
    qtbot.waitExposed(widget, timeout=EVENT_TIMEOUT_MS)
    shots = os.environ.get("MOOCSTUDIO_SCREENSHOTS")
    if shots:
        assert widget.grab().save(str(Path(shots) / name))


# --- page --------------------------------------------------------------------------------------


def previewed(editor: PageEditor) -> str:
    """The text of the page the preview shows: the preview site's page for the edited item.

    The web view showing it is tested in test_preview.py; here the page written is enough.
    """
    page = editor.site.root / "items" / f"{editor.item_id}.html"
    if not page.is_file():
        return ""
    main = lxml_html.fromstring(page.read_bytes()).find(".//main")
    return main.text_content() if main is not None else ""


def test_page_preview_follows_the_text_after_a_pause(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    page = first(document, Page)
    editor = make_editor(document, page.id, jobs)
    assert isinstance(editor, PageEditor)
    show(qtbot, editor, "page.png")
    assert "Les licences ouvertes" in previewed(editor)
    assert editor.warnings.isHidden()  # the page's own image is found by its name

    editor.editor.setPlainText("# Nouveau titre\n\n![absente](absente.png)\n")
    assert "Nouveau titre" not in previewed(editor)  # debounced, not per key
    qtbot.waitUntil(lambda: "Nouveau titre" in previewed(editor), timeout=EVENT_TIMEOUT_MS)
    assert "absente.png was not found" in editor.warnings.text()
    assert editor.warnings.isVisible()


def test_page_edit_is_one_undoable_step(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    page = first(document, Page)
    old_source, old_html = page.source, page.html
    editor = PageEditor(document, page.id)
    show(qtbot, editor, "page-edited.png")
    text = editor.editor.toPlainText().replace("Les licences ouvertes", "Licences libres", 1)
    editor.editor.setPlainText(text)
    # The edit ends after a pause: one command, however many keystrokes made it.
    qtbot.waitUntil(lambda: document.undo_stack.count() == 1, timeout=EVENT_TIMEOUT_MS)

    edited = document.find_item(page.id)[2]
    assert "Licences libres" in edited.html and edited.source != old_source
    assert asset_path(document.folder, edited.source).read_text(encoding="utf-8") == text
    assert [image.original_name for image in edited.images] == ["spectre-licences.png"]

    document.undo_stack.undo()
    restored = document.find_item(page.id)[2]
    assert (restored.source, restored.html) == (old_source, old_html)
    assert asset_path(document.folder, old_source).is_file()  # the old file stays for undo
    assert "Les licences ouvertes" in editor.editor.toPlainText()
    document.undo_stack.redo()
    assert "Licences libres" in editor.editor.toPlainText()


def test_page_commit_without_change_pushes_nothing(qtbot: QtBot, document: CourseDocument) -> None:
    editor = PageEditor(document, first(document, Page).id)
    qtbot.addWidget(editor)
    editor.commit()
    assert document.undo_stack.count() == 0


def test_page_preview_shows_maths_as_mathml(qtbot: QtBot, document: CourseDocument) -> None:
    # The preview is the site's page: the formula is MathML there, as learners get it.
    editor = PageEditor(document, first(document, Page).id)
    qtbot.addWidget(editor)
    editor.editor.setPlainText("# Aire\n\nUn disque : $\\pi r^2$, $\\frac{a}{b}$.\n\n$$x_i$$\n")
    editor.update_preview()
    page = (editor.site.root / "items" / f"{editor.item_id}.html").read_text(encoding="utf-8")
    assert page.count("<math") == 3 and "<mfrac>" in page
    assert "Un disque" in previewed(editor)
    assert editor.warnings.isHidden()


LESSON = """\
---
title: "Boucles"
description: Répéter une action.
objectives:
- Écrire une boucle.
keypoints: Une boucle répète.
licence: CC BY-SA 4.0
authors: Ada Lovelace and Grace Hopper
---

::::::::::::::::::::::::::::::::::::: challenge

## Défi 1

Additionnez `[1, 2, 3]`.

:::::::::::::::: solution

`sum([1, 2, 3])`

::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::::::::::

::: instructor
Montrer l'erreur en direct.
:::
"""


def test_page_edit_commits_front_matter_and_instructor_notes_in_one_step(
    qtbot: QtBot, document: CourseDocument
) -> None:
    page = first(document, Page)
    before = page.model_copy(deep=True)
    editor = PageEditor(document, page.id)
    show(qtbot, editor, "page-lesson.png")
    editor.editor.setPlainText(LESSON)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 1, timeout=EVENT_TIMEOUT_MS)

    edited = document.find_item(page.id)[2]
    assert edited.title == "Boucles"
    assert edited.description == "Répéter une action."
    assert (edited.objectives, edited.keypoints) == (["Écrire une boucle."], ["Une boucle répète."])
    assert edited.licence is LicenceId.CC_BY_SA_4_0
    assert [person.name for person in edited.authors] == ["Ada Lovelace", "Grace Hopper"]
    assert "en direct" not in edited.html
    assert len(edited.instructor_notes) == 1 and "en direct" in edited.instructor_notes[0]
    assert document.undo_stack.undoText() == "Edit page"

    shown = previewed(editor)
    # As the site shows it: the front matter's objectives open the page, its key points close it.
    assert shown.index("Objectifs d’apprentissage") < shown.index("Écrire une boucle.")
    assert shown.index("Écrire une boucle.") < shown.index("Défi 1")
    assert shown.index("Défi 1") < shown.index("Une boucle répète.")
    assert "Solution" in shown
    assert ":::" not in shown and "objectives:" not in shown
    # The instructor's note is no part of the learners' page: it shows under the preview.
    assert "en direct" not in shown
    assert editor.notes.text() == (
        "Instructor notes — not shown to learners\nMontrer l'erreur en direct."
    )

    document.undo_stack.undo()
    restored = document.find_item(page.id)[2]
    assert restored.model_dump() == before.model_dump()


def test_a_body_edit_keeps_the_title_and_licence_chosen_in_the_app(
    qtbot: QtBot, document: CourseDocument
) -> None:
    page = first(document, Page)
    editor = PageEditor(document, page.id)
    qtbot.addWidget(editor)
    editor.editor.setPlainText(LESSON)
    editor.commit()
    target = Target("item", page.id)
    document.push(SetFields(document, target, {"title": "Renamed", "licence": None}, "Rename"))
    editor.editor.setPlainText(LESSON.replace("Additionnez", "Ajoutez"))
    editor.commit()
    edited = document.find_item(page.id)[2]
    assert "Ajoutez" in edited.html
    assert (edited.title, edited.licence) == ("Renamed", None)
    # Changing the front matter's own title is an edit of the title.
    editor.editor.setPlainText(LESSON.replace('"Boucles"', '"Boucles for"'))
    editor.commit()
    assert document.find_item(page.id)[2].title == "Boucles for"


# --- slides ------------------------------------------------------------------------------------


def test_slides_select_and_edit_notes_undoably(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    deck = first(document, SlideDeck)
    editor = make_editor(document, deck.id, jobs)
    assert isinstance(editor, SlidesEditor)
    show(qtbot, editor, "slides.png")
    assert editor.strip.count() == len(deck.slides)
    assert editor.picture.has_picture()

    editor.strip.setCurrentRow(1)
    assert editor.notes.toPlainText() == deck.slides[1].notes
    assert deck.slides[1].title.split(" / ")[0] in editor.text.toPlainText()
    old_notes = deck.slides[1].notes
    editor.notes.setPlainText("Dire bonjour.")
    qtbot.keyClick(editor.picture, Qt.Key.Key_Right)  # arrows move on; that ends the edit

    assert editor.strip.currentRow() == 2
    assert document.undo_stack.count() == 1
    assert document.find_item(deck.id)[2].slides[1].notes == "Dire bonjour."
    document.undo_stack.undo()
    assert document.find_item(deck.id)[2].slides[1].notes == old_notes
    editor.strip.setCurrentRow(1)
    assert editor.notes.toPlainText() == old_notes
    document.undo_stack.redo()
    assert editor.notes.toPlainText() == "Dire bonjour."
    assert document.undo_stack.count() == 1  # looking at slides is not an edit


def test_hidden_slide_is_marked(qtbot: QtBot, document: CourseDocument) -> None:
    deck = first(document, SlideDeck)
    deck.slides[2].hidden = True
    editor = SlidesEditor(document, deck.id)
    qtbot.addWidget(editor)
    assert "hidden" in editor.strip.item(2).text()
    assert "hidden" not in editor.strip.item(1).text()


# --- video and cues ----------------------------------------------------------------------------


def test_cue_times_read_and_write() -> None:
    assert parse_time("01:02.5") == pytest.approx(62.5)
    assert parse_time("1:00:00,250") == pytest.approx(3600.25)
    assert format_time(62.5) == "01:02.500"
    assert format_time(3600.25) == "01:00:00.250"
    for bad in ("1:75.000", "abc", "-00:01.000", "1:60:00.000"):
        with pytest.raises(ValueError):
            parse_time(bad)


def test_video_editor_shows_facts_renditions_and_french_cues(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    editor = make_editor(document, video.id, jobs)
    assert isinstance(editor, VideoEditor)
    show(qtbot, editor, "video.png")
    assert editor.poster.has_picture()
    assert editor.renditions.rowCount() == len(video.renditions) > 0
    assert editor.renditions.item(0, 5).text() == "present"
    assert editor.player is not None  # made when shown
    labels = [source.label for source in editor.player.sources]
    assert labels[0].startswith("Source: ") and len(labels) == 1 + len(video.renditions)

    track = video.subtitles[0]
    assert track.language == "fr"
    on_disk = webvtt.read(str(asset_path(document.folder, track.vtt)))
    model = editor.cues.model
    assert model.rowCount() == len(on_disk.captions) > 0
    assert model.index(0, TEXT).data() == on_disk.captions[0].text


def test_cue_edits_are_checked_saved_to_vtt_and_srt_and_undone(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    old_track = deepcopy(video.subtitles[0])
    editor = VideoEditor(document, video.id, jobs)
    show(qtbot, editor, "video-cues.png")
    cues = editor.cues
    model = cues.model
    first_start = model.cues[0].start

    # The end time, typed in the table's own editor.
    index = model.index(0, END)
    cues.table.setCurrentIndex(index)
    cues.table.edit(index)
    line = cues.table.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "00:03.500")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: model.index(0, END).data() == "00:03.500", timeout=EVENT_TIMEOUT_MS)
    assert cues.message.text() == ""
    assert model.setData(model.index(0, TEXT), "Bonjour à toutes et à tous.")

    # Impossible values are refused with a plain sentence; the cue keeps its times.
    assert not model.setData(model.index(0, END), "00:99.000")
    assert "is not a time" in cues.message.text()
    assert not model.setData(model.index(0, END), format_time(first_start))
    assert "end after it starts" in cues.message.text()
    assert not model.setData(model.index(0, START), "-00:01.000")
    assert "negative" in cues.message.text()
    assert not model.setData(model.index(0, END), "59:00.000")
    assert "lasts" in cues.message.text()
    assert model.index(0, END).data() == "00:03.500"

    assert cues.save_button.isEnabled()
    qtbot.mouseClick(cues.save_button, Qt.MouseButton.LeftButton)
    assert document.undo_stack.count() == 3  # the end, the text, the save
    track = document.find_item(video.id)[2].subtitles[0]
    assert track.vtt != old_track.vtt and track.srt != old_track.srt
    assert track.status == "draft"
    vtt = webvtt.read(str(asset_path(document.folder, track.vtt)))
    assert vtt.captions[0].text == "Bonjour à toutes et à tous."
    assert vtt.captions[0].end == "00:00:03.500"
    assert len(vtt.captions) == len(model.cues)
    assert track.srt is not None
    srt = pysubs2.load(str(asset_path(document.folder, track.srt)))
    assert srt.events[0].text == "Bonjour à toutes et à tous."
    assert srt.events[0].end == 3500
    assert not cues.save_button.isEnabled()  # saved: nothing left to save

    document.undo_stack.undo()
    assert document.find_item(video.id)[2].subtitles[0] == old_track
    assert asset_path(document.folder, old_track.vtt).is_file()
    assert model.index(0, TEXT).data() != "Bonjour à toutes et à tous."
    assert model.index(0, END).data() == format_time(model.cues[0].end) != "00:03.500"


def test_cue_add_remove_and_empty_cue_refused(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    editor = VideoEditor(document, video.id, jobs)
    qtbot.addWidget(editor)
    cues = editor.cues
    count = cues.model.rowCount()
    cues.table.setCurrentIndex(cues.model.index(count - 1, TEXT))
    cues.add_cue()
    assert cues.model.rowCount() == count + 1
    assert cues.model.cues[-1].end <= video.duration
    assert not cues.save()
    assert f"Cue {count + 1} has no text" in cues.message.text()
    assert document.undo_stack.count() == 1  # the added cue; nothing saved
    cues.table.setCurrentIndex(cues.model.index(count, TEXT))
    cues.remove_cue()
    assert cues.model.rowCount() == count


def test_reviewed_track_saves_as_final(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    editor = VideoEditor(document, video.id, jobs)
    qtbot.addWidget(editor)
    editor.cues.final.setChecked(True)
    assert editor.cues.save()
    assert document.find_item(video.id)[2].subtitles[0].status == "final"
    assert "final" in editor.cues.status.text()


def test_pending_edits_commit_before_a_save(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    editors = [make_editor(document, item.id, jobs) for item in document.course.all_items()]
    for editor in editors:
        qtbot.addWidget(editor)
    page, slides, video = (
        next(e for e in editors if isinstance(e, kind))
        for kind in (PageEditor, SlidesEditor, VideoEditor)
    )
    page.editor.setPlainText("# Vite\n")
    slides.notes.setPlainText("Notes vite écrites.")
    video.cues.model.setData(video.cues.model.index(0, TEXT), "Vite.")
    for editor in editors:
        editor.commit_pending()  # what the window does before saving
    assert document.undo_stack.count() == 4  # page, notes, the cue's text and saving the cues
    assert "Vite" in document.find_item(page.item_id)[2].html
    assert document.find_item(slides.item_id)[2].slides[0].notes == "Notes vite écrites."
    track = document.find_item(video.item_id)[2].subtitles[0]
    assert webvtt.read(str(asset_path(document.folder, track.vtt))).captions[0].text == "Vite."


def test_generate_renditions_runs_on_the_job_center(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    made = deepcopy(video.renditions)
    video.renditions = []  # as before the Media job ran (its files are in the copied cache)
    editor = VideoEditor(document, video.id, jobs)
    qtbot.addWidget(editor)
    assert editor.renditions.isHidden()
    assert "None yet" in editor.renditions_note.text()

    qtbot.mouseClick(editor.generate, Qt.MouseButton.LeftButton)
    assert not editor.generate.isEnabled()  # one job at a time per video
    qtbot.waitUntil(lambda: editor.generate.isEnabled(), timeout=EVENT_TIMEOUT_MS)

    assert document.undo_stack.count() == 1
    assert document.find_item(video.id)[2].renditions == made
    assert editor.renditions.rowCount() == len(made)
    assert editor.renditions_note.text() == ""
    document.undo_stack.undo()
    assert editor.renditions.isHidden()


def test_editors_follow_a_whole_course_replacement(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    deck = first(document, SlideDeck)
    editor = SlidesEditor(document, deck.id)
    qtbot.addWidget(editor)
    restored = deepcopy(document.course)
    next(i for i in restored.all_items() if i.id == deck.id).slides[0].notes = "Restaurées."
    fields = {name: getattr(restored, name) for name in type(restored).model_fields}
    document.push(SetFields(document, Target("course"), fields, "Restore"))
    assert editor.notes.toPlainText() == "Restaurées."


def test_language_picker_shows_each_track_and_saves_before_switching(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    english = render_webvtt([Cue(1.0, 2.5, "Welcome.")], language="en").encode("utf-8")
    vtt = add_asset_bytes(document.folder, english, "lecture.en.vtt")
    video.subtitles.append(SubtitleTrack(language="en", status="placeholder", vtt=vtt))
    editor = VideoEditor(document, video.id, jobs)
    show(qtbot, editor, "video-two-tracks.png")
    cues = editor.cues
    assert cues.language.isVisible()
    assert [cues.language.itemText(i) for i in range(cues.language.count())] == ["fr", "en"]

    assert cues.model.setData(cues.model.index(0, TEXT), "Bienvenue !")
    cues.language.setCurrentIndex(1)  # leaving the French track saves its edit
    assert cues.model.rowCount() == 1
    assert cues.model.index(0, TEXT).data() == "Welcome."
    tracks = document.find_item(video.id)[2].subtitles
    assert [t.language for t in tracks] == ["fr", "en"]
    assert webvtt.read(str(asset_path(document.folder, tracks[0].vtt))).captions[0].text == (
        "Bienvenue !"
    )
    assert tracks[1].vtt == vtt  # the English track is untouched


def test_page_edit_commits_when_the_author_leaves_the_text(
    qtbot: QtBot, document: CourseDocument
) -> None:
    page = first(document, Page)
    window = QWidget()
    editor = PageEditor(document, page.id, window)
    elsewhere = QLineEdit(window)
    layout = QVBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(elsewhere)
    show(qtbot, window, "page-focus.png")
    window.activateWindow()
    editor.editor.setFocus()
    qtbot.waitUntil(editor.editor.hasFocus, timeout=EVENT_TIMEOUT_MS)
    qtbot.keyClicks(editor.editor, "Ajout. ")
    elsewhere.setFocus()  # leaving ends the edit at once, before the pause timer
    qtbot.waitUntil(elsewhere.hasFocus, timeout=EVENT_TIMEOUT_MS)
    assert document.undo_stack.count() == 1
    assert "Ajout." in document.find_item(page.id)[2].html


def test_delete_key_in_the_cue_table_removes_a_cue_not_the_video(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    window = QMainWindow()
    editor = VideoEditor(document, video.id, jobs)
    window.setCentralWidget(editor)
    deleted: list[bool] = []
    delete_item = QAction("Delete", window)  # as the main window's Edit ▸ Delete
    delete_item.setShortcut(QKeySequence.StandardKey.Delete)
    delete_item.triggered.connect(lambda: deleted.append(True))
    window.addAction(delete_item)
    show(qtbot, window, "video-delete.png")
    window.activateWindow()
    table = editor.cues.table
    count = editor.cues.model.rowCount()
    table.setFocus()
    table.selectRow(1)
    qtbot.waitUntil(table.hasFocus, timeout=EVENT_TIMEOUT_MS)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert editor.cues.model.rowCount() == count - 1
    assert not deleted


def test_pending_page_edit_of_a_removed_page_is_dropped_quietly(
    qtbot: QtBot, document: CourseDocument
) -> None:
    page = first(document, Page)
    editor = PageEditor(document, page.id)
    qtbot.addWidget(editor)
    editor.editor.setPlainText("# Dernier mot\n")
    document.push(RemoveItem(document, page.id))
    editor.update_preview()  # what the timers would do before the window drops the editor
    editor.commit()
    assert document.undo_stack.count() == 1  # the removal only


def test_two_line_cue_shows_on_one_row_and_saves_its_line_break(
    qtbot: QtBot, document: CourseDocument, jobs: JobCenter
) -> None:
    video = first(document, Video)
    editor = VideoEditor(document, video.id, jobs)
    qtbot.addWidget(editor)
    model = editor.cues.model
    assert model.setData(model.index(0, TEXT), "Ligne un\nLigne deux")
    assert model.index(0, TEXT).data() == "Ligne un / Ligne deux"
    assert model.index(0, TEXT).data(Qt.ItemDataRole.EditRole) == "Ligne un\nLigne deux"
    assert editor.cues.save()
    track = document.find_item(video.id)[2].subtitles[0]
    saved = webvtt.read(str(asset_path(document.folder, track.vtt))).captions[0]
    assert saved.text == "Ligne un\nLigne deux"
