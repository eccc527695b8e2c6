"""Text of .pptx graphic frames: tables, charts, SmartArt; what embedded objects are.

A graphic frame (``p:graphicFrame``) says what it holds by the URI of its ``a:graphicData``.
python-pptx reads tables and charts (but cannot name every chart type: its ``chart_type``
fails on 3-D bars), and has no class for SmartArt or OLE objects: their text and names are
read from the XML here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from moocstudio.importers.ooxml import Element, paragraph_texts, parse_part, qn

TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
OLE = "http://schemas.openxmlformats.org/presentationml/2006/ole"

KINDS = {TABLE: "table", CHART: "chart", DIAGRAM: "SmartArt graphic", OLE: "embedded object"}

# SmartArt point types that hold the author's text (ECMA-376 ST_PtType); the others are the
# document, presentation and transition points of the layout.
_CONTENT_POINTS = {"node", "asst"}
# Program ids of embedded objects (the part before the version), in words an author knows.
_OLE_PROGRAMS = {
    "excel.sheet": "Excel worksheet",
    "excel.chart": "Excel chart",
    "word.document": "Word document",
    "powerpoint.show": "PowerPoint presentation",
    "powerpoint.slide": "PowerPoint slide",
    "visio.drawing": "Visio drawing",
    "equation": "equation",
    "package": "file",
    "acroexch.document": "PDF document",
}


def graphic_uri(frame: Element) -> str:
    """The URI that says what a ``p:graphicFrame`` holds ("" when it says nothing)."""
    data = frame.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
    return str(data.get("uri", "")) if data is not None else ""


def table_rows(table: Any) -> Iterator[list[str]]:
    """The text of each cell of a python-pptx table, row by row.

    A merged cell is read once, at its origin (python-pptx moves the text of merged cells
    there, as PowerPoint does).
    """
    for row in table.rows:
        yield [cell.text_frame.text for cell in row.cells if not cell.is_spanned]


def chart_title(chart_space: Element) -> str:
    """The title a chart shows: rich text, or the cached text of the cell it comes from."""
    title = chart_space.find(f"{qn('c:chart')}/{qn('c:title')}/{qn('c:tx')}")
    if title is None:
        return ""
    rich = title.find(qn("c:rich"))
    if rich is not None:
        return " ".join(text for text, _ in paragraph_texts(rich) if text)
    cached = title.findall(f"{qn('c:strRef')}/{qn('c:strCache')}/{qn('c:pt')}/{qn('c:v')}")
    return " ".join(value.text or "" for value in cached)


def diagram_paragraphs(frame: Element, part: Any) -> list[tuple[str, int]]:
    """Text of a SmartArt graphic, node by node, in reading order, with outline levels.

    Read from the diagram's data part (the model the author edits): nodes in the order their
    parent-child connections give (``srcOrd``), which is the order of the SmartArt text pane,
    not the order of the points in the file. Nodes no connection reaches come last.

    Raises:
        KeyError: The data part is missing.
        lxml.etree.XMLSyntaxError: The data part is not XML.
    """
    relations = frame.find(f".//{qn('dgm:relIds')}")
    if relations is None:
        raise KeyError("the graphic names no diagram data")
    data = parse_part(part.related_part(relations.get(qn("r:dm"), "")).blob)
    points = data.findall(f"{qn('dgm:ptLst')}/{qn('dgm:pt')}")
    children: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for connection in data.iterfind(f"{qn('dgm:cxnLst')}/{qn('dgm:cxn')}"):
        if connection.get("type", "parOf") == "parOf":
            order = connection.get("srcOrd", "0")
            children[connection.get("srcId", "")].append(
                (int(order) if order.isdigit() else 0, connection.get("destId", ""))
            )
    texts = {
        point.get("modelId", ""): _point_paragraphs(point)
        for point in points
        if point.get("type", "node") in _CONTENT_POINTS
    }
    roots = [p.get("modelId", "") for p in points if p.get("type") == "doc"]
    ordered: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(root, -1) for root in reversed(roots)]
    while stack:  # depth first, children in srcOrd order; no recursion: diagrams can be deep
        node, level = stack.pop()
        if node in seen:  # a cycle in a damaged file
            continue
        seen.add(node)
        ordered += [(text, level) for text in texts.get(node, [])]
        below = sorted(children.get(node, []), reverse=True)
        stack += [(child, level + 1) for _, child in below]
    for node, paragraphs in texts.items():
        if node not in seen:
            ordered += [(text, 0) for text in paragraphs]
    return [(text, max(level, 0)) for text, level in ordered if text.strip()]


def _point_paragraphs(point: Element) -> list[str]:
    text = point.find(qn("dgm:t"))
    return [] if text is None else [t for t, _ in paragraph_texts(text)]


def embedded_object_kind(frame: Element) -> str:
    """What an OLE object is, in an author's words ("Excel worksheet"), from its program id."""
    ole = next(frame.iter(qn("p:oleObj")), None)
    program = str(ole.get("progId", "")) if ole is not None else ""
    segments = program.lower().split(".")
    for end in range(len(segments), 0, -1):  # "Excel.Sheet.12": the version is not the kind
        if name := _OLE_PROGRAMS.get(".".join(segments[:end])):
            return name
    return f"object ({program})" if program else "object"
