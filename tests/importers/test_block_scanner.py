"""The line scanner's own output: the markdown it hands to Python-Markdown, and its warnings."""

from __future__ import annotations

from moocstudio.importers.aside_kinds import AsideLook
from moocstudio.importers.block_scanner import (
    AsideBlock,
    BlockScanner,
    FigureBlock,
    LayoutBlock,
    marker,
)


def scan(text: str) -> tuple[list[str], BlockScanner]:
    scanner = BlockScanner("p.md")
    lines = scanner.scan(text.split("\n"))
    return [line for line in lines if line.strip()], scanner


def test_math_directives_become_display_maths_text() -> None:
    lines, scanner = scan("```{math}\n:label: eq-1\n\ny = W x\n\n+ b\n```\n\n:::{math}\nz\n:::")
    assert lines == ["$$", "y = W x", "+ b", "$$", "$$", "z", "$$"]
    assert scanner.warnings == []


def test_display_maths_is_left_as_tex() -> None:
    text = "$$\n\\frac{{a}}{b} {% not liquid %}\n$$\n\\[\n{{x}}\n\\]"
    lines, scanner = scan(text)
    assert lines == text.split("\n")
    assert scanner.inline.liquid == []


def test_code_cells_of_knitr_quarto_and_myst() -> None:
    lines, _ = scan(
        "```{r, echo=FALSE}\n#| label: setup\nlibrary(x)\n```\n"
        "```{python}\nprint(1)\n```\n"
        "````{code-cell} ipython3\n---\ntags: [remove-input]\n---\n```\nnested\n````"
    )
    assert lines == [
        "```r", "library(x)", "```",
        "```python", "print(1)", "```",
        "````python", "```", "nested", "````",
    ]  # fmt: skip


def test_pandoc_raw_blocks() -> None:
    lines, _ = scan("```{=html}\n<b>bold</b>\n```\n```{=latex}\n\\newpage\n```\n")
    assert lines == ["<b>bold</b>"]


def test_code_fences_are_copied_verbatim_and_closed_like_they_opened() -> None:
    lines, scanner = scan("  ```python\n{{ not liquid }}\n:::\n````\n")
    assert lines == ["```python", "{{ not liquid }}", ":::", "```"]
    assert scanner.blocks == [] and scanner.inline.liquid == []


def test_unclosed_code_fence_runs_to_the_end() -> None:
    lines, _ = scan("~~~\n::: note\n")
    assert lines == ["~~~", "::: note", "~~~"]


def test_fenced_divs_become_markers_and_blocks() -> None:
    lines, scanner = scan('::::: {#w .callout-warning title="Hot"}\n::: columns\nx\n:::\n:::::')
    assert lines == [
        marker("open", 0),
        marker("open", 1),
        "x",
        marker("close", 1),
        marker("close", 0),
    ]
    assert scanner.blocks == [
        AsideBlock(AsideLook("warning", "Hot"), "w", heading_is_title=False),
        LayoutBlock(("columns",)),
    ]


def test_directive_options_and_warnings() -> None:
    text = (
        "```{figure} {{ page.root }}/fig/a.png\n---\nalt: [unclosed\n---\nCaption\n```\n"
        "```{include} ../README.md\n```\n"
        "````{note}\nnever closed\n"
    )
    lines, scanner = scan(text)
    assert scanner.blocks[0] == FigureBlock(src="/fig/a.png")
    assert scanner.warnings[0].startswith(
        "p.md, line 1: the {figure} directive: its options are not valid YAML ("
    )
    assert scanner.warnings[1:] == [
        "p.md, line 1: 1 Jekyll/Liquid template tag(s) were taken out ({{ page.root }}); paths "
        "that started with one now start at the site root.",
        "p.md, line 7: the {include} directive (../README.md) was left out: a page does not "
        "read other files; paste their text into the page instead.",
        "p.md, line 9: the directive {note} is never closed; it ends at the end of the file.",
    ]
    assert "never closed" in lines


def test_labels_name_the_next_heading_and_liquid_comments_vanish() -> None:
    lines, scanner = scan(
        "(intro)=\n# Intro\n\n(lost)=\ntext\n\n{% comment %}\nhidden\n{% endcomment %}\nafter"
    )
    assert lines == ["# Intro {: #intro}", "text", "after"]
    assert scanner.inline.liquid == [(7, "{% comment %}")]


def test_ial_after_a_heading_and_after_code() -> None:
    lines, _ = scan(
        "## Title\n{: #custom .x}\n\n~~~\nls\n~~~\n{: .language-bash}\n\n~~~\n2\n~~~\n{: .output}"
    )
    assert lines == [
        "## Title {: #custom .x}", "~~~bash", "ls", "~~~", "~~~output", "2", "~~~"
    ]  # fmt: skip


def test_ial_after_nothing_is_dropped() -> None:
    lines, scanner = scan("Text\n\n{: .orphan}\n\n| a |\n|---|\n| 1 |\n{: .table}")
    assert lines == ["Text", "| a |", "|---|", "| 1 |"]
    assert scanner.warnings == []


def test_github_and_obsidian_alerts() -> None:
    _, scanner = scan("> [!WARNING]\n> Hot\n\n> [!faq]- Why?\n> Because.\n\n> [!nonsense]\n> x")
    assert scanner.blocks == [
        AsideBlock(AsideLook("warning", "Warning")),
        AsideBlock(AsideLook("discussion", "Why?", folded=True)),
    ]


def test_blockquotes_keep_their_divs_inside() -> None:
    lines, scanner = scan("> ::: note\n> quoted\n> :::")
    assert lines == [
        ">",
        "> " + marker("open", 0),
        ">",
        "> quoted",
        ">",
        "> " + marker("close", 0),
        ">",
    ]
    assert scanner.blocks[0] == AsideBlock(AsideLook("note", "Note"), heading_is_title=True)


def test_myst_colon_admonition_with_options_and_image() -> None:
    lines, scanner = scan(
        ":::{admonition} Mind the gap\n:class: tip\n\nBody\n:::\n"
        "```{image} fig/a.png\n:alt: An image\n:height: 120px\n:name: img-a\n```"
    )
    assert lines == [
        marker("open", 0),
        "Body",
        marker("close", 0),
        marker("open", 1),
        marker("close", 1),
    ]
    assert scanner.blocks == [
        AsideBlock(AsideLook("tip", "Mind the gap")),
        FigureBlock(src="fig/a.png", alt="An image", height="120", element_id="img-a"),
    ]


def test_a_colon_fenced_code_directive_shows_shorter_fences_as_code() -> None:
    # As Jupyter Book's own docs write it: a ::::{code} block showing a page with ::: fences.
    lines, scanner = scan(
        "::::{code} markdown\n:filename: intro.md\n\n:::{note}\nBooks.\n:::\n\n"
        ":::{math}\nx \\times y\n:::\n::::\n\nAfter."
    )
    assert lines == [
        "```markdown",
        ":::{note}",
        "Books.",
        ":::",
        ":::{math}",
        "x \\times y",
        ":::",
        "```",
        "After.",
    ]
    assert scanner.warnings == []
