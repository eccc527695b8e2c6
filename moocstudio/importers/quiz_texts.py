"""What every quiz importer shares: texts rendered once each, questions checked one by one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from moocstudio.importers.rich_text import render_rich_text
from moocstudio.model import Asset, RichText
from moocstudio.model.ids import new_id
from moocstudio.model.questions import TextFormat

QUESTION_ID_PREFIX = "question"

QuestionT = TypeVar("QuestionT")


@dataclass
class QuizTexts:
    """Renders a quiz's texts from one source file, gathering their images and warnings.

    Attributes:
        folder: The course folder (images are copied into its media/).
        source: The file the quiz comes from; relative image paths start from its folder.
        images: Every image the texts show, once each.
        warnings: The renderer's warnings (a missing image, unreadable maths), in order.
    """

    folder: Path
    source: Path
    images: list[Asset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __call__(self, source: str, text_format: TextFormat = "markdown") -> RichText:
        """The rendered text of ``source``; an empty one is ``RichText()``, in any format."""
        if not source.strip():
            return RichText()
        rendered = render_rich_text(
            source, text_format, folder=self.folder, base_file=self.source, known_images=()
        )
        for image in rendered.images:
            if image not in self.images:
                self.images.append(image)
        self.warnings.extend(rendered.warnings)
        return rendered.text


def validation_problem(exc: ValidationError) -> str:
    """The first reason pydantic gives, in words (without its location tuple and URL)."""
    first = exc.errors()[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {message}" if where else message


def build_question(make: Callable[..., QuestionT], fields: dict[str, object]) -> QuestionT:
    """A question with a fresh id, or ``ValueError`` saying why the model refuses it."""
    try:
        return make(id=new_id(QUESTION_ID_PREFIX), **fields)
    except ValidationError as exc:
        raise ValueError(validation_problem(exc)) from exc
