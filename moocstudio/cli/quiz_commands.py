"""Commands on a course's quizzes: export-gift.

GIFT is a command of its own, not a package format of ``export``: a package is a whole course
checked as a platform would check it, while a GIFT file is one quiz's question bank, to take to
Moodle or to keep in git beside the course.
"""

from __future__ import annotations

from pathlib import Path

import click

from moocstudio.cli.group import cli, existing_dir, output_dir_option


@cli.command("export-gift")
@click.argument("folder", type=existing_dir)
@click.option(
    "--quiz",
    "-q",
    "quizzes",
    multiple=True,
    help="Title or id of a quiz to write (repeatable). Default: every quiz of the course.",
)
@output_dir_option("the GIFT files")
def export_gift(folder: Path, quizzes: tuple[str, ...], out_dir: Path) -> None:
    """Write the quizzes of the course in FOLDER as GIFT files (Moodle's question format).

    Each quiz becomes <title>.gift. Moodle imports every question (an ordering question as
    matching), and `moocstudio add` reads the file back as the same questions; the quiz's
    settings (passing score, attempts) are not part of GIFT.
    """
    from moocstudio.export.gift import write_gift_files
    from moocstudio.model.store import load_course

    for path in write_gift_files(load_course(folder), out_dir, quizzes):
        click.echo(f"Wrote {path}")
