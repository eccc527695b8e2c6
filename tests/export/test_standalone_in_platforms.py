"""Cartridge pages and Open edX components as platforms that strip scripts and styles show them.

Every page of the sample course's Common Cartridge 1.1 and 1.3 is imported as Moodle imports a
page (``platform_view``: what is inside ``<body>``, cleaned with HTML Purifier's allow-lists
through nh3), its URLs read as the cartridge's importers read them, and shown in a bare page
holding only Moodle's page box (``<div class="no-overflow">``, which scrolls sideways when its
content is too wide). Every HTML component of the Open edX export is shown as Open edX shows it:
as written, with ``/static/`` served from the static folder, in a bare page. Neither has our
style sheet or scripts. A local web server serves them to headless Chromium at 390 px and
1280 px wide: no page may scroll sideways, no picture, video or text may be wider than the
column (a code block or a table may scroll in its box), no raw WebVTT may show, every picture
must load and the video must play with its captions from the ``.vtt`` file; every link and
media URL must resolve inside the package.
"""

from __future__ import annotations

import contextlib
import shutil
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from moocstudio.export.imscc import export_imscc
from moocstudio.export.imscc_manifest import CC11, CC13
from moocstudio.export.olx import export_olx
from moocstudio.model import Course
from tests.export.platform_view import (
    Importer,
    body_of,
    filebase_cc13,
    imported,
    moodle_cc11,
    open_edx,
    purify_like_moodle,
)
from tests.http_folder import serve_folder
from tests.waiting import EVENT_TIMEOUT_MS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)
PlaywrightTimeout = playwright_api.TimeoutError

pytestmark = pytest.mark.slow

Sample = tuple[Path, Course]
WIDTHS = (390, 1280)
HOST_PAGE = (
    '<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title></head><body>\n{content}\n</body></html>\n"
)
MOODLE_PAGE_BOX = '<div class="no-overflow" style="overflow: auto">{}</div>'
"""Where Moodle's Page shows its content: ``format_text`` with ``overflowdiv`` (mod/page
view.php) wraps it in ``div.no-overflow``, which Moodle's style sheet lets scroll."""


def _bare(content: str) -> str:
    return content


@dataclass(frozen=True)
class Platform:
    """How one platform takes a package's page in and shows it."""

    sanitize: Callable[[str], str]
    box: Callable[[str], str]


MOODLE = Platform(sanitize=purify_like_moodle, box=MOODLE_PAGE_BOX.format)
OPEN_EDX = Platform(sanitize=_bare, box=_bare)  # keeps a component's HTML as written


@dataclass(frozen=True)
class ImportedPage:
    """One page of a package as the platform shows it.

    Attributes:
        package: ``cc11``, ``cc13`` or ``olx``.
        source: Its path in the package.
        kind: ``home``, ``page``, ``slides`` or ``video``.
        raw: Its HTML as the package holds it.
        url: Where the local server serves it, imported, in its bare page.
        dead: The local URLs the platform leaves pointing at nothing.
    """

    package: str
    source: str
    kind: str
    raw: str
    url: str
    dead: tuple[str, ...]


@pytest.fixture(scope="module")
def served_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("platform")


@pytest.fixture(scope="module")
def server(served_root: Path) -> Iterator[str]:
    with serve_folder(served_root) as url:
        yield url


def _kind(source: str) -> str:
    name = Path(source).stem
    return "home" if name == "index" else name.split("-")[0]


def _publish(
    served_root: Path,
    package: str,
    pages: list[tuple[str, str]],
    importer: Importer,
    platform: Platform,
    lang: str,
) -> list[ImportedPage]:
    """Import each ``(package path, HTML)`` as ``platform`` does; write it in a bare page."""
    views = served_root / package / "view"
    views.mkdir(parents=True)
    result = []
    for number, (source, raw) in enumerate(pages):
        fragment = platform.sanitize(body_of(raw) if "<body" in raw else raw)
        content, dead = imported(fragment, source, importer, served_at=f"/{package}/files/")
        page = HOST_PAGE.format(lang=lang, title=source, content=platform.box(content))
        (views / f"{number}.html").write_text(page, encoding="utf-8")
        url = f"/{package}/view/{number}.html"
        result.append(ImportedPage(package, source, _kind(source), raw, url, tuple(dead)))
    return result


