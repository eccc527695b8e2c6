"""An adversarial corpus of .pptx decks, built here with python-pptx plus lxml edits.

One builder per class of shape that real decks hold and that has broken importers: pictures
whose image sits in ``mc:AlternateContent`` (PowerPoint for Mac stores a PDF with a PNG
fallback), filled placeholders, SmartArt, 3-D charts, OLE objects, media, dangling
relationships, pictures in formats browsers cannot show, deep groups, odd text. The XML is
shaped the way PowerPoint (Mac and Windows), LibreOffice and Google Slides write it, after
ECMA-376 and Microsoft's extension namespaces; nothing is copied from other files.

The tests (``test_pptx_corpus.py``) and the benchmark (``benchmarks/bench_slides_corpus.py``)
both build their decks from :data:`CORPUS`. Every picture has a colour of its own
(:data:`COLOURS`), so a test can look for it in a rendered slide.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml import parse_xml
from pptx.util import Inches

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "a16": "http://schemas.microsoft.com/office/drawing/2014/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "ma14": "http://schemas.microsoft.com/office/mac/drawingml/2011/main",
    "v": "urn:schemas-microsoft-com:vml",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
_DECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())

# python-pptx's default template.
TITLE_SLIDE, TITLE_AND_CONTENT, TITLE_ONLY, BLANK, PICTURE_WITH_CAPTION = 0, 1, 5, 6, 8

# A colour per picture: tests find the picture in a rendered slide by it.
COLOURS = {
    "png": (214, 40, 40),
    "pdf": (40, 170, 60),
    "emf": (230, 120, 0),
    "wmf": (120, 40, 200),
    "svg": (0, 140, 200),
    "svg-fallback": (250, 220, 0),
    "tiff": (200, 0, 150),
    "ole-preview": (90, 90, 90),
}

_DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_OLE_URI = "http://schemas.openxmlformats.org/presentationml/2006/ole"
_RT_DIAGRAM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagram"
_RT_DIAGRAM_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"
_RT_MEDIA = "http://schemas.microsoft.com/office/2007/relationships/media"
_CT_DIAGRAM = "application/vnd.openxmlformats-officedocument.drawingml.diagram"
_PICTURE_EXT = {  # extension and content type of each picture format, as PowerPoint names them
    "png": ("png", "image/png"),
    "pdf": ("pdf", "application/pdf"),
    "emf": ("emf", "image/x-emf"),
    "wmf": ("wmf", "image/x-wmf"),
    "svg": ("svg", "image/svg+xml"),
    "tiff": ("tiff", "image/tiff"),
}


# --- Picture files ---------------------------------------------------------------------


def png_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (160, 120)) -> bytes:
    """A PNG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def pdf_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (160, 120)) -> bytes:
    """A one-page PDF (as PowerPoint for Mac stores a pasted PDF) filled with one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PDF", resolution=72)
    return out.getvalue()


def tiff_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (160, 120)) -> bytes:
    """A TIFF of one colour, LZW-compressed as scanners and macOS screenshots write them."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "TIFF", compression="tiff_lzw")
    return out.getvalue()


def svg_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (160, 120)) -> bytes:
    """An SVG rectangle of one colour."""
    width, height = size
    fill = "#{:02x}{:02x}{:02x}".format(*colour)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="{fill}"/></svg>'
    ).encode()


def emf_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (160, 120)) -> bytes:
    """An Enhanced Metafile (MS-EMF): one filled rectangle.

    Records: EMR_HEADER, EMR_CREATEBRUSHINDIRECT, EMR_SELECTOBJECT, EMR_RECTANGLE, EMR_EOF.
    Bounds are in device pixels, the frame in hundredths of a millimetre (at 96 dpi).
    """
    width, height = size
    red, green, blue = colour
    records = [
        struct.pack("<IIII", 39, 24, 1, 0) + struct.pack("<II", red | green << 8 | blue << 16, 0),
        struct.pack("<III", 37, 12, 1),
        struct.pack("<II4i", 43, 24, 0, 0, width, height),
        struct.pack("<IIIII", 14, 20, 0, 16, 20),
    ]
    body = b"".join(records)
    frame = (round(width * 2540 / 96), round(height * 2540 / 96))
    header = struct.pack(
        "<II4i4iIIIIHHIII2i2i",
        1,  # EMR_HEADER
        88,
        *(0, 0, width, height),
        *(0, 0, *frame),
        0x464D4520,  # " EMF"
        0x10000,
        88 + len(body),
        len(records) + 1,
        2,  # handles: the reserved one and the brush
        0,
        *(0, 0, 0),  # no description, no palette
        *(1920, 1080),  # reference device in pixels and millimetres
        *(508, 286),
    )
    return header + body


