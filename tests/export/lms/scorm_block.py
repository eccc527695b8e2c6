"""Open edX's SCORM XBlock in the XBlock SDK workbench, as the LMS tests use it.

The workbench runs as a server process (``lms_workbench.py``); this module starts it and reads
what the block stored and published, and drives the block in Chromium as an author (the block's
Studio form) and as learners (the block's page, with the package in its iframe).
"""

from __future__ import annotations

import json
import os
import re
import selectors
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import lxml.html
import pytest

from moocstudio.export.formats import ScoStructure
from moocstudio.model import Item, Quiz, SlideDeck, Video
from tests.quiz_course import answer_and_submit, right_answers
from tests.waiting import EVENT_TIMEOUT_MS, EVENT_TIMEOUT_S

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Error,
        Frame,
        Page,
        ViewportSize,
    )

LAUNCHER = Path(__file__).with_name("lms_workbench.py")
READY = re.compile(r"Starting development server at (http://127\.0\.0\.1:\d+)/")
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
LEARNER = "learner"

FORMATS = ("scorm12", "scorm2004")
STRUCTURES: tuple[ScoStructure, ...] = ("single", "per-item")
SCENARIOS = [f"{fmt}-{sco}" for fmt in FORMATS for sco in STRUCTURES] + [
    f"{fmt}-per-item-menu" for fmt in FORMATS
]
"""One SCORM block (with the block's defaults) per scenario; each test uploads into its own."""

# The names each SCORM version gives what the block stores.
STATUS = {"scorm12": "cmi.core.lesson_status", "scorm2004": "cmi.completion_status"}
LOCATION = {"scorm12": "cmi.core.lesson_location", "scorm2004": "cmi.location"}
EXIT = {"scorm12": "cmi.core.exit", "scorm2004": "cmi.exit"}
VERDICT = {"scorm12": "cmi.core.lesson_status", "scorm2004": "cmi.success_status"}
RAW = {"scorm12": "cmi.core.score.raw", "scorm2004": "cmi.score.raw"}
SUSPEND_DATA = "cmi.suspend_data"
PROGRESS = "cmi.progress_measure"

# Studio's JavaScript runtime gives blocks ``notify`` (the form shows "Saving", closes on "save
# end", reports errors with it); the workbench's runtime has none, so the block's Save button
# would stop at a TypeError before uploading. This stand-in records the notices.
STUDIO_NOTIFY = """() => {
  window.studioNotices = [];
  RuntimeProvider.getRuntime(1).notify = function (kind, data) {
    window.studioNotices.push([kind, data]);
  };
}"""
# The URL of the course page in the launch page in the block's iframe, once loaded (and, given
# a path, once it is that page); all three are on the workbench's origin.
SHOWN = r"""(expected) => {
  var block = document.querySelector("iframe.scorm-embedded");
  var launch = block && block.contentDocument;
  var content = launch && launch.getElementById("moocstudio-content");
  var page = content && content.contentDocument;
  var url = page && page.readyState === "complete" && content.contentWindow.location.href;
  var path = url && url.split("#")[0];
  return path && /\/assets_proxy\/.+\.html$/.test(path) &&
    (!expected || path.endsWith("/assets_proxy/" + expected)) && url;
}"""
# Records the package's SetValue calls in the block's page: the block's script defines its SCORM
# API object (API, API_1484_11) as a global when the page is ready; this wraps the object's
# SetValue as it is defined, and still hands every call to the block.
RECORD_SET_VALUE = """if (window === window.top) {
  window.scormCalls = [];
  ["API", "API_1484_11"].forEach(function (name) {
    var api;
    Object.defineProperty(window, name, {
      configurable: true,
      get: function () { return api; },
      set: function (value) {
        api = value;
        ["LMSSetValue", "SetValue"].forEach(function (verb) {
          var blockSetValue = value && value[verb];
          if (typeof blockSetValue !== "function") { return; }
          value[verb] = function (element, given) {
            window.scormCalls.push([String(element), String(given)]);
            return blockSetValue.apply(this, arguments);
          };
        });
      }
    });
  });
  // Counts the values the block has had answered (each scorm_set_values request carries some),
  // answered well or not, so a wait ends on a refused request too instead of running out.
  window.scormAnswered = 0;
  window.scormRefused = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.scormUrl = String(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (this.scormUrl.indexOf("/scorm_set_values/") >= 0 && typeof body === "string") {
      var request = this;
      var count = JSON.parse(body).length;
      request.addEventListener("loadend", function () {
        window.scormAnswered += count;
        if (request.status !== 200) {
          var said = String(request.responseText).slice(0, 300);
          window.scormRefused.push(request.status + " " + said);
        }
      });
    }
    return send.apply(this, arguments);
  };
}"""
SET = """([element, value, since]) => window.scormCalls.slice(since).some(
  ([name, given]) => name === element && (value === null || given === value))"""
