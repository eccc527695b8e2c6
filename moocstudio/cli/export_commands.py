"""Commands that package a course and check packages: export, validate."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import click

from moocstudio.cli.group import cli, existing_dir, output_dir_option
from moocstudio.errors import ExitCode

EXPORT_FORMATS = ("site",)  # SCORM, IMS CC and OLX join as their packagers land (issue #4)


def package_name(title: str, fmt: str) -> str:
    """A portable file name for a package: ``introduction-a-l-acces-ouvert-site.zip``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "course"
    return f"{slug}-{fmt}.zip"


@cli.command()
@click.argument("folder", type=existing_dir)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="site",
    show_default=True,
    help="site: an offline HTML5 site (Kolibri, any web server).",
)
@output_dir_option("the package")
def export(folder: Path, fmt: str, out_dir: Path) -> None:
    """Package the course in FOLDER for a platform."""
    from moocstudio.export.site_zip import export_site_zip
    from moocstudio.model.store import load_course

    course = load_course(folder)
    target = out_dir / package_name(course.title, fmt)
    report = export_site_zip(folder, course, target)
    megabytes = report.archive_bytes / 1_000_000
    click.echo(f"{target} ({len(report.names)} files, {megabytes:.1f} MB)")


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
    verdict = "valid" if report.valid else f"INVALID ({len(report.problems)} problems)"
    click.echo(f"{package}: {report.kind} package, {report.files} files: {verdict}")
    if not report.valid:
        sys.exit(ExitCode.INTERNAL)  # 1: the exit code for an invalid package
