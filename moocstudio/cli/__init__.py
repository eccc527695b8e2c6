"""The command-line face: thin commands over the same functions the desktop app calls.

Heavy libraries (pydantic, python-pptx, PyAV) are imported inside the commands, so that
``moocstudio --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

import click

# Importing the command modules registers their commands on the group.
from moocstudio.cli import (  # noqa: F401
    cluster_commands,
    course_commands,
    export_commands,
    media_commands,
    quiz_commands,
    schema_commands,
)
from moocstudio.cli.group import cli
from moocstudio.errors import ExitCode, MoocstudioError

__all__ = ["cli", "main"]


def main(argv: Sequence[str] | None = None, *, services: dict[str, Any] | None = None) -> NoReturn:
    """Run the CLI; user errors print one line and exit 2, ``--debug`` shows tracebacks.

    Args:
        argv: The arguments (default: the process's).
        services: Handed to the commands as the click context's ``obj``; the launcher passes
            ``open_app`` here, so ``demo`` can open the desktop app without the CLI importing it.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = cli.main(
            args=args, prog_name="moocstudio", standalone_mode=False, obj=services or {}
        )
    except click.exceptions.Abort:
        click.echo("moocstudio: cancelled", err=True)
        sys.exit(ExitCode.CANCELLED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except MoocstudioError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"moocstudio: error: {exc.user_message}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("moocstudio: cancelled", err=True)
        sys.exit(ExitCode.CANCELLED)
    except Exception as exc:  # the last resort: never a bare traceback for the user
        if debug:
            traceback.print_exc()
        click.echo(
            f"moocstudio: internal error: {type(exc).__name__}: {exc}. "
            "Run again with --debug and report the traceback at "
            "https://github.com/moocstudio/moocstudio/issues",
            err=True,
        )
        sys.exit(ExitCode.INTERNAL)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)
