r"""Maths and image-path figures for issue #10 (a script, not a test).

Usage: ``python benchmarks/bench_maths.py``

Prints, from one run, the time to render a 60-page lesson (each page: prose, 11 inline formulas,
3 displays, a code block with dollars, 3 site-root images in a Jekyll-style tree) with
``render_markdown`` (maths to MathML, images resolved and copied, sanitized), against the floor:
plain Python-Markdown with the same base extensions on the same text, no maths, no sanitizing.
The images are copied once per content, so pages after the first reuse the copies.

Then odd text that once cost quadratic time: one paragraph of 20,000 unclosed ``\(``, and
20,000 lines that each open a ``$$`` display and never close it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import markdown
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moocstudio.importers.pages import MARKDOWN_EXTENSIONS, render_markdown  # noqa: E402

PAGES = 60
RUNS = 5

PAGE = r"""# Episode {n}: least squares

A straight line $f(x) = a + b \times x$ fits points $(x_i, y_i)$ for $i = 1, \dots, n$.
The slope $b$ and intercept $a$ minimise $S = \sum_i (y_i - a - b x_i)^2$, where
$\bar{{x}}$ and $\bar{{y}}$ are the means and \( s_x^2 \) the variance; it costs $5 to $10
to run on a cloud machine, and $\hat{{y}}_i$ are the fitted values, $e_i = y_i - \hat{{y}}_i$.

$$
b = \frac{{\sum_{{i=1}}^{{n}} (x_i - \bar{{x}})(y_i - \bar{{y}})}}
         {{\sum_{{i=1}}^{{n}} (x_i - \bar{{x}})^2}}
$$

In matrix form:

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
![Residuals](/fig/residuals.png)
<img src="/assets/img/logo.png" alt="Logo">

Some more prose with `$PATH` in code, and a price of 5 $ per hour.
"""


def lesson(tmp: Path) -> list[tuple[Path, str]]:
    root = tmp / "lesson"
    (root / "_episodes").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Regression\n", encoding="utf-8")
    for name in ("fig/scatter.png", "fig/residuals.png", "assets/img/logo.png"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (320, 240), "teal").save(root / name)
    return [(root / "_episodes" / f"{n:02d}-episode.md", PAGE.format(n=n)) for n in range(PAGES)]


def best_of(run: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pages = lesson(tmp)
        course = tmp / "course"

        def plain() -> None:
            for _path, text in pages:
                markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(text)

        def full() -> None:
            for path, text in pages:
                rendered = render_markdown(text, folder=course, page_file=path)
                assert not rendered.warnings, rendered.warnings

        full()  # first run copies the images into the course; later runs find them there
        floor = best_of(plain)
        ours = best_of(full)
        sample = render_markdown(pages[0][1], folder=course, page_file=pages[0][0])
        formulas = sample.html.count("<math")
        images = len(sample.images)
    print(f"{PAGES}-page lesson, best of {RUNS} runs (one process, warm imports)")
    print(f"  plain Python-Markdown (floor): {floor * 1000:8.1f} ms")
    print(f"  render_markdown (maths, images, sanitizer): {ours * 1000:8.1f} ms")
    print(f"  ratio: {ours / floor:.2f}x   per page: {ours / PAGES * 1000:.2f} ms")
    print(f"  each page: {formulas} formulas as MathML, {images} site-root images resolved")


def odd_text() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        page = Path(tmp_name) / "odd.md"
        for name, text in (
            ("20,000 unclosed \\( in one paragraph", "\\( a " * 20_000),
            ("20,000 lines opening $$", "$$ x\n" * 20_000),
        ):
            seconds = best_of(
                lambda text=text: render_markdown(text, folder=page.parent, page_file=page)
            )
            print(f"  {name}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
    print("odd text, best of 5 runs")
    odd_text()
