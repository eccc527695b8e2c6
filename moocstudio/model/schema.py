"""The JSON Schema of course.json, published as ``resources/course.schema.json``.

Regenerate after changing the model: ``python -m moocstudio.model.schema``; a test fails while
the published file and the models disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from moocstudio.model.course import SCHEMA_VERSION, Course

SCHEMA_ID = "https://moocstudio.org/schema/course.schema.json"


def course_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of course.json, generated from the pydantic models."""
    schema = Course.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "$comment": f"course.json schema_version {SCHEMA_VERSION}; generated, do not edit.",
        **schema,
    }


def schema_text() -> str:
    """The schema as the exact text written to resources/course.schema.json."""
    return json.dumps(course_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(target: Path) -> None:
    """Write the schema file."""
    target.write_text(schema_text(), encoding="utf-8")


if __name__ == "__main__":
    from moocstudio.resources import resource_path

    write_schema(resource_path("course.schema.json"))
