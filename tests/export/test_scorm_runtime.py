"""The SCORM runtime (launch pages + assets/scorm.js) in a real Chromium, talking to a fake LMS.

The sample course's site is built as a SCORM package builds it and served over HTTP on
127.0.0.1. A test-only harness page plays the LMS: it defines a recording ``API`` (SCORM 1.2) or
``API_1484_11`` (2004) that stores every value and call, also in localStorage so the record
survives the harness navigating away, and shows the launch page in an iframe, as an LMS does.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from moocstudio.build import SiteTree, build_site
from moocstudio.build.labels import labels_for
from moocstudio.export.formats import ScoStructure
from moocstudio.export.scorm_launch import (
    ScormVersion,
    launch_files,
    scorm_site_options,
)
from moocstudio.model import Course, GradedQuiz, GradingPolicy, Module, Quiz, Video
from tests.quiz_course import (
    BOTH_RIGHT,
    BOTH_WRONG,
    ONE_RIGHT,
    RIGHT,
    WRONG,
    answer_and_submit,
    every_type_quiz,
    quiz_course,
    right_answers,
    two_question_quiz,
    wrong_answers,
)
from tests.waiting import EVENT_TIMEOUT_MS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Frame, Locator, Page


# Every test that opens a browser: slow, and skipped (by its fixture) without Chromium.
in_browser = pytest.mark.slow

# The names each SCORM version gives the same things (what the harness and the asserts read).
CMI: dict[str, dict[str, str]] = {
    "1.2": {
        "api": "API",
        "initialize": "LMSInitialize",
        "get": "LMSGetValue",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
        "terminate": "LMSFinish",
        "entry": "cmi.core.entry",
        "status": "cmi.core.lesson_status",
        "location": "cmi.core.lesson_location",
        "exit": "cmi.core.exit",
        "session_time": "cmi.core.session_time",
        "fresh_status": "not attempted",
        "score_raw": "cmi.core.score.raw",
        "score_min": "cmi.core.score.min",
        "score_max": "cmi.core.score.max",
    },
    "2004": {
        "api": "API_1484_11",
        "initialize": "Initialize",
        "get": "GetValue",
        "set": "SetValue",
        "commit": "Commit",
        "terminate": "Terminate",
        "entry": "cmi.entry",
        "status": "cmi.completion_status",
        "location": "cmi.location",
        "exit": "cmi.exit",
        "session_time": "cmi.session_time",
        "fresh_status": "unknown",
        "score_raw": "cmi.score.raw",
        "score_min": "cmi.score.min",
        "score_max": "cmi.score.max",
    },
}
# Full marks, where the format has a score: what a completed course without graded quizzes
# reports, and the score of a quiz answered right.
FULL_MARKS = {
    "1.2": {"cmi.core.score.min": "0", "cmi.core.score.max": "100", "cmi.core.score.raw": "100"},
    "2004": {
        "cmi.score.min": "0",
        "cmi.score.max": "100",
        "cmi.score.raw": "100",
        "cmi.score.scaled": "1",
    },
}
SESSION_TIME = {
    "1.2": re.compile(r"\d{4}:\d{2}:\d{2}\.\d{2}"),
    "2004": re.compile(r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S"),
}
SUSPEND_DATA = "cmi.suspend_data"

# scorm-again (npm, pinned in scorm_again/package.json): a SCORM runtime that keeps the cmi data
# and checks every call and value against the data model, as an LMS's API does.
SCORM_AGAIN = Path(__file__).parent / "scorm_again/node_modules/scorm-again/dist/scorm-again.js"
LMS_KINDS = ["recording", "scorm-again"]

# The LMS side, for tests only. setup (in the URL's fragment): {version, launch, values}.
# harness.html answers every call itself; harness-scorm-again.html has scorm-again answer them.
# Both record every call (and scorm-again's error codes), also in localStorage.
HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS harness</title>
<link rel="icon" href="data:,">
<style>
  html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; }
</style>
<!-- the LMS's API -->
<script>
(function () {
  var setup = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  var lms = { values: setup.values, calls: [], errors: [] };
  window.lms = lms;
  var again = null;
  if (window.Scorm12API) {
    again = setup.version === "1.2" ? new Scorm12API({logLevel: 5}) :
      new Scorm2004API({logLevel: 5});
    var known = {};  // what the LMS restores (an empty value is no value)
    for (var key in setup.values) { if (setup.values[key]) { known[key] = setup.values[key]; } }
    again.loadFromFlattenedJSON(known);
  }
  // scorm-again's answer, when it is there, noting any error it reports but 2004's 403 to a
  // GetValue: "not initialized", the answer for an element that holds no value yet.
  function answer(verb, args, lastError, fallback) {
    if (!again) { return fallback; }
    var result = String(again[verb].apply(again, args));
    var code = String(again[lastError]());
    if (code !== "0" && !(verb === "GetValue" && code === "403")) {
      lms.errors.push([verb].concat(args, [code]));
    }
    return result;
  }
  function record(call, result) {
    lms.calls.push(call);
    localStorage.setItem("lms", JSON.stringify(lms));
    return result;
  }
  function verbs(init, get, set, commit, end, lastError) {
    var api = {};
    // setup.refuse: Initialize answers "false" with that error code (e.g. already initialized).
    api[init] = function (empty) {
      var result = setup.refuse ? "false" : answer(init, [empty], lastError, "true");
      return record([init, empty], result);
    };
    api[lastError] = function () { return again ? again[lastError]() : setup.refuse || "0"; };
    // What an LMS answers for a list's _count it was never told: the entries it holds.
    function counted(key) {
      var list = /^(.*)\\._count$/.exec(key);
      if (!list) { return ""; }
      var seen = {};
      for (var held in lms.values) {
        var entry = held.slice(0, list[1].length + 1) === list[1] + "." &&
          /^(\\d+)\\./.exec(held.slice(list[1].length + 1));
        if (entry) { seen[entry[1]] = true; }
      }
      return String(Object.keys(seen).length);
    }
    api[get] = function (key) {
      var held = lms.values.hasOwnProperty(key) ? lms.values[key] : counted(key);
      var result = answer(get, [key], lastError, held);
      return record([get, key, result], result);
    };
    api[set] = function (key, value) {
      lms.values[key] = value;
      return record([set, key, value], answer(set, [key, value], lastError, "true"));
    };
    api[commit] = function (empty) {
      return record([commit, empty], answer(commit, [empty], lastError, "true"));
    };
    api[end] = function (empty) {
      return record([end, empty], answer(end, [empty], lastError, "true"));
    };
    return api;
  }
  function offerApi() {
    if (setup.version === "1.2") {
      window.API = verbs(
        "LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish", "LMSGetLastError"
      );
    } else {
      window.API_1484_11 = verbs(
        "Initialize", "GetValue", "SetValue", "Commit", "Terminate", "GetLastError"
      );
    }
  }
  // setup.late: the API appears only once the SCO's launch page has loaded (and so has looked
  // for it once), while this page is still loading, as Open edX's SCORM block makes it.
  if (!setup.late) { offerApi(); }
  addEventListener("DOMContentLoaded", function () {
    if (setup.late) {
      document.getElementById("sco").addEventListener("load", offerApi, { once: true });
    }
    if (setup.popup) {
      window.open(setup.launch, "sco");  // some LMSs launch SCOs in a new window
    } else {
      document.getElementById("sco").src = setup.launch;
    }
  });
}());
</script></head>
<body><iframe id="sco" title="SCO"></iframe></body></html>
"""
# The path of the page the launch page shows, once loaded, relative to the server's root.
SHOWN = """() => {
  var sco = document.getElementById("sco");
  var launch = sco && sco.contentDocument;
  var content = launch && launch.getElementById("moocstudio-content");
  var page = content && content.contentDocument;
  return page && page.readyState === "complete" && page.body && content.contentWindow.location.href;
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        """Keep the test output clean."""


@dataclass
class Served:
    """The folder served on 127.0.0.1 and its URL."""

    root: Path
    url: str
    built: dict[tuple[str, str, str], Package] = field(default_factory=dict)


@dataclass(frozen=True)
class Package:
    """One package's files, unzipped in a served folder."""

    folder: Path
    url: str
    launches: dict[str | None, str]
    course: Course