ANSWERED = "() => window.scormAnswered >= window.scormCalls.length"
STATE = "() => [window.scormCalls, window.scormAnswered, window.scormRefused]"
SAVED = """() => window.studioNotices.some(
  ([kind, data]) => kind === "error" || (kind === "save" && data.state === "end"))"""

# Plays the page's video muted at 16x until ``share`` of it, then pauses; resolves after the
# pause has been handled by every listener added before this one (tracking.js's among them).
PLAY = """(share) => new Promise((resolve, reject) => {
  var video = document.querySelector(".player video");
  video.muted = true;
  video.playbackRate = 16;
  video.addEventListener("timeupdate", function check() {
    if (video.currentTime >= share * video.duration || video.ended) {
      video.removeEventListener("timeupdate", check);
      video.addEventListener("pause", () => resolve(video.currentTime / video.duration),
                             {once: true});
      video.pause();
    }
  });
  video.play().catch(reject);
})"""


@dataclass(frozen=True)
class Workbench:
    """The workbench server: its address and its data folder."""

    url: str
    data: Path

    def state(self, scenario: str, student: str) -> dict[str, Any]:
        """The block's fields for ``student`` (scope user_state), as the database holds them."""
        database = self.data / "db.sqlite3"
        # As patient as the server (see lms_workbench_settings): a write may hold the lock.
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=300)
        with closing(connection) as db:
            row = db.execute(
                "SELECT state FROM workbench_xblockstate"
                " WHERE scope = 'usage' AND scenario = ? AND user_id = ?",
                (scenario, student),
            ).fetchone()
        return json.loads(row[0]) if row else {}

    def published(self, scenario: str, student: str, event_type: str) -> list[dict[str, Any]]:
        """What the block published of ``event_type`` for ``student``, in order."""
        events = self.data / "events.jsonl"
        records = [json.loads(line) for line in events.read_text("utf-8").splitlines()]
        return [
            record["data"]
            for record in records
            if record["type"] == event_type
            and record["student"] == student
            and record["usage"].startswith(f"{scenario}.")
        ]


