"""The course outline: modules holding items, with drag and drop, rename in place and badges.

The Qt model is rebuilt from the course whenever the structure changes (a course has at most a
few hundred rows, so this takes well under a millisecond per row) and every edit made through it
(rename, move, drop of files) becomes an undoable command on the document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from moocstudio.app.commands import MoveItem, MoveModule, rename_item, rename_module
from moocstudio.app.document import CourseDocument
from moocstudio.app.i18n import translate
from moocstudio.app.icons import kind_icon
from moocstudio.model import Item, Page, Quiz, SlideDeck, Video
from moocstudio.model.media_info import format_duration

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
OUTLINE_MIME = "application/x-moocstudio-outline"
Index = QModelIndex | QPersistentModelIndex


def item_length(item: Item) -> str:
    """Duration of a video, slide count of a deck, question count of a quiz, nothing for a page."""
    if isinstance(item, Video):
        return format_duration(item.duration)
    if isinstance(item, SlideDeck):
        # A plain name as the count: lupdate misses the message when the count is a call.
        count = len(item.visible_slides)
        return QCoreApplication.translate("OutlineModel", "%n slide(s)", None, count)
    if isinstance(item, Quiz):
        questions = len(item.questions)
        return QCoreApplication.translate("OutlineModel", "%n question(s)", None, questions)
    return ""


def item_badges(item: Item) -> str:
    """What the media pipeline made for a video: renditions and subtitle languages."""
    if not isinstance(item, Video):
        return ""
    parts = []
    if item.renditions:
        # The top rung only: the outline stays narrow; the tooltip and the editor list them all.
        parts.append(max(item.renditions, key=lambda r: r.height).label)
    else:
        parts.append(translate("OutlineModel", "no renditions"))
    for track in item.subtitles:
        parts.append(f"CC {track.language}" + ("" if track.status == "final" else "*"))
    return " · ".join(parts)


class OutlineModel(QStandardItemModel):
    """Modules and items of a course as a two-column tree (title, details)."""

    files_dropped = Signal(list, str)
    """Files dropped from the desktop: their paths and the module they were dropped on."""
    rebuilt = Signal()
    """The rows were made again from the course (views restore their selection)."""

    def __init__(self, document: CourseDocument) -> None:
        super().__init__()
        self.document = document
        self.rebuild()
        document.structure_changed.connect(self.rebuild)
        document.item_changed.connect(lambda _id: self.rebuild())

    def rebuild(self) -> None:
        """Fill the model from the course."""
        self.clear()
        self.setHorizontalHeaderLabels([self.tr("Outline"), self.tr("Details")])
        for module in self.document.course.modules:
            row = self._row(module.id, "module", module.title, kind_icon("module"))
            count = len(module.items)
            details = QCoreApplication.translate("OutlineModel", "%n item(s)", None, count)
            row[1].setText(details)
            for item in module.items:
                child = self._row(item.id, item.kind, item.title, kind_icon(item.kind))
                child[1].setText(" · ".join(p for p in (item_length(item), item_badges(item)) if p))
                child[0].setToolTip(f"{_kind_name(item)}: {item.title}")
                child[1].setToolTip(_details_tip(item))
                row[0].appendRow(child)
            self.appendRow(row)
        self.rebuilt.emit()

    def _row(self, ident: str, kind: str, title: str, icon: QIcon) -> list[QStandardItem]:
        title_cell = QStandardItem(icon, title)
        title_cell.setData(ident, ID_ROLE)
        title_cell.setData(kind, KIND_ROLE)
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        if kind == "module":
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        title_cell.setFlags(flags)
        details = QStandardItem()
        details.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return [title_cell, details]

    # --- edits become commands ---------------------------------------------------------------

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Rename in place: the new title goes through the undo stack."""
        if role != Qt.ItemDataRole.EditRole or index.column() != 0:
            return super().setData(index, value, role)
        title = str(value).strip()
        if not title or title == index.data():
            return False
        ident, kind = index.data(ID_ROLE), index.data(KIND_ROLE)
        make = rename_module if kind == "module" else rename_item
        self.document.push(make(self.document, ident, title))
        return True

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        """Items and modules move; files from the desktop are copied in."""
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        """Our own rows, and files from the desktop."""
        return [OUTLINE_MIME, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        """The dragged rows, by id and kind."""
        rows = [
            {"id": index.data(ID_ROLE), "kind": index.data(KIND_ROLE)}
            for index in indexes
            if index.column() == 0
        ]
        data = QMimeData()
        data.setData(OUTLINE_MIME, QByteArray(json.dumps(rows).encode("utf-8")))
        return data

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Items drop into modules; modules drop between modules; files drop anywhere."""
        if data.hasUrls():
            return any(url.isLocalFile() for url in data.urls())
        if not data.hasFormat(OUTLINE_MIME):
            return False
        kinds = {row["kind"] for row in json.loads(bytes(data.data(OUTLINE_MIME).data()))}
        if kinds == {"module"}:
            return not parent.isValid()
        return "module" not in kinds and parent.isValid()

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Turn a drop into commands; False so the view never removes the dragged rows itself."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        module_index = parent if parent.isValid() else QModelIndex()
        if data.hasUrls():
            paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
            module_id = module_index.data(ID_ROLE) if module_index.isValid() else ""
            self.files_dropped.emit(paths, module_id or "")
            return False
        rows = json.loads(bytes(data.data(OUTLINE_MIME).data()))
        stack = self.document.undo_stack
        stack.beginMacro(self.tr("Move"))
        try:
            for offset, dragged in enumerate(rows):
                if dragged["kind"] == "module":
                    position = row if row >= 0 else self.rowCount()
                    self.document.push(MoveModule(self.document, dragged["id"], position + offset))
                else:
                    module_id = module_index.data(ID_ROLE)
                    count = self.itemFromIndex(module_index).rowCount()
                    position = row if row >= 0 else count
                    command = MoveItem(self.document, dragged["id"], module_id, position + offset)
                    self.document.push(command)
        finally:
            stack.endMacro()
        return False


def _details_tip(item: Item) -> str:
    if not isinstance(item, Video):
        return item_length(item)
    lines = [item_length(item)]
    lines += [f"{r.label}: {r.width}×{r.height}" for r in item.renditions]
    lines += [f"{t.language}: {t.status}" for t in item.subtitles]
    return "\n".join(lines)


def _kind_name(item: Item) -> str:
    if isinstance(item, Page):
        return translate("OutlineModel", "Page")
    if isinstance(item, SlideDeck):
        return translate("OutlineModel", "Slide deck")
    if isinstance(item, Quiz):
        return translate("OutlineModel", "Quiz")
    return translate("OutlineModel", "Video")


class OutlineView(QTreeView):
    """The outline tree: drag to reorder, F2 or double-click to rename, files dropped import."""

    def __init__(self, model: OutlineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(self.tr("Course outline"))
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self._size_columns()
        self._keep: str | None = None
        model.modelAboutToBeReset.connect(self._remember)
        model.rebuilt.connect(self._restore)
        self.expandAll()

    def _remember(self) -> None:
        self._keep = self.current_id()

    def _size_columns(self) -> None:
        # Titles take the room, details their own width. Per column: a rebuild clears the
        # model's columns, and the header forgets these with them.
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _restore(self) -> None:
        self._size_columns()
        self.expandAll()
        if self._keep is not None:
            self.select_id(self._keep)

    def current_id(self) -> str | None:
        """Id of the selected module or item."""
        index = self.currentIndex()
        return index.sibling(index.row(), 0).data(ID_ROLE) if index.isValid() else None

    def select_id(self, ident: str) -> None:
        """Select the row of a module or item."""
        model = self.model()
        for row in range(model.rowCount()):
            module = model.index(row, 0)
            if module.data(ID_ROLE) == ident:
                self.setCurrentIndex(module)
                return
            for child_row in range(model.rowCount(module)):
                child = model.index(child_row, 0, module)
                if child.data(ID_ROLE) == ident:
                    self.setCurrentIndex(child)
                    return