def wmf_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (160, 120)) -> bytes:
    """A placeable Windows Metafile (MS-WMF): one filled rectangle, 96 units per inch."""
    width, height = size
    red, green, blue = colour
    records = [
        struct.pack("<IHhh", 5, 0x020B, 0, 0),  # META_SETWINDOWORG
        struct.pack("<IHhh", 5, 0x020C, height, width),  # META_SETWINDOWEXT
        struct.pack("<IHHIH", 7, 0x02FC, 0, red | green << 8 | blue << 16, 0),  # brush
        struct.pack("<IHH", 4, 0x012D, 0),  # META_SELECTOBJECT
        struct.pack("<IHhhhh", 7, 0x041B, height, width, 0, 0),  # META_RECTANGLE
        struct.pack("<IH", 3, 0),  # META_EOF
    ]
    body = b"".join(records)
    header = struct.pack("<HHHIHIH", 1, 9, 0x300, (18 + len(body)) // 2, 1, 7, 0)
    placeable = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, width, height, 96, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", placeable):
        checksum ^= word
    return placeable + struct.pack("<H", checksum) + header + body


PICTURE_MAKERS: dict[str, Callable[[tuple[int, int, int]], bytes]] = {
    "png": png_bytes,
    "pdf": pdf_bytes,
    "emf": emf_bytes,
    "wmf": wmf_bytes,
    "svg": svg_bytes,
    "tiff": tiff_bytes,
}


# --- Package and XML helpers ---------------------------------------------------------------


def add_part(slide: Any, template: str, content_type: str, blob: bytes, reltype: str) -> str:
    """Add a part to the package, related from ``slide``; returns the relationship id."""
    package = slide.part.package
    part = Part(package.next_partname(template), content_type, package, blob)
    return slide.part.relate_to(part, reltype)


def add_picture_part(slide: Any, kind: str, colour: tuple[int, int, int]) -> str:
    """Add a picture of ``kind`` (png, pdf, emf, ...) to the package; returns its rId."""
    ext, content_type = _PICTURE_EXT[kind]
    blob = PICTURE_MAKERS[kind](colour)
    return add_part(slide, f"/ppt/media/image%d.{ext}", content_type, blob, RT.IMAGE)


def _fragment(xml: str) -> etree._Element:
    # Declare every prefix on the root element, as PowerPoint declares them on p:sld.
    tag_end = xml.index(" ") if xml.index(" ") < xml.index(">") else xml.index(">")
    return parse_xml(xml[:tag_end] + f" {_DECLS}" + xml[tag_end:])


def append_shape(slide: Any, xml: str) -> etree._Element:
    """Parse ``xml`` (one shape, or an mc:AlternateContent) and append it to the shape tree."""
    shape = _fragment(xml)
    slide.shapes._spTree.append(shape)
    return shape


def _xfrm(x: int, y: int, cx: int, cy: int, tag: str = "a:xfrm") -> str:
    return f'<{tag}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></{tag}>'


def _creation_id(guid: str) -> str:
    # PowerPoint 2016+ stamps every shape with a creation id in cNvPr's extension list.
    return (
        '<a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}">'
        f'<a16:creationId id="{{{guid}}}"/></a:ext>'
    )


def picture_xml(
    shape_id: int,
    name: str,
    blip_fill: str,
    *,
    descr: str | None = None,
    title: str | None = None,
    decorative: bool = False,
    placeholder: str = "",
    box: tuple[int, int, int, int] = (Inches(1), Inches(2), Inches(3), Inches(2)),
) -> str:
    """A ``p:pic`` as PowerPoint writes it; ``blip_fill`` is the XML between nvPicPr and spPr."""
    attributes = f' descr="{descr}"' if descr is not None else ""
    attributes += f' title="{title}"' if title is not None else ""
    extensions = _creation_id(f"0000{shape_id:04d}-1111-2222-3333-444455556666")
    if decorative:
        extensions += (
            '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative val="1"/></a:ext>'
        )
    locks = (
        '<a:picLocks noGrp="1" noChangeAspect="1"/>'
        if placeholder
        else ('<a:picLocks noChangeAspect="1"/>')
    )
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}"{attributes}>'
        f"<a:extLst>{extensions}</a:extLst></p:cNvPr>"
        f"<p:cNvPicPr>{locks}</p:cNvPicPr><p:nvPr>{placeholder}</p:nvPr></p:nvPicPr>"
        f"{blip_fill}"
        f'<p:spPr>{_xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def blip_fill(rid: str, blip_extensions: str = "") -> str:
    """A ``p:blipFill`` on the image related by ``rid``, stretched as PowerPoint does."""
    inner = f"<a:extLst>{blip_extensions}</a:extLst>" if blip_extensions else ""
    return (
        f'<p:blipFill><a:blip r:embed="{rid}">{inner}</a:blip>'
        "<a:stretch><a:fillRect/></a:stretch></p:blipFill>"
    )


def svg_blip_fill(png_rid: str, svg_rid: str) -> str:
    """SVG as PowerPoint 2016+ stores it: the blip is a PNG, the SVG an extension of it."""
    return blip_fill(
        png_rid,
        '<a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">'
        f'<asvg:svgBlip r:embed="{svg_rid}"/></a:ext>',
    )


