"""Every package format moocstudio writes, by the name the CLI and the GUI use for it.

Light on purpose: the CLI reads the names at start-up, so each format's writer is imported only
when a package of that format is written.

The words users read about the formats (summaries, notes on players) are written here once, in
English; the CLI prints them as they are and the app shows them through Qt's translation, in the
``formats`` context (they are marked for ``lupdate`` with ``QT_TRANSLATE_NOOP``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from moocstudio.export.zipwriter import ZipReport
    from moocstudio.model import Course

ScoStructure = Literal["single", "per-item"]
SCO_STRUCTURES: tuple[ScoStructure, ...] = ("single", "per-item")
TRANSLATION_CONTEXT = "formats"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark ``text`` for Qt's ``lupdate`` in ``context``; return it unchanged.

    The export layer does not import Qt: the app translates the marked text when it shows it.
    """
    return text


# Players that cannot use every package of one SCO per item (seen in Open edX's SCORM block
# 19.0.5 and in Moodle 5.0.6), each with what to export for it instead.
ONE_SCO_PER_PACKAGE = QT_TRANSLATE_NOOP(
    "formats",
    "Open edX's SCORM block takes one SCO per package: a package with one SCO per item stops "
    "after its first item. For Open edX, export the whole course as one SCO.",
)
ONE_2004_SCO_PER_LAUNCH = QT_TRANSLATE_NOOP(
    "formats",
    "Moodle tracks only one SCORM 2004 SCO per launch: later SCOs open but record nothing "
    "(error 104). For Moodle, export the whole course as one SCO, or SCORM 1.2 per item.",
)
PER_ITEM_LIMITS = (ONE_SCO_PER_PACKAGE, ONE_2004_SCO_PER_LAUNCH)


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
        per_item_limits: What players cannot do with this format's packages of one SCO per
            item, and what to export for them instead (one sentence each).
    """

    name: str
    suffix: str
    summary: str
    writer: str
    takes_sco: bool = False
    per_item_limits: tuple[str, ...] = ()

    def notes(self, options: ExportOptions) -> tuple[str, ...]:
        """What the user should know about players before using this package."""
        return self.per_item_limits if self.takes_sco and options.sco == "per-item" else ()

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
            QT_TRANSLATE_NOOP("formats", "offline HTML5 site (Kolibri, any web server)"),
            "moocstudio.export.site_zip:write_site_zip",
        ),
        ExportFormat(
            "scorm12",
            ".zip",
            QT_TRANSLATE_NOOP(
                "formats", "SCORM 1.2 (Moodle, ILIAS, most LMSs; progress and bookmark kept)"
            ),
            "moocstudio.export.scorm:write_scorm12",
            takes_sco=True,
            per_item_limits=(ONE_SCO_PER_PACKAGE,),
        ),
        ExportFormat(
            "scorm2004",
            ".zip",
            QT_TRANSLATE_NOOP(
                "formats", "SCORM 2004 4th edition (SCORM Cloud, Open edX SCORM block)"
            ),
            "moocstudio.export.scorm:write_scorm2004",
            takes_sco=True,
            per_item_limits=PER_ITEM_LIMITS,
        ),
        ExportFormat(
            "imscc",
            ".imscc",
            QT_TRANSLATE_NOOP("formats", "IMS Common Cartridge 1.3 (Canvas, Brightspace, Sakai)"),
            "moocstudio.export.imscc:write_imscc13",
        ),
        ExportFormat(
            "imscc11",
            ".imscc",
            QT_TRANSLATE_NOOP("formats", "IMS Common Cartridge 1.1 (Moodle's importer)"),
            "moocstudio.export.imscc:write_imscc11",
        ),
        ExportFormat(
            "olx",
            ".tar.gz",
            QT_TRANSLATE_NOOP("formats", "Open edX course export (Studio import, FUN MOOC)"),
            "moocstudio.export.olx:write_olx",
        ),
    )
}


def package_path(out_dir: Path, course: Course, fmt: ExportFormat, options: ExportOptions) -> Path:
    """Where a package goes: ``introduction-a-l-acces-ouvert-scorm12.zip`` in ``out_dir``."""
    # Here, not at the top: the app's menus import this module, and the build package is heavy.
    from moocstudio.build.media_files import ascii_slug

    slug = ascii_slug(course.title, max_length=60) or "course"
    structure = "-per-item" if fmt.takes_sco and options.sco == "per-item" else ""
    return Path(out_dir) / f"{slug}-{fmt.name}{structure}{fmt.suffix}"


@dataclass(frozen=True)
class QuizCount:
    """What one quiz of an exported course holds, for the export report.

    Kept as figures, not a sentence, so the app can say it in the author's language.
    """

    title: str
    questions: int
    points: float

    def __str__(self) -> str:
        from moocstudio.export.findings import count_phrase

        return (
            f"quiz “{self.title}”: {count_phrase(self.questions, 'question')}, "
            f"{count_phrase(self.points, 'point')}"
        )


@dataclass(frozen=True)
class ExportResult:
    """One package written, and what the user should know before using it.

    ``notes`` say what players cannot do with it and name each question the format could not
    keep as written (its writer's ``ZipReport.notes``); ``quizzes`` count each quiz's questions.
    """

    format: ExportFormat
    path: Path
    report: ZipReport
    notes: tuple[str, ...] = ()
    quizzes: tuple[QuizCount, ...] = ()


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
        report = fmt.write(folder, course, target, options)
        notes = (*fmt.notes(options), *report.notes)
        results.append(ExportResult(fmt, target, report, notes, quiz_counts(course)))
    return results


def quiz_counts(course: Course) -> tuple[QuizCount, ...]:
    """How many questions and points each quiz of ``course`` holds, in course order."""
    from moocstudio.model import Quiz

    return tuple(
        QuizCount(quiz.title, len(quiz.questions), quiz.total_points)
        for quiz in course.all_items()
        if isinstance(quiz, Quiz)
    )
