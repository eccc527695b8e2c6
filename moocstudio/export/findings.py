"""What a package check finds, and how much it matters.

An ``error`` is what a platform would refuse or break on: an invalid manifest, a launch page or
listed file that is missing, an entry name that could write outside the folder it is unzipped
into. A ``warning`` is moocstudio's own advice: a licence file, every file listed in the
manifest, nothing loaded from the network, names that need no percent-encoding. Packages made
by other tools are judged on errors; ``--strict`` (and ``moocstudio export``, for its own
packages) counts warnings too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing a check found: its severity and a sentence naming the file."""

    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


def error(message: str) -> Finding:
    """A finding a platform would refuse or break on."""
    return Finding(Severity.ERROR, message)


def warning(message: str) -> Finding:
    """A finding that is moocstudio's advice, not a platform's rule."""
    return Finding(Severity.WARNING, message)


def errors(messages: Iterable[str]) -> list[Finding]:
    """Each message as an error."""
    return [error(message) for message in messages]


def count_phrase(count: float, noun: str) -> str:
    """``1 warning``, ``3 warnings``, ``2.5 points``."""
    return f"{count:g} {noun}" if count == 1 else f"{count:g} {noun}s"


def verdict(findings: Sequence[Finding], strict: bool = False) -> str:
    """The summary word: ``valid``, ``valid, 3 warnings``, ``INVALID (2 errors, 1 warning)``.

    Under ``strict``, warnings make the package invalid too.
    """
    error_count = sum(1 for f in findings if f.severity is Severity.ERROR)
    warning_count = len(findings) - error_count
    if not error_count and not (strict and warning_count):
        return f"valid, {count_phrase(warning_count, 'warning')}" if warning_count else "valid"
    counts = [count_phrase(error_count, "error")] if error_count else []
    counts += [count_phrase(warning_count, "warning")] if warning_count else []
    return f"INVALID ({', '.join(counts)}{', --strict' if strict and not error_count else ''})"


def passes(findings: Sequence[Finding], strict: bool = False) -> bool:
    """True when no finding counts: no error, and under ``strict`` no warning either."""
    return not findings if strict else all(f.severity is Severity.WARNING for f in findings)
