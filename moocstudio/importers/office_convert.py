"""LibreOffice as a converter: find ``soffice`` and convert one file with it, headless.

Every conversion runs through :func:`moocstudio.media.process.run` with a throwaway user
profile (so it works beside a LibreOffice the author has open, and leaves their settings alone),
on a copy of the file with a plain name (LibreOffice names its output after its input, and the
author's file name may hold characters that trip it up), with a time limit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from moocstudio.media.process import run

_WELL_KNOWN_SOFFICE = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.com",
    "C:/Program Files (x86)/LibreOffice/program/soffice.com",
)
INSTALL_LIBREOFFICE = (
    "install LibreOffice (Debian/Ubuntu: sudo apt install libreoffice-impress; Fedora: sudo dnf "
    "install libreoffice-impress; macOS: brew install --cask libreoffice; Windows: winget "
    "install TheDocumentFoundation.LibreOffice) and import it again"
)
"""How to get LibreOffice, per platform, as the end of a sentence."""


class ConversionFailed(Exception):
    """LibreOffice ran but made no output; the message is its last word on why."""


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _WELL_KNOWN_SOFFICE if Path(p).is_file()), None)


def convert_with_soffice(
    soffice: str, source: Path, work: Path, target: str, *, timeout: float
) -> Path:
    """Convert ``source`` to the format ``target`` ("pdf", "pptx"...) inside ``work``.

    Args:
        soffice: LibreOffice's program, from :func:`find_soffice`.
        source: The file to convert; only read (a copy is converted).
        work: An empty temporary folder; the copy, the profile and the output go there.
        target: LibreOffice's ``--convert-to`` argument; its first word is the extension.
        timeout: Seconds before LibreOffice is stopped.

    Returns:
        The converted file, inside ``work``.

    Raises:
        ConversionFailed: LibreOffice exited with an error or wrote nothing.
        ToolNotFound: ``soffice`` cannot be run.
        ToolTimedOut: LibreOffice ran longer than ``timeout``.
        OSError: The copy could not be made.
    """
    # Keep the extension: LibreOffice picks its import filter from it before the content.
    copy = work / f"source{source.suffix.lower()}"
    shutil.copyfile(source, copy)
    outdir = work / "out"
    result = run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            outdir,
            copy,
        ],
        timeout=timeout,
        cwd=work,
    )
    converted = outdir / f"{copy.stem}.{target.split(':')[0]}"
    if not result.ok or not converted.is_file():
        raise ConversionFailed(_last_line(result.stderr_tail))
    return converted


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no message"
