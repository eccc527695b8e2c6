"""The LICENSE and ATTRIBUTIONS files every package carries at its root."""

from __future__ import annotations

from moocstudio.model import Course


def licence_text(course: Course) -> str:
    """LICENSE: the course's licence, who holds it, and where the legal code is."""
    licence = course.effective_licence()
    authors = ", ".join(person.name for person in course.authors) or "the course authors"
    lines = [
        course.title,
        "",
        f"© {course.created.year} {authors}.",
        f"Licensed under {licence.name} ({licence.id.value}).",
        f"Legal code: {licence.url}",
        "",
        "Some items carry a licence or credit of their own: see ATTRIBUTIONS.txt.",
    ]
    if licence.requires_attribution:
        lines += ["", f"When you reuse this course, credit: {course.title}, {authors}."]
    return "\n".join(lines) + "\n"


def attributions_text(course: Course) -> str:
    """ATTRIBUTIONS: every item's licence, and its credit line where it reuses material."""
    lines = [f"Attributions — {course.title}", ""]
    for number, module in enumerate(course.modules, start=1):
        for index, item in enumerate(module.items, start=1):
            licence = course.effective_licence(item)
            line = f"{number}.{index} {item.title} — {licence.short_name} ({licence.url})"
            if item.attribution is not None:
                line += f"\n    {item.attribution.credit_line(licence)}"
            lines.append(line)
    return "\n".join(lines) + "\n"
