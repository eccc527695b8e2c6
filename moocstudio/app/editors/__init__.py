"""Item editors: one widget per kind of item, made on demand for the selected item."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from moocstudio.app.document import CourseDocument
from moocstudio.app.jobs import JobCenter


def make_editor(
    document: CourseDocument, item_id: str, jobs: JobCenter, parent: QWidget | None = None
) -> QWidget:
    """The editor for the item with ``item_id``: page, slide deck, quiz or video."""
    kind = document.find_item(item_id)[2].kind
    if kind == "quiz":
        from moocstudio.app.editors.quiz_editor import QuizEditor

        return QuizEditor(document, item_id, parent)
    if kind == "page":
        from moocstudio.app.editors.page_editor import PageEditor

        return PageEditor(document, item_id, parent)
    if kind == "slides":
        from moocstudio.app.editors.slides_editor import SlidesEditor

        return SlidesEditor(document, item_id, parent)
    from moocstudio.app.editors.video_editor import VideoEditor

    return VideoEditor(document, item_id, jobs, parent)
