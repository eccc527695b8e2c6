"""Lessons in each dialect authors write, imported whole: structure, fields and warnings.

Every lesson is a small string written here in its dialect's own shape (Carpentries Workbench,
Jekyll "styles", MyST/Jupyter Book, Quarto, Pandoc, a remark/Marp deck); the HTML is parsed with
lxml and its asides are checked by kind and title, as the site's stylesheet will see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from moocstudio.importers.pages import import_page, render_markdown
from moocstudio.model import Page
from moocstudio.model.licence import LicenceId

LEFTOVERS = (":::", "{:", "{{", "{%", "```", "teaching:", "exercises:", "\x02")


@dataclass
class Imported:
    page: Page
    warnings: list[str]
    root: lxml.html.HtmlElement

    def asides(self) -> list[tuple[str, str, str | None]]:
        """(tag, kind, title) of every aside, in document order."""
        found = []
        for element in self.root.xpath('//*[contains(concat(" ", @class, " "), " admonition ")]'):
            kind = element.get("class").split()[1]
            title = element.find('*[@class="admonition-title"]')
            found.append((element.tag, kind, None if title is None else title.text_content()))
        return found

    def text(self) -> str:
        return self.root.text_content()


@pytest.fixture
def lesson(tmp_path: Path):
    folder = tmp_path / "lesson"
    (folder / "fig").mkdir(parents=True)
    Image.new("RGB", (30, 20), "navy").save(folder / "fig" / "fit.png")

    def load(markdown: str, name: str = "episode.md", **kwargs: str) -> Imported:
        source = folder / name
        source.write_text(markdown, encoding="utf-8")
        result = import_page(tmp_path / "course", source, **kwargs)
        root = lxml.html.fragment_fromstring(result.item.html or "<p></p>", create_parent="div")
        outside_code = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", "", result.item.html, flags=re.S)
        for leftover in LEFTOVERS:
            assert leftover not in outside_code, leftover
        return Imported(result.item, result.warnings, root)

    return load


WORKBENCH = """\
---
title: "Navigating Files and Directories"
teaching: 30
exercises: 10
---

:::::::::::::::::::::::::::::::::::::: questions

- How can I move around on my computer?

::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: objectives

- Explain the similarities and differences between a file and a directory.

::::::::::::::::::::::::::::::::::::::::::::::::

## Background

The part of the operating system that manages files is called the **file system**.

```bash
$ pwd
```

::::::::::::::::::::::::::::::::::::::: challenge

## Exploring More `ls` Options

What does the command `ls` do when used with the `-l` option?

:::::::::::::::::::::::::::: hint

Try `ls --help`.

:::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::: solution

## Solution

The `-l` option makes `ls` use a **l**ong listing format.

```bash
$ ls -l
:::::::::::::
```

:::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: instructor

Learners confuse `-F` and `-f`: show both.

::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: spoiler

### What about Windows?

It has `dir`.

::::::::::::::::::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::: keypoints

- The file system is responsible for managing information on the disk.

::::::::::::::::::::::::::::::::::::::::::::::::
"""


def test_carpentries_workbench_episode(lesson) -> None:
    imported = lesson(WORKBENCH)
    page = imported.page
    assert page.title == "Navigating Files and Directories"
    assert imported.asides() == [
        ("div", "questions", "Questions"),
        ("div", "objectives", "Objectives"),
        ("div", "challenge", "Exploring More ls Options"),
        ("details", "hint", "Hint"),
        ("details", "solution", "Solution"),
        ("details", "aside", "What about Windows?"),
        ("div", "keypoints", "Key points"),
    ]
    challenge = imported.root.xpath('//div[contains(@class, "challenge")]')[0]
    assert [d.get("class") for d in challenge.iter("details")] == [
        "admonition hint",
        "admonition solution",
    ]
    # The fence inside the solution's code block is code, not the end of the div.
    code = challenge.xpath('.//code[@class="language-bash"]')[0].text_content()
    assert code == "$ ls -l\n:::::::::::::\n"
    assert imported.root.xpath("//h2/text()") == ["Background"]
    assert "Learners confuse" not in page.html
    assert len(page.instructor_notes) == 1
    note = lxml.html.fragment_fromstring(page.instructor_notes[0])
    assert note.get("class") == "admonition instructor"
    assert "<code>-F</code>" in page.instructor_notes[0]
    assert imported.warnings == []


JEKYLL_STYLES = """\
---
title: "Repeating Actions with Loops"
teaching: 30
exercises: 0
questions:
- "How can I do the same operations on many different values?"
objectives:
- "Explain what a `for` loop does."
- "Correctly write `for` loops to repeat simple calculations."
keypoints:
- "Use `for variable in sequence` to process the elements of a sequence one at a time."
---
A *for loop* tells Python to execute some statements once for each value in a list.

