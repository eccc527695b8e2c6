"""The package around a PowerPoint deck: which flavour it is, and copies python-pptx can open.

A .pptx, a slide show (.ppsx), a template (.potx) and their macro-enabled twins (.pptm, .ppsm,
.potm) are the same zip of the same parts; only the content type of the main part, declared in
``[Content_Types].xml``, differs (ECMA-376 Part 2, Open Packaging Conventions). python-pptx opens
only the first (and .pptm), so the others are opened from a copy made in memory whose main
part is declared a plain presentation.

Macros (the VBA project, and its signatures) never run here and are never kept: every copy
made by this module leaves them out, with the relationship and the content type that named them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Literal

from lxml import etree

PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
ADDIN_REFUSAL = "is a PowerPoint add-in (.ppam), which holds macros and no slides"
Role = Literal["presentation", "show", "template", "addin"]


@dataclass(frozen=True)
class Flavour:
    """What a PowerPoint package is, from its main part's content type.

    Attributes:
        role: A presentation, a slide show (opens straight into the show), a template, or an
            add-in (macros only, no slides of its own).
        macro_enabled: The main content type is a macro-enabled one (.pptm, .ppsm, .potm).
        extension: The extension of the macro-free file of the same role.
    """

    role: Role
    macro_enabled: bool
    extension: str


_FLAVOURS = {
    PRESENTATION_MAIN: Flavour("presentation", False, ".pptx"),
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": Flavour(
        "show", False, ".ppsx"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": Flavour(
        "template", False, ".potx"
    ),
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": Flavour(
        "presentation", True, ".pptx"
    ),
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": Flavour("show", True, ".ppsx"),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": Flavour(
        "template", True, ".potx"
    ),
    "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml": Flavour("addin", True, ".ppam"),
}
_MACRO_FREE_TYPE = {
    "presentation": PRESENTATION_MAIN,
    "show": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "template": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}

CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",  # ISO strict
)
_VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_VBA_TYPE_PREFIX = "application/vnd.ms-office.vbaProject"  # the project and its signatures
_DEFAULT_MAIN = "ppt/presentation.xml"
# Package XML is untrusted: no entities, no network, no huge trees.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class PackageError(Exception):
    """``[Content_Types].xml`` or a relationships part is missing or not XML."""


@dataclass(frozen=True)
class PowerPointPackage:
    """The parts of a PowerPoint zip that say what it is.

    Attributes:
        main_part: The main part's name in the zip (``ppt/presentation.xml``).
        main_type: Its declared content type.
        flavour: What that type means, or None for a type that is no PowerPoint main part.
        macro_parts: Names of the VBA project's parts (with its signatures and their
            relationships): empty when the deck has no macros.
        part_names: Every entry of the zip.
    """

    main_part: str
    main_type: str
    flavour: Flavour | None
    macro_parts: frozenset[str]
    part_names: frozenset[str]

    @property
    def has_macros(self) -> bool:
        """The package holds a VBA project, or its main type says it may."""
        return bool(self.macro_parts) or bool(self.flavour and self.flavour.macro_enabled)


def read_package(archive: zipfile.ZipFile) -> PowerPointPackage:
    """Read what a PowerPoint zip is from its content types and relationships.

    Raises:
        PackageError: A part that every package has is missing or is not XML.
        zipfile.BadZipFile: The zip is damaged.
    """
    names = set(archive.namelist())
    main = _main_part_name(archive, names)
    main_type = _declared_type(_xml(archive, CONTENT_TYPES, names), main)
    return PowerPointPackage(
        main_part=main,
        main_type=main_type,
        flavour=_FLAVOURS.get(main_type),
        macro_parts=frozenset(_macro_parts(archive, names, main)),
        part_names=frozenset(names),
    )


def opening_copy(archive: zipfile.ZipFile, package: PowerPointPackage) -> bytes:
    """A copy python-pptx opens: main part declared a presentation, no macros, not compressed.

    Storing instead of deflating makes the copy about as fast as reading the parts.
    """
    return _rewrite(archive, package, PRESENTATION_MAIN, compress=False)


def macro_free_copy(archive: zipfile.ZipFile, package: PowerPointPackage) -> bytes:
    """The same deck without its macros, of the same role: a .pptm becomes a .pptx.

    Every part but the VBA project's is copied unchanged, with its own compression; only
    ``[Content_Types].xml`` and the main part's relationships lose their mention of it.
    """
    role = package.flavour.role if package.flavour else "presentation"
    return _rewrite(archive, package, _MACRO_FREE_TYPE.get(role, PRESENTATION_MAIN), compress=True)


def _rewrite(
    archive: zipfile.ZipFile, package: PowerPointPackage, main_type: str, *, compress: bool
) -> bytes:
    out = io.BytesIO()
    main_rels = _rels_name(package.main_part)
    with zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            name = info.filename
            if name in package.macro_parts:
                continue
            data = archive.read(info)
            if name == CONTENT_TYPES:
                data = _retyped(data, package, main_type)
            elif name == main_rels and package.macro_parts:
                data = _without_targets(data, package.main_part, package.macro_parts)
            entry = zipfile.ZipInfo(name, info.date_time)
            entry.external_attr = info.external_attr
            entry.compress_type = info.compress_type if compress else zipfile.ZIP_STORED
            target.writestr(entry, data)
    return out.getvalue()


def _main_part_name(archive: zipfile.ZipFile, names: set[str]) -> str:
    if _PACKAGE_RELS not in names:
        return _DEFAULT_MAIN
    for rel in _xml(archive, _PACKAGE_RELS, names).iter(f"{{{_RELS_NS}}}Relationship"):
        if rel.get("Type") in _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            return _resolve("", rel.get("Target", ""))
    return _DEFAULT_MAIN


def _declared_type(types: etree._Element, part: str) -> str:
    wanted = f"/{part}".casefold()  # part names compare without regard to case (OPC 9.1.1)
    for override in types.iter(f"{{{_CT_NS}}}Override"):
        if override.get("PartName", "").casefold() == wanted:
            return str(override.get("ContentType", ""))
    extension = posixpath.splitext(part)[1].lstrip(".").casefold()
    for default in types.iter(f"{{{_CT_NS}}}Default"):
        if default.get("Extension", "").casefold() == extension:
            return str(default.get("ContentType", ""))
    return ""


def _macro_parts(archive: zipfile.ZipFile, names: set[str], main: str) -> set[str]:
    """The VBA project named by the main part, what its own relationships name, and those."""
    main_rels = _rels_name(main)
    if main_rels not in names:
        return set()
    found: set[str] = set()
    pending = [
        _resolve(main, rel.get("Target", ""))
        for rel in _xml(archive, main_rels, names).iter(f"{{{_RELS_NS}}}Relationship")
        if rel.get("Type") == _VBA_PROJECT and rel.get("TargetMode") != "External"
    ]
    while pending:  # the project's signatures hang off its own relationships
        part = pending.pop()
        if part in found or part == main:
            continue
        found.add(part)
        rels = _rels_name(part)
        if rels in names:
            found.add(rels)
            pending += [
                _resolve(part, rel.get("Target", ""))
                for rel in _xml(archive, rels, names).iter(f"{{{_RELS_NS}}}Relationship")
                if rel.get("TargetMode") != "External"
            ]
    return found & names


def _retyped(data: bytes, package: PowerPointPackage, main_type: str) -> bytes:
    types = _parse(data, CONTENT_TYPES)
    main = f"/{package.main_part}".casefold()
    removed = {f"/{part}".casefold() for part in package.macro_parts}
    declared = False
    for override in list(types.iter(f"{{{_CT_NS}}}Override")):
        part = override.get("PartName", "").casefold()
        if part in removed:
            types.remove(override)
        elif part == main:
            override.set("ContentType", main_type)
            declared = True
    kept_extensions = _undeclared_extensions(package, types)
    for default in list(types.iter(f"{{{_CT_NS}}}Default")):
        # PowerPoint declares its VBA project by extension (Default bin): drop that too,
        # unless a part that stays (printer settings...) still takes its type from it.
        vba = default.get("ContentType", "").startswith(_VBA_TYPE_PREFIX)
        if vba and default.get("Extension", "").casefold() not in kept_extensions:
            types.remove(default)
    if not declared:  # the main part took its type from a Default: declare it explicitly
        etree.SubElement(
            types, f"{{{_CT_NS}}}Override", PartName=f"/{package.main_part}", ContentType=main_type
        )
    return _serialized(types)


def _undeclared_extensions(package: PowerPointPackage, types: etree._Element) -> set[str]:
    """Extensions of the parts that stay and have no Override of their own."""
    overridden = {o.get("PartName", "").casefold() for o in types.iter(f"{{{_CT_NS}}}Override")}
    return {
        posixpath.splitext(name)[1].lstrip(".").casefold()
        for name in package.part_names - package.macro_parts
        if f"/{name}".casefold() not in overridden
    }


def _without_targets(data: bytes, source_part: str, parts: frozenset[str]) -> bytes:
    rels = _parse(data, _rels_name(source_part))
    for rel in list(rels.iter(f"{{{_RELS_NS}}}Relationship")):
        external = rel.get("TargetMode") == "External"
        if not external and _resolve(source_part, rel.get("Target", "")) in parts:
            rels.remove(rel)
    return _serialized(rels)


def _serialized(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _xml(archive: zipfile.ZipFile, name: str, names: set[str]) -> etree._Element:
    if name not in names:
        raise PackageError(f"{name} is missing")
    return _parse(archive.read(name), name)


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"{name} is not XML ({exc})") from exc


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(source_part: str, target: str) -> str:
    """A relationship target as a zip entry name; never above the package root."""
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(source_part), target)
    normal = posixpath.normpath(joined)
    return "" if normal.startswith("..") or normal == "." else normal
