"""Office Open XML that python-pptx leaves to its callers: namespaces, markup compatibility.

python-pptx models the shapes of ECMA-376 itself. Real decks also hold Microsoft's extensions
(SVG blips, decorative flags, SmartArt drawings) and ``mc:AlternateContent`` blocks, where one
writer offers several versions of the same content (ECMA-376 Part 3, Markup Compatibility);
python-pptx does not look inside those, so the readers here do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from moocstudio.importers.zip_copy import copy_with_changed_parts

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
}

# Extension namespaces whose content the readers here handle: DrawingML 2010 (a14). PowerPoint
# wraps every text box that holds an equation (a14:m) in a Choice that requires it; the
# Fallback is a picture of the box whose text is a blank, so the Choice is read for its text.
UNDERSTOOD = frozenset({"http://schemas.microsoft.com/office/drawing/2010/main"})

# lxml elements carry no type information for mypy: one alias names them.
Element = Any

# Parts python-pptx does not parse itself (SmartArt data) are parsed here, as untrusted XML:
# no entities, no network, no DTD, and libxml2's default depth and size limits.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def qn(name: str) -> str:
    """Clark notation of a prefixed name: ``qn("a:blip")`` is ``{http://...}blip``."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse_part(blob: bytes) -> Element:
    """The root element of an XML part that python-pptx keeps as bytes.

    Raises:
        lxml.etree.XMLSyntaxError: The part is not well-formed XML.
    """
    return etree.fromstring(blob, _PARSER)


def alternate_branch(alternate: Element) -> Element | None:
    """The branch of an ``mc:AlternateContent`` that moocstudio reads (ECMA-376 Part 3).

    The first Choice whose required namespaces are all understood here; else the Fallback,
    which holds the content for readers of the base schema (a PNG beside a Mac PDF, the
    picture beside an OLE object's VML shape); without a Fallback, the first Choice.
    """
    for choice in alternate.iterfind(qn("mc:Choice")):
        required = str(choice.get("Requires", "")).split()
        if required and all(choice.nsmap.get(prefix) in UNDERSTOOD for prefix in required):
            return choice
    fallback = alternate.find(qn("mc:Fallback"))
    return fallback if fallback is not None else alternate.find(qn("mc:Choice"))


def alternate_branches(alternate: Element) -> Iterator[Element]:
    """Every branch of an ``mc:AlternateContent``: the Fallback first, then the Choices."""
    fallback = alternate.find(qn("mc:Fallback"))
    if fallback is not None:
        yield fallback
    yield from alternate.iterfind(qn("mc:Choice"))


def paragraph_texts(element: Element) -> Iterator[tuple[str, int]]:
    """Text and outline level of every DrawingML paragraph (``a:p``) under ``element``.

    Reads the XML directly: it works where python-pptx's objects fail (a malformed level,
    a shape python-pptx has no class for). A line break (``a:br``) becomes a newline.
    """
    for paragraph in element.iter(qn("a:p")):
        pieces = []
        for node in paragraph.iter(qn("a:t"), qn("a:br")):
            pieces.append("\n" if node.tag == qn("a:br") else node.text or "")
        properties = paragraph.find(qn("a:pPr"))
        level = properties.get("lvl", "0") if properties is not None else "0"
        yield "".join(pieces), int(level) if level.isdigit() and len(level) == 1 else 0


_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Outside targets become this relative name, which resolves to nothing beside the copy.
_NOWHERE = "moocstudio-removed-outside-link"


def copy_without_outside_links(source: Path, target: Path) -> int:
    """Copy an OOXML package, pointing its links to outside files and URLs nowhere.

    A deck can link a picture, a video or an object to ``file:///...`` or ``https://...``
    instead of embedding it; LibreOffice fetches such links when it draws the slides, which
    would put a file of the author's (or a stranger's page) into a published slide image.
    Hyperlinks stay: they are only followed when clicked. The common case, a deck with no such
    link, is a plain file copy.

    Returns:
        How many relationship parts were changed.

    Raises:
        OSError: ``source`` cannot be read or ``target`` written.
        zipfile.BadZipFile: ``source`` is not a zip archive.
    """
    return copy_with_changed_parts(
        source, target, lambda name: name.endswith(".rels"), _without_outside_targets
    )


def _without_outside_targets(rels: bytes) -> bytes | None:
    try:
        root = parse_part(rels)
    except etree.XMLSyntaxError:
        return None  # python-pptx read the package, so this part is not one it needed
    cut = False
    for relationship in root.iter(_RELATIONSHIPS):
        outside = relationship.get("TargetMode") == "External"
        if outside and not relationship.get("Type", "").endswith("/hyperlink"):
            relationship.set("Target", _NOWHERE)
            cut = True
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8")) if cut else None
