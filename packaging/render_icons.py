"""Render the app icon's files from its one SVG source.

Usage: ``python packaging/render_icons.py OUT_DIR [--ico] [--icns]`` (from the project's venv:
it draws with PySide6's QtSvg, the renderer the app uses for its window icon). Writes
``OUT_DIR/hicolor/<N>x<N>/apps/org.moocstudio.MoocStudio.png`` for every size the freedesktop
icon theme spec names for apps, and the SVG itself under ``OUT_DIR/hicolor/scalable/apps/``.
The .deb copies ``OUT_DIR/hicolor`` to ``/usr/share/icons/hicolor``; the Flatpak renders into
``/app/share/icons``. ``--ico`` adds ``OUT_DIR/org.moocstudio.MoocStudio.ico`` (Windows: the
executable and the installer) and ``--icns`` the ``.icns`` of the macOS app, both made with
Pillow from the same drawings.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from pathlib import Path

from PIL import Image

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""Pixel sizes of the PNGs: 16–64 for menus and panels, 128–512 for software centres."""
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest a .ico holds
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 is 512 at Retina density


def _drawings(sizes: set[int]) -> dict[int, Image.Image]:
    """The icon drawn at each size by QtSvg, as Pillow images."""
    # Drawing into an image needs no window; offscreen keeps this working without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    from moocstudio.app.app_icon import render_app_icon

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    drawn = {}
    for size in sorted(sizes):
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not render_app_icon(size).save(buffer, "PNG"):
            raise OSError(f"the {size} px icon could not be encoded")
        drawn[size] = Image.open(io.BytesIO(bytes(buffer.data().data())))
    return drawn


def render_icons(out_dir: Path, ico: bool = False, icns: bool = False) -> list[Path]:
    """Write the icon's files under ``out_dir``; return their paths."""
    from moocstudio.app.app_icon import APP_ID, app_icon_source

    wanted = (
        set(ICON_SIZES) | (set(ICO_SIZES) if ico else set()) | (set(ICNS_SIZES) if icns else set())
    )
    drawn = _drawings(wanted)
    written = []
    for size in ICON_SIZES:
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        drawn[size].save(target, "PNG")
        written.append(target)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app_icon_source(), scalable)
    written.append(scalable)
    # Each container gets the drawing made for each of its sizes, not one image scaled down.
    for enabled, sizes, suffix in ((ico, ICO_SIZES, "ico"), (icns, ICNS_SIZES, "icns")):
        if enabled:
            target = out_dir / f"{APP_ID}.{suffix}"
            largest, *others = (drawn[size] for size in reversed(sizes))
            largest.save(target, sizes=[(s, s) for s in sizes], append_images=others)
            written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Command line: the output folder, and which platform icons to add."""
    parser = argparse.ArgumentParser(prog="render_icons.py", description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--ico", action="store_true", help="also write the Windows .ico")
    parser.add_argument("--icns", action="store_true", help="also write the macOS .icns")
    args = parser.parse_args(argv)
    for path in render_icons(args.out_dir, ico=args.ico, icns=args.icns):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
