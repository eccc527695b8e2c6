"""Import any supported file, choosing the importer from the file's content."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from moocstudio.importers.base import ImportResult
from moocstudio.model import Item

ItemKind = Literal["slides", "page", "video", "quiz"]


def import_file(
    folder: Path,
    source: Path,
    *,
    kind: ItemKind | None = None,
    title: str | None = None,
    root: Path | None = None,
) -> ImportResult[Item]:
    """Import ``source`` into the course at ``folder`` as a slide deck, a page, a video or a quiz.

    Presentations (PowerPoint, LibreOffice Impress) and PDF slides both become slide decks; a
    GIFT question bank becomes a quiz. A page's ```` ```quiz ```` blocks become quizzes too,
    returned in ``followers`` to be placed right after the page.

    Args:
        folder: The course folder.
        source: The file to import; only read.
        kind: Force the kind of item instead of detecting it from the content ("slides" is
            then read as a presentation, "quiz" as GIFT).
        title: Title for the new item instead of one found in the file.
        root: For a page: the lesson's top folder, where site-root image paths
            (``/fig/x.png``) resolve and which no image path may leave.

    Raises:
        ImportFailed: The file is of no supported kind, or cannot be read as its kind.
    """
    # Importers pull in python-pptx, PyAV or markdown: load only the one this file needs.
    from moocstudio.importers.sniff import sniff_kind

    chosen = kind or sniff_kind(Path(source))
    if chosen == "pdf-slides":
        from moocstudio.importers.pdf_slides import import_pdf_slides

        return import_pdf_slides(folder, source, title=title)
    if chosen == "slides":
        from moocstudio.importers.slides import import_slides

        return import_slides(folder, source, title=title)
    if chosen == "quiz":
        from moocstudio.importers.gift import import_gift

        return import_gift(folder, source, title=title)
    if chosen == "video":
        from moocstudio.importers.videos import import_video

        return import_video(folder, source, title=title)
    from moocstudio.importers.pages import import_page

    return import_page(folder, source, title=title, root=root)
