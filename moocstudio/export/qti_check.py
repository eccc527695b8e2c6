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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, isoschematron

from moocstudio.export.findings import count_phrase
from moocstudio.export.manifest_files import MANIFEST
from moocstudio.export.package_entries import UnreadableEntry
from moocstudio.export.validate import (
    NOT_INSTALLED_ADVICE,
    SchemaCompileError,
    SchemasNotFound,
    package_tree,
    schemas_in_use,
)

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
    tree = package_tree(document, "the file")
    if isinstance(tree, list):
        return tree
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


@dataclass
class CartridgeQuizCheck:
    """What checking a cartridge's assessments found: errors, and what was not checked."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def cartridge_assessments(root: etree._Element) -> list[str]:
    """The QTI files a cartridge manifest lists as assessments (each resource's first file)."""
    namespace = etree.QName(root).namespace
    files = []
    for resource in root.iter(f"{{{namespace}}}resource"):
        if resource.get("type") not in ASSESSMENT_TYPES:
            continue
        first = resource.find(f"{{{namespace}}}file")
        href = first.get("href") if first is not None else None
        if href is None:
            files.append(f"resource {resource.get('identifier')!r} lists no QTI file")
        else:
            files.append(href)
    return files


def check_cartridge_quizzes(
    root: etree._Element, read: Callable[[str], bytes | None]
) -> CartridgeQuizCheck:
    """Check every assessment of a cartridge against the QTI profile.

    Args:
        root: The manifest's root element.
        read: Gives an entry's bytes (None when it is too large to read); raises
            ``KeyError`` for an entry the package lacks.
    """
    check = CartridgeQuizCheck()
    listed = cartridge_assessments(root)
    if not listed:
        return check
    try:
        profile_path()
    except SchemasNotFound:
        check.notes.append(f"{len(listed)} QTI assessments not checked: {NOT_INSTALLED_ADVICE}")
        return check
    for href in listed:
        if href.startswith("resource "):
            check.problems.append(f"{MANIFEST}: {href}")
            continue
        try:
            data = read(href)
        except KeyError:
            continue  # the manifest check reports a listed file the package lacks
        except UnreadableEntry as unreadable:
            check.problems.append(str(unreadable))
            continue
        if data is None:
            check.notes.append(f"{href} not checked: too large to read")
            continue
        check.problems += [f"{href}: {problem}" for problem in qti_problems(data)]
    checked = count_phrase(len(listed), "QTI assessment")
    check.notes.append(f"{checked} checked against the CC QTI profile")
    return check
