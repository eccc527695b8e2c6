"""The preview's HTML for Qt's rich-text engine: asides as framed tables, notes labelled."""

from __future__ import annotations

from moocstudio.app.editors.page_preview import FOLDED_MARK, preview_html, qt_html


def test_asides_become_tables_with_their_tone() -> None:
    html = (
        '<div class="admonition challenge"><p class="admonition-title">Défi</p>'
        '<p>a &amp; b &#233;</p><details class="admonition solution" open="">'
        '<summary class="admonition-title">Solution</summary><p>x</p></details></div>'
        '<div class="columns"><div class="admonition keypoints"><img src="a.png"><br/></div></div>'
    )
    assert qt_html(html) == (
        '<table class="aside exercise" width="100%" cellspacing="0" cellpadding="6" border="1">'
        '<tr><td><p class="admonition-title">Défi</p><p>a &amp; b &#233;</p>'
        '<table class="aside tip" width="100%" cellspacing="0" cellpadding="6" border="1">'
        f'<tr><td><p class="admonition-title">{FOLDED_MARK}Solution</p><p>x</p>'
        "</td></tr></table></td></tr></table>"
        '<div class="columns">'
        '<table class="aside goal" width="100%" cellspacing="0" cellpadding="6" border="1">'
        '<tr><td><img src="a.png"><br/></td></tr></table></div>'
    )


def test_unclosed_asides_are_closed_at_the_end() -> None:
    assert qt_html('<div class="admonition mystery"><p>x') == (
        '<table class="aside info" width="100%" cellspacing="0" cellpadding="6" border="1">'
        "<tr><td><p>x</td></tr></table>"
    )


def test_instructor_notes_follow_under_their_label() -> None:
    note = '<div class="admonition instructor"><p>Live <b>demo</b></p></div>'
    html = preview_html("<p>Page</p>", [note], "Not for <learners>")
    assert html.startswith("<p>Page</p>\n<hr/>")
    assert '<p class="not-for-learners">Not for &lt;learners&gt;</p>' in html
    assert html.endswith("<tr><td><p>Live <b>demo</b></p></td></tr></table>")
    assert preview_html("<p>Page</p>", [], "label") == "<p>Page</p>"