def mac_pdf_blip_fill(pdf_rid: str, png_rid: str) -> str:
    """A pasted PDF as PowerPoint for Mac stores it: the PDF for Macs, a PNG for the others."""
    return (
        '<mc:AlternateContent><mc:Choice Requires="ma14">'
        f"{blip_fill(pdf_rid)}</mc:Choice><mc:Fallback>{blip_fill(png_rid)}</mc:Fallback>"
        "</mc:AlternateContent>"
    )


def text_box_xml(shape_id: int, name: str, paragraphs: list[str]) -> str:
    """A ``p:sp`` text box holding one ``a:p`` per string."""
    body = "".join(f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{p}</a:t></a:r></a:p>' for p in paragraphs)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        f"</p:nvSpPr><p:spPr>{_xfrm(Inches(1), Inches(1), Inches(4), Inches(1))}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{body}</p:txBody></p:sp>'
    )


def add_slide(prs: Any, layout: int, title: str | None = None) -> Any:
    """Add a slide on one of python-pptx's default layouts, with its title when given."""
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    if title is not None:
        slide.shapes.title.text = title
    return slide


def _new_presentation(title: str = "") -> Any:
    prs = Presentation()
    prs.core_properties.title = title
    return prs


def _remove(shape: Any) -> None:
    element_ = shape._element
    element_.getparent().remove(element_)


