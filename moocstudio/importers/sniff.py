"""Tell which importer a file needs from its content, so a misnamed file is caught early.

The extension is only a hint: a PowerPoint deck (.pptx, .ppsx, .potx, .pptm...) is a zip whose
``[Content_Types].xml`` declares a presentation, show or template main part; an Impress
presentation names itself in its ``mimetype`` entry (or, flat, in its root element); a PDF
starts with ``%PDF``; media files start with well-known signatures, and a page is UTF-8 text.
A file whose name promises one kind while its bytes say another (notes.txt renamed lecture.mp4,
a text document named .odp) is refused with that explanation.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Literal

from moocstudio.errors import ImportFailed
from moocstudio.importers import odf
from moocstudio.importers.presentation_package import ADDIN_REFUSAL, PackageError, read_package

SourceKind = Literal["slides", "pdf-slides", "page", "video", "quiz"]

_HEAD_BYTES = 8192  # enough for every signature below and a fair look at text
_TS_PACKET = 188
_M2TS_PACKET = 192  # Blu-ray/AVCHD transport stream: a 4-byte timecode before each packet
_TS_PACKETS_CHECKED = 4
_LEGACY_TEXT_SHARE = 0.9  # printable ASCII share of a text in a non-UTF-8 encoding

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a file, or an empty archive
_ASF_MAGIC = bytes.fromhex("3026B2758E66CF11A6D900AA0062CE6C")  # .wmv, .wma
# ISO BMFF brands that hold still pictures, not recordings.
_IMAGE_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"})
# QuickTime files older than 'ftyp' start with one of these boxes.
_QUICKTIME_BOXES = frozenset({b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot"})

_MEDIA_EXTENSIONS = frozenset(
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".wmv", ".flv", ".mpg", ".mpeg",
        ".ts", ".m2ts", ".mts", ".3gp", ".ogv", ".m4a", ".mp3", ".wav", ".ogg", ".oga",
        ".opus", ".flac", ".aac", ".wma", ".aif", ".aiff",
    }
)  # fmt: skip
_SLIDE_EXTENSIONS = frozenset(
    {".pptx", ".ppsx", ".potx", ".pptm", ".ppsm", ".potm", ".ppt", ".odp", ".otp", ".pdf"}
)
_GIFT_SUFFIXES = frozenset({".gift"})
_PAGE_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")

IMPORT_SUFFIXES: dict[SourceKind, tuple[str, ...]] = {
    "slides": (*sorted(_SLIDE_EXTENSIONS), ".fodp"),
    "page": _PAGE_SUFFIXES,
    "quiz": tuple(sorted(_GIFT_SUFFIXES)),
    "video": tuple(sorted(_MEDIA_EXTENSIONS)),
}
"""The file name endings each kind of source usually has, for file pickers (sniffing decides)."""
# A Moodle export (.txt) opens with '// question: N  name: ...' comments and '$CATEGORY:';
# a teacher's bank with '::title::' questions. Either, at a line start, says GIFT.
_GIFT_MARKS = re.compile(rb"^[ \t]*(?:\$CATEGORY:|// question: \d+|::[^\n]*?::)", re.MULTILINE)
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_SLACK = 1024  # readers accept the header anywhere in the first KB (ISO 32000 7.5.2)

_ACCEPTED = (
    "moocstudio imports slides (PowerPoint .pptx .ppsx .potx .pptm, LibreOffice Impress .odp, "
    "PDF), markdown pages (.md), GIFT quizzes (.gift, or Moodle's .txt export) and video or "
    "audio files (.mp4, .mov, .mkv, .webm, .mp3, .m4a, .wav ...)"
)


def sniff_kind(path: Path) -> SourceKind:
    """Decide how to import ``path`` from its first bytes, not only its name.

    Args:
        path: The file the author picked.

    Returns:
        ``"slides"`` for a presentation (PowerPoint or OpenDocument), ``"pdf-slides"`` for a
        PDF, ``"video"`` for any video or audio container (audio-only recordings too),
        ``"quiz"`` for a GIFT question bank (.gift, or .txt written in GIFT), ``"page"`` for
        other UTF-8 text (markdown).

    Raises:
        ImportFailed: The file is missing, empty, a legacy or password-protected PowerPoint, an
            OpenDocument file that is no presentation, text named like a video or a deck, or a
            kind of file moocstudio does not import.
    """
    path = Path(path)
    head = read_head(path)
    if head.startswith(_ZIP_MAGICS):
        return _sniff_zip(path)
    if _is_pdf(path, head):
        return "pdf-slides"
    if head.startswith(_OLE_MAGIC):
        raise ImportFailed(
            path,
            "is an old-format (.ppt) or password-protected PowerPoint file; open it in "
            "PowerPoint or LibreOffice Impress, remove any password and save it as .pptx",
        )
    if _is_media(head):
        return "video"
    if _is_text(head):
        return _sniff_text(path, head)
    raise ImportFailed(path, _refusal(head))


def _refusal(head: bytes) -> str:
    """Why a file that is none of the kinds is refused, as helpfully as its bytes allow."""
    if _is_picture(head):
        return (
            "is a picture; add it to a markdown page (![description](picture.png)), or to a "
            f"slide. {_ACCEPTED}"
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "is UTF-16 text; save it as UTF-8 (plain text, markdown) to import it as a page"
    if _is_legacy_text(head):
        return (
            "looks like text in an older encoding (not UTF-8); save it as UTF-8 to import it "
            "as a page"
        )
    return f"is not a kind of file moocstudio can import. {_ACCEPTED}"


def _is_pdf(path: Path, head: bytes) -> bool:
    """A PDF header at the start, or a little later in a file that ends like a PDF.

    The second case is for the few bytes some tools put first; the end-of-file marker keeps a
    markdown page that merely mentions "%PDF-" near its top a page.
    """
    if head.startswith(_PDF_MAGIC):
        return True
    if _PDF_MAGIC not in head[:_PDF_HEADER_SLACK]:
        return False
    try:
        with path.open("rb") as stream:
            stream.seek(max(0, path.stat().st_size - _PDF_HEADER_SLACK))
            return b"%%EOF" in stream.read()
    except OSError:
        return False


def _is_picture(head: bytes) -> bool:
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")):
        return True
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return True
    return head[4:8] == b"ftyp" and head[8:12] in _IMAGE_BRANDS


def _is_legacy_text(head: bytes) -> bool:
    # Latin-1 or Windows-1252 notes: no NUL, nearly all printable, the odd accented byte.
    if b"\x00" in head:
        return False
    plain = sum(1 for byte in head if 32 <= byte < 127 or byte in b"\t\r\n")
    return plain >= _LEGACY_TEXT_SHARE * len(head)


def read_head(path: Path, size: int = _HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``path``, or a refusal naming why there are none.

    Raises:
        ImportFailed: ``path`` is a folder, does not exist, cannot be read, or is empty.
    """
    if path.is_dir():  # Windows says "permission denied" when asked to open a folder
        raise ImportFailed(path, f"is a folder; pick a file in it. {_ACCEPTED}")
    try:
        with path.open("rb") as stream:
            head = stream.read(size)
    except FileNotFoundError:
        raise ImportFailed(path, "does not exist; check the name and the folder") from None
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read ({exc.strerror})") from exc
    if not head:
        raise ImportFailed(path, "is empty (0 bytes); copy or save it again")
    return head


