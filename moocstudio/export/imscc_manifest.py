"""``imsmanifest.xml`` for IMS Common Cartridge 1.3 and 1.1, from one cartridge plan.

The two versions share one shape (IMS CP 1.2 profile: metadata with a LOM record, one
``rooted-hierarchy`` organization, ``webcontent`` resources listing their files); they differ
only in namespaces, schema file names and ``schemaversion``, which the version table holds.
The XML is built with lxml, so titles and descriptions are always escaped.

Facts checked in the CC 1.3 XSDs (``ccv1p3_imscp_v1p2_v1p0.xsd``, ``ccv1p3_lommanifest_v1p0.xsd``)
and, for 1.1, in Moodle's copies of ``ccv1p1_imscp_v1p2_v1p0.xsd`` and
``ccv1p1_lommanifest_v1p0.xsd`` (``backup/cc/schemas11``) and its ``cc_version11.php``:
the organization has one top item (no title) holding the outline; an item that points to a
resource may not hold items (schematron rule 8b), so modules are folders without
``identifierref``; ``<organizations>`` has no ``default`` attribute and ``<manifest>`` no
``version``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from moocstudio.export.metadata import PackageMetadata

# The plan is IMS content packaging's, the same for SCORM and CC: one definition serves both.
from moocstudio.export.scorm_manifest import (
    RIGHTS_LANGUAGE,
    XSI_NS,
    OutlineItem,
    PackagePlan,
    Resource,
    xml_text,
)

SCHEMA_NAME = "IMS Common Cartridge"
ORGANIZATION_ID = "ORG"
ROOT_ITEM_ID = "root"
WEBCONTENT = "webcontent"


@dataclass(frozen=True)
class CartridgeVersion:
    """What differs between two Common Cartridge versions' manifests.

    Attributes:
        name: ``"1.3"`` or ``"1.1"``.
        cp: The manifest's default namespace (the CC profile of IMS CP).
        lom_manifest: Namespace of the manifest's LOM record (prefix ``lomimscc``).
        lom_resource: Namespace of resource-level LOM (prefix ``lom``), declared for importers.
        schemaversion: The ``<schemaversion>`` the CP profile XSD fixes.
        schema_files: ``(namespace, XSD URL)`` pairs for ``xsi:schemaLocation``.
        filebase: What a page puts before a file's path from its own folder, so that the
            platforms importing this version find the file (see ``CC13`` and ``CC11``).
        assessment: The resource type of a QTI 1.2 assessment in this version.
    """

    name: str
    cp: str
    lom_manifest: str
    lom_resource: str
    schemaversion: str
    schema_files: tuple[tuple[str, str], ...]
    filebase: str
    assessment: str


def _version(number: str, filebase: str) -> CartridgeVersion:
    """The version table row for ``"1p3"``-style ``number``: IMS names every file after it."""
    cp = f"http://www.imsglobal.org/xsd/imsccv{number}/imscp_v1p1"
    lom_manifest = f"http://ltsc.ieee.org/xsd/imsccv{number}/LOM/manifest"
    lom_resource = f"http://ltsc.ieee.org/xsd/imsccv{number}/LOM/resource"
    profile = f"http://www.imsglobal.org/profile/cc/ccv{number}"
    major, minor = number.split("p")
    return CartridgeVersion(
        name=f"{major}.{minor}",
        cp=cp,
        lom_manifest=lom_manifest,
        lom_resource=lom_resource,
        schemaversion=f"{major}.{minor}.0",
        schema_files=(
            (cp, f"{profile}/ccv{number}_imscp_v1p2_v1p0.xsd"),
            (lom_manifest, f"{profile}/LOM/ccv{number}_lommanifest_v1p0.xsd"),
            (lom_resource, f"{profile}/LOM/ccv{number}_lomresource_v1p0.xsd"),
        ),
        filebase=filebase,
        assessment=f"imsqti_xmlv1p2/imscc_xmlv{number}/assessment",
    )


FILEBASE = "$IMS-CC-FILEBASE$/"
"""The token the Common Cartridge profile gives pages for the files of the cartridge."""

CC13 = _version("1p3", FILEBASE)
"""Links written ``$IMS-CC-FILEBASE$/media/…``: Open edX's cc2olx reads only the token (it
becomes ``/static``; a plain relative link stays as written and fails), Canvas reads it or a
relative path in the HTML it converts (``Standard::Converter#replace_urls``), and Moodle's
discussion-topic import reads it as the resource's own folder; pages sit in ``web_resources/``
beside ``media/``, so each reading finds the same file."""

CC11 = _version("1p1", "")
"""Links written ``media/…``, plain relative paths: Moodle core imports only CC 1.0 and 1.1
(``backup/cc/cc112moodle.php``), and its page import (``entity11.resource.class.php``) rewrites
a page's ``href`` and ``src`` values that name a file from the page's folder, without
understanding ``$IMS-CC-FILEBASE$`` there."""


class DuplicateIdentifier(ValueError):
    """Two elements of a plan share an identifier (xs:ID values must be unique)."""


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = xml_text(text)
    return element


def _walk(items: tuple[OutlineItem, ...]) -> Iterator[OutlineItem]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _check_identifiers(plan: PackagePlan) -> None:
    used = Counter(
        [ORGANIZATION_ID, ROOT_ITEM_ID]
        + [item.identifier for item in _walk(plan.items)]
        + [resource.identifier for resource in plan.resources]
    )
    duplicates = sorted(name for name, count in used.items() if count > 1)
    if duplicates:
        raise DuplicateIdentifier(f"identifiers used more than once: {', '.join(duplicates)}")


class _LomWriter:
    """Builds the manifest's LOM record in one namespace (``lomimscc``)."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def string(self, parent: etree._Element, tag: str, text: str, language: str) -> None:
        _sub(_sub(parent, self.tag(tag)), self.tag("string"), text, language=language)

    def value(self, parent: etree._Element, tag: str, value: str) -> None:
        # A bare <value>: CC 1.1's manifest LOM (strict) allows nothing else in a vocabulary
        # element, not even <source>LOMv1.0</source>, and CC 1.3's accepts it as it is.
        _sub(_sub(parent, self.tag(tag)), self.tag("value"), value)

    def record(self, metadata: PackageMetadata) -> etree._Element:
        """``<lom>``: general (title, language, description, keywords) and rights."""
        lom = etree.Element(self.tag("lom"))
        general = _sub(lom, self.tag("general"))
        self.string(general, "title", metadata.title, metadata.language)
        _sub(general, self.tag("language"), metadata.language)
        self.string(general, "description", metadata.description, metadata.language)
        for keyword in metadata.keywords:
            self.string(general, "keyword", keyword, metadata.language)
        rights = _sub(lom, self.tag("rights"))
        restricted = "yes" if metadata.restricted else "no"
        self.value(rights, "copyrightAndOtherRestrictions", restricted)
        self.string(rights, "description", metadata.rights, RIGHTS_LANGUAGE)
        return lom


def cartridge_manifest(
    version: CartridgeVersion, metadata: PackageMetadata, plan: PackagePlan
) -> bytes:
    """Return the ``imsmanifest.xml`` of ``plan`` for Common Cartridge ``version``, as UTF-8.

    Args:
        version: ``CC13`` or ``CC11``.
        metadata: What the manifest's LOM says about the course (see ``package_metadata``).
        plan: The outline and resources to list.

    Returns:
        The manifest, the same bytes for the same arguments.

    Raises:
        DuplicateIdentifier: Two items or resources of ``plan`` share an identifier.
    """
    _check_identifiers(plan)
    cp = f"{{{version.cp}}}"
    root = etree.Element(
        f"{cp}manifest",
        {"identifier": metadata.identifier},
        nsmap={
            None: version.cp,
            "lomimscc": version.lom_manifest,
            "lom": version.lom_resource,
            "xsi": XSI_NS,
        },
    )
    # The XSDs are named, not shipped: platforms do not read them, validators map them locally.
    root.set(
        f"{{{XSI_NS}}}schemaLocation",
        " ".join(f"{namespace} {xsd}" for namespace, xsd in version.schema_files),
    )
    head = _sub(root, f"{cp}metadata")
    _sub(head, f"{cp}schema", SCHEMA_NAME)
    _sub(head, f"{cp}schemaversion", version.schemaversion)
    head.append(_LomWriter(version.lom_manifest).record(metadata))
    organizations = _sub(root, f"{cp}organizations")
    organization = _sub(
        organizations, f"{cp}organization", identifier=ORGANIZATION_ID, structure="rooted-hierarchy"
    )
    _sub(organization, f"{cp}title", " ".join(xml_text(plan.title).split()))
    top = _sub(organization, f"{cp}item", identifier=ROOT_ITEM_ID)
    for item in plan.items:
        _item(top, cp, item)
    resources = _sub(root, f"{cp}resources")
    for resource in plan.resources:
        _resource(resources, cp, resource)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _item(parent: etree._Element, cp: str, item: OutlineItem) -> None:
    attrs = {"identifier": item.identifier}
    if item.resource is not None:
        attrs["identifierref"] = item.resource
    element = _sub(parent, f"{cp}item", **attrs)
    _sub(element, f"{cp}title", " ".join(xml_text(item.title).split()))  # outlines are one line
    for child in item.children:
        _item(element, cp, child)


def _resource(parent: etree._Element, cp: str, resource: Resource) -> None:
    attrs = {"identifier": resource.identifier, "type": resource.type or WEBCONTENT}
    if resource.launch is not None:
        # Canvas and Moodle open the href as a path inside the zip, not as a decoded URL
        # (canvas-lms webcontent_converter.rb, moodle entity11.resource.class.php): no %-encoding.
        attrs["href"] = resource.launch
    element = _sub(parent, f"{cp}resource", **attrs)
    for path in dict.fromkeys(resource.files):
        _sub(element, f"{cp}file", href=path)
    for dependency in resource.dependencies:
        _sub(element, f"{cp}dependency", identifierref=dependency)
