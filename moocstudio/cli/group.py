"""The ``moocstudio`` command group and the option types its commands share."""

from __future__ import annotations

from pathlib import Path

import click

from moocstudio import __version__

DEFAULT_DEMO_DIR = "moocstudio-demo"
PROFILE_NAMES = ("mobile", "low-bandwidth", "hd")  # tests check them against renditions.PROFILES

existing_dir = click.Path(file_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="moocstudio")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """Assemble MOOC modules from slides, video and markdown; export open-licensed packages."""
