"""OpenDocument files (LibreOffice's own formats): which kind a file is, from its content.

A zipped ODF file (.odp, .otp, .odt...) names its kind in a first, uncompressed ``mimetype``
entry; a flat one (.fodp) is a single XML file whose root element carries ``office:mimetype``
(OpenDocument 1.3, part 2, 3.3 and part 3, 3.1.2).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from moocstudio.importers.zip_copy import copy_with_changed_parts

PRESENTATION_TYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.oasis.opendocument.presentation-template",
    }
)
_OTHER_KINDS = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text document (.odt)",
    "application/vnd.oasis.opendocument.text-template": "an OpenDocument text template (.ott)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.graphics": "an OpenDocument drawing (.odg)",
}
_MIMETYPE_MAX = 100
_FLAT_MIMETYPE = re.compile(rb'office:mimetype\s*=\s*"([^"]{1,100})"')
_XML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<")


def zip_mimetype(archive: zipfile.ZipFile) -> str:
    """The ``mimetype`` entry of a zipped ODF file, or "" when the zip has none."""
    try:
        data = archive.read("mimetype")[:_MIMETYPE_MAX]
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        return ""
    return data.decode("ascii", "replace").strip()


def flat_mimetype(head: bytes) -> str:
    """The ``office:mimetype`` of a flat ODF file from its first KB, or "" for other files."""
    if not _XML_START.match(head):
        return ""
    match = _FLAT_MIMETYPE.search(head)
    return match.group(1).decode("ascii", "replace") if match else ""


def is_encrypted(archive: zipfile.ZipFile) -> bool:
    """A password-protected ODF file: its manifest says how each part is encrypted."""
    try:
        manifest = archive.read("META-INF/manifest.xml")
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        return False
    return b"encryption-data" in manifest


def describe_other(mimetype: str) -> str:
    """Why an OpenDocument file that is not a presentation is refused, and what to do."""
    kind = _OTHER_KINDS.get(mimetype, "an OpenDocument file")
    if mimetype.startswith("application/vnd.oasis.opendocument.text"):
        return f"is {kind}, not a presentation; save it as markdown (.md) to import it as a page"
    return f"is {kind}, not a presentation; import an Impress presentation (.odp) instead"


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
# Hyperlinks stay: they are only followed when clicked, which never happens here.
_HYPERLINKS = frozenset({f"{{{_TEXT_NS}}}a", f"{{{_DRAW_NS}}}a"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Flat files carry their pictures as base64 text nodes, larger than libxml2's default limit;
# entities stay unresolved and the network closed, so the limit guards nothing here.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def copy_without_outside_links(source: Path, target: Path) -> int:
    """Copy an OpenDocument file (zipped or flat) without its links to outside files.

    A presentation can show a picture, a film or an object from ``file:///...``, ``../x.png``
    or ``https://...`` instead of holding it, and run a script from an event
    (``vnd.sun.star.script:...``); LibreOffice would fetch or run these while it converts or
    draws the slides. Hyperlinks stay. A file with no such reference is copied as it is.

    Returns:
        How many XML documents were changed.

    Raises:
        OSError: ``source`` cannot be read or ``target`` written.
        zipfile.BadZipFile: ``source`` is neither a zip nor flat XML that can be read.
    """
    data = source.read_bytes()
    if not data.startswith(b"PK"):
        cut = _without_outside_links(data)
        target.write_bytes(cut if cut is not None else data)
        return int(cut is not None)
    return copy_with_changed_parts(
        source, target, lambda name: name.endswith(".xml"), _without_outside_links
    )


def _without_outside_links(document: bytes) -> bytes | None:
    if b"href" not in document:
        return None
    try:
        root = etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError:
        return None  # LibreOffice cannot read it either: nothing in it will be fetched
    cut = False
    for element in root.iter():
        target = element.get(_XLINK_HREF) if isinstance(element.tag, str) else None
        if target is None or element.tag in _HYPERLINKS or _inside(target):
            continue
        # Removed, not redirected: a relative name would be looked for inside the package, and
        # LibreOffice refuses a package that names a part it does not hold.
        del element.attrib[_XLINK_HREF]
        cut = True
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8")) if cut else None


def _inside(reference: str) -> bool:
    """A reference to a part of the package itself: relative, never above it."""
    reference = reference.strip()
    if not reference or _SCHEME.match(reference) or reference.startswith(("/", "\\")):
        return False
    parts = reference.replace("\\", "/").split("/")
    return ".." not in parts
