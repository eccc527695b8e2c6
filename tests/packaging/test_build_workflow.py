"""The hosted build workflow and the Windows installer script refer to files that exist.

Neither can run here (no Windows or macOS runner): these checks keep them from rotting as the
files they call are renamed or moved.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
INNO_SCRIPT = ROOT / "packaging" / "windows" / "moocstudio.iss"
# Made on the Linux bundle's side of issue #15 (items 1 and 2), merged beside these files.
BUNDLE_FILES = {"packaging/moocstudio.spec", "packaging/build-linux"}


def _workflow() -> dict[str, object]:
    loaded = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _referenced_paths() -> set[str]:
    text = WORKFLOW.read_text("utf-8") + (
        ROOT / "packaging" / "macos" / "moocstudio-app.spec"
    ).read_text("utf-8")
    found = re.findall(r"(?:\.\.[/\\])?(packaging[/\\][\w./\\-]+|tests/[\w./-]+\.py)", text)
    return {path.replace("\\", "/").rstrip(".") for path in found}


def test_the_workflow_builds_on_the_three_hosted_systems() -> None:
    jobs = _workflow()["jobs"]
    assert isinstance(jobs, dict)
    assert {job["runs-on"] for job in jobs.values()} == {
        "ubuntu-24.04",
        "windows-latest",
        "macos-latest",
    }
    for job in jobs.values():
        assert any("upload-artifact" in step.get("uses", "") for step in job["steps"])


def test_every_file_the_workflow_calls_exists() -> None:
    referenced = _referenced_paths()
    assert "packaging/windows/moocstudio.iss" in referenced
    assert "packaging/render_icons.py" in referenced
    missing = [p for p in referenced - BUNDLE_FILES if not (ROOT / p).exists()]
    assert missing == []


def test_the_bundle_spec_the_workflow_runs_exists() -> None:
    absent = sorted(p for p in BUNDLE_FILES if not (ROOT / p).exists())
    if absent:
        pytest.skip(f"{', '.join(absent)} come with the Linux bundle (issue #15 items 1-2)")
    assert _referenced_paths() >= BUNDLE_FILES


def test_the_installer_script_names_files_that_exist() -> None:
    script = INNO_SCRIPT.read_text("utf-8")
    licence = re.search(r"^LicenseFile=(.+)$", script, re.MULTILINE)
    assert licence is not None
    assert (INNO_SCRIPT.parent / licence.group(1).strip().replace("\\", "/")).is_file()
    # Every version's installer updates the same installed app: one fixed AppId.
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", script, re.MULTILINE)
    assert "{#AppVersion}" in re.search(r"^OutputBaseFilename=(.+)$", script, re.MULTILINE)[1]