def _rewrite_zip(path: Path, *, drop: set[str]) -> None:
    """Rewrite the saved deck without the members in ``drop`` (a dangling relationship)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            if info.filename not in drop:
                target.writestr(info, source.read(info))


# --- The classes ---------------------------------------------------------------------------


def mac_pdf_placeholder(path: Path) -> Path:
    """PowerPoint for Mac: a filled picture placeholder whose image is a PDF with a PNG fallback.

    The placeholder's ``<p:ph type="pic"/>`` has no idx, so its idx is 0, as a title's is;
    python-pptx's ``shapes.title`` takes the first such placeholder. Slide 1 has the picture
    before its title, slide 2 has no title at all (a full-bleed photo layout).
    """
    prs = _new_presentation()
    for number in (1, 2):
        slide = add_slide(prs, PICTURE_WITH_CAPTION, "Where the data come from")
        slide.placeholders[2].text_frame.text = f"Caption {number}: survey of 2024"
        pdf = add_picture_part(slide, "pdf", COLOURS["pdf"])
        png = add_picture_part(slide, "png", COLOURS["png"])
        _remove(slide.placeholders[1])
        picture = picture_xml(
            10,
            "Picture Placeholder 9",
            mac_pdf_blip_fill(pdf, png),
            descr="Map of the survey sites",
            placeholder='<p:ph type="pic"/>',
        )
        if number == 2:  # before the picture goes in: then the title is the idx-0 placeholder
            _remove(slide.shapes.title)
        # Before the title: the first idx-0 placeholder of the tree.
        slide.shapes._spTree.insert(2, _fragment(picture))
    prs.save(path)
    return path


def placeholders(path: Path) -> Path:
    """Picture, table and chart in placeholders (shape type PLACEHOLDER), and an empty one.

    1. Picture with Caption: the picture placeholder filled, its caption.
    2. Title and Content: a table inserted into the content placeholder; PowerPoint keeps
       ``<p:ph idx="1"/>`` (no type) on the table's graphic frame.
    3. Title and Content: a chart in a chart placeholder.
    4. Picture with Caption: the picture placeholder left empty.
    """
    prs = _new_presentation()
    one = add_slide(prs, PICTURE_WITH_CAPTION, "A picture placeholder")
    one.placeholders[1].insert_picture(io.BytesIO(png_bytes(COLOURS["png"])))
    one.placeholders[1]._element._nvXxPr.cNvPr.set("descr", "Red square in a placeholder")
    one.placeholders[2].text_frame.text = "Its caption"

    two = add_slide(prs, TITLE_AND_CONTENT, "A table placeholder")
    two.placeholders[1]._element.ph.set("type", "tbl")
    table = two.placeholders[1].insert_table(2, 2).table
    for row, texts in enumerate([["Year", "Learners"], ["2025", "1 200"]]):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    del two.placeholders[1]._element.ph.attrib["type"]  # back to a content placeholder

    three = add_slide(prs, TITLE_AND_CONTENT, "A chart placeholder")
    three.placeholders[1]._element.ph.set("type", "chart")
    data = CategoryChartData()
    data.categories = ["2023", "2024"]
    data.add_series("Learners", (800, 1200))
    frame = three.placeholders[1].insert_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, data)
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = "Learners per year"

    four = add_slide(prs, PICTURE_WITH_CAPTION, "An empty picture placeholder")
    four.placeholders[2].text_frame.text = "Nothing was inserted above"
    prs.save(path)
    return path


SMARTART_NODES = [  # (text, level) in the order a reader meets them
    ("Plan", 0),
    ("Set the objectives", 1),
    ("Record", 0),
    ("Publish", 0),
    ("Under an open licence", 1),
]


def smartart(path: Path) -> Path:
    """SmartArt: a graphic frame with a diagram (python-pptx's shape_type is None).

    The data part is written as PowerPoint writes it after an edit: points are not in reading
    order ("Record" was inserted last), so order comes from the connections and their srcOrd;
    transitions ("parTrans", "sibTrans") and presentation points hold no text of the
    author's. The drawing part (the laid-out shapes PowerPoint caches for other readers) is
    there too, as are the layout, style and colour parts the relIds name.
    """
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_ONLY, "How a course is made")
    drawing_rid = add_part(
        slide,
        "/ppt/diagrams/drawing%d.xml",
        "application/vnd.ms-office.drawingml.diagramDrawing+xml",
        _diagram_drawing(),
        _RT_DIAGRAM_DRAWING,
    )
    rids = {
        kind: add_part(
            slide,
            f"/ppt/diagrams/{kind}%d.xml",
            f"{_CT_DIAGRAM}{content}+xml",
            blob,
            f"{_RT_DIAGRAM}{kind[0].upper()}{kind[1:]}",
        )
        for kind, content, blob in [
            ("data", "Data", _diagram_data(drawing_rid)),
            ("layout", "Layout", _diagram_definition("layoutDef", "layout/hierarchy1")),
            ("quickStyle", "Style", _diagram_definition("styleDef", "quickstyle/simple1")),
            ("colors", "Colors", _diagram_definition("colorsDef", "colors/accent1_2")),
        ]
    }
    append_shape(
        slide,
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Diagram 3">'
        f"<a:extLst>{_creation_id('5E1A1B2C-0000-4000-8000-000000000003')}</a:extLst>"
        "</p:cNvPr><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
        + _xfrm(Inches(1), Inches(2), Inches(8), Inches(4), "p:xfrm")
        + f'<a:graphic><a:graphicData uri="{_DIAGRAM_URI}">'
        f'<dgm:relIds r:dm="{rids["data"]}" r:lo="{rids["layout"]}" '
        f'r:qs="{rids["quickStyle"]}" r:cs="{rids["colors"]}"/></a:graphicData></a:graphic>'
        "</p:graphicFrame>",
    )
    prs.save(path)
    return path


def _diagram_text(text: str) -> str:
    if not text:
        return '<dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></dgm:t>'
    return (
        '<dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" dirty="0"/>'
        f"<a:t>{text}</a:t></a:r></a:p></dgm:t>"
    )


def _diagram_data(drawing_rid: str) -> bytes:
    guid = "{{0000000{0}-0000-4000-8000-00000000000{0}}}".format
    doc = guid("0")
    # modelId per node, in the order of SMARTART_NODES; parents by index.
    parents = [None, 0, None, None, 3]
    order_in_parent = [0, 0, 1, 2, 0]
    points = [
        f'<dgm:pt modelId="{doc}" type="doc"><dgm:prSet '
        'loTypeId="urn:microsoft.com/office/officeart/2005/8/layout/hierarchy1" '
        'qsTypeId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1" '
        'csTypeId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2" phldr="1"/>'
        f"<dgm:spPr/>{_diagram_text('')}</dgm:pt>"
    ]
    connections = []
    written_order = [0, 1, 3, 4, 2]  # "Record" (index 2) was added last
    for index in written_order:
        text = SMARTART_NODES[index][0]
        node = guid(index + 1)
        points.append(
            f'<dgm:pt modelId="{node}"><dgm:prSet phldrT="[Text]"/><dgm:spPr/>'
            f"{_diagram_text(text)}</dgm:pt>"
        )
        cxn = f"{{1000000{index}-0000-4000-8000-00000000000{index}}}"
        par = f"{{2000000{index}-0000-4000-8000-00000000000{index}}}"
        sib = f"{{3000000{index}-0000-4000-8000-00000000000{index}}}"
        points.append(
            f'<dgm:pt modelId="{par}" type="parTrans" cxnId="{cxn}"><dgm:prSet/><dgm:spPr/>'
            f"{_diagram_text('')}</dgm:pt>"
        )
        points.append(
            f'<dgm:pt modelId="{sib}" type="sibTrans" cxnId="{cxn}"><dgm:prSet/><dgm:spPr/>'
            f"{_diagram_text('')}</dgm:pt>"
        )
        points.append(
            f'<dgm:pt modelId="{{4000000{index}-0000-4000-8000-00000000000{index}}}" '
            f'type="pres"><dgm:prSet presAssocID="{node}" presName="text" '
            f'presStyleLbl="node1" presStyleIdx="{index}" presStyleCnt="5"/><dgm:spPr/></dgm:pt>'
        )
        parent = doc if parents[index] is None else guid(parents[index] + 1)
        connections.append(
            f'<dgm:cxn modelId="{cxn}" srcId="{parent}" destId="{node}" '
            f'srcOrd="{order_in_parent[index]}" destOrd="0" parTransId="{par}" '
            f'sibTransId="{sib}"/>'
        )
        connections.append(
            f'<dgm:cxn modelId="{{5000000{index}-0000-4000-8000-00000000000{index}}}" '
            f'type="presOf" srcId="{node}" '
            f'destId="{{4000000{index}-0000-4000-8000-00000000000{index}}}" srcOrd="0" '
            'destOrd="0" presId="urn:microsoft.com/office/officeart/2005/8/layout/hierarchy1"/>'
        )
    xml = (
        f'<dgm:dataModel xmlns:dgm="{NS["dgm"]}" xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}">'
        f"<dgm:ptLst>{''.join(points)}</dgm:ptLst><dgm:cxnLst>{''.join(connections)}</dgm:cxnLst>"
        '<dgm:bg/><dgm:whole/><dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/'
        f'drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="{NS["dsp"]}" relId="{drawing_rid}" '
        'minVer="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:ext></dgm:extLst>'
        "</dgm:dataModel>"
    )
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml.encode()


def _diagram_definition(root: str, unique: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:{root} '
        f'xmlns:dgm="{NS["dgm"]}" xmlns:a="{NS["a"]}" '
        f'uniqueId="urn:microsoft.com/office/officeart/2005/8/{unique}"/>'
    ).encode()


def _diagram_drawing() -> bytes:
    shapes = []
    for number, (text, level) in enumerate(SMARTART_NODES):
        x, y = Inches(1 + 2 * (number % 4)), Inches(2 + level)
        shapes.append(
            f'<dsp:sp modelId="{{6000000{number}-0000-4000-8000-00000000000{number}}}">'
            '<dsp:nvSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr>'
            + _xfrm(x, y, Inches(1.8), Inches(0.8))
            + '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom><a:solidFill>'
            '<a:srgbClr val="4472C4"/></a:solidFill></dsp:spPr><dsp:txBody><a:bodyPr/>'
            f'<a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>{text}</a:t></a:r></a:p>'
            "</dsp:txBody></dsp:sp>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<dsp:drawing xmlns:dsp="{NS["dsp"]}" xmlns:dgm="{NS["dgm"]}" xmlns:a="{NS["a"]}">'
        '<dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/>'
        f"</dsp:nvGrpSpPr><dsp:grpSpPr/>{''.join(shapes)}</dsp:spTree></dsp:drawing>"
    ).encode()


def chart_3d(path: Path) -> Path:
    """A 3-D bar chart (``c:bar3DChart``): a plot type python-pptx cannot name.

    Built as a clustered bar chart, then turned into the 3-D variant as Excel writes it:
    ``c:view3D``, floor and walls, and ``c:bar3DChart`` with its ``c:shape``.
    """
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_ONLY, "Completion rates")
    data = CategoryChartData()
    data.categories = ["Module 1", "Module 2", "Module 3"]
    data.add_series("Completed", (0.92, 0.81, 0.64))
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(1), Inches(2), Inches(8), Inches(4), data
    )
    chart = frame.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Share of learners who finished"
    chart_space = chart._chartSpace
    plot_area = chart_space.find(f"{{{NS['c']}}}chart/{{{NS['c']}}}plotArea")
    bar_chart = plot_area.find(f"{{{NS['c']}}}barChart")
    bar_chart.tag = f"{{{NS['c']}}}bar3DChart"
    overlap = bar_chart.find(f"{{{NS['c']}}}overlap")
    if overlap is not None:  # 3-D bars have no overlap, but a gap depth and a shape
        bar_chart.remove(overlap)
    first_axis = bar_chart.find(f"{{{NS['c']}}}axId")
    first_axis.addprevious(etree.fromstring(f'<c:shape xmlns:c="{NS["c"]}" val="box"/>'))
    chart_element = chart_space.find(f"{{{NS['c']}}}chart")
    view = etree.fromstring(
        f'<c:view3D xmlns:c="{NS["c"]}"><c:rotX val="15"/><c:rotY val="20"/>'
        '<c:rAngAx val="1"/></c:view3D>'
    )
    chart_element.find(f"{{{NS['c']}}}autoTitleDeleted").addnext(view)
    for wall in ("floor", "sideWall", "backWall"):
        view.addnext(
            etree.fromstring(f'<c:{wall} xmlns:c="{NS["c"]}"><c:thickness val="0"/></c:{wall}>')
        )
        view = view.getnext()
    prs.save(path)
    return path


def ole_object(path: Path) -> Path:
    """An embedded Excel worksheet (OLE), as PowerPoint 2010+ writes it.

    ``mc:AlternateContent``: the Choice names the shape (spid) in the slide's VML drawing part
    that shows the preview to readers that know VML; the Fallback carries the same preview
    picture (an EMF) inside ``p:oleObj``. The worksheet is a package part (a small .xlsx
    made here).
    """
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_ONLY, "The raw numbers")
    workbook = add_part(
        slide,
        "/ppt/embeddings/Microsoft_Excel_Worksheet%d.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _tiny_xlsx(),
        RT.PACKAGE,
    )
    preview = add_picture_part(slide, "emf", COLOURS["ole-preview"])
    ole = (
        '<p:oleObj {spid}name="Worksheet" r:id="{rid}" imgW="4876800" imgH="1828800" '
        'progId="Excel.Sheet.12"><p:embed/>'
    ).format
    vml_id = 'spid="_x0000_s1026" '
    _add_vml_preview(slide, "_x0000_s1026", preview)
    preview_picture = (
        '<p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f"{blip_fill(preview)}<p:spPr>{_xfrm(Inches(1), Inches(2), Inches(5), Inches(2))}"
        "</p:spPr></p:pic>"
    )
    append_shape(
        slide,
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Object 3"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></p:cNvGraphicFramePr>'
        "<p:nvPr/></p:nvGraphicFramePr>"
        + _xfrm(Inches(1), Inches(2), Inches(5), Inches(2), "p:xfrm")
        + f'<a:graphic><a:graphicData uri="{_OLE_URI}"><mc:AlternateContent>'
        f'<mc:Choice Requires="v">{ole(spid=vml_id, rid=workbook)}'
        f"</p:oleObj></mc:Choice><mc:Fallback>{ole(spid='', rid=workbook)}{preview_picture}"
        "</p:oleObj></mc:Fallback></mc:AlternateContent></a:graphicData></a:graphic>"
        "</p:graphicFrame>",
    )
    prs.save(path)
    return path


def _add_vml_preview(slide: Any, shape_id: str, image_rid: str) -> None:
    vml = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:'
        'office" xmlns:p="urn:schemas-microsoft-com:office:powerpoint"><o:shapelayout '
        'v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype '
        'id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" '
        'path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/>'
        '<v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/>'
        '<o:lock v:ext="edit" aspectratio="t"/></v:shapetype>'
        f'<v:shape id="{shape_id}" type="#_x0000_t75" style="position:absolute;left:72pt;'
        'top:144pt;width:360pt;height:144pt"><v:imagedata o:relid="rId1" o:title=""/>'
        "</v:shape></xml>"
    ).encode()
    package = slide.part.package
    drawing = Part(
        package.next_partname("/ppt/drawings/vmlDrawing%d.vml"),
        "application/vnd.openxmlformats-officedocument.vmlDrawing",
        package,
        vml,
    )
    slide.part.relate_to(drawing, RT.VML_DRAWING)
    drawing.relate_to(slide.part.related_part(image_rid), RT.IMAGE)


def _tiny_xlsx() -> bytes:
    spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    package_rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    document = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    members = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{package_rels}"><Relationship Id="rId1" '
            f'Type="{document}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{spreadsheet}" xmlns:r="{document}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package_rels}"><Relationship Id="rId1" '
            f'Type="{document}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{spreadsheet}"><sheetData><row r="1"><c r="A1"><v>42</v></c>'
            "</row></sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def media(path: Path) -> Path:
    """A movie (python-pptx's own), a sound as PowerPoint writes it, an empty media placeholder.

    The sound is a ``p:pic`` (its speaker icon) with ``a:audioFile`` and the ``p14:media``
    extension, both pointing at the same media part.
    """
    prs = _new_presentation()
    one = add_slide(prs, TITLE_ONLY, "A film")
    movie = io.BytesIO(b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    one.shapes.add_movie(movie, Inches(1), Inches(2), Inches(4), Inches(3), mime_type="video/mp4")

    two = add_slide(prs, TITLE_ONLY, "A sound")
    sound = b"\x00\x00\x00\x1cftypM4A " + bytes(64)
    embed = add_part(two, "/ppt/media/media%d.m4a", "audio/mp4", sound, _RT_MEDIA)
    link = two.part.relate_to(two.part.related_part(embed), RT.AUDIO)
    icon = add_picture_part(two, "png", COLOURS["png"])
    append_shape(
        two,
        '<p:pic><p:nvPicPr><p:cNvPr id="4" name="Audio 3" descr="Interview, 2 minutes">'
        '<a:hlinkClick r:id="" action="ppaction://media"/></p:cNvPr>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr>'
        f'<a:audioFile r:link="{link}"/><p:extLst>'
        '<p:ext uri="{DAA4B4D4-6D71-4841-9C94-3DE7FCFB9230}">'
        f'<p14:media r:embed="{embed}"/></p:ext></p:extLst></p:nvPr></p:nvPicPr>'
        f"{blip_fill(icon)}<p:spPr>{_xfrm(Inches(4), Inches(3), Inches(0.5), Inches(0.5))}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )

    three = add_slide(prs, TITLE_ONLY, "A media placeholder")
    append_shape(
        three,
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Media Placeholder 2"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="media" sz="quarter" idx="13"/>'
        "</p:nvPr></p:nvSpPr><p:spPr/></p:sp>",
    )
    prs.save(path)
    return path


def missing_image(path: Path) -> Path:
    """Pictures whose image is not in the file.

    1. The relationship is there, the part it names is not (a zip tool dropped it).
    2. A picture linked to a file on the author's disk (``r:link``, TargetMode External).
    3. An ordinary picture, to show the others cost nothing else.
    """
    prs = _new_presentation()
    for number, title in enumerate(["Dropped part", "Linked picture", "Embedded picture"], 1):
        slide = add_slide(prs, TITLE_ONLY, title)
        if number == 1:
            rid = add_part(
                slide, "/ppt/media/image%d.png", "image/png", png_bytes((1, 2, 3)), RT.IMAGE
            )
            fill = blip_fill(rid)
        elif number == 2:
            rid = slide.part.relate_to(
                "file:///C:/Users/ana/Pictures/map.png", RT.IMAGE, is_external=True
            )
            fill = (
                f'<p:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
                "</p:blipFill>"
            )
        else:
            fill = blip_fill(add_picture_part(slide, "png", COLOURS["png"]))
        append_shape(slide, picture_xml(4, "Picture 3", fill, descr=f"{title} alt"))
    prs.save(path)
    dropped = prs.slides[0].part.related_part(prs.slides[0].shapes[1]._element.blip_rId).partname
    _rewrite_zip(path, drop={dropped.lstrip("/")})
    return path


PICTURE_SLIDES = [  # (slide title, how the picture is stored, alt attributes)
    ("EMF", "emf", {"descr": "Orange EMF diagram"}),
    ("WMF", "wmf", {"descr": "Purple WMF clip art"}),
    ("SVG", "svg", {"descr": "Blue SVG icon"}),
    ("SVG with PNG fallback", "svg+png", {"descr": "Blue SVG icon with a yellow PNG"}),
    ("TIFF", "tiff", {"title": "Magenta TIFF scan"}),  # older PowerPoint: a title, no descr
    ("PDF", "pdf", {"descr": "Green PDF figure"}),
    ("Decorative", "png", {"descr": "A flourish", "decorative": True}),
]


def picture_formats(path: Path) -> Path:
    """One picture per slide in EMF, WMF, SVG, TIFF and PDF, plus SVG with its PNG fallback.

    The bare SVG blip is how LibreOffice and Google Slides store SVG; PowerPoint 2016+ stores
    a PNG blip with the SVG as ``asvg:svgBlip``. The TIFF's description is in ``title`` only,
    as PowerPoint 2010 wrote it; the last picture is marked decorative (``adec:decorative``).
    """
    prs = _new_presentation()
    for title, stored, alt in PICTURE_SLIDES:
        slide = add_slide(prs, TITLE_ONLY, title)
        if stored == "svg+png":
            fill = svg_blip_fill(
                add_picture_part(slide, "png", COLOURS["svg-fallback"]),
                add_picture_part(slide, "svg", COLOURS["svg"]),
            )
        else:
            fill = blip_fill(add_picture_part(slide, stored, COLOURS[stored]))
        append_shape(slide, picture_xml(4, "Picture 3", fill, **alt))
    prs.save(path)
    return path


GROUP_DEPTH = 5


def nested_groups(path: Path) -> Path:
    """Groups nested five deep, text at every depth and a picture at the bottom."""
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_ONLY, "Deep groups")
    shapes = slide.shapes
    for depth in range(1, GROUP_DEPTH + 1):
        group = shapes.add_group_shape()
        box = group.shapes.add_textbox(Inches(1), Inches(depth), Inches(3), Inches(0.5))
        box.text_frame.text = f"depth {depth}"
        shapes = group.shapes
    picture = shapes.add_picture(io.BytesIO(png_bytes(COLOURS["png"])), Inches(5), Inches(3))
    picture._element._nvXxPr.cNvPr.set("descr", "The deepest picture")
    prs.save(path)
    return path


def line_breaks(path: Path) -> Path:
    """Vertical tab (``\\x0b``) line breaks: python-pptx and PowerPoint write ``<a:br/>``."""
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_AND_CONTENT, "First line\x0bsecond line")
    body = slide.placeholders[1].text_frame
    body.text = "Name:\x0bAda Lovelace"
    body.add_paragraph().text = "One\x0b\x0bTwo after an empty line"
    slide.notes_slide.notes_text_frame.text = "Say it\x0bslowly"
    prs.save(path)
    return path


ASTRAL = "𐌰𐌱𐌲 (Gothic), 𝔼 = 𝑚𝑐², 🎓"


def astral_text(path: Path) -> Path:
    """Text outside the Basic Multilingual Plane in title, body, notes and alt text."""
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_AND_CONTENT, f"Alphabet {ASTRAL[:3]}")
    slide.placeholders[1].text_frame.text = ASTRAL
    slide.notes_slide.notes_text_frame.text = f"Read {ASTRAL[:3]} aloud"
    picture = slide.shapes.add_picture(io.BytesIO(png_bytes(COLOURS["png"])), Inches(6), Inches(5))
    picture._element._nvXxPr.cNvPr.set("descr", f"Letters {ASTRAL[:3]}")
    prs.save(path)
    return path


def empty_title(path: Path) -> Path:
    """Title placeholders with nothing in them, or only spaces, and a slide titled normally."""
    prs = _new_presentation()
    one = add_slide(prs, TITLE_AND_CONTENT)
    one.placeholders[1].text_frame.text = "Body under an empty title"
    add_slide(prs, TITLE_ONLY, "   ")
    add_slide(prs, TITLE_ONLY, "A real title")
    prs.save(path)
    return path


HIDDEN_SHOW = ["1", "0", "true", "false", None]  # show= of slides 1-5 (None: no attribute)


def hidden_slides(path: Path) -> Path:
    """Slides hidden with show="0" (PowerPoint) and show="false" (other writers)."""
    prs = _new_presentation()
    for number, show in enumerate(HIDDEN_SHOW, 1):
        slide = add_slide(prs, TITLE_AND_CONTENT, f"Slide {number}")
        slide.placeholders[1].text_frame.text = f"show={show}"
        if show is not None:
            slide._element.set("show", show)
    prs.save(path)
    return path


def damaged_parts(path: Path) -> Path:
    """Parts the deck names but does not hold, and an attribute python-pptx cannot parse.

    1. A chart whose chart part is gone: the shape cannot be read at all.
    2. A paragraph level that is not a number (``lvl="two"``): its text can still be read.
    3. A slide whose own part is gone: only its place in the deck remains.
    4. An ordinary slide after them.
    """
    prs = _new_presentation()
    one = add_slide(prs, TITLE_ONLY, "Chart without its part")
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    frame = one.shapes.add_chart(
        XL_CHART_TYPE.PIE, Inches(1), Inches(2), Inches(4), Inches(3), data
    )
    chart_part = frame.chart.part.partname.lstrip("/")
    two = add_slide(prs, TITLE_AND_CONTENT, "Odd level")
    two.placeholders[1].text_frame.text = "Still readable"
    two.placeholders[1].text_frame.paragraphs[0]._p.get_or_add_pPr().set("lvl", "two")
    three = add_slide(prs, TITLE_ONLY, "Lost slide")
    lost = three.part.partname.lstrip("/")
    add_slide(prs, TITLE_ONLY, "Last slide")
    prs.save(path)
    _rewrite_zip(path, drop={chart_part, lost, lost.replace("slides/", "slides/_rels/") + ".rels"})
    return path


def equation(path: Path) -> Path:
    """A text box holding an equation, as PowerPoint 2010+ writes it.

    The whole shape is an ``mc:AlternateContent``: the Choice (Requires="a14") has the text
    with the equation in ``a14:m`` (Office Math); the Fallback, for readers without a14, is
    the same box filled with a picture of it, its text a blank.
    """
    prs = _new_presentation()
    slide = add_slide(prs, TITLE_ONLY, "Pythagoras")
    picture = add_picture_part(slide, "png", COLOURS["png"])
    box = _xfrm(Inches(1), Inches(2), Inches(6), Inches(1))
    square = (
        "<m:sSup><m:e><m:r><m:t>{}</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup>"
    )
    maths = (
        "<a14:m><m:oMath>"
        + square.format("a")
        + "<m:r><m:t>+</m:t></m:r>"
        + square.format("b")
        + "<m:r><m:t>=</m:t></m:r>"
        + square.format("c")
        + "</m:oMath></a14:m>"
    )
    properties = (
        '<p:nvSpPr><p:cNvPr id="4" name="TextBox 3"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
    )
    append_shape(
        slide,
        '<mc:AlternateContent><mc:Choice Requires="a14"><p:sp>'
        f'{properties}<p:spPr>{box}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/>'
        f"<a:t>In a right triangle, </a:t></a:r>{maths}</a:p></p:txBody></p:sp></mc:Choice>"
        f"<mc:Fallback><p:sp>{properties}<p:spPr>{box}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:blipFill><a:blip r:embed="{picture}"/><a:stretch><a:fillRect/></a:stretch>'
        "</a:blipFill></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr "
        'lang="en-GB"><a:noFill/></a:rPr><a:t> </a:t></a:r></a:p></p:txBody></p:sp>'
        "</mc:Fallback></mc:AlternateContent>",
    )
    prs.save(path)
    return path


CORPUS: dict[str, Callable[[Path], Path]] = {
    "picture placeholder, PDF with PNG fallback (Mac)": mac_pdf_placeholder,
    "picture, table, chart placeholders": placeholders,
    "SmartArt": smartart,
    "3-D chart (bar3DChart)": chart_3d,
    "OLE object (Excel)": ole_object,
    "movie, sound, empty media placeholder": media,
    "missing and linked images": missing_image,
    "EMF, WMF, SVG, TIFF, PDF pictures": picture_formats,
    "groups nested 5 deep": nested_groups,
    "vertical-tab line breaks": line_breaks,
    "text outside the BMP": astral_text,
    "empty titles": empty_title,
    "hidden slides": hidden_slides,
    "equation in a text box (a14)": equation,
    "damaged parts": damaged_parts,
}
"""Every class of the corpus: a label for tables, and the builder that writes the deck."""


def build(name: str, folder: Path) -> Path:
    """Build the deck of class ``name`` in ``folder``; returns its path."""
    builder = CORPUS[name]
    return builder(folder / f"{builder.__name__}.pptx")