def _sniff_zip(path: Path) -> SourceKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = odf.zip_mimetype(archive)
            if "ppt/presentation.xml" in names:
                _check_powerpoint(path, archive)
                return "slides"
    except zipfile.BadZipFile as exc:
        raise ImportFailed(
            path, "is a damaged zip file (a .pptx or .odp is one); copy or save it again"
        ) from exc
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read ({exc.strerror})") from exc
    if mimetype in odf.PRESENTATION_TYPES:
        return "slides"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise ImportFailed(path, odf.describe_other(mimetype))
    if "word/document.xml" in names:
        advice = "is a Word document; save it as markdown (.md) or paste its text into a page"
    elif "content.xml" in names:
        advice = "is an OpenDocument file but names no kind (it has no mimetype); save it again"
    elif "Index.zip" in names or any(name.startswith("Index/") for name in names):
        advice = (
            "is a Keynote presentation; in Keynote, choose File > Export To > PowerPoint (or "
            "PDF) and import that file"
        )
    else:
        advice = "is a zip archive, not a PowerPoint deck; unzip it and import the files inside"
    raise ImportFailed(path, f"{advice}. {_ACCEPTED}")


def _check_powerpoint(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse an add-in; a package too damaged to say what it is is left to the importer."""
    try:
        flavour = read_package(archive).flavour
    except (PackageError, zipfile.BadZipFile, zlib.error, EOFError):
        return
    if flavour is not None and flavour.role == "addin":
        raise ImportFailed(path, ADDIN_REFUSAL)


def _sniff_text(path: Path, head: bytes) -> SourceKind:
    mimetype = odf.flat_mimetype(head)
    if mimetype in odf.PRESENTATION_TYPES:
        return "slides"  # a flat Impress presentation (.fodp)
    if mimetype:
        raise ImportFailed(path, odf.describe_other(mimetype))
    suffix = path.suffix.lower()
    if suffix in _GIFT_SUFFIXES or (suffix == ".txt" and _GIFT_MARKS.search(head)):
        return "quiz"
    if suffix in _MEDIA_EXTENSIONS:
        raise ImportFailed(
            path,
            f"is named like a video ({suffix}) but contains text; pick the recording itself, "
            "or rename the file to .md to import it as a page",
        )
    if suffix in _SLIDE_EXTENSIONS:
        raise ImportFailed(
            path,
            f"is named like a slide deck ({suffix}) but contains text; pick the deck itself, "
            "or rename the file to .md to import it as a page",
        )
    return "page"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False  # UTF-16 text and binaries both have NUL bytes; neither is a markdown page
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The sample may end inside a multi-byte character; only an error before that counts.
        return len(head) == _HEAD_BYTES and exc.start >= len(head) - 3
    return True


def _is_media(head: bytes) -> bool:
    box_type = head[4:8]
    if box_type == b"ftyp":
        return head[8:12] not in _IMAGE_BRANDS
    if box_type in _QUICKTIME_BOXES:
        return b"\x00" in head  # "Feel free" has "free" at offset 4 too; media has NUL bytes
    if head.startswith(b"RIFF") and head[8:12] in (b"AVI ", b"WAVE"):
        return True
    if head.startswith(b"FORM") and head[8:12] in (b"AIFF", b"AIFC"):
        return True
    return (
        head.startswith(
            (
                b"\x1a\x45\xdf\xa3",  # EBML: Matroska, WebM
                b"OggS\x00",
                b"fLaC",
                b"FLV\x01",
                b"\x00\x00\x01\xba",  # MPEG program stream (.mpg, .vob)
                b"#!AMR\n",
                b"#!AMR-WB\n",
                _ASF_MAGIC,
            )
        )
        or _is_id3(head)
        or _is_mpeg_audio(head)
        or _is_transport_stream(head)
    )


def _is_id3(head: bytes) -> bool:
    """An ID3v2 tag (before MP3 or AAC audio): "ID3", then major version 2 to 4."""
    return head.startswith(b"ID3") and len(head) > 4 and head[3] in (2, 3, 4) and head[4] != 0xFF


def _is_mpeg_audio(head: bytes) -> bool:
    """An MP3/MP2 frame header or an ADTS (raw AAC) header at the very start."""
    if len(head) < 4 or head[0] != 0xFF:
        return False
    second, third = head[1], head[2]
    if second & 0xF6 == 0xF0:
        return True  # ADTS: 12 sync bits, then layer 0
    if second & 0xE0 != 0xE0:
        return False
    layer = (second >> 1) & 0b11
    version = (second >> 3) & 0b11
    bitrate = third >> 4
    sample_rate = (third >> 2) & 0b11
    # Layer I is left out on purpose: its header matches FF FE, the UTF-16 byte order mark.
    return layer in (1, 2) and version != 1 and bitrate not in (0, 15) and sample_rate != 3


def _is_transport_stream(head: bytes) -> bool:
    for start, step in ((0, _TS_PACKET), (4, _M2TS_PACKET)):
        offsets = [start + step * n for n in range(_TS_PACKETS_CHECKED)]
        if offsets[-1] < len(head) and all(head[offset] == 0x47 for offset in offsets):
            return True
    return False
