"""Every edit of the course as an undoable command.

Commands find their targets by id each time they run, never by a kept Python reference, so an
undo after other edits still reaches the right module or item. Values are deep-copied in and out
so an undo restores exactly what was there.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from PySide6.QtGui import QUndoCommand
from shiboken6 import isValid

from moocstudio.app.document import CourseDocument
from moocstudio.app.i18n import translate
from moocstudio.media.cues import Cue
from moocstudio.model import Item, Module


@dataclass(frozen=True)
class Target:
    """What a field edit changes: the course, a module or an item, by id."""

    kind: Literal["course", "module", "item"]
    id: str = ""

    def resolve(self, document: CourseDocument) -> Any:
        """The model object this target names."""
        if self.kind == "course":
            return document.course
        if self.kind == "module":
            return document.find_module(self.id)[1]
        return document.find_item(self.id)[2]

    def announce(self, document: CourseDocument) -> None:
        """Tell the views that this target changed."""
        if self.kind == "item":
            document.item_changed.emit(self.id)
        elif self.kind == "module":
            document.structure_changed.emit()
        else:
            document.course_changed.emit()


class SetFields(QUndoCommand):
    """Set one or more fields of the course, a module or an item."""

    def __init__(
        self, document: CourseDocument, target: Target, changes: dict[str, Any], text: str
    ) -> None:
        super().__init__(text)
        self.document = document
        self.target = target
        self.after = deepcopy(changes)
        obj = target.resolve(document)
        self.before = {name: deepcopy(getattr(obj, name)) for name in changes}

    def _apply(self, values: dict[str, Any]) -> None:
        obj = self.target.resolve(self.document)
        for name, value in values.items():
            setattr(obj, name, deepcopy(value))
        self.target.announce(self.document)
        if "title" in values and self.target.kind == "item":
            self.document.structure_changed.emit()  # the outline shows titles

    def redo(self) -> None:  # noqa: D102 (Qt's)
        self._apply(self.after)

    def undo(self) -> None:  # noqa: D102
        self._apply(self.before)


def rename_item(document: CourseDocument, item_id: str, title: str) -> SetFields:
    """The command renaming an item."""
    return SetFields(
        document, Target("item", item_id), {"title": title}, translate("commands", "Rename")
    )


def rename_module(document: CourseDocument, module_id: str, title: str) -> SetFields:
    """The command renaming a module."""
    return SetFields(
        document, Target("module", module_id), {"title": title}, translate("commands", "Rename")
    )


class MoveItem(QUndoCommand):
    """Move an item to a position in a module (the same module or another)."""

    def __init__(self, document: CourseDocument, item_id: str, module_id: str, index: int) -> None:
        super().__init__(translate("commands", "Move"))
        self.document = document
        self.item_id = item_id
        source, self.old_index, _item = document.find_item(item_id)
        self.old_module = source.id
        self.new_module = module_id
        # Inserting below its own old place in the same module: the removal shifts the rest up.
        same = source.id == module_id and index > self.old_index
        self.new_index = index - 1 if same else index

    def _move(self, module_id: str, index: int) -> None:
        source, position, item = self.document.find_item(self.item_id)
        del source.items[position]
        target = self.document.find_module(module_id)[1]
        target.items.insert(min(index, len(target.items)), item)
        self.document.structure_changed.emit()

    def redo(self) -> None:  # noqa: D102
        self._move(self.new_module, self.new_index)

    def undo(self) -> None:  # noqa: D102
        self._move(self.old_module, self.old_index)


class InsertItems(QUndoCommand):
    """Add imported items at the end of a module, making the module if it does not exist."""

    def __init__(
        self, document: CourseDocument, items: list[Item], module_title: str, text: str = ""
    ) -> None:
        super().__init__(text or translate("commands", "Import"))
        self.document = document
        self.items = [deepcopy(item) for item in items]
        self.module_title = module_title
        self.made_module: str | None = None

    def redo(self) -> None:  # noqa: D102
        course = self.document.course
        existing = course.module_named(self.module_title)
        for item in self.items:
            module = course.add_item(deepcopy(item), self.module_title)
        if existing is None and self.items:
            self.made_module = module.id
        self.document.structure_changed.emit()

    def undo(self) -> None:  # noqa: D102
        ids = {item.id for item in self.items}
        for module in self.document.course.modules:
            module.items[:] = [item for item in module.items if item.id not in ids]
        if self.made_module is not None:
            index = self.document.find_module(self.made_module)[0]
            del self.document.course.modules[index]
        self.document.structure_changed.emit()


class RemoveItem(QUndoCommand):
    """Remove an item from the outline (its media stay in the course folder, for undo)."""

    def __init__(self, document: CourseDocument, item_id: str) -> None:
        super().__init__(translate("commands", "Delete"))
        self.document = document
        self.item_id = item_id
        module, self.index, item = document.find_item(item_id)
        self.module_id = module.id
        self.item = deepcopy(item)

    def redo(self) -> None:  # noqa: D102
        module, index, _item = self.document.find_item(self.item_id)
        del module.items[index]
        self.document.structure_changed.emit()

    def undo(self) -> None:  # noqa: D102
        module = self.document.find_module(self.module_id)[1]
        module.items.insert(self.index, deepcopy(self.item))
        self.document.structure_changed.emit()


class AddModule(QUndoCommand):
    """Add an empty module at a position."""

    def __init__(self, document: CourseDocument, title: str, index: int | None = None) -> None:
        super().__init__(translate("commands", "Add module"))
        self.document = document
        self.module = Module(title=title)
        self.index = len(document.course.modules) if index is None else index

    def redo(self) -> None:  # noqa: D102
        self.document.course.modules.insert(self.index, deepcopy(self.module))
        self.document.structure_changed.emit()

    def undo(self) -> None:  # noqa: D102
        index = self.document.find_module(self.module.id)[0]
        del self.document.course.modules[index]
        self.document.structure_changed.emit()


class RemoveModule(QUndoCommand):
    """Remove a module with its items."""

    def __init__(self, document: CourseDocument, module_id: str) -> None:
        super().__init__(translate("commands", "Delete"))
        self.document = document
        self.index, module = document.find_module(module_id)
        self.module = deepcopy(module)

    def redo(self) -> None:  # noqa: D102
        index = self.document.find_module(self.module.id)[0]
        del self.document.course.modules[index]
        self.document.structure_changed.emit()

    def undo(self) -> None:  # noqa: D102
        self.document.course.modules.insert(self.index, deepcopy(self.module))
        self.document.structure_changed.emit()


class MoveModule(QUndoCommand):
    """Move a module to another position in the course."""

    def __init__(self, document: CourseDocument, module_id: str, index: int) -> None:
        super().__init__(translate("commands", "Move"))
        self.document = document
        self.module_id = module_id
        self.old_index = document.find_module(module_id)[0]
        self.new_index = index - 1 if index > self.old_index else index

    def _move(self, index: int) -> None:
        modules = self.document.course.modules
        module = modules.pop(self.document.find_module(self.module_id)[0])
        modules.insert(min(index, len(modules)), module)
        self.document.structure_changed.emit()

    def redo(self) -> None:  # noqa: D102
        self._move(self.new_index)

    def undo(self) -> None:  # noqa: D102
        self._move(self.old_index)


def replace_item(document: CourseDocument, new: Item, text: str) -> SetFields:
    """The command that makes the item with ``new.id`` equal ``new`` (fields that differ only)."""
    old = document.find_item(new.id)[2]
    changes = {
        name: getattr(new, name)
        for name in type(new).model_fields
        if getattr(new, name) != getattr(old, name)
    }
    return SetFields(document, Target("item", new.id), changes, text)


class CueList(Protocol):
    """What a cue edit changes: the cue editor's working list of one track's cues."""

    track: str
    cues: list[Cue]

    def replace_cues(self, cues: list[Cue], row: int = -1) -> None:
        """Show ``cues`` and focus ``row``."""


class EditCues(QUndoCommand):
    """One edit of the cues being edited (set start, split, merge, a typed text…).

    The cues live in the editor until they are saved as files (then ``SetFields`` points the
    video at them), so this command changes the editor's working list. It keeps the whole list
    before and after: undo and redo restore it exactly. When the editor is gone (its video was
    removed) or shows another track, the step has nothing to change and does nothing.
    """

    def __init__(self, cue_list: CueList, cues: list[Cue], text: str, row: int) -> None:
        super().__init__(text)
        self.cue_list = cue_list
        self.track = cue_list.track
        self.before = list(cue_list.cues)
        self.after = list(cues)
        self.row = row

    def _apply(self, cues: list[Cue]) -> None:
        if isValid(self.cue_list) and self.cue_list.track == self.track:
            self.cue_list.replace_cues(cues, self.row)

    def redo(self) -> None:  # noqa: D102
        self._apply(self.after)

    def undo(self) -> None:  # noqa: D102
        self._apply(self.before)
