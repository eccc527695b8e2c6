"""Block syntax Python-Markdown does not know, found line by line before it reads the text.

- Fenced divs (``:::`` and longer, Pandoc's rule: a bare fence closes the innermost open div),
  as Carpentries Workbench, Pandoc, Quarto and MyST write them.
- MyST directives in backtick or colon fences, and knitr/Quarto code cells (```` ```{r} ````).
- kramdown block IALs (``{: .challenge}``): the old Carpentries blockquote asides become asides,
  ``{: .language-bash}`` sets the language of the code block before it.
- GitHub and Obsidian alerts (``> [!NOTE]``); MyST labels ``(name)=``; Liquid tags.

Each box becomes a pair of marker paragraphs around its markdown (see :func:`marker`) and a
:data:`Block` saying what to build; :mod:`markdown_blocks` builds it from the parsed tree. Code
is never touched: fences inside fenced or indented code blocks stay code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from moocstudio.importers import aside_kinds, directives
from moocstudio.importers.attributes import (
    Attributes,
    BadAttributes,
    attr_list_syntax,
    html_length,
    parse_attributes,
)
from moocstudio.importers.directives import DirectiveKind
from moocstudio.importers.inline_syntax import InlineReport, remove_liquid, rewrite_inline

_MARKER = "\x02mdblock:{}:{}\x03"
MARKER_PATTERN = re.compile("\x02mdblock:(open|close):(\\d+)\x03")

_CODE_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_COLON_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w:.+-]*)\}\s*(?P<argument>.*)$")
_KNITR_CELL = re.compile(r"^\{(?P<name>[A-Za-z]\w*)[\s,](?P<argument>[^}]*)\}\s*$")
_PANDOC_RAW = re.compile(r"^\{=(?P<argument>\w+)\}$")  # ```{=html}: raw output for one format
_BLOCKQUOTE = re.compile(r"^ {0,3}> ?")
_ALERT = re.compile(r"^\[!(?P<word>[\w-]+)\](?P<fold>[-+]?)\s*(?P<title>.*)$")
_IAL = re.compile(r"^ {0,3}\{:(?P<attributes>.*)\}\s*$")
_LABEL = re.compile(r"^ {0,3}\((?P<name>[^()\s]+)\)=\s*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_HEADING_ATTRIBUTES = re.compile(r"^(?P<heading>.*?)\s+\{(?P<attributes>[^{}]*)\}\s*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:\s|$)")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
_MATHS_OPEN = re.compile(r"^ {0,3}(?:\$\$|\\\[)")
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}")
_LIQUID_END_COMMENT = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_CELL_OPTION = re.compile(r"^\s*#\|")
_CODE_CLASS_LANGUAGES = {"output": "output", "error": "error", "warning": "output"}
_LITERAL_DIRECTIVES = frozenset(
    {DirectiveKind.CODE, DirectiveKind.MATHS, DirectiveKind.RAW, DirectiveKind.DROPPED}
    | {DirectiveKind.EXTERNAL}
)
_STRUCTURE_STARTS = frozenset("`~:$\\>{(")  # the first characters of the structures below
_MAX_CONTAINER_INDENT = 3  # more than this is an indented code block, outside lists
MAX_DEPTH = 24
"""Boxes and quotes nested deeper than this are flattened: no lesson needs more, and a file of
thousands of unclosed fences must not exhaust the stack of whatever reads the tree next."""


def marker(action: str, block_id: int) -> str:
    """The text of the paragraph that opens (``open``) or closes (``close``) a block."""
    return _MARKER.format(action, block_id)


@dataclass(frozen=True)
class AsideBlock:
    """A box: ``<div class="admonition KIND">`` or ``<details>``."""

    look: aside_kinds.AsideLook
    element_id: str | None = None
    heading_is_title: bool = False
    """A heading as the first thing inside becomes the title (Workbench, Quarto, Jekyll)."""


@dataclass(frozen=True)
class FigureBlock:
    """A ``<figure>``: an image (or a table) with its caption."""

    src: str | None = None
    alt: str = ""
    width: str | None = None
    height: str | None = None
    element_id: str | None = None
    caption: str | None = None
    """A caption given on the opening line (``{table} Caption``); else the body is the caption
    of the image."""


@dataclass(frozen=True)
class LayoutBlock:
    """A plain ``<div>`` that only groups (Quarto columns, sphinx-design tab sets)."""

    classes: tuple[str, ...] = ()
    element_id: str | None = None


Block = AsideBlock | FigureBlock | LayoutBlock


class _Last(Enum):
    """What the previous line was, for the rules that look back (IALs, indented code)."""

    BLANK = auto()
    TEXT = auto()
    LIST = auto()
    HEADING = auto()
    TABLE = auto()
    CODE_FENCE = auto()
    INDENTED_CODE = auto()
    OTHER = auto()


class BlockScanner:
    """Rewrites a page's lines for Python-Markdown and keeps what it found.

    One scanner reads one file: ``blocks[i]`` is what the markers with id ``i`` stand for.
    """

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.blocks: list[Block] = []
        self.inline = InlineReport()
        self._warnings: list[tuple[int, str]] = []
        self._flattened = False

    @property
    def warnings(self) -> list[str]:
        """What went wrong, in the order of the file's lines, each naming the file and line."""
        ordered = sorted(self._warnings, key=lambda warning: warning[0])
        return [f"{self.source_name}, line {line}: {message}" for line, message in ordered]

    def scan(self, lines: list[str]) -> list[str]:
        """The page's lines rewritten; ``lines[0]`` is line 1 of the file."""
        out = _Conversion(self, lines, first_line=1, container="the file").run()
        self._report_inline()
        return out

    def warn(self, line: int, message: str) -> None:
        """Add a warning about the file's line ``line``."""
        self._warnings.append((line, message))

    def flattened(self, line: int) -> None:
        """Say once that nesting went past :data:`MAX_DEPTH`."""
        if not self._flattened:
            self._flattened = True
            self.warn(
                line,
                f"boxes or quotes nested more than {MAX_DEPTH} deep are shown flat from here.",
            )

    def add(self, block: Block) -> int:
        """Remember a block; returns its id for the markers."""
        self.blocks.append(block)
        return len(self.blocks) - 1

    def _report_inline(self) -> None:
        for line, text, why in self.inline.bad_attributes:
            self.warn(line, f"the attribute list {text} cannot be read ({why}); it was left out.")
        if self.inline.liquid:
            tags = list(dict.fromkeys(tag for _, tag in self.inline.liquid))
            shown = ", ".join(tags[:3]) + (", ..." if len(tags) > 3 else "")
            self.warn(
                self.inline.liquid[0][0],
                f"{len(self.inline.liquid)} Jekyll/Liquid template tag(s) were taken out "
                f"({shown}); paths that started with one now start at the site root.",
            )


