"""The page editor: markdown on the left, the HTML the course will show on the right.

The preview is rendered by the page importer's own function (``render_markdown``), so what the
author sees is what the export ships, warnings included. An edit is committed after a pause or
when the author leaves the text: the new markdown becomes a new content-hashed asset and one
undoable command points the page at it (the old file stays, so undo just points back) and sets
what the text decides: its front matter's fields and its instructor notes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from moocstudio.app.commands import SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.base import ItemWidget
from moocstudio.app.editors.page_preview import PREVIEW_STYLESHEET, preview_html
from moocstudio.app.editors.widgets import CommitTextEdit, monospace_font
from moocstudio.build.labels import labels_for
from moocstudio.build.page_content import inner_html, page_content
from moocstudio.errors import MoocstudioError
from moocstudio.importers.front_matter import FrontMatter
from moocstudio.importers.pages import RenderedMarkdown, page_fields, render_markdown
from moocstudio.model import Page
from moocstudio.model.store import add_asset_bytes, asset_path

PREVIEW_DELAY_MS = 300  # typing pauses shorter than this do not re-render
COMMIT_DELAY_MS = 1500  # a pause this long ends an edit: it becomes one undo step


class LocalPreview(QTextBrowser):
    """A read-only HTML view that loads images from the course folder only, never the network."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder.resolve()
        self.setOpenLinks(False)  # a click must not navigate away from the preview
        # The site's CSS is not available here: asides arrive as tables Qt can frame and tint
        # (see page_preview), with translucent colours over the palette's own.
        self.document().setDefaultStyleSheet(PREVIEW_STYLESHEET)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt's name)
        """An image of the course folder, scaled to the view's width; nothing else is loaded.

        A refused or missing image comes back as an empty picture, not None: with None the
        document would go on to try the name as a file path itself.
        """
        url = QUrl(url)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        if url.scheme() not in ("", "file") or not url.path():
            return QImage()
        path = (self.folder / (url.toLocalFile() or url.path())).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return QImage()
        image = QImage(str(path))
        width = max(100, self.viewport().width() - 24)
        if image.width() > width:  # QTextBrowser never shrinks images to fit
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image


