"""Commands on a course: new, add, info, demo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from moocstudio.cli.export_commands import export_and_check
from moocstudio.cli.group import DEFAULT_DEMO_DIR, cli, existing_dir
from moocstudio.cli.media_commands import make_course_media
from moocstudio.cli.outline import describe, format_outline
from moocstudio.errors import ExitCode, MoocstudioError
from moocstudio.export.formats import FORMATS

if TYPE_CHECKING:
    from moocstudio.model import LicenceId


@cli.command()
@click.argument("folder", type=existing_dir)
@click.option("--title", "-t", required=True, help="Course title.")
@click.option("--language", "-l", default="en", show_default=True, help="BCP 47 tag, e.g. fr.")
@click.option(
    "--licence",
    "--license",
    "licence",
    default="CC-BY-4.0",
    show_default=True,
    help="SPDX id: CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0, CC-BY-ND-4.0, "
    "CC-BY-NC-ND-4.0 or CC0-1.0.",
)
@click.option("--subtitle", default="", help="Course subtitle.")
@click.option("--description", default="", help="Short description shown on the course home.")
@click.option("--author", "authors", multiple=True, help="Author name (repeatable).")
@click.option("--keyword", "keywords", multiple=True, help="Keyword (repeatable).")
def new(
    folder: Path,
    title: str,
    language: str,
    licence: str,
    subtitle: str,
    description: str,
    authors: tuple[str, ...],
    keywords: tuple[str, ...],
) -> None:
    """Create a new, empty course in FOLDER."""
    from pydantic import ValidationError

    from moocstudio.model import Course, Person
    from moocstudio.model.store import create_course

    try:
        course = Course(
            title=title,
            subtitle=subtitle,
            description=description,
            language=language,
            licence=_parse_licence(licence),
            authors=[Person(name=name) for name in authors],
            keywords=list(keywords),
        )
    except ValidationError as exc:
        field = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise MoocstudioError(f"invalid {field}: {exc.errors()[0]['msg']}") from exc
    create_course(folder, course)
    click.echo(f"Created course “{course.title}” in {folder}")


def _parse_licence(text: str) -> LicenceId:
    from moocstudio.model import LicenceId

    wanted = text.strip().upper().replace(" ", "-")
    for licence in LicenceId:
        if licence.value.upper() == wanted:
            return licence
    choices = ", ".join(licence.value for licence in LicenceId)
    raise MoocstudioError(f"unknown licence {text!r}; use one of {choices}")


@cli.command()
@click.argument("folder", type=existing_dir)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--module", "-m", "module_title", help="Module to add to (created if needed).")
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Top folder of the lessons the pages come from: site-root image paths (/fig/x.png) "
    "resolve there, and no image path may lead outside it. Default: the nearest folder above "
    "each page holding .git, _config.yml, conf.py, myst.yml, _quarto.yml or config.yaml.",
)
def add(folder: Path, files: tuple[Path, ...], module_title: str | None, root: Path | None) -> None:
    """Import FILES (slides: .pptx, .odp, PDF; markdown pages; videos; GIFT quizzes) into FOLDER.

    The kind of each file is read from its content. A page's ```quiz blocks become quizzes
    placed right after it. Files that fail are reported; the others are still added.
    """
    from moocstudio.importers.dispatch import import_file
    from moocstudio.model.store import load_course, save_course

    course = load_course(folder)
    failures = 0
    for source in files:
        try:
            result = import_file(folder, source, root=root)
        except MoocstudioError as exc:
            failures += 1
            click.echo(f"moocstudio: error: {exc.user_message}", err=True)
            continue
        for warning in result.warnings:
            click.echo(f"moocstudio: warning: {warning}", err=True)
        for item in result.items:
            module = course.add_item(item, module_title)
            click.echo(f"Added {describe(item)} to “{module.title}”")
    if failures < len(files):  # nothing added: the course file is left as it was
        save_course(folder, course)
    if failures:
        sys.exit(ExitCode.USER_ERROR)


@cli.command()
@click.argument("folder", type=existing_dir)
def info(folder: Path) -> None:
    """Print the outline of the course in FOLDER: modules, items, durations, licences."""
    from moocstudio.model.store import load_course

    click.echo(format_outline(load_course(folder)))


DEMO_PACKAGES = "packages"


@cli.command()
@click.argument("folder", type=existing_dir, default=DEFAULT_DEMO_DIR)
@click.option(
    "--open/--no-open",
    "open_app",
    default=None,
    help="Open the desktop app on the sample at the end (default: when a display exists).",
)
@click.pass_obj
def demo(services: dict[str, Any] | None, folder: Path, open_app: bool | None) -> None:
    """Build the bundled sample course in FOLDER (default: ./moocstudio-demo) and show it.

    Its slides, pages and video are imported, the video gets its renditions, poster and
    subtitle draft (timed on the speech, text from the transcript), and the course is exported
    in every package format into FOLDER/packages, each package checked as a platform would.
    """
    from moocstudio.sample import build_sample_course

    click.echo(f"Building the sample course in {folder} …", err=True)
    from moocstudio.media.course_media import MediaSettings

    built = build_sample_course(
        folder, on_step=lambda name: click.echo(f"  import {name}", err=True)
    )
    for warning in built.warnings:
        click.echo(f"moocstudio: warning: {warning}", err=True)
    click.echo("Making renditions, posters and subtitle drafts …", err=True)
    failures = make_course_media(folder, built.course, MediaSettings())
    click.echo(format_outline(built.course))
    click.echo("Exporting every package format …", err=True)
    if not export_and_check(folder, built.course, tuple(FORMATS), folder / DEMO_PACKAGES):
        failures += 1
    if failures:
        sys.exit(ExitCode.USER_ERROR)
    # The launcher hands in the app (the CLI never imports the GUI itself).
    services = services or {}
    if open_app is None:
        open_app = bool(services.get("has_display", lambda: False)())
    if open_app and "open_app" in services:
        click.echo(f"Opening {folder} in the desktop app …", err=True)
        try:
            sys.exit(services["open_app"](folder))
        except MoocstudioError as exc:
            # The demo itself is done and valid; only the window could not open.
            click.echo(f"moocstudio: warning: {exc.user_message}", err=True)
