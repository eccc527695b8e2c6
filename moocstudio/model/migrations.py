"""Upgrade course.json data written by older moocstudio versions, one schema step at a time.

Each step is a pure function from the raw JSON of version ``n`` to that of version ``n + 1``,
registered in ``MIGRATIONS`` under ``n``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from moocstudio.model.course import SCHEMA_VERSION

RawCourse = dict[str, Any]
Migration = Callable[[RawCourse], RawCourse]


def _v1_to_v2(data: RawCourse) -> RawCourse:
    # Version 2 only adds fields with defaults (item description and authors; a page's
    # objectives, questions, key points and instructor notes; PDF-rendered decks): version 1
    # data is valid as it is. The step exists so that an older moocstudio refuses version 2
    # files by their number instead of failing on a field it does not know.
    return data


def _v2_to_v3(data: RawCourse) -> RawCourse:
    # Version 3 adds the Quiz item kind and the course's optional grading policy; version 2
    # data holds neither, so it is valid as it is (see _v1_to_v2 for why the step exists).
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


class MigrationError(ValueError):
    """The data cannot be brought to the current schema version."""


def migrate(
    data: RawCourse,
    *,
    steps: Mapping[int, Migration] = MIGRATIONS,
    target: int = SCHEMA_VERSION,
) -> RawCourse:
    """Bring raw course data up to ``target``, applying the registered steps in order.

    Raises:
        MigrationError: The version is missing, not an integer, newer than ``target``, or a step
            is missing.
    """
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MigrationError(f"schema_version must be a positive integer, found {version!r}")
    if version > target:
        raise MigrationError(
            f"schema_version {version} was written by a newer moocstudio (this one reads up to "
            f"{target}); upgrade moocstudio to open it"
        )
    while version < target:
        step = steps.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema_version {version} to {version + 1}")
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data
