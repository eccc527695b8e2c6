"""The main window: outline on the left, the item editor in the middle, properties on the right.

It holds no course logic: imports, media and exports are the core's jobs, run through the
JobCenter; every model edit is a command on the document's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from moocstudio.app.autosave import Autosaver, discard_autosave, pending_autosave
from moocstudio.app.commands import (
    AddModule,
    InsertItems,
    RemoveItem,
    RemoveModule,
    SetFields,
    Target,
)
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors import make_editor
from moocstudio.app.export_dialog import format_summary
from moocstudio.app.jobs import BACKGROUND_JOB_KINDS, JobCenter, JobConflict, JobRecord
from moocstudio.app.jobs_dock import JobsDock
from moocstudio.app.outline import KIND_ROLE, OutlineModel, OutlineView
from moocstudio.app.processing import cluster_address
from moocstudio.app.properties import PropertiesPanel
from moocstudio.app.start_page import StartPage
from moocstudio.errors import MoocstudioError
from moocstudio.export.formats import FORMATS
from moocstudio.model import Quiz, Video
from moocstudio.model.ids import new_id

if TYPE_CHECKING:
    from moocstudio.app.batch_dialog import BatchTranscodeDialog
    from moocstudio.app.preview.dock import PreviewDock
    from moocstudio.importers.dispatch import ItemKind

RECENT_KEY = "recent_courses"
RECENT_LIMIT = 8
PREVIEW_DOCK_WIDTH = 380  # pixels when first shown: a phone at 0.8, a desktop at 0.27


class MainWindow(QMainWindow):
    """One window per open course (or an empty one inviting to open or create one).

    Signals:
        document_changed: Another course was opened in this window.
    """

    document_changed = Signal()

    def __init__(self, jobs: JobCenter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs or JobCenter(parent=self)
        self.jobs.use_cluster(cluster_address())
        self.document: CourseDocument | None = None
        self.batch_dialog: BatchTranscodeDialog | None = None
        self.outline: OutlineView | None = None
        self.preview_dock: PreviewDock | None = None  # made when first shown (Qt WebEngine)
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        self.editors = QStackedWidget(self)
        self.start_page = StartPage(self.editors)
        self.start_page.new_requested.connect(self.new_course)
        self.start_page.open_requested.connect(self.open_course_dialog)
        self.start_page.sample_requested.connect(self.open_sample_dialog)
        self.start_page.recent_chosen.connect(self.open_course)
        self.start_page.guide_requested.connect(self.user_guide)
        self.start_page.set_recent(recent_courses())
        self.editors.addWidget(self.start_page)
        self.welcome = QLabel(self.tr("Select an item in the outline to edit it."))
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.editors.addWidget(self.welcome)
        self.setCentralWidget(self.editors)
        self.outline_dock = self._dock(
            self.tr("Outline"), "outline", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.properties_dock = self._dock(
            self.tr("Properties"), "properties", Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.jobs_dock = JobsDock(self.jobs, self)
        self.jobs_dock.setObjectName("jobs_dock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.jobs_dock)
        self._docks_sized = False
        # No course, nothing to outline or describe: the start page gets the room.
        self.outline_dock.hide()
        self.properties_dock.hide()
        # Jobs show when the author starts one; what the app derives on its own (a waveform)
        # does not take the editors' room (View ▸ Jobs lists it all the same).
        self.jobs_dock.hide()
        self.jobs.added.connect(self._job_added)
        self._make_actions()
        self._make_menus()
        self._update_title()
        self.statusBar().showMessage(self.tr("Ready"))

    # --- building ----------------------------------------------------------------------------

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}_dock")
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New Course…"), self.new_course, key.New)
        self.open_action = self._action(self.tr("&Open Course…"), self.open_course_dialog, key.Open)
        self.sample_action = self._action(
            self.tr("Open the Sa&mple Course…"), self.open_sample_dialog,
            tip=self.tr("Copy the bilingual sample course into a folder you choose and open it"),
        )  # fmt: skip
        self.save_action = self._action(self.tr("&Save"), self.save, key.Save)
        self.import_action = self._action(
            self.tr("&Import Files…"), self.import_dialog, "Ctrl+I",
            tip=self.tr("Add slides (.pptx, .odp, PDF), markdown pages or videos to the course"),
        )  # fmt: skip
        self.quit_action = self._action(self.tr("&Quit"), self.close, key.Quit)
        self.delete_action = self._action(self.tr("&Delete"), self.delete_selected, key.Delete)
        self.rename_action = self._action(self.tr("&Rename"), self.rename_selected, "F2")
        self.add_module_action = self._action(self.tr("Add &Module"), self.add_module)
        self.add_quiz_action = self._action(
            self.tr("&Quiz"), self.add_quiz,
            tip=self.tr("Add an empty quiz to the selected module and edit it"),
        )  # fmt: skip
        self.import_gift_action = self._action(
            self.tr("Quiz from a &GIFT File…"), self.import_gift_dialog,
            tip=self.tr("Import the questions of a GIFT file (Moodle's text format) as a quiz"),
        )  # fmt: skip
        self.grading_action = self._action(
            self.tr("Course &Grading…"), self.edit_grading,
            tip=self.tr("Which quizzes make the course grade, their weights, the pass mark"),
        )  # fmt: skip
        self.preferences_action = self._action(
            self.tr("&Preferences…"), self.preferences, QKeySequence.StandardKey.Preferences
        )
        self.renditions_action = self._action(
            self.tr("Generate &Renditions"), lambda: self.make_media(subtitles=False),
            tip=self.tr("Make the 360p/540p/720p MP4 ladder and posters for every video"),
        )  # fmt: skip
        self.subtitles_action = self._action(
            self.tr("Generate &Subtitle Placeholders"), lambda: self.make_media(subtitles=True),
            tip=self.tr("Make WebVTT/SRT cues timed on the speech, to be written or corrected"),
        )  # fmt: skip
        self.batch_action = self._action(
            self.tr("&Batch Transcode…"), self.batch_transcode, "Ctrl+T",
            tip=self.tr("Convert any video files for the web: the MP4 ladder, with a queue"),
        )  # fmt: skip
        self.preview_action = self._action(
            self.tr("&Preview"), self.toggle_preview, "Ctrl+Shift+P",
            tip=self.tr("Show the selected item as learners get it, on a phone, tablet or desktop"),
        )  # fmt: skip
        self.preview_action.setCheckable(True)
        self.refresh_preview_action = self._action(
            self.tr("Re&fresh Preview"), self.refresh_preview, "F5",
            tip=self.tr("Build the whole preview again"),
        )  # fmt: skip
        self.about_action = self._action(self.tr("&About moocstudio"), self.about)
        self.guide_action = self._action(self.tr("User &Guide"), self.user_guide, key.HelpContents)
        self.document_actions = [
            self.save_action, self.import_action, self.delete_action, self.rename_action,
            self.add_module_action, self.renditions_action, self.subtitles_action,
            self.add_quiz_action, self.import_gift_action, self.grading_action,
        ]  # fmt: skip

    def _make_menus(self) -> None:
        menus = self.menuBar()
        self.file_menu = menus.addMenu(self.tr("&File"))
        self.file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = self.file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addAction(self.sample_action)
        self.file_menu.addAction(self.save_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.export_menu = self.file_menu.addMenu(self.tr("&Export"))
        for fmt in FORMATS.values():
            action = self.export_menu.addAction(
                f"{fmt.name} — {format_summary(fmt.name, fmt.summary)}"
            )
            action.triggered.connect(lambda _checked=False, name=fmt.name: self.export((name,)))
            self.document_actions.append(action)
        self.export_menu.addSeparator()
        all_formats = self.export_menu.addAction(self.tr("&All Formats…"))
        all_formats.triggered.connect(lambda: self.export(tuple(FORMATS)))
        self.document_actions.append(all_formats)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = menus.addMenu(self.tr("&Edit"))
        self.undo_placeholder = self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.rename_action, self.delete_action, self.add_module_action])
        self.add_menu = self.edit_menu.addMenu(self.tr("&Add"))
        self.add_menu.addActions([self.add_quiz_action, self.import_gift_action])
        self.edit_menu.addAction(self.grading_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        self.media_menu = menus.addMenu(self.tr("&Media"))
        self.media_menu.addActions([self.renditions_action, self.subtitles_action])
        self.media_menu.addSeparator()
        self.media_menu.addAction(self.batch_action)
        self.view_menu = menus.addMenu(self.tr("&View"))
        for dock in (self.outline_dock, self.properties_dock, self.jobs_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.preview_action, self.refresh_preview_action])
        self.help_menu = menus.addMenu(self.tr("&Help"))
        self.help_menu.addActions([self.guide_action, self.about_action])
        self._enable_document_actions()

    def _enable_document_actions(self) -> None:
        for action in self.document_actions:
            action.setEnabled(self.document is not None)

    # --- the open course ---------------------------------------------------------------------

    def set_document(self, document: CourseDocument) -> None:
        """Show ``document`` in this window."""
        self.document = document
        stack = document.undo_stack
        for action in getattr(self, "_undo_actions", []):
            self.edit_menu.removeAction(action)
        undo = stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.insertActions(self.undo_placeholder, [undo, redo])
        self._undo_actions = [undo, redo]
        model = OutlineModel(document)
        model.files_dropped.connect(self.import_files)
        self.outline = OutlineView(model, self.outline_dock)
        self.outline.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.outline_dock.setWidget(self.outline)
        # Delete and F2 act on the outline only: elsewhere those keys edit text, cues, slides.
        for action in (self.delete_action, self.rename_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.outline.addAction(action)
        self.properties = PropertiesPanel(document, self.properties_dock)
        self.properties_dock.setWidget(self.properties)
        self.outline_dock.show()
        self.properties_dock.show()
        document.dirty_changed.connect(lambda _dirty: self._update_title())
        document.structure_changed.connect(self._drop_stale_editors)
        document.show_requested.connect(self.outline.select_id)
        self._editors: dict[str, QWidget] = {}
        self.autosaver = Autosaver(document)
        self._enable_document_actions()
        self._update_title()
        self._remember_recent(document.folder)
        self._show_selected()
        self.document_changed.emit()

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle("moocstudio")
            return
        self.setWindowTitle(f"{self.document.course.title} — moocstudio [*]")
        self.setWindowModified(self.document.dirty)

    def selected_item_id(self) -> str | None:
        """The id of the item selected in the outline (None for a module or no selection)."""
        if self.outline is None:
            return None
        index = self.outline.currentIndex()
        if index.sibling(index.row(), 0).data(KIND_ROLE) == "module":
            return None
        return self.outline.current_id()

    def _show_selected(self) -> None:
        assert self.document is not None and self.outline is not None
        ident = self.selected_item_id()
        if self.preview_dock is not None:
            self.preview_dock.show_item(ident)
        if ident is None:
            self.properties.show_course()
            self.editors.setCurrentWidget(self.welcome)
            return
        self.properties.show_item(ident)
        editor = self._editors.get(ident)
        if editor is None:
            editor = make_editor(self.document, ident, self.jobs, self.editors)
            self._editors[ident] = editor
            self.editors.addWidget(editor)
        self.editors.setCurrentWidget(editor)

    def editor_for(self, item_id: str) -> QWidget | None:
        """The editor made for ``item_id`` (once it has been shown), else None."""
        return self._editors.get(item_id) if self.document is not None else None

    def _drop_stale_editors(self) -> None:
        assert self.document is not None
        present = {item.id for item in self.document.course.all_items()}
        for ident in [i for i in self._editors if i not in present]:
            editor = self._editors.pop(ident)
            self.editors.removeWidget(editor)
            editor.deleteLater()

    def selected_module_title(self) -> str:
        """The module imports go to: the selected one (or the selected item's), else the last."""
        assert self.document is not None and self.outline is not None
        ident = self.outline.current_id()
        for module in self.document.course.modules:
            if module.id == ident or any(item.id == ident for item in module.items):
                return module.title
        if self.document.course.modules:
            return self.document.course.modules[-1].title
        return self.tr("Module 1")

    # --- File --------------------------------------------------------------------------------

    def new_course(self) -> None:
        """Ask for a folder and a title, and make a new course there."""
        from moocstudio.app.new_course import NewCourseDialog

        dialog = NewCourseDialog(self)
        if dialog.exec():
            try:
                document = CourseDocument.create(dialog.folder(), dialog.course(), self)
            except MoocstudioError as exc:
                self.show_error(self.tr("Cannot create the course"), exc.user_message)
                return
            self.set_document(document)

    def open_course_dialog(self) -> None:
        """Ask for a course folder and open it."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a course folder"))
        if folder:
            self.open_course(Path(folder))

    def open_sample_dialog(self) -> None:
        """Ask where to put a copy of the sample course, then build and open it there."""
        parent = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder for the sample course")
        )
        if parent:
            self.open_sample(Path(parent))

    def open_sample(self, parent: Path) -> None:
        """Build the sample course in a new folder inside ``parent``, then open it."""
        from moocstudio.sample import build_sample_course

        target = free_folder(Path(parent) / SAMPLE_FOLDER)

        def job(context: object) -> object:
            return build_sample_course(target)

        record = self.jobs.submit(
            self.tr("Copy the sample course"),
            job,
            kind="import",
            on_success=lambda _built: self._open_built(target),
        )
        record.failed.connect(
            lambda message: self.show_error(self.tr("Cannot copy the sample course"), message)
        )
        self.statusBar().showMessage(
            self.tr("Copying the sample course into %1…").replace("%1", str(target)), 8000
        )

    def _open_built(self, folder: Path) -> None:
        self.open_course(folder)

    def open_course(self, folder: Path) -> bool:
        """Open the course in ``folder`` here; say why in plain words if it cannot be opened."""
        if not self.maybe_save():
            return False
        try:
            document = CourseDocument.open(folder, self)
        except MoocstudioError as exc:
            self.show_error(self.tr("Cannot open the course"), exc.user_message)
            return False
        self.set_document(document)
        self._offer_restore(document)
        return True

    def _offer_restore(self, document: CourseDocument) -> None:
        """After a crash, offer the autosaved changes (they stay unsaved until File ▸ Save)."""
        restored = pending_autosave(document.folder)
        if restored is None or restored == document.course:
            discard_autosave(document.folder)
            return
        if not self.ask_restore(document.course.title):
            discard_autosave(document.folder)
            return
        fields = {name: getattr(restored, name) for name in type(restored).model_fields}
        document.push(SetFields(document, Target("course"), fields, self.tr("Restore autosave")))
        document.structure_changed.emit()

    def ask_restore(self, title: str) -> bool:
        """Ask whether to restore the autosave of the course called ``title``."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("Restore unsaved changes?"),
            self.tr(
                "moocstudio did not close normally while “%1” had unsaved changes. Restore the "
                "changes autosaved then? (They stay unsaved until you save.)"
            ).replace("%1", title),
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        return answer == buttons.Yes

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for folder in recent_courses():
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _checked=False, f=folder: self.open_course(Path(f)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("No recent courses")).setEnabled(False)

    def _remember_recent(self, folder: Path) -> None:
        settings = QSettings()
        entries = [str(folder.absolute())] + [
            f for f in recent_courses() if f != str(folder.absolute())
        ]
        settings.setValue(RECENT_KEY, entries[:RECENT_LIMIT])

    def save(self) -> bool:
        """Save the course; on failure the previous course.json is intact and the user is told."""
        if self.document is None:
            return True
        self.commit_pending_edits()
        try:
            self.document.save()
        except MoocstudioError as exc:
            self.show_error(self.tr("The course was not saved"), exc.user_message)
            return False
        self.statusBar().showMessage(self.tr("Saved"), 3000)
        return True

    def commit_pending_edits(self) -> None:
        """Editors commit text still being typed (a page, notes, cues) before a save or a close."""
        for editor in getattr(self, "_editors", {}).values():
            commit = getattr(editor, "commit_pending", None)
            if commit is not None:
                commit()

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; False when the user cancels."""
        self.commit_pending_edits()
        if self.document is None or not self.document.dirty:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to “%1” before closing?").replace(
                "%1", self.document.course.title
            ),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        if answer == buttons.Discard:
            discard_autosave(self.document.folder)
            return True
        return False

    def _job_added(self, record: JobRecord) -> None:
        if record.kind not in BACKGROUND_JOB_KINDS:
            self.jobs_dock.show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """On first show, give the editor the room: outline wide enough for titles, jobs short."""
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
            self.resizeDocks([self.outline_dock, self.properties_dock], [330, 330], horizontal)
            self.resizeDocks([self.jobs_dock], [110], vertical)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Ask about unsaved changes, then stop every job cleanly."""
        if not self.maybe_save():
            event.ignore()
            return
        self.jobs.shutdown()
        event.accept()

    # --- Import ------------------------------------------------------------------------------

    def import_dialog(self) -> None:
        """Pick files to import into the selected module."""
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import files"), "", self._import_filter()
        )
        if files:
            self.import_files([Path(f) for f in files], "")

    def _import_filter(self) -> str:
        # Names translated, patterns from the importers' own list (one place to add a format).
        from moocstudio.importers.sniff import IMPORT_SUFFIXES

        groups = [
            (self.tr("Slides"), IMPORT_SUFFIXES["slides"]),
            (self.tr("Markdown pages"), IMPORT_SUFFIXES["page"]),
            (self.tr("GIFT quizzes"), IMPORT_SUFFIXES["quiz"]),
            (self.tr("Video and audio"), IMPORT_SUFFIXES["video"]),
        ]
        every = tuple(suffix for _name, suffixes in groups for suffix in suffixes)
        groups.insert(0, (self.tr("Course material"), every))
        lines = [f"{name} ({' '.join('*' + s for s in suffixes)})" for name, suffixes in groups]
        return ";;".join([*lines, self.tr("All files (*)")])

    def import_files(self, paths: list[Path], module_id: str, kind: ItemKind | None = None) -> None:
        """Import ``paths`` off the GUI thread, each into the module (or the selected one).

        ``kind`` ("quiz", say) reads every file as that kind instead of telling by its content.
        """
        assert self.document is not None
        document = self.document
        module_title = self.selected_module_title()
        if module_id:
            module_title = document.find_module(module_id)[1].title
        from moocstudio.importers.dispatch import import_file

        for path in paths:

            def job(context: object, path: Path = path) -> object:
                return import_file(document.folder, path, kind=kind)

            def added(result: object, path: Path = path) -> None:
                items = result.items  # type: ignore[attr-defined]  # a page's quizzes follow it
                document.push(InsertItems(document, items, module_title, self.tr("Import")))
                for warning in result.warnings:  # type: ignore[attr-defined]
                    self.statusBar().showMessage(f"{path.name}: {warning}", 8000)

            record = self.jobs.submit(
                self.tr("Import %1").replace("%1", path.name), job, kind="import", on_success=added
            )
            record.failed.connect(
                lambda message: self.show_error(self.tr("Import failed"), message)
            )

    # --- Edit --------------------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Delete the selected item or module (undoable)."""
        if self.document is None or self.outline is None:
            return
        ident = self.outline.current_id()
        if ident is None:
            return
        index = self.outline.currentIndex()
        if index.sibling(index.row(), 0).data(KIND_ROLE) == "module":
            self.document.push(RemoveModule(self.document, ident))
        else:
            self.document.push(RemoveItem(self.document, ident))

    def rename_selected(self) -> None:
        """Start renaming the selected row in place."""
        if self.outline is not None and self.outline.currentIndex().isValid():
            index = self.outline.currentIndex()
            self.outline.edit(index.sibling(index.row(), 0))

    def add_module(self) -> None:
        """Add a module at the end of the course."""
        if self.document is not None:
            number = len(self.document.course.modules) + 1
            self.document.push(
                AddModule(self.document, self.tr("Module %1").replace("%1", str(number)))
            )

    def add_quiz(self) -> None:
        """Add an empty quiz to the selected module (undoable) and select it for editing."""
        if self.document is None or self.outline is None:
            return
        quiz = Quiz(id=new_id("quiz"), title=self.tr("Quiz"))
        module = self.selected_module_title()
        self.document.push(InsertItems(self.document, [quiz], module, self.tr("Add quiz")))
        self.outline.select_id(quiz.id)

    def import_gift_dialog(self) -> None:
        """Pick GIFT files and import each as a quiz into the selected module."""
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import GIFT quiz files"),
            "",
            self.tr("GIFT quiz files (*.gift *.txt);;All files (*)"),
        )
        if files:
            # Moodle exports GIFT as .txt: picked here, a file is read as GIFT whatever it holds.
            self.import_files([Path(f) for f in files], "", kind="quiz")

    def edit_grading(self) -> None:
        """Open the course's grading policy (one undo step when changed)."""
        from moocstudio.app.grading_dialog import GradingDialog

        if self.document is not None:
            GradingDialog(self.document, self).exec()

    # --- Media -------------------------------------------------------------------------------

    def make_media(self, *, subtitles: bool) -> None:
        """Make renditions and posters (or subtitle drafts) for every video, off the GUI thread."""
        from moocstudio.app.editors.media_jobs import submit_video_media
        from moocstudio.media.course_media import MediaSettings

        if self.document is None:
            return
        settings = MediaSettings(posters=not subtitles, subtitles=subtitles)
        videos = [item for item in self.document.course.all_items() if isinstance(item, Video)]
        if not videos:
            self.statusBar().showMessage(self.tr("No videos in this course."), 5000)
            return
        kind = self.tr("subtitles") if subtitles else self.tr("renditions")
        for video in videos:
            try:
                record = submit_video_media(
                    self.document, self.jobs, video, settings,
                    name=f"{video.title}: {kind}", command_text=self.tr("Generate media"),
                )  # fmt: skip
            except JobConflict:
                busy = self.tr("%1 is already being worked on.").replace("%1", video.title)
                self.statusBar().showMessage(busy, 5000)
                continue
            record.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))

    def export(self, formats: tuple[str, ...]) -> None:
        """Open the Export dialog with ``formats`` ticked."""
        from moocstudio.app.export_dialog import ExportDialog

        if self.document is None:
            return
        dialog = ExportDialog(self.document, self.jobs, formats, self)
        dialog.setModal(False)
        dialog.show()
        self.export_dialog = dialog

    # --- View --------------------------------------------------------------------------------

    def toggle_preview(self, visible: bool = True) -> None:
        """Show or hide the Preview dock; Qt WebEngine loads the first time it is shown."""
        if self.preview_dock is None:
            if not visible:
                return
            from moocstudio.app.preview.dock import PreviewDock

            self.preview_dock = PreviewDock(self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
            self.tabifyDockWidget(self.properties_dock, self.preview_dock)
            self.preview_dock.visibilityChanged.connect(self._preview_visibility)
            self.preview_dock.setVisible(True)
            self.preview_dock.raise_()
            # Wide enough for the desktop frame at Qt WebEngine's smallest zoom (a quarter).
            self.resizeDocks([self.preview_dock], [PREVIEW_DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.preview_dock.setVisible(visible)
        if visible:
            self.preview_dock.raise_()

    def _preview_visibility(self, _visible: bool) -> None:
        # Tabbed behind Properties, the dock is "not visible" yet still open: ask it.
        assert self.preview_dock is not None
        self.preview_action.setChecked(not self.preview_dock.isHidden())

    def refresh_preview(self) -> None:
        """Show the preview, built again from the whole course (F5)."""
        if self.preview_dock is None or self.preview_dock.isHidden():
            self.toggle_preview(True)
        else:
            self.preview_dock.raise_()
        assert self.preview_dock is not None
        self.preview_dock.refresh()

    def preferences(self) -> None:
        """Open the Preferences dialog."""
        from moocstudio.app.preferences import PreferencesDialog

        if PreferencesDialog(self).exec():
            self.jobs.use_cluster(cluster_address())

    def batch_transcode(self) -> None:
        """Open the Batch Transcode dialog (it needs no course)."""
        # Imported on first use: it brings the media pipeline (PyAV), which start-up does not need.
        from moocstudio.app.batch_dialog import BatchTranscodeDialog

        if self.batch_dialog is None:
            self.batch_dialog = BatchTranscodeDialog(self.jobs, self)
        self.batch_dialog.show()
        self.batch_dialog.raise_()

    # --- Help --------------------------------------------------------------------------------

    def about(self) -> None:
        """Version and build, purpose, licence, and where the user's files are."""
        from moocstudio.app.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def user_guide(self) -> None:
        """Open the user guide that ships with moocstudio, in the browser."""
        from moocstudio.resources import resource_path

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(resource_path("guide", "index.html"))))

    def show_error(self, title: str, message: str) -> None:
        """A plain-words error, never a traceback."""
        QMessageBox.warning(self, title, message)


SAMPLE_FOLDER = "moocstudio-sample"


def free_folder(wanted: Path) -> Path:
    """``wanted``, or ``wanted 2``, ``wanted 3``… : the first name not taken yet."""
    candidate, number = wanted, 1
    while candidate.exists():
        number += 1
        candidate = wanted.with_name(f"{wanted.name} {number}")
    return candidate


def recent_courses() -> list[str]:
    """Recently opened course folders that still exist, newest first."""
    value = QSettings().value(RECENT_KEY, [])
    # QSettings hands back a str for a one-entry list on some platforms.
    entries = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [entry for entry in entries if Path(entry, "course.json").is_file()]
