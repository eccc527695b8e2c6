"""What every manifest says about the course: title, description, language, keywords, rights."""

from __future__ import annotations

from dataclasses import dataclass

from moocstudio.model import Course, LicenceId, LicenceInfo


@dataclass(frozen=True)
class PackageMetadata:
    """The course as a package's metadata (LOM general and rights) describes it.

    Attributes:
        identifier: The course's stable id, safe as an XML id.
        title: Course title.
        description: Course description (subtitle first when there is one).
        language: BCP 47 tag of the course.
        keywords: Author keywords, in order, without duplicates.
        authors: Author names.
        licence: The course licence.
        rights: One sentence for LOM ``rights/description``: holder, licence name, id and URL.
        restricted: LOM ``copyrightAndOtherRestrictions``: False only for CC0 (no conditions).
    """

    identifier: str
    title: str
    description: str
    language: str
    keywords: tuple[str, ...]
    authors: tuple[str, ...]
    licence: LicenceInfo
    rights: str
    restricted: bool


def package_metadata(course: Course) -> PackageMetadata:
    """Describe ``course`` for a package manifest."""
    licence = course.effective_licence()
    authors = tuple(person.name for person in course.authors)
    holder = ", ".join(authors) or "the course authors"
    description = "\n\n".join(part for part in (course.subtitle, course.description) if part)
    rights = (
        f"© {course.created.year} {holder}. Licensed under {licence.name} "
        f"({licence.id.value}): {licence.url}"
    )
    return PackageMetadata(
        identifier=course.id,
        title=course.title,
        description=description or course.title,
        language=course.language,
        keywords=tuple(dict.fromkeys(k.strip() for k in course.keywords if k.strip())),
        authors=authors,
        licence=licence,
        rights=rights,
        restricted=licence.id is not LicenceId.CC0_1_0,
    )
