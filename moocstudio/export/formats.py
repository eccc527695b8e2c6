"""Every package format moocstudio writes, by the name the CLI and the GUI use for it.

Light on purpose: the CLI reads the names at start-up, so each format's writer is imported only
when a package of that format is written.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from moocstudio.export.zipwriter import ZipReport
    from moocstudio.model import Course

ScoStructure = Literal["single", "per-item"]
SCO_STRUCTURES: tuple[ScoStructure, ...] = ("single", "per-item")


@dataclass(frozen=True)
class ExportOptions:
    """Choices a format may use.

    Attributes:
        sco: SCORM only: the whole course as one SCO (default; progress kept across items),
            or one SCO per item (for platforms that track items one by one).
    """

    sco: ScoStructure = "single"


Writer = Callable[[Path, "Course", Path, ExportOptions], "ZipReport"]


@dataclass(frozen=True)
class ExportFormat:
    """One package format.

    Attributes:
        name: What the CLI's ``--format`` takes.
        suffix: The package's file extension.
        summary: One line for help texts and menus.
        writer: ``"module:function"`` of its ``write(course_folder, course, target, options)``,
            which is atomic and deterministic.
        takes_sco: Whether ``options.sco`` changes the package (SCORM), and so its file name.
    """

    name: str
    suffix: str
    summary: str
    writer: str
    takes_sco: bool = False

    def write(
        self, folder: Path, course: Course, target: Path, options: ExportOptions
    ) -> ZipReport:
        """Write ``course`` (stored in ``folder``) as a package at ``target``."""
        module, function = self.writer.split(":")
        write = cast(Writer, getattr(importlib.import_module(module), function))
        return write(folder, course, target, options)


FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat(
            "site",
            ".zip",
            "offline HTML5 site (Kolibri, any web server)",
            "moocstudio.export.site_zip:write_site_zip",
        ),
        ExportFormat(
            "scorm12",
            ".zip",
            "SCORM 1.2 (Moodle, ILIAS, most LMSs; progress and bookmark kept)",
            "moocstudio.export.scorm:write_scorm12",
            takes_sco=True,
        ),
        ExportFormat(
            "scorm2004",
            ".zip",
            "SCORM 2004 4th edition (SCORM Cloud, Open edX SCORM block)",
            "moocstudio.export.scorm:write_scorm2004",
            takes_sco=True,
        ),
        ExportFormat(
            "imscc",
            ".imscc",
            "IMS Common Cartridge 1.3 (Canvas, Brightspace, Sakai)",
            "moocstudio.export.imscc:write_imscc13",
        ),
        ExportFormat(
            "imscc11",
            ".imscc",
            "IMS Common Cartridge 1.1 (Moodle's importer)",
            "moocstudio.export.imscc:write_imscc11",
        ),
        ExportFormat(
            "olx",
            ".tar.gz",
            "Open edX course export (Studio import, FUN MOOC)",
            "moocstudio.export.olx:write_olx",
        ),
    )
}


def package_path(out_dir: Path, course: Course, fmt: ExportFormat, options: ExportOptions) -> Path:
    """Where a package goes: ``introduction-a-l-acces-ouvert-scorm12.zip`` in ``out_dir``."""
    ascii_title = unicodedata.normalize("NFKD", course.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "course"
    structure = "-per-item" if fmt.takes_sco and options.sco == "per-item" else ""
    return Path(out_dir) / f"{slug}-{fmt.name}{structure}{fmt.suffix}"


@dataclass(frozen=True)
class ExportResult:
    """One package written."""

    format: ExportFormat
    path: Path
    report: ZipReport


def export_course(
    folder: Path,
    course: Course,
    out_dir: Path,
    names: tuple[str, ...],
    options: ExportOptions | None = None,
) -> list[ExportResult]:
    """Write ``course`` in each format of ``names`` (see ``FORMATS``) into ``out_dir``."""
    options = options or ExportOptions()
    results = []
    for name in names:
        fmt = FORMATS[name]
        target = package_path(out_dir, course, fmt, options)
        results.append(ExportResult(fmt, target, fmt.write(folder, course, target, options)))
    return results
