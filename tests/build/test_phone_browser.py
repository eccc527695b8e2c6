"""The built site on a phone, in a real browser: Playwright driving Debian's chromium.

Every page is opened at 390x844 (and 320 px wide) from ``file://`` and from a local web server,
as a learner would open the offline zip or the same site served by a platform. Each visit fails
on a console error, a script error or a request that leaves the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest

from moocstudio.build import SiteTree
from tests.http_folder import serve_folder
from tests.waiting import EVENT_TIMEOUT_MS

if TYPE_CHECKING:
    from conftest import PhonePage
    from playwright.sync_api import ConsoleMessage, Page, Request, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}
NARROW: ViewportSize = {"width": 320, "height": 640}
PLAYED_SECONDS = 0.5
POLL_MS = 100
PLAYER = 'document.querySelector(".player video")'

# Chromium and Playwright come with the chromium_browser fixture (tests/conftest.py, through
# phone_page in tests/build/conftest.py), which skips, saying which is missing.
pytestmark = pytest.mark.slow


@dataclass
class Visit:
    """One page opened in the phone's browser, with what it logged and fetched."""

    page: Page
    package_url: str  # the site's folder as a file:// URL, or the server's root
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        """Keep console errors and warnings (a refused file is logged as an error)."""
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def on_request(self, request: Request) -> None:
        """Keep every URL the page asks for."""
        self.requests.append(request.url)

    def outside_requests(self) -> list[str]:
        """The requested URLs that are neither in the package nor made by the page itself."""
        # blob: URLs are made in the page from its own text (the inlined captions).
        return [
            url for url in self.requests if not url.startswith((self.package_url, "blob:", "data:"))
        ]

    def assert_clean(self) -> None:
        """No error logged, no script failed, nothing fetched from outside the package."""
        assert self.errors == [], self.page.url
        assert self.outside_requests() == [], self.page.url


@pytest.fixture(scope="module")
def server(site: SiteTree) -> Iterator[str]:
    """The built site served over http on a free local port: its base URL."""
    # The pages declare an empty icon, so the browser must not ask for /favicon.ico (a 404
    # would be logged as a console error and fail the test).
    with serve_folder(site.root) as url:
        yield url + "/"


@pytest.fixture(params=["file", "http"])
def site_url(request: pytest.FixtureRequest, site: SiteTree) -> str:
    """Where the site is opened from: its folder, or the local web server."""
    if request.param == "file":
        return site.root.as_uri() + "/"
    return str(request.getfixturevalue("server"))


class OpenPage(Protocol):
    """Signature of the ``open_page`` fixture."""

    def __call__(
        self, name: str, viewport: ViewportSize = ..., *, scripts: bool = ...
    ) -> Visit: ...


@pytest.fixture
def open_page(phone_page: PhonePage, site_url: str) -> OpenPage:
    """Factory: open a page of the site in a phone-sized tab that records what it does."""

    def open_(name: str, viewport: ViewportSize = PHONE, *, scripts: bool = True) -> Visit:
        page = phone_page(viewport=viewport, scripts=scripts)
        visit = Visit(page, package_url=site_url)
        page.on("console", visit.on_console)
        page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))
        page.on("request", visit.on_request)
        page.goto(site_url + name, wait_until="load")
        return visit

    return open_


def _html_pages(site: SiteTree) -> list[str]:
    return [name for name in site.files if name.endswith(".html")]


def _page_of_kind(site: SiteTree, kind: str) -> str:
    return next(page for page in site.pages.values() if f"/{kind}-" in page)


def _overflow(page: Page) -> int:
    return int(page.locator("html").evaluate("html => html.scrollWidth - html.clientWidth"))


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["390px", "320px"])
def test_every_page_fits_the_phone_and_stays_in_the_package(
    site: SiteTree, open_page: OpenPage, viewport: ViewportSize
) -> None:
    for name in _html_pages(site):
        visit = open_page(name, viewport)
        assert _overflow(visit.page) <= 0, f"{name} scrolls sideways at {viewport['width']} px"
        visit.assert_clean()


def _cue_count(vtt: Path) -> int:
    # One "start --> end" timing line per cue (WebVTT, section 4.1).
    return sum("-->" in line for line in vtt.read_text(encoding="utf-8").splitlines())


def test_the_video_plays_the_phone_rendition_with_captions(
    site: SiteTree, open_page: OpenPage
) -> None:
    name = _page_of_kind(site, "video")
    vtt = next(f for f in site.dependencies[name] if f.endswith(".vtt"))
    visit = open_page(name)
    page = visit.page
    video = page.locator(".player video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(f"{PLAYER}.currentTime > {PLAYED_SECONDS}", timeout=EVENT_TIMEOUT_MS)
    phone_rung = page.locator('source[data-label="360p"]').evaluate("s => s.src")
    assert video.evaluate("v => v.currentSrc") == phone_rung
    page.wait_for_function(f"{PLAYER}.textTracks[0]?.cues?.length > 0", timeout=EVENT_TIMEOUT_MS)
    track = video.evaluate(
        "v => ({mode: v.textTracks[0].mode, cues: v.textTracks[0].cues.length,"
        " language: v.textTracks[0].language})"
    )
    assert track == {"mode": "showing", "cues": _cue_count(site.root / vtt), "language": "fr"}
    # Over http the track loads the .vtt file; from file:// the copy inlined in the page.
    loaded_file = visit.package_url + vtt in visit.requests
    loaded_blob = any(url.startswith("blob:") for url in visit.requests)
    from_file = visit.package_url.startswith("file:")
    assert (loaded_file, loaded_blob) == (not from_file, from_file), visit.requests
    visit.assert_clean()


def test_without_scripts_the_video_still_plays_with_its_transcript(
    site: SiteTree, open_page: OpenPage
) -> None:
    visit = open_page(_page_of_kind(site, "video"), scripts=False)
    page = visit.page
    video = page.locator(".player video")
    # Playwright's own script, run however the page is set: a learner would tap play.
    video.evaluate("v => { v.muted = true; return v.play(); }")
    # wait_for_function polls with the page's own scripts, off here: poll from outside.
    for _ in range(EVENT_TIMEOUT_MS // POLL_MS):
        if video.evaluate("v => v.currentTime") > PLAYED_SECONDS:
            break
        page.wait_for_timeout(POLL_MS)
    assert video.evaluate("v => v.currentTime") > PLAYED_SECONDS, "the video does not play"
    # The first source, the smallest rung; no captions without the script, the transcript instead.
    first_source = page.locator(".player source").first.evaluate("s => s.src")
    assert video.evaluate("v => [v.currentSrc, v.textTracks.length]") == [first_source, 0]
    assert page.locator(".transcript").is_visible()
    visit.assert_clean()


def test_arrow_keys_change_slide(site: SiteTree, open_page: OpenPage) -> None:
    visit = open_page(_page_of_kind(site, "slides"))
    page = visit.page
    shown = '() => Array.from(document.querySelectorAll(".slide")).findIndex(s => !s.hidden)'
    assert page.evaluate(shown) == 0
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(shown) == 2
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(shown) == 1
    visit.assert_clean()
