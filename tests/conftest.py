"""Shared fixtures: the real ffmpeg binary and tiny clips made with it from lavfi sources.

No media is committed: every clip is generated per test into tmp_path, one or two seconds of
testsrc2 and a sine tone at small sizes, so a clip costs a few tens of milliseconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import imageio_ffmpeg
import pytest
from PySide6.QtCore import QSettings

from moocstudio.media.course_media import make_media_now
from moocstudio.model import Course
from moocstudio.sample import build_sample_course
from tests.user_folders import UserFolders, enter_private_home

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.jobs.dask_processes import DaskProcesses

# Before any test code runs (nothing above looks for a user folder): this run, and every
# process it starts, gets a private home; see user_folders.py.
RUN_GUARD = enter_private_home()

# Before any test creates a QApplication (none of the imports above does): no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Started as a background job of a non-interactive shell (`pytest ... &`), a process ignores
# Ctrl-C by POSIX rule, and so does every child it starts: the tests of Ctrl-C need it back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

FFMPEG_TIMEOUT = 600  # seconds; a generated clip takes well under one, this only catches a hang


class MakeClip(Protocol):
    """Signature of the ``make_clip`` fixture."""

    def __call__(
        self,
        name: str,
        seconds: float = 1.0,
        size: str = "320x240",
        rate: float | str = 25,
        audio: bool = True,
        video: bool = True,
        extra_args: Sequence[str] = (),
        repeat: int = 1,
    ) -> Path: ...


RunFfmpeg = Callable[..., None]


@pytest.fixture(autouse=True)
def user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> UserFolders:
    """Every test's own moocstudio cache, config and data folders, and Qt settings folder.

    Nothing a test does reaches the user's real ones, nor another test's; the CLI the tests
    start inherits the variables.
    """
    folders = UserFolders.under(tmp_path_factory.mktemp("user-folders"))
    for variable, value in folders.environment().items():
        monkeypatch.setenv(variable, value)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folders.qt_settings)
    )
    return folders


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run if anything reached moocstudio's real user folders (see user_folders.py)."""
    if RUN_GUARD is None:  # an xdist worker: the process that owns the run checks, once
        return
    violations = RUN_GUARD.violations()
    RUN_GUARD.remove_home()
    if not violations:
        return
    report = pytest.CollectReport(
        nodeid="moocstudio user folders",
        outcome="failed",
        longrepr="tests wrote where moocstudio keeps the user's files:\n" + "\n".join(violations),
        result=[],
    )
    session.config.hook.pytest_collectreport(report=report)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def ffmpeg_exe() -> str:
    """Path of the static ffmpeg binary bundled by imageio-ffmpeg."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


@pytest.fixture(scope="session")
def run_ffmpeg(ffmpeg_exe: str) -> RunFfmpeg:
    """Run ffmpeg with an argument list (never a shell); fail the test with its stderr."""

    def run(*args: str | Path) -> None:
        argv = [ffmpeg_exe, "-nostdin", "-hide_banner", "-v", "error", "-y", *map(str, args)]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT)
        if done.returncode != 0:
            pytest.fail(f"ffmpeg failed ({done.returncode}): {argv}\n{done.stderr[-2000:]}")

    return run


@pytest.fixture(scope="session")
def clip_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[object, ...], Path]:
    """Clips already encoded in this session, by recipe: each recipe runs ffmpeg once."""
    return {}


@pytest.fixture
def make_clip(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    run_ffmpeg: RunFfmpeg,
    clip_cache: dict[tuple[object, ...], Path],
) -> MakeClip:
    """Factory: a real clip in tmp_path, encoded with the codecs ffmpeg picks for its extension.

    A name without an extension gets ".mp4" (H.264 and AAC with this ffmpeg).
    ``extra_args`` go after the inputs (output options: codecs, profiles, metadata ...).
    ``repeat`` plays the clip that many times over, copied without re-encoding: a clip that
    takes minutes to transcode, whatever the load, is made in about a second. The same recipe is
    encoded once per session and copied, so tests may damage their copy freely.
    """

    def make(
        name: str,
        seconds: float = 1.0,
        size: str = "320x240",
        rate: float | str = 25,
        audio: bool = True,
        video: bool = True,
        extra_args: Sequence[str] = (),
        repeat: int = 1,
    ) -> Path:
        if not (audio or video):
            raise ValueError("a clip needs audio, video or both")
        suffix = Path(name).suffix
        if not suffix:
            suffix = ".mp4"
            name += suffix
        out = tmp_path / name
        recipe = (suffix, seconds, size, str(rate), audio, video, tuple(extra_args), repeat)
        cached = clip_cache.get(recipe)
        if cached is None:
            cached = tmp_path_factory.mktemp("clips") / f"clip{suffix}"
            inputs: list[str] = []
            if video:
                source = f"testsrc2=size={size}:rate={rate}:duration={seconds}"
                inputs += ["-f", "lavfi", "-i", source]
            if audio:
                tone = f"sine=frequency=440:sample_rate=48000:duration={seconds}"
                inputs += ["-f", "lavfi", "-i", tone]
            once = cached.with_name(f"once{suffix}") if repeat > 1 else cached
            run_ffmpeg(*inputs, *extra_args, once)
            if repeat > 1:
                run_ffmpeg("-stream_loop", str(repeat - 1), "-i", once, "-c", "copy", cached)
            clip_cache[recipe] = cached
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, out)
        return out

    return make


@pytest.fixture
def make_long_clip(make_clip: MakeClip) -> Callable[[str], Path]:
    """Factory: ``long.mp4`` of two minutes at a size, made in about a second.

    A 2 s clip played 60 times over (copied, not re-encoded): minutes of encoding at any load,
    so a job on it is still running whenever a test cancels it, interrupts it, or looks.
    """

    def make(size: str) -> Path:
        return make_clip(
            "long.mp4",
            seconds=2.0,
            size=size,
            rate=30,
            repeat=60,
            extra_args=("-preset", "ultrafast"),
        )

    return make


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Course]:
    """The sample course with its renditions, poster and French subtitles (a few seconds)."""
    folder = tmp_path_factory.mktemp("course") / "sample"
    course = build_sample_course(folder).course
    make_media_now(folder, course)
    return folder, course


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Debian's chromium, which Playwright drives (no browser download); None when not installed."""


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    """One headless chromium per test module, allowed to start videos on its own."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[DaskProcesses]:
    """A real ``dask scheduler`` and two ``dask worker`` processes for one test module."""
    from tests.jobs.dask_processes import dask_processes

    with dask_processes(workers=2) as running:
        yield running
