"""Render the app icon's hicolor theme files from its one SVG source.

Usage: ``python packaging/render_icons.py OUT_DIR`` (from the project's venv: it draws with
PySide6's QtSvg, the renderer the app uses for its window icon). Writes
``OUT_DIR/hicolor/<N>x<N>/apps/org.moocstudio.MoocStudio.png`` for every size the freedesktop
icon theme spec names for apps, and the SVG itself under ``OUT_DIR/hicolor/scalable/apps/``.
The .deb copies ``OUT_DIR/hicolor`` to ``/usr/share/icons/hicolor``; the Flatpak to
``/app/share/icons/hicolor``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""Pixel sizes of the PNGs: 16–64 for menus and panels, 128–512 for software centres."""


def render_icons(out_dir: Path) -> list[Path]:
    """Write every hicolor file of the app icon under ``out_dir``; return their paths."""
    # Drawing into an image needs no window; offscreen keeps this working without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from moocstudio.app.app_icon import APP_ID, app_icon_source, render_app_icon

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    source = app_icon_source()
    written = []
    for size in ICON_SIZES:
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render_app_icon(size, source).save(str(target), "PNG"):
            raise OSError(f"{target}: the PNG could not be written")
        written.append(target)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    written.append(scalable)
    return written


def main(argv: list[str]) -> int:
    """Command line: one argument, the output folder."""
    if len(argv) != 1:
        sys.stderr.write("usage: render_icons.py OUT_DIR\n")
        return 2
    for path in render_icons(Path(argv[0])):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
