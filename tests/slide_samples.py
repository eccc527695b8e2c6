"""Slide files of every kind teachers hold, made here per test: nothing binary is committed.

* PowerPoint flavours (.ppsx, .potx, .pptm, .ppsm, .potm) from a python-pptx deck, their main
  content type rewritten as PowerPoint writes it, macro-enabled ones with a VBA project part
  (and its signature) the way PowerPoint stores them.
* PDFs written object by object (text in Helvetica at given sizes, an outline pointing at
  pages either directly or through named destinations as LaTeX does, annotations, rotation),
  so that the PDF importer is tested where LibreOffice is absent.
* Encrypted files made by the libraries that encrypt them as Office and PDF tools do
  (msoffcrypto-tool, pypdf), and LibreOffice conversions (.odp, .pdf) for the real shapes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation

from moocstudio.importers.libreoffice import convert, find_soffice
from tests.waiting import EVENT_TIMEOUT_S

TITLE_AND_CONTENT = 1
PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = {
    ".ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    ".potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    ".pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ".ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    ".potm": "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    ".ppam": "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml",
}
# An OLE compound file's signature, then the text a VBA module carries: enough to be found.
VBA_PROJECT = bytes.fromhex("D0CF11E0A1B11AE1") + b'Attribute VB_Name = "Module1"' + bytes(64)
_VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_SIGNATURE_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature"
PRINTER_SETTINGS = b"application/vnd.openxmlformats-officedocument.presentationml.printerSettings"
_PRINTER_DEFAULT = b'<Default Extension="bin" ContentType="%s"/>' % PRINTER_SETTINGS
PRINTER_OVERRIDE = (
    b'<Override PartName="/ppt/printerSettings/printerSettings1.bin" ContentType="%s"/>'
    % PRINTER_SETTINGS
)
_VBA_TYPES = (
    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    + PRINTER_OVERRIDE
    + b'<Override PartName="/ppt/vbaProjectSignature.bin" '
    b'ContentType="application/vnd.ms-office.vbaProjectSignature"/>'
)


@dataclass(frozen=True)
class SlideSpec:
    """One slide of a test deck."""

    title: str
    bullets: Sequence[str] = ()
    notes: str = ""
    hidden: bool = False


FRENCH_DECK = (
    SlideSpec("Photosynthèse", ("La lumière est captée", "Le CO₂ est fixé"), "Dire bonjour."),
    SlideSpec("Énergie", ("Chlorophylle",), "Montrer le schéma."),
    SlideSpec("Questions ?", ()),
)


def powerpoint_deck(path: Path, slides: Sequence[SlideSpec] = FRENCH_DECK) -> Path:
    """A python-pptx deck with titles, bullets, notes and hidden slides as given."""
    prs = Presentation()
    prs.core_properties.title = ""
    for spec in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
        slide.shapes.title.text = spec.title
        frame = slide.placeholders[1].text_frame
        for number, bullet in enumerate(spec.bullets):
            (frame.paragraphs[0] if number == 0 else frame.add_paragraph()).text = bullet
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
        if spec.hidden:
            slide._element.set("show", "0")
    prs.save(path)
    return path


def retyped_deck(pptx: Path, target: Path, *, macros: bool | None = None) -> Path:
    """``pptx`` as the flavour that ``target``'s extension names, as PowerPoint saves it.

    Macro-enabled flavours (and ``macros=True``) get a VBA project part, declared by
    extension as PowerPoint does, with a signature hanging off its own relationships.
    """
    main_type = MAIN_TYPES.get(target.suffix.lower(), PRESENTATION)
    with_macros = macros if macros is not None else "macroEnabled" in main_type
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(PRESENTATION.encode(), main_type.encode())
                if with_macros:  # the .bin Default goes to the project, as PowerPoint does
                    data = data.replace(_PRINTER_DEFAULT, _VBA_TYPES)
            elif info.filename == "ppt/_rels/presentation.xml.rels" and with_macros:
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdVba" Type="{_VBA_REL}" Target="vbaProject.bin"/>'
                    "</Relationships>".encode(),
                )
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        if with_macros:
            out.writestr("ppt/vbaProject.bin", VBA_PROJECT)
            out.writestr(
                "ppt/_rels/vbaProject.bin.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships"><Relationship Id="rId1" Type="{_SIGNATURE_REL}" '
                'Target="vbaProjectSignature.bin"/></Relationships>',
            )
            out.writestr("ppt/vbaProjectSignature.bin", b"signed by nobody")
    return target


def locked_deck(pptx: Path, target: Path, password: str = "secret") -> Path:
    """``pptx`` encrypted with a password, as PowerPoint's "Encrypt with Password" does."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(pptx.read_bytes())).encrypt(password, out)
    target.write_bytes(out.getvalue())
    return target


ODP = "application/vnd.oasis.opendocument.presentation"
ODT = "application/vnd.oasis.opendocument.text"


def odf_zip(
    path: Path,
    mimetype: str = ODP,
    *,
    content: bytes | str = "<office:document-content/>",
    manifest: str | None = None,
) -> Path:
    """A zipped OpenDocument file as far as its kind goes: its mimetype first, then parts."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        if manifest is not None:
            archive.writestr("META-INF/manifest.xml", manifest)
    return path


def libreoffice_convert(source: Path, target: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice (``target`` as for --convert-to), into ``folder``."""
    soffice = find_soffice()
    assert soffice is not None, "the test should be marked needs_soffice"
    extension = target.split(":")[0]
    work = folder / f"convert-{source.stem}-{extension}"
    work.mkdir(parents=True)
    result = convert(soffice, [source], target, work, timeout=EVENT_TIMEOUT_S)
    converted = work / f"{source.stem}.{extension}"
    assert result.ok and converted.is_file(), result.stderr_tail
    return converted.replace(folder / converted.name)


