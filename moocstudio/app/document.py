"""The open course: its folder, the course model, its undo stack and whether it is saved.

Every edit goes through ``push`` as a ``QUndoCommand`` (see ``commands.py``), so undo covers all
of them and "unsaved changes" is simply "the undo stack is not at its clean index".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from moocstudio.model import Course, Item, Module
from moocstudio.model.store import create_course, load_course, save_course


class CourseDocument(QObject):
    """One course open in the app.

    Signals:
        structure_changed: Modules or items were added, removed, moved or renamed.
        item_changed: The item with this id changed (title, licence, notes, cues...).
        course_changed: The course's own properties changed.
        dirty_changed: There are (True) or are no longer (False) unsaved changes.
        saved: The course was written to disk.
        show_requested: Something asked to show the item with this id (a link in the preview).
    """

    structure_changed = Signal()
    item_changed = Signal(str)
    course_changed = Signal()
    dirty_changed = Signal(bool)
    saved = Signal()
    show_requested = Signal(str)

    def __init__(self, folder: Path, course: Course, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.course = course
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        # A bound method, not a lambda: Qt disconnects it when the document goes away.
        self.dirty_changed.emit(not clean)

    @classmethod
    def open(cls, folder: Path, parent: QObject | None = None) -> CourseDocument:
        """Load the course in ``folder``.

        Raises:
            CourseFileError: course.json is missing, unreadable or invalid.
        """
        return cls(folder, load_course(folder), parent)

    @classmethod
    def create(cls, folder: Path, course: Course, parent: QObject | None = None) -> CourseDocument:
        """Make a new course folder holding ``course``."""
        create_course(folder, course)
        return cls(folder, course, parent)

    @property
    def dirty(self) -> bool:
        """True when there are edits not yet saved."""
        return not self.undo_stack.isClean()

    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` and put it on the undo stack."""
        self.undo_stack.push(command)

    def save(self) -> None:
        """Write course.json atomically; the previous file stays whole if this fails.

        Raises:
            CourseFileError: The file could not be written (the message says why).
        """
        save_course(self.folder, self.course)
        self.undo_stack.setClean()
        self.saved.emit()

    def find_item(self, item_id: str) -> tuple[Module, int, Item]:
        """The module holding the item, its position there, and the item.

        Raises:
            KeyError: No item has this id.
        """
        for module in self.course.modules:
            for index, item in enumerate(module.items):
                if item.id == item_id:
                    return module, index, item
        raise KeyError(item_id)

    def find_module(self, module_id: str) -> tuple[int, Module]:
        """The module's position and the module.

        Raises:
            KeyError: No module has this id.
        """
        for index, module in enumerate(self.course.modules):
            if module.id == module_id:
                return index, module
        raise KeyError(module_id)
