"""Fixtures of the LMS tests: the workbench server, the sample's SCORM packages, the block.

The sample course and the browser come from tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scorm_block import FORMATS, SCENARIOS, STRUCTURES, ScormBlock, Workbench, start_workbench, stop

from moocstudio.export.formats import ExportOptions, export_course
from moocstudio.model import Course

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workbench]:
    """The XBlock SDK workbench with the SCORM block, served on a free port of 127.0.0.1: one
    server per test module, its database and files in a fresh temporary folder."""
    reason = "needs the Open edX SCORM XBlock and the XBlock SDK (pip install -e '.[test]')"
    pytest.importorskip("openedxscorm", reason=reason)
    pytest.importorskip("workbench", reason=reason)
    data = tmp_path_factory.mktemp("workbench")
    process, url = start_workbench(data, SCENARIOS)
    try:
        yield Workbench(url, data)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def packages(
    sample: tuple[Path, Course], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The sample course's four SCORM packages, by scenario name ("scorm12-single" ...)."""
    folder, course = sample
    out = tmp_path_factory.mktemp("packages")
    made = {}
    for sco in STRUCTURES:
        for result in export_course(folder, course, out, FORMATS, ExportOptions(sco=sco)):
            made[f"{result.format.name}-{sco}"] = result.path
    return made


@pytest.fixture(scope="module")
def block(chromium_browser: Browser, workbench: Workbench) -> Iterator[ScormBlock]:
    """The SCORM block in the workbench, used in Chromium (see ``ScormBlock``)."""
    used = ScormBlock(chromium_browser, workbench)
    yield used
    used.close()
