"""A Python-Markdown extension for the structure lessons are written in.

:class:`BlocksExtension` reads fenced divs, MyST directives, kramdown IALs, Pandoc attributes
and Liquid (:mod:`block_scanner`, :mod:`inline_syntax`) and builds the asides of contract 2::

    <div class="admonition KIND"><p class="admonition-title">Title</p> ...</div>
    <details class="admonition KIND"><summary class="admonition-title">Title</summary> ...</details>

Python-Markdown's own ``!!! note "Title"`` admonitions are brought to the same kinds, so one
stylesheet serves every dialect. Instructor blocks leave the page: they are kept, as HTML, in
:attr:`BlocksExtension.instructor_notes`.

Why our own scanner: no maintained Python-Markdown extension reads Pandoc fenced divs (``:::``
closed by any bare fence, unindented, nested by count), and pymdown-extensions' generic blocks
use ``///`` fences only.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor

from moocstudio.importers import aside_kinds
from moocstudio.importers.block_scanner import (
    MARKER_PATTERN,
    AsideBlock,
    Block,
    BlockScanner,
    FigureBlock,
    LayoutBlock,
)

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_FOLDED_TITLE = "Details"  # a <details> needs a summary to be operable; browsers say the same

# Priorities in Python-Markdown's registries: after whitespace normalisation (30), before
# fenced code (25); blocks are built before inline markup (20) so titles get it; instructor
# notes are taken out after attr_list (8) and abbr (7), before the table of contents (5).
_SCAN_PRIORITY = 27
_BUILD_PRIORITY = 25
_NOTES_PRIORITY = 6
_MARKERS_PRIORITY = 1


class BlocksExtension(Extension):
    """Lesson structure for one page; make one per page (it keeps the page's findings)."""

    def __init__(self, source_name: str) -> None:
        super().__init__()
        self.scanner = BlockScanner(source_name)
        self.instructor_notes: list[str] = []
        """HTML of each instructor block, in page order (not sanitized yet)."""

    @property
    def warnings(self) -> list[str]:
        """Problems found, each naming the file and line."""
        return self.scanner.warnings

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register the scanner, the block builder, the notes taker and the marker sweeper."""
        md.preprocessors.register(_ScanBlocks(md, self.scanner), "md_blocks", _SCAN_PRIORITY)
        md.treeprocessors.register(
            _BuildBlocks(md, self.scanner.blocks), "md_blocks", _BUILD_PRIORITY
        )
        md.treeprocessors.register(
            _TakeInstructorNotes(md, self.instructor_notes), "md_instructor", _NOTES_PRIORITY
        )
        md.postprocessors.register(_SweepMarkers(md), "md_block_markers", _MARKERS_PRIORITY)


class _ScanBlocks(Preprocessor):
    def __init__(self, md: Markdown, scanner: BlockScanner) -> None:
        super().__init__(md)
        self.scanner = scanner

    def run(self, lines: list[str]) -> list[str]:
        return self.scanner.scan(lines)


class _SweepMarkers(Postprocessor):
    """A marker that ended up inside raw HTML (an unclosed ``<div>`` in a box) says nothing."""

    def run(self, text: str) -> str:
        return MARKER_PATTERN.sub("", text) if "\x02mdblock" in text else text


def _marker_of(element: ET.Element) -> tuple[str, int] | None:
    if element.tag != "p" or len(element) or not element.text:
        return None
    found = MARKER_PATTERN.fullmatch(element.text.strip())
    return (found[1], int(found[2])) if found else None


class _BuildBlocks(Treeprocessor):
    """Turns marker paragraphs and the elements between them into asides and figures."""

    def __init__(self, md: Markdown, blocks: list[Block]) -> None:
        super().__init__(md)
        self.blocks = blocks
        self.built: set[ET.Element] = set()

    def run(self, root: ET.Element) -> None:
        # Iterative, not recursive: a page's tree may be deeper than Python's stack allows.
        pending = [root]
        while pending:
            parent = pending.pop()
            if any(_marker_of(child) for child in parent):
                self._regroup(parent)
            for child in parent:
                if child not in self.built and _is_admonition(child):
                    _canonical_admonition(child)
            pending.extend(reversed(parent))

    def _regroup(self, parent: ET.Element) -> None:
        children = list(parent)
        for child in children:
            parent.remove(child)
        open_blocks: list[tuple[int, _Building]] = []
        for child in children:
            found = _marker_of(child)
            target = open_blocks[-1][1].inside if open_blocks else parent
            if found is None:
                target.append(child)
            elif found[0] == "open":
                building = _Building(self.blocks[found[1]])
                self.built.add(building.element)
                target.append(building.element)
                open_blocks.append((found[1], building))
            elif any(block_id == found[1] for block_id, _ in open_blocks):
                while open_blocks:
                    block_id, building = open_blocks.pop()
                    building.finish()
                    if block_id == found[1]:
                        break
        for _, building in reversed(open_blocks):  # closed by the end of their parent
            building.finish()


class _Building:
    """One block being built: the element, and where its content goes."""

    def __init__(self, block: Block) -> None:
        self.block = block
        if isinstance(block, AsideBlock):
            self.element = ET.Element("details" if block.look.folded else "div")
            self.element.set("class", f"admonition {block.look.kind}")
            if block.look.starts_open:
                self.element.set("open", "open")
            self.inside = self.element
        elif isinstance(block, FigureBlock):
            self.element = ET.Element("figure")
            if block.src:
                image = ET.SubElement(self.element, "img", src=block.src, alt=block.alt)
                for name in ("width", "height"):
                    if value := getattr(block, name):
                        image.set(name, value)
            if block.caption:
                ET.SubElement(self.element, "figcaption").text = block.caption
                self.inside = self.element
            else:
                self.inside = ET.Element("figcaption")
        else:
            assert isinstance(block, LayoutBlock)
            self.element = ET.Element("div")
            if block.classes:
                self.element.set("class", " ".join(block.classes))
            self.inside = self.element
        if block.element_id:
            self.element.set("id", block.element_id)

    def finish(self) -> None:
        if self.inside is not self.element and len(self.inside):
            self.element.append(self.inside)  # the body of a {figure} is its caption
        if isinstance(self.block, AsideBlock):
            self._title(self.block)

    def _title(self, block: AsideBlock) -> None:
        title = ET.Element("summary" if block.look.folded else "p", {"class": "admonition-title"})
        first = self.element[0] if len(self.element) else None
        if block.heading_is_title and first is not None and first.tag in _HEADINGS:
            title.text, title.tail = first.text, None
            title.extend(list(first))
            self.element.remove(first)
        elif block.look.title is not None:
            title.text = block.look.title
        elif block.look.folded:
            title.text = _FOLDED_TITLE
        else:
            return  # a neutral aside the author gave no title
        self.element.insert(0, title)


def _is_admonition(element: ET.Element) -> bool:
    return element.tag == "div" and "admonition" in element.get("class", "").split()


def _canonical_admonition(element: ET.Element) -> None:
    """Bring a Python-Markdown ``!!! word "Title"`` admonition to the canonical kinds."""
    words = [w for w in element.get("class", "").split() if w != "admonition"]
    first = element[0] if len(element) else None
    title = first if first is not None and first.get("class") == "admonition-title" else None
    automatic = words and title is not None and title.text == words[0].capitalize()
    given = None if automatic else ("" if title is None else title.text or "")
    look = aside_kinds.resolve(words, title=given)
    element.set("class", f"admonition {look.kind}")
    if title is not None and not look.title:
        element.remove(title)
        title = None
    elif title is not None:
        title.text = look.title
    if look.folded:
        element.tag = "details"
        if title is None:
            title = ET.Element("p", {"class": "admonition-title"})
            title.text = _FOLDED_TITLE
            element.insert(0, title)
        title.tag = "summary"


class _TakeInstructorNotes(Treeprocessor):
    """Moves every instructor block out of the page into the extension's notes."""

    def __init__(self, md: Markdown, notes: list[str]) -> None:
        super().__init__(md)
        self.notes = notes

    def run(self, root: ET.Element) -> None:
        for parent, note in list(_instructor_blocks(root)):
            self.notes.append(self._html(note))
            _remove_keeping_tail(parent, note)

    def _html(self, note: ET.Element) -> str:
        # What Markdown.convert does for the page, done for this one element.
        note = copy.deepcopy(note)
        note.tail = None
        if "unescape" in self.md.treeprocessors:  # it runs after us on the page
            self.md.treeprocessors["unescape"].run(note)
        text = to_html_string(note)
        for postprocessor in self.md.postprocessors:
            text = postprocessor.run(text)
        return text.strip()


def _is_instructor(element: ET.Element) -> bool:
    return f"admonition {aside_kinds.INSTRUCTOR}" == element.get("class")


def _instructor_blocks(root: ET.Element) -> Iterator[tuple[ET.Element, ET.Element]]:
    """(parent, block) for each outermost instructor block, in document order."""
    pending = [root]
    while pending:
        parent = pending.pop()
        for child in parent:
            if _is_instructor(child):
                yield parent, child  # nested instructor blocks leave with it
        pending.extend(c for c in reversed(parent) if not _is_instructor(c))


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    if child.tail and child.tail.strip():
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)