# --- PDF ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfPage:
    """A page: lines of (text, font size) from the top, and what else it carries."""

    lines: Sequence[tuple[str, float]] = ()
    width: float = 720.0
    height: float = 405.0
    rotate: int = 0
    red_annotation: str = ""  # a filled red square annotation holding this note


@dataclass(frozen=True)
class Bookmark:
    """An outline entry pointing at a page (0-based); ``named`` goes through a GoTo action."""

    title: str
    page: int
    children: Sequence[Bookmark] = ()
    named: bool = False


@dataclass
class _PdfWriter:
    objects: list[bytes] = field(default_factory=list)

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, data: bytes, extra: bytes = b"") -> int:
        return self.add(
            b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"
        )

    def bytes(self, root: int, info: int | None) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        trailer = b"/Size %d /Root %d 0 R" % (len(self.objects) + 1, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16 with a byte order mark, in hex (any script)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _page_string(text: str) -> bytes:
    """Text for Helvetica in WinAnsiEncoding (cp1252), escaped as a literal string."""
    escaped = bytearray()
    for byte in text.encode("cp1252"):
        if byte in b"()\\" or byte > 126:
            escaped += b"\\%03o" % byte
        else:
            escaped.append(byte)
    return b"(" + bytes(escaped) + b")"


def write_pdf(
    path: Path,
    pages: Sequence[PdfPage],
    *,
    outline: Sequence[Bookmark] = (),
    title: str | None = None,
) -> Path:
    """A PDF with these pages, outline and document title, written object by object."""
    pdf = _PdfWriter()
    catalog, tree = pdf.reserve(), pdf.reserve()
    font = pdf.add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    page_ids = [_add_page(pdf, page, tree, font) for page in pages]
    kids = b" ".join(b"%d 0 R" % number for number in page_ids)
    pdf.set(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    extra = b""
    if outline:
        names: list[tuple[bytes, int]] = []
        outlines = pdf.reserve()
        first, last, count = _add_bookmarks(pdf, outline, outlines, page_ids, names)
        pdf.set(
            outlines,
            b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (first, last, count),
        )
        extra += b" /Outlines %d 0 R /PageMode /UseOutlines" % outlines
        if names:
            pairs = b" ".join(
                b"(%s) [%d 0 R /Fit]" % (name, page_ids[page]) for name, page in sorted(names)
            )
            extra += b" /Names << /Dests << /Names [%s] >> >>" % pairs
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, extra))
    info = (
        pdf.add(b"<< /Title %s /Producer (moocstudio tests) >>" % pdf_text(title))
        if title
        else None
    )
    path.write_bytes(pdf.bytes(catalog, info))
    return path


def _add_page(pdf: _PdfWriter, page: PdfPage, tree: int, font: int) -> int:
    content = bytearray()
    y = page.height - 40
    for text, size in page.lines:
        y -= size * 1.3
        content += b"BT /F1 %.1f Tf 40 %.1f Td %s Tj ET\n" % (size, y, _page_string(text))
    contents = pdf.stream(bytes(content))
    extra = b""
    if page.rotate:
        extra += b" /Rotate %d" % page.rotate
    if page.red_annotation:
        box = b"0 0 %.1f %.1f" % (page.width, page.height)
        look = pdf.stream(
            b"1 0 0 rg %s re f" % box, b"/Type /XObject /Subtype /Form /BBox [%s]" % box
        )
        note = pdf.add(
            b"<< /Type /Annot /Subtype /Square /Rect [%s] /C [1 0 0] /IC [1 0 0] /Contents %s "
            b"/AP << /N %d 0 R >> >>" % (box, pdf_text(page.red_annotation), look)
        )
        extra += b" /Annots [%d 0 R]" % note
    return pdf.add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.1f %.1f] /Resources << /Font << /F1 %d "
        b"0 R >> >> /Contents %d 0 R%s >>" % (tree, page.width, page.height, font, contents, extra)
    )


def _add_bookmarks(
    pdf: _PdfWriter,
    entries: Sequence[Bookmark],
    parent: int,
    page_ids: list[int],
    names: list[tuple[bytes, int]],
) -> tuple[int, int, int]:
    """Write sibling entries; returns the first's and the last's numbers and their count."""
    numbers = [pdf.reserve() for _ in entries]
    total = len(entries)
    for index, (entry, number) in enumerate(zip(entries, numbers, strict=True)):
        body = b"<< /Title %s /Parent %d 0 R" % (pdf_text(entry.title), parent)
        if index:
            body += b" /Prev %d 0 R" % numbers[index - 1]
        if index + 1 < len(numbers):
            body += b" /Next %d 0 R" % numbers[index + 1]
        if entry.named:
            name = b"dest.%d" % len(names)
            names.append((name, entry.page))
            body += b" /A << /S /GoTo /D (%s) >>" % name
        else:
            body += b" /Dest [%d 0 R /Fit]" % page_ids[entry.page]
        if entry.children:
            first, last, count = _add_bookmarks(pdf, entry.children, number, page_ids, names)
            body += b" /First %d 0 R /Last %d 0 R /Count %d" % (first, last, count)
            total += count
        pdf.set(number, body + b" >>")
    return numbers[0], numbers[-1], total


def encrypted_pdf(pdf: Path, target: Path, password: str = "secret") -> Path:
    """``pdf`` protected by a password to open it (RC4 128, as older Acrobat versions did)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=pdf)
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with target.open("wb") as out:
        writer.write(out)
    return target