@dataclass
class _Frame:
    block_id: int | None
    """None: a fence opened past MAX_DEPTH, which builds nothing."""
    line: int
    opening: str
    indent: str


class _Conversion:
    """One pass over a run of lines: the file, a directive's body, or a blockquote's inside."""

    def __init__(
        self,
        scanner: BlockScanner,
        lines: list[str],
        *,
        first_line: int,
        container: str,
        depth: int = 0,
    ) -> None:
        self.scanner = scanner
        self.lines = lines
        self.first_line = first_line
        self.container = container
        self.depth = depth
        """How many boxes and quotes hold these lines."""
        self.out: list[str] = []
        self.stack: list[_Frame] = []
        self.index = 0
        self.last = _Last.BLANK
        self.in_list = False
        self.last_fence_at: int | None = None
        """Index in ``out`` of the opening line of the last fenced code block."""
        self.pending_label: str | None = None

    # ---- the loop ------------------------------------------------------------------------

    def run(self) -> list[str]:
        while self.index < len(self.lines):
            self._step()
        for frame in reversed(self.stack):
            self.scanner.warn(
                frame.line,
                f"the fenced div '{frame.opening.strip()}' is never closed; "
                f"it ends at the end of {self.container}.",
            )
            self._close(frame)
        return self.out

    @property
    def number(self) -> int:
        """The file line number of the current line."""
        return self.first_line + self.index

    def _step(self) -> None:
        line = self.lines[self.index]
        if not line.strip():
            self.out.append(line)
            self.last = _Last.BLANK if self.last is not _Last.INDENTED_CODE else self.last
            self.index += 1
            return
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and self.last is _Last.BLANK and not _LIST_ITEM.match(line):
            self.in_list = False
        if indent > _MAX_CONTAINER_INDENT and not self.in_list:
            if self.last in (_Last.BLANK, _Last.INDENTED_CODE):
                self._copy(line, _Last.INDENTED_CODE)
                return
        elif self.last is _Last.INDENTED_CODE:
            self.last = _Last.OTHER
        structural = line[indent] in _STRUCTURE_STARTS or "{%" in line
        if structural and self._structure(line, indent):
            return
        self._text(line)

    def _structure(self, line: str, indent: int) -> bool:
        """Handle a line that opens or closes a structure; False for ordinary text."""
        nested_ok = indent <= _MAX_CONTAINER_INDENT or self.in_list
        if nested_ok and (fence := _CODE_FENCE.match(line)):
            self._code_fence(fence)
        elif nested_ok and (colons := _COLON_FENCE.match(line)):
            self._colon_fence(colons)
        elif _MATHS_OPEN.match(line):
            self._maths_block(line)
        elif _BLOCKQUOTE.match(line):
            self._blockquote()
        elif ial := _IAL.match(line):
            self._ial(ial["attributes"])
        elif label := _LABEL.match(line):
            self.pending_label = label["name"]
            self.index += 1
        elif _LIQUID_COMMENT.search(line):
            self._liquid_comment()
        else:
            return False
        return True

    def _copy(self, line: str, last: _Last) -> None:
        self.out.append(line)
        self.last = last
        self.index += 1

    def _text(self, line: str) -> None:
        line = rewrite_inline(line, self.number, self.scanner.inline)
        if _HEADING.match(line):
            self._copy(self._heading(line), _Last.HEADING)
            return
        self.pending_label = None
        if _LIST_ITEM.match(line):
            self.in_list = True
            self._copy(line, _Last.LIST)
        else:
            self._copy(line, _Last.TABLE if _TABLE_ROW.match(line) else _Last.TEXT)

    def _marker(self, action: str, block_id: int, indent: str = "") -> None:
        self.out += ["", indent + marker(action, block_id), ""]
        self.last = _Last.BLANK

    def _too_deep(self, line: int) -> bool:
        if self.depth + len(self.stack) < MAX_DEPTH:
            return False
        self.scanner.flattened(line)
        return True

    def _open(self, block: Block, opening: str, indent: str = "") -> None:
        """Open a colon-fenced block: it lasts until the matching bare fence."""
        if self._too_deep(self.number):
            self.stack.append(_Frame(None, self.number, opening, indent))
            return
        block_id = self.scanner.add(block)
        self.stack.append(_Frame(block_id, self.number, opening, indent))
        self._marker("open", block_id, indent)

    def _close(self, frame: _Frame) -> None:
        if frame.block_id is not None:
            self._marker("close", frame.block_id, frame.indent)

    def _inside(self, lines: list[str], *, first_line: int, container: str) -> list[str]:
        """Lines held by a box or quote, converted (or left as they are, past MAX_DEPTH)."""
        if self._too_deep(first_line):
            return lines
        depth = self.depth + len(self.stack) + 1
        return _Conversion(
            self.scanner, lines, first_line=first_line, container=container, depth=depth
        ).run()

    def _wrap(self, block: Block, inner: list[str], *, first_line: int, container: str) -> None:
        """A block whose inside is known in full (a backtick directive, a blockquote)."""
        if self._too_deep(first_line):
            self.out += ["", *inner, ""]
            return
        block_id = self.scanner.add(block)
        self._marker("open", block_id)
        self.out += self._inside(inner, first_line=first_line, container=container)
        self._marker("close", block_id)

    # ---- code and maths --------------------------------------------------------------------

    def _closing_fence(self, fence: str, start: int) -> int:
        """Index of the line closing a code fence (CommonMark), or len(lines) when none does."""
        char, length = fence[0], len(fence)
        for index in range(start, len(self.lines)):
            stripped = self.lines[index].strip()
            if len(stripped) >= length and stripped == char * len(stripped):
                return index
        return len(self.lines)

    def _code_fence(self, match: re.Match[str]) -> None:
        fence, info = match["fence"], match["info"].strip()
        end = self._closing_fence(fence, self.index + 1)
        raw = _PANDOC_RAW.match(info)
        directive = _DIRECTIVE.match(info) or _KNITR_CELL.match(info)
        if raw:
            name, argument = "raw", raw["argument"]
        elif directive:
            name, argument = directive["name"], directive["argument"]
        else:
            self._plain_code(match, end)
            return
        opening_line = self.number
        body = self.lines[self.index + 1 : end]
        self.index = end + 1
        self._directive(name, argument, body, opening_line, end < len(self.lines))

    def _plain_code(self, match: re.Match[str], end: int) -> None:
        # Python-Markdown wants the fences at the margin and the closing one the same length.
        indent = match["indent"] if self.in_list else ""
        self.last_fence_at = len(self.out)
        self.out.append(indent + match["fence"] + match["info"])
        self.out += self.lines[self.index + 1 : end]
        self.out.append(indent + match["fence"])
        self.index = end + 1
        self.last = _Last.CODE_FENCE

    def _maths_block(self, line: str) -> None:
        # TeX is not markdown: "\frac{{a}}{b}" must not lose its braces to the Liquid rule.
        opener, closer = ("$$", "$$") if line.lstrip().startswith("$$") else ("\\[", "\\]")
        rest = line.lstrip()[len(opener) :]
        end = self.index
        if closer not in rest:
            end = next(
                (i for i in range(self.index + 1, len(self.lines)) if closer in self.lines[i]),
                self.index,
            )
        self.out += self.lines[self.index : end + 1]
        self.index = end + 1
        self.last = _Last.TEXT

    def _emit_code(self, language: str, body: list[str]) -> None:
        while body and _CELL_OPTION.match(body[0]):
            body = body[1:]  # Quarto/Jupyter cell options ("#| echo: false") are not code
        longest = max((len(b) - len(b.lstrip("`")) for b in body), default=0)
        fence = "`" * max(3, longest + 1)
        self.last_fence_at = len(self.out) + 1
        self.out += ["", fence + language, *body, fence, ""]
        self.last = _Last.CODE_FENCE

    # ---- directives ------------------------------------------------------------------------

    def _directive(
        self, name: str, argument: str, body: list[str], opening_line: int, closed: bool
    ) -> None:
        """A MyST directive or code cell whose body is known in full."""
        argument = remove_liquid(argument, opening_line, self.scanner.inline).strip()
        kind = directives.directive_kind(name)
        if not closed:
            self.scanner.warn(
                opening_line,
                f"the directive {{{name}}} is never closed; it ends at the end of "
                f"{self.container}.",
            )
        if kind in _LITERAL_DIRECTIVES:
            self._literal_directive(kind, name, argument, body, opening_line)
            return
        options = directives.read_options(body)
        if options.problem:
            self.scanner.warn(opening_line, f"the {{{name}}} directive: {options.problem}.")
        block = _directive_block(name, argument, options.values)
        inner = body[options.body_start :]
        if directives.argument_is_body(name) and argument:
            inner = [argument, "", *inner]
            first_line = opening_line
        else:
            first_line = opening_line + 1 + options.body_start
        self._wrap(block, inner, first_line=first_line, container=f"the {{{name}}} directive")
        self.last = _Last.OTHER

    def _literal_directive(
        self, kind: DirectiveKind, name: str, argument: str, body: list[str], opening_line: int
    ) -> None:
        if kind is DirectiveKind.CODE:
            options = directives.read_options(body)
            self._emit_code(directives.code_language(name, argument), body[options.body_start :])
        elif kind is DirectiveKind.MATHS:
            options = directives.read_options(body)
            equations = [line for line in body[options.body_start :] if line.strip()]
            if argument:
                equations.insert(0, argument)
            self.out += ["", "$$", *equations, "$$", ""]
            self.last = _Last.BLANK
        elif kind is DirectiveKind.RAW and argument.lower().split()[:1] == ["html"]:
            self.out += ["", *body, ""]  # sanitized with the rest of the page
            self.last = _Last.BLANK
        elif kind is DirectiveKind.EXTERNAL:
            self.scanner.warn(
                opening_line,
                f"the {{{name}}} directive ({argument}) was left out: a page does not read "
                "other files; paste their text into the page instead.",
            )

    def _colon_fence(self, match: re.Match[str]) -> None:
        info = remove_liquid(match["info"], self.number, self.scanner.inline).strip()
        info = info.rstrip(":").strip()  # Pandoc allows "::: Warning ::::::"
        if not info:
            self._close_fence()
            return
        directive = _DIRECTIVE.match(info)
        if directive:
            self._colon_directive(directive["name"], directive["argument"].strip(), match)
            return
        attributes = self._fence_attributes(info)
        indent = match["indent"]
        if aside_kinds.is_layout(attributes.classes):
            block: Block = LayoutBlock(attributes.classes, attributes.element_id)
        else:
            title = attributes.values.get("title")
            look = aside_kinds.resolve(
                attributes.classes, title=title, collapse=_flag(attributes.values.get("collapse"))
            )
            block = AsideBlock(look, attributes.element_id, heading_is_title=title is None)
        self._open(block, self.lines[self.index], indent)
        self.index += 1

    def _fence_attributes(self, info: str) -> Attributes:
        if not info.startswith("{"):
            return Attributes(classes=tuple(info.split()))
        try:
            if not info.endswith("}"):
                raise BadAttributes("no closing brace")
            return parse_attributes(info[1:-1])
        except BadAttributes as exc:
            self.scanner.warn(
                self.number, f"the attribute list {info} cannot be read ({exc}); it was left out."
            )
            return Attributes()

    def _close_fence(self) -> None:
        if self.stack:
            self._close(self.stack.pop())
        else:
            self.scanner.warn(
                self.number,
                f"a closing fence '{self.lines[self.index].strip()}' has no fenced div to "
                "close; it was left out.",
            )
        self.index += 1

    def _colon_directive(self, name: str, argument: str, match: re.Match[str]) -> None:
        opening_line = self.number
        kind = directives.directive_kind(name)
        if kind in _LITERAL_DIRECTIVES:
            # MyST's rule: the body ends at a bare fence at least as long as the opening one,
            # so a ::::{code} markdown block may show ::: fences of its own.
            length = len(match["fence"])
            end = next(
                (
                    i
                    for i in range(self.index + 1, len(self.lines))
                    if (fence := _COLON_FENCE.match(self.lines[i]))
                    and not fence["info"].strip(": ")
                    and len(fence["fence"]) >= length
                ),
                len(self.lines),
            )
            body = self.lines[self.index + 1 : end]
            self.index = end + 1
            self._directive(name, argument, body, opening_line, end < len(self.lines))
            return
        argument = remove_liquid(argument, opening_line, self.scanner.inline)
        options = directives.read_options(self.lines, self.index + 1)
        if options.problem:
            self.scanner.warn(opening_line, f"the {{{name}}} directive: {options.problem}.")
        self._open(_directive_block(name, argument, options.values), match[0], match["indent"])
        self.index = options.body_start
        if directives.argument_is_body(name) and argument:
            self.out += [rewrite_inline(argument, opening_line, self.scanner.inline), ""]

    # ---- blockquotes, IALs, headings ---------------------------------------------------------

    def _blockquote(self) -> None:
        start = self.index
        end = start
        while end < len(self.lines) and _BLOCKQUOTE.match(self.lines[end]):
            end += 1
        inside = [_BLOCKQUOTE.sub("", line, count=1) for line in self.lines[start:end]]
        ial = _IAL.match(self.lines[end]) if end < len(self.lines) else None
        self.index = end + (1 if ial else 0)
        first_line = self.first_line + start
        alert = _ALERT.match(inside[0].strip())
        if alert and aside_kinds.lookup(alert["word"]):
            fold = {"-": True, "+": False}.get(alert["fold"])
            look = aside_kinds.resolve([alert["word"]], title=alert["title"] or None, collapse=fold)
            self._wrap(
                AsideBlock(look), inside[1:], first_line=first_line + 1, container="the quote"
            )
            return
        classes = self._ial_classes(ial["attributes"], first_line + len(inside)) if ial else ()
        if any(aside_kinds.lookup(word) for word in classes):
            # Jekyll "styles" (old Carpentries): "> ## Title" ... "{: .challenge}".
            block = AsideBlock(aside_kinds.resolve(classes), heading_is_title=True)
            self._wrap(block, inside, first_line=first_line, container="the quote")
            return
        converted = self._inside(inside, first_line=first_line, container="the quote")
        self.out += [f"> {line}" if line.strip() else ">" for line in converted]
        self.last = _Last.OTHER

    def _ial_classes(self, text: str, line: int) -> tuple[str, ...]:
        try:
            return parse_attributes(text).classes
        except BadAttributes as exc:
            self.scanner.warn(
                line, f"the attribute list {{:{text}}} cannot be read ({exc}); it was left out."
            )
            return ()

    def _ial(self, text: str) -> None:
        """A kramdown IAL on its own line: applied to the block before it, or dropped."""
        number = self.number
        self.index += 1
        try:
            attributes = parse_attributes(text)
        except BadAttributes as exc:
            self.scanner.warn(
                number, f"the attribute list {{:{text}}} cannot be read ({exc}); it was left out."
            )
            return
        if self.last is _Last.CODE_FENCE and self.last_fence_at is not None:
            self._set_code_language(attributes.classes)
        elif self.last is _Last.HEADING and "{:" not in self.out[-1]:
            self.out[-1] = f"{self.out[-1]} {attr_list_syntax(attributes)}".rstrip()
        elif self.last in (_Last.TEXT, _Last.LIST) and (syntax := attr_list_syntax(attributes)):
            self.out.append(syntax)  # attr_list applies it to the paragraph or list

    def _set_code_language(self, classes: tuple[str, ...]) -> None:
        assert self.last_fence_at is not None
        opening = self.out[self.last_fence_at]
        fence = opening.rstrip()
        if fence.strip("`~ "):
            return  # the fence names its language already
        for word in classes:
            language = word.removeprefix("language-") if word.startswith("language-") else None
            language = language or _CODE_CLASS_LANGUAGES.get(word.lower())
            if language:
                self.out[self.last_fence_at] = f"{fence}{language}"
                return

    def _heading(self, line: str) -> str:
        found = _HEADING_ATTRIBUTES.match(line)
        attributes = Attributes()
        if found:
            line = found["heading"]
            try:
                attributes = parse_attributes(found["attributes"])
            except BadAttributes as exc:
                self.scanner.warn(
                    self.number,
                    f"the attribute list {{{found['attributes']}}} cannot be read ({exc}); "
                    "it was left out.",
                )
        if self.pending_label and not attributes.element_id:
            attributes = Attributes(self.pending_label, attributes.classes, attributes.values)
        self.pending_label = None
        syntax = attr_list_syntax(attributes)
        return f"{line} {syntax}" if syntax else line

    def _liquid_comment(self) -> None:
        """``{% comment %}`` ... ``{% endcomment %}``: the whole span is left out."""
        start = self.number
        end = next(
            (
                i
                for i in range(self.index, len(self.lines))
                if _LIQUID_END_COMMENT.search(self.lines[i])
            ),
            len(self.lines) - 1,
        )
        self.scanner.inline.liquid.append((start, "{% comment %}"))
        self.index = end + 1


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() in ("true", "yes", "1")


def _directive_block(name: str, argument: str, options: dict[str, str]) -> Block:
    """What a container directive (not code, maths or raw) builds."""
    kind = directives.directive_kind(name)
    element_id = options.get("name") or options.get("label") or None
    if kind in (DirectiveKind.FIGURE, DirectiveKind.IMAGE):
        return FigureBlock(
            src=argument or None,
            alt=options.get("alt", ""),
            width=html_length(options.get("width")),
            height=html_length(options.get("height")),
            element_id=element_id,
        )
    if kind is DirectiveKind.TABLE:
        return FigureBlock(caption=argument or None, element_id=element_id)
    if kind is DirectiveKind.LAYOUT:
        return LayoutBlock((name.lower(),), element_id)
    classes = options.get("class", "").split()
    words = [*classes, name] if name.lower() == "admonition" else [name, *classes]
    collapse = True if "dropdown" in classes else None
    if name.lower() == "dropdown":
        collapse = "open" not in options
    if collapse and "open" in options:
        collapse = False
    look = aside_kinds.resolve(
        words, title=directives.aside_title(name, argument), collapse=collapse
    )
    return AsideBlock(look, element_id)
