"""The sanitizer keeps the MathML maths are written in, and nothing hostile that rides on it."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from moocstudio.importers.maths import TexConverter
from moocstudio.importers.pages import import_page, sanitize_html

# TeX for every construct math-core writes differently: fractions, roots, scripts, limits,
# fences, matrices, alignments, cases, arrays with rules, text, accents, colour, boxes,
# spacing, stretchy arrows, prescripts, operator names, equation numbers and references.
LESSON_TEX = [
    r"\frac{a}{b} + \dfrac12 + \tfrac{1}{2} + \binom{n}{k}",
    r"\sqrt{x} + \sqrt[3]{y}",
    r"x_i^2 + {}^{14}_{6}C",
    r"\sum_{i=1}^n x_i + \int_0^1 f\,dx + \prod\limits_i a_i",
    r"\mathbf{x} \mathrm{d} \mathit{y} \mathsf{A} \mathtt{B} \mathcal{L} \mathbb{R}",
    r"\left( \frac{a}{b} \right) \big( \Big[ x \Big] \big)",
    r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
    r"\begin{aligned} a &= b \\ &= c \end{aligned}",
    r"\begin{align} a &= b \label{eq:one} \end{align} \eqref{eq:one}",
    r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    r"\begin{array}{c|c} a & b \\ \hline c & d \end{array}",
    r"\text{if } x \hat{y} \bar{x} \vec{v} \overline{AB} \underbrace{x}_{n}",
    r"\color{red} x + \textcolor{blue}{y}",
    r"\boxed{x} + \cancel{y} + \phantom{z}",
    r"a \quad b \qquad c \hspace{1cm} d",
    r"\xrightarrow{f} \operatorname{argmin}_x \lim_{x \to 0}",
    r"\begin{multline} a \\ b \end{multline}",
]


def _shape(fragment: str) -> list[tuple[str, list[tuple[str, str]]]]:
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    return [(el.tag, sorted(el.attrib.items())) for el in root.iter() if el is not root]


def _without_style_spaces(
    shape: list[tuple[str, list[tuple[str, str]]]],
) -> list[tuple[str, list[tuple[str, str]]]]:
    def value(name: str, text: str) -> str:
        return text.replace(" ", "").rstrip(";") if name == "style" else text

    return [(tag, [(k, value(k, v)) for k, v in attrs]) for tag, attrs in shape]


@pytest.mark.parametrize("display", [False, True])
def test_every_element_and_attribute_the_converter_writes_is_kept(display: bool) -> None:
    converter = TexConverter()
    for tex in LESSON_TEX:
        mathml = converter.to_mathml(tex, display=display)
        before, after = _shape(mathml), _shape(sanitize_html(mathml))
        # nh3 rewrites style="a: b;" as "a:b": compare style declarations without spaces.
        # ...and adds rel="noopener noreferrer" to links (\eqref writes one to its equation).
        after = [(tag, [a for a in attrs if a[0] != "rel"]) for tag, attrs in after]
        assert _without_style_spaces(after) == _without_style_spaces(before), tex


HOSTILE_MATHML = """# Maths with teeth

<math><mi xlink:href="javascript:alert(1)" href="javascript:alert(2)">x</mi></math>
<math><maction actiontype="statusline"><mi>y</mi><mtext>status</mtext></maction></math>
<math><semantics><mi>z</mi><annotation-xml encoding="text/html"><script>alert(4)</script>
<img src="x" onerror="alert(5)"></annotation-xml></semantics></math>
<math onmouseover="alert(6)" display="block"><mo onclick="alert(7)">+</mo></math>
<math><mglyph src="https://evil.example/track.png"></mglyph><mi style="background:url(https://evil.example/x)">w</mi></math>
<math><mtext><table><mglyph><style><img src=x onerror=alert(8)></style></mglyph></table>
</mtext></math>
<math><mi><a href="javascript:alert(9)">link</a></mi></math>
"""


def test_hostile_mathml_is_cleaned(tmp_path: Path) -> None:
    source = tmp_path / "hostile.md"
    source.write_text(HOSTILE_MATHML, encoding="utf-8")
    page_html = import_page(tmp_path / "course", source).item.html
    lowered = page_html.lower()
    for forbidden in (
        "javascript:",
        "href=",
        "xlink",
        "maction",
        "actiontype",
        "annotation-xml",
        "<script",
        "alert(",
        "onerror",
        "onmouseover",
        "onclick",
        "mglyph",
        "evil.example",
        "background",
        "<style",
        "<img",
    ):
        assert forbidden not in lowered, forbidden
    # The maths themselves stay: the sanitizer drops the teeth, not the formula.
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    assert [m.text for m in root.iter("mi")] == ["x", "y", "z", "w", None]
    assert root.find(".//math[@display='block']/mo") is not None


def test_annotation_keeps_text_only() -> None:
    cleaned = sanitize_html(
        '<math><semantics><mi>x</mi><annotation encoding="application/x-tex">'
        "x<b>bold</b></annotation></semantics></math>"
    )
    assert '<annotation encoding="application/x-tex">x<b>bold</b></annotation>' not in cleaned
    assert '<annotation encoding="application/x-tex">' in cleaned
