"""App tests: a private QSettings store, a fresh course folder per test, English afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from moocstudio.app.translations import install_translations
from moocstudio.app.webengine import prepare_webengine


def pytest_configure(config: pytest.Config) -> None:
    """Settle Qt WebEngine's start-up conditions before pytest-qt makes the QApplication."""
    prepare_webengine()


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the app's settings (recent courses, language) out of the real user's."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache (compiled translations, derived media)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MOOCSTUDIO_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def app(qapp: QApplication, cache_dir: Path) -> Iterator[QApplication]:
    """The application, back in English after the test whatever it installed."""
    yield qapp
    assert install_translations(qapp, "en") == "en"
