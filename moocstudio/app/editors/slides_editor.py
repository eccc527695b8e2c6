"""The slide deck editor: thumbnails, the selected slide large, its text and its speaker notes.

Only the notes are editable here (the slides themselves come from the .pptx). A notes edit
commits when the author leaves the box or picks another slide, as one undoable command that
replaces the deck's slide list with the edited copy.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.commands import SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.base import ItemWidget
from moocstudio.app.editors.widgets import CommitTextEdit, ScaledPicture
from moocstudio.model import Slide, SlideDeck
from moocstudio.model.store import asset_path

THUMBNAIL = QSize(160, 90)
HIDDEN_OPACITY = 0.35  # dim enough to read as "not shown", still recognisable
_NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown}
_PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp}


class SlidesEditor(ItemWidget):
    """Browse a deck's slides and edit their speaker notes."""

    def __init__(
        self, document: CourseDocument, item_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(document, item_id, parent)
        self.strip = QListWidget(self)
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setFlow(QListView.Flow.TopToBottom)
        self.strip.setWrapping(False)
        self.strip.setMovement(QListView.Movement.Static)
        self.strip.setIconSize(THUMBNAIL)
        self.strip.setSpacing(4)
        self.strip.setFixedWidth(THUMBNAIL.width() + 40)
        self.strip.setAccessibleName(self.tr("Slides"))
        self.picture = ScaledPicture(self)
        self.picture.setAccessibleName(self.tr("Selected slide"))
        self.text = QTextBrowser(self)  # read-only, scrolls when a slide holds a lot of text
        self.text.setAccessibleName(self.tr("Slide text"))
        self.notes = CommitTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What to say with this slide"))
        self.notes.setAccessibleName(self.tr("Speaker notes"))
        self._layout()
        self._shown_row = -1
        # Decoded once per picture: a notes edit rebuilds the strip, it must not reread every PNG.
        self._thumbnails: dict[tuple[str, bool], QIcon] = {}
        self.strip.currentRowChanged.connect(self._show_slide)
        self.notes.focus_lost.connect(self.commit_notes)
        self.follow_item()
        self._fill_strip()
        self._show_slide(self.strip.currentRow())

    def _layout(self) -> None:
        notes_label = QLabel(self.tr("Speaker &notes"), self)
        notes_label.setBuddy(self.notes)
        lower = QWidget(self)
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text, 1)
        column.addWidget(notes_label)
        column.addWidget(self.notes, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.picture)
        splitter.addWidget(lower)
        splitter.setSizes([300, 200])  # the picture gets the larger share
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)  # the strip has a fixed width: nothing to drag
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addWidget(splitter, 1)

    @property
    def deck(self) -> SlideDeck:
        """The deck being edited, as the course holds it now."""
        return self.item_as(SlideDeck)

    def current_slide(self) -> Slide | None:
        """The selected slide, if any."""
        row = self.strip.currentRow()
        slides = self.deck.slides
        return slides[row] if 0 <= row < len(slides) else None

    def _fill_strip(self) -> None:
        row = self.strip.currentRow()
        self.strip.blockSignals(True)  # rebuilding is not the author picking a slide
        self.strip.clear()
        for slide in self.deck.slides:
            item = QListWidgetItem(self._thumbnail(slide), self._caption(slide))
            item.setToolTip(slide.title or self._caption(slide))
            self.strip.addItem(item)
        self.strip.setCurrentRow(min(max(row, 0), self.strip.count() - 1))
        self.strip.blockSignals(False)

    def _caption(self, slide: Slide) -> str:
        caption = self.tr("Slide %1").replace("%1", str(slide.number))
        return self.tr("%1 (hidden)").replace("%1", caption) if slide.hidden else caption

    def _thumbnail(self, slide: Slide) -> QIcon:
        key = (slide.image.sha256 if slide.image else "", slide.hidden)
        if key not in self._thumbnails:
            self._thumbnails[key] = self._make_thumbnail(slide)
        return self._thumbnails[key]

    def _make_thumbnail(self, slide: Slide) -> QIcon:
        pixmap = QPixmap()
        if slide.image is not None:
            pixmap = QPixmap(str(asset_path(self.document.folder, slide.image)))
        if pixmap.isNull():
            return QIcon()
        ratio = self.devicePixelRatioF()  # sharp thumbnails on high-DPI screens
        pixmap = pixmap.scaled(
            THUMBNAIL * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap.setDevicePixelRatio(ratio)
        if not slide.hidden:
            return QIcon(pixmap)
        dimmed = QPixmap(pixmap.size())
        dimmed.setDevicePixelRatio(ratio)
        dimmed.fill(Qt.GlobalColor.transparent)
        painter = QPainter(dimmed)
        painter.setOpacity(HIDDEN_OPACITY)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()
        return QIcon(dimmed)

    def _show_slide(self, row: int) -> None:
        if self._shown_row != row:
            self.commit_notes(self._shown_row)  # picking another slide ends the notes edit
        self._shown_row = row
        slide = self.current_slide()
        if slide is None:
            self.picture.set_file(None, self.tr("This deck has no slides."))
            self.text.clear()
            self.notes.setPlainText("")
            self.notes.setEnabled(False)
            return
        image = asset_path(self.document.folder, slide.image) if slide.image else None
        self.picture.set_file(image, self.tr("No picture of this slide."))
        self.text.setHtml(self._text_html(slide))
        self.notes.setEnabled(True)
        if self.notes.toPlainText() != slide.notes:
            self.notes.setPlainText(slide.notes)

    def _text_html(self, slide: Slide) -> str:
        parts = [f"<p><i>{html.escape(self.tr('Hidden slide: learners do not see it.'))}</i></p>"]
        parts = parts if slide.hidden else []
        if slide.title:
            parts.append(f"<p><b>{html.escape(slide.title)}</b></p>")
        parts += [f"<p>{html.escape(paragraph)}</p>" for paragraph in slide.body]
        return "".join(parts)

    def commit_notes(self, row: int | None = None) -> None:
        """Store the notes box's text as the notes of slide ``row`` (the selected one by default).

        One undoable command; nothing happens when the notes did not change.
        """
        row = self._shown_row if row is None else row
        try:
            slides = self.deck.slides
        except KeyError:
            return  # the deck was just removed; the window drops this editor
        if not 0 <= row < len(slides) or slides[row].notes == self.notes.toPlainText():
            return
        edited = [slide.model_copy(deep=True) for slide in slides]
        edited[row] = edited[row].model_copy(update={"notes": self.notes.toPlainText()})
        self.document.push(
            SetFields(
                self.document, Target("item", self.item_id), {"slides": edited},
                self.tr("Edit notes"),
            )
        )  # fmt: skip

    def commit_pending(self) -> None:
        """Commit notes still being typed (before the course is saved or closed)."""
        self.commit_notes()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Arrow and page keys move between slides wherever focus is, except in the notes."""
        step = 1 if event.key() in _NEXT_KEYS else -1 if event.key() in _PREVIOUS_KEYS else 0
        if step and self.strip.count():
            row = min(max(self.strip.currentRow() + step, 0), self.strip.count() - 1)
            self.strip.setCurrentRow(row)
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_item_changed(self, item_id: str) -> None:
        if item_id != self.item_id:
            return
        try:
            self.deck  # noqa: B018 (still there? the window drops editors of removed items)
        except KeyError:
            return
        self._fill_strip()
        self._shown_row = -1  # what is shown is stale: show it again without committing
        self._show_slide(self.strip.currentRow())
