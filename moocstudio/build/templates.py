"""Jinja2 environments over ``templates/`` (autoescape on for every template)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import jinja2

from moocstudio.model import Person
from moocstudio.resources import template_path

SITE_TEMPLATES = "site"


@cache
def template_environment(folder: str) -> jinja2.Environment:
    """The environment rendering the templates in ``templates/<folder>``.

    Autoescape is on for every template (not only ``.html``), so any text from course.json is
    escaped unless a template marks it safe on purpose. ``StrictUndefined`` turns a typo in a
    template into an error instead of an empty string on a learner's page.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_path(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["people"] = people_line
    return environment


def people_line(people: Iterable[Person]) -> str:
    """Names with their affiliations: ``Ada Lovelace (Analytical Society), Grace Hopper``.

    The templates use it as the ``people`` filter; other outputs call it directly.
    """
    return ", ".join(
        f"{person.name} ({person.affiliation})" if person.affiliation else person.name
        for person in people
    )


def site_environment() -> jinja2.Environment:
    """The environment that renders the site's pages."""
    return template_environment(SITE_TEMPLATES)
