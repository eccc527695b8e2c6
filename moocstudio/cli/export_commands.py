"""Commands that package a course and check packages: export, validate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from moocstudio.cli.group import cli, existing_dir, output_dir_option
from moocstudio.errors import ExitCode
from moocstudio.export.formats import FORMATS, PER_ITEM_LIMITS, SCO_STRUCTURES, ScoStructure

if TYPE_CHECKING:
    from moocstudio.export.formats import ExportOptions
    from moocstudio.model import Course


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
    help="SCORM: the whole course as one SCO, or one SCO per item. Per item: "
    + " ".join(PER_ITEM_LIMITS),
)
@output_dir_option("the packages")
def export(folder: Path, formats: tuple[str, ...], sco: ScoStructure, out_dir: Path) -> None:
    """Package the course in FOLDER for a platform, and check each package.

    Exits with 1 when a package fails its check (it is kept, for inspection).
    """
    from moocstudio.export.formats import ExportOptions
    from moocstudio.model.store import load_course

    course = load_course(folder)
    names = tuple(FORMATS) if "all" in formats else tuple(dict.fromkeys(formats))
    if not export_and_check(folder, course, names, out_dir, ExportOptions(sco=sco)):
        sys.exit(ExitCode.INTERNAL)  # 1, as for `validate`: a package is not valid


def export_and_check(
    folder: Path,
    course: Course,
    names: tuple[str, ...],
    out_dir: Path,
    options: ExportOptions | None = None,
) -> bool:
    """Write each package, check it as a platform would, print one line each; True if all valid."""
    from moocstudio.build.page_content import dead_links
    from moocstudio.export.formats import export_course
    from moocstudio.export.package_check import check_package
    from moocstudio.model import Page

    pages = [item for item in course.all_items() if isinstance(item, Page)]
    for page, href in dead_links(pages):
        click.echo(
            f"note: page “{page.title}” links to {href}, which is no page of the course: "
            "packages keep the link's words, not the link (add that page to keep it)"
        )
    all_valid = True
    for result in export_course(folder, course, out_dir, names, options):
        report = check_package(result.path)
        megabytes = result.report.archive_bytes / 1_000_000
        # moocstudio's own packages are held to the strict standard: warnings count.
        click.echo(
            f"{result.format.name:<9} {result.path} "
            f"({len(result.report.names)} files, {megabytes:.1f} MB): {report.verdict(strict=True)}"
        )
        notes = [*map(str, result.quizzes), *result.notes, *report.notes]
        for line in [*map(str, report.findings), *(f"note: {note}" for note in notes)]:
            click.echo(f"  {line}")
        all_valid = all_valid and report.passes(strict=True)
    return all_valid


@cli.command()
@click.argument("package", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Count warnings (moocstudio's recommendations) as problems."
)
def validate(package: Path, strict: bool) -> None:
    """Check PACKAGE as a platform would: manifest, launch page, every linked file, quizzes.

    Quizzes: a cartridge's QTI assessments against the CC QTI profile (XSD and its Schematron
    rules), an Open edX export's problems for responses Open edX can grade.

    Errors are what a platform would refuse or break on; warnings are recommendations (a
    licence file, every file listed, nothing loaded from the network). Exits with 1 when there
    are errors, or warnings under --strict.
    """
    from moocstudio.export.package_check import check_package

    report = check_package(package)
    for finding in report.findings:
        click.echo(f"  {finding}")
    for note in report.notes:
        click.echo(f"  note: {note}")
    click.echo(f"{package}: {report.kind} package, {report.files} files: {report.verdict(strict)}")
    if not report.passes(strict):
        sys.exit(ExitCode.INTERNAL)  # 1: the exit code for an invalid package
