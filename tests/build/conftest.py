"""The sample course (tests/conftest.py) built once per session for the builder tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.build import SiteTree, build_site
from moocstudio.model import Course


@pytest.fixture(scope="session")
def site(sample: tuple[Path, Course], tmp_path_factory: pytest.TempPathFactory) -> SiteTree:
    """The sample course built once for the read-only tests."""
    folder, course = sample
    return build_site(folder, course, tmp_path_factory.mktemp("out") / "site")
