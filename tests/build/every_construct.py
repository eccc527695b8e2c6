"""A lesson holding every construct issue 10 asks the importers to read, imported for real.

The lesson is markdown as authors write it, in every dialect at once: front matter, Carpentries
Workbench fenced divs of every kind (nested challenge, hint and solution; instructor notes;
French class words), Pandoc and Quarto attributes and callouts, MyST directives and roles,
Python-Markdown admonitions, GitHub alerts, old Jekyll quotes with kramdown IALs and Liquid,
inline and display maths (one equation far wider than a phone, one the converter cannot read),
a very wide code block and table, a figure with its caption and a definition list. It goes
through ``import_page`` like any file an author adds, so the built pages are what learners get.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from moocstudio.importers.pages import import_page
from moocstudio.model import Course, LicenceId, Module, Page, Person
from moocstudio.model.store import create_course

INSTRUCTOR_NOTE = "INSTRUCTOR-ONLY: allow fifteen minutes for the first challenge."

WIDE_COMMAND = (
    "python -m pip install --upgrade --index-url https://example.org/simple "
    "matplotlib==3.9.0 pandas==2.2.2 numpy==2.0.0 scipy==1.14.0 seaborn==0.13.2"
)
WIDE_SUM = "y = " + " + ".join(f"w_{{{i}}} x_{{{i}}}" for i in range(1, 25))
MEASUREMENTS = [f"Measurement {n}" for n in range(1, 13)]
WIDE_TABLE = "\n".join(
    [
        "<table><caption>Twelve measurements per site</caption>",
        "<thead><tr><th>Site</th>" + "".join(f"<th>{m}</th>" for m in MEASUREMENTS) + "</tr>",
        "</thead><tbody>",
        *(
            f"<tr><td>Site {row}</td>"
            + "".join(f"<td>{row * col * 1.25:.2f}</td>" for col in range(12))
            + "</tr>"
            for row in range(1, 4)
        ),
        "</tbody></table>",
    ]
)

LESSON = f"""\
---
title: Fitting a line
description: Fit a straight line to measurements and read its slope.
teaching: 20
exercises: 10
objectives:
  - Fit a line with numpy.polyfit
  - Explain what the slope <b>means</b>
questions:
  - How do I fit a line to data?
keypoints:
  - A line has an intercept and a slope
  - Residuals show what the line misses
license: CC-BY-4.0
authors:
  - name: Grace Example
    affiliation: Example University
---

We fit a straight line to measurements, then check how far the points fall from it.
See [plotting](plotting.md) for the axes and [the data set](https://example.org/data).

:::::::::::::::::::::::::::::::::::::::::: prereq

- Python 3.11 and a terminal
- The `pandas` episode

::::::::::::::::::::::::::::::::::::::::::::::::::

::: callout

## Why a straight line?

It is the simplest model with [an error we can measure](#squared-error).

:::

```{{note}}
Units are metres throughout.
```

::: {{.callout-tip}}
Press <kbd>Tab</kbd> to complete a file name.
:::

!!! warning
    Never fit a line to fewer than three points.

> [!CAUTION]
> Outliers pull the line towards them.

::: discussion
When would a curve serve better than a line?
:::

::: checklist
1. Plot the data.
2. Fit the line.
3. Plot the residuals.
:::

::: testimonial
## From a learner

> I finally understood residuals.
:::

::: {{.margin-thoughts}}
An aside without a title: the unknown kinds look like this.
:::

::: questions
- A list written in the text, not in the front matter.
:::

The line is $f(x) = a + b \\times x$, with \\(a\\) its intercept; a cup of coffee costs 5 $.

:::::::::::::::::::::::::::::::::::::::::: challenge

## Challenge 1: the slope

What does `b` mean? Run:

```python
slope, intercept = numpy.polyfit(x, y, 1)
print(f"{{slope=:.3f}} {{intercept=:.3f}}")
```

:::::::::::::::: hint
Look at the units of `y` over those of `x`.
::::::::::::::::

:::::::::::::::: solution
The slope: how much `y` grows when `x` grows by one.

::: caution
## Common mistake
Swapping `x` and `y`.
:::
::::::::::::::::

::::::::::::::::::::::::::::::::::::::::::::::::::

::: instructor
{INSTRUCTOR_NOTE}
:::

> ## Solution to the discussion
> A curve, when the residuals show a pattern.
{{: .solution}}

## Installing the tools

```bash
$ {WIDE_COMMAND}
```

~~~
Successfully installed matplotlib-3.9.0
~~~
{{: .output}}

## Measurements

{WIDE_TABLE}

| Symbol | Meaning   |
|--------|-----------|
| `a`    | intercept |
| `b`    | slope     |

:::{{figure}} {{{{ page.root }}}}/fig/fitted-line.png
:alt: Six points rising from left to right, with the fitted line through them
:name: fig-fitted

Figure 1: the fitted line.
:::

Residual
:   How far a point lies from the line, measured upwards.

Intercept
:   Where the line crosses the vertical axis.

TeX the converter could not read stays visible as code:

$$
\\begin{{tikzcd}} A \\arrow[r] & B \\end{{tikzcd}}
$$

## The error {{#squared-error}}

$$
E = \\frac{{1}}{{n}} \\sum_{{i=1}}^{{n}} (y_i - \\hat{{y}}_i)^2
$$

A model with many inputs weighs each one:

$$
{WIDE_SUM}
$$

::: défi
## Challenge 2

Why is the error squared in

```{{math}}
E = \\frac{{1}}{{n}} \\sum_{{i=1}}^{{n}} e_i^2
```
:::

{{% include links.md %}}
"""

PLOTTING = """\
# Plotting

Label both axes.
"""

EXPECTED_WARNINGS = ("Liquid", "tikzcd")
"""What the lesson's import warns about, each named by a word of its warning: nothing else."""


def png_bytes(size: tuple[int, int] = (480, 320)) -> bytes:
    """A small real PNG: a white canvas with a dark diagonal band."""
    image = Image.new("RGB", size, "white")
    for x in range(size[0]):
        y = size[1] - 1 - x * size[1] // size[0]
        for dy in range(-3, 4):
            if 0 <= y + dy < size[1]:
                image.putpixel((x, y + dy), (31, 78, 121))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def write_lesson(root: Path) -> tuple[Path, Path]:
    """A Workbench-style lesson tree under ``root``: (the episode, the plotting page)."""
    (root / "episodes").mkdir(parents=True)
    (root / "fig").mkdir()
    (root / "config.yaml").write_text("title: Fitting lines\n", encoding="utf-8")
    (root / "fig" / "fitted-line.png").write_bytes(png_bytes())
    episode = root / "episodes" / "fitting.md"
    episode.write_text(LESSON, encoding="utf-8")
    plotting = root / "episodes" / "plotting.md"
    plotting.write_text(PLOTTING, encoding="utf-8")
    return episode, plotting


def every_construct_course(folder: Path, *, language: str = "en") -> tuple[Course, Page, list[str]]:
    """A course in ``folder``: the every-construct episode imported, then a short page.

    Returns:
        The course, the episode's page, and the episode's import warnings.
    """
    course = Course(
        title="Fitting lines",
        language=language,
        authors=[Person(name="Ada Example")],
        licence=LicenceId.CC_BY_4_0,
    )
    create_course(folder, course)
    episode, plotting = write_lesson(folder.parent / f"{folder.name}-lesson")
    imported = import_page(folder, episode)
    course.modules.append(
        Module(title="Lines", items=[imported.item, import_page(folder, plotting).item])
    )
    return course, imported.item, imported.warnings
