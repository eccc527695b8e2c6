"""The files an ``imsmanifest.xml`` names, read as content-packaging tools read them.

A resource's ``href`` (its launch file) and each ``<file href>`` are URI references relative to
the ``xml:base`` of the manifest, of ``<resources>`` and of the resource, in that order; they are
percent-decoded, and a query or fragment is not part of the file name (``index.html?page=2``).
``<adlcp:location>`` names a metadata file (SCORM keeps LOM records, LOM-ES ones for instance,
beside the manifest). The XSD and DTD files SCORM and IMS packages carry so that the manifest
can be validated are expected where they are, listed or not.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import etree

from moocstudio.build.links import folder_target
from moocstudio.export.findings import Finding, count_phrase, error, warning
from moocstudio.export.package_entries import quoted_names

MANIFEST = "imsmanifest.xml"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
LOCATION_NAMES = ("location",)  # adlcp:location, in SCORM 1.2 and 2004 alike
SCHEMA_SUFFIXES = (".xsd", ".dtd")


@dataclass(frozen=True)
class ManifestResource:
    """One ``<resource>``: its identifier, folder (``xml:base``), launch file and files."""

    identifier: str
    base: str
    launch: str | None
    files: tuple[str, ...]


@dataclass
class ManifestFiles:
    """Every package path the manifest names.

    Attributes:
        resources: The resources, in manifest order.
        metadata: Files named by ``<adlcp:location>``.
    """

    resources: list[ManifestResource] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)

    def named(self) -> set[str]:
        """Every path named: launch files, listed files, metadata files."""
        paths = set(self.metadata)
        for resource in self.resources:
            paths.update(resource.files)
            if resource.launch is not None:
                paths.add(resource.launch)
        return paths

    def base_of(self, page: str) -> str | None:
        """The ``xml:base`` folder of the resource that lists ``page`` (None if none does)."""
        for resource in self.resources:
            if page in resource.files or page == resource.launch:
                return resource.base
        return None


def _join_base(base: str, element: etree._Element) -> str:
    more = element.get(XML_BASE)
    if not more:
        return base
    joined = posixpath.join(base, unquote(urlsplit(more).path))
    return joined if joined.endswith("/") else joined + "/"


def package_path(base: str, href: str | None) -> str | None:
    """The package file an ``href`` names from ``base``; None for URLs and empty references."""
    return folder_target(base, href.strip()) if href else None


def manifest_files(root: etree._Element) -> ManifestFiles:
    """What the manifest rooted at ``root`` names (its default namespace is the CP one)."""
    namespace = etree.QName(root).namespace or ""
    found = ManifestFiles()
    manifest_base = _join_base("", root)
    for resources in root.iter(f"{{{namespace}}}resources"):
        resources_base = _join_base(manifest_base, resources)
        for resource in resources.iter(f"{{{namespace}}}resource"):
            base = _join_base(resources_base, resource)
            files = (
                package_path(base, file.get("href"))
                for file in resource.iter(f"{{{namespace}}}file")
            )
            found.resources.append(
                ManifestResource(
                    identifier=resource.get("identifier", ""),
                    base=base,
                    launch=package_path(base, resource.get("href")),
                    files=tuple(path for path in files if path is not None),
                )
            )
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname in LOCATION_NAMES:
            path = package_path(manifest_base, (element.text or "").strip())
            if path is not None:
                found.metadata.append(path)
    return found


def is_schema_file(name: str) -> bool:
    """True for the XSD and DTD files a package carries to validate its manifest."""
    return name.lower().endswith(SCHEMA_SUFFIXES)


def manifest_file_findings(files: ManifestFiles, names: Iterable[str]) -> list[Finding]:
    """Launch and listed files missing from the package (errors); files not listed (a warning)."""
    names = set(names)
    findings: list[Finding] = []
    reported: set[str] = set()
    for resource in files.resources:
        if resource.launch is not None and resource.launch not in names:
            findings.append(
                error(
                    f"{MANIFEST}: resource {resource.identifier!r} launches {resource.launch}, "
                    "which is not in the package"
                )
            )
            reported.add(resource.launch)
    missing = sorted((set(files.metadata) | _listed(files)) - names - reported)
    findings += [error(f"{MANIFEST} lists {path}, which is not in the package") for path in missing]
    unlisted = sorted(
        name for name in names - files.named() - {MANIFEST} if not is_schema_file(name)
    )
    if unlisted:
        findings.append(
            warning(
                f"{count_phrase(len(unlisted), 'file')} in the package but not in {MANIFEST} "
                f"(platforms may leave them out): {quoted_names(unlisted)}"
            )
        )
    return findings


def _listed(files: ManifestFiles) -> set[str]:
    return {path for resource in files.resources for path in resource.files}
