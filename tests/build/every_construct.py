"""A lesson page holding every construct the importers write (contracts 2 and 3 of issue 10).

Until the markdown importers write these constructs themselves, the page is their contract HTML,
written here: asides of every kind (nested ones, collapsed solutions and hints), inline and
display maths (one equation far wider than a phone), a very wide code block and table, figures
with captions and a definition list, plus the page's front-matter lists.

The HTML goes through the importer's sanitizer like any imported page, except the MathML: the
sanitizer on this branch does not allow it yet, so the maths joins the page as written.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from moocstudio.importers.pages import sanitize_html
from moocstudio.model import Course, LicenceId, Module, Page, Person
from moocstudio.model.store import add_asset_bytes, create_course

INSTRUCTOR_NOTE = "INSTRUCTOR-ONLY: allow fifteen minutes for the first challenge."

ASIDE_KINDS = (
    *("objectives", "questions", "keypoints", "prereq", "callout", "note", "tip", "warning"),
    *("caution", "challenge", "solution", "hint", "discussion", "checklist", "testimonial"),
    "aside",
)
"""The canonical kinds of contract 2; the page holds each one (front matter gives three)."""


def _inline_maths(tex: str, mathml: str) -> str:
    return (
        f'<math alttext="{tex}"><semantics><mrow>{mathml}</mrow>'
        f'<annotation encoding="application/x-tex">{tex}</annotation></semantics></math>'
    )


def _display_maths(tex: str, mathml: str) -> str:
    return (
        f'<div class="math-display"><math display="block" alttext="{tex}"><semantics>'
        f'<mrow>{mathml}</mrow><annotation encoding="application/x-tex">{tex}</annotation>'
        "</semantics></math></div>"
    )


def _wide_sum(terms: int) -> tuple[str, str]:
    """``y = w_1 x_1 + ... + w_n x_n``: (TeX, MathML), far wider than a phone for n = 24."""
    tex = "y = " + " + ".join(f"w_{{{i}}} x_{{{i}}}" for i in range(1, terms + 1))
    parts = [
        f"<msub><mi>w</mi><mn>{i}</mn></msub><msub><mi>x</mi><mn>{i}</mn></msub>"
        for i in range(1, terms + 1)
    ]
    return tex, "<mi>y</mi><mo>=</mo>" + "<mo>+</mo>".join(parts)


# The MathML has the shape latex2mathml gives these TeX formulas (fences not stretchy).
LINE_FIT = _inline_maths(
    r"f(x) = a + b \times x",
    '<mi>f</mi><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo><mo>=</mo>'
    "<mi>a</mi><mo>+</mo><mi>b</mi><mo>×</mo><mi>x</mi>",
)
SQUARED_ERROR = _display_maths(
    r"E = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2",
    "<mi>E</mi><mo>=</mo><mfrac><mrow><mn>1</mn></mrow><mrow><mi>n</mi></mrow></mfrac>"
    "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mrow><mi>n</mi></mrow>"
    '</munderover><mo stretchy="false">(</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo>'
    '<msub><mover accent="true"><mrow><mi>y</mi></mrow><mo>^</mo></mover><mi>i</mi></msub>'
    '<msup><mo stretchy="false">)</mo><mn>2</mn></msup>',
)
WIDE_EQUATION = _display_maths(*_wide_sum(24))

WIDE_COMMAND = (
    "python -m pip install --upgrade --index-url https://example.org/simple "
    "matplotlib==3.9.0 pandas==2.2.2 numpy==2.0.0 scipy==1.14.0 seaborn==0.13.2"
)
WIDE_TABLE_COLUMNS = [f"Measurement {n}" for n in range(1, 13)]

# Contract HTML, as the importers write it after nh3; each string goes through the sanitizer.
SANITIZED_PARTS = [
    '<h1 id="fitting-a-line">Fitting a line</h1>',
    "<p>We fit a straight line to measurements, then check how far the points fall from it. "
    'See <a href="plotting.md#axes">plotting</a> for the axes and '
    '<a href="https://example.org/data">the data set</a>.</p>',
    '<div class="admonition prereq"><p class="admonition-title">Prerequisites</p>'
    "<ul><li>Python 3.11 and a terminal</li><li>The <code>pandas</code> episode</li></ul></div>",
    '<div class="admonition callout"><p class="admonition-title">Why a straight line?</p>'
    '<p>It is the simplest model with <a href="#squared-error">an error we can measure</a>.</p>'
    "</div>",
    '<div class="admonition note"><p class="admonition-title">Note</p>'
    "<p>Units are metres throughout.</p></div>",
    '<div class="admonition tip"><p class="admonition-title">Tip</p>'
    "<p>Press <kbd>Tab</kbd> to complete a file name.</p></div>",
    '<div class="admonition warning"><p class="admonition-title">Warning</p>'
    "<p>Never fit a line to fewer than three points.</p></div>",
    '<div class="admonition caution"><p class="admonition-title">Caution</p>'
    "<p>Outliers pull the line towards them.</p></div>",
    '<div class="admonition discussion"><p class="admonition-title">Discussion</p>'
    "<p>When would a curve serve better than a line?</p></div>",
    '<div class="admonition checklist"><p class="admonition-title">Checklist</p>'
    "<ol><li>Plot the data.</li><li>Fit the line.</li><li>Plot the residuals.</li></ol></div>",
    '<div class="admonition testimonial"><p class="admonition-title">From a learner</p>'
    "<blockquote><p>I finally understood residuals.</p></blockquote></div>",
    '<div class="admonition aside"><p>An aside without a title: the unknown kinds look like '
    "this.</p></div>",
    '<div class="admonition questions"><p class="admonition-title">Questions</p>'
    "<ul><li>A list written in the text, not in the front matter.</li></ul></div>",
    '<div class="admonition challenge"><p class="admonition-title">Challenge 1: the slope</p>'
    "<p>What does <code>b</code> mean? Run:</p>"
    '<pre><code class="language-python">slope, intercept = numpy.polyfit(x, y, 1)\n'
    'print(f"{slope=:.3f} {intercept=:.3f}")\n</code></pre>'
    '<details class="admonition hint"><summary class="admonition-title">Hint</summary>'
    "<p>Look at the units of <code>y</code> over those of <code>x</code>.</p></details>"
    '<details class="admonition solution"><summary class="admonition-title">Solution</summary>'
    "<p>The slope: how much <code>y</code> grows when <code>x</code> grows by one.</p>"
    '<div class="admonition warning"><p class="admonition-title">Common mistake</p>'
    "<p>Swapping <code>x</code> and <code>y</code>.</p></div></details></div>",
    '<details class="admonition solution"><summary class="admonition-title">Solution to the '
    "discussion</summary><p>A curve, when the residuals show a pattern.</p></details>",
    '<h2 id="installing">Installing the tools</h2>',
    f'<pre><code class="language-bash">{WIDE_COMMAND}\n</code></pre>',
    '<pre><code class="language-output">Successfully installed matplotlib-3.9.0\n</code></pre>',
    '<h2 id="measurements">Measurements</h2>',
    "<table><caption>Twelve measurements per site</caption><thead><tr><th>Site</th>"
    + "".join(f'<th style="text-align: right;">{name}</th>' for name in WIDE_TABLE_COLUMNS)
    + "</tr></thead><tbody>"
    + "".join(
        f"<tr><td>Site {row}</td>"
        + "".join(
            f'<td style="text-align: right;">{row * col * 1.25:.2f}</td>' for col in range(12)
        )
        + "</tr>"
        for row in range(1, 4)
    )
    + "</tbody></table>",
    "<table><thead><tr><th>Symbol</th><th>Meaning</th></tr></thead><tbody>"
    "<tr><td><code>a</code></td><td>intercept</td></tr>"
    "<tr><td><code>b</code></td><td>slope</td></tr></tbody></table>",
    '<figure><img src="media/FIGURE" alt="Six points rising from left to right, with the '
    'fitted line through them"><figcaption>Figure 1: the fitted line.</figcaption></figure>',
    "<dl><dt>Residual</dt><dd>How far a point lies from the line, measured upwards.</dd>"
    "<dt>Intercept</dt><dd>Where the line crosses the vertical axis.</dd></dl>",
    "<p>TeX the converter could not read stays visible as code:</p>"
    '<pre><code class="tex">\\begin{tikzcd} A \\arrow[r] &amp; B \\end{tikzcd}</code></pre>',
]

# MathML joins the page unsanitized (see the module docstring).
MATHS_PARTS = [
    f"<p>The line is {LINE_FIT}, with <math><mi>a</mi></math> its intercept.</p>",
    '<h2 id="squared-error">The error</h2>',
    SQUARED_ERROR,
    "<p>A model with many inputs weighs each one:</p>",
    WIDE_EQUATION,
    '<div class="admonition challenge"><p class="admonition-title">Challenge 2</p>'
    f"<p>Why is the error squared in</p>{SQUARED_ERROR}</div>",
]


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


def every_construct_html(figure_path: str) -> str:
    """The page's HTML: sanitized contract HTML, then the maths as written."""
    sanitized = [
        sanitize_html(part.replace("media/FIGURE", figure_path)) for part in SANITIZED_PARTS
    ]
    return "\n".join([*sanitized, *MATHS_PARTS])


