"""Creative Commons licences, people and attributions carried by courses and their assets."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class LicenceId(StrEnum):
    """Licences moocstudio carries, by SPDX identifier: the Creative Commons 4.0 family and CC0."""

    CC_BY_4_0 = "CC-BY-4.0"
    CC_BY_SA_4_0 = "CC-BY-SA-4.0"
    CC_BY_NC_4_0 = "CC-BY-NC-4.0"
    CC_BY_NC_SA_4_0 = "CC-BY-NC-SA-4.0"
    CC_BY_ND_4_0 = "CC-BY-ND-4.0"
    CC_BY_NC_ND_4_0 = "CC-BY-NC-ND-4.0"
    CC0_1_0 = "CC0-1.0"


DEFAULT_LICENCE = LicenceId.CC_BY_4_0


@dataclass(frozen=True)
class LicenceInfo:
    """What a licence is called, where its legal code lives and which badge shows it."""

    id: LicenceId
    name: str
    short_name: str
    url: str
    badge: str
    """Badge file name under ``resources/licences/``."""

    @property
    def requires_attribution(self) -> bool:
        """CC0 waives attribution; every CC BY licence requires it."""
        return self.id is not LicenceId.CC0_1_0

    @property
    def is_free_culture(self) -> bool:
        """True for licences that allow commercial reuse and derivatives (BY, BY-SA, CC0)."""
        return self.id in {LicenceId.CC_BY_4_0, LicenceId.CC_BY_SA_4_0, LicenceId.CC0_1_0}


def _cc(licence_id: LicenceId, code: str, words: str) -> LicenceInfo:
    return LicenceInfo(
        id=licence_id,
        name=f"Creative Commons {words} 4.0 International",
        short_name=f"CC {code.upper()} 4.0",
        url=f"https://creativecommons.org/licenses/{code}/4.0/",
        badge=f"cc-{code}.svg",
    )


LICENCES: dict[LicenceId, LicenceInfo] = {
    info.id: info
    for info in (
        _cc(LicenceId.CC_BY_4_0, "by", "Attribution"),
        _cc(LicenceId.CC_BY_SA_4_0, "by-sa", "Attribution-ShareAlike"),
        _cc(LicenceId.CC_BY_NC_4_0, "by-nc", "Attribution-NonCommercial"),
        _cc(LicenceId.CC_BY_NC_SA_4_0, "by-nc-sa", "Attribution-NonCommercial-ShareAlike"),
        _cc(LicenceId.CC_BY_ND_4_0, "by-nd", "Attribution-NoDerivatives"),
        _cc(LicenceId.CC_BY_NC_ND_4_0, "by-nc-nd", "Attribution-NonCommercial-NoDerivatives"),
        LicenceInfo(
            id=LicenceId.CC0_1_0,
            name="CC0 1.0 Universal (Public Domain Dedication)",
            short_name="CC0 1.0",
            url="https://creativecommons.org/publicdomain/zero/1.0/",
            badge="cc-zero.svg",
        ),
    )
}


def licence_info(licence_id: LicenceId) -> LicenceInfo:
    """Return the name, URL and badge of a licence."""
    return LICENCES[licence_id]


class Person(BaseModel):
    """An author or contributor."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    email: str | None = None
    affiliation: str | None = None
    url: HttpUrl | None = None


class Attribution(BaseModel):
    """Credit owed to the creator of reused material (the TASL of CC's best practices)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    author: str | None = None
    source_url: HttpUrl | None = None
    notes: str | None = Field(default=None, description="Changes made, or any other credit line.")

    def credit_line(self, licence: LicenceInfo) -> str:
        """Format a human credit line: title, author, source, licence."""
        parts = [f"“{self.title}”" if self.title else None, self.author]
        line = ", ".join(p for p in parts if p) or "Source"
        if self.source_url:
            line += f" ({self.source_url})"
        line += f", {licence.short_name}"
        if self.notes:
            line += f". {self.notes}"
        return line
