"""Check an Open edX OLX course export (``.tar.gz``) the way Studio's import would find it.

The archive is read in place, never extracted: entry names are checked first (no absolute path,
no ``..``, no link or device), then only the XML, HTML and JSON files are read, and media are
known by name alone. What is reported: no ``course/course.xml``; a ``url_name`` that points to a
missing file; a problem whose responses Open edX could not grade (``olx_problem_check``); a
``/static/`` link (HTML, problem, video source, transcript, course image) with no file; a file in
``static/`` nothing links to; no LICENSE.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from moocstudio.export.findings import Finding, error, errors, warning
from moocstudio.export.olx_problem_check import problem_problems
from moocstudio.export.zipwriter import UnsafeEntryName, normalise_name

TOP = "course/"
STATIC = "static/"
STATIC_URL = "/static/"
LICENCE_NAMES = ("static/LICENSE.txt", "LICENSE.txt", "static/LICENSE", "LICENSE")
TEXT_SUFFIXES = (".xml", ".html", ".htm", ".json")
MAX_TEXT_BYTES = 20 * 1024 * 1024
"""Larger XML or HTML is not read (an OLX file is a few kilobytes; this bounds memory)."""

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_LINK_ATTRIBUTES = ("src", "href", "poster", "data")


@dataclass
class _Package:
    """The archive's files under ``course/``: every name, and the text of the small ones."""

    names: set[str] = field(default_factory=set)
    texts: dict[str, bytes] = field(default_factory=dict)


class _Unsafe(Exception):
    """An entry that must not be read: the check stops there."""


def olx_findings(tar_path: Path) -> list[Finding]:
    """What would break an Open edX import of ``tar_path`` (errors), then advice (warnings).

    Args:
        tar_path: An OLX course export, as ``moocstudio export --format olx`` writes it.

    Returns:
        One finding per problem, naming the file; an empty list when the package is sound.
        Static files nothing uses and a missing LICENSE are warnings; the rest are errors.
    """
    try:
        package = _read(Path(tar_path))
    except _Unsafe as unsafe:
        return [error(f"{unsafe}; the package was not read further")]
    except (OSError, tarfile.TarError, EOFError) as exc:
        return [error(f"{tar_path} cannot be read as a .tar.gz package ({exc})")]
    findings: list[Finding] = []
    if "course.xml" not in package.names:
        findings.append(error("no course/course.xml: Studio finds nothing to import"))
    else:
        findings += errors(_outline_problems(package))
    findings += errors(_missing_static(package))
    findings += [warning(message) for message in _unused_static(package)]
    if not any(name in package.names for name in LICENCE_NAMES):
        findings.append(
            warning("no LICENSE.txt in course/static/: the licence should travel with the course")
        )
    return findings


def olx_problems(tar_path: Path) -> list[str]:
    """Every finding of ``olx_findings`` as a sentence (errors and warnings alike)."""
    return [finding.message for finding in olx_findings(tar_path)]


def _read(tar_path: Path) -> _Package:
    package = _Package()
    with tarfile.open(tar_path, mode="r:*") as archive:
        for member in archive:
            name = _member_name(member)
            if member.isdir() or not name.startswith(TOP):
                continue
            relative = name.removeprefix(TOP)
            package.names.add(relative)
            if relative.endswith(TEXT_SUFFIXES) and member.size <= MAX_TEXT_BYTES:
                data = archive.extractfile(member)
                if data is not None:
                    package.texts[relative] = data.read()
    return package


def _member_name(member: tarfile.TarInfo) -> str:
    """The entry's checked name, or raise if it could escape a folder it were extracted to."""
    if not (member.isfile() or member.isdir()):
        raise _Unsafe(f"entry {member.name!r} is a link or a special file")
    try:
        return normalise_name(member.name.removesuffix("/"))
    except UnsafeEntryName as error:
        raise _Unsafe(f"entry {member.name!r}: {error.problem}") from error


def _parse_xml(package: _Package, name: str) -> etree._Element | None:
    try:
        return etree.fromstring(package.texts[name], _XML_PARSER)
    except etree.XMLSyntaxError:
        return None


def _outline_problems(package: _Package) -> list[str]:
    """Follow ``url_name`` pointers from course.xml; report each that leads to no file."""
    root = _parse_xml(package, "course.xml")
    if root is None:
        return ["course/course.xml is not well-formed XML"]
    problems: list[str] = []
    seen: set[str] = set()
    pending: list[tuple[str, etree._Element]] = [("course.xml", root)]
    while pending:
        origin, node = pending.pop()
        target = _pointer_target(node)
        if target is None:  # inline content: its children belong to the same file
            pending.extend((origin, child) for child in _elements(node))
            continue
        if target in seen:
            continue
        seen.add(target)
        loaded = _parse_xml(package, target) if target in package.texts else None
        if loaded is None:
            problems.append(_broken_pointer(package, origin, node, target))
            continue
        problems += _html_file_problem(package, target, loaded)
        pending.extend((target, child) for child in _elements(loaded))
    if root.get("url_name") is not None:
        problems += _policy_problems(package, root.get("url_name", ""))
    for name in sorted(seen):
        if name.startswith("problem/") and (problem := _parse_xml(package, name)) is not None:
            problems += problem_problems(name, problem)
    return problems