class PageEditor(ItemWidget):
    """Edit a page's markdown with a live preview and the importer's warnings."""

    def __init__(
        self, document: CourseDocument, item_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(document, item_id, parent)
        self.editor = CommitTextEdit(self)
        self.editor.setFont(monospace_font())
        self.editor.setLineWrapMode(CommitTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setAccessibleName(self.tr("Page text (markdown)"))
        self.editor.setTabChangesFocus(True)
        self.preview = LocalPreview(document.folder, self)
        self.preview.setAccessibleName(self.tr("Page preview"))
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings.setAccessibleName(self.tr("Problems in the page"))
        self._layout()
        self._preview_timer = _single_shot(self, PREVIEW_DELAY_MS, self.update_preview)
        self._commit_timer = _single_shot(self, COMMIT_DELAY_MS, self.commit)
        self.editor.textChanged.connect(self._preview_timer.start)
        self.editor.textChanged.connect(self._commit_timer.start)
        self.editor.focus_lost.connect(self.commit)
        self.follow_item()
        self._committed_text = ""
        self._committed_metadata = FrontMatter()
        self.load()

    def _layout(self) -> None:
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview, 1)
        column.addWidget(self.warnings)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    @property
    def page(self) -> Page:
        """The page being edited, as the course holds it now."""
        return self.item_as(Page)

    def load(self) -> None:
        """Show the page's markdown as stored in the course (after an undo, for instance)."""
        try:
            text = asset_path(self.document.folder, self.page.source).read_text(
                encoding="utf-8-sig"
            )
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.editor.setReadOnly(True)  # editing it would make a page from a blank text
            self._show_warnings(
                [self.tr("The page's markdown file cannot be read (%1).").replace("%1", reason)]
            )
            return
        self.editor.setReadOnly(False)
        self._committed_text = text
        if self.editor.toPlainText() != text:
            self.editor.setPlainText(text)
        self._preview_timer.stop()
        self._commit_timer.stop()
        rendered = self.update_preview()
        self._committed_metadata = rendered.metadata if rendered else FrontMatter()

    def _render(self, text: str) -> RenderedMarkdown:
        page = self.page
        # The markdown is edited "at the course folder": media/... paths resolve there, and the
        # page's own images are found by their file name (see render_markdown).
        page_file = self.document.folder / page.source.original_name
        return render_markdown(
            text, folder=self.document.folder, page_file=page_file, known_images=page.images
        )

    def update_preview(self) -> RenderedMarkdown | None:
        """Render the markdown as the course will show it, with the importer's warnings.

        The preview is the site's page body (``page_content``): front-matter objectives and
        key points in their boxes, web images as links. The page's instructor notes follow
        it, marked as never shown to learners.
        """
        try:
            rendered = self._render(self.editor.toPlainText())
        except KeyError:
            return None  # the page was just removed; the window drops this editor
        edited = self.page.model_copy(
            update={"html": rendered.html, "images": rendered.images, **page_fields(rendered)}
        )
        body = page_content(
            edited,
            labels_for(self.document.course.language),
            image_url=lambda image: image.path,  # the preview loads them from the course folder
            page_url=lambda key, fragment: f"{key}{fragment}",
        )
        scroll = self.preview.verticalScrollBar().value()
        notes_label = self.tr("Instructor notes — not shown to learners")
        self.preview.setHtml(preview_html(inner_html(body), rendered.instructor_notes, notes_label))
        self.preview.verticalScrollBar().setValue(scroll)  # keep the reader's place
        self._show_warnings(rendered.warnings)
        return rendered

    def _show_warnings(self, warnings: list[str]) -> None:
        prefix = f"{self.document.folder}/"
        self.warnings.setText("\n".join(w.replace(prefix, "") for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def commit(self) -> None:
        """Make the edited markdown the page's source: one undoable step (nothing if unchanged)."""
        self._commit_timer.stop()
        text = self.editor.toPlainText()
        if text == self._committed_text or self.editor.isReadOnly():
            return
        try:
            page = self.page
        except KeyError:
            return  # the page was just removed (its last words go with it, undoably)
        try:
            rendered = self._render(text)
            source = add_asset_bytes(
                self.document.folder, text.encode("utf-8"), page.source.original_name
            )
        except MoocstudioError as exc:
            self._show_warnings([exc.user_message])
            return
        self._committed_text = text
        changes = {
            "source": source,
            "html": rendered.html,
            "images": rendered.images,
            **page_fields(rendered),
            **self._front_matter_edits(rendered.metadata),
        }
        self._committed_metadata = rendered.metadata
        self.document.push(
            SetFields(self.document, Target("item", self.item_id), changes, self.tr("Edit page"))
        )

    def _front_matter_edits(self, metadata: FrontMatter) -> dict[str, Any]:
        """Title and licence, when the author changed them in the front matter.

        Both can also be set in the app (outline, properties): an edit elsewhere in the text
        must not undo that choice, so only a changed front matter value is committed.
        """
        edits: dict[str, Any] = {}
        if metadata.title and metadata.title != self._committed_metadata.title:
            edits["title"] = metadata.title
        if metadata.licence != self._committed_metadata.licence:
            edits["licence"] = metadata.licence
        return edits

    def commit_pending(self) -> None:
        """Commit an edit still waiting for its pause (before the course is saved or closed)."""
        self.commit()

    def _on_item_changed(self, item_id: str) -> None:
        if item_id != self.item_id:
            return
        try:
            source = self.page.source
        except KeyError:
            return  # the page was removed; the window drops this editor
        if source.sha256 != hashlib.sha256(self._committed_text.encode("utf-8")).hexdigest():
            self.load()  # undone or redone: show the markdown the page points to now


def _single_shot(parent: QObject, delay_ms: int, slot: Any) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(slot)
    return timer
