"""The sample course in ``resources/sample``: a small bilingual CC0 course to try things on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.importers.dispatch import import_file
from moocstudio.model import Course, LicenceId, Module, Person, Quiz, QuizSettings, Video
from moocstudio.model.store import create_course, save_course
from moocstudio.resources import resource_path

# (module title, learning objectives, [(file, item title or None to take the file's own)])
SAMPLE_OUTLINE: list[tuple[str, list[str], list[tuple[str, str | None]]]] = [
    (
        "Qu'est-ce que l'accès ouvert ?",
        [
            "Définir l'accès ouvert et ses deux voies",
            "Reconnaître une licence Creative Commons",
        ],
        [("slides.pptx", None), ("lecture.mp4", "L'accès ouvert en trente secondes")],
    ),
    (
        "Licences et formats ouverts",
        ["Choisir une licence pour un cours", "Choisir des formats lisibles sur mobile"],
        [("page-licences.md", None), ("page-formats.md", None)],
    ),
]


@dataclass
class SampleBuild:
    """The sample course as built, with the importers' warnings."""

    course: Course
    warnings: list[str] = field(default_factory=list)


def build_sample_course(
    folder: Path, *, on_step: Callable[[str], None] | None = None
) -> SampleBuild:
    """Create the sample course in ``folder`` (which must not hold a course yet).

    Args:
        folder: Where to create the course.
        on_step: Called with the name of each file as it is imported, the quiz last.
    """
    sources = resource_path("sample")
    course = Course(
        title="Introduction à l'accès ouvert",
        subtitle="Introduction to Open Access",
        description=(
            "Un court module bilingue d'exemple : ce qu'est l'accès ouvert, comment les licences "
            "Creative Commons permettent la réutilisation, et quels formats choisir pour que les "
            "apprenants suivent le cours sur leur téléphone."
        ),
        language="fr",
        authors=[Person(name="moocstudio sample authors")],
        keywords=["accès ouvert", "open access", "Creative Commons", "REL", "OER"],
        licence=LicenceId.CC0_1_0,
    )
    create_course(folder, course)
    build = SampleBuild(course=course)
    for title, objectives, files in SAMPLE_OUTLINE:
        course.modules.append(Module(title=title, objectives=objectives))
        for name, item_title in files:
            if on_step is not None:
                on_step(name)
            result = import_file(folder, sources / name, title=item_title)
            item = result.item
            transcript = (sources / name).with_suffix(".txt")
            if isinstance(item, Video) and transcript.is_file():
                item.transcript = transcript.read_text(encoding="utf-8").strip()
            for made in result.items:
                course.add_item(made, title)
            build.warnings.extend(result.warnings)
    if on_step is not None:
        on_step(SAMPLE_QUIZ)
    add_sample_quiz(folder, course)
    save_course(folder, course)
    return build


SAMPLE_QUIZ = "quiz-acces-ouvert.gift"
"""The sample's short bilingual quiz (CC0), a GIFT file beside the other sample sources."""
SAMPLE_QUIZ_MODULE = SAMPLE_OUTLINE[-1][0]


def add_sample_quiz(folder: Path, course: Course) -> Quiz:
    """Import the sample's bilingual quiz at the end of the course's last sample module.

    Args:
        folder: The sample course's folder.
        course: The sample course (changed in place; not saved).

    Returns:
        The quiz added: six questions in French and English (multiple and single choice,
        true/false, short answer, numeric, matching), feedback shown as soon as a question
        is answered.
    """
    result = import_file(folder, resource_path("sample") / SAMPLE_QUIZ, kind="quiz")
    quiz = result.item
    assert isinstance(quiz, Quiz) and not result.warnings, result.warnings  # a shipped file
    quiz.settings = QuizSettings(show_feedback="immediately")
    course.add_item(quiz, SAMPLE_QUIZ_MODULE)
    return quiz
