"""The Flatpak manifest: parsed by flatpak-builder itself, with the permissions it asks for.

No Flatpak runtime can be downloaded on this project's machines, so the manifest is not built
here; ``flatpak-builder --show-manifest`` loads it as a build would (YAML, included files,
every key's type) and prints what it understood.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "packaging" / "org.moocstudio.MoocStudio.yml"
REQUIREMENTS = ROOT / "packaging" / "flatpak" / "requirements.txt"


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    if shutil.which("flatpak-builder") is None:
        pytest.skip("needs flatpak-builder (Debian package flatpak-builder) to parse the manifest")
    done = subprocess.run(
        ["flatpak-builder", "--show-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path_factory.mktemp("flatpak-state"),  # where it leaves .flatpak-builder/
    )
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert isinstance(parsed, dict)
    return parsed


def test_the_manifest_uses_the_kde_6_runtime(manifest: dict[str, object]) -> None:
    assert manifest["id"] == "org.moocstudio.MoocStudio"
    assert manifest["runtime"] == "org.kde.Platform"
    assert manifest["sdk"] == "org.kde.Sdk"
    assert str(manifest["runtime-version"]).startswith("6.")
    assert manifest["command"] == "moocstudio"


def test_it_asks_for_the_home_folder_and_nothing_broader(manifest: dict[str, object]) -> None:
    finish_args = manifest["finish-args"]
    assert isinstance(finish_args, list)
    assert "--filesystem=home" in finish_args
    broad = {"--filesystem=host", "--filesystem=host-os", "--socket=x11", "--socket=session-bus"}
    assert broad.isdisjoint(finish_args)
    assert not [a for a in finish_args if a.startswith(("--talk-name", "--own-name"))], (
        "portals need no D-Bus permission"
    )
    assert not [a for a in finish_args if a.startswith("--share=network")], "works offline"


def test_every_module_has_commands_and_its_files_exist(manifest: dict[str, object]) -> None:
    modules = manifest["modules"]
    assert isinstance(modules, list)
    assert [m["name"] for m in modules] == ["python3-dependencies", "moocstudio"]
    for module in modules:
        # A YAML plain scalar with ": " in it silently becomes a mapping, and the command is lost.
        assert module["build-commands"], f"{module['name']} has its commands"
        for source in module["sources"]:
            assert (MANIFEST.parent / source["path"]).exists(), source["path"]


def test_the_pinned_requirements_cover_every_runtime_dependency() -> None:
    pinned = {
        _normalized(line.split("==")[0])
        for line in REQUIREMENTS.read_text("utf-8").splitlines()
        if "==" in line
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    wanted = project["project"]["dependencies"] + project["build-system"]["requires"]
    names = {_normalized(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in wanted}
    assert names - pinned == set(), "run packaging/flatpak/update-python-modules"
