"""TeX maths in markdown pages: found as lessons write it, rendered as MathML, never guessed."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from pymdownx import arithmatex

from moocstudio.importers.maths import (
    MAX_INLINE_TEX,
    TexConverter,
    UnreadableTex,
    bounded,
    maths_as_tex,
)
from moocstudio.importers.pages import RenderedMarkdown, import_page, render_markdown


def render(tmp_path: Path, text: str, name: str = "lesson.md") -> RenderedMarkdown:
    return render_markdown(text, folder=tmp_path / "course", page_file=tmp_path / name)


def maths_of(page_html: str) -> list[str]:
    """The TeX of every <math> element, in page order (from its alttext)."""
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    return [str(m.get("alttext")) for m in root.iter("math")]


def displays_of(page_html: str) -> list[str]:
    """The TeX of every display equation, checked to have the contract's shape."""
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    found = []
    for math in root.iter("math"):
        if math.get("display") == "block":
            wrapper = math.getparent()
            assert wrapper is not None and wrapper.tag == "div", page_html
            assert wrapper.get("class") == "math-display"
            assert len(wrapper) == 1  # the display alone, nothing else in its box
            found.append(str(math.get("alttext")))
    return found


def test_every_delimiter_gives_mathml_with_its_tex_kept(tmp_path: Path) -> None:
    text = (
        "A line $f(x) = a + b \\times x$ and \\( y = W x \\) inline.\n\n"
        "$$\n\\frac{1}{n}\\sum_{i=1}^n x_i\n$$\n\n"
        "\\[\n\\sqrt{x^2 + y^2}\n\\]\n\n"
        "\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n"
    )
    rendered = render(tmp_path, text)
    assert rendered.warnings == []
    assert maths_of(rendered.html) == [
        "f(x) = a + b \\times x",
        "y = W x",
        "\\frac{1}{n}\\sum_{i=1}^n x_i",
        "\\sqrt{x^2 + y^2}",
        "\\begin{align} a &= b \\\\ c &= d \\end{align}",
    ]
    assert displays_of(rendered.html) == maths_of(rendered.html)[2:]
    inline = re.findall(r"<p>.*?</p>", rendered.html, re.DOTALL)[0]
    assert "<math alttext=" in inline and 'display="block"' not in inline
    for element in ("mfrac", "munderover", "msqrt", "msup", "mtable"):
        assert f"<{element}" in rendered.html, element
    assert "$" not in rendered.html and "\\(" not in rendered.html


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Use `$x$` and `echo $HOME`.", ["$x$", "$HOME"]),
        ("```bash\necho $PATH $x$\n```\n", ["$PATH $x$"]),
        ("    $$ indented code $$\n", ["$$ indented code $$"]),
        ("$ conda install numpy\n$ python -c 'import numpy'\n", ["$ conda install numpy"]),
        ("Text.\n\n$ ls -l $HOME\n", ["$ ls -l $HOME"]),
        ("It costs 5 $ and 10 $ each.", ["5 $ and 10 $"]),
        ("Between $5 and $10 a month.", ["$5 and $10"]),
        ("It costs $3.50, or $4.", ["$3.50, or $4."]),
        ("From $5/$10 plans.", ["$5/$10"]),
        ("Escaped \\$x\\$ stays text.", ["$x$"]),
        ("Dollars $ 5 $ spaced.", ["$ 5 $"]),
        ("See [the docs](https://example.org/a$b$c).", ['href="https://example.org/a$b$c"']),
        ('<abbr title="$x$ or $$y$$">T</abbr>', ['title="$x$ or $$y$$"']),
    ],
)
def test_dollars_that_are_not_maths_stay_text(tmp_path: Path, text: str, kept: list[str]) -> None:
    rendered = render(tmp_path, text)
    assert "<math" not in rendered.html
    for piece in kept:
        assert piece.replace("'", "&#x27;") in rendered.html.replace("'", "&#x27;"), piece
    assert rendered.warnings == []


