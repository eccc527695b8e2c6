"""Hatch build hook: bake the build stamp (version, commit, date) into every wheel.

A wheel built from a git checkout (``pip install .``, ``pip install git+…``, the bundle's clean
venv, CI) gets ``moocstudio/_build_stamp.json``, which the About box and ``moocstudio about``
read; see ``moocstudio/build_stamp.py``, loaded here by its path (only the standard library:
moocstudio is not installed in the build environment). Editable installs get no stamp: they
ask git at run time, so they follow the checkout.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent


def _load_build_stamp() -> Any:
    spec = importlib.util.spec_from_file_location(
        "_moocstudio_build_stamp", ROOT / "moocstudio" / "build_stamp.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def _version() -> str:
    for line in (ROOT / "moocstudio" / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise RuntimeError("moocstudio/__init__.py names no __version__")


def _run_git(args: Sequence[str]) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


class BuildStampHook(BuildHookInterface):  # type: ignore[type-arg]
    """Writes the stamp into the build folder and adds it to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Called by hatchling before a wheel is built (``version``: "editable" or "standard")."""
        if self.target_name != "wheel" or version == "editable":
            return
        stamps = _load_build_stamp()
        built = stamps.BuildOrigin.BUILT
        stamp = stamps.stamp_from_git(_version(), _run_git, built) or stamps.BuildStamp(
            _version(), built, date=stamps.build_date()
        )
        # Written outside the output folder, which must hold only the wheel.
        self._scratch = Path(tempfile.mkdtemp(prefix="moocstudio-stamp-"))
        target = self._scratch / stamps.STAMP_FILE_NAME
        target.write_text(stamp.to_json(), encoding="utf-8")
        build_data["force_include"][str(target)] = f"moocstudio/{stamps.STAMP_FILE_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Called by hatchling once the wheel is written: remove the stamp's scratch folder."""
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