@dataclass
class Session:
    """A browser tab on the harness, with everything it did that a test may reject."""

    page: Page
    served: Served
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def values(self) -> dict[str, str]:
        """The cmi data the LMS holds now."""
        return dict(self.page.evaluate("window.lms.values"))

    def calls(self, verb: str) -> list[list[str]]:
        """The API calls made so far to ``verb``."""
        return [c for c in self.page.evaluate("window.lms.calls") if c[0] == verb]

    def wait_value(self, key: str, value: str) -> None:
        """Wait until the LMS holds ``value`` for ``key``."""
        self.page.wait_for_function(
            "([key, value]) => window.lms.values[key] === value",
            arg=[key, value],
            timeout=EVENT_TIMEOUT_MS,
        )

    def shown(self) -> str:
        """The page the launch page shows, relative to its package (once loaded)."""
        url = str(self.page.wait_for_function(SHOWN, timeout=EVENT_TIMEOUT_MS).json_value())
        return url.split("/", 4)[-1]

    def content(self) -> Frame:
        """The frame of the course page the learner sees."""
        self.shown()
        frame = self.page.main_frame.child_frames[0].child_frames[0]
        return frame

    def leave(self) -> dict[str, Any]:
        """Navigate the harness away (the LMS closes the SCO); return the LMS's final record."""
        self.page.goto(f"{self.served.url}/blank.html")
        return dict(self.page.evaluate("JSON.parse(localStorage.getItem('lms'))"))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An HTTP server on 127.0.0.1 (a free port) over a fresh folder."""
    root = tmp_path_factory.mktemp("served")
    (root / "blank.html").write_text(
        '<!DOCTYPE html><title>left</title><link rel="icon" href="data:,">', encoding="utf-8"
    )
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


def _write_package(
    served: Served,
    name: str,
    course: Course,
    site: SiteTree,
    version: ScormVersion,
    structure: ScoStructure,
) -> Package:
    """Write the launch files beside ``site`` (already in its served folder), and the harness."""
    files = launch_files(course, site, version, structure)
    for entry, source in files.entries:
        target = site.root / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source if isinstance(source, bytes) else source.read_bytes())
    (site.root / "harness.html").write_text(HARNESS, encoding="utf-8")
    if SCORM_AGAIN.is_file():
        (site.root / "scorm-again.js").write_bytes(SCORM_AGAIN.read_bytes())
        with_again = HARNESS.replace(
            "<!-- the LMS's API -->", '<script src="scorm-again.js"></script>'
        )
        (site.root / "harness-scorm-again.html").write_text(with_again, encoding="utf-8")
    return Package(site.root, f"{served.url}/{name}", dict(files.launches), course)


@pytest.fixture(scope="module")
def package(served: Served, sample: tuple[Path, Course]) -> Callable[..., Package]:
    """Factory: the sample course as a package of ``version`` and ``structure``, built once."""
    folder, course = sample

    def make(version: ScormVersion, structure: ScoStructure, language: str = "") -> Package:
        key = (version, structure, language)
        if key not in served.built:
            name = f"scorm{version.replace('.', '')}-{structure}{language and '-' + language}"
            in_language = course.model_copy(update={"language": language or course.language})
            options = scorm_site_options(structure)
            site = build_site(folder, in_language, served.root / name, options)
            served.built[key] = _write_package(served, name, in_language, site, version, structure)
        return served.built[key]

    return make


@pytest.fixture
def browse(chromium_browser: Browser, served: Served) -> Iterator[Callable[[str], Session]]:
    """Factory: a fresh tab (own storage) at a phone's size on ``url``, recording its problems."""
    contexts = []

    def open_tab(url: str) -> Session:
        context = chromium_browser.new_context(viewport={"width": 390, "height": 844})
        contexts.append(context)
        page = context.new_page()
        session = Session(page, served)
        page.on("console", lambda m: _note_error(session, m))
        page.on("pageerror", lambda exc: session.errors.append(str(exc)))
        context.on("request", lambda request: session.requests.append(request.url))
        page.goto(url)  # returns once loaded, the frames' pages included
        return session

    yield open_tab
    for context in contexts:
        context.close()


def _note_error(session: Session, message: ConsoleMessage) -> None:
    if message.type == "error":
        session.errors.append(f"{message.text} {message.location}")


@pytest.fixture
def launch(browse: Callable[[str], Session]) -> Callable[..., Session]:
    """Factory: the harness (the LMS) holding cmi data ``values``, launching ``launch_page``."""

    def open_session(
        pkg: Package,
        version: ScormVersion,
        launch_page: str,
        values: dict[str, str],
        popup: bool = False,
        refuse: str = "",
        lms: str = "recording",
        late: bool = False,
    ) -> Session:
        setup = {
            "version": version,
            "launch": launch_page,
            "values": values,
            "popup": popup,
            "refuse": refuse,
            "late": late,
        }
        harness = "harness.html"
        if lms == "scorm-again":
            if not SCORM_AGAIN.is_file():
                pytest.skip("needs scorm-again: (cd tests/export/scorm_again && npm ci)")
            harness = "harness-scorm-again.html"
        return browse(f"{pkg.url}/{harness}#{quote(json.dumps(setup))}")

    return open_session


def _fresh(version: ScormVersion) -> dict[str, str]:
    """The cmi data of a first attempt."""
    names = CMI[version]
    return {names["entry"]: "ab-initio", names["status"]: names["fresh_status"]}


def _resumed(version: ScormVersion, record: dict[str, Any]) -> dict[str, str]:
    """The cmi data an LMS hands back on the next launch after a suspended session."""
    names = CMI[version]
    values = dict(record["values"])
    values[names["entry"]] = "resume" if values.get(names["exit"]) == "suspend" else ""
    return values


def _only_local(session: Session) -> None:
    """Nothing was fetched from anywhere but the test's server or the disk."""
    for url in session.requests:
        assert url.startswith((session.served.url + "/", "file://", "data:", "blob:")), url


def _play(frame: Frame, start: float = 0.0, until: float = 1.0) -> None:
    """Play the page's video muted at 16x from ``start`` to ``until`` (fractions of it)."""
    frame.evaluate(
        """([start, until]) => new Promise((resolve) => {
          var video = document.querySelector(".player video");
          function go() {
            video.muted = true;
            video.playbackRate = 16;
            video.currentTime = start * video.duration;
            video.addEventListener("timeupdate", function check() {
              if (video.currentTime >= until * video.duration || video.ended) {
                video.removeEventListener("timeupdate", check);
                video.pause();
                resolve();
              }
            });
            video.play();
          }
          if (video.readyState >= 1) { go(); }
          else { video.addEventListener("loadedmetadata", go); }
        })""",
        [start, until],
    )


def _follow(session: Session, selector: str) -> str:
    """Click a link in the course page (as the learner does); return the page it opens."""
    before = session.shown()
    session.content().click(selector)
    session.page.wait_for_function(
        f"() => ({SHOWN})() && !({SHOWN})().endsWith({json.dumps('/' + before)})",
        timeout=EVENT_TIMEOUT_MS,
    )
    return session.shown()