def test_display_maths_under_a_sentence_gets_its_own_block(tmp_path: Path) -> None:
    # Carpentries and Jupyter Book lessons write the display right under the sentence.
    text = "The mean is\n$$\n\\bar x = \\frac{1}{n}\\sum x_i\n$$\nwhere $n$ is the count.\n"
    rendered = render(tmp_path, text)
    assert displays_of(rendered.html) == ["\\bar x = \\frac{1}{n}\\sum x_i"]
    assert "<p>The mean is</p>" in rendered.html
    assert re.search(r"<p>where <math alttext=\"n\">.*</math> is the count.</p>", rendered.html)


def test_kramdown_double_dollars_in_a_line_are_inline(tmp_path: Path) -> None:
    # kramdown (Jekyll lessons) has one delimiter: $$ in a line is inline, alone it is display.
    text = "The slope $$ m $$ and intercept $$c$$ of a line.\n\n$$ y = m x + c $$\n"
    rendered = render(tmp_path, text)
    assert maths_of(rendered.html) == ["m", "c", "y = m x + c"]
    assert displays_of(rendered.html) == ["y = m x + c"]
    assert "$" not in rendered.html


@pytest.mark.parametrize(
    ("tex", "element"),
    [
        ("\\frac{a}{b}", "mfrac"),
        ("\\sqrt{x}", "msqrt"),
        ("x_i^2", "msubsup"),
        ("\\alpha + \\beta = \\Gamma", "α"),
        ("\\sum_{i=1}^{n} x_i", "munderover"),
        ("\\int_0^1 f(x)\\,dx", "msubsup"),
        ("\\mathbf{x}", "𝐱"),
        ("\\mathrm{d}x", 'mathvariant="normal"'),
        ("\\left( \\frac{a}{b} \\right)", "mfrac"),
        ("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "mtable"),
        ("\\begin{bmatrix} a \\\\ b \\end{bmatrix}", "mtable"),
        ("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", "mtable"),
        ("\\begin{align} a &= b \\end{align}", "mtable"),
        ("\\begin{split} a &= b \\\\ &= c \\end{split}", "mtable"),
        ("\\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}", "mtable"),
        ("\\text{if } x > 0", "mtext"),
        ("\\mbox{if } x > 0", "mtext"),
        ("\\hat{y} + \\bar{x}", "mover"),
        ("a \\times b \\cdot c \\leq d", "×"),
        ("\\lim_{x \\to 0} \\frac{\\sin x}{x}", "munder"),
        ("\\mathbb{R}^n", "ℝ"),
        ("\\binom{n}{k}", "mfrac"),
    ],
)
def test_common_lesson_tex_converts(tmp_path: Path, tex: str, element: str) -> None:
    rendered = render(tmp_path, f"Inline ${tex}$.\n\n$$\n{tex}\n$$\n")
    assert rendered.warnings == []
    assert len(maths_of(rendered.html)) == 2
    assert rendered.html.count(element) >= 2, rendered.html


def test_unreadable_tex_stays_code_with_a_warning_naming_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "src" / "chemistry.md"
    source.parent.mkdir()
    source.write_text(
        "# Water\n\nFine $x^2$ here.\n\nThe molecule $\\ce{H2O}$ is small.\n\n"
        "$$\n\\frac{a}{\n$$\n\nMore text.\n",
        encoding="utf-8",
    )
    result = import_page(tmp_path / "course", source)
    page_html = result.item.html
    assert '<code class="tex">\\ce{H2O}</code>' in page_html
    assert '<pre><code class="tex">\\frac{a}{</code></pre>' in page_html
    assert maths_of(page_html) == ["x^2"]
    assert result.warnings == [
        f'{source}, line 5: maths “\\ce{{H2O}}” cannot be converted (Unknown command "\\ce"); '
        "it is shown as TeX code.",
        f"{source}, line 8: maths “\\frac{{a}}{{” cannot be converted "
        '(Expected closing token "}", but reached end of input); it is shown as TeX code.',
    ]
    assert "More text." in page_html  # the rest of the page is still there


def test_the_same_unreadable_formula_twice_names_both_lines(tmp_path: Path) -> None:
    rendered = render(tmp_path, "One $\\foo$.\n\nTwo $\\foo$.\n")
    assert [w.split(":")[0] for w in rendered.warnings] == [
        f"{tmp_path / 'lesson.md'}, line 1",
        f"{tmp_path / 'lesson.md'}, line 3",
    ]


def test_maths_in_a_heading_gives_a_plain_title(tmp_path: Path) -> None:
    source = tmp_path / "model.md"
    source.write_text("# The $\\alpha$ parameter\n\nText.\n", encoding="utf-8")
    page = import_page(tmp_path / "course", source).item
    assert page.title == "The α parameter"
    assert "<h1" in page.html and "<math" in page.html


def test_macros_a_page_defines_last_to_its_end_only(tmp_path: Path) -> None:
    first = render(tmp_path, "$$\\newcommand{\\RR}{\\mathbb{R}}$$\n\nIn $\\RR^n$.\n")
    assert first.warnings == []
    assert "ℝ" in first.html
    second = render(tmp_path, "In $\\RR^n$.\n", name="other.md")
    assert len(second.warnings) == 1 and 'Unknown command "\\RR"' in second.warnings[0]


def test_tex_with_markup_characters_is_escaped_in_alttext(tmp_path: Path) -> None:
    rendered = render(tmp_path, 'If $a < b \\text{ and "c"} \\& d$ then.\n')
    root = lxml.html.fragment_fromstring(rendered.html, create_parent="div")
    (math,) = root.iter("math")
    assert math.get("alttext") == 'a < b \\text{ and "c"} \\& d'
    assert "<b " not in rendered.html


def test_jupyter_book_and_quarto_equation_labels_are_not_shown(tmp_path: Path) -> None:
    text = "$$\nE = mc^2\n$$ (energy)\n\n$$\nF = ma\n$$ {#eq-newton}\n\nSee above.\n"
    rendered = render(tmp_path, text)
    assert displays_of(rendered.html) == ["E = mc^2", "F = ma"]
    assert "(energy)" not in rendered.html and "{#" not in rendered.html
    # The label names the display, so a link to it (#energy) lands there.
    assert '<div class="math-display" id="energy">' in rendered.html
    assert '<div class="math-display" id="eq-newton">' in rendered.html


def test_split_is_read_as_aligned_and_only_as_an_environment() -> None:
    converter = TexConverter()
    mathml = converter.to_mathml("\\begin{split} a &= b \\text{split} \\end{split}", display=True)
    assert "<mtable" in mathml and "split" in mathml and "aligned" not in mathml


def test_converter_refuses_what_it_cannot_read() -> None:
    converter = TexConverter()
    with pytest.raises(UnreadableTex, match=r'Unknown environment "alignat"'):
        converter.to_mathml("\\begin{alignat}{2} a &= b \\end{alignat}", display=True)
    assert converter.to_mathml("x", display=True).startswith('<math alttext="x" display="block"')


def test_maths_as_tex_shows_the_source_where_mathml_cannot_be_drawn(tmp_path: Path) -> None:
    rendered = render(tmp_path, "Area $\\pi r^2$ of a circle.\n\n$$a < b$$\n")
    shown = maths_as_tex(rendered.html)
    assert "<math" not in shown
    assert '<code class="tex">\\pi r^2</code>' in shown
    assert '<code class="tex">a &lt; b</code>' in shown


@pytest.mark.parametrize(
    "pattern", [arithmatex.RE_SMART_DOLLAR_INLINE, arithmatex.RE_BRACKET_INLINE]
)
def test_inline_formulas_have_a_length_bound(pattern: str) -> None:
    # Unbounded, each unclosed "\\(" looks to the paragraph's end: quadratic in its length.
    assert f"{{1,{MAX_INLINE_TEX}}}?" in bounded(pattern)
    assert "+?)" not in bounded(pattern)


def test_a_formula_longer_than_the_bound_stays_text(tmp_path: Path) -> None:
    long_tex = "+".join(["x"] * (MAX_INLINE_TEX // 2 + 1))
    rendered = render(tmp_path, f"Short $a$ and long ${long_tex}$.\n")
    assert maths_of(rendered.html) == ["a"]
