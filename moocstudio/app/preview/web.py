"""The preview's web page: Qt WebEngine held to one folder, links handed to the outline.

Every request the page makes goes through ``FolderInterceptor``: files inside the preview
folder load, anything else (the network, other files of the disk) is refused, logged and
reported. A click on a link to another item's page does not navigate: the page asks for that
item (the window selects it in the outline, and the preview follows the selection).
"""

from __future__ import annotations

import atexit
import logging
import os
import weakref
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QPointF, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from moocstudio.app.preview.site import PreviewSite

log = logging.getLogger(__name__)

IN_MEMORY_SCHEMES = ("data", "blob", "about")
"""Schemes that name no file nor host: the site's empty favicon, captions handed over as blobs."""


def preview_profile() -> QWebEngineProfile:
    """The profile of every preview page: Qt 6's default one, off the record.

    Nothing goes to disk (no cache, cookies or storage), and Qt WebEngine itself keeps it
    until after the last page is gone: a profile of our own died first at exit (a crash).
    """
    profile = QWebEngineProfile.defaultProfile()
    assert profile.isOffTheRecord()
    return profile


def is_inside(url: QUrl, root: Path) -> bool:
    """True for a ``file:`` URL naming a path inside ``root`` (its text, not where links lead).

    Paths are compared as written after ``..`` is folded: the media of the preview are
    symbolic links the preview made itself, to the course's own files.
    """
    if not url.isLocalFile():
        return False
    path = os.path.normpath(url.toLocalFile())
    return path.startswith(f"{root}{os.sep}")


class FolderInterceptor(QWebEngineUrlRequestInterceptor):
    """Refuses every request outside one folder, and says so in the log and by signal.

    Signals:
        blocked: The URL of a refused request.
    """

    blocked = Signal(QUrl)

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt's)
        """Let a request through only inside the folder (or to the page's own memory)."""
        url = info.requestUrl()
        if url.scheme() in IN_MEMORY_SCHEMES or is_inside(url, self.root):
            return
        info.block(True)
        log.warning("preview: refused a request outside the preview folder: %s", url.toString())
        self.blocked.emit(url)


class PreviewPage(QWebEnginePage):
    """A web page of the preview site: requests held to its folder, item links reported.

    Signals:
        item_requested: A link to the page of the item with this id was clicked.
        external_link: A link leaving the site was clicked (it is not followed).
    """

    item_requested = Signal(str)
    external_link = Signal(QUrl)

    def __init__(self, site: PreviewSite, parent: QObject | None = None) -> None:
        super().__init__(preview_profile(), parent)
        self.site = site
        self.interceptor = FolderInterceptor(site.root, self)
        self.setUrlRequestInterceptor(self.interceptor)
        settings = self.settings()
        attribute = QWebEngineSettings.WebAttribute
        # Remote URLs are not refused by Chromium's own rule for local pages but by the
        # interceptor, so that every refusal is logged and reported the same way.
        for name, value in (
            (attribute.LocalContentCanAccessRemoteUrls, True),
            (attribute.LocalContentCanAccessFileUrls, True),
            (attribute.JavascriptCanOpenWindows, False),
            (attribute.PluginsEnabled, False),
            (attribute.PdfViewerEnabled, False),
            (attribute.DnsPrefetchEnabled, False),
            (attribute.HyperlinkAuditingEnabled, False),
            (attribute.NavigateOnDropEnabled, False),
            (attribute.FocusOnNavigationEnabled, False),
        ):
            settings.setAttribute(name, value)

    def acceptNavigationRequest(  # noqa: N802 (Qt's name)
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Follow links inside the page; hand a link to another item to the outline."""
        url = QUrl(url)
        if kind != QWebEnginePage.NavigationType.NavigationTypeLinkClicked or not is_main_frame:
            return True
        if not url.isLocalFile() and url.scheme() not in IN_MEMORY_SCHEMES:
            self.external_link.emit(url)
            return False
        target = self.site.item_at(url)
        if target is not None and target != self.site.item_at(self.url()):
            # Later, not now: the window loads the item's page in answer, and a load started
            # from inside this callback crashes Chromium.
            QTimer.singleShot(0, lambda: self.item_requested.emit(target))
            return False
        return True


_views: weakref.WeakSet[PreviewView] = weakref.WeakSet()


@atexit.register
def _delete_views() -> None:
    """Delete the views left at exit while Qt WebEngine is still up (later, they crash it)."""
    for view in list(_views):
        if shiboken6.isValid(view):
            shiboken6.delete(view)


class PreviewView(QWebEngineView):
    """Shows one item of the preview site and follows edits, keeping the reader's place.

    Signals:
        updated: The page was loaded again (after an edit or a refresh) and scrolled back to
            where the reader was; the bool says whether it loaded.
    """

    updated = Signal(bool)

    def __init__(self, site: PreviewSite, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.preview_page = PreviewPage(site, self)
        self.setPage(self.preview_page)
        _views.add(self)
        self.item_id: str | None = None
        self._scroll: QPointF | None = None
        self.preview_page.loadFinished.connect(self._loaded)
        # A link followed inside the page (home, an anchor) changes what is shown.
        self.preview_page.urlChanged.connect(self._url_changed)
        site.page_written.connect(self._page_written)
        site.rebuilt.connect(self.reload_keeping_place)

    def show_item(self, item_id: str | None) -> None:
        """Show the item's page (the home page for None), from its top."""
        self.item_id = item_id
        self._scroll = None
        self.preview_page.load(self.site.url(item_id))

    def reload_keeping_place(self) -> None:
        """Load the shown page again and scroll back to where the reader was."""
        self._scroll = self.preview_page.scrollPosition()
        self.preview_page.load(self.site.url(self.item_id))

    def _url_changed(self, url: QUrl) -> None:
        if url.isLocalFile():
            self.item_id = self.site.item_at(url)

    def _page_written(self, item_id: str) -> None:
        if item_id == self.item_id:
            self.reload_keeping_place()

    def _loaded(self, ok: bool) -> None:
        scroll, self._scroll = self._scroll, None
        if scroll is None:
            self.updated.emit(ok)
            return
        zoom = self.zoomFactor()
        self.preview_page.runJavaScript(
            f"window.scrollTo({scroll.x() / zoom:.1f}, {scroll.y() / zoom:.1f})",
            0,
            lambda *_result: self._scrolled_back(ok),  # no result if the page went first
        )

    def _scrolled_back(self, ok: bool) -> None:
        # The page answers after its view may be gone (a closed window, a replaced pane);
        # emitting on a deleted view raised a TypeError inside Qt's event loop.
        if shiboken6.isValid(self):
            self.updated.emit(ok)
