"""Find the files under ``resources/`` and ``templates/``, installed or in a source checkout.

A wheel carries them as ``moocstudio/_data/`` (hatch force-include in pyproject.toml); a source
checkout or an editable install has them at the repository's top level.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    installed = _PACKAGE_DIR / "_data"
    if (installed / "resources").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def resource_path(*parts: str) -> Path:
    """Path of a file or folder under ``resources/``."""
    return _data_root().joinpath("resources", *parts)


def template_path(*parts: str) -> Path:
    """Path of a file or folder under ``templates/``."""
    return _data_root().joinpath("templates", *parts)


def packaging_path(*parts: str) -> Path:
    """Path of a file under ``packaging/`` the app itself uses (its icon's SVG source)."""
    return _data_root().joinpath("packaging", *parts)
