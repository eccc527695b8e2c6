"""Front matter: the YAML (``---``) or TOML (``+++``) header lessons carry, read and taken off.

Jekyll, Carpentries, Quarto, MyST and Hugo pages start with a header of metadata. It is never
page text: its title, description, learning objectives, questions, key points, licence and
authors go to the item. A ``---`` line that does not open a mapping (a markdown slide deck
whose slides are separated by ``---``) is left alone: it is a thematic break.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError

from moocstudio.model import Person
from moocstudio.model.licence import LICENCES, LicenceId

# libyaml's safe loader when PyYAML was built with it (about ten times faster), else Python's.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML_OPEN = re.compile(r"^---[ \t]*$")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")
# A YAML header's lines at column 0 are keys ("title: x"), comments or sequence items.
_YAML_KEY = re.compile(r"""^(?:[A-Za-z_][\w .-]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]|$)""")
_YAML_TOP_LEVEL_OTHER = re.compile(r"^(?:#|- |-$)")
_TOML_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&)\s*")

_DESCRIPTION_KEYS = ("description", "summary", "abstract")
_LICENCE_KEYS = ("licence", "license")
_AUTHOR_KEYS = ("authors", "author")


@dataclass(frozen=True)
class FrontMatter:
    """What a page's front matter says about it, in the model's terms."""

    title: str = ""
    description: str = ""
    objectives: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    keypoints: list[str] = field(default_factory=list)
    licence: LicenceId | None = None
    authors: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class SplitPage:
    """A markdown page with its front matter taken off."""

    metadata: FrontMatter
    body: str
    """The markdown after the front matter; the header's lines are blank, so line numbers
    in the body are still those of the file."""
    warnings: list[str]


def split_front_matter(text: str, source_name: str) -> SplitPage:
    """Take the front matter off a page and read it.

    Args:
        text: The whole file.
        source_name: How warnings name the file.

    Returns:
        The metadata, the body (front matter lines blanked) and warnings; malformed front
        matter gives one warning naming the line, an empty metadata and the body.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # saved on Windows or old Macs
    lines = text.split("\n")
    header = _find_header(lines)
    if header is None:
        return SplitPage(FrontMatter(), text, [])
    end, kind = header
    raw = "\n".join(lines[1:end])
    body = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    try:
        data = load_yaml(raw) if kind == "yaml" else tomllib.loads(raw)
    except yaml.YAMLError as exc:
        return SplitPage(FrontMatter(), body, [_yaml_problem(exc, source_name)])
    except tomllib.TOMLDecodeError as exc:
        return SplitPage(FrontMatter(), body, [_toml_problem(exc, source_name, end)])
    if not isinstance(data, dict):  # "---\n---": an empty header
        return SplitPage(FrontMatter(), body, [])
    warnings: list[str] = []
    metadata = _read_metadata({str(k).lower(): v for k, v in data.items()}, warnings)
    line = _key_line(lines[:end], _LICENCE_KEYS)
    return SplitPage(metadata, body, [f"{source_name}, line {line}: {w}" for w in warnings])


def load_yaml(text: str) -> Any:
    """Parse YAML safely (plain data only: no Python objects, no code).

    Raises:
        yaml.YAMLError: The text is not YAML.
    """
    return yaml.load(text, Loader=_SAFE_LOADER)  # a safe loader: plain data only


def _find_header(lines: list[str]) -> tuple[int, str] | None:
    """(index of the closing line, "yaml" or "toml") when the file opens with front matter."""
    if not lines:
        return None
    if _TOML_FENCE.match(lines[0]):
        end = next((i for i in range(1, len(lines)) if _TOML_FENCE.match(lines[i])), None)
        return (end, "toml") if end is not None else None
    if not _YAML_OPEN.match(lines[0]):
        return None
    end = next((i for i in range(1, len(lines)) if _YAML_CLOSE.match(lines[i])), None)
    if end is None or not _looks_like_yaml_mapping(lines[1:end]):
        return None
    return end, "yaml"


def _looks_like_yaml_mapping(lines: list[str]) -> bool:
    # A slide deck's first slide ("# Intro", "Welcome!") is not a header: the first line must
    # be a key, and every other line at column 0 a key, a comment or a sequence item.
    top_level = [line for line in lines if line.strip() and not line[0].isspace()]
    if not top_level or not _YAML_KEY.match(top_level[0]):
        return False
    return all(_YAML_KEY.match(line) or _YAML_TOP_LEVEL_OTHER.match(line) for line in top_level)


def _key_line(header: list[str], keys: Iterable[str]) -> int:
    """The 1-based line of the first of ``keys`` in the header (1 when it cannot be told)."""
    pattern = re.compile(rf"^\s*[\"']?(?:{'|'.join(keys)})[\"']?\s*[:=]", re.IGNORECASE)
    return next((i + 1 for i, line in enumerate(header) if pattern.match(line)), 1)


def _yaml_problem(exc: yaml.YAMLError, source_name: str) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + 2 if mark is not None else 1  # +1 for the opening ---, +1 to count from 1
    return (
        f"{source_name}, line {line}: the front matter is not valid YAML ({problem}); "
        "it was left out (quote values that contain a colon)."
    )