~~~
for number in [2, 3, 5]:
    print(number)
~~~
{: .language-python}

~~~
2
3
5
~~~
{: .output}

> ## Tracing Execution
>
> Create a table showing the numbers of the lines that are executed.
>
> ~~~
> total = 0
> ~~~
> {: .language-python}
>
> > ## Solution
> >
> > | Line no | Variables |
> > |---------|-----------|
> > | 1       | total = 0 |
> {: .solution}
{: .challenge}

> ## Loops are everywhere
> So are `{{ site.title }}` placeholders in code.
{: .callout}

> To be or not to be.
{: .quotation}

![Loop diagram]({{ page.root }}/fig/loops.png)

See [the setup]({{ page.root }}{% link setup.md %}).

{% include links.md %}
"""


def test_old_carpentries_jekyll_episode(lesson) -> None:
    imported = lesson(JEKYLL_STYLES)
    page = imported.page
    assert page.title == "Repeating Actions with Loops"
    assert page.questions == ["How can I do the same operations on many different values?"]
    assert page.objectives == [
        "Explain what a `for` loop does.",
        "Correctly write `for` loops to repeat simple calculations.",
    ]
    assert len(page.keypoints) == 1
    assert imported.asides() == [
        ("div", "challenge", "Tracing Execution"),
        ("details", "solution", "Solution"),
        ("div", "callout", "Loops are everywhere"),
    ]
    languages = [c.get("class") for c in imported.root.iter("code") if c.getparent().tag == "pre"]
    assert languages == ["language-python", "language-output", "language-python"]
    solution = imported.root.xpath("//details")[0]
    assert solution.xpath(".//td/text()") == ["1", "total = 0"]
    assert imported.root.xpath("//blockquote/p/text()") == ["To be or not to be."]
    # A Liquid tag inside a code span is code; outside, it is taken out and reported once.
    assert "{{ site.title }}" in imported.root.xpath("//code/text()")
    assert "page.root" not in page.html
    assert "include links.md" not in page.html
    liquid = [w for w in imported.warnings if "Liquid" in w]
    assert len(liquid) == 1
    assert "episode.md, line 52: 4 Jekyll/Liquid template tag(s)" in liquid[0]


MYST = """\
---
title: Linear regression
authors:
  - name: Ada Lovelace
    email: ada@example.org
    affiliations:
      - Analytical Engines Ltd
  - Charles Babbage
license: CC-BY-SA-4.0
---

(regression-intro)=
# Regression

See {ref}`the fit <fit>`, {doc}`intro`, {numref}`Figure %s <fit>` and {term}`API`; \
the model is {math}`y = W x` and H{sub}`2`O is water.

```{note}
A note with **bold** text.
```

```{admonition} Mind the units
:class: tip

Metres, not feet.
```

:::{figure} fig/fit.png
:alt: A fitted line
:width: 80%
:name: fit

The fitted *line*.
:::

```{code-cell} ipython3
:tags: [hide-input]
import numpy as np
```

```{math}
:label: eq-fit
y = W x + b
```

```{toctree}
:maxdepth: 2
intro
```

````{exercise} Fit a line
Try it.

```{solution} ex-fit
Use `np.polyfit`.
```
````

