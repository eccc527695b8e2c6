"""What every quiz importer shares: texts rendered once each, questions checked one by one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from moocstudio.importers.image_paths import LessonFolders
from moocstudio.importers.rich_text import render_rich_text
from moocstudio.model import Asset, RichText
from moocstudio.model.ids import new_id
from moocstudio.model.questions import TextFormat

QUESTION_ID_PREFIX = "question"

QuestionT = TypeVar("QuestionT")

# One line of words, digits and common punctuation, starting with a letter or digit that opens
# no list: markdown renders it as itself, so a bank's many short answers skip the renderer.
_WORD = r"[^\W_]+"  # letters and digits of any script; '_' is emphasis
_BETWEEN = r"[ ,.;:?!'’\"()/%+=@-]+"
PLAIN_WORDS = re.compile(rf"(?!\d+[.)]\s){_WORD}(?:{_BETWEEN}{_WORD})*{_BETWEEN}?")
"""Text that Python-Markdown with the page extensions renders as the same text."""


@dataclass
class QuizTexts:
    """Renders a quiz's texts from one source file, gathering their images and warnings.

    Each distinct text is rendered once: banks repeat their feedback ("Correct!") and answers.

    Attributes:
        folder: The course folder (images are copied into its media/).
        source: The file the quiz comes from; relative image paths start from its folder.
        root: The lesson's top folder (see ``render_markdown``); found once from ``source``
            when not given.
        images: Every image the texts show, once each.
        warnings: The renderer's warnings (a missing image, unreadable maths), in order.
    """

    folder: Path
    source: Path
    root: Path | None = None
    images: list[Asset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _rendered: dict[tuple[str, TextFormat], RichText] = field(default_factory=dict, repr=False)

    def __call__(self, source: str, text_format: TextFormat = "markdown") -> RichText:
        """The rendered text of ``source``; an empty one is ``RichText()``, in any format."""
        if not source.strip():
            return RichText()
        key = (source, text_format)
        if key not in self._rendered:
            self._rendered[key] = self._render(source, text_format)
        return self._rendered[key]

    def _render(self, source: str, text_format: TextFormat) -> RichText:
        if text_format == "markdown" and source == source.strip() and PLAIN_WORDS.fullmatch(source):
            return RichText(source=source, format="markdown", html=source)
        if self.root is None:
            self.root = LessonFolders.for_page(self.source).root
        rendered = render_rich_text(
            source, text_format, folder=self.folder, base_file=self.source, root=self.root
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
