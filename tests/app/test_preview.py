"""The live preview in real Qt WebEngine: the site's page, its maths, edits, links, no network.

Every wait is on a signal or on a JavaScript callback (the DOM queried with runJavaScript).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moocstudio.app.editors.page_editor import PageEditor
from moocstudio.app.preview.dock import PreviewDock
from moocstudio.app.preview.pane import DEVICES, MIN_ZOOM, fit_zoom
from moocstudio.app.preview.site import PreviewSite, stylesheet_for_scheme
from moocstudio.app.preview.web import PreviewView, is_inside
from moocstudio.app.window import MainWindow
from moocstudio.importers.dispatch import import_file
from moocstudio.model import Course
from moocstudio.model.store import load_course, save_course
from moocstudio.resources import template_path
from tests.http_folder import QuietHandler

LOAD_MS = 20000  # the first page also starts Chromium's processes

MATHS_PAGE = """\
# Aires

Un disque : $\\pi r^2$ ; une fraction : $\\frac{a}{b}$.

Voir aussi [les formats](page-formats.md).
"""

PARAGRAPH = " ".join(f"mot{n}" for n in range(100))
LONG_PAGE = "# Long\n\n" + "\n\n".join(f"## Partie {n}\n\n{PARAGRAPH}" for n in range(20)) + "\n"


def run_js(qtbot: QtBot, page: QWebEnginePage, script: str) -> Any:
    """The value of ``script`` in ``page``, waited for through its callback."""
    box: list[Any] = []
    page.runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=LOAD_MS)
    return box[0]


@pytest.fixture
def course_folder(sample: tuple[Path, Course], tmp_path: Path) -> Path:
    """A copy of the sample course with a page of maths and a long page added."""
    folder = tmp_path / "course"
    shutil.copytree(sample[0], folder)
    course = load_course(folder)
    for name, text in (("aires.md", MATHS_PAGE), ("long.md", LONG_PAGE)):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        course.modules[-1].items.append(import_file(folder, source).item)
    save_course(folder, course)
    return folder


@pytest.fixture
def window(qtbot: QtBot, app: QApplication, course_folder: Path) -> Iterator[MainWindow]:
    window = MainWindow()  # closed below, once nothing is left unsaved (not by qtbot)
    assert window.open_course(course_folder)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    assert window.document is not None
    window.commit_pending_edits()
    window.document.undo_stack.setClean()  # closing asks nothing
    window.close()
    window.deleteLater()


def item_id(window: MainWindow, title: str) -> str:
    assert window.document is not None
    return next(i.id for i in window.document.course.all_items() if i.title == title)


def open_preview(qtbot: QtBot, window: MainWindow) -> PreviewDock:
    with qtbot.waitSignal(window.preview_action.toggled):
        window.preview_action.trigger()
    assert window.preview_dock is not None and window.preview_dock.pane is not None
    qtbot.waitUntil(window.preview_dock.isVisible)
    return window.preview_dock


def select(qtbot: QtBot, window: MainWindow, view: PreviewView, ident: str) -> None:
    with qtbot.waitSignal(view.updated, timeout=LOAD_MS) as loaded:
        window.outline.select_id(ident)  # type: ignore[union-attr]
    assert loaded.args == [True]


def test_the_preview_shows_the_selected_page_as_the_site_renders_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = open_preview(qtbot, window)
    assert window.preview_action.isChecked()
    view = dock.pane.view  # type: ignore[union-attr]
    select(qtbot, window, view, item_id(window, "Aires"))
    page = view.page()
    assert run_js(qtbot, page, "document.querySelector('main h1').textContent") == "Aires"
    assert view.title().startswith("Aires · ")
    # The site's stylesheet applies (the column's width), so this is the site's page.
    assert run_js(qtbot, page, "getComputedStyle(document.body).maxWidth") == "736px"
    # Maths as MathML that Chromium lays out: a fraction's numerator sits above its denominator.
    found = json.loads(
        run_js(
            qtbot,
            page,
            """JSON.stringify(Array.from(document.querySelectorAll('main math'), m => ({
                display: getComputedStyle(m).display,
                width: m.getBoundingClientRect().width,
                frac: m.querySelector('mfrac') && [
                    m.querySelector('mfrac').children[0].getBoundingClientRect().bottom,
                    m.querySelector('mfrac').children[1].getBoundingClientRect().top]})))""",
        )
    )
    assert len(found) == 2
    assert all(math["display"].endswith("math") and math["width"] > 0 for math in found)
    numerator_bottom, denominator_top = found[1]["frac"]
    assert numerator_bottom <= denominator_top


def test_the_phone_frame_lays_the_page_out_at_the_phone_s_width(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = open_preview(qtbot, window)
    pane = dock.pane
    assert pane is not None
    select(qtbot, window, pane.view, item_id(window, "Aires"))
    for device in DEVICES:
        pane.set_device(device.key)
        zoom = fit_zoom(device, pane.frame.size())
        assert pane.view.zoomFactor() == pytest.approx(zoom)
        if zoom > MIN_ZOOM:  # zoomed to fit the pane (below Qt's smallest zoom it is cut)
            assert pane.frame.rect().contains(pane.view.geometry())

        def laid_out(width: int = device.width) -> bool:
            # The view's size is rounded to whole pixels.
            return abs(run_js(qtbot, pane.view.page(), "innerWidth") - width) <= 1

        qtbot.waitUntil(laid_out, timeout=LOAD_MS)


def test_dark_scheme_applies_the_site_s_own_dark_rules(qtbot: QtBot, window: MainWindow) -> None:
    dock = open_preview(qtbot, window)
    pane = dock.pane
    assert pane is not None
    select(qtbot, window, pane.view, item_id(window, "Aires"))
    background = "getComputedStyle(document.body).backgroundColor"
    assert run_js(qtbot, pane.view.page(), background) == "rgb(255, 255, 255)"
    with qtbot.waitSignal(pane.view.updated, timeout=LOAD_MS):
        pane.scheme_box.setCurrentIndex(pane.scheme_box.findData("dark"))
    assert run_js(qtbot, pane.view.page(), background) == "rgb(18, 19, 22)"  # --bg, dark


def test_stylesheet_for_scheme_needs_the_site_s_dark_block() -> None:
    css = template_path("site", "assets", "site.css").read_text(encoding="utf-8")
    assert "@media all" in stylesheet_for_scheme(css, "dark")
    assert "prefers-color-scheme" not in stylesheet_for_scheme(css, "light")
    with pytest.raises(ValueError, match="prefers-color-scheme"):
        stylesheet_for_scheme("body { color: red; }", "dark")


def test_an_edit_in_the_page_editor_appears_in_the_preview(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = open_preview(qtbot, window)
    view = dock.pane.view  # type: ignore[union-attr]
    ident = item_id(window, "Aires")
    select(qtbot, window, view, ident)
    editor = window.editors.currentWidget()
    assert isinstance(editor, PageEditor) and editor.preview is not None
    own = editor.preview.view
    qtbot.waitUntil(lambda: own.item_id == ident and not own.url().isEmpty())
    text = editor.editor.toPlainText().replace("# Aires", "# Surfaces")
    with (
        qtbot.waitSignal(view.updated, timeout=LOAD_MS),
        qtbot.waitSignal(own.updated, timeout=LOAD_MS),
    ):
        editor.editor.setPlainText(text)
    title = "document.querySelector('main h1').textContent"
    assert run_js(qtbot, view.page(), title) == "Surfaces"
    assert run_js(qtbot, own.page(), title) == "Surfaces"
    # The editor keeps its 60 characters beside its preview in a 1280-pixel window.
    assert editor.editor.width() >= editor.editor.fontMetrics().horizontalAdvance("0" * 60)


def test_the_scroll_position_is_kept_across_an_edit(qtbot: QtBot, window: MainWindow) -> None:
    dock = open_preview(qtbot, window)
    view = dock.pane.view  # type: ignore[union-attr]
    select(qtbot, window, view, item_id(window, "Long"))
    page = view.page()
    run_js(qtbot, page, "window.scrollTo(0, 900)")
    qtbot.waitUntil(lambda: page.scrollPosition().y() > 0)
    before = run_js(qtbot, page, "window.scrollY")
    assert before == pytest.approx(900, abs=1)
    editor = window.editors.currentWidget()
    assert isinstance(editor, PageEditor)
    with qtbot.waitSignal(view.updated, timeout=LOAD_MS):
        editor.editor.setPlainText(editor.editor.toPlainText() + "\nUn mot de plus.\n")
    assert "Un mot de plus." in run_js(qtbot, page, "document.querySelector('main').textContent")
    assert run_js(qtbot, page, "window.scrollY") == pytest.approx(before, abs=2)


def test_a_link_to_another_page_selects_it_in_the_outline(qtbot: QtBot, window: MainWindow) -> None:
    dock = open_preview(qtbot, window)
    view = dock.pane.view  # type: ignore[union-attr]
    select(qtbot, window, view, item_id(window, "Aires"))
    target = item_id(window, "Formats et métadonnées")
    href = run_js(qtbot, view.page(), "document.querySelector('main p a').getAttribute('href')")
    assert href == f"{target}.html"
    run_js(qtbot, view.page(), "document.querySelector('main p a').click()")
    qtbot.waitUntil(lambda: window.selected_item_id() == target, timeout=LOAD_MS)
    assert view.item_id == target
    qtbot.waitUntil(
        lambda: run_js(qtbot, view.page(), "document.body.dataset.item") == target,
        timeout=LOAD_MS,
    )


class _CountingHandler(QuietHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the base's name)
        self.hits.append(self.path)
        super().do_GET()


def test_no_request_leaves_the_preview_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dock = open_preview(qtbot, window)
    view = dock.pane.view  # type: ignore[union-attr]
    select(qtbot, window, view, item_id(window, "Aires"))
    site = view.site
    outside = tmp_path / "outside.png"
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(outside))
    inside = next((site.root / "media").glob("*.png")).name  # the sample page's picture
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    _CountingHandler.hits = []
    web = f"http://127.0.0.1:{server.server_address[1]}"
    probe = site.root / "items" / "probe.html"
    depth = "../" * len(site.root.parts)
    probe.write_text(
        textwrap.dedent(f"""\
            <!DOCTYPE html><html><head>
            <link rel="stylesheet" href="{web}/style.css">
            <script src="{web}/tracker.js"></script></head><body>
            <img id="inside" src="../media/{inside}">
            <img id="web" src="{web}/pixel.png">
            <img id="absolute" src="{QUrl.fromLocalFile(str(outside)).toString()}">
            <img id="climbing" src="{depth}{outside.as_posix().lstrip("/")}">
            </body></html>"""),
        encoding="utf-8",
    )
    import threading

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    blocked: list[str] = []
    view.preview_page.interceptor.blocked.connect(lambda url: blocked.append(url.toString()))
    try:
        with caplog.at_level(logging.WARNING), qtbot.waitSignal(view.loadFinished, timeout=LOAD_MS):
            view.load(QUrl.fromLocalFile(str(probe)))
        sizes = json.loads(
            run_js(
                qtbot,
                view.page(),
                "JSON.stringify(Object.fromEntries("
                "Array.from(document.images, i => [i.id, i.naturalWidth])))",
            )
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    outside_url = QUrl.fromLocalFile(str(outside)).toString()
    assert sorted(set(blocked)) == sorted(
        {f"{web}/style.css", f"{web}/tracker.js", f"{web}/pixel.png", outside_url}
    )
    assert _CountingHandler.hits == []  # nothing reached the server
    assert sizes == {"inside": sizes["inside"], "web": 0, "absolute": 0, "climbing": 0}
    assert sizes["inside"] > 0  # files of the folder do load: the refusals are the rule's
    refused = [r.getMessage() for r in caplog.records if "refused a request" in r.getMessage()]
    assert any(f"{web}/tracker.js" in message for message in refused)


def test_is_inside_compares_the_folded_path() -> None:
    root = Path("/tmp/moocstudio-preview-x/site")
    assert is_inside(QUrl.fromLocalFile("/tmp/moocstudio-preview-x/site/items/a.html"), root)
    assert not is_inside(QUrl("file:///tmp/moocstudio-preview-x/site/../secret.txt"), root)
    assert not is_inside(QUrl.fromLocalFile("/tmp/moocstudio-preview-x/site-other/a"), root)
    assert not is_inside(QUrl("https://example.org/tmp/moocstudio-preview-x/site/a"), root)


def test_the_preview_site_is_private_and_rewrites_one_page_per_edit(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.document is not None
    site = PreviewSite.of(window.document)
    assert PreviewSite.of(window.document) is site
    site.ensure_built()
    assert not site.root.is_relative_to(window.document.folder)
    pages = {path: path.stat().st_mtime_ns for path in site.root.rglob("*.html")}
    ident = item_id(window, "Aires")
    _, _, page = window.document.find_item(ident)
    edited = page.model_copy(update={"html": page.html.replace("Aires", "Surfaces")})
    with qtbot.waitSignal(site.page_written) as written:
        assert site.show_edit(edited)
    assert written.args == [ident]
    changed = [path for path, time in pages.items() if path.stat().st_mtime_ns != time]
    assert changed == [site.root / "items" / f"{ident}.html"]
    assert not site.show_edit(edited)  # the same page again is not written again


def test_qt_webengine_loads_only_when_the_preview_is_first_shown(course_folder: Path) -> None:
    script = textwrap.dedent(f"""\
        import sys
        from moocstudio.app.webengine import prepare_webengine
        prepare_webengine()
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from moocstudio.app.window import MainWindow
        window = MainWindow()
        window.open_course(__import__("pathlib").Path({str(course_folder)!r}))
        window.show()
        app.processEvents()
        print("before", "PySide6.QtWebEngineCore" in sys.modules)
        window.toggle_preview(True)
        print("after", "PySide6.QtWebEngineCore" in sys.modules)
        window.document.undo_stack.setClean()
        """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["before", "False", "after", "True"]