def _elements(node: etree._Element) -> list[etree._Element]:
    """Child elements, without comments and processing instructions."""
    return [child for child in node if isinstance(child.tag, str)]


def _broken_pointer(package: _Package, origin: str, node: etree._Element, target: str) -> str:
    if target in package.texts:
        return f"course/{target} is not well-formed XML"
    pointer = f'<{node.tag} url_name="{node.get("url_name")}">'
    return f"course/{origin}: {pointer} needs course/{target}, which is missing"


def _pointer_target(element: etree._Element) -> str | None:
    """``chapter/<url_name>.xml`` for a pointer tag (a url_name and no content), else None."""
    url_name = element.get("url_name")
    if url_name is None or len(element) or (element.text or "").strip():
        return None
    return f"{element.tag}/{url_name.replace(':', '/')}.xml"


def _html_file_problem(package: _Package, name: str, element: etree._Element) -> list[str]:
    """An ``<html filename="X"/>`` component needs ``html/X.html``."""
    filename = element.get("filename")
    if element.tag != "html" or filename is None:
        return []
    body = f"html/{filename}.html"
    if body in package.names:
        return []
    return [f"course/{name}: its body course/{body} is missing"]


def _policy_problems(package: _Package, run: str) -> list[str]:
    name = f"policies/{run}/policy.json"
    if name not in package.texts:
        return [f"no course/{name}: the course run has no settings"]
    return []


def _missing_static(package: _Package) -> list[str]:
    """Links to ``/static/`` files that are not in the package."""
    return [
        f"course/{origin} links to /static/{link}, which is not in the package"
        for origin, link in sorted(set(_static_links(package)))
        if STATIC + link not in package.names
    ]


def _unused_static(package: _Package) -> list[str]:
    """Files of ``static/`` that nothing links to (the licence files aside)."""
    referenced = {link for _origin, link in _static_links(package)}
    licence_files = {name.removeprefix(STATIC) for name in LICENCE_NAMES}
    return [
        f"course/{name} is not used by any component: remove it"
        for name in sorted(package.names)
        if name.startswith(STATIC) and name.removeprefix(STATIC) not in referenced | licence_files
    ]


def _static_links(package: _Package) -> Iterator[tuple[str, str]]:
    """(file, static name) for every static file a file of the package refers to."""
    for name, text in package.texts.items():
        if name.endswith((".html", ".htm")):
            yield from ((name, link) for link in _html_links(text))
        elif name.endswith(".xml"):
            yield from ((name, link) for link in _xml_links(package, name))
        elif name.endswith("policy.json"):
            yield from ((name, link) for link in _policy_links(text))


def _static_name(url: str) -> str | None:
    """The file a ``/static/`` URL names (no query, no fragment, percent-decoded)."""
    if not url.startswith(STATIC_URL):
        return None
    return unquote(urlsplit(url).path.removeprefix(STATIC_URL)) or None


def _html_links(text: bytes) -> Iterator[str]:
    if not text.strip():
        return
    try:
        # OLX HTML is UTF-8 and declares no charset, which lxml would read as Latin-1.
        root = html.fromstring(text.decode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return
    for element in root.iter():
        for attribute in _LINK_ATTRIBUTES:
            link = _static_name(element.get(attribute) or "")
            if link:
                yield link


def _xml_links(package: _Package, name: str) -> Iterator[str]:
    """Video sources and transcripts, and the course image of a course file."""
    root = _parse_xml(package, name)
    if root is None:
        return
    for element in root.iter("video", "source", "transcript", "course"):
        if element.tag == "source":
            yield from filter(None, [_static_name(element.get("src") or "")])
        elif element.tag == "transcript" and element.get("src"):
            # Transcripts name a file of static/ directly, without the /static/ prefix.
            yield element.get("src", "")
        elif element.tag == "video":
            yield from _json_list_links(element.get("html5_sources"))
            yield from _json_dict_links(element.get("transcripts"))
        elif element.get("course_image"):
            yield element.get("course_image", "")
    # Problems hold HTML inline: their pictures and links.
    for element in root.iter():
        for attribute in _LINK_ATTRIBUTES:
            link = _static_name(element.get(attribute) or "")
            if link:
                yield link


def _json_list_links(value: str | None) -> Iterator[str]:
    try:
        sources = json.loads(value) if value else []
    except ValueError:
        return
    for source in sources if isinstance(sources, list) else []:
        link = _static_name(source) if isinstance(source, str) else None
        if link:
            yield link


def _json_dict_links(value: str | None) -> Iterator[str]:
    try:
        transcripts = json.loads(value) if value else {}
    except ValueError:
        return
    for src in transcripts.values() if isinstance(transcripts, dict) else []:
        if isinstance(src, str) and src:
            yield src


def _policy_links(text: bytes) -> Iterator[str]:
    try:
        policy = json.loads(text)
    except ValueError:
        return
    for settings in policy.values() if isinstance(policy, dict) else []:
        image = settings.get("course_image") if isinstance(settings, dict) else None
        if isinstance(image, str) and image:
            yield image.removeprefix(STATIC_URL)
