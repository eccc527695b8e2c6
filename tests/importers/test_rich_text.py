"""Quiz text is rendered and sanitized like a page, in each of GIFT's formats."""

from __future__ import annotations

from pathlib import Path

from moocstudio.importers.rich_text import render_rich_text


def test_one_markdown_paragraph_reads_inline_with_its_maths(tmp_path: Path) -> None:
    rendered = render_rich_text(
        "The *mean* of $x_i$", folder=tmp_path, base_file=tmp_path / "quiz.gift"
    )
    assert rendered.text.html.startswith("The <em>mean</em> of ")
    assert "<math" in rendered.text.html and "<p>" not in rendered.text.html
    assert rendered.text.source == "The *mean* of $x_i$"


def test_markdown_images_are_copied_into_the_course(tmp_path: Path, picture_png: bytes) -> None:
    (tmp_path / "lesson").mkdir()
    (tmp_path / "lesson" / "cell.png").write_bytes(picture_png)
    course = tmp_path / "course"
    course.mkdir()
    rendered = render_rich_text(
        "Which organelle?\n\n![A cell](cell.png)",
        folder=course,
        base_file=tmp_path / "lesson" / "quiz.md",
    )
    assert [image.original_name for image in rendered.images] == ["cell.png"]
    assert f'src="{rendered.images[0].path}"' in rendered.text.html
    assert (course / rendered.images[0].path).is_file()


def test_html_is_sanitized_and_its_image_sources_dropped(tmp_path: Path) -> None:
    rendered = render_rich_text(
        '<p onclick="x()">Hi <script>alert(1)</script><img src="../../etc/passwd"></p>',
        "html",
        folder=tmp_path,
        base_file=tmp_path / "q.gift",
    )
    assert "script" not in rendered.text.html and "onclick" not in rendered.text.html
    assert "passwd" not in rendered.text.html
    assert rendered.text.format == "html"


def test_plain_text_is_escaped(tmp_path: Path) -> None:
    rendered = render_rich_text(
        "a < b & c\nd", "plain", folder=tmp_path, base_file=tmp_path / "q.gift"
    )
    assert rendered.text.html == "a &lt; b &amp; c<br>d"
