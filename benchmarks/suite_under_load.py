"""Run the README's test command several times in a row on a machine kept busy: must pass each time.

Usage: ``python benchmarks/suite_under_load.py [--runs 3] [--branch NAME] [--busy N] [--keep]``

1. Clones this repository's branch (the one checked out here, by default) into a fresh
   temporary folder, with ``../shared`` beside the clone (a link to this checkout's
   ``../shared``): what a new contributor or CI has, nothing of this checkout's own state
   (virtualenv, caches, untracked files, uncommitted changes).
2. Prepares the clone as ``.ci/run`` does, untimed: the virtualenv with the test extra, and,
   when npm is there, ``npm ci`` for axe-core and scorm-again (else those tests skip).
3. With every core kept busy by ``cpu_load.py`` (one spinning process per core), runs the
   README's test command (read from README.md as ``.ci/run`` reads it) RUNS times in a row, and
   prints each run's pytest result line, exit status and wall time.

Each run's whole output is kept in ``runs/run-N.log`` in the temporary folder, which is removed
at the end unless ``--keep`` is given or a run failed. Exit status: 0 when every run passed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cpu_load import busy_cores, load_average

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"^=+ (.* in [\d.]+s.*) =+$")


@dataclass(frozen=True)
class RunResult:
    """One run of the test command."""

    number: int
    status: int
    seconds: float
    summary: str
    load: str

    def line(self) -> str:
        """The run in one line, for the report."""
        minutes, seconds = divmod(round(self.seconds), 60)
        return (
            f"run {self.number}: exit {self.status}, {minutes} min {seconds:02d} s wall; "
            f"{self.summary}; {self.load} at the end"
        )


def test_command(readme: Path) -> str:
    """The README's test command: the line after the ``sh`` fence below the marker."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    marker = lines.index("<!-- test-command -->")
    fence = next(i for i in range(marker + 1, len(lines)) if lines[i].startswith("```sh"))
    return lines[fence + 1]


def current_branch() -> str:
    """The branch checked out in this repository."""
    return git("rev-parse", "--abbrev-ref", "HEAD", cwd=ROOT).strip()


def git(*args: str, cwd: Path) -> str:
    """Run git, returning its output; stop with its error if it fails."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def fresh_clone(branch: str, into: Path) -> Path:
    """A clone of ``branch`` in ``into/moocstudio``, with ``into/shared`` beside it."""
    clone = into / "moocstudio"
    git("clone", "--quiet", "--branch", branch, "--single-branch", str(ROOT), str(clone), cwd=into)
    shared = (ROOT.parent / "shared").resolve()
    if shared.is_dir():
        (into / "shared").symlink_to(shared, target_is_directory=True)
    else:
        print(f"no {shared}: the tests that need ../shared will say so", file=sys.stderr)
    return clone


def prepare(clone: Path, log: Path) -> None:
    """Install the test extra and the npm test tools, as .ci/run does (not timed)."""
    steps = [["python3", "-m", "venv", ".venv"], [".venv/bin/pip", "install", ".[test]"]]
    if shutil.which("npm"):
        for folder in ("tests/build/axe", "tests/export/scorm_again"):
            steps.append(["npm", "ci", "--prefix", folder, "--no-audit", "--no-fund"])
    with log.open("w", encoding="utf-8") as out:
        for step in steps:
            done = subprocess.run(step, cwd=clone, stdout=out, stderr=subprocess.STDOUT)
            if done.returncode != 0:
                sys.exit(f"preparing the clone failed at {' '.join(step)}; see {log}")


def run_once(number: int, command: str, clone: Path, log: Path) -> RunResult:
    """Run the test command in ``clone``, output to ``log``; its result."""
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_PROGRESS_BAR": "off"}
    env.pop("VIRTUAL_ENV", None)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        status = subprocess.run(
            ["bash", "-c", command], cwd=clone, stdout=out, stderr=subprocess.STDOUT, env=env
        ).returncode
    seconds = time.monotonic() - started
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    summaries = [found[1] for line in lines if (found := SUMMARY.match(line.strip()))]
    summary = summaries[-1] if summaries else f"no pytest summary (see {log})"
    return RunResult(number, status, seconds, summary, load_average())


def main() -> int:
    """Clone, prepare, run under load; 0 when every run passed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--branch", default=None, help="default: the branch checked out here")
    parser.add_argument("--busy", type=int, default=None, help="busy processes (default: cores)")
    parser.add_argument("--keep", action="store_true", help="keep the clone and the logs")
    args = parser.parse_args()
    branch = args.branch or current_branch()
    work = Path(tempfile.mkdtemp(prefix="moocstudio-under-load-"))
    logs = work / "runs"
    logs.mkdir()
    clone = fresh_clone(branch, work)
    commit = git("rev-parse", "--short", "HEAD", cwd=clone).strip()
    command = test_command(clone / "README.md")
    print(f"{branch} at {commit}, cloned into {clone}", flush=True)
    print(f"test command: {command}", flush=True)
    prepare(clone, logs / "prepare.log")
    results = []
    with busy_cores(args.busy) as spinners:
        print(f"{len(spinners)} busy processes; {load_average()}", flush=True)
        for number in range(1, args.runs + 1):
            result = run_once(number, command, clone, logs / f"run-{number}.log")
            results.append(result)
            print(result.line(), flush=True)
    passed = all(result.status == 0 for result in results)
    if passed and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"logs and clone kept in {work}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
