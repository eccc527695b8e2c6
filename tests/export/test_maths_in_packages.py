"""A page's MathML reaches every output intact: the site, SCORM 1.2 and 2004, IMS CC and OLX."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

import lxml.html
import pytest

from moocstudio.build import build_site
from moocstudio.export.formats import export_course
from moocstudio.importers.pages import import_page
from moocstudio.model import Course, Page

LESSON = r"""# Linear regression

A line is $f(x) = a + b \times x$, fitted by least squares:

$$
\hat{\beta} = \left( X^\top X \right)^{-1} X^\top y
$$

and the residuals \(e_i = y_i - \hat{y}_i\) sum to zero:

\[
\begin{aligned}
\sum_{i=1}^{n} e_i &= 0 \\
\frac{1}{n}\sum_{i=1}^{n} e_i^2 &\leq \sigma^2
\end{aligned}
\]
"""

Shape = list[tuple[str, tuple[tuple[str, str], ...], str]]


def maths_shape(page_html: str) -> Shape:
    """Every element inside every <math>, with its attributes and text, in document order."""
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    return [
        (element.tag, tuple(sorted(element.attrib.items())), (element.text or "").strip())
        for math in root.iter("math")
        for element in math.iter()
    ]


@pytest.fixture(scope="module")
def course_with_maths(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Course, Page]:
    base = tmp_path_factory.mktemp("maths")
    source = base / "regression.md"
    source.write_text(LESSON, encoding="utf-8")
    folder = base / "course"
    result = import_page(folder, source)
    assert result.warnings == []
    course = Course(title="Statistics")
    course.add_item(result.item, "Week 1")
    return folder, course, result.item


def test_the_page_holds_inline_and_display_mathml(
    course_with_maths: tuple[Path, Course, Page],
) -> None:
    _folder, _course, page = course_with_maths
    root = lxml.html.fragment_fromstring(page.html, create_parent="div")
    maths = list(root.iter("math"))
    assert [m.get("display") for m in maths] == [None, "block", None, "block"]
    assert all(m.get("alttext") for m in maths)
    assert len(root.find_class("math-display")) == 2
    assert len(maths_shape(page.html)) > 40  # the comparisons below compare real content


def test_the_site_page_carries_the_same_mathml(
    course_with_maths: tuple[Path, Course, Page], tmp_path: Path
) -> None:
    folder, course, page = course_with_maths
    tree = build_site(folder, course, tmp_path / "site")
    built = (tree.root / tree.pages[page.id]).read_text(encoding="utf-8")
    assert maths_shape(built) == maths_shape(page.html)
    assert "<script" not in built.split("<main", 1)[1].split("</main>", 1)[0]


def _page_in_zip(package: Path, page: Page) -> str:
    with zipfile.ZipFile(package) as archive:
        names = [n for n in archive.namelist() if n.endswith(f"{page.id}.html")]
        assert len(names) == 1, archive.namelist()
        return archive.read(names[0]).decode("utf-8")


@pytest.mark.parametrize("fmt", ["site", "scorm12", "scorm2004", "imscc", "imscc11"])
def test_zipped_packages_carry_the_same_mathml(
    course_with_maths: tuple[Path, Course, Page], tmp_path: Path, fmt: str
) -> None:
    folder, course, page = course_with_maths
    (result,) = export_course(folder, course, tmp_path, (fmt,))
    assert maths_shape(_page_in_zip(result.path, page)) == maths_shape(page.html)


def test_the_olx_html_component_carries_the_same_mathml(
    course_with_maths: tuple[Path, Course, Page], tmp_path: Path
) -> None:
    folder, course, page = course_with_maths
    (result,) = export_course(folder, course, tmp_path, ("olx",))
    with tarfile.open(result.path) as archive:
        bodies = [
            archive.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.name.startswith("course/html/") and member.name.endswith(".html")
        ]
    (component,) = [body for body in bodies if "Linear regression" in body or "<math" in body]
    assert maths_shape(component) == maths_shape(page.html)
    root = lxml.html.fragment_fromstring(component, create_parent="div")
    assert len(root.find_class("math-display")) == 2  # the build may add classes of its own
