"""Import time of a Carpentries-style lesson against plain Python-Markdown on the same text.

Run from the repository root: ``python benchmarks/bench_markdown.py``. Writes a 60-page lesson
whose every page has front matter, nested fenced divs (Workbench challenge/solution/hint,
instructor notes, Quarto callouts), MyST directives and roles, kramdown IALs and blockquote
asides, Pandoc attributes, Liquid, inline and display maths (fractions, matrices, aligned),
shell prompts and prices that are not maths, code, a table, relative and site-root images; then
times ``render_markdown`` on every page (what importing does: structure, MathML, sanitizing,
image copies)
and ``markdown.markdown(text, extensions=["extra", "toc", "sane_lists", "admonition"])`` on the
same texts, in one run, alternating, and prints the medians and their ratio (target: at most 3x).
Then the time for odd text that once cost quadratic time (unclosed maths delimiters).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import markdown
from PIL import Image

from moocstudio.importers.pages import MARKDOWN_EXTENSIONS, render_markdown

PAGES = 60
RUNS = 5

PAGE = (
    """\
---
title: "Episode {n}: loops and lists"
teaching: 30
exercises: 15
questions:
- "How can I repeat an action?"
- "What is a list?"
objectives:
- "Write a `for` loop."
- "Index a list."
keypoints:
- "Use `for` to repeat."
license: CC-BY-4.0
authors:
  - name: Ada Lovelace
    affiliation: Analytical Engines
---

(episode-{n})=
# Loops in episode {n}

A *for loop* runs a block once per item; see {{ref}}`the setup <setup>` and {{doc}}`lists`.
The cost grows as {{math}}`O(n)`, or $f(x) = a + b \\times x$ for a line, and $$E = mc^2$$ too.

::::::::::::::::::::::::::::::::::::::: objectives

- Explain what a loop does.
- Trace a loop by hand.

::::::::::::::::::::::::::::::::::::::::::::::::::

## Writing a loop {{#loop-{n} .unnumbered}}

```python
for number in [2, 3, 5]:
    print(number)
```

| Line | Variable | Value |
|:-----|:--------:|------:|
| 1    | number   | 2     |
| 2    | number   | 3     |
| 3    | number   | 5     |