:::{important} Read this first.
And this.
:::
"""


def test_myst_jupyter_book_page(lesson) -> None:
    imported = lesson(MYST)
    page = imported.page
    assert page.title == "Linear regression"
    assert page.licence is LicenceId.CC_BY_SA_4_0
    assert [(p.name, p.email, p.affiliation) for p in page.authors] == [
        ("Ada Lovelace", "ada@example.org", "Analytical Engines Ltd"),
        ("Charles Babbage", None, None),
    ]
    assert imported.root.xpath("//h1/@id") == ["regression-intro"]
    intro = imported.root.xpath("//p")[0].text_content()
    assert "See the fit, intro, Figure and API;" in intro
    assert "y = W x" in page.html  # the {math} role became maths text (or MathML with alttext)
    assert imported.root.xpath("//sub/text()") == ["2"]
    assert imported.asides() == [
        ("div", "note", "Note"),
        ("div", "tip", "Mind the units"),
        ("div", "challenge", "Fit a line"),
        ("details", "solution", "Solution"),
        ("div", "warning", "Important"),
    ]
    important = imported.root.xpath('//div[@class="admonition warning"]/p/text()')
    assert important == ["Important", "Read this first.", "And this."]
    figure = imported.root.xpath("//figure")[0]
    assert figure.get("id") == "fit"
    image = figure.find("img")
    assert (image.get("alt"), image.get("width")) == ("A fitted line", "80%")
    assert image.get("src") == page.images[0].path
    assert figure.find("figcaption").text_content().strip() == "The fitted line."
    code = imported.root.xpath("//pre/code")[0]
    assert (code.get("class"), code.text) == ("language-python", "import numpy as np\n")
    assert "y = W x + b" in page.html
    for gone in (":label:", "maxdepth", "hide-input", "{ref}", "{math}", "(regression-intro)="):
        assert gone not in page.html, gone
    assert imported.warnings == []


QUARTO = """\
---
title: "Data wrangling"
description: "Reshape data frames with tidyr."
author:
  - name:
      given: Hadley
      family: Wickham
    url: https://hadley.nz
license: "CC BY"
---

## Pivoting

::: {.callout-note}
Pivoting is reshaping.
:::

::: {.callout-tip title="Shortcut" collapse="true"}
Use `pivot_longer()`.
:::

::: {.callout-warning}
## Watch out
Column types may change.
:::

::: {.callout-important}
Keep a copy.
:::

::: {.callout-caution collapse="false"}
Careful.
:::

```{r}
#| echo: true
library(tidyr)
```

:::: {.columns}
::: {.column width="50%"}
Left
:::
::::

::: notes
Say why pivoting matters.
:::
"""


def test_quarto_page_with_callouts(lesson) -> None:
    imported = lesson(QUARTO, name="wrangling.qmd")
    page = imported.page
    assert page.title == "Data wrangling"
    assert page.description == "Reshape data frames with tidyr."
    assert [(p.name, str(p.url)) for p in page.authors] == [
        ("Hadley Wickham", "https://hadley.nz/")
    ]
    assert imported.asides() == [
        ("div", "note", "Note"),
        ("details", "tip", "Shortcut"),
        ("div", "warning", "Watch out"),
        ("div", "warning", "Important"),
        ("details", "caution", "Caution"),
    ]
    folded = imported.root.xpath("//details")
    assert [d.get("open") for d in folded] == [None, ""]  # collapse="false": folded, shown open
    assert imported.root.xpath("//pre/code/@class") == ["language-r"]
    assert imported.root.xpath("//pre/code/text()") == ["library(tidyr)\n"]
    columns = imported.root.xpath('//div[@class="columns"]/div[@class="column"]/p/text()')
    assert columns == ["Left"]
    assert "Say why" not in page.html
    assert "Say why pivoting matters." in page.instructor_notes[0]
    # "CC BY" has no version: the page keeps the course licence and the author is told.
    assert page.licence is None
    assert len(imported.warnings) == 1
    assert "wrangling.qmd, line 9: the licence 'CC BY' is not one" in imported.warnings[0]


PANDOC = """\
---
title: Pandoc page
abstract: A short abstract.
author: Jane Roe, John Doe and Ann Poe
license: CC0
...

# Introduction {#intro .unnumbered}

