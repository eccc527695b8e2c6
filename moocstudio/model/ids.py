"""Stable identifiers for courses, modules and items.

Ids are made once, stored in course.json and never derived from titles, so renaming or moving an
item keeps its id (and the LMS tracking keyed on it). They are safe as file names, XML ids and
Open edX ``url_name`` values.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import StringConstraints

ID_PATTERN = r"^[a-z][a-z0-9]*-[0-9a-f]{12}$"

StableId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


def new_id(prefix: str) -> str:
    """Return a fresh id such as ``video-3f2a9c0d1e4b``."""
    if not re.fullmatch(r"[a-z][a-z0-9]*", prefix):
        raise ValueError(f"id prefix must be lowercase letters and digits: {prefix!r}")
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
