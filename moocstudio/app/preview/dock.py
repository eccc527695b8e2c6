"""The window's Preview dock: the selected item as learners get it, beside the outline.

Made the first time View ▸ Preview is chosen (that is when Qt WebEngine loads). It follows the
outline's selection (a module or no selection shows the home page), a link in the page selects
its item in the outline (see ``PreviewPane``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel

from moocstudio.app.document import CourseDocument
from moocstudio.app.preview.pane import PreviewPane
from moocstudio.app.preview.site import PreviewSite

if TYPE_CHECKING:
    from moocstudio.app.window import MainWindow


class PreviewDock(QDockWidget):
    """The Preview dock of one window; it shows the window's course, whichever is open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("preview_dock")
        self.setWindowTitle(self.tr("Preview"))
        self.pane: PreviewPane | None = None
        self.empty = QLabel(self.tr("Open a course to preview it."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.setWidget(self.empty)
        window.document_changed.connect(self._document_changed)
        if window.document is not None:
            self._document_changed()

    def _document_changed(self) -> None:
        document = self.window_.document
        if document is None:
            return
        if self.pane is not None and self.pane.site.document is document:
            return
        self.set_document(document)

    def set_document(self, document: CourseDocument) -> None:
        """Preview ``document`` from now on."""
        old = self.pane
        self.pane = PreviewPane(PreviewSite.of(document), self)
        self.setWidget(self.pane)
        if old is not None:
            old.deleteLater()
        self.show_item(self.window_.selected_item_id())

    def show_item(self, item_id: str | None) -> None:
        """Show the item's page (the home page for None), if the dock is in use."""
        if self.pane is not None and self.isVisible():
            self.pane.show_item(item_id)

    def refresh(self) -> None:
        """Build the whole preview again (F5)."""
        if self.pane is not None:
            self.pane.refresh()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        """Catch up with the selection made while the dock was hidden."""
        super().showEvent(event)  # type: ignore[arg-type]
        selected = self.window_.selected_item_id()
        view = self.pane.view if self.pane is not None else None
        if view is not None and (view.url().isEmpty() or view.item_id != selected):
            view.show_item(selected)