def _launched_pages(files: Path) -> list[str]:
    """The pages the cartridge's outline opens, from its manifest."""
    root = etree.parse(files / "imsmanifest.xml").getroot()
    cp = etree.QName(root).namespace
    hrefs = {r.get("identifier"): r.get("href") for r in root.iter(f"{{{cp}}}resource")}
    opened = [hrefs.get(i.get("identifierref")) for i in root.iter(f"{{{cp}}}item")]
    return [str(href) for href in opened if href and href.endswith(".html")]


def _cartridge_pages(
    package: Path, served_root: Path, name: str, importer_for: Callable[[frozenset[str]], Importer]
) -> tuple[list[tuple[str, str]], Importer]:
    files = served_root / name / "files"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(files)  # our own package, just written
        listed = frozenset(n for n in archive.namelist() if not n.endswith("/"))
    pages = [(page, (files / page).read_text("utf-8")) for page in _launched_pages(files)]
    return pages, importer_for(listed)


def _olx_pages(package: Path, served_root: Path) -> tuple[list[tuple[str, str]], Importer]:
    files = served_root / "olx" / "files"
    with tarfile.open(package) as archive:
        archive.extractall(files, filter="data")
    course = files / "course"
    shutil.move(course / "static", files / "static")  # /static/ is the course's static folder
    static = frozenset(p.name for p in (files / "static").iterdir())
    blocks = frozenset(
        p.stem for kind in ("vertical", "html", "video") for p in (course / kind).glob("*.xml")
    )
    pages = [(f"html/{p.name}", p.read_text("utf-8")) for p in sorted(course.glob("html/*.html"))]
    return pages, open_edx(static, blocks)


@pytest.fixture(scope="module")
def imported_pages(
    sample: Sample, served_root: Path, server: str, tmp_path_factory: pytest.TempPathFactory
) -> list[ImportedPage]:
    """Every page of the three packages, imported and published on the local server."""
    folder, course = sample
    out = tmp_path_factory.mktemp("packages")
    pages: list[ImportedPage] = []
    for name, version, importer_for in (("cc11", CC11, moodle_cc11), ("cc13", CC13, filebase_cc13)):
        package = export_imscc(folder, course, out / f"{name}.imscc", version).path
        sources, importer = _cartridge_pages(package, served_root, name, importer_for)
        pages += _publish(served_root, name, sources, importer, MOODLE, course.language)
    olx = export_olx(folder, course, out / "course.tar.gz").path
    sources, importer = _olx_pages(olx, served_root)
    pages += _publish(served_root, "olx", sources, importer, OPEN_EDX, course.language)
    return pages


def test_every_package_page_was_imported(imported_pages: list[ImportedPage]) -> None:
    kinds = {(p.package, p.kind) for p in imported_pages}
    for package in ("cc11", "cc13"):
        assert {k for p, k in kinds if p == package} == {"home", "page", "slides", "video"}
    assert {k for p, k in kinds if p == "olx"} == {"page", "slides"}  # video: its own component


def test_pages_hold_no_script_only_markup(imported_pages: list[ImportedPage]) -> None:
    for page in imported_pages:
        tree = etree.HTML(page.raw)
        found = tree.xpath("//script | //style | //template | //link | //button | //select")
        assert [e.tag for e in found] == [], page.source
        assert not tree.xpath("//*[@hidden] | //video/@poster"), page.source


def test_every_link_and_media_url_resolves_inside_the_package(
    imported_pages: list[ImportedPage],
) -> None:
    dead = {f"{p.package} {p.source}": p.dead for p in imported_pages if p.dead}
    assert dead == {}


@dataclass
class _Visit:
    """What a page asked for that failed, and what it asked of another server."""

    failed: list[str]
    outside: list[str]

    def on_response(self, status: int, url: str) -> None:
        if status >= 400:
            self.failed.append(f"{url} ({status})")


