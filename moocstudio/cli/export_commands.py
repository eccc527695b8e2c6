"""Commands that package a course and check packages: export, validate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from moocstudio.cli.group import cli, existing_dir, output_dir_option
from moocstudio.errors import ExitCode
from moocstudio.export.formats import FORMATS, SCO_STRUCTURES, ScoStructure


@cli.command()
@click.argument("folder", type=existing_dir)
@click.option(
    "--format",
    "formats",
    type=click.Choice([*FORMATS, "all"]),
    multiple=True,
    default=["site"],
    show_default=True,
    help="Package format; repeat it for several, or 'all'. "
    + "; ".join(f"{fmt.name}: {fmt.summary}" for fmt in FORMATS.values()),
)
@click.option(
    "--sco",
    type=click.Choice(SCO_STRUCTURES),
    default="single",
    show_default=True,
    help="SCORM: the whole course as one SCO, or one SCO per item.",
)
@output_dir_option("the packages")
def export(folder: Path, formats: tuple[str, ...], sco: ScoStructure, out_dir: Path) -> None:
    """Package the course in FOLDER for a platform."""
    from moocstudio.export.formats import ExportOptions, export_course
    from moocstudio.model.store import load_course

    course = load_course(folder)
    names = tuple(FORMATS) if "all" in formats else tuple(dict.fromkeys(formats))
    for result in export_course(folder, course, out_dir, names, ExportOptions(sco=sco)):
        megabytes = result.report.archive_bytes / 1_000_000
        click.echo(f"{result.path} ({len(result.report.names)} files, {megabytes:.1f} MB)")


@cli.command()
@click.argument("package", type=click.Path(dir_okay=False, path_type=Path))
def validate(package: Path) -> None:
    """Check PACKAGE as a platform would: launch page, every linked file, licence, manifest.

    Exits with 1 when the package has problems.
    """
    from moocstudio.export.package_check import check_package

    report = check_package(package)
    for problem in report.problems:
        click.echo(f"  {problem}")
    for note in report.notes:
        click.echo(f"  note: {note}")
    verdict = "valid" if report.valid else f"INVALID ({len(report.problems)} problems)"
    click.echo(f"{package}: {report.kind} package, {report.files} files: {verdict}")
    if not report.valid:
        sys.exit(ExitCode.INTERNAL)  # 1: the exit code for an invalid package
