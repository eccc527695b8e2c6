"""The page editor: markdown on the left, the page as the course site shows it on the right.

The preview is the site's own page (the live preview's web view, see ``moocstudio.app.preview``),
rendered from the text by the page importer's function (``render_markdown``), so what the
author sees is what the export ships, warnings included. Qt WebEngine loads when the editor is
first shown. An edit is committed after a pause or when the author leaves the text: the new
markdown becomes a new content-hashed asset and one undoable command points the page at it
(the old file stays, so undo just points back) and sets what the text decides: its front
matter's fields and its instructor notes.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from lxml import html as lxml_html
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from moocstudio.app.commands import SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.base import ItemWidget
from moocstudio.app.editors.widgets import CommitTextEdit, monospace_font
from moocstudio.app.preview.site import PreviewSite
from moocstudio.errors import MoocstudioError
from moocstudio.importers.front_matter import FrontMatter
from moocstudio.importers.pages import RenderedMarkdown, page_fields, render_markdown
from moocstudio.model import Page
from moocstudio.model.store import add_asset_bytes, asset_path

if TYPE_CHECKING:
    from moocstudio.app.preview.pane import PreviewPane

PREVIEW_DELAY_MS = 300  # typing pauses shorter than this do not re-render
COMMIT_DELAY_MS = 1500  # a pause this long ends an edit: it becomes one undo step
EDITOR_MIN_CHARACTERS = 60  # the markdown stays readable beside the preview


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
        self.editor.setMinimumWidth(
            self.editor.fontMetrics().horizontalAdvance("0" * EDITOR_MIN_CHARACTERS)
            + 2 * self.editor.frameWidth()
            + self.editor.verticalScrollBar().sizeHint().width()
            + 2 * round(self.editor.document().documentMargin())
        )
        self.site = PreviewSite.of(document)
        self.preview: PreviewPane | None = None  # made when first shown: it loads Qt WebEngine
        self.preview_slot = QWidget(self)
        self.preview_slot.setAccessibleName(self.tr("Page preview"))
        self.preview_slot.setMinimumWidth(200)
        self._preview_layout = QVBoxLayout(self.preview_slot)
        self._preview_layout.setContentsMargins(0, 0, 0, 0)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setAccessibleName(self.tr("Instructor notes"))
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
        column.addWidget(self.preview_slot, 1)
        column.addWidget(self.notes)
        column.addWidget(self.warnings)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Make the web preview the first time the editor is shown."""
        super().showEvent(event)
        if self.preview is None:
            from moocstudio.app.preview.pane import PreviewPane

            self.preview = PreviewPane(self.site, self.preview_slot)
            self._preview_layout.addWidget(self.preview)
            self.preview.show_item(self.item_id)

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

        The edited page is written into the preview site (its page alone), and every preview
        showing it reloads where the reader was. Its instructor notes show under the preview,
        marked as never shown to learners.
        """
        try:
            rendered = self._render(self.editor.toPlainText())
            edited = self.page.model_copy(
                update={"html": rendered.html, "images": rendered.images, **page_fields(rendered)}
            )
        except KeyError:
            return None  # the page was just removed; the window drops this editor
        self.site.show_edit(edited)
        self._show_notes(rendered.instructor_notes)
        self._show_warnings(rendered.warnings)
        return rendered

    def _show_notes(self, notes: list[str]) -> None:
        texts = []
        for note in notes:
            body = lxml_html.fragment_fromstring(note, create_parent="div")
            for title in body.find_class("admonition-title"):
                title.drop_tree()  # "Instructor note": the label above says it already
            texts.append(body.text_content().strip())
        label = self.tr("Instructor notes — not shown to learners")
        self.notes.setText("\n".join([label, *texts]) if texts else "")
        self.notes.setVisible(bool(texts))

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