def _open(browser: Browser, url: str, server: str, width: int) -> tuple[Page, _Visit]:
    page = browser.new_page(viewport={"width": width, "height": 844})
    visit = _Visit([], [])
    page.on("requestfailed", lambda request: visit.failed.append(request.url))
    page.on("response", lambda response: visit.on_response(response.status, response.url))
    page.on(
        "request",
        lambda r: None if r.url.startswith(server) else visit.outside.append(r.url),
    )
    page.goto(server + url, wait_until="load")
    return page, visit


# Elements wider than the column: only a code block's or a table's content may be (it scrolls
# in its box); a picture, a video, a paragraph may not.
LOOK = """() => {
  const doc = document.documentElement;
  const column = doc.clientWidth;
  const sticksOut = e => e.getBoundingClientRect().right > column + 0.5;
  const describe = e => e.tagName.toLowerCase() + " " + (e.getAttribute("src") || e.textContent
    .trim().slice(0, 40));
  return {
    overflow: doc.scrollWidth - column,
    text: document.body.innerText,
    wide: Array.from(document.body.querySelectorAll("*"))
      .filter(e => sticksOut(e) && !e.closest("pre, table")).map(describe),
    unloaded: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
      .map(i => i.getAttribute("src")),
  };
}"""


def _captions(page: Page) -> dict[str, object]:
    """Wait for the video's metadata and the cues of its first track; say what loaded."""
    video = page.locator("video")
    with contextlib.suppress(PlaywrightTimeout):  # then said below: no cues, or no video
        page.wait_for_function(
            "(v => v.readyState >= 1 && v.textTracks[0]?.cues?.length > 0)"
            "(document.querySelector('video'))",
            timeout=EVENT_TIMEOUT_MS,
        )
    captions: dict[str, object] = video.evaluate(
        "v => ({tracks: v.textTracks.length, mode: v.textTracks[0]?.mode,"
        " cues: v.textTracks[0]?.cues?.length ?? 0, width: v.videoWidth})"
    )
    return captions


def _problems(imported_page: ImportedPage, page: Page, visit: _Visit, where: str) -> list[str]:
    problems = []
    if imported_page.kind == "video":
        captions = _captions(page)
        if captions["mode"] != "showing" or captions["cues"] == 0 or captions["width"] == 0:
            problems.append(f"{where}: captions or video not shown: {captions}")
    seen = page.evaluate(LOOK)
    if seen["overflow"] > 0:
        problems.append(f"{where}: the page scrolls sideways by {seen['overflow']} px")
    if "WEBVTT" in seen["text"] or "-->" in seen["text"]:
        problems.append(f"{where}: raw WebVTT shows as text")
    problems += [f"{where}: wider than the column: {element}" for element in seen["wide"]]
    problems += [f"{where}: {src} did not load" for src in seen["unloaded"]]
    problems += [f"{where}: {url} failed" for url in visit.failed]
    problems += [f"{where}: {url} left the platform" for url in visit.outside]
    return problems


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_imported_pages_fit_load_and_caption_in_chromium(
    imported_pages: list[ImportedPage], chromium_browser: Browser, server: str, width: int
) -> None:
    problems: list[str] = []
    for imported_page in imported_pages:
        page, visit = _open(chromium_browser, imported_page.url, server, width)
        where = f"{imported_page.package} {imported_page.source} at {width} px"
        problems += _problems(imported_page, page, visit, where)
        page.close()
    assert problems == [], "\n".join(problems)


def test_the_video_page_holds_captions_downloads_and_transcript(
    imported_pages: list[ImportedPage], chromium_browser: Browser, server: str
) -> None:
    videos = [p for p in imported_pages if p.kind == "video"]
    assert [p.package for p in videos] == ["cc11", "cc13"]
    for imported_page in videos:
        page, visit = _open(chromium_browser, imported_page.url, server, 390)
        captions = _captions(page)
        cues = captions["cues"]
        assert captions["tracks"] == 1 and isinstance(cues, int) and cues > 0
        downloads = page.locator(".moocstudio-downloads a")
        assert downloads.all_inner_texts() == ["360p", "540p", "720p"], imported_page.source
        assert "Transcription" in page.locator("body").inner_text()
        assert visit.failed == []
        page.close()
