"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 4th edition, from one package plan.

Both versions share the IMS content-packaging shape (metadata, one organization, resources with
every file listed); they differ in namespaces, in how the course is described (IMS MD 1.2.1
``langstring`` for 1.2, IEEE LOM ``string`` for 2004), in the case of ``adlcp:scormtype`` and in
2004's sequencing. The XML is built with lxml, so titles and descriptions are always escaped.

The organization is flat, SCO items one after the other, with no folders: Moodle's player walks
its previous/next buttons over the organization's tree and greys "next" out when the walk meets
an item that launches nothing, so a folder per module would stop the learner at the end of the
first module (mod/scorm ``module.js``: ``scorm_skipnext``, ``scorm_fixnav``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from lxml import etree

if TYPE_CHECKING:
    from moocstudio.export.metadata import PackageMetadata
    from moocstudio.export.scorm_launch import ScormVersion

MANIFEST = "imsmanifest.xml"

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCORM12_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
SCORM12_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCORM12_IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCORM2004_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
SCORM2004_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
SCORM2004_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
SCORM2004_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
SCORM2004_IMSSS = "http://www.imsglobal.org/xsd/imsss"
PRIMARY_OBJECTIVE = "passed"
"""The objectiveID of a graded SCO's primary objective (one per SCO; the name is local)."""
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"

ORGANIZATION_ID = "ORG"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
LOM_VOCABULARY = "LOMv1.0"
RIGHTS_LANGUAGE = "en"
"""package_metadata writes the rights sentence in English."""

# XML 1.0 forbids most control characters; lxml refuses them, so they are dropped from text.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Resource:
    """One ``<resource>``: a SCO (it has a launch page) or an asset.

    Attributes:
        identifier: Its xs:ID, unique in the manifest.
        files: Every package file it holds, as paths from the package root.
        launch: The page an LMS opens for a SCO; None for an asset.
        dependencies: Identifiers of the resources whose files it also uses.
        type: IMS CC only: the resource's type when it is not web content (a QTI assessment).
    """

    identifier: str
    files: tuple[str, ...]
    launch: str | None = None
    dependencies: tuple[str, ...] = ()
    type: str | None = None


@dataclass(frozen=True)
class OutlineItem:
    """One ``<item>`` of an organization: a SCO, or (IMS CC only) a folder of items.

    Attributes:
        identifier: Its xs:ID, unique in the manifest.
        title: What the LMS shows in its outline.
        resource: The resource it launches; None for a folder.
        children: Its items, for a folder.
        passing: A graded SCO's pass mark as a scaled score (0 to 1); SCORM 2004 writes it
            as the primary objective's ``minNormalizedMeasure``, satisfied by that measure,
            SCORM 1.2 as ``adlcp:masteryscore`` (in percent).
    """

    identifier: str
    title: str
    resource: str | None = None
    children: tuple[OutlineItem, ...] = ()
    passing: float | None = None


@dataclass(frozen=True)
class PackagePlan:
    """What a manifest lists: the outline an LMS shows (in order) and the resources behind it.

    A SCORM plan's items are SCOs, one after the other (see the module's docstring).
    """

    title: str
    items: tuple[OutlineItem, ...]
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class _Dialect:
    """What differs between the two SCORM versions' manifests."""

    cp: str
    adlcp: str
    namespaces: dict[str | None, str]
    schema_files: tuple[tuple[str, str], ...]
    schemaversion: str
    scorm_type: str
    title_limit: int | None
    lom: Callable[[PackageMetadata], etree._Element]
    sequencing: bool


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (NUL and most control codes)."""
    return _NOT_XML.sub("", text)


def manifest_href(path: str) -> str:
    """A package path as a manifest ``href``: percent-encoded UTF-8, ``/`` kept."""
    return quote(path, safe="/")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = xml_text(text)
    return element


# SCORM 1.2: inline IMS Metadata 1.2.1. Element order follows imsmd_rootv1p2p1.xsd (general:
# title, language, description, keyword; rights: cost, copyrightandotherrestrictions,
# description); vocabulary values are langstrings in the "x-none" language.
def _md(name: str) -> str:
    return f"{{{SCORM12_IMSMD}}}{name}"


def _langstring(parent: etree._Element, tag: str, text: str, language: str) -> etree._Element:
    element = _sub(parent, _md(tag))
    _sub(element, _md("langstring"), text, **{f"{{{XML_NS}}}lang": language})
    return element


def _md_vocabulary(parent: etree._Element, tag: str, value: str) -> None:
    element = _sub(parent, _md(tag))
    _langstring(element, "source", LOM_VOCABULARY, "x-none")
    _langstring(element, "value", value, "x-none")


def _imsmd_lom(metadata: PackageMetadata) -> etree._Element:
    lom = etree.Element(_md("lom"))
    general = _sub(lom, _md("general"))
    _langstring(general, "title", metadata.title, metadata.language)
    _sub(general, _md("language"), metadata.language)
    _langstring(general, "description", metadata.description, metadata.language)
    for keyword in metadata.keywords:
        _langstring(general, "keyword", keyword, metadata.language)
    rights = _sub(lom, _md("rights"))
    # Cost: moocstudio courses are open educational resources, free to use.
    _md_vocabulary(rights, "cost", "no")
    _md_vocabulary(rights, "copyrightandotherrestrictions", _yes_no(metadata.restricted))
    _langstring(rights, "description", metadata.rights, RIGHTS_LANGUAGE)
    return lom


# SCORM 2004: inline IEEE LOM (lom.xsd, strict LOMv1.0 vocabularies).
def _lom(name: str) -> str:
    return f"{{{LOM_NS}}}{name}"


def _lom_string(parent: etree._Element, tag: str, text: str, language: str) -> etree._Element:
    element = _sub(parent, _lom(tag))
    _sub(element, _lom("string"), text, language=language)
    return element


def _lom_vocabulary(parent: etree._Element, tag: str, value: str) -> None:
    element = _sub(parent, _lom(tag))
    _sub(element, _lom("source"), LOM_VOCABULARY)
    _sub(element, _lom("value"), value)


def _ieee_lom(metadata: PackageMetadata) -> etree._Element:
    lom = etree.Element(_lom("lom"), nsmap={None: LOM_NS})
    general = _sub(lom, _lom("general"))
    _lom_string(general, "title", metadata.title, metadata.language)
    _sub(general, _lom("language"), metadata.language)
    _lom_string(general, "description", metadata.description, metadata.language)
    for keyword in metadata.keywords:
        _lom_string(general, "keyword", keyword, metadata.language)
    rights = _sub(lom, _lom("rights"))
    _lom_vocabulary(rights, "cost", "no")
    _lom_vocabulary(rights, "copyrightAndOtherRestrictions", _yes_no(metadata.restricted))
    _lom_string(rights, "description", metadata.rights, RIGHTS_LANGUAGE)
    return lom


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


_DIALECTS: dict[ScormVersion, _Dialect] = {
    "1.2": _Dialect(
        cp=SCORM12_CP,
        adlcp=SCORM12_ADLCP,
        namespaces={None: SCORM12_CP, "adlcp": SCORM12_ADLCP, "imsmd": SCORM12_IMSMD},
        schema_files=(
            (SCORM12_CP, "imscp_rootv1p1p2.xsd"),
            (SCORM12_IMSMD, "imsmd_rootv1p2p1.xsd"),
            (SCORM12_ADLCP, "adlcp_rootv1p2.xsd"),
        ),
        schemaversion="1.2",
        scorm_type="scormtype",  # lower case in 1.2 (adlcp_rootv1p2.xsd)
        title_limit=200,  # imscp_rootv1p1p2.xsd: titleType maxLength 200
        lom=_imsmd_lom,
        sequencing=False,
    ),
    "2004": _Dialect(
        cp=SCORM2004_CP,
        adlcp=SCORM2004_ADLCP,
        namespaces={
            None: SCORM2004_CP,
            "adlcp": SCORM2004_ADLCP,
            "adlseq": SCORM2004_ADLSEQ,
            "adlnav": SCORM2004_ADLNAV,
            "imsss": SCORM2004_IMSSS,
        },
        schema_files=(
            (SCORM2004_CP, "imscp_v1p1.xsd"),
            (SCORM2004_ADLCP, "adlcp_v1p3.xsd"),
            (SCORM2004_ADLSEQ, "adlseq_v1p3.xsd"),
            (SCORM2004_ADLNAV, "adlnav_v1p3.xsd"),
            (SCORM2004_IMSSS, "imsss_v1p0.xsd"),
            (LOM_NS, "lom.xsd"),
        ),
        schemaversion="2004 4th Edition",
        scorm_type="scormType",  # camelCase in 2004 (adlcp_v1p3.xsd)
        title_limit=None,
        lom=_ieee_lom,
        sequencing=True,
    ),
}


def manifest_xml(version: ScormVersion, metadata: PackageMetadata, plan: PackagePlan) -> bytes:
    """Return the ``imsmanifest.xml`` of ``plan`` for SCORM ``version``, as UTF-8 bytes.

    Args:
        version: ``"1.2"`` or ``"2004"`` (4th edition).
        metadata: What the manifest's LOM says about the course (see ``package_metadata``).
        plan: The outline and resources to list.

    Returns:
        The manifest, the same bytes for the same arguments.
    """
    dialect = _DIALECTS[version]
    cp = f"{{{dialect.cp}}}"
    root = etree.Element(
        f"{cp}manifest",
        {"identifier": metadata.identifier, "version": "1"},
        nsmap={**dialect.namespaces, "xsi": XSI_NS},
    )
    # The XSDs are named but not shipped: LMSs do not read them (ADL's test suite does).
    root.set(
        f"{{{XSI_NS}}}schemaLocation",
        " ".join(f"{namespace} {xsd}" for namespace, xsd in dialect.schema_files),
    )
    head = _sub(root, f"{cp}metadata")
    _sub(head, f"{cp}schema", "ADL SCORM")
    _sub(head, f"{cp}schemaversion", dialect.schemaversion)
    head.append(dialect.lom(metadata))
    _organizations(root, dialect, plan)
    resources = _sub(root, f"{cp}resources")
    for resource in plan.resources:
        _resource(resources, dialect, resource)
    # Written by hand for double quotes: lxml's own declaration uses single ones.
    body: bytes = etree.tostring(root, xml_declaration=False, encoding="UTF-8", pretty_print=True)
    return XML_DECLARATION + body


def _title(parent: etree._Element, dialect: _Dialect, title: str) -> None:
    text = " ".join(xml_text(title).split())  # one line: LMS outlines show no line breaks
    limit = dialect.title_limit
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    _sub(parent, f"{{{dialect.cp}}}title", text)


def _organizations(root: etree._Element, dialect: _Dialect, plan: PackagePlan) -> None:
    cp = f"{{{dialect.cp}}}"
    organizations = _sub(root, f"{cp}organizations", default=ORGANIZATION_ID)
    organization = _sub(organizations, f"{cp}organization", identifier=ORGANIZATION_ID)
    # Children in the order imscp_v1p1.xsd and the SCORM 2004 CAM give: title, item*, then
    # (2004) imsss:sequencing.
    _title(organization, dialect, plan.title)
    for item in plan.items:
        _item(organization, dialect, item)
    if dialect.sequencing:
        # The organization is the one cluster. Its controlMode defaults to flow="false"
        # (IMS SS): without flow the learner could not press Continue from one SCO to the next.
        sequencing = _sub(organization, f"{{{SCORM2004_IMSSS}}}sequencing")
        _sub(sequencing, f"{{{SCORM2004_IMSSS}}}controlMode", choice="true", flow="true")


def _item(parent: etree._Element, dialect: _Dialect, item: OutlineItem) -> None:
    if item.resource is None or item.children:
        raise ValueError(f"{item.identifier}: a SCORM outline here is flat, SCO items only")
    element = _sub(
        parent,
        f"{{{dialect.cp}}}item",
        identifier=item.identifier,
        identifierref=item.resource,
        isvisible="true",
    )
    _title(element, dialect, item.title)
    if item.passing is not None and not dialect.sequencing:
        # SCORM 1.2's pass mark, in percent; the LMS hands it over as mastery_score.
        _sub(element, f"{{{dialect.adlcp}}}masteryscore", f"{item.passing * 100:g}")
    if dialect.sequencing:
        # A leaf carries no controlMode of its own: Moodle would then hand its buttons to its
        # server-side sequencer instead of walking the outline.
        sequencing = _sub(element, f"{{{SCORM2004_IMSSS}}}sequencing")
        if item.passing is not None:
            _primary_objective(sequencing, item.passing)
        _sub(
            sequencing,
            f"{{{SCORM2004_IMSSS}}}deliveryControls",
            completionSetByContent="true",
            objectiveSetByContent="true",
        )


def _primary_objective(sequencing: etree._Element, passing: float) -> None:
    """The SCO is satisfied (passed) once its scaled score reaches ``passing`` (IMS SS).

    The LMS hands the value to the SCO as ``cmi.scaled_passing_score``; ``objectives`` comes
    before ``deliveryControls`` in imsss:sequencingType.
    """
    imsss = f"{{{SCORM2004_IMSSS}}}"
    objectives = _sub(sequencing, f"{imsss}objectives")
    primary = _sub(
        objectives,
        f"{imsss}primaryObjective",
        objectiveID=PRIMARY_OBJECTIVE,
        satisfiedByMeasure="true",
    )
    _sub(primary, f"{imsss}minNormalizedMeasure", f"{passing:.4f}")


def _resource(parent: etree._Element, dialect: _Dialect, resource: Resource) -> None:
    cp = f"{{{dialect.cp}}}"
    attrs = {
        "identifier": resource.identifier,
        "type": "webcontent",
        f"{{{dialect.adlcp}}}{dialect.scorm_type}": "sco" if resource.launch else "asset",
    }
    if resource.launch is not None:
        attrs["href"] = manifest_href(resource.launch)
    element = _sub(parent, f"{cp}resource", **attrs)
    for path in _sorted_unique(resource.files):
        _sub(element, f"{cp}file", href=manifest_href(path))
    for dependency in resource.dependencies:
        _sub(element, f"{cp}dependency", identifierref=dependency)


def _sorted_unique(paths: Iterable[str]) -> list[str]:
    return sorted(set(paths))