def _wait_viewed(session: Session, version: ScormVersion, page: str) -> None:
    session.wait_value(CMI[version]["location"], page)


def _read_every_item(
    session: Session,
    version: ScormVersion,
    course: Course,
    watch_until: float,
    answer_quizzes: bool = True,
) -> str:
    """From the home page, every item in turn by its "next" link, each video played from its
    start to ``watch_until`` (a fraction of it) and its progress recorded, each quiz answered
    right (unless ``answer_quizzes`` is false: then only opened); return the last page."""
    items = course.all_items()
    page = _follow(session, f'a[href="items/{items[0].id}.html"]')
    for item in items:
        if item is not items[0]:
            page = _follow(session, "a[rel=next]")
        _wait_viewed(session, version, page)
        if isinstance(item, Video):
            _changes_progress(session, lambda: _play(session.content(), 0.0, watch_until))
        elif isinstance(item, Quiz) and answer_quizzes:
            _answer_right(session, version, course, item)
    return page


def _changes_progress(session: Session, act: Callable[[], None]) -> None:
    """Do ``act`` and wait until the LMS holds the progress it changed."""
    before = session.values[SUSPEND_DATA]
    act()
    session.page.wait_for_function(
        "([key, old]) => window.lms.values[key] !== old",
        arg=[SUSPEND_DATA, before],
        timeout=EVENT_TIMEOUT_MS,
    )


def _answer_right(session: Session, version: ScormVersion, course: Course, quiz: Quiz) -> None:
    """Answer ``quiz`` (shown) right, as a learner reading the course's language does; wait
    until the LMS holds an interaction per question, each correct."""
    first = _interaction_count(session)
    answer_and_submit(session.content(), quiz, right_answers(quiz, course.language))
    last = first + len(quiz.questions) - 1
    session.wait_value(f"cmi.interactions.{last}.result", "correct")
    values = session.values
    for n, question in enumerate(quiz.questions, first):
        assert values[f"cmi.interactions.{n}.id"] == f"{quiz.id}.{question.id}"
        assert values[f"cmi.interactions.{n}.result"] == "correct", question.stem.source
        assert values[f"cmi.interactions.{n}.weighting"] == f"{question.points:g}"


def _interaction_count(session: Session) -> int:
    """How many interactions the LMS holds."""
    return len({key.split(".")[2] for key in session.values if key.startswith("cmi.interactions.")})


def _the_quiz(course: Course) -> Quiz:
    """The sample course's quiz (its only one)."""
    (quiz,) = _quizzes(course)
    return quiz


def _verdict(version: ScormVersion) -> str:
    """Where a version says passed or failed."""
    return CMI[version]["status"] if version == "1.2" else "cmi.success_status"


