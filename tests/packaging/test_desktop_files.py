"""The desktop entry, the AppStream metainfo and the icons, each checked by its own validator.

``desktop-file-validate`` (desktop-file-utils) and ``appstreamcli`` (appstream) are the tools
distributions and Flathub run; ``.ci/run`` installs them, and these tests skip, saying which
package is missing, where they are not installed.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from moocstudio import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "org.moocstudio.MoocStudio"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON_SOURCE = PACKAGING / "icons" / f"{APP_ID}.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
VALIDATOR_TIMEOUT = 60  # seconds; each validator answers in well under one


def needs(tool: str, package: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        shutil.which(tool) is None, reason=f"needs {tool} (Debian package {package})"
    )


def run_tool(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        timeout=VALIDATOR_TIMEOUT,
        check=False,
    )


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def render_icons(out_dir: Path) -> None:
    done = run_tool(sys.executable, PACKAGING / "render_icons.py", out_dir)
    assert done.returncode == 0, done.stderr


@needs("desktop-file-validate", "desktop-file-utils")
def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    done = run_tool("desktop-file-validate", DESKTOP_FILE)
    problems = [line for line in done.stdout.splitlines() if not re.search(r": hint: ", line)]
    assert done.returncode == 0, done.stdout
    # The one hint left is the issue's own choice: Education and AudioVideo are both main
    # categories, so some menus list the app under each.
    assert problems == []


def test_the_desktop_entry_says_what_the_issue_and_the_app_say() -> None:
    entry = desktop_entry()
    assert entry["Categories"] == "Education;AudioVideo;"
    assert entry["Icon"] == APP_ID
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry[f"{key}[fr]"], f"{key} has a French translation"
    assert entry["Comment[fr]"] != entry["Comment"]
    assert entry["GenericName[fr]"] != entry["GenericName"]
    # The launcher opens the app only with no argument (moocstudio.launcher): no field code.
    assert entry["Exec"] == "moocstudio"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert entry["Exec"] in scripts
    # The window's X11 class is the application name (checked on a real X server in
    # tests/app/test_app_identity.py).
    assert entry["StartupWMClass"] == "moocstudio"


@needs("appstreamcli", "appstream")
def test_the_metainfo_passes_appstreamcli_validate() -> None:
    done = run_tool("appstreamcli", "validate", "--no-net", "--no-color", METAINFO)
    assert done.returncode == 0, done.stdout
    # Infos only (the <developer> tag, AppStream 1.0's, is unknown to 0.16): no error or warning.
    assert not re.search(r"^\s*[EW]: ", done.stdout, re.MULTILINE), done.stdout


@needs("appstreamcli", "appstream")
def test_an_installed_tree_passes_validate_tree(tmp_path: Path) -> None:
    """As the .deb and the Flatpak install them: the launchable entry is found, icons too."""
    share = tmp_path / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy(DESKTOP_FILE, share / "applications")
    shutil.copy(METAINFO, share / "metainfo")
    render_icons(share / "icons")
    done = run_tool("appstreamcli", "validate-tree", "--no-net", "--no-color", tmp_path)
    assert done.returncode == 0, done.stdout
    assert not re.search(r"^\s*[EW]: ", done.stdout, re.MULTILINE), done.stdout

    (share / "applications" / DESKTOP_FILE.name).unlink()
    missing = run_tool("appstreamcli", "validate-tree", "--no-net", "--no-color", tmp_path)
    assert missing.returncode != 0
    assert "desktop-file-not-found" in missing.stdout


def test_the_metainfo_names_the_app_its_binary_and_its_latest_version() -> None:
    component = etree.parse(str(METAINFO)).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable[@type='desktop-id']").text == DESKTOP_FILE.name
    assert component.findtext("provides/binary") == desktop_entry()["Exec"]
    assert component.findtext("developer/name")
    assert component.find("content_rating").get("type") == "oars-1.1"
    assert component.find("description/p") is not None
    versions = [release.get("version") for release in component.iter("release")]
    assert versions[0] == __version__, "the newest release is the version being built"


def test_every_screenshot_is_one_of_the_readme_images() -> None:
    component = etree.parse(str(METAINFO)).getroot()
    readme = (ROOT / "README.md").read_text("utf-8")
    images = list(component.iter("image"))
    assert len(images) >= 3
    for image in images:
        url = image.text or ""
        # https://raw.githubusercontent.com/OWNER/REPO/BRANCH/<path in the repository>
        match = re.fullmatch(r"https://raw\.githubusercontent\.com/[^/]+/[^/]+/main/(.+)", url)
        assert match, f"{url} is not a file of the repository's main branch"
        relative = match.group(1)
        assert f"]({relative})" in readme, f"{relative} is not an image of the README"
        with Image.open(ROOT / relative) as picture:
            assert picture.size == (int(image.get("width")), int(image.get("height")))
    defaults = [s for s in component.iter("screenshot") if s.get("type") == "default"]
    assert len(defaults) == 1


def test_icons_in_every_hicolor_size_are_rendered_from_the_one_svg(tmp_path: Path) -> None:
    render_icons(tmp_path)
    hicolor = tmp_path / "hicolor"
    for size in ICON_SIZES:
        with Image.open(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as png:
            assert png.size == (size, size)
            assert png.mode == "RGBA"
            assert png.getpixel((0, 0))[3] == 0, "rounded corners stay transparent"
            assert png.getpixel((size // 2, size // 2))[3] == 255, "the middle is drawn"
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == ICON_SOURCE.read_bytes()
    assert sorted(p.name for p in hicolor.iterdir()) == sorted(
        [f"{n}x{n}" for n in ICON_SIZES] + ["scalable"]
    )


def test_windows_and_macos_icons_hold_each_size_as_drawn(tmp_path: Path) -> None:
    done = run_tool(sys.executable, PACKAGING / "render_icons.py", tmp_path, "--ico", "--icns")
    assert done.returncode == 0, done.stderr
    with Image.open(tmp_path / f"{APP_ID}.ico") as ico:
        assert sorted(ico.ico.sizes()) == [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
        ico.size = (16, 16)
        drawn = Image.open(tmp_path / "hicolor" / "16x16" / "apps" / f"{APP_ID}.png")
        assert ico.convert("RGBA").tobytes() == drawn.convert("RGBA").tobytes()
    with Image.open(tmp_path / f"{APP_ID}.icns") as icns:
        assert icns.size == (1024, 1024)
        assert (16, 16, 2) in icns.info["sizes"]


def test_render_icons_says_how_to_call_it() -> None:
    done = run_tool(sys.executable, PACKAGING / "render_icons.py")
    assert done.returncode == 2
    assert "the following arguments are required: OUT_DIR" in done.stderr
