"""Check package manifests against the official XSDs, offline, before a package is written.

The schemas do not ship with moocstudio: ``moocstudio schemas install`` downloads them (see
``schema_store``), and a checkout finds them in ``../shared/conformance/schemas/<kind>/`` (see
``SOURCES.md`` there); :func:`schemas_in_use` says which set is used.

A manifest mixes several namespaces and the content-packaging schemas accept foreign elements
only when their schema is known (``##other``, strict), so each kind is compiled from one small
driver schema, built in memory, that imports every namespace's local XSD, as a validator
honouring ``xsi:schemaLocation`` would. Remote ``schemaLocation`` URLs inside
the vendored XSDs are mapped to the local file of the same name; the network is never used.

The XSDs leave a few mistakes unchecked that LMSs trip on (a 2004 ``adlcp:scormtype`` in lower
case, ``identifierref`` naming no resource, no SCO at all), so those are checked here as well.
"""

from __future__ import annotations

import copy
import functools
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree

from moocstudio.errors import MoocstudioError
from moocstudio.export.schema_store import INSTALL_COMMAND, verified_installed_dir

ManifestKind = Literal["scorm12", "scorm2004", "cc13", "cc11"]

CONFORMANCE_ENV = "MOOCSTUDIO_CONFORMANCE_DIR"
"""Names the conformance folder (which holds ``schemas/``), or the schemas folder itself."""

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSD_NS = "http://www.w3.org/2001/XMLSchema"

SCORM12_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
SCORM12_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCORM12_IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCORM2004_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
SCORM2004_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
CC13_CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
CC11_CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"

