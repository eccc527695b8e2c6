"""The every-construct lesson, imported from markdown, builds into the contract's HTML.

The accessibility tests judge this lesson's built page; this checks that the page they judge
holds what it claims to: every aside kind, folded solutions, MathML, the wide blocks, and none
of the markdown dialects' syntax, with only the warnings an author should get.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lxml import html

from moocstudio.build import build_site

if TYPE_CHECKING:
    from collections.abc import Callable

    from moocstudio.model import Course, Page

CANONICAL_KINDS = {
    *("objectives", "questions", "keypoints", "prereq", "callout", "note", "tip", "warning"),
    *("caution", "challenge", "solution", "hint", "discussion", "checklist", "testimonial"),
    "aside",
}


def test_the_lesson_imports_with_only_the_warnings_an_author_should_get(
    every_construct: Callable[[Path], tuple[Course, Page, list[str]]], tmp_path: Path
) -> None:
    from every_construct import EXPECTED_WARNINGS, INSTRUCTOR_NOTE

    _, page, warnings = every_construct(tmp_path / "course")
    assert len(warnings) == len(EXPECTED_WARNINGS)
    for word, warning in zip(EXPECTED_WARNINGS, warnings, strict=True):
        assert word in warning and "fitting.md, line " in warning
    assert page.title == "Fitting a line"
    assert [person.name for person in page.authors] == ["Grace Example"]
    assert INSTRUCTOR_NOTE in page.instructor_notes[0]
    assert INSTRUCTOR_NOTE not in page.html


def test_the_built_lesson_holds_every_construct_and_no_raw_syntax(
    every_construct: Callable[[Path], tuple[Course, Page, list[str]]], tmp_path: Path
) -> None:
    from every_construct import INSTRUCTOR_NOTE

    course, page, _ = every_construct(tmp_path / "course")
    site = build_site(tmp_path / "course", course, tmp_path / "site")
    built = (site.root / site.pages[page.id]).read_text(encoding="utf-8")
    main = html.fromstring(built).get_element_by_id("main")
    kinds = {el.get("class").split()[1] for el in main.find_class("admonition")}
    assert kinds == CANONICAL_KINDS
    assert [s.text_content() for s in main.xpath("//details/summary")] == [
        "Hint",
        "Solution",
        "Solution to the discussion",
    ]
    assert len(main.xpath("//math")) == 5
    assert main.xpath("//pre/code[@class='tex']")  # the TeX the converter could not read
    caption = main.xpath("//figure/figcaption")[0].text_content()
    assert caption.strip() == "Figure 1: the fitted line."
    assert main.xpath("//dl/dt")
    text = main.text_content()
    for syntax in (":::", "{:", "{{", "{%", "```", "!!!", "[!CAUTION]", "objectives:"):
        assert syntax not in text, syntax
    assert INSTRUCTOR_NOTE not in built