@in_browser
@pytest.mark.parametrize("lms", LMS_KINDS)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_single_sco_completes_once_everything_is_seen_and_the_quiz_passed_and_resumes(
    package: Callable[..., Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    lms: str,
) -> None:
    pkg = package(version, "single")
    names = CMI[version]
    items = pkg.course.all_items()
    video_page = next(f"items/{i.id}.html" for i in items if isinstance(i, Video))
    quiz = _the_quiz(pkg.course)
    quiz_page = f"items/{quiz.id}.html"
    assert items[-1] is quiz  # the course ends with it

    first = launch(pkg, version, pkg.launches[None], _fresh(version), lms=lms)
    assert first.shown() == "index.html"
    first.wait_value(names["status"], "incomplete")
    assert first.values[names["exit"]] == "suspend"
    # Every item viewed, the video played only to two thirds, the quiz opened but not answered:
    # not complete yet, and no score.
    page = _read_every_item(first, version, pkg.course, watch_until=0.66, answer_quizzes=False)
    assert page == quiz_page
    assert first.values[names["status"]] == "incomplete"
    if version == "2004":
        assert first.values["cmi.progress_measure"] == "0.6"  # 3 of 5 items done
    record = first.leave()
    _assert_session_closed(record, version)
    assert len(record["values"][SUSPEND_DATA]) <= 4096
    assert record["values"][names["exit"]] == "suspend"
    assert not {names["score_raw"], "cmi.success_status"} & set(record["values"])

    # Next session: the last page again, the video's first two thirds remembered, so playing
    # its last half (alone not 90 %) watches it; the quiz, still unanswered, keeps the course
    # incomplete until the learner answers it.
    second = launch(pkg, version, pkg.launches[None], _resumed(version, record), lms=lms)
    assert second.shown() == page
    # The progress read back (decoded and encoded again) is the same, so it is not sent again.
    assert [c for c in second.calls(names["set"]) if c[1] == SUSPEND_DATA] == []
    assert second.values[names["status"]] == "incomplete"
    second.content().evaluate(f"location.href = '../{video_page}'")
    _wait_viewed(second, version, video_page)
    _changes_progress(second, lambda: _play(second.content(), 0.5, 1.0))
    assert second.values[names["status"]] == "incomplete"
    if version == "2004":
        assert second.values["cmi.progress_measure"] == "0.8"  # 4 of 5: the quiz is left
    second.content().evaluate(f"location.href = '../{quiz_page}'")
    _wait_viewed(second, version, quiz_page)
    _answer_right(second, version, pkg.course, quiz)
    # 1.2 says both in one status: passed (more than completed); 2004 says each on its own.
    second.wait_value(names["status"], "passed" if version == "1.2" else "completed")
    done = second.values
    assert done[names["exit"]] == "suspend"  # the attempt stays open: the LMS ends it
    if version == "2004":
        assert done["cmi.progress_measure"] == "1"
        assert done["cmi.success_status"] == "passed"  # 100 % against the course's 50 %
    record = second.leave()
    _assert_session_closed(record, version)
    _assert_score(record["calls"], version, FULL_MARKS[version])  # the quiz's score: all right

    # A third launch of a completed, passed course keeps it so: nothing sent again.
    third = launch(pkg, version, pkg.launches[None], _resumed(version, record), lms=lms)
    assert third.shown() == quiz_page
    third.page.wait_for_function("window.lms.calls.length > 3", timeout=EVENT_TIMEOUT_MS)
    for key in (names["status"], "cmi.success_status", *FULL_MARKS[version]):
        assert [c for c in third.calls(names["set"]) if c[1] == key] == [], key
    for session in (first, second, third):
        assert session.errors == []
        _only_local(session)


def _read_at_launch(calls: list[list[str]], version: ScormVersion, key: str) -> str | None:
    """What the LMS answered when the runtime first asked for ``key``."""
    verb = CMI[version]["get"]
    return next((call[2] for call in calls if call[0] == verb and call[1] == key), None)


def _assert_score(calls: list[list[str]], version: ScormVersion, score: dict[str, str]) -> None:
    """The LMS ends up holding ``score`` (each of the version's score elements; empty: no score
    known), each value sent once, and only if it did not hold it."""
    assert not score or set(score) == set(FULL_MARKS[version])
    for key in FULL_MARKS[version]:
        sent = _set_values(calls, version, key)
        if key not in score:
            assert sent == [], key
            continue
        value = score[key]
        assert sent == ([] if _read_at_launch(calls, version, key) == value else [value]), key


def _assert_session_closed(record: dict[str, Any], version: ScormVersion) -> None:
    """One initialize; then, on leaving: session time, a commit and exactly one terminate."""
    names = CMI[version]
    assert record["errors"] == []  # scorm-again found nothing against the data model
    verbs = [call[0] for call in record["calls"]]
    assert verbs.count(names["initialize"]) == 1
    assert verbs.count(names["terminate"]) == 1
    assert verbs[-1] == names["terminate"]
    assert verbs[-2] == names["commit"]
    assert SESSION_TIME[version].fullmatch(record["values"][names["session_time"]])


@in_browser
@pytest.mark.parametrize("lms", LMS_KINDS)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_one_sco_per_item_completes_each_item_on_its_own(
    package: Callable[..., Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    lms: str,
) -> None:
    pkg = package(version, "per-item")
    names = CMI[version]
    # One item of each kind (page, slides, video, quiz): items of a kind behave alike.
    one_per_kind = {item.kind: item for item in reversed(pkg.course.all_items())}
    assert set(one_per_kind) == {"page", "slides", "video", "quiz"}
    for item in one_per_kind.values():
        session = launch(pkg, version, pkg.launches[item.id], _fresh(version), lms=lms)
        assert session.shown() == f"items/{item.id}.html"
        if isinstance(item, Video):
            session.wait_value(names["status"], "incomplete")
            _play(session.content())
        graded = isinstance(item, Quiz)
        if graded:
            # Its own graded SCO: complete once answered, passed at the quiz's pass mark.
            session.wait_value(names["status"], "incomplete")
            _answer_right(session, version, pkg.course, item)
            session.wait_value(_verdict(version), "passed")
        # 1.2 says both in one status: passed (more than completed).
        done = "passed" if graded and version == "1.2" else "completed"
        session.wait_value(names["status"], done)
        assert session.content().locator("a[rel=next]").count() == 0  # the LMS navigates
        record = session.leave()
        _assert_session_closed(record, version)
        # Full marks: an item without a quiz once completed, the quiz as scored (all right).
        _assert_score(record["calls"], version, FULL_MARKS[version])
        # 2004 says passed or failed for the quiz only: the others have nothing to pass.
        assert _set_values(record["calls"], version, "cmi.success_status") == (
            ["passed"] if graded and version == "2004" else []
        )
        assert record["values"][names["exit"]] == "suspend"
        assert session.errors == []
        _only_local(session)


@in_browser
def test_only_the_course_frame_is_heard_and_only_course_pages_are_shown(
    package: Callable[..., Package], launch: Callable[..., Session]
) -> None:
    pkg = package("1.2", "single")
    items = pkg.course.all_items()
    tampered = {**_fresh("1.2"), "cmi.core.entry": "resume"}
    for location in (
        "https://example.org/",
        "javascript:alert(1)",
        "../blank.html",
        "harness.html",
    ):
        session = launch(
            pkg, "1.2", pkg.launches[None], {**tampered, "cmi.core.lesson_location": location}
        )
        assert session.shown() == "index.html", location
    session.wait_value("cmi.core.lesson_status", "incomplete")
    # The harness (any other frame) claims every item seen and the video watched: ignored.
    session.page.evaluate(
        """(items) => {
          var launchWindow = document.getElementById("sco").contentWindow;
          items.forEach(function (item) {
            var page = "items/" + item + ".html";
            launchWindow.postMessage({moocstudio: 1, type: "viewed", item: item, page: page}, "*");
            launchWindow.postMessage(
              {moocstudio: 1, type: "watched", item: item, buckets: 1048575}, "*");
          });
        }""",
        [item.id for item in items],
    )
    # The course frame itself, with a page that is not the item's: ignored too.
    session.content().evaluate(
        "(item) => parent.postMessage({moocstudio: 1, type: 'viewed', item: item,"
        " page: 'https://example.org/'}, '*')",
        items[0].id,
    )
    session.content().evaluate("new Promise((resolve) => setTimeout(resolve, 300))")
    values = session.values
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values["cmi.core.lesson_location"] == "index.html"
    assert session.errors == []


@in_browser
@pytest.mark.parametrize("structure", ["single", "per-item"])
def test_without_an_lms_the_course_shows_with_no_error(
    package: Callable[..., Package], browse: Callable[[str], Session], structure: ScoStructure
) -> None:
    pkg = package("2004", structure)
    launch_page = next(iter(pkg.launches.values()))
    expected = "index.html" if structure == "single" else launch_page.replace("sco/", "items/")
    for url in (f"{pkg.url}/{launch_page}", (pkg.folder / launch_page).as_uri()):
        session = browse(url)
        # From file:// each page is its own origin: only the browser's view sees into the frame.
        content = session.page.main_frame.child_frames[0]
        assert content.url.endswith("/" + expected), url
        assert content.locator("main").count() == 1
        # One scrolling box, the course's: the launch page itself never scrolls.
        assert session.page.evaluate(
            "() => { var d = document.documentElement;"
            " return d.scrollHeight <= innerHeight && d.scrollWidth <= innerWidth; }"
        )
        if "/items/slides-" in content.url:
            # The course page has the keyboard focus: the arrow key turns the slide.
            session.page.keyboard.press("ArrowRight")
            content.wait_for_url(re.compile(r"#slide-2$"), timeout=EVENT_TIMEOUT_MS)
        _wait_until_handled(session.page.main_frame, content)
        assert session.errors == [], url
        _only_local(session)


def _synthetic_course(sample: tuple[Path, Course], videos: int) -> tuple[Course, SiteTree]:
    """A course of ``videos`` copies of the sample video (the worst case for suspend_data)."""
    _, course = sample
    video = next(i for i in course.all_items() if isinstance(i, Video))
    copies = [video.model_copy(update={"id": f"video-{n:012x}"}) for n in range(videos)]
    big = course.model_copy(update={"modules": [Module(title="Tout", items=copies)]})
    site = SiteTree(
        root=Path(),
        files=(),
        launch="index.html",
        pages={c.id: f"items/{c.id}.html" for c in copies},
    )
    return big, site


@in_browser
@pytest.mark.parametrize(
    ("videos", "mode"), [(500, "m"), (1000, "d")], ids=["masks-fit", "done-bits-only"]
)
def test_suspend_data_fits_scorm12_for_large_courses(
    sample: tuple[Path, Course],
    served: Served,
    launch: Callable[..., Session],
    videos: int,
    mode: str,
) -> None:
    course, site = _synthetic_course(sample, videos)
    name = f"large-{videos}"
    (served.root / name).mkdir()
    site = SiteTree(served.root / name, site.files, site.launch, site.pages)
    pkg = _write_package(served, name, course, site, "1.2", "single")
    session = launch(pkg, "1.2", pkg.launches[None], _fresh("1.2"))
    session.wait_value("cmi.core.lesson_status", "incomplete")
    data = session.values[SUSPEND_DATA]
    # Worst case, whatever the progress: one viewed bit per item plus 24 (m) or 1 (d) per video,
    # 6 bits a character, after a "1<mode><count>." header.
    per_video = 24 if mode == "m" else 1
    assert data.startswith(f"1{mode}{videos}.")
    assert len(data) == len(f"1{mode}{videos}.") + math.ceil(videos * (1 + per_video) / 6)
    assert len(data) <= 4096
    if mode == "d":
        # Every item seen and every video watched, as the compact form records it: completed.
        everything = "1d1000." + "_" * 333 + "w"  # 2000 bits set, the last 4 unused
        again = launch(pkg, "1.2", pkg.launches[None], {**_fresh("1.2"), SUSPEND_DATA: everything})
        again.wait_value("cmi.core.lesson_status", "completed")


@in_browser
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_an_api_the_lms_adds_while_its_page_loads_is_found(
    package: Callable[..., Package], launch: Callable[..., Session], version: ScormVersion
) -> None:
    """Open edX's SCORM block adds its API once its page is ready, after its iframe has begun
    loading the SCO: the runtime looks again while the LMS's page loads, not once."""
    pkg = package(version, "single")
    names = CMI[version]
    session = launch(pkg, version, pkg.launches[None], _fresh(version), late=True)
    session.wait_value(names["status"], "incomplete")
    assert [call[0] for call in session.calls(names["initialize"])] == [names["initialize"]]
    # Then the course: its start page, shown once the record is read.
    session.page.wait_for_function(
        f"() => {{ var shown = ({SHOWN})(); return shown && shown.endsWith('/index.html'); }}",
        timeout=EVENT_TIMEOUT_MS,
    )
    assert session.errors == []


@in_browser
def test_a_popup_finds_the_api_in_its_opener(
    package: Callable[..., Package], launch: Callable[..., Session]
) -> None:
    pkg = package("2004", "single")
    lms = launch(pkg, "2004", pkg.launches[None], _fresh("2004"), popup=True)
    lms.wait_value("cmi.completion_status", "incomplete")  # so the popup's runtime ran
    (popup,) = [page for page in lms.page.context.pages if page is not lms.page]
    popup.wait_for_load_state()
    assert popup.main_frame.child_frames[0].url.endswith("/index.html")
    popup.goto(f"{lms.served.url}/blank.html")  # the learner closes the window
    lms.page.wait_for_function("window.lms.calls.some((c) => c[0] === 'Terminate')")
    assert [c[0] for c in lms.page.evaluate("window.lms.calls")].count("Initialize") == 1
    assert lms.errors == []


@in_browser
@pytest.mark.parametrize(
    ("version", "error", "connected"),
    [("2004", "103", True), ("1.2", "101", False), ("2004", "102", False)],
    ids=["2004-already-initialized", "1.2-general-exception", "2004-initialization-failure"],
)
def test_an_lms_refusing_initialize(
    package: Callable[..., Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    error: str,
    connected: bool,
) -> None:
    # 2004's "already initialized" (103, the launch page reloaded in a session still open) goes
    # on; any other refusal leaves the course working with no LMS at all.
    pkg = package(version, "single")
    session = launch(pkg, version, pkg.launches[None], _fresh(version), refuse=error)
    assert session.shown() == "index.html"
    names = CMI[version]
    if connected:
        session.wait_value(names["status"], "incomplete")
    else:
        launch_page = session.page.main_frame.child_frames[0]
        _wait_until_handled(launch_page, launch_page.child_frames[0])
        assert session.calls(names["set"]) == []
        assert session.values == _fresh(version)
    # An LMS that answers but refuses the session: the learner is told progress is not saved.
    assert _notice(session).is_visible() is not connected
    assert session.errors == []


def _wait_until_handled(launch_page: Frame, content: Frame) -> None:
    """Return once the launch page's runtime has handled every message its course page sent.

    Messages from one window arrive in the order they were sent: a marker the course page
    posts now reaches the launch page after those it sent as it loaded (what it shows, what was
    played), so the runtime has handled them, and made its LMS calls, by then. An event, where
    a fixed delay would be too short on a busy machine and check nothing.
    """
    content.wait_for_load_state()
    launch_page.evaluate(
        """() => addEventListener("message", (event) => {
            if (event.data === "moocstudio-test-marker") { window.moocstudioTestMarker = true; }
        })"""
    )
    content.evaluate("() => parent.postMessage('moocstudio-test-marker', '*')")
    launch_page.wait_for_function(
        "() => window.moocstudioTestMarker === true", timeout=EVENT_TIMEOUT_MS
    )


def _notice(session: Session) -> Locator:
    """The launch page's "progress is not being saved" message."""
    session.shown()
    return session.page.main_frame.child_frames[0].locator("#moocstudio-not-saved")


def _set_values(calls: list[list[str]], version: ScormVersion, key: str) -> list[str]:
    """The values ``calls`` set ``key`` to, in order."""
    verb = CMI[version]["set"]
    return [call[2] for call in calls if call[0] == verb and call[1] == key]


def _everything_done(course: Course) -> str:
    """The suspend_data of an attempt where every item was seen, every video watched and every
    quiz answered right (its best score: 1000 steps of 1000, stored plus one in two digits)."""
    items = course.all_items()
    bits = len(items) + sum(isinstance(item, Video) for item in items)
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = bits % 6
    tail = digits[((1 << last) - 1) << (6 - last)] if last else ""
    quizzes = len(_quizzes(course))
    scores = "~" + (digits[1001 >> 6] + digits[1001 & 63]) * quizzes if quizzes else ""
    return f"1d{len(items)}." + "_" * (bits // 6) + tail + scores


# What an LMS hands back on the launch after an attempt that ended completed and passed (the
# exit was suspend; the quiz answered right): as it was left, recorded by an earlier version of
# the course whose progress (suspend_data of another item count, so no quiz score) no longer
# applies, or through Open edX's SCORM block, whose GetValue answers "" for every status and
# score. Then what the learner's failed retake of the quiz may write: the statuses, and 2004's
# success statuses (a verdict only where none is held).
RELAUNCHED: dict[str, tuple[ScormVersion, dict[str, str], list[str], list[str]]] = {
    "2004-completed": (
        "2004",
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.progress_measure": "1",
            **FULL_MARKS["2004"],
        },
        [],
        [],
    ),
    "2004-completed-by-earlier-version": (
        "2004",
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.progress_measure": "1",
            SUSPEND_DATA: "1d9.__",
        },
        [],
        [],
    ),
    "2004-completed-by-earlier-version-in-open-edx": (
        "2004",
        {"cmi.completion_status": "", "cmi.progress_measure": "1", SUSPEND_DATA: "1d9.__"},
        ["completed"],
        ["failed"],
    ),
    "1.2-passed": ("1.2", {"cmi.core.lesson_status": "passed", **FULL_MARKS["1.2"]}, [], []),
    "1.2-passed-by-earlier-version": (
        "1.2",
        {"cmi.core.lesson_status": "passed", SUSPEND_DATA: "1d9.__"},
        [],
        [],
    ),
    "1.2-failed-by-earlier-version": (
        "1.2",
        {"cmi.core.lesson_status": "failed", SUSPEND_DATA: "1d9.__"},
        [],
        [],
    ),
}
# No marks at all, where the format has a score: the quiz answered all wrong.
NO_MARKS = {
    version: {
        key: "0" if key.endswith(("raw", "scaled", "min")) else value
        for key, value in marks.items()
    }
    for version, marks in FULL_MARKS.items()
}


@in_browser
@pytest.mark.parametrize("lms", LMS_KINDS)
@pytest.mark.parametrize("case", list(RELAUNCHED))
def test_relaunching_a_completed_attempt_lowers_nothing_and_keeps_it_open(
    package: Callable[..., Package],
    launch: Callable[..., Session],
    case: str,
    lms: str,
) -> None:
    version, held, statuses, verdicts = RELAUNCHED[case]
    pkg = package(version, "single")
    names = CMI[version]
    items = pkg.course.all_items()
    quiz = _the_quiz(pkg.course)
    bookmark = f"items/{items[1].id}.html"
    values = {
        names["entry"]: "resume",
        names["location"]: bookmark,
        SUSPEND_DATA: _everything_done(pkg.course),
        **held,
    }
    session = launch(pkg, version, pkg.launches[None], values, lms=lms)
    assert session.shown() == bookmark
    session.page.wait_for_function(
        "(verb) => window.lms.calls.some((c) => c[0] === verb)", arg=names["commit"]
    )
    _follow(session, "a[rel=next]")  # the learner reads on
    _wait_viewed(session, version, f"items/{items[2].id}.html")
    # ...and takes the quiz again, all wrong this time: 0 %, below the pass mark.
    session.content().evaluate(f"location.href = '../items/{quiz.id}.html'")
    _wait_viewed(session, version, f"items/{quiz.id}.html")
    answer_and_submit(session.content(), quiz, wrong_answers(quiz, pkg.course.language))
    last = len(quiz.questions) - 1  # the LMS holds no interaction yet: they start at 0
    wrong = "wrong" if version == "1.2" else "incorrect"
    session.wait_value(f"cmi.interactions.{last}.result", wrong)
    assert [session.values[f"cmi.interactions.{n}.result"] for n in range(last + 1)] == [
        wrong
    ] * len(quiz.questions)
    assert "(0\u00a0%)" in session.content().locator("#quiz-result").inner_text()
    record = session.leave()
    _assert_session_closed(record, version)
    calls = record["calls"]
    # Nothing the attempt holds goes down...
    assert _set_values(calls, version, names["status"]) == statuses
    assert _set_values(calls, version, "cmi.success_status") == verdicts
    assert _set_values(calls, version, "cmi.progress_measure") == []
    # ...the score is the quiz's best: the right answers' full marks, held already, where the
    # progress is this version's; the failed retake's, sent once, where it says nothing of the
    # quiz (an earlier version's)...
    known = SUSPEND_DATA not in held
    _assert_score(calls, version, FULL_MARKS[version] if known else NO_MARKS[version])
    # ...and the attempt stays open: its data comes back next time.
    assert _set_values(calls, version, names["exit"]) == ["suspend"]
    assert session.errors == []


@in_browser
@pytest.mark.parametrize("lms", LMS_KINDS)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_each_value_is_sent_once_per_change(
    package: Callable[..., Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    lms: str,
) -> None:
    pkg = package(version, "single")
    names = CMI[version]
    items = pkg.course.all_items()
    session = launch(pkg, version, pkg.launches[None], _fresh(version), lms=lms)
    session.wait_value(names["status"], "incomplete")
    _read_every_item(session, version, pkg.course, watch_until=1.0)
    finished = "passed" if version == "1.2" else "completed"  # 1.2 says passed for both
    session.wait_value(names["status"], finished)
    # Pages read again and the video watched again change nothing but the bookmark.
    first_page = f"items/{items[0].id}.html"
    session.content().evaluate(f"location.href = '../{first_page}'")
    _wait_viewed(session, version, first_page)
    video = next(item for item in items if isinstance(item, Video))
    session.content().evaluate(f"location.href = '../items/{video.id}.html'")
    _wait_viewed(session, version, f"items/{video.id}.html")
    _play(session.content())
    # The learner switches apps: the session so far is committed at once.
    session.page.main_frame.child_frames[0].evaluate(
        """() => {
          Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    last_two = session.page.evaluate("window.lms.calls.slice(-2)")
    assert [call[:2] for call in last_two] == [
        [names["set"], names["session_time"]],
        [names["commit"], ""],
    ]
    record = session.leave()
    _assert_session_closed(record, version)
    calls = [call for call in record["calls"] if call[0] in (names["set"], names["commit"])]

    # The quiz's score (answered right: full marks), once each, sent before the statuses that
    # complete and pass the course (a scored LMS block grades when a status arrives).
    _assert_score(record["calls"], version, FULL_MARKS[version])
    completing = calls.index([names["set"], names["status"], finished])
    if version == "2004":
        assert _set_values(calls, version, "cmi.success_status") == ["passed"]
        completing = min(completing, calls.index([names["set"], "cmi.success_status", "passed"]))
    for key, value in FULL_MARKS[version].items():
        if [names["set"], key, value] in calls:
            assert calls.index([names["set"], key, value]) < completing, key
    # Every value is sent when it changes, and only then: never twice in a row the same.
    sets = [call for call in calls if call[0] == names["set"]]
    for key in {call[1] for call in sets}:
        sent = _set_values(calls, version, key)
        assert all(a != b for a, b in itertools.pairwise(sent)), (key, sent)
    if version == "2004":
        progress = [float(value) for value in _set_values(calls, version, "cmi.progress_measure")]
        assert progress == sorted(set(progress))
        assert progress[-1] == 1
    assert _set_values(calls, version, names["status"]) == ["incomplete", finished]
    assert _set_values(calls, version, names["exit"]) == ["suspend"]
    assert len(_set_values(calls, version, names["session_time"])) == 2  # hidden, then left
    # No empty commit: each one carries something set since the one before.
    for before, after in itertools.pairwise(calls):
        assert not (before[0] == after[0] == names["commit"]), calls
    assert calls[0][0] == names["set"]
    assert session.errors == []


@in_browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_sco_the_lms_will_not_track_says_progress_is_not_saved(
    package: Callable[..., Package], launch: Callable[..., Session], language: str
) -> None:
    # Moodle's 2004 player keeps the first SCO's session terminated: every later SCO opened in
    # the same player gets Initialize -> "false", error 104 (content instance terminated).
    pkg = package("2004", "per-item", language)
    item = pkg.course.all_items()[1]
    session = launch(pkg, "2004", pkg.launches[item.id], _fresh("2004"), refuse="104")
    assert session.shown() == f"items/{item.id}.html"
    notice = _notice(session)
    words = labels_for(language)
    assert notice.is_visible()
    assert notice.get_attribute("role") == "alert"
    assert notice.locator("p").inner_text() == f"{words['not_saved']} {words['not_saved_how']}"
    launch_page = session.page.main_frame.child_frames[0]
    assert launch_page.evaluate("document.documentElement.lang") == language
    # The page still works below the message, and the launch page itself never scrolls.
    assert session.content().locator("main").count() == 1
    fits = (
        "() => { var d = document.documentElement;"
        " return d.scrollHeight <= innerHeight && d.scrollWidth <= innerWidth; }"
    )
    assert launch_page.evaluate(fits)
    box = launch_page.locator("#moocstudio-content").bounding_box()
    assert box is not None and box["height"] > 844 / 2
    # The learner may put the message away to read on a small screen.
    launch_page.get_by_role("button", name=words["hide_message"]).click()
    assert not notice.is_visible()
    assert launch_page.evaluate(fits)
    assert session.calls("SetValue") == []
    assert session.errors == []


HOSTILE = '</script><script>window.pwned = 1</script> & "quotes" <b>'


def _embedded_config(html: str) -> Any:
    found = re.search(r'<script type="application/json" id="moocstudio-scorm">(.*?)</script>', html)
    assert found, html
    return json.loads(found[1])


def test_launch_pages_embed_the_course_safely(sample: tuple[Path, Course]) -> None:
    _, course = sample
    course = course.model_copy(update={"title": HOSTILE})
    items = course.all_items()
    pages = {item.id: f"items/{item.id}.html" for item in items}
    site = SiteTree(Path(), (), "index.html", pages)

    single = launch_files(course, site, "1.2", "single")
    assert single.launches == {None: "scorm.html"}
    assert single.shared == ("assets/scorm.js",)
    entries = dict(single.entries)
    assert set(entries) == {"scorm.html", "assets/scorm.js"}
    page = entries["scorm.html"]
    assert isinstance(page, bytes)
    html = page.decode("utf-8")
    # The title shows as text (page title, frame title, no-script link), never as markup.
    assert html.count("<script") == 2  # the configuration and scorm.js
    assert html.count("&lt;/script&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;") == 3
    assert f'<html lang="{course.language}">' in html
    assert '<script src="assets/scorm.js"></script>' in html
    config = _embedded_config(html)
    # The sample's quiz is its only graded one (weight 1); no grading policy: passed at 50 %.
    graded = {i.id: {"weight": 1.0} for i in items if isinstance(i, Quiz)}
    assert len(graded) == 1
    entry_of = {
        i.id: {"id": i.id, "kind": i.kind, "page": pages[i.id], **graded.get(i.id, {})}
        for i in items
    }
    assert config == {
        "version": "1.2",
        "structure": "single",
        "home": "index.html",
        "root": "",
        "items": list(entry_of.values()),
        "passing": 0.5,
    }

    per_item = launch_files(course, site, "2004", "per-item")
    assert per_item.launches == {i.id: f"sco/{i.id}.html" for i in items}
    for item in items:
        page = dict(per_item.entries)[f"sco/{item.id}.html"]
        assert isinstance(page, bytes)
        html = page.decode("utf-8")
        assert '<script src="../assets/scorm.js"></script>' in html
        # The quiz is a graded SCO of its own, at its own pass mark (80 %).
        own_grade = {"passing": 0.8} if item.id in graded else {}
        assert _embedded_config(html) == {
            "version": "2004",
            "structure": "per-item",
            "home": None,
            "root": "../",
            "items": [entry_of[item.id]],
            **own_grade,
        }


def test_site_options_per_structure() -> None:
    assert scorm_site_options("single").scripts == ("tracking.js",)
    assert scorm_site_options("single").links_between_items
    assert not scorm_site_options("per-item").links_between_items


# --- graded quizzes ---------------------------------------------------------------------------

QUIZ_COURSES = ("every-type", "weighted")


@pytest.fixture(scope="module")
def quiz_package(
    served: Served, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[ScormVersion, ScoStructure, str], Package]:
    """Factory: a quiz course of ``QUIZ_COURSES`` as a package of a version and structure.

    "every-type": a page, then a quiz with one question of each type (pass mark 80 %).
    "weighted": two two-question quizzes, weighted 3 and 1, the course passed at 50 %.
    """
    folder = tmp_path_factory.mktemp("quiz-course") / "course"
    warm_up, final = two_question_quiz(folder, "Warm-up"), two_question_quiz(folder, "Final")
    policy = GradingPolicy(
        quizzes=[GradedQuiz(quiz=warm_up.id, weight=3), GradedQuiz(quiz=final.id, weight=1)],
        passing_percent=50,
    )
    courses = {
        "every-type": quiz_course(folder, [every_type_quiz(folder)]),
        "weighted": quiz_course(folder, [warm_up, final], with_page=False, grading=policy),
    }

    def make(version: ScormVersion, structure: ScoStructure, name: str) -> Package:
        key = (version, structure, name)
        if key not in served.built:
            folder_name = f"quiz-{name}-{version.replace('.', '')}-{structure}"
            course = courses[name]
            options = scorm_site_options(structure)
            site = build_site(folder, course, served.root / folder_name, options)
            package = _write_package(served, folder_name, course, site, version, structure)
            served.built[key] = package
        return served.built[key]

    return make


def _quizzes(course: Course) -> list[Quiz]:
    return [item for item in course.all_items() if isinstance(item, Quiz)]


def _open_quiz(session: Session, version: ScormVersion, quiz: Quiz, structure: str) -> Frame:
    """The quiz's page in the SCO, opened as the learner does in a single SCO."""
    page = f"items/{quiz.id}.html"
    if structure == "single" and session.shown() != page:
        before = session.shown()
        up = "../" if "/" in before else ""
        session.content().evaluate(f"location.href = '{up}{page}'")
    _wait_viewed(session, version, page)
    return session.content()


def _interactions(values: dict[str, str], first: int, count: int) -> list[dict[str, str]]:
    """cmi.interactions.<first>... as dictionaries of their fields (without the prefix)."""
    found = []
    for n in range(first, first + count):
        prefix = f"cmi.interactions.{n}."
        found.append({k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix)})
    return found


# (type, learner response, result, correct patterns) per question of every_type_quiz, answered
# as quiz_course.RIGHT and WRONG say; tokens are the answers' positions as letters (matching:
# prompt.option, options in alphabetical order Lyon, Paris, Rome; ordering: the steps' places).
EXPECTED: dict[tuple[str, str], list[tuple[str, str, str, list[str]]]] = {
    ("2004", "right"): [
        ("choice", "a", "correct", ["a"]),
        ("choice", "a[,]b", "correct", ["a[,]b"]),
        ("true-false", "true", "correct", ["true"]),
        ("numeric", "3.14", "correct", ["3.135[:]3.145"]),
        ("fill-in", "paris", "correct", ["Paris"]),
        ("matching", "a[.]b[,]b[.]c", "correct", ["a[.]b[,]b[.]c"]),
        ("sequencing", "a[,]b[,]c", "correct", ["a[,]b[,]c"]),
    ],
    ("2004", "wrong"): [
        ("choice", "b", "incorrect", ["a"]),
        ("choice", "a[,]c", "incorrect", ["a[,]b"]),
        ("true-false", "false", "incorrect", ["true"]),
        ("numeric", "3.2", "0.5", ["3.135[:]3.145"]),
        ("fill-in", "Lyon", "incorrect", ["Paris"]),
        ("matching", "a[.]b[,]b[.]a", "0.5", ["a[.]b[,]b[.]c"]),
        ("sequencing", "b[,]a[,]c", "0.3333333", ["a[,]b[,]c"]),
    ],
    # SCORM 1.2 has no range for numeric patterns: a tolerance leaves the pattern out.
    ("1.2", "right"): [
        ("choice", "a", "correct", ["a"]),
        ("choice", "a,b", "correct", ["a,b"]),
        ("true-false", "t", "correct", ["t"]),
        ("numeric", "3.14", "correct", []),
        ("fill-in", "paris", "correct", ["Paris"]),
        ("matching", "a.b,b.c", "correct", ["a.b,b.c"]),
        ("sequencing", "a,b,c", "correct", ["a,b,c"]),
    ],
    ("1.2", "wrong"): [
        ("choice", "b", "wrong", ["a"]),
        ("choice", "a,c", "wrong", ["a,b"]),
        ("true-false", "f", "wrong", ["t"]),
        ("numeric", "3.2", "0.5", []),
        ("fill-in", "Lyon", "wrong", ["Paris"]),
        ("matching", "a.b,b.a", "0.5", ["a.b,b.c"]),
        ("sequencing", "b,a,c", "0.3333333", ["a,b,c"]),
    ],
}


def _assert_interactions(
    values: dict[str, str], version: ScormVersion, quiz: Quiz, first: int, answers: str
) -> None:
    recorded = _interactions(values, first, len(quiz.questions))
    response = "student_response" if version == "1.2" else "learner_response"
    expected = EXPECTED[(version, answers)]
    for fields, question, (kind, given, result, patterns) in zip(
        recorded, quiz.questions, expected, strict=True
    ):
        assert fields.pop("id") == f"{quiz.id}.{question.id}"
        assert fields.pop("type") == kind
        assert fields.pop(response) == given
        assert fields.pop("result") == result
        assert fields.pop("weighting") == f"{question.points:g}"
        assert SESSION_TIME[version].fullmatch(fields.pop("latency"))
        written = [fields.pop(f"correct_responses.{n}.pattern") for n in range(len(patterns))]
        assert written == patterns
        assert fields == {}, fields  # nothing else, e.g. no pattern a version cannot say


@in_browser
@pytest.mark.parametrize("lms", LMS_KINDS)
@pytest.mark.parametrize("structure", ["single", "per-item"])
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_quiz_answered_wrong_then_right_is_recorded_answer_by_answer(
    quiz_package: Callable[[ScormVersion, ScoStructure, str], Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    structure: ScoStructure,
    lms: str,
) -> None:
    pkg = quiz_package(version, structure, "every-type")
    names = CMI[version]
    (quiz,) = _quizzes(pkg.course)
    launch_page = pkg.launches[None if structure == "single" else quiz.id]
    session = launch(pkg, version, launch_page, _fresh(version), lms=lms)
    frame = _open_quiz(session, version, quiz, structure)

    # Wrong: 1.83 of 8 points, below the quiz's (per item) or course's (single) pass mark.
    answer_and_submit(frame, quiz, WRONG)
    session.wait_value(names["score_raw"], "22.9")  # best scores are kept to 0.1 %
    values = session.values
    _assert_interactions(values, version, quiz, 0, "wrong")
    assert values[names["score_min"]] == "0"
    # Sent unless the LMS holds it already (scorm-again's 1.2 score.max starts at 100).
    assert (
        values.get(
            names["score_max"],
            _read_at_launch(session.calls(names["get"]), version, names["score_max"]),
        )
        == "100"
    )
    if version == "1.2":
        passed_key, failed = names["status"], "failed"
    else:
        passed_key, failed = "cmi.success_status", "failed"
        assert values["cmi.score.scaled"] == "0.229"
        # The single SCO also holds a page nobody read: submitted is not completed there.
        done = "completed" if structure == "per-item" else "incomplete"
        assert values[names["status"]] == done
    # Below the quiz's 80 % (per item) and the course's 50 % (single SCO, its only quiz).
    assert values[passed_key] == failed

    # Right, in a second attempt: the next interactions, full marks, passed.
    frame.locator("button.retry").click()
    answer_and_submit(frame, quiz, RIGHT)
    session.wait_value(names["score_raw"], "100")
    values = session.values
    _assert_interactions(values, version, quiz, len(quiz.questions), "right")
    assert values[passed_key] == "passed"
    if version == "2004":
        assert values["cmi.score.scaled"] == "1"
    assert "Your score: 8 of 8 points (100\u00a0%)." in frame.locator("#quiz-result").inner_text()
    record = session.leave()
    _assert_session_closed(record, version)
    assert session.errors == []
    _only_local(session)


@in_browser
@pytest.mark.parametrize("lms", LMS_KINDS)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_single_sco_keeps_each_quizs_best_score_weighted_by_the_grading_policy(
    quiz_package: Callable[[ScormVersion, ScoStructure, str], Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    lms: str,
) -> None:
    pkg = quiz_package(version, "single", "weighted")
    names = CMI[version]
    warm_up, final = _quizzes(pkg.course)
    verdict = names["status"] if version == "1.2" else "cmi.success_status"
    session = launch(pkg, version, pkg.launches[None], _fresh(version), lms=lms)

    # Half of the warm-up (weight 3 of 4): 37.5 %, with the final still to take: no verdict.
    answer_and_submit(_open_quiz(session, version, warm_up, "single"), warm_up, ONE_RIGHT)
    session.wait_value(names["score_raw"], "37.5")
    assert session.values.get(verdict, "") in ("", "incomplete")
    # The final wrong: every graded quiz taken, 37.5 % is below 50 %: failed.
    answer_and_submit(_open_quiz(session, version, final, "single"), final, BOTH_WRONG)
    session.wait_value(verdict, "failed")
    assert session.values[names["score_raw"]] == "37.5"
    if version == "2004":
        assert session.values[names["status"]] == "completed"  # both quizzes submitted
    # The warm-up again, right this time: its best is now 1, so 75 %: passed.
    frame = _open_quiz(session, version, warm_up, "single")
    answer_and_submit(frame, warm_up, BOTH_RIGHT)
    session.wait_value(names["score_raw"], "75")
    session.wait_value(verdict, "passed")
    # And once more, all wrong: the best score stands.
    frame.locator("button.retry").click()
    answer_and_submit(frame, warm_up, BOTH_WRONG)
    # 4 attempts of 2 questions: interactions 0 to 7.
    session.wait_value("cmi.interactions.7.result", "wrong" if version == "1.2" else "incorrect")
    record = session.leave()
    _assert_session_closed(record, version)
    assert _set_values(record["calls"], version, names["score_raw"]) == ["37.5", "75"]
    # (1.2's lesson_status said "incomplete" first, as it does before anything is graded.)
    verdicts = ["incomplete"] if version == "1.2" else []
    assert _set_values(record["calls"], version, verdict) == [*verdicts, "failed", "passed"]
    if version == "2004":
        assert _set_values(record["calls"], version, "cmi.score.scaled") == ["0.375", "0.75"]

    # The next session reads the best scores back from suspend_data: nothing to send again,
    # and new interactions go after the LMS's count.
    again = launch(pkg, version, pkg.launches[None], _resumed(version, record), lms=lms)
    again.page.wait_for_function("window.lms.calls.length > 3", timeout=EVENT_TIMEOUT_MS)
    answer_and_submit(_open_quiz(again, version, final, "single"), final, BOTH_RIGHT)
    again.wait_value(names["score_raw"], "100")
    values = again.values
    assert values["cmi.interactions.8.id"] == f"{final.id}.{final.questions[0].id}"
    assert values[verdict] == "passed"
    assert _set_values(again.calls(names["set"]), version, verdict) == []
    for tab in (session, again):
        assert tab.errors == []


def test_launch_pages_tell_the_runtime_how_quizzes_are_graded(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    counted, left_out = two_question_quiz(folder, "Counted"), two_question_quiz(folder, "Not")
    policy = GradingPolicy(quizzes=[GradedQuiz(quiz=counted.id, weight=2.5)], passing_percent=60)
    course = quiz_course(folder, [counted, left_out], grading=policy)
    page = course.all_items()[0]
    pages = {item.id: f"items/{item.id}.html" for item in course.all_items()}
    site = SiteTree(Path(), (), "index.html", pages)

    single = _embedded_config(
        str(dict(launch_files(course, site, "2004", "single").entries)["scorm.html"], "utf-8")
    )  # type: ignore[arg-type]
    assert single["passing"] == 0.6
    assert single["items"] == [
        {"id": page.id, "kind": "page", "page": pages[page.id]},
        {"id": counted.id, "kind": "quiz", "page": pages[counted.id], "weight": 2.5},
        {"id": left_out.id, "kind": "quiz", "page": pages[left_out.id], "weight": 0.0},
    ]
    per_item = dict(launch_files(course, site, "1.2", "per-item").entries)
    configs = {
        item.id: _embedded_config(str(per_item[f"sco/{item.id}.html"], "utf-8"))  # type: ignore[arg-type]
        for item in course.all_items()
    }
    # Every quiz is its own graded SCO at its own pass mark, counted by the policy or not.
    assert "passing" not in configs[page.id]
    for quiz in (counted, left_out):
        assert configs[quiz.id]["passing"] == 0.8
        assert configs[quiz.id]["items"][0]["weight"] == 1.0


@in_browser
@pytest.mark.parametrize(
    ("version", "key", "value"),
    [("1.2", "cmi.student_data.mastery_score", "20"), ("2004", "cmi.scaled_passing_score", "0.2")],
)
def test_the_lms_pass_mark_from_the_manifest_wins(
    quiz_package: Callable[[ScormVersion, ScoStructure, str], Package],
    launch: Callable[..., Session],
    version: ScormVersion,
    key: str,
    value: str,
) -> None:
    # The LMS may hand over a pass mark of its own (an author edited it in the LMS): 20 %.
    pkg = quiz_package(version, "per-item", "every-type")
    (quiz,) = _quizzes(pkg.course)
    session = launch(pkg, version, pkg.launches[quiz.id], {**_fresh(version), key: value})
    answer_and_submit(_open_quiz(session, version, quiz, "per-item"), quiz, WRONG)
    # 22.9 % passes at 20 %, though not at the quiz's own 80 %.
    session.wait_value(
        CMI[version]["status"] if version == "1.2" else "cmi.success_status", "passed"
    )
    assert session.values[CMI[version]["score_raw"]] == "22.9"
