"""Course and Module: the outline every other part of moocstudio reads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from moocstudio.model.ids import StableId, new_id
from moocstudio.model.items import Item, Quiz
from moocstudio.model.licence import DEFAULT_LICENCE, LicenceId, LicenceInfo, Person, licence_info
from moocstudio.model.questions import GradingPolicy

SCHEMA_VERSION = 3

# BCP 47 language tag, the common shapes (language[-script][-region][-variant]); e.g. fr, fr-CA,
# zh-Hant-TW, es-419. Case-insensitive by the RFC, so accepted in any case.
LanguageTag = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
    ),
]


def utc_now() -> datetime:
    """Now, in UTC, to the second (course.json stays readable and diffs stay small)."""
    return datetime.now(UTC).replace(microsecond=0)


class Module(BaseModel):
    """A module (week, chapter): learning objectives and an ordered list of items."""

    model_config = ConfigDict(extra="forbid")

    id: StableId = Field(default_factory=lambda: new_id("module"))
    title: str
    objectives: list[str] = Field(default_factory=list, description="Learning objectives.")
    items: list[Item] = Field(default_factory=list)


class Course(BaseModel):
    """A course: its metadata, its licence and its modules."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    id: StableId = Field(default_factory=lambda: new_id("course"))
    title: str = Field(min_length=1)
    subtitle: str = ""
    description: str = ""
    language: LanguageTag = "en"
    authors: list[Person] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    licence: LicenceId = DEFAULT_LICENCE
    created: datetime = Field(default_factory=utc_now)
    modified: datetime = Field(default_factory=utc_now)
    modules: list[Module] = Field(default_factory=list)
    grading: GradingPolicy | None = Field(
        default=None, description="How quizzes make the course grade; None: ungraded."
    )

    def all_items(self) -> list[Item]:
        """Every item of every module, in course order."""
        return [item for module in self.modules for item in module.items]

    def graded_quizzes(self) -> list[tuple[Quiz, float]]:
        """The quizzes that count towards the course grade, with their weights, in course order.

        Without a grading policy, or with one that names no quiz, every quiz counts once.
        """
        quizzes = [item for item in self.all_items() if isinstance(item, Quiz)]
        named = {entry.quiz: entry.weight for entry in self.grading.quizzes} if self.grading else {}
        if not named:
            return [(quiz, 1.0) for quiz in quizzes]
        return [(quiz, named[quiz.id]) for quiz in quizzes if quiz.id in named]

    @property
    def passing_percent(self) -> float:
        """The course grade (in % of the weighted points) that passes the course."""
        return self.grading.passing_percent if self.grading else 50.0

    def effective_licence(self, item: Item | None = None) -> LicenceInfo:
        """The licence that applies to ``item`` (its own, or the course's)."""
        own = item.licence if item is not None else None
        return licence_info(own or self.licence)

    def add_item(self, item: Item, module_title: str | None = None) -> Module:
        """Append ``item`` to the module titled ``module_title`` (created if needed).

        Without a title the item goes to the last module, or to a new "Module 1".
        """
        module = self.module_named(module_title) if module_title else None
        if module is None and module_title is None and self.modules:
            module = self.modules[-1]
        if module is None:
            module = Module(title=module_title or f"Module {len(self.modules) + 1}")
            self.modules.append(module)
        module.items.append(item)
        return module

    def module_named(self, title: str) -> Module | None:
        """The first module whose title matches ``title`` (case-insensitive), if any."""
        wanted = title.casefold()
        return next((m for m in self.modules if m.title.casefold() == wanted), None)
