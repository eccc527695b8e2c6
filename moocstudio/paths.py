"""Where moocstudio keeps its own files, with ``MOOCSTUDIO_*_DIR`` overrides.

The overrides let tests and portable installs keep everything in one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "moocstudio"


def _dir(env: str, default: str) -> Path:
    override = os.environ.get(env)
    return Path(override) if override else Path(default)


def user_cache_dir() -> Path:
    """Cache for derived media made outside a course (``moocstudio transcode``)."""
    from platformdirs import user_cache_dir as platform_cache

    return _dir("MOOCSTUDIO_CACHE_DIR", platform_cache(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """Settings."""
    from platformdirs import user_config_dir as platform_config

    return _dir("MOOCSTUDIO_CONFIG_DIR", platform_config(APP_NAME, appauthor=False))


def user_data_dir() -> Path:
    """Data moocstudio downloads for the user (the official package schemas)."""
    from platformdirs import user_data_dir as platform_data

    return _dir("MOOCSTUDIO_DATA_DIR", platform_data(APP_NAME, appauthor=False))