def _toml_problem(exc: tomllib.TOMLDecodeError, source_name: str, last_line: int) -> str:
    found = _TOML_ERROR_LINE.search(str(exc))
    line = int(found[1]) + 1 if found else last_line  # tomllib: "(at end of document)"
    problem = _TOML_ERROR_LINE.sub("", str(exc)).replace("(at end of document)", "").strip()
    return (
        f"{source_name}, line {line}: the front matter is not valid TOML ({problem}); "
        "it was left out."
    )


def _read_metadata(data: dict[str, Any], warnings: list[str]) -> FrontMatter:
    licence_value = _first(data, _LICENCE_KEYS)
    return FrontMatter(
        title=_text(data.get("title")),
        description=_text(_first(data, _DESCRIPTION_KEYS)),
        objectives=_text_list(data.get("objectives")),
        questions=_text_list(data.get("questions")),
        keypoints=_text_list(data.get("keypoints")),
        licence=_licence(licence_value, warnings) if licence_value is not None else None,
        authors=_people(_first(data, _AUTHOR_KEYS)),
    )


def _first(data: dict[str, Any], keys: Iterable[str]) -> Any:
    return next((data[k] for k in keys if data.get(k) not in (None, "", [])), None)


def _text(value: Any) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""


def _text_list(value: Any) -> list[str]:
    """A list of strings, or one string, as a list of one-line texts (empty ones left out)."""
    items = value if isinstance(value, list) else [value]
    return [text for text in map(_text, items) if text]


# ---- licences ---------------------------------------------------------------------------

_CC_URL = re.compile(r"creativecommons\.org/(?:licenses/([a-z-]+)|publicdomain/(zero))/(\d\.\d)")
_NOISE_WORDS = re.compile(r"\b(?:licen[cs]e|international|public|domain|dedication)\b")


def _licence_key(text: str) -> str:
    """One spelling for all: 'CC BY-SA 4.0', 'cc_by_sa_4.0' and the full name meet here."""
    text = text.lower().replace("creative commons", "cc").replace("universal", "")
    text = (
        text.replace("attribution", "by").replace("sharealike", "sa").replace("share-alike", "sa")
    )
    text = text.replace("noncommercial", "nc").replace("non-commercial", "nc")
    text = text.replace("noderivatives", "nd").replace("noderivs", "nd").replace("zero", "0")
    text = _NOISE_WORDS.sub(" ", text)
    return "-".join(re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text)).replace("cc-0", "cc0")


_LICENCE_KEYS_TO_IDS: dict[str, LicenceId] = {}
for _licence_id, _info in LICENCES.items():
    for _spelling in (_licence_id.value, _info.name, _info.short_name):
        _LICENCE_KEYS_TO_IDS[_licence_key(_spelling)] = _licence_id
_LICENCE_KEYS_TO_IDS["cc0"] = LicenceId.CC0_1_0  # CC0 has one version only


def parse_licence(text: str) -> LicenceId | None:
    """The SPDX licence a text names (``CC-BY-4.0``, ``CC BY 4.0``, a CC URL), or None."""
    url = _CC_URL.search(text.lower())
    if url:
        code = "0" if url[2] else url[1]
        return _LICENCE_KEYS_TO_IDS.get(_licence_key(f"cc-{code}-{url[3]}"))
    return _LICENCE_KEYS_TO_IDS.get(_licence_key(text))


def _licence(value: Any, warnings: list[str]) -> LicenceId | None:
    # MyST writes {content: CC-BY-4.0, code: MIT}; Quarto may write {text: ..., url: ...}.
    if isinstance(value, dict):
        value = next((value[k] for k in ("content", "id", "spdx", "url", "text") if k in value), "")
    text = _text(value)
    licence = parse_licence(text) if text else None
    if licence is None:
        known = ", ".join(i.value for i in LicenceId)
        warnings.append(
            f"the licence {text or value!r} is not one moocstudio carries; write one of "
            f"{known} (with its version); the course licence applies to this page."
        )
    return licence


# ---- authors ----------------------------------------------------------------------------


def _people(value: Any) -> list[Person]:
    """Authors as Carpentries, Quarto and MyST write them: a string, a list, or dicts."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    people: list[Person] = []
    for item in items:
        if isinstance(item, str):
            people += [Person(name=name) for name in _split_names(item)]
        elif isinstance(item, dict):
            person = _person(item)
            if person is not None:
                people.append(person)
    return people


def _split_names(text: str) -> list[str]:
    return [name for name in _AUTHOR_SEPARATORS.split(text.strip()) if name]


def _person(entry: dict[str, Any]) -> Person | None:
    name = entry.get("name")
    if isinstance(name, dict):  # Quarto: {given: Ada, family: Lovelace} or {literal: ...}
        name = name.get("literal") or " ".join(
            str(name[k]) for k in ("given", "family") if name.get(k)
        )
    if not _text(name):
        return None
    url = _text(entry.get("url") or entry.get("website"))
    fields = {
        "name": _text(name),
        "email": _text(entry.get("email")) or None,
        "affiliation": _affiliation(
            entry.get("affiliation") or entry.get("affiliations") or entry.get("institution")
        ),
    }
    try:
        return Person(**fields, url=url or None)
    except ValidationError:  # a url that is not one: keep the person without it
        return Person(**fields)


def _affiliation(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    names = [_text(i.get("name")) if isinstance(i, dict) else _text(i) for i in items]
    return ", ".join(n for n in names if n) or None
