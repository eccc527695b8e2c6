"""OpenDocument files (LibreOffice's own formats): which kind a file is, from its content.

A zipped ODF file (.odp, .otp, .odt...) names its kind in a first, uncompressed ``mimetype``
entry; a flat one (.fodp) is a single XML file whose root element carries ``office:mimetype``
(OpenDocument 1.3, part 2, 3.3 and part 3, 3.1.2).
"""

from __future__ import annotations

import re
import zipfile
import zlib

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