def every_construct_course(folder: Path, *, language: str = "en") -> tuple[Course, Page]:
    """A course in ``folder`` with one module: the every-construct page, then a short one."""
    course = Course(
        title="Fitting lines",
        language=language,
        authors=[Person(name="Ada Example")],
        licence=LicenceId.CC_BY_4_0,
    )
    create_course(folder, course)
    figure = add_asset_bytes(folder, png_bytes(), "fitted-line.png")
    page = Page(
        id="page-0e0e0e0e0e0e",
        title="Fitting a line",
        source=add_asset_bytes(folder, b"# Fitting a line\n", "fitting.md"),
        html=every_construct_html(figure.path),
        images=[figure],
        description="Fit a straight line to measurements and read its slope.",
        authors=[Person(name="Grace Example", affiliation="Example University")],
        objectives=["Fit a line with numpy.polyfit", "Explain what the slope <b>means</b>"],
        questions=["How do I fit a line to data?"],
        keypoints=["A line has an intercept and a slope", "Residuals show what the line misses"],
        instructor_notes=[f"<p>{INSTRUCTOR_NOTE}</p>"],
    )
    plotting = Page(
        id="page-0f0f0f0f0f0f",
        title="Plotting",
        source=add_asset_bytes(folder, b"# Plotting\n", "plotting.md"),
        html='<h1 id="plotting">Plotting</h1>\n<p id="axes">Label both axes.</p>',
    )
    course.modules.append(Module(title="Lines", items=[page, plotting]))
    return course, page