# Per kind: (namespace, XSD file relative to the kind's folder), imported by the driver schema in
# this order. The W3C xml.xsd comes first so that libxml2 never loads scorm12/ims_xml.xsd, which
# declares the XML namespace as its default namespace and does not parse. SCORM 1.2's
# imsmd_rootv1p2p1.xsd is left out: it breaks the Unique Particle Attribution rule and libxml2
# cannot compile it, so inline IMS MD metadata is removed before validating (see _strip_imsmd).
ROOT_IMPORTS: dict[str, tuple[tuple[str, str], ...]] = {
    "scorm12": (
        (XML_NS, "xml.xsd"),
        (SCORM12_CP, "imscp_rootv1p1p2.xsd"),
        (SCORM12_ADLCP, "adlcp_rootv1p2.xsd"),
    ),
    "scorm2004": (
        (XML_NS, "xml.xsd"),
        (SCORM2004_CP, "imscp_v1p1.xsd"),
        (SCORM2004_ADLCP, "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ("http://ltsc.ieee.org/xsd/LOM", "lom.xsd"),
    ),
    # The CC manifest schema imports its LOM, authorization and curriculum-standards schemas
    # itself (by remote URL, mapped to local files by _LocalResolver).
    "cc13": (
        (XML_NS, "xml.xsd"),
        (CC13_CP, "ccv1p3_imscp_v1p2_v1p0.xsd"),
    ),
    # The copy Moodle validates CC 1.1 imports with (backup/cc/schemas11); it imports its LOM
    # and authorization schemas by relative path.
    "cc11": (
        (XML_NS, "xml.xsd"),
        (CC11_CP, "ccv1p1_imscp_v1p2_v1p0.xsd"),
    ),
}

_CP_NS = {"scorm12": SCORM12_CP, "scorm2004": SCORM2004_CP, "cc13": CC13_CP, "cc11": CC11_CP}

NOT_INSTALLED_ADVICE = (
    f"they are not installed (run `{INSTALL_COMMAND}`, or set {CONFORMANCE_ENV} to a folder "
    "holding them)"
)
"""Why a manifest was not checked against the official XSDs, and what to do."""

_VALIDATE_LOCK = threading.Lock()


class SchemasNotFound(MoocstudioError):
    """The conformance schemas folder is missing or lacks a kind's schemas."""


class SchemaCompileError(MoocstudioError):
    """The vendored XSDs of a kind could not be compiled (a broken or partial schemas folder)."""


SchemaSetOrigin = Literal["environment", "installed", "checkout", "none"]


@dataclass(frozen=True)
class SchemaSet:
    """The schemas folder validation uses, and how it was chosen."""

    origin: SchemaSetOrigin
    folder: Path
    """The folder holding ``<kind>/``; for ``none``, where a checkout would have it."""

    def describe(self) -> str:
        """Which set and where, in words for a report's note."""
        if self.origin == "environment":
            return f"the schemas in {self.folder} (set by {CONFORMANCE_ENV})"
        if self.origin == "installed":
            return f"the official schemas installed in {self.folder}"
        if self.origin == "checkout":
            return f"the conformance schemas beside the source checkout, in {self.folder}"
        return f"no schemas: the official XSDs are not installed (run `{INSTALL_COMMAND}`)"


def schemas_in_use() -> SchemaSet:
    """Which schemas folder validation uses, in this order.

    ``MOOCSTUDIO_CONFORMANCE_DIR`` (the folder, or its ``schemas/``) whatever it holds; the set
    ``moocstudio schemas install`` put in the user data folder, if it is complete and matches
    its pins (checked once per process); ``../shared/conformance/schemas`` beside a checkout of
    the repository (found from this file), or beside the current folder, for an installed
    moocstudio run from a checkout.
    """
    configured = os.environ.get(CONFORMANCE_ENV)
    if configured:
        folder = Path(configured)
        return SchemaSet(
            "environment", folder / "schemas" if (folder / "schemas").is_dir() else folder
        )
    installed = verified_installed_dir()
    if installed is not None:
        return SchemaSet("installed", installed)
    relative = Path("shared", "conformance", "schemas")
    checkout = Path(__file__).resolve().parents[2].parent / relative
    candidates = [checkout, Path.cwd().parent / relative, Path.cwd() / relative]
    found = next((folder for folder in candidates if folder.is_dir()), None)
    return SchemaSet("checkout", found) if found else SchemaSet("none", checkout)


def default_schemas_dir() -> Path:
    """The folder of :func:`schemas_in_use` (which may not exist: see its ``none`` origin)."""
    return schemas_in_use().folder


def _kind_dir(schemas_dir: Path | None, kind: str) -> Path:
    base = schemas_dir if schemas_dir is not None else default_schemas_dir()
    folder = base / kind
    if kind not in ROOT_IMPORTS:
        raise ValueError(f"unknown manifest kind {kind!r}; expected one of {sorted(ROOT_IMPORTS)}")
    if not folder.is_dir():
        raise SchemasNotFound(
            f"the {kind} manifest schemas were not found in {folder}; run `{INSTALL_COMMAND}`, "
            f"or set {CONFORMANCE_ENV} to the folder that holds them"
        )
    return folder


class _LocalResolver(etree.Resolver):  # type: ignore[misc]  # lxml is untyped
    """Map every remote schema URL to the local file of the same name in one kind's folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> object:
        if not system_url or urlsplit(system_url).scheme not in ("http", "https"):
            return None  # local paths resolve normally
        local = self.folder / Path(urlsplit(system_url).path).name
        if not local.is_file():
            return None  # left to fail: no_network forbids the download
        return self.resolve_filename(str(local), context)


def _driver_schema(folder: Path, kind: str) -> str:
    imports = "\n".join(
        f'  <xs:import namespace="{namespace}" schemaLocation="{(folder / xsd).as_uri()}"/>'
        for namespace, xsd in ROOT_IMPORTS[kind]
    )
    return (
        f'<xs:schema xmlns:xs="{XSD_NS}" targetNamespace="urn:moocstudio:driver:{kind}">\n'
        f"{imports}\n</xs:schema>\n"
    )


def _schema_parser(folder: Path) -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_LocalResolver(folder))
    return parser


@functools.lru_cache(maxsize=8)
def _compiled(folder: Path, kind: str) -> etree.XMLSchema:
    """Compile (once per folder and kind: SCORM 2004 with LOM takes a while) the driver schema."""
    parser = _schema_parser(folder)
    driver = etree.fromstring(
        _driver_schema(folder, kind).encode(),
        parser,
        base_url=(folder / "moocstudio-driver.xsd").as_uri(),
    )
    try:
        return etree.XMLSchema(driver)
    except etree.XMLSchemaParseError as error:
        raise SchemaCompileError(
            f"the {kind} schemas in {folder} could not be compiled: {error}"
        ) from error


def _parse_manifest(manifest_xml: bytes | Path) -> etree._ElementTree:
    # Manifests come from packages: never fetch or expand anything they point to.
    parser = etree.XMLParser(
        no_network=True, resolve_entities=False, load_dtd=False, remove_blank_text=False
    )
    if isinstance(manifest_xml, Path):
        return etree.parse(str(manifest_xml), parser)
    return etree.ElementTree(etree.fromstring(manifest_xml, parser))


def _strip_imsmd(tree: etree._ElementTree) -> etree._ElementTree:
    """Return a copy without inline IMS MD 1.2.1 metadata (its XSD cannot be compiled)."""
    stripped = copy.deepcopy(tree)  # keeps line numbers, unlike a serialise and re-parse
    for element in list(stripped.iter(f"{{{SCORM12_IMSMD}}}*")):
        parent = element.getparent()
        if parent is not None and etree.QName(parent).namespace != SCORM12_IMSMD:
            parent.remove(element)
    return stripped


def _schema_problems(tree: etree._ElementTree, kind: str, schema: etree.XMLSchema) -> list[str]:
    if kind == "scorm12":
        tree = _strip_imsmd(tree)
    # A resource typed for another CC version gets one plain message (_cc_type_problems), not
    # the XSD's two enumeration errors about its type attribute.
    explained = {line for line, _ in _cc_type_problems(tree.getroot(), kind)}
    # One cached schema object is shared by every export; its error log is per object.
    with _VALIDATE_LOCK:
        try:
            if schema.validate(tree):
                return []
        except etree.XMLSchemaValidateError as error:
            # libxml2 gives up on nodes it cannot type (an unexpanded entity reference, say).
            return [f"line 1: the schema validator could not check the manifest: {error}"]
        return [
            f"line {entry.line}: {entry.message}"
            for entry in schema.error_log
            if not (entry.line in explained and "attribute 'type'" in entry.message)
        ]


def _line(element: etree._Element) -> str:
    return f"line {element.sourceline}"


def _structure_problems(tree: etree._ElementTree, kind: str) -> list[str]:
    """Mistakes the XSDs accept but LMSs do not: wrong-case scormType, dangling references."""
    cp = _CP_NS[kind]
    root = tree.getroot()
    problems: list[str] = []
    resources = {r.get("identifier") for r in root.iter(f"{{{cp}}}resource")}
    organizations = {o.get("identifier") for o in root.iter(f"{{{cp}}}organization")}
    for orgs in root.iter(f"{{{cp}}}organizations"):
        default = orgs.get("default")
        if default is not None and default not in organizations:
            problems.append(
                f"{_line(orgs)}: organizations default {default!r} names no organization"
            )
    for item in root.iter(f"{{{cp}}}item"):
        ref = item.get("identifierref")
        if ref is not None and ref not in resources:
            problems.append(f"{_line(item)}: item identifierref {ref!r} names no resource")
    for dependency in root.iter(f"{{{cp}}}dependency"):
        ref = dependency.get("identifierref")
        if ref is not None and ref not in resources:
            problems.append(
                f"{_line(dependency)}: dependency identifierref {ref!r} names no resource"
            )
    problems += [message for _line_number, message in _cc_type_problems(root, kind)]
    if kind == "scorm2004":
        problems += _scorm2004_problems(root)
    if kind == "scorm12":
        attribute = f"{{{SCORM12_ADLCP}}}scormtype"
        if not any(r.get(attribute) == "sco" for r in root.iter(f"{{{cp}}}resource")):
            problems.append(f'{_line(root)}: the package has no SCO (adlcp:scormtype="sco")')
    return problems


# Common Cartridge resource types carry the version that defined them ("imsdt_xmlv1p1"): a
# cartridge written for one version with another's types is refused by that version's XSD with
# an enumeration error that does not say what is wrong.
_CC_VERSIONED_TYPE = re.compile(r"(imscc_xml|imsdt_xml|imswl_xml|imsbasiclti_xml)v1p(\d)")
_CC_VERSIONS = {"cc11": "1", "cc13": "3"}
_CC_LTI_VERSION = {"cc11": "0", "cc13": "3"}  # CC 1.1 and 1.2 link Basic LTI 1.0 ("v1p0")


def _cc_type_problems(root: etree._Element, kind: str) -> list[tuple[int, str]]:
    """``(line, problem)`` for each resource typed for another Common Cartridge version."""
    if kind not in _CC_VERSIONS:
        return []
    problems = []
    for resource in root.iter(f"{{{_CP_NS[kind]}}}resource"):
        resource_type = resource.get("type", "")
        match = _CC_VERSIONED_TYPE.search(resource_type)
        if match is None:
            continue
        family, minor = match.groups()
        expected = _CC_LTI_VERSION[kind] if family == "imsbasiclti_xml" else _CC_VERSIONS[kind]
        if minor == expected:
            continue
        fixed = _CC_VERSIONED_TYPE.sub(f"{family}v1p{expected}", resource_type)
        own = f"CC 1.{_CC_VERSIONS[kind]}"
        problems.append(
            (
                resource.sourceline or 0,
                f"{_line(resource)}: resource {resource.get('identifier')!r} has the type "
                f"{resource_type!r} of another Common Cartridge version in a {own} manifest: "
                f"{own} names it {fixed!r} (change the type, or the manifest's version)",
            )
        )
    return problems


def _scorm2004_problems(root: etree._Element) -> list[str]:
    problems: list[str] = []
    wrong_case = f"{{{SCORM2004_ADLCP}}}scormtype"
    scos = 0
    for resource in root.iter(f"{{{SCORM2004_CP}}}resource"):
        if resource.get(wrong_case) is not None:
            problems.append(
                f"{_line(resource)}: resource {resource.get('identifier')!r} has "
                "adlcp:scormtype in lower case; SCORM 2004 reads only adlcp:scormType"
            )
        scos += resource.get(f"{{{SCORM2004_ADLCP}}}scormType") == "sco"
    if not scos:
        problems.append(f'{_line(root)}: the package has no SCO (adlcp:scormType="sco")')
    return problems


def validate_manifest(
    manifest_xml: bytes | Path, kind: ManifestKind, *, schemas_dir: Path | None = None
) -> list[str]:
    """Validate an ``imsmanifest.xml`` against its official schemas, offline.

    Args:
        manifest_xml: The manifest's bytes, or the path of the file.
        kind: ``scorm12``, ``scorm2004`` (4th edition), ``cc13`` or ``cc11`` (IMS Common
            Cartridge 1.3 or 1.1).
        schemas_dir: The folder holding ``scorm12/``, ``scorm2004/``, ``cc13/`` and ``cc11/``;
            defaults to
            :func:`default_schemas_dir`.

    Returns:
        The problems, each a sentence starting with its line number; empty when valid. Inline
        IMS MD metadata of SCORM 1.2 is not checked (libxml2 cannot compile its XSD).

    Raises:
        SchemasNotFound: The schemas folder for ``kind`` is missing (see
            :func:`structure_problems` for the checks that need no schema).
        SchemaCompileError: The schemas there do not compile.
    """
    folder = _kind_dir(schemas_dir, kind).resolve()
    schema = _compiled(folder, kind)
    problems = _parsed(manifest_xml, kind)
    if isinstance(problems, list):
        return problems
    return _schema_problems(problems, kind, schema) + _structure_problems(problems, kind)


def structure_problems(manifest_xml: bytes | Path, kind: ManifestKind) -> list[str]:
    """The checks that need no schema: well-formed, no DOCTYPE, root, references, SCOs."""
    parsed = _parsed(manifest_xml, kind)
    return parsed if isinstance(parsed, list) else _structure_problems(parsed, kind)


def package_tree(document: bytes | Path, what: str) -> etree._ElementTree | list[str]:
    """Parse an XML file of a package safely: its tree, or the problems that stop any check.

    Args:
        document: The file's bytes, or its path.
        what: How a problem names it ("the manifest", "the file").
    """
    try:
        tree = _parse_manifest(document)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else 0
        return [f"line {line}: {what} is not well-formed XML: {error.msg}"]
    if tree.docinfo.internalDTD is not None:
        # Package XML never needs a DTD; one here can only smuggle entities in.
        return [f"line 1: {what} declares a DOCTYPE; remove it (entities are not allowed)"]
    return tree


def _parsed(manifest_xml: bytes | Path, kind: ManifestKind) -> etree._ElementTree | list[str]:
    """The manifest's tree, or the problems that stop any further check."""
    tree = package_tree(manifest_xml, "the manifest")
    if isinstance(tree, list):
        return tree
    root = etree.QName(tree.getroot())
    if root.namespace != _CP_NS[kind] or root.localname != "manifest":
        return [
            f"line {tree.getroot().sourceline}: the root element is {root.text}, "
            f"not {{{_CP_NS[kind]}}}manifest ({kind})"
        ]
    return tree
