"""App tests: the application back in English after each test.

Each test's own settings and cache folders come from the autouse ``user_folders`` fixture in
``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moocstudio.app.jobs import JobCenter
from moocstudio.app.translations import install_translations
from moocstudio.app.webengine import prepare_webengine


def pytest_configure(config: pytest.Config) -> None:
    """Settle Qt WebEngine's start-up conditions before pytest-qt makes the QApplication."""
    prepare_webengine()


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, back in English after the test whatever it installed."""
    yield qapp
    assert install_translations(qapp, "en") == "en"


@pytest.fixture
def jobs(qtbot: QtBot) -> Iterator[JobCenter]:
    """A job center for editors that run jobs, shut down after the test."""
    center = JobCenter()
    yield center
    center.shutdown()
