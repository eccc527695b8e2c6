"""The sample course in ``resources/sample``: a small bilingual CC0 course to try things on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.importers.dispatch import import_file
from moocstudio.model import Course, LicenceId, Module, Person, Video
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
        on_step: Called with the name of each file as it is imported.
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
    save_course(folder, course)
    return build
