"""What every importer returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from moocstudio.model import Item

ItemT = TypeVar("ItemT", bound=Item, covariant=True)


@dataclass(frozen=True)
class ImportResult(Generic[ItemT]):
    """A new item plus the non-fatal problems the author should hear about.

    Attributes:
        item: The item, ready to append to a module. Its files are already in ``media/``.
        warnings: Plain sentences, each naming the file and the problem (e.g. a missing image).
        followers: More items made from the same file, to place right after ``item`` (the
            quizzes of a page's ```` ```quiz ```` blocks).
    """

    item: ItemT
    warnings: list[str] = field(default_factory=list)
    followers: list[Item] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        """``item`` and its followers, in the order they go into a module."""
        return [self.item, *self.followers]


def readable_stem(path: Path) -> str:
    """A title from a file name: ``intro_to-OA.md`` gives ``Intro to OA``."""
    words = " ".join(path.stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else path.name
