"""What every item editor shares: its item found by id, and a call when that item changes."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

from moocstudio.app.document import CourseDocument

ItemKind = TypeVar("ItemKind")


class ItemWidget(QWidget):
    """A widget showing one item of the document, by id (it survives undo replacing the item)."""

    def __init__(
        self, document: CourseDocument, item_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.item_id = item_id

    def follow_item(self) -> None:
        """From now on, call ``_on_item_changed`` when the item changes.

        Also when the whole course is replaced (an autosave restored), which names no item.
        """
        self.document.item_changed.connect(self._on_item_changed)
        self.document.course_changed.connect(self._on_course_changed)

    def item_as(self, kind: type[ItemKind]) -> ItemKind:
        """The item as the course holds it now (``KeyError`` once it was removed)."""
        item = self.document.find_item(self.item_id)[2]
        if not isinstance(item, kind):
            raise TypeError(f"{self.item_id} is a {type(item).__name__}, not a {kind.__name__}")
        return item

    def _on_course_changed(self) -> None:
        self._on_item_changed(self.item_id)

    def _on_item_changed(self, item_id: str) -> None:
        """Show the item again when it changed; editors override this."""
