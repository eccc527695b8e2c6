"""The app's identity on the desktop: its id, and its icon drawn from the one SVG source.

The id names the ``.desktop`` entry, the AppStream metainfo, the Flatpak and the icon files
(``packaging/``). Qt reports it as the Wayland app id (``setDesktopFileName``), and the X11
window class is the application name, which the entry's ``StartupWMClass`` repeats, so that
docks group the window under its launcher.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from moocstudio.resources import packaging_path

log = logging.getLogger(__name__)

APP_ID = "org.moocstudio.MoocStudio"
"""Reverse-DNS id: the desktop entry's file name without ``.desktop``, and the icon's name."""
WINDOW_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""Pixel sizes drawn for the window icon: title bars, task bars, Alt+Tab switchers."""


def app_icon_source() -> Path:
    """The SVG every size of the icon is drawn from."""
    return packaging_path("icons", f"{APP_ID}.svg")


def render_app_icon(size: int, source: Path | None = None) -> QImage:
    """The icon as a ``size``×``size`` image with a transparent background.

    Drawn with QtSvg, so neither the app nor the packaging needs another SVG renderer.

    Raises:
        ValueError: The SVG cannot be read (``source`` names it).
    """
    svg = source or app_icon_source()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a readable SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The window icon, drawn at each of :data:`WINDOW_ICON_SIZES`.

    Drawn here rather than left to Qt's SVG icon plugin, which a bundle might not carry.
    An empty icon (the window system's default) when the SVG is missing from the install.
    """
    icon = QIcon()
    if not app_icon_source().is_file():
        log.warning("no app icon: %s is missing from this install", app_icon_source())
        return icon
    for size in WINDOW_ICON_SIZES:
        icon.addPixmap(QPixmap.fromImage(render_app_icon(size)))
    return icon
