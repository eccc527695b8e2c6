"""Commands on the official manifest schemas: status (which set validate uses) and install."""

from __future__ import annotations

import click

from moocstudio.cli.group import cli


@cli.group(invoke_without_command=True)
@click.pass_context
def schemas(ctx: click.Context) -> None:
    """The official SCORM and Common Cartridge XSDs that validate and export check against.

    Without a subcommand, the same as `schemas status`.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(status)


@schemas.command()
def status() -> None:
    """Say which schemas validate uses, where, and whether that set is complete."""
    from moocstudio.export.schema_store import INSTALL_COMMAND, check_folder, installed_dir
    from moocstudio.export.validate import schemas_in_use

    in_use = schemas_in_use()
    if in_use.origin == "none":
        click.echo(f"validate and export use {in_use.describe()}")
    else:
        click.echo(
            f"validate and export use {in_use.describe()}: {check_folder(in_use.folder).summary()}"
        )
    if in_use.origin == "installed":
        return
    installed = check_folder(installed_dir())
    click.echo(f"installed set ({installed_dir()}): {installed.summary()}")
    if not installed.complete:
        click.echo(f"  run `{INSTALL_COMMAND}` to download and check them")


@schemas.command()
@click.option(
    "--mirror",
    metavar="URL",
    help="Download from this mirror only (laid out <URL>/<kind>/<file>, e.g. "
    "<URL>/scorm12/imscp_rootv1p1p2.xsd); default: the publishers, then the pinned GitHub "
    "copies. Also MOOCSTUDIO_SCHEMAS_URL.",
)
def install(mirror: str | None) -> None:
    """Download the SCORM 1.2, SCORM 2004 4th ed., CC 1.1 and CC 1.3 schemas and check them.

    Every file must match the SHA-256 pinned in moocstudio; otherwise nothing is installed and
    the previous set stays as it was.
    """
    from moocstudio.cli_progress import one_bar
    from moocstudio.export.schema_store import install_schemas
    from moocstudio.export.validate import CONFORMANCE_ENV, schemas_in_use

    with one_bar("official schemas") as on_progress:
        result = install_schemas(mirror, on_progress=on_progress)
    for note in result.notes:
        click.echo(f"  note: {note}")
    click.echo(
        f"Installed {result.files} official schema files (SCORM 1.2, SCORM 2004 4th ed., "
        f"Common Cartridge 1.1 and 1.3) from {result.source} in {result.folder}, each "
        "matching its pinned SHA-256."
    )
    in_use = schemas_in_use()
    if in_use.origin == "installed":
        click.echo("validate and export now check manifests against them.")
    else:
        click.echo(
            f"  note: validate and export still use {in_use.describe()}; unset "
            f"{CONFORMANCE_ENV} to use these"
        )
