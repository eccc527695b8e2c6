"""A page as learners read it: front-matter lists as asides, wide blocks in focusable boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from moocstudio.build import build_site
from moocstudio.build.labels import labels_for
from moocstudio.build.page_content import dead_links, inner_html, page_content, pages_by_key
from moocstudio.build.scroll_regions import make_scrollable
from moocstudio.model import Asset, Course, Module, Page, Person

EN = labels_for("en")
FR = labels_for("fr-CA")
SOURCE = Asset(path="media/abc-lesson.md", sha256="0" * 64, size=1, original_name="lesson.md")


def _page(html_text: str, **fields: object) -> Page:
    return Page(id="page-000000000001", title="Lesson", source=SOURCE, html=html_text, **fields)


def _content(page: Page, labels: object = EN) -> html.HtmlElement:
    return page_content(
        page,
        labels,  # type: ignore[arg-type]
        image_url=lambda image: f"IMG/{image.original_name}",
        page_url=lambda name, fragment: f"PAGE/{name}{fragment}" if name == "other.md" else None,
    )


def _boxes(root: html.HtmlElement) -> list[html.HtmlElement]:
    return root.xpath('//*[contains(concat(" ", @class, " "), " scroll ")]')


def test_front_matter_lists_become_asides_after_the_title_and_at_the_end() -> None:
    page = _page(
        '<h1 id="t">Lesson</h1>\n<p>Body.</p>',
        objectives=[
            "Fit a line with `numpy.polyfit`",
            "Read <b>slopes</b> & $R^2$<script>x</script>",
        ],
        questions=["How?"],
        keypoints=["Lines have slopes"],
    )
    root = _content(page)
    assert [(child.tag, child.get("class")) for child in root] == [
        ("h1", None),
        ("div", "admonition objectives"),
        ("div", "admonition questions"),
        ("p", None),
        ("div", "admonition keypoints"),
    ]
    objectives = root[1]
    assert objectives.find("p").get("class") == "admonition-title"
    assert objectives.find("p").text == "Learning objectives"
    # Inline markdown as authors write it in front matter, rendered and sanitized like a page.
    first, second = (inner_html(li) for li in objectives.iter("li"))
    assert first == "Fit a line with <code>numpy.polyfit</code>"
    assert second.startswith('Read <b>slopes</b> &amp; <math alttext="R^2">')
    assert "script" not in second
    assert root[4].find("p").text == "Key points"


def test_without_a_title_the_opening_asides_come_first_in_the_course_language() -> None:
    page = _page("Loose text <p>Body.</p>", questions=["Pourquoi ?"], keypoints=["Parce que."])
    root = _content(page, FR)
    assert root.text is None
    assert root[0].get("class") == "admonition questions"
    assert root[0].tail == "Loose text "
    assert root[0].find("p").text == "Questions"
    assert root[-1].find("p").text == "Points clés"


def test_a_page_without_lists_keeps_its_html() -> None:
    text = '<h1 id="t">Lesson</h1>\n<p>Body with <a href="https://example.org">a link</a>.</p>'
    assert inner_html(_content(_page(text))) == text


def test_instructor_notes_are_never_in_the_learner_content() -> None:
    page = _page("<p>Body.</p>", instructor_notes=["<p>SECRET NOTE</p>"], keypoints=["K"])
    assert "SECRET" not in inner_html(_content(page))


def test_images_and_links_to_course_pages_point_where_the_output_keeps_them() -> None:
    image = Asset(path="media/abc-fig.png", sha256="1" * 64, size=1, original_name="fig.png")
    page = _page(
        '<p><img src="media/abc-fig.png" alt="A figure"> <img src="media/unknown.png" alt="x">'
        ' <a href="other.md#part">next</a> <a href="./other.md">again</a>'
        ' <a href="elsewhere.md">not ours</a> <a href="#local">here</a></p>',
        images=[image],
    )
    root = _content(page)
    assert [img.get("src") for img in root.iter("img")] == ["IMG/fig.png", "media/unknown.png"]
    assert [a.get("href") for a in root.iter("a")] == [
        "PAGE/other.md#part",
        "PAGE/other.md",
        "#local",
    ]
    assert "not ours" in root.text_content()  # no page of the course: the words, not a dead link


def _lesson_page(lesson_path: str, body: str) -> Page:
    page = _page(body)
    page.source = page.source.model_copy(update={"original_name": lesson_path.rsplit("/", 1)[-1]})
    page.lesson_path = lesson_path
    return page


def test_links_between_folders_of_a_lesson_resolve_from_the_linking_page() -> None:
    # As Jupyter Book docs link: get-started/index.md -> ../build-and-publish/publish.md, while
    # get-started/publish.md also exists: the path decides, not the file name.
    linking = _lesson_page(
        "get-started/index.md",
        '<p><a href="../build-and-publish/publish.md#web">web</a> <a href="publish.md">here</a>'
        ' <a href="../data/table.csv">data</a> <a href="../missing.md">gone</a></p>',
    )
    published = _lesson_page("build-and-publish/publish.md", "<p>b</p>")
    started = _lesson_page("get-started/publish.md", "<p>g</p>")
    urls = pages_by_key([published, started], lambda page: f"PAGE-{page.lesson_path}")
    root = page_content(
        linking,
        EN,
        image_url=lambda image: "",
        page_url=lambda key, fragment: f"{urls[key]}{fragment}" if key in urls else None,
    )
    assert [a.get("href") for a in root.iter("a")] == [
        "PAGE-build-and-publish/publish.md#web",
        "PAGE-get-started/publish.md",
    ]
    assert "data" in root.text_content() and "gone" in root.text_content()
    assert [href for _, href in dead_links([linking, published, started])] == [
        "../data/table.csv",
        "../missing.md",
    ]


def test_an_image_on_the_web_becomes_a_link_to_it() -> None:
    page = _page(
        '<p>Badge <img src="https://img.shields.io/pypi/v/x.svg" alt="PyPI version"> and '
        '<img src="https://example.org/plot.png"> end.</p>'
    )
    root = _content(page)
    assert list(root.iter("img")) == []
    links = [(a.get("href"), a.text, a.tail) for a in root.iter("a")]
    assert links == [
        ("https://img.shields.io/pypi/v/x.svg", "PyPI version", " and "),
        ("https://example.org/plot.png", "An image on the web", " end."),
    ]


def test_code_tables_and_display_maths_get_named_focusable_boxes() -> None:
    root = html.fragment_fromstring(
        '<pre><code class="language-python">x = 1</code></pre> after code'
        "<pre><code>plain</code></pre>"
        "<table><tr><td>1</td></tr></table>"
        '<table id="t2"><caption>Results</caption><tr><td>2</td></tr></table>'
        '<div class="math-display"><math display="block"><mi>x</mi></math></div>'
        '<div class="other"><pre>nested</pre></div>',
        create_parent="div",
    )
    make_scrollable(root, EN)
    boxes = _boxes(root)
    assert [(box.get("role"), box.get("tabindex")) for box in boxes] == [("region", "0")] * 6
    assert [box.get("aria-label") for box in boxes] == [
        "Code 1, python",
        "Code 2",
        "Table 1",
        None,
        "Equation 1",
        "Code 3",
    ]
    # A caption names its table's box; the table itself keeps its own role (none added).
    caption = root.find(".//caption")
    assert boxes[3].get("aria-labelledby") == caption.get("id") == "table-caption-1"
    assert all(table.get("role") is None for table in root.iter("table"))
    # Each block sits inside its box where it stood, the text after it still after it; the
    # maths' own box scrolls, with no second box around it.
    assert boxes[0][0].tag == "pre" and boxes[0].tail == " after code"
    assert boxes[4].get("class") == "math-display scroll" and boxes[4][0].tag == "math"
    assert boxes[5].getparent().get("class") == "other"


def test_boxes_are_named_in_french_and_a_caption_id_never_clashes() -> None:
    root = html.fragment_fromstring(
        '<p id="table-caption-1">taken</p><table><caption>Mesures</caption></table>'
        "<table></table><pre><code>x</code></pre>"
        '<div class="math-display"><math display="block"><mi>x</mi></math></div>',
        create_parent="div",
    )
    make_scrollable(root, FR)
    boxes = _boxes(root)
    assert boxes[0].get("aria-labelledby") == "table-caption-2"
    assert root.find(".//caption").get("id") == "table-caption-2"
    assert [box.get("aria-label") for box in boxes[1:]] == ["Tableau 2", "Code 1", "Équation 1"]


def test_a_caption_that_already_has_an_id_keeps_it() -> None:
    root = html.fragment_fromstring(
        '<table><caption id="tbl-sites">Sites</caption></table>', create_parent="div"
    )
    make_scrollable(root, EN)
    assert _boxes(root)[0].get("aria-labelledby") == "tbl-sites"


def test_making_boxes_twice_changes_nothing() -> None:
    root = html.fragment_fromstring(
        "<pre><code>x</code></pre><table><tr><td>1</td></tr></table>"
        '<div class="math-display"><math display="block"><mi>x</mi></math></div>',
        create_parent="div",
    )
    make_scrollable(root, EN)
    once = inner_html(root)
    make_scrollable(root, EN)
    assert inner_html(root) == once


@pytest.mark.parametrize("language", ["en", "fr"])
def test_both_languages_have_every_label(language: str) -> None:
    assert set(labels_for(language)) == set(EN)


def test_the_site_page_shows_the_lists_boxes_description_and_authors(tmp_path: Path) -> None:
    page = _page(
        '<h1 id="t">Lesson</h1>\n<pre><code class="language-bash">ls</code></pre>',
        objectives=["Fit a line"],
        keypoints=["Lines have slopes"],
        description="Fit lines & read slopes.",
        authors=[Person(name="Grace Example", affiliation="Example University")],
        instructor_notes=["<p>SECRET NOTE</p>"],
    )
    course = Course(title="Course", language="fr", modules=[Module(title="M", items=[page])])
    course.authors = [Person(name="Ada Example")]
    site = build_site(tmp_path / "course", course, tmp_path / "site")
    built = (site.root / site.pages[page.id]).read_text(encoding="utf-8")
    article = built.partition('<article class="page">')[2].partition("</article>")[0]
    assert (
        article.index("<h1")
        < article.index("Objectifs d’apprentissage")
        < article.index('aria-label="Code 1, bash"')
        < article.index("Points clés")
    )
    assert article.count("<h1") == 1  # the page's own title, not a second one from the template
    assert '<meta name="description" content="Fit lines &amp; read slopes.">' in built
    footer = built.partition('<footer class="site-footer">')[2]
    assert '<p class="authors">Par Grace Example (Example University)</p>' in footer
    assert "SECRET" not in built
    home = (site.root / site.launch).read_text(encoding="utf-8")
    assert '<span class="item-description">Fit lines &amp; read slopes.</span>' in home
    assert '<p class="authors">Par Ada Example</p>' in home
