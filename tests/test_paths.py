"""Where moocstudio keeps the user's files: platformdirs' folders, never the install folder.

An update replaces the install folder and an uninstall removes it, so nothing of the user's
may live there: settings, cache and data go to the folders each system reserves for them
(platformdirs), which the guide names per system; ``MOOCSTUDIO_*_DIR`` overrides them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

import moocstudio
from moocstudio import paths
from moocstudio.resources import resource_path

GUIDE = resource_path("guide", "index.html")

FOLDERS: dict[str, tuple[Callable[[], Path], Callable[..., str]]] = {
    "MOOCSTUDIO_CACHE_DIR": (paths.user_cache_dir, platformdirs.user_cache_dir),
    "MOOCSTUDIO_CONFIG_DIR": (paths.user_config_dir, platformdirs.user_config_dir),
    "MOOCSTUDIO_DATA_DIR": (paths.user_data_dir, platformdirs.user_data_dir),
}


@pytest.mark.parametrize("variable", FOLDERS)
def test_each_folder_follows_its_override(
    variable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, str(tmp_path / "portable"))
    ours, _ = FOLDERS[variable]
    assert ours() == tmp_path / "portable"


@pytest.mark.parametrize("variable", FOLDERS)
def test_without_override_each_folder_is_the_system_s_and_outside_the_install(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(variable)
    ours, system = FOLDERS[variable]
    folder = ours()
    assert folder == Path(system("moocstudio", appauthor=False))
    assert folder.is_relative_to(Path.home())  # the user's own (this run's private home)
    install = Path(moocstudio.__file__).resolve().parent
    for place in (install, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()):
        assert not folder.resolve().is_relative_to(place)


@pytest.mark.skipif(sys.platform != "darwin", reason="macOS only (runs in the hosted macOS build)")
def test_macos_folders_are_the_ones_the_guide_names(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in FOLDERS:
        monkeypatch.delenv(variable)
    home = Path.home()
    assert paths.user_cache_dir() == home / "Library" / "Caches" / "moocstudio"
    assert paths.user_config_dir() == home / "Library" / "Application Support" / "moocstudio"


@pytest.mark.skipif(
    sys.platform != "win32", reason="Windows only (runs in the hosted Windows build)"
)
def test_windows_folders_are_the_ones_the_guide_names(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in FOLDERS:
        monkeypatch.delenv(variable)
    from platformdirs.windows import get_win_folder

    local = Path(get_win_folder("CSIDL_LOCAL_APPDATA"))
    # appauthor=False: no "moocstudio\\moocstudio" doubling.
    assert paths.user_cache_dir() == local / "moocstudio" / "Cache"
    assert paths.user_config_dir() == local / "moocstudio"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only (XDG folders)")
def test_linux_folders_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in FOLDERS:
        monkeypatch.delenv(variable)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert paths.user_cache_dir() == tmp_path / "cache" / "moocstudio"
    assert paths.user_config_dir() == tmp_path / "config" / "moocstudio"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert paths.user_cache_dir() == Path.home() / ".cache" / "moocstudio"


def test_the_guide_names_these_folders_and_how_to_update_and_remove_each_install() -> None:
    guide = GUIDE.read_text("utf-8")
    for folder in (
        "~/.config/moocstudio",
        "~/.cache/moocstudio",
        "~/Library/Caches/moocstudio",
        "~/Library/Application Support/moocstudio",
        "%LOCALAPPDATA%\\moocstudio\\Cache",
    ):
        assert f"<code>{folder}</code>" in guide
    forms = guide.split('<h2 id="install">', 1)[1].split("<h3>")[1:]
    titles = [form.split("</h3>")[0] for form in forms]
    assert titles == [
        "Debian or Ubuntu package (.deb)",
        "Linux folder (.tar.gz)",
        "Flatpak",
        "Windows",
        "macOS",
        "Installed with pip",
    ]
    for form in forms:
        assert "Update:" in form and "Remove:" in form
