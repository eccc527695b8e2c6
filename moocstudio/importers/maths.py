r"""TeX maths in markdown pages, rendered as MathML: offline, no script, no web font.

The delimiters are found by pymdown-extensions' Arithmatex (``$…$`` with its "smart dollar"
rules, ``\(…\)``, ``$$…$$``, ``\[…\]`` and ``\begin{env}…\end{env}`` blocks); this module only
replaces its output (a MathJax script) with MathML from math-core, which writes MathML Core, the
subset browsers lay out natively. Two rules are added for text as lessons are written:

* Pandoc's rule that a closing ``$`` is not followed by a digit, so ``$5/$10`` stays prices.
* Display maths on lines of its own inside a paragraph (``text⏎$$⏎x⏎$$⏎text``) becomes its own
  block, and ``$$…$$`` inside a line is inline maths, as kramdown (Jekyll lessons) reads it.

Each formula keeps its TeX in ``alttext``, for screen readers and for viewers that cannot draw
MathML. (No ``<annotation>``: its text would run into the formula's wherever a page is read as
plain text, such as a heading that becomes the page title.) TeX the converter cannot read stays
visible as code, and a warning names the file and line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from math_core import LatexError, LatexToMathML
from pymdownx import arithmatex
from pymdownx import util as pymdownx_util

# Arithmatex's registration priorities, so ours sit exactly where its own would.
_INLINE_PRIORITY = 189.9  # after code spans (190), before backslash escapes (180)
_BLOCK_PRIORITY = 79.9  # after indented code (80), before headings and paragraphs
_DOUBLE_DOLLAR_PRIORITY = 189.95  # "$$x$$" in a line before "$x$" takes its inner "$x$"
_SEPARATE_PRIORITY = 15  # after fenced code (25) and raw HTML blocks (20) are stashed away

# An inline formula is at most this long. Arithmatex's patterns look as far as the paragraph
# goes for a closing delimiter; bounded, a paragraph of unclosed "\(" costs linear time, not
# quadratic (20,000 of them took 80 s unbounded).
MAX_INLINE_TEX = 2000
# kramdown's inline "$$…$$": no "$" inside, not escaped, not part of a longer run of dollars.
_DOUBLE_DOLLAR_INLINE = rf"(?<![\\$])\$\$(?!\$)((?:\\.|[^\\$]){{1,{MAX_INLINE_TEX}}}?)\$\$(?!\$)"

# Aliases for TeX that MathJax and KaTeX read and math-core names differently. An environment
# alias is a plain text swap: "split" lays out as "aligned" inside a display.
_MACROS = {"mbox": r"\text{#1}"}
_ENVIRONMENT_ALIASES = {"split": "aligned"}
_ERROR_OFFSET = re.compile(r"^\d+:\s*")
# A label after a display's closing "$$": MyST "$$ (name)", Pandoc and Quarto "$$ {#eq-name}".
_LABEL_AFTER_DISPLAY = re.compile(
    r"\$\$[ \t]*(?:\((?P<myst>[\w:.-]+)\)|\{#(?P<pandoc>[\w:.-]+)\})[ \t]*$"
)


class UnreadableTex(ValueError):
    """TeX the converter cannot turn into MathML; the message says why."""


class TexConverter:
    r"""TeX to MathML for one page: macros a page defines (``\newcommand``) last to its end."""

    def __init__(self) -> None:
        self._converter = LatexToMathML(fancy_error=False, global_group=True, macros=_MACROS)

    def to_mathml(self, tex: str, *, display: bool) -> str:
        """One ``<math>`` element for ``tex``, its source kept in ``alttext``.

        Raises:
            UnreadableTex: The converter cannot read ``tex``.
        """
        source = tex
        for name, alias in _ENVIRONMENT_ALIASES.items():
            for command in ("\\begin", "\\end"):
                source = source.replace(f"{command}{{{name}}}", f"{command}{{{alias}}}")
        try:
            mathml = self._converter.convert_with_global_state(source.strip(), displaystyle=display)
        except LatexError as exc:
            reason = _ERROR_OFFSET.sub("", str(exc)).strip().rstrip(".")
            raise UnreadableTex(reason) from exc
        alttext = html.escape(" ".join(tex.split()), quote=True)
        return mathml.replace("<math", f'<math alttext="{alttext}"', 1)


def display_maths_html(mathml: str, *, label: str | None = None) -> str:
    """The HTML of a display equation around its ``<math display="block">`` element."""
    anchor = f' id="{html.escape(label, quote=True)}"' if label else ""
    return f'<div class="math-display"{anchor}>{mathml}</div>'


def unreadable_tex_html(tex: str, *, display: bool) -> str:
    """TeX shown as code, where the converter could not read it."""
    code = f'<code class="tex">{html.escape(tex.strip())}</code>'
    return f"<pre>{code}</pre>" if display else code


_MATH_ELEMENT = re.compile(r"<math\b([^>]*)>.*?</math>", re.DOTALL)
_ALTTEXT = re.compile(r'\balttext="([^"]*)"')


def maths_as_tex(page_html: str) -> str:
    r"""Each ``<math>`` element replaced by its TeX as code, for viewers that cannot draw MathML.

    Qt's rich text engine (the app's preview) shows only a MathML element's characters, run
    together (``\frac{a}{b}`` reads "ab"); the TeX reads better there.
    """

    def as_code(match: re.Match[str]) -> str:
        found = _ALTTEXT.search(match.group(1))
        tex = html.unescape(found.group(1)) if found else ""
        return unreadable_tex_html(tex, display='display="block"' in match.group(1))

    return _MATH_ELEMENT.sub(as_code, page_html)


@dataclass
class MathsRenderer:
    """Turns TeX into page HTML and keeps the warnings for TeX it could not read.

    Attributes:
        page_file: The markdown file, named in warnings.
        source: Its text, to find the line a formula came from.
        labels: Equation labels written after a display (``$$ (name)``, ``$$ {#eq-name}``), by
            the display's TeX: they become the display's ``id``.
    """

    page_file: Path
    source: str
    labels: dict[str, str] = field(default_factory=dict)
    converter: TexConverter = field(default_factory=TexConverter)
    _problems: list[tuple[int, str]] = field(default_factory=list)
    _search_from: dict[str, int] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """One sentence per formula that could not be converted, in the page's order."""
        return [message for _line, message in sorted(self._problems, key=lambda p: p[0])]

    def render(self, tex: str, *, display: bool) -> str:
        """HTML for one formula: MathML, or the TeX as code with a warning."""
        try:
            mathml = self.converter.to_mathml(tex, display=display)
        except UnreadableTex as exc:
            line = self._line_of(tex.strip())
            where = f"{self.page_file}, line {line}" if line else str(self.page_file)
            self._problems.append(
                (
                    line,
                    f"{where}: maths {_excerpt(tex)} cannot be converted ({exc}); "
                    "it is shown as TeX code.",
                )
            )
            return unreadable_tex_html(tex, display=display)
        if not display:
            return mathml
        return display_maths_html(mathml, label=self.labels.pop(tex.strip(), None))

    def _line_of(self, tex: str) -> int:
        # Blocks are parsed before inline text, so formulas do not come in page order; the
        # same formula twice is found twice: each search starts after the last one found.
        start = self.source.find(tex, self._search_from.get(tex, 0))
        if start < 0:
            return 0
        self._search_from[tex] = start + len(tex)
        return self.source.count("\n", 0, start) + 1


def _excerpt(tex: str, limit: int = 60) -> str:
    flat = " ".join(tex.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


# Maths are found before links and inline HTML (they must be, or backslash escapes would eat
# the TeX's own), so a "$" pair in a link's URL or a tag's attribute is skipped here.
_OPEN_LINK_DESTINATION = re.compile(r"\]\([^()\s]*$")
_OPEN_TAG = re.compile(r"<[A-Za-z][^<>]*$")


def bounded(pattern: str) -> str:
    """An Arithmatex inline pattern whose lazy repetitions stop after MAX_INLINE_TEX steps."""
    return pattern.replace(")+?)", f"){{1,{MAX_INLINE_TEX}}}?)")


def _inside_link_or_tag(data: str, start: int) -> bool:
    line = data[data.rfind("\n", 0, start) + 1 : start]
    return bool(_OPEN_LINK_DESTINATION.search(line) or _OPEN_TAG.search(line))


class _InlineMaths(arithmatex.InlineArithmatexPattern):  # type: ignore[misc]
    """Arithmatex's inline finder, writing MathML instead of a MathJax script."""

    def __init__(self, pattern: str, md: markdown.Markdown, render: MathsRenderer) -> None:
        # "generic" with an empty wrap: Arithmatex hands back the bare TeX as the element text.
        super().__init__(pattern, {"generic": True, "tex_inline_wrap": ["", ""]})
        self.md = md
        self.render = render

    def handleMatch(  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[Element | str | None, int | None, int | None]:
        r"""Replace one ``$…$`` or ``\(…\)`` by MathML, stashed as raw HTML."""
        if m.group(2) == "$" and data[m.end(0) : m.end(0) + 1].isdigit():
            return None, None, None  # "$5 to $10": a closing "$" is never followed by a digit
        if _inside_link_or_tag(data, m.start(0)):
            return None, None, None
        node, start, end = super().handleMatch(m, data)
        if isinstance(node, str):
            return node, start, end  # escaped backslashes before a "$": Arithmatex's own text
        tex = str(node.text)
        return self.md.htmlStash.store(self.render.render(tex, display=False)), start, end


class _DoubleDollarInline(InlineProcessor):
    """``$$…$$`` inside a line of text: inline maths, as kramdown reads it."""

    def __init__(self, md: markdown.Markdown, render: MathsRenderer) -> None:
        super().__init__(_DOUBLE_DOLLAR_INLINE, md)
        self.render = render

    # The stubs' InlineProcessor itself overrides Pattern.handleMatch incompatibly.
    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
        self, m: re.Match[str], data: str
    ) -> tuple[str | None, int | None, int | None]:
        """Replace one ``$$…$$`` by inline MathML."""
        if _inside_link_or_tag(data, m.start(0)):
            return None, None, None
        html_text = self.render.render(m.group(1), display=False)
        return self.md.htmlStash.store(html_text), m.start(0), m.end(0)


class _DisplayMaths(arithmatex.BlockArithmatexProcessor):  # type: ignore[misc]
    """Arithmatex's block finder, writing a MathML display instead of a MathJax script."""

    def __init__(self, pattern: str, md: markdown.Markdown, render: MathsRenderer) -> None:
        super().__init__(pattern, {"generic": True}, md)
        self.md = md
        self.render = render

    def generic_output(self, parent: Element, math: str) -> None:
        """Append the display as raw HTML (a stashed block, not wrapped in a paragraph)."""
        placeholder = SubElement(parent, "p")
        placeholder.text = self.md.htmlStash.store(self.render.render(math, display=True))


class _SeparateDisplayMaths(Preprocessor):
    r"""Give display maths written on lines of its own a block of its own.

    Arithmatex finds ``$$`` and ``\[`` displays only when blank lines set them apart; lessons
    often write them right under a sentence. A display ends at its closing delimiter, or is not
    one if a blank line (which TeX forbids inside maths) comes first. Indented lines (code) are
    left alone. A label after the closing ``$$`` (MyST ``(name)``, Pandoc/Quarto ``{#eq-name}``)
    is taken off the line and kept for the display's ``id``.
    """

    _OPENERS = (("$$", "$$"), ("\\[", "\\]"))

    def __init__(self, md: markdown.Markdown, render: MathsRenderer) -> None:
        super().__init__(md)
        self.render = render

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with a blank line before and after each display."""
        # Where the next blank line and the next closing line are, from each line: one pass
        # back to front, so a page of odd dollar lines costs no more than a page of prose.
        blank = _next_where(lines, lambda line: not line.strip())
        closing = {
            closer: _next_where(lines, partial(_closes_display, closer=closer))
            for _opener, closer in self._OPENERS
        }
        out: list[str] = []
        index = 0
        while index < len(lines):
            end = self._display_end(lines, index, blank, closing)
            if end is None:
                out.append(lines[index])
                index += 1
                continue
            if out and out[-1].strip():
                out.append("")
            out.extend(self._without_label(lines[index : end + 1]))
            if end + 1 < len(lines) and lines[end + 1].strip():
                out.append("")
            index = end + 1
        return out

    def _display_end(
        self, lines: list[str], start: int, blank: list[int], closing: dict[str, list[int]]
    ) -> int | None:
        line = lines[start]
        stripped = line.strip()
        if len(line) - len(line.lstrip(" ")) >= 4:
            return None
        for opener, closer in self._OPENERS:
            if not stripped.startswith(opener):
                continue
            rest = _LABEL_AFTER_DISPLAY.sub("$$", stripped[len(opener) :])
            if rest.endswith(closer) and rest[: -len(closer)].strip():
                return start  # "$$ x $$" on one line
            if start + 1 < len(lines) and closing[closer][start + 1] < blank[start + 1]:
                return closing[closer][start + 1]
        return None

    def _without_label(self, display: list[str]) -> list[str]:
        found = _LABEL_AFTER_DISPLAY.search(display[-1])
        if found is None:
            return display
        display = [*display[:-1], display[-1][: found.start()] + "$$"]
        tex = "\n".join(display).strip()[2:-2].strip()
        self.render.labels[tex] = found.group("myst") or found.group("pandoc")
        return display


def _closes_display(line: str, closer: str) -> bool:
    return _LABEL_AFTER_DISPLAY.sub("$$", line.rstrip()).endswith(closer)


def _next_where(lines: list[str], test: Callable[[str], bool]) -> list[int]:
    """For each line, the index of the first line at or after it that passes ``test``."""
    found = [len(lines)] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        found[index] = index if test(lines[index]) else found[index + 1]
    return found


class MathsExtension(Extension):
    """Python-Markdown extension: TeX maths to MathML through ``render``."""

    def __init__(self, render: MathsRenderer) -> None:
        super().__init__()
        self.render = render

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register the finders where Arithmatex registers its own."""
        md.registerExtension(self)
        pymdownx_util.escape_chars(md, ["$"])  # "\$" is a dollar sign, as in Arithmatex
        inline = "|".join(
            bounded(pattern)
            for pattern in (arithmatex.RE_SMART_DOLLAR_INLINE, arithmatex.RE_BRACKET_INLINE)
        )
        md.inlinePatterns.register(
            _InlineMaths(f"(?:{inline})", md, self.render), "maths-inline", _INLINE_PRIORITY
        )
        md.inlinePatterns.register(
            _DoubleDollarInline(md, self.render), "maths-double-dollar", _DOUBLE_DOLLAR_PRIORITY
        )
        block = "|".join(
            (arithmatex.RE_DOLLAR_BLOCK, arithmatex.RE_BRACKET_BLOCK, arithmatex.RE_TEX_BLOCK)
        )
        md.parser.blockprocessors.register(
            _DisplayMaths(rf"(?s)^(?:{block})[ ]*$", md, self.render),
            "maths-block",
            _BLOCK_PRIORITY,
        )
        md.preprocessors.register(
            _SeparateDisplayMaths(md, self.render), "maths-separate", _SEPARATE_PRIORITY
        )

    @property
    def warnings(self) -> list[str]:
        """The page's warnings about its maths, in the page's order (read after converting)."""
        return self.render.warnings


def maths_extension(page_file: Path, source: str) -> MathsExtension:
    """A fresh extension for one page (macros and labels are per page)."""
    return MathsExtension(MathsRenderer(page_file=page_file, source=source))
