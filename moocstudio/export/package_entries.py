"""A zip package's entries as a checker may read them: names judged first, text read with a cap.

Nothing is extracted. An entry whose name could write outside the folder it is unzipped into
(``..``, an absolute path, a drive letter, a backslash), a link, or a name given twice is an
error, and is never read; a name that needs percent-encoding or Unicode normalisation to be
linked to (a space, ``%``, an accent) is a warning. Text files are read up to
``MAX_TEXT_BYTES``, so a huge or highly compressed entry cannot exhaust memory.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field

from moocstudio.export.findings import Finding, count_phrase, error, warning
from moocstudio.export.zipwriter import UnsafeEntryName, is_symlink, normalise_name, portable_name

MAX_TEXT_BYTES = 16 * 1024 * 1024
"""Larger pages, style sheets and manifests are not read (a real one is far smaller)."""

NAMES_SHOWN = 5
"""How many names a grouped warning quotes before it says "and N more"."""


@dataclass
class PackageEntries:
    """The files of a zip package: their names, and which ones are safe to read.

    Attributes:
        names: Every file entry's name as stored (folders left out).
        readable: The names safe to read (not unsafe, not a link, not given twice).
        findings: What the names themselves show.
    """

    names: set[str] = field(default_factory=set)
    readable: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def quoted_names(names: list[str]) -> str:
    """``a, b, c`` or ``a, b, c, d, e and 7 more``."""
    shown = ", ".join(names[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    return f"{shown} and {rest} more" if rest > 0 else shown


def package_entries(archive: zipfile.ZipFile) -> PackageEntries:
    """Judge every entry name of ``archive``."""
    entries = PackageEntries()
    infos = [info for info in archive.infolist() if not info.is_dir()]
    counts = Counter(info.filename for info in infos)
    not_portable: list[str] = []
    for info in infos:
        name = info.filename
        entries.names.add(name)
        try:
            normalise_name(name)
        except UnsafeEntryName as unsafe:
            escape = "unzipped, it could land outside its folder"
            entries.findings.append(error(f"entry {name!r}: {unsafe.problem}; {escape}"))
            continue
        if is_symlink(info):
            entries.findings.append(error(f"entry {name!r} is a symbolic link"))
            continue
        if counts[name] > 1:
            continue  # reported once below
        entries.readable.add(name)
        try:
            portable_name(name)
        except UnsafeEntryName:
            not_portable.append(name)
    entries.findings += [
        error(f"entry {name!r} is in the package {count} times: platforms keep one or the other")
        for name, count in sorted(counts.items())
        if count > 1
    ]
    if not_portable:
        entries.findings.append(
            warning(
                f"{count_phrase(len(not_portable), 'file name')} with spaces, accents or other "
                "characters that links must percent-encode and platforms may normalise "
                "differently: " + quoted_names(sorted(not_portable))
            )
        )
    return entries


class UnreadableEntry(Exception):
    """An entry that cannot be decompressed (damaged, or a method Python's zipfile lacks)."""


def read_bytes(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The entry's bytes, or None when it is larger than ``MAX_TEXT_BYTES``.

    Raises:
        UnreadableEntry: The entry cannot be decompressed; the message says why.
    """
    if archive.getinfo(name).file_size > MAX_TEXT_BYTES:
        return None
    try:
        with archive.open(name) as entry:
            data = entry.read(MAX_TEXT_BYTES + 1)  # the header's size can lie
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise UnreadableEntry(f"entry {name!r} cannot be read ({exc})") from exc
    return None if len(data) > MAX_TEXT_BYTES else data


def read_text(archive: zipfile.ZipFile, name: str) -> str | None:
    """The entry as text (UTF-8, bad bytes replaced), or None when it is too large to read.

    Raises:
        UnreadableEntry: The entry cannot be decompressed.
    """
    data = read_bytes(archive, name)
    return None if data is None else data.decode("utf-8", "replace")