This is [small caps]{.smallcaps} and ![A fit](fig/fit.png){#fig:fit width=50% fig-align=center}.

## Method {-}

::: {#special .sidebar}
Here is a paragraph.
:::

::: Warning ::::::
This is a warning.

::: Danger
This is a warning within a warning.
:::
::::::::::::::::::

::: {.exercise}
Do it.
:::

![Broken](fig/fit.png){alt='broken width=3}

::: {.mystery-class}
Unknown class.
:::

> [!TIP]
> Use tabs.
"""


def test_pandoc_markdown(lesson) -> None:
    imported = lesson(PANDOC)
    page = imported.page
    assert page.title == "Pandoc page"
    assert page.description == "A short abstract."
    assert [p.name for p in page.authors] == ["Jane Roe", "John Doe", "Ann Poe"]
    assert page.licence is LicenceId.CC0_1_0
    heading = imported.root.xpath("//h1")[0]
    assert (heading.get("id"), heading.get("class"), heading.text) == (
        "intro",
        "unnumbered",
        "Introduction",
    )
    assert imported.root.xpath("//h2/@class") == ["unnumbered"]
    assert imported.root.xpath('//span[@class="smallcaps"]/text()') == ["small caps"]
    image = imported.root.xpath('//img[@id="fig:fit"]')[0]
    assert (image.get("alt"), image.get("width")) == ("A fit", "50%")
    assert "fig-align" not in page.html
    assert imported.asides() == [
        ("div", "aside", None),
        ("div", "warning", "Warning"),
        ("div", "caution", "Danger"),
        ("div", "challenge", "Exercise"),
        ("div", "aside", None),
        ("div", "tip", "Tip"),
    ]
    assert imported.root.xpath('//div[@id="special"]/p/text()') == ["Here is a paragraph."]
    assert imported.root.xpath('//div[contains(@class,"warning")]/div/@class') == [
        "admonition caution"
    ]
    assert imported.root.xpath('//img[@alt="Broken"]')  # the image stays, its attributes go
    assert imported.warnings == [
        f"{page_file(imported)}, line 30: the attribute list {{alt='broken width=3}} cannot be "
        "read (the quote after alt= is not closed); it was left out."
    ]


def page_file(imported: Imported) -> str:
    return next(w for w in imported.warnings if "line" in w).split(", line")[0]


DECK = """\
---
# Why version control?

Because *final_v2_really_final.doc*.

---

# How git sees a project

- snapshot: a commit
- history: a chain of commits

---

# Your turn
"""


def test_dashed_slide_deck_imports_whole(lesson) -> None:
    imported = lesson(DECK, name="deck.md")
    assert imported.page.title == "Why version control?"
    assert imported.root.xpath("//h1/text()") == [
        "Why version control?",
        "How git sees a project",
        "Your turn",
    ]
    assert len(imported.root.xpath("//hr")) == 3
    assert imported.root.xpath("//li/text()") == [
        "snapshot: a commit",
        "history: a chain of commits",
    ]
    assert imported.warnings == []


def test_marp_deck_front_matter_is_metadata(lesson) -> None:
    imported = lesson("---\nmarp: true\ntheme: gaia\n---\n\n# One\n\n---\n\n# Two\n")
    assert imported.page.title == "One"
    assert "marp" not in imported.page.html
    assert len(imported.root.xpath("//hr")) == 1


def test_explicit_title_wins_over_front_matter(lesson) -> None:
    imported = lesson("---\ntitle: From the file\n---\n# Heading\n", title="Chosen")
    assert imported.page.title == "Chosen"


def test_malformed_front_matter_is_one_warning_and_the_body_imports(lesson) -> None:
    imported = lesson("---\ntitle: Lesson: intro\nteaching: 30\n---\n# Body\n\nText.\n", "l.md")
    assert imported.page.title == "Body"
    assert len(imported.warnings) == 1
    warning = imported.warnings[0]
    assert "l.md, line 2: the front matter is not valid YAML (mapping values are not allowed" in (
        warning
    )
    assert warning.endswith("); it was left out (quote values that contain a colon).")
    assert imported.root.xpath("//p/text()") == ["Text."]


def test_warnings_count_lines_from_the_top_of_the_file(lesson) -> None:
    markdown = "---\ntitle: T\n---\n\nIntro.\n\n::: challenge\nOpen.\n\n::::: solution\nNo end.\n"
    imported = lesson(markdown, "t.md")
    assert [w.split("t.md, ")[1][:7] for w in imported.warnings] == ["line 7:", "line 10"]
    assert imported.asides() == [
        ("div", "challenge", "Challenge"),
        ("details", "solution", "Solution"),
    ]
    assert (
        "the fenced div '::::: solution' is never closed; it ends at the end of the file."
        in (imported.warnings[1])
    )


@pytest.mark.parametrize(
    ("word", "kind", "title"),
    [
        ("objectifs", "objectives", "Objectifs"),
        ("points-clés", "keypoints", "Points clés"),
        ("prérequis", "prereq", "Prérequis"),
        ("défi", "challenge", "Défi"),
        ("defi", "challenge", "Défi"),
        ("exercice", "challenge", "Exercice"),
        ("indice", "hint", "Indice"),
        ("astuce", "tip", "Astuce"),
        ("remarque", "note", "Remarque"),
        ("attention", "warning", "Attention"),
        ("objetivos", "objectives", "Objetivos"),
        ("preguntas", "questions", "Preguntas"),
        ("puntos-clave", "keypoints", "Puntos clave"),
        ("desafío", "challenge", "Desafío"),
        ("ejercicio", "challenge", "Ejercicio"),
        ("solución", "solution", "Solución"),
        ("pista", "hint", "Pista"),
        ("consejo", "tip", "Consejo"),
        ("advertencia", "warning", "Advertencia"),
        ("Lösung", "solution", "Lösung"),
        ("discussion", "discussion", "Discussion"),
        ("checklist", "checklist", "Checklist"),
        ("testimonial", "testimonial", "Testimonial"),
        ("prereq", "prereq", "Prerequisites"),
    ],
)
def test_class_words_in_other_languages(lesson, word: str, kind: str, title: str) -> None:
    imported = lesson(f"::: {word}\nTexte.\n:::\n")
    tag = "details" if kind in ("solution", "hint") else "div"
    assert imported.asides() == [(tag, kind, title)]


@pytest.mark.parametrize("word", ["instructeur", "instructor", "notes"])
def test_instructor_blocks_leave_the_learner_page(lesson, word: str) -> None:
    imported = lesson(f"# T\n\n::: challenge\nDo it.\n\n:::: {word}\nHint **live**.\n::::\n:::\n")
    assert "live" not in imported.page.html
    assert imported.asides() == [("div", "challenge", "Challenge")]
    assert "<strong>live</strong>" in imported.page.instructor_notes[0]


def test_python_markdown_admonitions_get_the_same_kinds(lesson) -> None:
    imported = lesson(
        '!!! danger "Careful"\n    Hot.\n\n!!! solution\n    Answer.\n\n'
        "!!! keypoints\n    Remember.\n\n!!! objectifs\n    Savoir.\n\n"
        '!!! foo\n    Neutral.\n\n!!! note ""\n    Untitled.\n\n!!! instructor\n    Secret.\n'
    )
    assert imported.asides() == [
        ("div", "caution", "Careful"),
        ("details", "solution", "Solution"),
        ("div", "keypoints", "Key points"),
        ("div", "objectives", "Objectifs"),
        ("div", "aside", None),
        ("div", "note", None),
    ]
    assert "Secret" not in imported.page.html
    assert "Secret." in imported.page.instructor_notes[0]


def test_fences_inside_code_are_code(lesson) -> None:
    imported = lesson(
        "# T\n\n````markdown\n::: challenge\n```{note}\nnot a directive\n```\n:::\n````\n\n"
        "Text:\n\n    ::: note\n    indented code\n    :::\n\n~~~\n{: .language-r}\n~~~\n"
    )
    assert imported.asides() == []
    blocks = imported.root.xpath("//pre/code")
    assert blocks[0].text == "::: challenge\n```{note}\nnot a directive\n```\n:::\n"
    assert blocks[1].text == "::: note\nindented code\n:::\n"
    assert blocks[2].text == "{: .language-r}\n"


def test_stray_closing_fence_is_dropped_with_a_warning(lesson) -> None:
    imported = lesson("# T\n\nText.\n\n:::\n\nMore.\n", "s.md")
    assert imported.root.xpath("//p/text()") == ["Text.", "More."]
    assert imported.warnings[0].endswith(
        "s.md, line 5: a closing fence ':::' has no fenced div to close; it was left out."
    )


HOSTILE_BLOCKS = """\
# T

::: challenge
<script>alert(1)</script>
<img src="fig/fit.png" onerror="alert(2)">
<a href="javascript:alert(3)">x</a>
:::

```{raw} html
<div class="embed"><script>alert(4)</script><b onclick="steal()">bold</b></div>
<iframe src="https://evil.example"></iframe>
```

```{note}
<style>body{display:none}</style><form action="https://evil.example"><input></form>
```

::: instructor
<script>alert(5)</script><svg onload="alert(6)"></svg> kept words
:::

```{figure} javascript:alert(7)
:alt: x" onerror="alert(8)
```
"""


def test_hostile_html_inside_divs_and_directives_is_sanitized(lesson) -> None:
    imported = lesson(HOSTILE_BLOCKS)
    page = imported.page
    for html in (page.html, *page.instructor_notes):
        lowered = html.lower()
        for forbidden in ("<script", "javascript:", "<iframe", "<style", "<form", "<input", "<svg"):
            assert forbidden not in lowered, forbidden
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for element in root.iter():
            assert not [name for name in element.attrib if name.startswith("on")], element.attrib
    # The quote in the figure's alt text stays text: it cannot open an attribute.
    assert imported.root.xpath("//figure/img/@alt") == ['x" onerror="alert(8)']
    assert imported.root.xpath("//figure/img/@src") == []
    assert imported.root.xpath('//div[@class="embed"]/b/text()') == ["bold"]
    assert [kind for _, kind, _ in imported.asides()] == ["challenge", "note"]
    assert "kept words" in page.instructor_notes[0]


def test_toml_front_matter(lesson) -> None:
    imported = lesson(
        '+++\ntitle = "Hugo page"\nsummary = "From TOML"\nauthors = ["A. Author"]\n'
        'license = "https://creativecommons.org/licenses/by-nc/4.0/"\n+++\n\nBody.\n'
    )
    page = imported.page
    assert (page.title, page.description) == ("Hugo page", "From TOML")
    assert [p.name for p in page.authors] == ["A. Author"]
    assert page.licence is LicenceId.CC_BY_NC_4_0
    assert imported.root.xpath("//p/text()") == ["Body."]


def test_malformed_toml_front_matter(lesson) -> None:
    imported = lesson('+++\ntitle = "ok"\ndate = = 3\n+++\n\nBody.\n', "h.md")
    assert len(imported.warnings) == 1
    assert "h.md, line 3: the front matter is not valid TOML" in imported.warnings[0]
    assert imported.root.xpath("//p/text()") == ["Body."]


def test_deep_nesting_is_flattened_not_a_crash(lesson) -> None:
    imported = lesson("::: challenge\n" * 400 + "Deep.\n" + ":::\n" * 400)
    boxes = imported.root.xpath('//div[@class="admonition challenge"]')
    assert (
        max(len(box.xpath('ancestor::div[@class="admonition challenge"]')) for box in boxes) == 23
    )
    assert "Deep." in imported.text()
    assert sum("nested more than 24 deep" in w for w in imported.warnings) == 1
    quoted = lesson("> " * 400 + "q\n")  # past 24, Python-Markdown nests the rest itself
    assert "q</p>" in quoted.page.html
    assert sum("nested more than 24 deep" in w for w in quoted.warnings) == 1


LINE_PIECES = [
    "", ":::", "::: challenge", ":::: {.callout-tip collapse=true}", "::: {bad='x}", ":::{note}",
    ":::{figure} fig/fit.png", ":alt: x", "```", "```{note}", "````{admonition} T", "```{math}",
    "```{raw} html", "~~~", "{: .language-bash}", "{: .challenge}", "> ## Title", "> > text",
    "> {: .solution}", "> [!TIP]", "---", "+++", "title: x", "## Heading {#h .c}", "(label)=",
    "{{ page.root }}/x.png", "{% include links.md %}", "{% comment %}", "$$", "\\[", "    code",
    "- item", "| a | b |", "!!! note", "    inside", "<script>alert(1)</script>", "text {ref}`x`",
    "![a](fig/fit.png){width=50%}", "[s]{.smallcaps}", "::: instructor", "<div>", "</div>",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=40))
def test_any_mix_of_structures_imports(tmp_path_factory: pytest.TempPathFactory, pieces) -> None:
    folder = tmp_path_factory.mktemp("mix")
    rendered = render_markdown(
        "\n".join(pieces), folder=folder / "course", page_file=folder / "p.md"
    )
    for html in (rendered.html, *rendered.instructor_notes):
        assert "\x02" not in html and "<script" not in html
    assert all(w.startswith(f"{folder / 'p.md'}") for w in rendered.warnings)
