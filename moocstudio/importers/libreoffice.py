"""LibreOffice, headless: finding ``soffice`` and converting files with it.

Every conversion runs with a throwaway user profile, so that it works beside a LibreOffice the
author has open (which would otherwise receive the job and return at once) and leaves the
author's settings alone. One run converts any number of files: LibreOffice's start-up is most
of the cost.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from moocstudio.media.process import CompletedRun, run

_WELL_KNOWN_SOFFICE = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.com",
    "C:/Program Files (x86)/LibreOffice/program/soffice.com",
)


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _WELL_KNOWN_SOFFICE if Path(p).is_file()), None)


def convert(
    soffice: str, inputs: Sequence[Path], target: str, outdir: Path, *, timeout: float
) -> CompletedRun:
    """Convert ``inputs`` to ``target`` ("pdf", "png", ...) in one LibreOffice run.

    Each output is named after its input (``a.emf`` gives ``a.png``) and written to ``outdir``;
    the throwaway profile goes to ``outdir/profile``. A file LibreOffice cannot read has no
    output: callers check for each one.

    Raises:
        ToolNotFound: ``soffice`` cannot be run.
        ToolTimedOut: The conversion took longer than ``timeout`` seconds; it was stopped.
    """
    profile = (outdir / "profile").as_uri()
    return run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            outdir,
            *inputs,
        ],
        timeout=timeout,
        cwd=outdir,
    )
