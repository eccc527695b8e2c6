"""The build stamp: baked into every wheel by hatch_build.py, read back by the About box."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from moocstudio.build_stamp import (
    STAMP_FILE_NAME,
    BuildOrigin,
    BuildStamp,
    RunGit,
    build_date,
    stamp_from_git,
)
from moocstudio.media.process import run

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git for the commit")


def git_in(folder: Path) -> RunGit:
    def run_git(args: Sequence[str]) -> str | None:
        done = run(["git", "-C", str(folder), *args], timeout=30)
        return done.stdout.decode() if done.ok else None

    return run_git


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with one commit, made on 15 January 2026."""
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "course.md").write_text("# Un cours\n", encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "Ana",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
        "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    }
    for args in (["init", "-q"], ["add", "course.md"], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=env)
    return folder


def test_a_checkout_names_its_commit_and_the_commit_s_day(repository: Path) -> None:
    head = git_in(repository)(["rev-parse", "HEAD"])
    stamp = stamp_from_git("0.1.0", git_in(repository))
    assert stamp == BuildStamp("0.1.0", BuildOrigin.CHECKOUT, (head or "").strip(), "2026-01-15")

    (repository / "notes.txt").write_text("untracked", encoding="utf-8")
    assert stamp_from_git("0.1.0", git_in(repository)) == stamp, "untracked files do not count"
    (repository / "course.md").write_text("# Un cours modifié\n", encoding="utf-8")
    changed = stamp_from_git("0.1.0", git_in(repository))
    assert changed is not None and changed.modified
    assert changed.short_commit == f"{stamp.commit[:10]}-modified"


def test_outside_a_checkout_there_is_no_commit(tmp_path: Path) -> None:
    assert stamp_from_git("0.1.0", git_in(tmp_path)) is None


def test_a_build_is_dated_the_day_it_is_made(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28 UTC
    assert build_date() == "2026-05-28"
    built = stamp_from_git("0.1.0", git_in(repository), BuildOrigin.BUILT)
    assert built is not None and built.date == "2026-05-28"
    assert BuildStamp.from_json(built.to_json()) == built


def test_a_file_that_is_not_a_stamp_is_refused() -> None:
    for text in ("[]", '{"commit": "abc"}', "not json"):
        with pytest.raises(ValueError):
            BuildStamp.from_json(text)


@pytest.mark.slow
def test_a_wheel_carries_the_stamp_and_the_installed_package_reads_it(tmp_path: Path) -> None:
    head = git_in(ROOT)(["rev-parse", "HEAD"])
    if head is None:
        pytest.skip("the wheel is stamped from git, and this source tree is not a checkout")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("moocstudio-*.whl")
    assert [p.name for p in tmp_path.iterdir()] == [wheel.name], "nothing else in the output"
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        baked = json.loads(archive.read(f"moocstudio/{STAMP_FILE_NAME}"))
        assert "moocstudio/_data/packaging/icons/org.moocstudio.MoocStudio.svg" in (
            archive.namelist()
        )
        archive.extractall(installed)
    assert baked["commit"] == head.strip()
    assert baked["origin"] == "built"

    # As installed (the wheel's files first on the path): the baked stamp, not git, answers.
    said = subprocess.run(
        [
            sys.executable,
            "-c",
            "from moocstudio.build_stamp import current_build; print(current_build().to_json())",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
    ).stdout
    assert json.loads(said) == baked
