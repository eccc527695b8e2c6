"""Media files of the site: one ASCII name per asset under ``media/``, linked or copied in.

Every package (offline site, SCORM, Common Cartridge, Open edX) names its media with
``site_name``, the one function that does, so the manifest, the pages and the archive agree on
every name byte for byte. Names are lower-case ASCII letters, digits and ``-`` with a short
content hash and the lower-cased extension (``Leçon 1.mp4`` → ``lecon-1-3f2a9c0d1e4b.mp4``):
no LMS, unzip tool or web server then has to agree on percent-encoding or on the Unicode
normalisation of a name, and two files with the same readable name never collide. The author's
own name stays in the course (``Asset.original_name``) and in the package's ATTRIBUTIONS.txt.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath

from anyascii import anyascii

from moocstudio.model import Asset

MEDIA_DIR = "media"

HASH_LENGTH = 12
"""Hex digits of the content hash in a name: the prefix the course's ``media/`` folder uses."""

MAX_READABLE_LENGTH = 48
"""Characters kept of the readable part: with the hash and the extension a name stays short
enough for Windows' 260-character paths deep inside an unzipped package."""

MAX_SUFFIX_LENGTH = 10

FALLBACK_STEM = "file"
"""The readable part of a name that has no letter or digit left in ASCII (``###.png``)."""

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str, max_length: int = MAX_READABLE_LENGTH) -> str:
    """``text`` as lower-case ASCII letters and digits joined by ``-`` ("" if none are left).

    NFKC first, so a name typed on macOS (NFD ``e`` + accent) and one typed elsewhere (NFC
    ``é``) give the same slug, and ligatures and full-width letters become plain ones; then
    anyascii transliterates every script (``Straße`` → ``strasse``, ``Εισαγωγή`` →
    ``eisagogi``, ``Введение`` → ``vvedenie``, ``スライド`` → ``suraido``). A slug longer than
    ``max_length`` is cut at its last ``-`` within the limit when there is one.
    """
    folded = anyascii(unicodedata.normalize("NFKC", text)).lower()
    slug = _NOT_ALPHANUMERIC.sub("-", folded).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def package_file_name(readable_name: str, sha256: str) -> str:
    """The name a file gets inside every package: ``<slug>-<hash>.<ext>``.

    Args:
        readable_name: The file name the author knows (``Leçon 1.MP4``); its stem becomes the
            slug (``file`` when nothing readable is left) and its extension is kept, lower case.
        sha256: The hex SHA-256 of the file's content; its first ``HASH_LENGTH`` digits tell
            apart files whose readable names are the same.
    """
    name = PurePosixPath(readable_name.replace("\\", "/")).name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    extension = ascii_slug(suffix, MAX_SUFFIX_LENGTH).replace("-", "")
    if suffix and (not extension or extension != suffix.lower()):
        # "notes.tar gz" or "slide.π": not an extension any server maps; keep it in the slug.
        stem, extension = name, ""
    readable = ascii_slug(stem) or FALLBACK_STEM
    digest = sha256[:HASH_LENGTH]
    return f"{readable}-{digest}.{extension}" if extension else f"{readable}-{digest}"


def readable_name(asset: Asset) -> str:
    """The stored file's name without the content-hash prefix the course's ``media/`` adds.

    The stored name, not ``original_name``: the course keeps one file per content (under the
    first name it was imported as), so one file is one name in every package too.
    """
    name = PurePosixPath(asset.path).name
    return name.removeprefix(f"{asset.sha256[:HASH_LENGTH]}-") or name


def site_name(asset: Asset) -> str:
    """The file name of ``asset`` inside every package's media folder (see the module doc)."""
    return package_file_name(readable_name(asset), asset.sha256)


def converted_name(asset: Asset, suffix: str, content: bytes) -> str:
    """The name of ``content``, made from ``asset`` in another format (an SRT from a WebVTT).

    Args:
        asset: The file it was made from; its readable name is kept.
        suffix: The new extension, with its dot (``".srt"``).
        content: The new file's bytes, whose hash goes into the name.
    """
    stem = PurePosixPath(readable_name(asset)).stem
    return package_file_name(stem + suffix, hashlib.sha256(content).hexdigest())


def link_or_copy(source: Path, target: Path, *, symbolic: bool = False) -> None:
    """Hard-link ``source`` to ``target`` (no bytes copied), or copy it across file systems.

    Args:
        source: The file to put in the site.
        target: Its place in the site.
        symbolic: Make a symbolic link to the absolute source instead (a private preview on
            another file system: no copy of every video); a copy where those are not allowed.

    Raises:
        OSError: the source cannot be read or the target cannot be written.
    """
    try:
        if symbolic:
            if not source.is_file():
                raise FileNotFoundError(2, "No such file or directory", str(source))
            target.symlink_to(source.absolute())
        else:
            os.link(source, target)
    except OSError:
        # Other file system, or links not allowed (FAT, some network shares): copy instead.
        shutil.copyfile(source, target)