![A loop diagram](fig/loop-{n}.png){{alt='Flow of a loop' width=60% #fig:loop-{n}}}

![Site-root figure]({{{{ page.root }}}}/fig/loop-{n}.png)

::::::::::::::::::::::::::::::::::::::: challenge

## Challenge {n}.1: summing

Write a loop that sums `[1, 2, 3]`.

:::::::::::::::::::::::::::: hint

Start with `total = 0`.

:::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::: solution

## Solution

```python
total = 0
for n in [1, 2, 3]:
    total = total + n
```

:::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: instructor

Learners forget to initialise `total`: live-code the mistake.

::::::::::::::::::::::::::::::::::::::::::::::::

> ## Tracing execution
>
> What does this print?
>
> ~~~
> for c in "abc":
>     print(c)
> ~~~
> {{: .language-python}}
>
> > ## Solution
> > ~~~
> > a
> > b
> > c
> > ~~~
> > {{: .output}}
> {{: .solution}}
{{: .challenge}}

::: {{.callout-tip title="Shortcut" collapse="true"}}
Use `sum()` instead of a loop.
:::

```{{note}}
Loops work on **any** iterable.
```

```{{math}}
:label: eq-sum-{n}
S = \\sum_{{i=1}}^{{n}} x_i
```

:::{{figure}} fig/loop-{n}.png
:alt: The loop again
:width: 50%
:name: fig-again-{n}

The same loop, as a *figure*.
:::

```{{code-cell}} ipython3
:tags: [hide-input]
print(sum([1, 2, 3]))
```

This is [small caps]{{.smallcaps}} text.

```{{toctree}}
:maxdepth: 1
next
```

!!! warning "Off by one"
    `range(3)` stops at 2.

:::::::::::::::::::::::::::::::::::::::: keypoints

- Loops repeat; lists hold values.

::::::::::::::::::::::::::::::::::::::::::::::::::

{{% include links.md %}}
"""
    + r"""
## Fitting a line

A straight line $f(x) = a + b \times x$ fits points $(x_i, y_i)$ for $i = 1, \dots, n$.
The slope $b$ and intercept $a$ minimise $S = \sum_i (y_i - a - b x_i)^2$, where
$\bar{{x}}$ and $\bar{{y}}$ are the means and \( s_x^2 \) the variance; it costs $5 to $10
to run on a cloud machine, and $\hat{{y}}_i$ are the fitted values, $e_i = y_i - \hat{{y}}_i$.

$$
b = \frac{{\sum_{{i=1}}^{{n}} (x_i - \bar{{x}})(y_i - \bar{{y}})}}
         {{\sum_{{i=1}}^{{n}} (x_i - \bar{{x}})^2}}
$$

\[
\hat{{\beta}} = \left( X^\top X \right)^{{-1}} X^\top y,
\quad X = \begin{{pmatrix}} 1 & x_1 \\ \vdots & \vdots \\ 1 & x_n \end{{pmatrix}}
\]

$$
\begin{{aligned}}
R^2 &= 1 - \frac{{SS_{{res}}}}{{SS_{{tot}}}} \\
    &\leq 1
\end{{aligned}}
$$

```bash
$ conda install numpy
$ echo $HOME
```

![Scatter plot](/fig/scatter.png)
<img src="/assets/img/logo.png" alt="Logo">

Some more prose with `$PATH` in code, and a price of 5 $ per hour.
"""
)


def write_lesson(folder: Path) -> list[Path]:
    (folder / "fig").mkdir(parents=True)
    (folder / "_config.yml").write_text("title: Loops\n", encoding="utf-8")  # the lesson root
    for name in ("fig/scatter.png", "assets/img/logo.png"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (320, 240), "teal").save(folder / name)
    pages = []
    for n in range(1, PAGES + 1):
        Image.new("RGB", (64, 48), (n * 4 % 256, 90, 160)).save(folder / "fig" / f"loop-{n}.png")
        page = folder / f"{n:02d}-loops.md"
        page.write_text(PAGE.format(n=n), encoding="utf-8")
        pages.append(page)
    return pages


def time_import(pages: list[Path], texts: list[str], course: Path) -> float:
    start = time.perf_counter()
    for page, text in zip(pages, texts, strict=True):
        rendered = render_markdown(text, folder=course, page_file=page)
        assert rendered.instructor_notes and rendered.metadata.title
        assert "<math" in rendered.html and not rendered.warnings[1:], rendered.warnings
    return time.perf_counter() - start


def time_plain(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = write_lesson(work / "lesson")
        texts = [page.read_text(encoding="utf-8") for page in pages]
        lines = sum(text.count("\n") for text in texts)
        imports, plains = [], []
        for run in range(RUNS):
            plains.append(time_plain(texts))
            imports.append(time_import(pages, texts, work / f"course-{run}"))
        imported, plain = statistics.median(imports), statistics.median(plains)
        print(f"{PAGES} pages, {lines} lines of Carpentries-style markdown, median of {RUNS} runs:")
        print(f"  plain Python-Markdown (extra, toc, sane_lists, admonition): {plain:.3f} s")
        print(f"  moocstudio render_markdown (structure, sanitizing, images): {imported:.3f} s")
        print(f"  ratio: {imported / plain:.2f}x (target: at most 3x)")


def odd_text() -> None:
    """Text that once cost quadratic time must stay linear."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "odd.md"
        for name, text in (
            ("20,000 unclosed \\( in one paragraph", "\\( a " * 20_000),
            ("20,000 lines opening $$", "$$ x\n" * 20_000),
        ):
            start = time.perf_counter()
            render_markdown(text, folder=page.parent, page_file=page)
            print(f"  {name}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
    print("Odd text:")
    odd_text()
