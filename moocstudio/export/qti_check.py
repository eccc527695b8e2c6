"""Check a Common Cartridge QTI assessment against the CC profile of QTI 1.2.1, offline.

The profile is ``cc11/ccv1p1_qtiasiv1p2p1_v1p0.xsd`` in the conformance schemas (see
``validate.schemas_in_use``); CC 1.3 cartridges carry the same QTI 1.2.1 profile, whose 1.3
binding is not published anywhere we could take it from, so both versions are checked with
this one. The XSD checks the structure; the Schematron rules IMS wrote inside it (question
types, metadata values, response identifiers, feedback links) are run as well, with lxml's
ISO Schematron, since an XSD validator ignores them and platforms do not.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from lxml import etree, isoschematron

from moocstudio.export.validate import SchemaCompileError, SchemasNotFound, schemas_in_use

PROFILE_XSD = Path("cc11", "ccv1p1_qtiasiv1p2p1_v1p0.xsd")
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
ASSESSMENT_TYPES = (
    "imsqti_xmlv1p2/imscc_xmlv1p1/assessment",
    "imsqti_xmlv1p2/imscc_xmlv1p3/assessment",
)
"""The manifest resource types whose file is a QTI assessment."""

_LOCK = threading.Lock()


class _Profile:
    """The compiled XSD and its Schematron rules."""

    def __init__(self, xsd: Path) -> None:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        document = etree.parse(str(xsd), parser)
        try:
            self.schema = etree.XMLSchema(document)
            # IMS's rules name patterns with the pre-ISO "name" attribute, which the ISO
            # Schematron grammar refuses; the rules themselves are plain ISO asserts.
            self.rules = isoschematron.Schematron(
                document, store_report=True, validate_schema=False
            )
        except (etree.XMLSchemaParseError, etree.SchematronParseError) as error:
            raise SchemaCompileError(
                f"the QTI profile {xsd} could not be compiled: {error}"
            ) from error


@functools.lru_cache(maxsize=4)
def _profile(xsd: Path) -> _Profile:
    return _Profile(xsd)


def profile_path(schemas_dir: Path | None = None) -> Path:
    """The profile XSD in ``schemas_dir`` (default: the set in use).

    Raises:
        SchemasNotFound: It is not there.
    """
    path = (schemas_dir if schemas_dir is not None else schemas_in_use().folder) / PROFILE_XSD
    if not path.is_file():
        raise SchemasNotFound(f"the QTI profile schema {path} was not found")
    return path


def qti_problems(document: bytes, *, schemas_dir: Path | None = None) -> list[str]:
    """Every way ``document`` breaks the CC QTI profile: XSD errors, then Schematron rules.

    Args:
        document: A ``questestinterop`` file, as a cartridge holds it.
        schemas_dir: The folder holding ``cc11/`` (default: the set in use).

    Returns:
        One sentence per problem, starting with its line; empty when the file conforms.

    Raises:
        SchemasNotFound: The profile XSD is not installed.
        SchemaCompileError: It does not compile.
    """
    profile = _profile(profile_path(schemas_dir).resolve())
    parser = etree.XMLParser(
        no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.ElementTree(etree.fromstring(document, parser))
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else 0
        return [f"line {line}: not well-formed XML: {error.msg}"]
    if tree.docinfo.internalDTD is not None:
        return ["line 1: the file declares a DOCTYPE; remove it (entities are not allowed)"]
    root = etree.QName(tree.getroot())
    if (root.namespace, root.localname) != (QTI_NS, "questestinterop"):
        return [f"line 1: the root element is {root.text}, not {{{QTI_NS}}}questestinterop"]
    with _LOCK:  # one cached validator for every caller; their logs are per object
        if not profile.schema.validate(tree):
            return [f"line {entry.line}: {entry.message}" for entry in profile.schema.error_log]
        if profile.rules.validate(tree):
            return []
        report = profile.rules.validation_report
    return [_rule_message(tree, failed) for failed in report.iter(f"{{{SVRL_NS}}}failed-assert")]


def _rule_message(tree: etree._ElementTree, failed: etree._Element) -> str:
    text = " ".join("".join(failed.itertext()).split())
    try:
        found = tree.xpath(failed.get("location", ""))
    except etree.XPathError:
        found = []
    line = found[0].sourceline if isinstance(found, list) and found else None
    return f"line {line or 0}: {text}"
