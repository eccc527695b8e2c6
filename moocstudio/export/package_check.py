"""Check a package the way a platform would before importing it.

Reads the archive without extracting it: the launch page is at the root, every file a page or
the manifest points to is in the package, nothing is fetched from the network, the licence
ships with it, and an ``imsmanifest.xml`` validates against its official schemas.
"""

from __future__ import annotations

import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from urllib.parse import unquote

from lxml import etree

from moocstudio.build.links import FETCHED, is_network_url, local_target, page_links
from moocstudio.errors import FileProblem
from moocstudio.export.olx_check import olx_problems
from moocstudio.export.validate import (
    NOT_INSTALLED_ADVICE,
    ManifestKind,
    SchemasNotFound,
    schemas_in_use,
    structure_problems,
    validate_manifest,
)

LAUNCH_PAGE = "index.html"
LICENCE_NAMES = ("LICENSE.txt", "LICENSE")
MANIFEST = "imsmanifest.xml"
_MANIFEST_KINDS: dict[str, str] = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "scorm12",
    "http://www.imsglobal.org/xsd/imscp_v1p1": "scorm2004",
    "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1": "cc13",
    "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1": "cc11",
}


@dataclass
class PackageReport:
    """What a check found: the package's kind and its problems (none means valid)."""

    path: Path
    kind: str
    files: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What was not checked, and why (not problems)."""

    @property
    def valid(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check_package(path: Path) -> PackageReport:
    """Check a .zip or .imscc package, or an Open edX course export (.tar.gz).

    Raises:
        FileProblem: The file is missing or not a zip archive.
    """
    path = Path(path)
    if path.name.endswith((".tar.gz", ".tgz")):
        return _check_olx(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise FileProblem(path, f"cannot be read as a zip package ({exc})") from exc
    with archive:
        names = set(archive.namelist())
        report = PackageReport(path=path, kind="site", files=len(names))
        if MANIFEST in names:
            _check_manifest(archive, names, report)
        elif LAUNCH_PAGE not in names:
            report.problems.append(f"no {LAUNCH_PAGE} at the root: platforms cannot launch it")
        if not any(name in names for name in LICENCE_NAMES):
            report.problems.append("no LICENSE.txt at the root: the licence must ship with it")
        for name in sorted(n for n in names if n.endswith((".html", ".htm"))):
            _check_page(name, archive.read(name).decode("utf-8", "replace"), names, report)
    return report


def _check_olx(path: Path) -> PackageReport:
    if not path.is_file():
        raise FileProblem(path, "does not exist")
    with tarfile.open(path, "r:gz") as archive:
        files = sum(1 for member in archive if member.isfile())
    return PackageReport(path=path, kind="olx", files=files, problems=olx_problems(path))


def _check_page(page: str, text: str, names: set[str], report: PackageReport) -> None:
    for tag, attribute, url in page_links(text):
        if is_network_url(url):
            if (tag, attribute) in FETCHED:
                report.problems.append(f"{page}: <{tag} {attribute}> loads {url} from the network")
            continue
        target = local_target(page, url)
        if target is None:
            continue
        if target.startswith("../") or target not in names:
            report.problems.append(f"{page}: {url} points to a file that is not in the package")


def _check_manifest(archive: zipfile.ZipFile, names: set[str], report: PackageReport) -> None:
    data = archive.read(MANIFEST)
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        report.problems.append(f"{MANIFEST}: not well-formed XML ({exc})")
        return
    namespace = etree.QName(root).namespace or ""
    kind = _MANIFEST_KINDS.get(namespace)
    if kind is None:
        report.kind = "unknown"
        report.problems.append(f"{MANIFEST}: unknown manifest namespace {namespace!r}")
        return
    report.kind = kind
    checked = cast(ManifestKind, kind)
    schemas = schemas_in_use()
    try:
        problems = validate_manifest(data, checked, schemas_dir=schemas.folder)
        report.notes.append(f"{MANIFEST} checked against {schemas.describe()}")
    except SchemasNotFound:
        # The official XSDs do not ship with moocstudio: say so, check what needs none.
        report.notes.append(
            f"{MANIFEST} not checked against the official XSDs: {NOT_INSTALLED_ADVICE}"
        )
        problems = structure_problems(data, checked)
    report.problems += [f"{MANIFEST}: {p}" for p in problems]
    listed = {
        unquote(element.get("href", ""))
        for element in root.iter(f"{{{namespace}}}file")
        if element.get("href")
    }
    for missing in sorted(listed - names):
        report.problems.append(f"{MANIFEST} lists {missing}, which is not in the package")
    for unlisted in sorted(names - listed - {MANIFEST} - _folders(names)):
        report.problems.append(f"{unlisted} is in the package but not in {MANIFEST}")


def _folders(names: set[str]) -> set[str]:
    # Some zip tools add an entry per folder ("items/"); those are not files to list.
    return {name for name in names if name.endswith("/")}
