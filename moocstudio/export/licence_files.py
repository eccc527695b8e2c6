"""The LICENSE and ATTRIBUTIONS files every package carries at its root."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from moocstudio.build.media_files import site_name
from moocstudio.model import Asset, Course, Item, SlideDeck, Video


def licence_text(course: Course) -> str:
    """LICENSE: the course's licence, who holds it, and where the legal code is."""
    licence = course.effective_licence()
    authors = ", ".join(person.name for person in course.authors) or "the course authors"
    lines = [
        course.title,
        "",
        f"© {course.created.year} {authors}.",
        f"Licensed under {licence.name} ({licence.id.value}).",
        f"Legal code: {licence.url}",
        "",
        "Some items carry a licence or credit of their own: see ATTRIBUTIONS.txt.",
    ]
    if licence.requires_attribution:
        lines += ["", f"When you reuse this course, credit: {course.title}, {authors}."]
    return "\n".join(lines) + "\n"


def attributions_text(course: Course, package_files: Iterable[str]) -> str:
    """ATTRIBUTIONS: every item's licence, its credit line, and its files by their own names.

    Files inside packages have ASCII names (``site_name``); under each item, every file of it
    that the package holds is listed with the name the author knows it by, so a reader of the
    package can tell which file is which.

    Args:
        course: The course packaged.
        package_files: Paths of the files inside the package (only their names are read).
    """
    shipped = {PurePosixPath(path).name for path in package_files}
    lines = [
        f"Attributions — {course.title}",
        "",
        "Files have ASCII names in this package; under each item, its files are listed with "
        "the names they came from.",
        "",
    ]
    for number, module in enumerate(course.modules, start=1):
        for index, item in enumerate(module.items, start=1):
            licence = course.effective_licence(item)
            line = f"{number}.{index} {item.title} — {licence.short_name} ({licence.url})"
            if item.attribution is not None:
                line += f"\n    {item.attribution.credit_line(licence)}"
            lines.append(line)
            lines += [f"    {name}: {origin}" for name, origin in _shipped_files(item, shipped)]
    return "\n".join(lines) + "\n"


def _shipped_files(item: Item, shipped: set[str]) -> list[tuple[str, str]]:
    """``(package name, where it came from)`` of each file of ``item`` in the package, once."""
    found: dict[str, str] = {}
    for asset, origin in _item_files(item):
        name = site_name(asset)
        if name in shipped:
            found.setdefault(name, origin)
    return list(found.items())


def _item_files(item: Item) -> Iterator[tuple[Asset, str]]:
    """Every file of ``item``, with what it is in the author's words (their file names)."""
    if isinstance(item, Video):
        source = _quoted(item.source.original_name)
        yield item.source, source
        for rendition in item.renditions:
            yield rendition.file, f"{rendition.label} rendition of {source}"
        for frame in (item.poster, item.poster_webp, item.thumbnail):
            if frame is not None:
                yield frame, f"a frame of {source}"
        for track in item.subtitles:
            for subtitles in (track.vtt, track.srt):
                if subtitles is not None:
                    yield subtitles, _quoted(subtitles.original_name)
    elif isinstance(item, SlideDeck):
        deck = _quoted(item.source.original_name)
        yield item.source, deck
        for slide in item.slides:
            if slide.image is not None:
                yield slide.image, f"slide {slide.number} of {deck}"
            for count, picture in enumerate(slide.pictures, start=1):
                yield picture.file, f"picture {count} on slide {slide.number} of {deck}"
    else:
        if item.source is not None:
            yield item.source, _quoted(item.source.original_name)
        for image in item.images:
            yield image, _quoted(image.original_name)


def _quoted(name: str) -> str:
    # A file name may hold a tab or a line break; one line per file whatever it holds.
    return "“" + "".join(char if char.isprintable() else "?" for char in name) + "”"
