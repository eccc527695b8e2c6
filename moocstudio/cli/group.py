"""The ``moocstudio`` command group and the option types its commands share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from moocstudio import __version__

Command = TypeVar("Command", bound=Callable[..., object])

DEFAULT_DEMO_DIR = "moocstudio-demo"
PROFILE_NAMES = ("mobile", "low-bandwidth", "hd")  # tests check them against renditions.PROFILES

existing_dir = click.Path(file_okay=False, path_type=Path)


def output_dir_option(what: str) -> Callable[[Command], Command]:
    """``--output/-o DIR`` (required), the folder a command writes ``what`` into."""
    return click.option(
        "--output",
        "-o",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Folder for {what} (created if missing).",
    )


def profile_option() -> Callable[[Command], Command]:
    """``--profile``: the rendition ladder to make."""
    return click.option(
        "--profile",
        type=click.Choice(PROFILE_NAMES),
        default="mobile",
        show_default=True,
        help="mobile: 360p/540p/720p; low-bandwidth: 240p/360p; hd: up to 1080p.",
    )


def jobs_option(what: str) -> Callable[[Command], Command]:
    """``--jobs/-j N``: how many ``what`` are worked on at once."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help=f"{what} at once (default: chosen for this machine).",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="moocstudio")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """Assemble MOOC modules from slides, video and markdown; export open-licensed packages."""
    if debug:
        # moocstudio's own debug log on stderr, e.g. the traceback behind a warning that a
        # shape of a slide could not be read; other libraries stay at warnings.
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
        logging.getLogger("moocstudio").setLevel(logging.DEBUG)
