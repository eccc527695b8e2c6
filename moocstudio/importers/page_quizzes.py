"""The quizzes a markdown page holds in ```` ```quiz ```` blocks, as Quiz items after the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.importers.quiz_fences import QuizFence
from moocstudio.importers.quiz_form import read_quiz_form
from moocstudio.importers.quiz_texts import QuizTexts
from moocstudio.model import Asset, Quiz
from moocstudio.model.ids import new_id


@dataclass
class PageQuizzes:
    """The quizzes made from a page's blocks, and the problems found in them."""

    quizzes: list[Quiz] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def page_quizzes(
    folder: Path,
    page_file: Path,
    fences: Sequence[QuizFence],
    *,
    page_title: str,
    page_source: Asset,
    root: Path | None = None,
) -> PageQuizzes:
    """One Quiz per block that holds at least one readable question.

    Args:
        folder: The course folder.
        page_file: The markdown file (images in the questions start from its folder).
        fences: The page's quiz blocks (``take_quiz_fences``).
        page_title: The page's title, for the quizzes without a ``title``.
        page_source: The page's copy in the course, which the quizzes name as their source.
        root: The lesson's top folder, as for the page's own images (``render_markdown``).
    """
    found = PageQuizzes()
    for number, fence in enumerate(fences, start=1):
        texts = QuizTexts(folder, page_file, root)
        form = read_quiz_form(fence, texts, source_name=page_file.name)
        found.warnings.extend(form.warnings)
        if not form.questions and not form.refused:
            found.warnings.append(
                f"{page_file.name}, line {fence.line}: the quiz block has no question "
                "moocstudio can read; no quiz was added"
            )
        if not form.questions:
            continue
        counted = f"Quiz {number}" if len(fences) > 1 else "Quiz"
        found.quizzes.append(
            Quiz(
                id=new_id("quiz"),
                title=form.title or f"{counted}: {page_title}",
                questions=form.questions,
                settings=form.settings,
                introduction=form.introduction.html,
                source=page_source,
                images=texts.images,
            )
        )
    return found
