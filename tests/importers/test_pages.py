from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from moocstudio.errors import ImportFailed
from moocstudio.importers.pages import import_page, sanitize_html
from moocstudio.model.store import asset_path

HOSTILE = """# Sécurité <em>d'abord</em>

<script>alert('x')</script>
<img src="pic.png" onerror="alert(1)">
<a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:alert(2)">b</a>
<a href="data:text/html;base64,PHNjcmlwdD4=">c</a>
<div onclick="steal()" style="position:fixed;top:0">overlay</div>
<iframe src="https://evil.example"></iframe>
<svg><script>alert(3)</script></svg>
<form action="https://evil.example"><input name="p"></form>
<style>body{display:none}</style>
[ok](https://example.org) [mail](mailto:a@b.org)
"""


@pytest.fixture
def page_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    (folder / "images").mkdir(parents=True)
    Image.new("RGB", (40, 20), "teal").save(folder / "images" / "schéma 1.png")
    Image.new("RGB", (8, 8), "red").save(folder / "pic.png")
    return folder


def test_title_comes_from_the_first_heading(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "intro.md"
    source.write_text("Intro text\n\n## Les *licences* &amp; vous\n\n# Later\n", encoding="utf-8")
    page = import_page(tmp_path / "course", source).item
    assert page.title == "Les licences & vous"


def test_title_falls_back_to_the_file_name(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "week_2-reading.md"
    source.write_text("no heading here", encoding="utf-8")
    assert import_page(tmp_path / "course", source).item.title == "Week 2 reading"


def test_extensions_render_tables_code_toc_and_admonitions(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "p.md"
    source.write_text(
        "# T\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```python\nprint('<x>')\n```\n\n"
        '!!! note "Titre"\n    Contenu\n\n## Deux\n',
        encoding="utf-8",
    )
    html = import_page(tmp_path / "course", source).item.html
    assert '<th style="text-align:left">a</th>' in html
    assert "<code class=\"language-python\">print('&lt;x&gt;')" in html
    assert '<div class="admonition note">' in html
    assert '<h2 id="deux">Deux</h2>' in html


def test_hostile_html_is_sanitized(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "hostile.md"
    source.write_text(HOSTILE, encoding="utf-8")
    html = import_page(tmp_path / "course", source).item.html.lower()
    for forbidden in (
        "<script",
        "alert(",
        "onerror",
        "onclick",
        "javascript:",
        "data:text",
        "<iframe",
        "<form",
        "<input",
        "<style",
        "position:fixed",
        "<svg",
    ):
        assert forbidden not in html, forbidden
    assert 'href="https://example.org"' in html
    assert 'href="mailto:a@b.org"' in html
    assert "overlay" in html  # the words stay, the behaviour goes


def test_relative_images_are_copied_and_links_rewritten(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "p.md"
    source.write_text(
        "# T\n\n![Schéma](images/sch%C3%A9ma%201.png)\n\n![again](images/schéma 1.png)\n"
        '<img src="pic.png" alt="raw html">\n',
        encoding="utf-8",
    )
    course = tmp_path / "course"
    result = import_page(course, source)
    page = result.item
    assert result.warnings == []
    assert len(page.images) == 2
    for image in page.images:
        assert f'src="{image.path}"' in page.html
        assert asset_path(course, image).is_file()
    with Image.open(asset_path(course, page.images[0])) as copied:
        assert copied.size == (40, 20)
    assert asset_path(course, page.source).read_text(encoding="utf-8") == source.read_text(
        encoding="utf-8"
    )


def test_missing_and_unsafe_images_are_reported_not_fatal(tmp_path: Path, page_dir: Path) -> None:
    (page_dir / "notes.txt").write_text("secret", encoding="utf-8")
    source = page_dir / "p.md"
    source.write_text(
        "# T\n\n![gone](images/missing.png) ![abs](/etc/passwd) ![txt](notes.txt) "
        "![web](https://example.org/x.png) ![file](file:///etc/passwd)\n",
        encoding="utf-8",
    )
    result = import_page(tmp_path / "course", source)
    warnings = "\n".join(result.warnings)
    assert "images/missing.png was not found" in warnings
    # A site-root path is looked up inside the lesson only, never at the disk's root.
    assert f"image /etc/passwd was not found in {page_dir.resolve()}" in warnings
    assert "notes.txt is not an image" in warnings
    assert "https://example.org/x.png is on the web" in warnings
    assert all(str(source) in w for w in result.warnings)
    assert result.item.images == []
    assert "secret" not in result.item.html
    assert "file:" not in result.item.html  # nh3 drops non-web schemes before our filter sees them
    assert 'alt="gone"' in result.item.html  # the author's words survive


def test_non_utf8_markdown_is_a_clear_error(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "latin1.md"
    source.write_bytes("# Été".encode("latin-1"))
    with pytest.raises(ImportFailed, match=r"latin1\.md: is not UTF-8 text"):
        import_page(tmp_path / "course", source)


def test_utf8_bom_is_accepted(tmp_path: Path, page_dir: Path) -> None:
    source = page_dir / "bom.md"
    source.write_bytes("\ufeff# Été".encode())
    assert import_page(tmp_path / "course", source).item.title == "Été"


def test_sanitize_keeps_safe_structure() -> None:
    html = sanitize_html('<p class="x" id="y" onmouseover="z">t<sup>2</sup></p>')
    assert html == '<p class="x" id="y">t<sup>2</sup></p>'


def test_myst_embeds_and_videos_in_image_syntax_get_warnings_that_say_what_they_are(
    tmp_path: Path, page_dir: Path, make_clip
) -> None:
    # Both as Jupyter Book's own docs write them: ![](#label) embeds, ![](media/demo.mp4) plays.
    make_clip("media/demo.mp4", seconds=0.5)
    (page_dir / "media").mkdir()
    (tmp_path / "media" / "demo.mp4").rename(page_dir / "media" / "demo.mp4")
    source = page_dir / "p.md"
    source.write_text(
        "# T\n\n![](#lookout-for-tutorial)\n\n![](media/demo.mp4)\n", encoding="utf-8"
    )
    result = import_page(tmp_path / "course", source)
    assert result.warnings == [
        f"{source}: #lookout-for-tutorial embeds a labelled part of another page (MyST); it "
        "cannot be shown here, copy that part into the page; left out.",
        f"{source}: image media/demo.mp4 is a video or sound recording; add it to the course "
        "as a video item; left out.",
    ]
    assert result.item.images == []
