"""Check a package the way a platform would before importing it, then give moocstudio's advice.

Reads the archive without extracting it. Errors are what a platform would refuse or break on:
entry names that could escape the folder they are unzipped into, a manifest that is not valid
against its official schemas or names files the package lacks, a launch page missing, a page
whose pictures or links lead nowhere. Warnings are recommendations: a licence file, every file
listed in the manifest, nothing loaded from the network, plain ASCII names. See ``findings``.
"""

from __future__ import annotations

import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from moocstudio.errors import FileProblem
from moocstudio.export.findings import Finding, Severity, error, errors, passes, verdict, warning
from moocstudio.export.manifest_files import (
    MANIFEST,
    ManifestFiles,
    manifest_file_findings,
    manifest_files,
)
from moocstudio.export.olx_check import olx_findings
from moocstudio.export.package_entries import (
    MAX_TEXT_BYTES,
    UnreadableEntry,
    package_entries,
    read_bytes,
    read_text,
)
from moocstudio.export.page_check import ReferenceCheck
from moocstudio.export.qti_check import check_cartridge_quizzes
from moocstudio.export.validate import (
    NOT_INSTALLED_ADVICE,
    ManifestKind,
    SchemasNotFound,
    schemas_in_use,
    structure_problems,
    validate_manifest,
)

LAUNCH_PAGE = "index.html"
LICENCE_NAMES = ("LICENSE.txt", "LICENSE", "LICENSE.md", "COPYING", "COPYING.txt")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
STYLE_SHEET_SUFFIX = ".css"
_MANIFEST_KINDS: dict[str, str] = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "scorm12",
    "http://www.imsglobal.org/xsd/imscp_v1p1": "scorm2004",
    "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1": "cc13",
    "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1": "cc11",
}


@dataclass
class PackageReport:
    """What a check found: the package's kind, its findings and what was not checked."""

    path: Path
    kind: str
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What was not checked, and why (not findings)."""

    @property
    def errors(self) -> list[str]:
        """What a platform would refuse or break on."""
        return [f.message for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[str]:
        """The recommendations (moocstudio's own) that the package does not follow."""
        return [f.message for f in self.findings if f.severity is Severity.WARNING]

    @property
    def problems(self) -> list[str]:
        """Every finding, errors first: what ``--strict`` counts."""
        return self.errors + self.warnings

    @property
    def valid(self) -> bool:
        """True when no platform would refuse the package (warnings allowed)."""
        return passes(self.findings)

    def passes(self, strict: bool = False) -> bool:
        """True with no error, and under ``strict`` no warning either."""
        return passes(self.findings, strict)

    def verdict(self, strict: bool = False) -> str:
        """``valid``, ``valid, 3 warnings`` or ``INVALID (…)``."""
        return verdict(self.findings, strict)


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
        entries = package_entries(archive)
        report = PackageReport(path=path, kind="site", files=len(entries.names))
        report.findings += entries.findings
        files = ManifestFiles()
        if MANIFEST in entries.readable:
            files = _check_manifest(archive, entries.names, report)
        elif LAUNCH_PAGE not in entries.names:
            report.findings.append(
                error(f"no {LAUNCH_PAGE} and no {MANIFEST} at the root: platforms cannot launch it")
            )
        if not any(name in entries.names for name in LICENCE_NAMES):
            report.findings.append(
                warning("no LICENSE.txt at the root: the licence should travel with the package")
            )
        _check_references(archive, entries.readable, files, report)
    return report


def _check_references(
    archive: zipfile.ZipFile, readable: set[str], files: ManifestFiles, report: PackageReport
) -> None:
    references = ReferenceCheck(set(archive.namelist()), files.base_of)
    for name in sorted(readable):
        lower = name.lower()
        if not lower.endswith((*PAGE_SUFFIXES, STYLE_SHEET_SUFFIX)):
            continue
        try:
            text = read_text(archive, name)
        except UnreadableEntry as unreadable:
            report.findings.append(error(str(unreadable)))
            continue
        if text is None:
            report.notes.append(f"{name} not checked: larger than {MAX_TEXT_BYTES // 2**20} MB")
        elif lower.endswith(STYLE_SHEET_SUFFIX):
            references.style_sheet(name, text)
        else:
            references.page(name, text)
    report.findings += references.report()


def _check_olx(path: Path) -> PackageReport:
    if not path.is_file():
        raise FileProblem(path, "does not exist")
    with tarfile.open(path, "r:gz") as archive:
        files = sum(1 for member in archive if member.isfile())
    return PackageReport(path=path, kind="olx", files=files, findings=olx_findings(path))


def _check_manifest(
    archive: zipfile.ZipFile, names: set[str], report: PackageReport
) -> ManifestFiles:
    try:
        data = read_bytes(archive, MANIFEST)
    except UnreadableEntry as unreadable:
        report.findings.append(error(str(unreadable)))
        return ManifestFiles()
    if data is None:
        report.findings.append(error(f"{MANIFEST} is larger than {MAX_TEXT_BYTES // 2**20} MB"))
        return ManifestFiles()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        report.findings.append(error(f"{MANIFEST}: not well-formed XML ({exc})"))
        return ManifestFiles()
    namespace = etree.QName(root).namespace or ""
    kind = _MANIFEST_KINDS.get(namespace)
    if kind is None:
        report.kind = "unknown"
        report.findings.append(error(f"{MANIFEST}: unknown manifest namespace {namespace!r}"))
        return ManifestFiles()
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
    report.findings += errors(f"{MANIFEST}: {problem}" for problem in problems)
    files = manifest_files(root)
    report.findings += manifest_file_findings(files, names)
    quizzes = check_cartridge_quizzes(root, lambda name: read_bytes(archive, name))
    report.findings += errors(quizzes.problems)
    report.notes += quizzes.notes
    return files