def start_workbench(data: Path, scenarios: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    """Start the workbench with one block per scenario, its files in ``data``; its address."""
    log = data / "server.log"
    with log.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            [sys.executable, str(LAUNCHER), str(data), *scenarios],
            stdin=subprocess.PIPE,  # the server exits when this closes
            stdout=subprocess.PIPE,
            stderr=log_file,
            cwd=data,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        return process, _wait_until_ready(process, log)
    except BaseException:
        stop(process)
        raise


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the workbench (SIGTERM, then SIGKILL if it hangs)."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            pipe.close()


def _wait_until_ready(process: subprocess.Popen[bytes], log: Path) -> str:
    """The server's address, once it says the port is bound; fail with its log if it dies."""
    assert process.stdout is not None
    output = process.stdout.fileno()
    said = b""
    deadline = time.monotonic() + EVENT_TIMEOUT_S
    with selectors.DefaultSelector() as selector:
        selector.register(output, selectors.EVENT_READ)
        while (remaining := deadline - time.monotonic()) > 0 and selector.select(remaining):
            chunk = os.read(output, 4096)  # what is there, unbuffered: no line waits unseen
            if not chunk:
                pytest.fail(f"the workbench stopped ({process.wait()}):\n{log.read_text()[-3000:]}")
            said += chunk
            if found := READY.search(said.decode("utf-8", "replace")):
                return found[1]
    pytest.fail(f"the workbench did not start in {EVENT_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


@dataclass
class Visit:
    """A learner's tab on the block, with the values the package set and the block answered."""

    page: Page
    elsewhere: str
    """A page of the LMS away from the block, where the learner goes when leaving it."""
    sent: list[tuple[str, str]] = field(default_factory=list)
    """The package's SetValue calls (element, value), in order, as of the last ``settle``."""
    errors: list[str] = field(default_factory=list)
    started_on: str = ""
    """The package page shown when the block opened."""
    line_on_opening: str = ""
    """The block's line above the package as the LMS rendered it: "(0/1 points) incomplete"."""

    def note(self, message: ConsoleMessage) -> None:
        """Keep the package's own console errors (not the block's or the workbench's)."""
        if message.type == "error" and "/assets_proxy/" in message.location.get("url", ""):
            self.errors.append(f"{message.text} {message.location}")

    def note_exception(self, error: Error) -> None:
        """Keep the package's own uncaught exceptions."""
        if "/assets_proxy/" in (error.stack or ""):
            self.errors.append(f"{error} {error.stack}")

    def values(self, element: str) -> list[str]:
        """The values the package set to ``element``, in order."""
        return [value for name, value in self.sent if name == element]

    def settle(self) -> None:
        """Wait until the block has answered every value the package has set so far (it sends
        them in order, each once, one request at a time)."""
        self._wait(ANSWERED, None, "the block to answer every value")

    def wait_set(self, element: str, value: str | None = None, since: int = 0) -> None:
        """Wait until the package sets ``element`` (to ``value``, if given) in a call after the
        first ``since``, and the block has answered it and all before it."""
        self._wait(SET, [element, value, since], f"{element} = {value!r} after call {since}")
        self.settle()

    def _wait(self, condition: str, arg: object, what: str) -> None:
        # A wait that runs out says what the package set and the block answered by then.
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(condition, arg=arg, timeout=EVENT_TIMEOUT_MS)
            timed_out = False
        except PlaywrightTimeout:
            timed_out = True
        calls, answered, refused = self.page.evaluate(STATE)
        self.sent = [(name, value) for name, value in calls]
        assert not refused, f"the block refused values: {refused}"
        if timed_out:
            shown = self.page.evaluate(SHOWN, None)
            pytest.fail(
                f"waited {EVENT_TIMEOUT_MS // 1000} s for {what}; the block answered {answered} "
                f"of {len(calls)} values; the last ones set: {calls[-8:]}; shown: {shown}"
            )

    def shown(self, expected: str | None = None) -> str:
        """The package page the learner sees (its path in the package), once it has loaded;
        with ``expected``, wait until it is that page."""
        found = self.page.wait_for_function(
            SHOWN, arg=expected, timeout=EVENT_TIMEOUT_MS
        ).json_value()
        return str(found).split("/assets_proxy/", 1)[1].split("#")[0]

    def content(self) -> Frame:
        """The frame of the course page the learner sees."""
        self.shown()
        launch = self.page.frame_locator("iframe.scorm-embedded")
        handle = launch.locator("#moocstudio-content").element_handle(timeout=EVENT_TIMEOUT_MS)
        frame = handle.content_frame()
        assert frame is not None
        return frame

    def follow(self, selector: str, location: str) -> str:
        """Click a link of the course page; return the page it opens, once the block has it as
        the bookmark (``location``: the version's name for it)."""
        frame = self.content()
        target = frame.locator(selector).first.get_attribute("href", timeout=EVENT_TIMEOUT_MS)
        assert target is not None, selector
        expected = urljoin(frame.url, target).split("#")[0].split("/assets_proxy/", 1)[1]
        self.settle()
        since = len(self.sent)
        frame.click(selector, timeout=EVENT_TIMEOUT_MS)
        shown = self.shown(expected)
        self.wait_set(location, shown, since)
        return shown

    def leave(self) -> None:
        """The learner goes elsewhere in the LMS (the block's page is hidden and unloaded),
        once the block has every value set so far."""
        self.settle()
        self.page.goto(self.elsewhere)
        self.page.context.close()


@dataclass
class ScormBlock:
    """The SCORM block in the workbench, as its author and learners use it in Chromium: each in
    a browser context of its own (cookies, storage), learners on a phone unless told otherwise."""

    browser: Browser
    workbench: Workbench
    opened: list[Visit] = field(default_factory=list)

    def upload(self, scenario: str, package: Path, menu: bool = False) -> None:
        """The author uploads ``package`` with the block's Studio form, on a desktop (``menu``:
        with the block's table of contents on)."""
        context = self.browser.new_context(viewport=DESKTOP)
        try:
            page = context.new_page()
            page.goto(f"{self.workbench.url}/scenario/{scenario}/studio_view/")
            page.evaluate(STUDIO_NOTIFY)
            if menu:
                page.select_option("select[name=enable_navigation_menu]", "1")
            page.set_input_files("#scorm_file", package)
            page.click(".save-button")
            page.wait_for_function(SAVED, timeout=EVENT_TIMEOUT_MS)
            notices = page.evaluate("window.studioNotices")
            assert ["save", {"state": "end"}] in notices, notices
        finally:
            context.close()

    def stored(self, scenario: str, student: str = LEARNER) -> dict[str, Any]:
        """The block's fields for ``student`` (see ``Workbench.state``)."""
        return self.workbench.state(scenario, student)

    def open(self, scenario: str, student: str = LEARNER, screen: ViewportSize = PHONE) -> Visit:
        """A learner opens the block of ``scenario``; wait until the package shows a page."""
        context = self.browser.new_context(viewport=screen)
        context.add_init_script(RECORD_SET_VALUE)
        page = context.new_page()
        tab = Visit(page, elsewhere=f"{self.workbench.url}/")
        self.opened.append(tab)
        page.on("console", tab.note)
        page.on("pageerror", tab.note_exception)
        response = page.goto(f"{self.workbench.url}/scenario/{scenario}/?student={student}")
        assert response is not None and response.ok
        tab.line_on_opening = block_line(response.text())
        tab.started_on = tab.shown()
        return tab

    def close(self) -> None:
        """Close the tabs a failed test left open."""
        for tab in self.opened:
            if not tab.page.is_closed():
                tab.page.context.close()


def step_through(tab: Visit, item: Item, language: str) -> None:
    """What a learner does on an item's page: every slide with the deck's Next, the video, or
    the quiz answered right (read in the course's ``language``) and submitted."""
    frame = tab.content()
    if isinstance(item, SlideDeck):
        following = frame.locator(".deck-next")
        for _ in item.slides[1:]:
            following.click(timeout=EVENT_TIMEOUT_MS)
        assert following.is_disabled()  # the last slide
    elif isinstance(item, Video):
        assert frame.evaluate(PLAY, 0.95) >= 0.95
    elif isinstance(item, Quiz):
        answer_and_submit(frame, item, right_answers(item, language))
        result = frame.locator("#quiz-result")
        result.filter(has_text="(100\u00a0%)").wait_for(timeout=EVENT_TIMEOUT_MS)


def block_line(html: str) -> str:
    """The line the block's page shows above the package: "(0/1 points) completed"."""
    lines = lxml.html.fromstring(html).xpath("//div[contains(@class, 'scorm-xblock')]/p[1]")
    return " ".join(lines[0].text_content().split()) if lines else ""
