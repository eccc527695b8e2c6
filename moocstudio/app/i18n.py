"""Translation of the app: strings through Qt's tr(), French shipped as a .ts source."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str, count: int = -1) -> str:
    """Translate ``text`` in ``context``; ``count`` picks a plural form ("%n slide(s)")."""
    return QCoreApplication.translate(context, text, None, count)
