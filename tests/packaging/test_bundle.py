"""Smoke test of the installed Linux app: the .deb made by ``packaging/build-linux``.

It installs the package with apt-get (root, minutes), so it runs only when asked:
``MOOCSTUDIO_TEST_BUNDLE=1`` (``.ci/run`` does, after building). The tests run in file order,
as a person would: install, ask the version, build the demo, open the app, remove the package.
Every child gets an environment as bare as ``env -i PATH=/usr/bin:/bin`` (plus a private
``HOME``): no venv, no Python of ours on PATH, nothing of the test run leaking in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import moocstudio
from moocstudio.export.formats import FORMATS
from moocstudio.export.package_check import check_package
from moocstudio.model.store import load_course
from tests.xvfb import private_display

ROOT = Path(__file__).resolve().parents[2]
INSTALL_DIR = Path("/opt/moocstudio")
LAUNCHER = Path("/usr/bin/moocstudio")
BARE_PATH = "/usr/bin:/bin"
WINDOW_DEADLINE_S = 10.0  # the figure: a window within 10 s of the launch
APT_TIMEOUT_S = 900  # installing the .deb may fetch its Depends on a fresh machine

pytestmark = pytest.mark.skipif(
    os.environ.get("MOOCSTUDIO_TEST_BUNDLE") != "1",
    reason="installs the built .deb system-wide (root, minutes): set MOOCSTUDIO_TEST_BUNDLE=1 "
    "after packaging/build-linux",
)


def built_deb() -> Path:
    """The .deb of this version in dist/, or MOOCSTUDIO_BUNDLE_DEB."""
    named = os.environ.get("MOOCSTUDIO_BUNDLE_DEB")
    default = ROOT / "dist" / f"moocstudio_{moocstudio.__version__}_amd64.deb"
    return Path(named) if named else default


def apt_get(*args: str) -> subprocess.CompletedProcess[str]:
    """Run apt-get non-interactively; fail the test with its output when it fails."""
    done = subprocess.run(
        ["apt-get", "-y", "-q", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        timeout=APT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, f"apt-get {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What ``env -i PATH=/usr/bin:/bin`` leaves, plus a private HOME (and ``extra``)."""
    home.mkdir(parents=True, exist_ok=True)
    return {"PATH": BARE_PATH, "HOME": str(home), **extra}


@pytest.fixture(scope="module")
def installed() -> Iterator[Path]:
    """The .deb installed with apt-get; removed at the end if a test did not remove it."""
    deb = built_deb()
    if not deb.is_file():
        pytest.fail(f"{deb} is missing: run packaging/build-linux first")
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail("installing the .deb needs root and apt-get (a Debian or Ubuntu CI machine)")
    apt_get("install", "--no-install-recommends", str(deb.resolve()))
    yield LAUNCHER
    if INSTALL_DIR.exists():
        apt_get("remove", "moocstudio")


def test_the_package_installs_the_launcher_and_the_desktop_data(installed: Path) -> None:
    assert installed.is_file() and os.access(installed, os.X_OK)
    assert (INSTALL_DIR / "moocstudio").is_file()
    listed = subprocess.run(
        ["dpkg-query", "-L", "moocstudio"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert str(LAUNCHER) in listed
    # The desktop data: entry, AppStream metainfo, the icon at every hicolor size and as SVG.
    expected = [
        "/usr/share/applications/org.moocstudio.MoocStudio.desktop",
        "/usr/share/metainfo/org.moocstudio.MoocStudio.metainfo.xml",
        "/usr/share/icons/hicolor/scalable/apps/org.moocstudio.MoocStudio.svg",
        *(
            f"/usr/share/icons/hicolor/{size}x{size}/apps/org.moocstudio.MoocStudio.png"
            for size in (16, 24, 32, 48, 64, 128, 256, 512)
        ),
    ]
    assert [path for path in expected if path not in listed] == []
    # The build stamp the About box shows, from the commit the bundle was built from.
    (stamp,) = INSTALL_DIR.glob("**/moocstudio/_build_stamp.json")
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    assert json.loads(stamp.read_text(encoding="utf-8"))["commit"] == head


def test_version_runs_without_python(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        ["moocstudio", "--version"],
        capture_output=True,
        text=True,
        env=bare_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"moocstudio, version {moocstudio.__version__}"


def test_demo_makes_every_package_valid(installed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()
    done = subprocess.run(
        ["moocstudio", "demo", str(folder), "--no-open"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=bare_env(tmp_path / "home"),
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr
    course = load_course(folder)
    videos = [item for item in course.all_items() if item.kind == "video"]
    assert videos
    for video in videos:
        assert video.renditions, f"{video.title}: no renditions"
        assert video.subtitles, f"{video.title}: no subtitles"
        for asset in [*(r.file for r in video.renditions), *(t.vtt for t in video.subtitles)]:
            assert (folder / asset.path).stat().st_size > 0, asset.path
    packages = sorted((folder / "packages").iterdir())
    assert len(packages) == len(FORMATS) == 6
    for package in packages:
        # Checked again here, with the conformance schemas beside the checkout.
        report = check_package(package)
        assert report.passes(strict=True), f"{package.name}: {report.verdict(strict=True)}"


def test_the_app_opens_a_window_under_xvfb(installed: Path, tmp_path: Path) -> None:
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        pytest.fail("the window check needs Xvfb and xwininfo (apt-get install xvfb x11-utils)")
    with private_display() as display:
        app = subprocess.Popen(
            ["moocstudio"],
            env=bare_env(tmp_path / "home", DISPLAY=display),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            seconds = seconds_to_window(display, "moocstudio", app)
            maps = Path(f"/proc/{app.pid}/maps").read_text()
        finally:
            app.terminate()
            output = app.communicate(timeout=60)
    assert seconds is not None, (
        f"no window titled moocstudio within {WINDOW_DEADLINE_S:.0f} s; "
        f"stderr: {output[1].decode(errors='replace')[-3000:]}"
    )
    # The Python running the app is the bundle's, whatever the system has.
    pythons = {line.split()[-1] for line in maps.splitlines() if "libpython" in line}
    assert pythons and all(p.startswith(f"{INSTALL_DIR}/") for p in pythons), pythons


def seconds_to_window(display: str, title: str, app: subprocess.Popen[bytes]) -> float | None:
    """Seconds until a top-level window named ``title`` exists, or None after the deadline."""
    start = time.monotonic()
    while time.monotonic() - start < WINDOW_DEADLINE_S:
        if app.poll() is not None:
            return None
        tree = subprocess.run(
            ["xwininfo", "-root", "-tree", "-display", display],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if f'"{title}"' in tree:
            return time.monotonic() - start
        # Xvfb has no window manager to announce new windows, so ask again shortly; the pause
        # only keeps the polling from taking the CPU the starting app needs.
        time.sleep(0.05)
    return None


def test_removal_leaves_nothing_behind(installed: Path) -> None:
    apt_get("remove", "moocstudio")
    assert not INSTALL_DIR.exists(), sorted(str(p) for p in INSTALL_DIR.rglob("*"))[:20]
    assert not LAUNCHER.exists() and not LAUNCHER.is_symlink()
