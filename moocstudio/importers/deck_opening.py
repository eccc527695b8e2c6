"""Open a presentation file for the slide importer, or explain in plain words why it cannot be.

python-pptx reads PowerPoint decks. The other presentation files teachers hold reach it too:

* slide shows, templates and macro-enabled decks (.ppsx, .potx, .pptm, .ppsm, .potm) through a
  copy made in memory that declares the main part a plain presentation and leaves macros out
  (see :mod:`moocstudio.importers.presentation_package`);
* LibreOffice Impress presentations (.odp, .otp templates, flat .fodp) through LibreOffice,
  which converts them to .pptx headless; without LibreOffice they are refused with the advice to
  install it. LibreOffice only ever sees a copy whose links to outside files are cut (see
  :func:`moocstudio.importers.odf.copy_without_outside_links`); the slide images of a zipped
  one are drawn from that copy, which LibreOffice draws more faithfully than its own .pptx.

The course keeps the author's file as the deck's source, with one exception: a deck with macros
is stored as its macro-free twin (``lecture.pptm`` as ``lecture.pptx``), so that no course, and
no package exported from it, ever carries code that could run.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation

from moocstudio.errors import ImportFailed, ToolNotFound, ToolTimedOut
from moocstudio.importers import odf
from moocstudio.importers.libreoffice import convert, find_soffice
from moocstudio.importers.presentation_package import (
    ADDIN_REFUSAL,
    PackageError,
    PowerPointPackage,
    macro_free_copy,
    opening_copy,
    read_package,
)
from moocstudio.importers.sniff import read_head
from moocstudio.model import Asset
from moocstudio.model.store import add_asset, add_asset_bytes, asset_path

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_SCAN_CHUNK = 1 << 20
_MAX_UNPACKED = 4 << 30  # a deck with embedded video is large, but never this large
_FLAT_ODF_HEAD = 8192  # the root element and its office:mimetype (after ~40 namespaces)
# LibreOffice: a fresh profile takes a few seconds, then a large deck well under a minute.
_CONVERT_BASE_TIMEOUT = 120.0
_CONVERT_SECONDS_PER_MB = 2.0
INSTALL_LIBREOFFICE = (
    "install LibreOffice (Debian/Ubuntu: sudo apt install libreoffice-impress; Fedora: sudo dnf "
    "install libreoffice-impress; macOS: brew install --cask libreoffice; Windows: winget "
    "install TheDocumentFoundation.LibreOffice) and import it again"
)
"""How to get LibreOffice, per platform, as the end of a sentence."""
_DAMAGED = (
    "is damaged or incomplete and cannot be read as a presentation; if it was downloaded or "
    "copied, get it again, or open it in PowerPoint or LibreOffice Impress and save it again"
)


@dataclass
class OpenedDeck:
    """A presentation python-pptx has read, and how its file goes into the course.

    Use it in a ``with`` block: an Impress presentation keeps its working files (the copy
    LibreOffice draws the slides from) until the block ends.

    Attributes:
        presentation: The python-pptx presentation.
        source: The file the author picked.
        warnings: What the author should hear about the opening (macros left out).
    """

    presentation: Any
    source: Path
    warnings: list[str] = field(default_factory=list)
    _stored_copy: bytes | None = None
    _stored_name: str = ""
    _render_from: Path | None = None
    _workdir: tempfile.TemporaryDirectory[str] | None = None

    def store(self, folder: Path) -> tuple[Asset, Path]:
        """Copy the deck into the course; returns its asset and the file to render from.

        The file to render from is the source, except for a deck with macros (its stored
        macro-free copy, so no macro ever reaches LibreOffice) and an Impress presentation (a
        copy without outside links).
        """
        if self._stored_copy is None:
            return add_asset(folder, self.source), self._render_from or self.source
        asset = add_asset_bytes(folder, self._stored_copy, self._stored_name)
        return asset, asset_path(folder, asset)

    def __enter__(self) -> OpenedDeck:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._workdir is not None:
            self._workdir.cleanup()


def open_presentation(source: Path) -> OpenedDeck:
    """Open any presentation file python-pptx can be given, explaining every refusal.

    Raises:
        ImportFailed: Not a readable presentation (empty, damaged, encrypted, a legacy .ppt,
            another kind of document, an OpenDocument presentation without LibreOffice).
    """
    head = read_head(source, _FLAT_ODF_HEAD)
    if head.startswith(_OLE_MAGIC):
        raise ImportFailed(source, _describe_ole_file(source))
    if head.startswith(b"%PDF"):
        raise ImportFailed(source, "is a PDF, not a presentation; import it as PDF slides")
    if not head.startswith(b"PK"):
        mimetype = odf.flat_mimetype(head)
        if mimetype in odf.PRESENTATION_TYPES:
            return _open_odf(source)
        if mimetype:
            raise ImportFailed(source, odf.describe_other(mimetype))
        raise ImportFailed(
            source,
            "is not a presentation; import a PowerPoint (.pptx, .ppsx, .potx, .pptm) or "
            "LibreOffice Impress (.odp) file, or PDF slides",
        )
    archive_names, mimetype, encrypted = _check_package(source)
    if mimetype in odf.PRESENTATION_TYPES:
        if encrypted:
            raise ImportFailed(
                source,
                "is protected by a password; open it in LibreOffice Impress, save it again "
                "without a password (File > Save As, untick Save with password), and import it",
            )
        return _open_odf(source)
    if "ppt/presentation.xml" not in archive_names:
        raise ImportFailed(source, _describe_other_zip(archive_names, mimetype))
    return _open_powerpoint(source)


def _open_powerpoint(source: Path) -> OpenedDeck:
    try:
        with zipfile.ZipFile(source) as archive:
            package = read_package(archive)
            _check_flavour(source, package)
            plain = package.flavour is not None and package.flavour.role == "presentation"
            if plain and not package.has_macros:
                return OpenedDeck(_presentation(source, str(source)), source)
            presentation = _presentation(source, io.BytesIO(opening_copy(archive, package)))
            if not package.has_macros:
                return OpenedDeck(presentation, source)
            twin = macro_free_copy(archive, package)
    except (zipfile.BadZipFile, zlib.error, EOFError, PackageError) as exc:
        raise ImportFailed(source, _DAMAGED) from exc
    except OSError as exc:
        raise ImportFailed(source, f"cannot be read ({exc.strerror})") from exc
    name = source.with_suffix(package.flavour.extension if package.flavour else ".pptx").name
    warning = (
        f"{source}: its macros were left out; they never run here, and the course keeps a copy "
        f"without them ({name})"
    )
    return OpenedDeck(presentation, source, [warning], _stored_copy=twin, _stored_name=name)


def _check_flavour(source: Path, package: PowerPointPackage) -> None:
    if package.flavour is None:
        declared = package.main_type or "of no type"
        raise ImportFailed(
            source,
            f"is not a PowerPoint presentation (its main part is {declared}); open it in "
            "PowerPoint and save it as a PowerPoint Presentation (.pptx)",
        )
    if package.flavour.role == "addin":
        raise ImportFailed(source, ADDIN_REFUSAL)


def _presentation(source: Path, package: str | io.BytesIO) -> Any:
    try:
        return Presentation(package)
    # SyntaxError: lxml's XMLSyntaxError derives from it, for a part that is not valid XML.
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, SyntaxError) as exc:
        raise ImportFailed(source, _DAMAGED) from exc
    except ValueError as exc:  # python-pptx: the main part is still not a presentation
        raise ImportFailed(source, _DAMAGED) from exc


# --- LibreOffice Impress ------------------------------------------------------------------


def _open_odf(source: Path) -> OpenedDeck:
    """An Impress presentation, converted to .pptx by LibreOffice and read from memory."""
    soffice = find_soffice()
    if soffice is None:
        raise ImportFailed(
            source,
            "is a LibreOffice Impress presentation, which moocstudio reads through "
            f"LibreOffice, and LibreOffice is not installed: {INSTALL_LIBREOFFICE}",
        )
    workdir = tempfile.TemporaryDirectory(prefix="moocstudio-odp-")
    try:
        work = Path(workdir.name)
        zipped = read_head(source, 2).startswith(b"PK")
        # A plain name (LibreOffice names its output after its input) with the right extension.
        safe = work / ("deck.odp" if zipped else "deck.fodp")
        converted = _converted_to_pptx(source, soffice, safe)
        presentation = _presentation(source, io.BytesIO(converted.read_bytes()))
    except BaseException:
        workdir.cleanup()
        raise
    # A flat file is not a zip, which the slide renderer copies: it draws LibreOffice's .pptx.
    render_from = safe if zipped else converted
    return OpenedDeck(presentation, source, _render_from=render_from, _workdir=workdir)


def _converted_to_pptx(source: Path, soffice: str, safe: Path) -> Path:
    """``source`` copied to ``safe`` without outside links, then converted beside it."""
    try:
        size_mb = source.stat().st_size / 1e6
        timeout = _CONVERT_BASE_TIMEOUT + _CONVERT_SECONDS_PER_MB * size_mb
        odf.copy_without_outside_links(source, safe)
        outdir = safe.parent / "pptx"
        outdir.mkdir()
        result = convert(soffice, [safe], "pptx", outdir, timeout=timeout)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFailed(source, _DAMAGED) from exc
    except ToolTimedOut as exc:
        raise ImportFailed(
            source,
            f"LibreOffice did not finish converting it within {exc.timeout:g} seconds; try "
            "again, or split the presentation",
        ) from exc
    except ToolNotFound as exc:
        raise ImportFailed(
            source, f"LibreOffice cannot be run ({exc.advice}); {INSTALL_LIBREOFFICE}"
        ) from exc
    except OSError as exc:
        raise ImportFailed(source, f"could not be converted ({exc.strerror or exc})") from exc
    converted = outdir / f"{safe.stem}.pptx"
    if not result.ok or not converted.is_file():
        said = [line.strip() for line in result.stderr_tail.splitlines() if line.strip()]
        raise ImportFailed(
            source,
            f"LibreOffice could not read it ({said[-1][:200] if said else 'no message'}); "
            "open it in LibreOffice Impress, save it again, and import it again",
        )
    return converted


# --- Every other way a file can fail to be a presentation -------------------------------


def _check_package(source: Path) -> tuple[set[str], str, bool]:
    """Names in the zip, its ODF mimetype and ODF encryption; rejects damaged and huge zips."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = odf.zip_mimetype(archive)
            encrypted = odf.is_encrypted(archive)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise ImportFailed(source, _DAMAGED) from exc
    if any(info.flag_bits & 0x1 for info in infos):
        raise ImportFailed(source, "has encrypted parts; remove the password and save it again")
    if sum(info.file_size for info in infos) > _MAX_UNPACKED:
        raise ImportFailed(
            source, "unpacks to more than 4 GB; remove large embedded media and try again"
        )
    return names, mimetype, encrypted


