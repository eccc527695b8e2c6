"""Icons of the app, drawn for it (resources/icons), looked up by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from moocstudio.resources import resource_path


@cache
def kind_icon(kind: str) -> QIcon:
    """The icon of a module or an item kind: ``module``, ``page``, ``slides``, ``video``."""
    return QIcon(str(resource_path("icons", f"{kind}.svg")))
