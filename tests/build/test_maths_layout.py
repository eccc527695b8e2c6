"""Display maths in the built site lay out as MathML in a real browser: no script, no font."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from moocstudio.build import build_site
from moocstudio.importers.pages import import_page
from moocstudio.model import Course

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Chromium and Playwright come with the chromium_browser fixture (tests/conftest.py), which
# skips, saying which is missing.
pytestmark = pytest.mark.slow

LESSON = r"""# Variance

The sample variance $s^2$ is

$$
s^2 = \frac{1}{n - 1} \sum_{i=1}^{n} \left( x_i - \bar{x} \right)^2
$$

for $n > 1$ observations.
"""

MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const display = document.querySelector('.math-display math[display="block"]');
  const frac = display.querySelector('mfrac');
  const numerator = frac.firstElementChild;
  const inline = document.querySelector('p math:not([display])');
  return {
    isMathML: display instanceof MathMLElement && inline instanceof MathMLElement,
    display: box(display), frac: box(frac), numerator: box(numerator), inline: box(inline),
    fontSize: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize),
    blockStyle: getComputedStyle(display).display,
    scripts: document.querySelectorAll('main script').length,
  };
}"""


def test_a_display_equation_lays_out_as_mathml(chromium_browser: Browser, tmp_path: Path) -> None:
    source = tmp_path / "variance.md"
    source.write_text(LESSON, encoding="utf-8")
    folder = tmp_path / "course"
    page = import_page(folder, source).item
    course = Course(title="Statistics")
    course.add_item(page)
    tree = build_site(folder, course, tmp_path / "site")
    tab = chromium_browser.new_page(viewport={"width": 390, "height": 844})
    try:
        tab.goto((tree.root / tree.pages[page.id]).as_uri(), wait_until="load")
        found = tab.evaluate(MEASURE)
    finally:
        tab.close()
    assert found["isMathML"]
    assert found["scripts"] == 0  # laid out by the browser itself, no MathJax
    assert found["blockStyle"] == "block math"
    display_width, display_height = found["display"]
    assert display_width > 100 and display_height > 0
    # A fraction stacks numerator over denominator: taller than the text's em and than its
    # numerator alone (a browser without MathML would run them along one line).
    frac_height = found["frac"][1]
    assert frac_height > 1.5 * found["fontSize"]
    assert frac_height > 1.8 * found["numerator"][1]
    assert found["inline"][0] > 0 and found["inline"][1] > 0
