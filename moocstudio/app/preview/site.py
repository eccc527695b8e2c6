"""The course built into a private temporary folder for the preview, kept up to date.

The folder is the offline site as ``build_site`` writes it (same templates, CSS, player,
captions and maths), with media linked symbolically from the course instead of copied. A
structural change (items added, moved, renamed; course settings) builds the whole folder
again; an edit of one item rewrites that item's page alone (``write_item_page``). Views ask
for an item's URL and are told which page changed, so they reload only what they show.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from moocstudio.app.document import CourseDocument
from moocstudio.build.site import ASSETS_DIR, ITEMS_DIR, LAUNCH, build_site, write_item_page
from moocstudio.errors import MoocstudioError
from moocstudio.model import Item
from moocstudio.resources import template_path

log = logging.getLogger(__name__)

SITE_FOLDER = "site"
SITE_CSS = "site.css"
DARK_QUERY = "@media (prefers-color-scheme: dark)"
SCHEMES = ("light", "dark")


def stylesheet_for_scheme(css: str, scheme: str) -> str:
    """The site's stylesheet as a device set to ``scheme`` ("light" or "dark") applies it.

    Qt WebEngine has no per-page colour-scheme setting, so the preview picks the scheme as the
    device's setting would: the site's own dark rules apply always (dark) or never (light).

    Raises:
        ValueError: the stylesheet has no dark rules (the site's CSS changed shape).
    """
    if DARK_QUERY not in css:
        raise ValueError(f"the site's stylesheet has no {DARK_QUERY!r} block")
    condition = "@media all" if scheme == "dark" else "@media not all"
    return css.replace(DARK_QUERY, condition).replace(
        "color-scheme: light dark;", f"color-scheme: {scheme};"
    )


class PreviewSite(QObject):
    """The private build of one open course, rebuilt as the document changes.

    Signals:
        page_written: The page of the item with this id was written again.
        rebuilt: The whole site was built again (every view reloads).
        failed: The build failed; the message says why in plain words.
    """

    page_written = Signal(str)
    rebuilt = Signal()
    failed = Signal(str)

    def __init__(self, document: CourseDocument) -> None:
        super().__init__(document)
        self.setObjectName("preview_site")
        self.document = document
        # Resolved: the interceptor compares request paths with it, and /tmp may be a link.
        self._temp = Path(tempfile.mkdtemp(prefix="moocstudio-preview-")).resolve()
        self.root = self._temp / SITE_FOLDER
        self.scheme = "light"
        self._built = False
        self._written: dict[str, str] = {}  # page path -> the HTML last written there
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)  # one build for the several signals of one command
        self._rebuild_timer.timeout.connect(self.rebuild)
        document.structure_changed.connect(self._rebuild_timer.start)
        document.course_changed.connect(self._rebuild_timer.start)
        document.item_changed.connect(self._item_changed)
        # Removed with the document, or at exit at the latest.
        weakref.finalize(self, shutil.rmtree, self._temp, ignore_errors=True)

    @classmethod
    def of(cls, document: CourseDocument) -> PreviewSite:
        """The document's preview site, made (not yet built) the first time it is asked for."""
        found = document.findChild(PreviewSite, "preview_site")
        return found if isinstance(found, PreviewSite) else cls(document)

    # --- where things are --------------------------------------------------------------------

    def url(self, item_id: str | None) -> QUrl:
        """The URL of the item's page, or of the home page for None (or an unknown id)."""
        self.ensure_built()
        known = item_id is not None and any(
            item.id == item_id for item in self.document.course.all_items()
        )
        relative = f"{ITEMS_DIR}/{item_id}.html" if known else LAUNCH
        return QUrl.fromLocalFile(str(self.root / relative))

    def item_at(self, url: QUrl) -> str | None:
        """The id of the item whose page ``url`` is, or None."""
        if not url.isLocalFile():
            return None
        path = Path(url.toLocalFile())
        if path.parent != self.root / ITEMS_DIR or path.suffix != ".html":
            return None
        ident = path.stem
        return ident if any(i.id == ident for i in self.document.course.all_items()) else None

    # --- building ----------------------------------------------------------------------------

    def ensure_built(self) -> None:
        """Build the site now if it was never built."""
        if not self._built:
            self.rebuild()

    def rebuild(self) -> bool:
        """Build the whole site again; False (and ``failed``) if it cannot be built."""
        self._rebuild_timer.stop()
        try:
            build_site(self.document.folder, self.document.course, self.root, symbolic_media=True)
            self._apply_scheme()
        except (MoocstudioError, OSError, ValueError) as exc:
            self._report(exc)
            return False
        self._built = True
        self._written.clear()
        self.rebuilt.emit()
        return True

    def show_edit(self, item: Item) -> bool:
        """Write the page of ``item`` (an edit not committed yet, say); True if it changed.

        Views showing the page reload when it changed; an unchanged page is not rewritten.
        """
        self.ensure_built()
        if not self._built:
            return False
        document = self.document
        page = self.root / ITEMS_DIR / f"{item.id}.html"
        before = page.read_text(encoding="utf-8") if page.is_file() else None
        try:
            path = write_item_page(
                document.folder, document.course, item, self.root, symbolic_media=True
            )
        except KeyError:
            return False  # the item was removed meanwhile
        except (MoocstudioError, OSError) as exc:
            self._report(exc)
            return False
        html = (self.root / path).read_text(encoding="utf-8")
        if self._written.get(path, before) == html:
            return False  # the views showing it are up to date
        self._written[path] = html
        self.page_written.emit(item.id)
        return True

    def set_scheme(self, scheme: str) -> None:
        """Show the site as a device set to light or dark does; every view reloads."""
        if scheme not in SCHEMES or scheme == self.scheme:
            return
        self.scheme = scheme
        if self._built:
            try:
                self._apply_scheme()
            except (OSError, ValueError) as exc:
                self._report(exc)
                return
            self.rebuilt.emit()

    def _apply_scheme(self) -> None:
        shipped = template_path("site", ASSETS_DIR, SITE_CSS).read_text(encoding="utf-8")
        (self.root / ASSETS_DIR / SITE_CSS).write_text(
            stylesheet_for_scheme(shipped, self.scheme), encoding="utf-8"
        )

    def _item_changed(self, item_id: str) -> None:
        if not self._built or self._rebuild_timer.isActive():
            return  # a whole build is on its way
        try:
            item = self.document.find_item(item_id)[2]
        except KeyError:
            return
        self.show_edit(item)

    def _report(self, exc: Exception) -> None:
        message = exc.user_message if isinstance(exc, MoocstudioError) else str(exc)
        log.warning("preview: %s", message)
        self.failed.emit(message)
