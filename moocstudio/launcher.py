"""The ``moocstudio`` command: the desktop app with no arguments or ``open``, else the CLI.

This module sits above both faces (the CLI may not import the GUI, see DESIGN.md), so it is
the one place that knows about both. Qt is imported only when the app is really opened, so
the CLI keeps its fast start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from moocstudio.cli import cli
from moocstudio.cli import main as cli_main


def has_display() -> bool:
    """True when a window can be shown (Linux needs an X11 or Wayland display)."""
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_app(course: Path | None = None) -> int:
    """Run the desktop app (optionally on ``course``) until its window closes."""
    from moocstudio.app.main import run_app

    return run_app(course)


@cli.command("open")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), required=False)
def open_command(folder: Path | None) -> None:
    """Open the desktop app, on the course in FOLDER if given."""
    if not has_display():
        raise click.UsageError(
            "no display: the desktop app needs one (use the commands, e.g. 'moocstudio info')"
        )
    sys.exit(open_app(folder))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point of the ``moocstudio`` script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args and has_display():
        sys.exit(open_app())
    cli_main(args, services={"open_app": open_app, "has_display": has_display})