def _describe_other_zip(names: set[str], mimetype: str) -> str:
    if "word/document.xml" in names:
        return "is a Word document, not a presentation; save it as markdown (.md) instead"
    if "xl/workbook.xml" in names:
        return "is an Excel workbook, not a presentation"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return odf.describe_other(mimetype)
    return (
        "is a zip archive but not a presentation (it has no ppt/presentation.xml); import a "
        "PowerPoint (.pptx) or Impress (.odp) file instead"
    )


def _describe_ole_file(source: Path) -> str:
    """Tell an encrypted .pptx from a legacy .ppt (both are OLE compound files).

    An OLE file names its streams in UTF-16: an encrypted Office file holds
    "EncryptedPackage", a PowerPoint 97-2003 file "PowerPoint Document".
    """
    markers = {
        "encrypted": "EncryptedPackage".encode("utf-16-le"),
        "ppt": "PowerPoint Document".encode("utf-16-le"),
        "doc": "WordDocument".encode("utf-16-le"),
        "xls": "Workbook".encode("utf-16-le"),
    }
    found = _scan_for(source, markers)
    if "encrypted" in found:
        return (
            "is protected by a password (it is encrypted); open it in PowerPoint, remove the "
            "password (File > Info > Protect Presentation > Encrypt with Password, clear it), "
            "save it, and import it again"
        )
    if "ppt" in found:
        return (
            "is an old PowerPoint 97-2003 file (.ppt); open it in PowerPoint or LibreOffice "
            "Impress, save it as .pptx, and import that file"
        )
    if "doc" in found:
        return "is an old Word document (.doc), not a PowerPoint presentation"
    if "xls" in found:
        return "is an old Excel workbook (.xls), not a PowerPoint presentation"
    return "is an old Microsoft Office file, not a .pptx; open it and save it as .pptx"


def _scan_for(source: Path, markers: dict[str, bytes]) -> set[str]:
    found: set[str] = set()
    overlap = max(len(m) for m in markers.values())
    tail = b""
    try:
        with source.open("rb") as stream:
            while chunk := stream.read(_OLE_SCAN_CHUNK):
                window = tail + chunk
                found.update(key for key, marker in markers.items() if marker in window)
                if "encrypted" in found:
                    break
                tail = window[-overlap:]
    except OSError as exc:
        raise ImportFailed(source, f"cannot be read ({exc.strerror})") from exc
    return found
