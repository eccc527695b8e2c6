from __future__ import annotations

import pytest

from moocstudio.importers.inline_syntax import InlineReport, remove_liquid, rewrite_inline


@pytest.mark.parametrize(
    ("line", "rewritten"),
    [
        ("no braces at all", "no braces at all"),
        ("See {ref}`the intro <intro>`.", "See the intro."),
        ("See {ref}`intro`.", "See intro."),
        ("{doc}`../setup`", "../setup"),
        ("{numref}`Figure %s <fig-x>`", "Figure"),
        ("{term}`API`, {download}`data <data.csv>`, {eq}`eq-fit`", "API, data, eq-fit"),
        ("{math}`x^2`", "$x^2$"),
        ("H{sub}`2`O and E=mc{sup}`2`", "H<sub>2</sub>O and E=mc<sup>2</sup>"),
        ("{kbd}`Ctrl+<C>`", "<kbd>Ctrl+&lt;C&gt;</kbd>"),
        (
            "{abbr}`MOOC (massive open online course)`",
            '<abbr title="massive open online course">MOOC</abbr>',
        ),
        ("{code}`x = {1}`", "`x = {1}`"),
        ("{py:func}`~numpy.sum`", "numpy.sum"),
        ("Code `{ref}` and `{{ x }}` stays", "Code `{ref}` and `{{ x }}` stays"),
        ("``{math}`x` inside``", "``{math}`x` inside``"),
        ("TeX $\\frac{{a}}{b}$ stays", "TeX $\\frac{{a}}{b}$ stays"),
        ("[small caps]{.smallcaps}", '<span class="smallcaps">small caps</span>'),
        ("[x]{#anchor .a .b}", '<span id="anchor" class="a b">x</span>'),
        ("![A](a.png){width=50% #fig:a}", '![A](a.png){: #fig:a width="50%"}'),
        ("[site](https://x.org){target=_blank}", "[site](https://x.org)"),
        ("![Fig]({{ page.root }}/fig/x.png)", "![Fig](/fig/x.png)"),
        ("{% include links.md %}", ""),
        ("{{< video https://example.org/v.mp4 >}}", ""),
    ],
)
def test_rewrite(line: str, rewritten: str) -> None:
    assert rewrite_inline(line, 1, InlineReport()) == rewritten


def test_liquid_and_bad_attributes_are_reported_with_lines() -> None:
    report = InlineReport()
    rewrite_inline("a {{ site.baseurl }}/x and {% raw %}", 7, report)
    rewrite_inline("![A](a.png){alt='oops}", 9, report)
    assert report.liquid == [(7, "{{ site.baseurl }}"), (7, "{% raw %}")]
    assert report.bad_attributes == [(9, "{alt='oops}", "the quote after alt= is not closed")]


def test_remove_liquid_leaves_roles_alone() -> None:
    report = InlineReport()
    assert remove_liquid("{note} {{ page.root }}/x.png", 3, report) == "{note} /x.png"
    assert remove_liquid("{ref}`x`", 3, report) == "{ref}`x`"
    assert report.liquid == [(3, "{{ page.root }}")]
