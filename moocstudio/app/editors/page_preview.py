"""The page preview's HTML: the site's page, in the subset Qt's rich-text engine draws.

QTextBrowser has no ``<details>`` and draws no border, padding or background on a ``<div>``, so
the asides of a page (``<div class="admonition KIND">``, ``<details class="admonition KIND">``)
are shown as one-cell tables, which it can frame and tint; a folded aside is shown open, its
title marked with ▸. Qt cannot lay out MathML either (a fraction's parts would run together):
each formula shows as its TeX, while the site and packages keep the MathML. The page's
instructor notes follow it, framed apart and labelled as never shown to learners. Colours are
translucent tints, so they read on light and dark palettes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from html.parser import HTMLParser

from moocstudio.importers.maths import maths_as_tex

_TONES = {
    **dict.fromkeys(("objectives", "questions", "keypoints"), "goal"),
    **dict.fromkeys(("tip", "hint", "solution"), "tip"),
    **dict.fromkeys(("warning", "caution"), "warning"),
    "challenge": "exercise",
    "instructor": "instructor",
}  # every other kind (note, callout, prereq, aside...) is "info"
_FRAME = (
    '<table class="aside {tone}" width="100%" cellspacing="0" cellpadding="6" border="1"><tr><td>'
)
_FRAME_END = "</td></tr></table>"
FOLDED_MARK = "▸ "

# Tints as rgba with alpha 0-255 (Qt's CSS): the palette's own base shows through.
PREVIEW_STYLESHEET = """
table.aside { margin-top: 6px; margin-bottom: 6px; border-style: solid; }
table.goal { background-color: rgba(46, 125, 50, 28); border-color: rgba(46, 125, 50, 150); }
table.info { background-color: rgba(21, 101, 192, 24); border-color: rgba(21, 101, 192, 150); }
table.tip { background-color: rgba(0, 137, 123, 28); border-color: rgba(0, 137, 123, 150); }
table.warning { background-color: rgba(230, 81, 0, 30); border-color: rgba(230, 81, 0, 170); }
table.exercise { background-color: rgba(106, 27, 154, 24); border-color: rgba(106, 27, 154, 150); }
table.instructor { border-style: dashed; border-color: rgba(128, 128, 128, 200); }
.admonition-title { font-weight: bold; margin-top: 0px; }
p.not-for-learners { font-weight: bold; margin-top: 18px; }
figcaption { font-style: italic; }
"""


class _QtAsides(HTMLParser):
    """Copies HTML through, turning asides into framed tables and summaries into titles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.closers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("div", "details"):
            if "admonition" in classes:
                kind = classes[1] if len(classes) > 1 else "aside"
                self.out.append(_FRAME.format(tone=_TONES.get(kind, "info")))
                self.closers.append(_FRAME_END)
            else:
                self.out.append(self.get_starttag_text() or "")
                self.closers.append(f"</{tag}>")
        elif tag == "summary":
            self.out.append(f'<p class="admonition-title">{FOLDED_MARK}')
        else:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "details"):
            self.out.append(self.closers.pop() if self.closers else "")
        elif tag == "summary":
            self.out.append("</p>")
        else:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def qt_html(fragment: str) -> str:
    """The same HTML with its asides and maths as Qt can draw them."""
    parser = _QtAsides()
    parser.feed(maths_as_tex(fragment))
    parser.close()
    return "".join(parser.out + parser.closers[::-1])


def preview_html(page_html: str, instructor_notes: Sequence[str], notes_label: str) -> str:
    """The preview of a page: its HTML, then its instructor notes under ``notes_label``."""
    parts = [qt_html(page_html)]
    if instructor_notes:
        parts.append(f'<hr/><p class="not-for-learners">{html.escape(notes_label)}</p>')
        parts += [qt_html(note) for note in instructor_notes]
    return "\n".join(parts)
