"""Files named in any language travel safely in every package: ASCII names, referenced verbatim.

One course whose files are named in French, German, Greek and Japanese, with spaces, quotes,
``#``, ``%``, ``?``, an emoji, a very long name, two different files with one name, and two
names that differ only in their Unicode normalisation (NFC and NFD "é"). It is exported in
every format twice; each package must hold only portable ASCII names, every page and manifest
must point to its files byte for byte (no percent-encoding to agree on), ATTRIBUTIONS.txt must
name the originals, and the two runs must give the same bytes.
"""

from __future__ import annotations

import json
import posixpath
import re
import tarfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

import pytest
from lxml import etree
from PIL import Image

from moocstudio.build.links import is_network_url, page_links
from moocstudio.build.media_files import ascii_slug, site_name
from moocstudio.export.formats import FORMATS, ExportOptions, ExportResult, export_course
from moocstudio.export.olx import olx_identity
from moocstudio.export.package_check import check_package
from moocstudio.importers.pages import import_page
from moocstudio.importers.slides import import_slides
from moocstudio.importers.videos import import_video
from moocstudio.media.course_media import make_media_now
from moocstudio.model import Asset, Course, LicenceId, Page, SlideDeck, Video
from moocstudio.model.store import create_course, save_course
from tests.conftest import RunFfmpeg
from tests.slide_samples import powerpoint_deck

NFC_CAFE = unicodedata.normalize("NFC", "café.png")
NFD_CAFE = unicodedata.normalize("NFD", "café.png")
LONG_NAME = "Une très longue légende de figure qui ne finit jamais vraiment " * 3 + ".png"
# Image files of the first page, by their path in the lesson folder.
PAGE_ONE_IMAGES = (
    "images/Εικόνα 1.png",
    "images/写真.png",
    'images/"quoted" #1 50% ?.png',
    "images/🎉 party.png",
    f"images/{LONG_NAME}",
    f"images/{NFC_CAFE}",
    f"images/{NFD_CAFE}",
    "a/diagram.png",
)
PAGE_TWO_IMAGES = ("b/diagram.png",)  # the same name as a/diagram.png, another picture

FIXED_NAMES = {"LICENSE.txt", "ATTRIBUTIONS.txt"}
"""The two licence files keep their conventional upper-case names (ASCII all the same)."""
PORTABLE_ENTRY = re.compile(r"[a-z0-9._/-]+")
CC_FILEBASE = "$IMS-CC-FILEBASE$/"
OLX_STATIC = "/static/"


@dataclass(frozen=True)
class NamedCourse:
    """The course with hard names, and its packages from two runs of every format."""

    folder: Path
    course: Course
    first: list[ExportResult]
    second: list[ExportResult]


def _picture(path: Path, colour: tuple[int, int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path, format="PNG")


def _image_link(path: str) -> str:
    # As an author's editor writes a link to such a file: percent-encoded, "/" kept.
    return f"![{PurePosixPath(path).stem}]({quote(path)})"


def _write_lesson(lesson: Path) -> tuple[Path, Path]:
    """Two markdown pages with Greek and Japanese names, and their pictures, in ``lesson``."""
    for number, name in enumerate(PAGE_ONE_IMAGES + PAGE_TWO_IMAGES):
        _picture(lesson / name, (20 * number, 255 - 20 * number, 90))
    assert len({p.name for p in (lesson / "images").iterdir()}) == 7  # NFC and NFD both there
    one = lesson / "Εισαγωγή.md"
    two = lesson / "日本語のページ.md"
    one.write_text(
        "# Εισαγωγή\n\n"
        + "\n\n".join(_image_link(path) for path in PAGE_ONE_IMAGES)
        + f"\n\n[La suite]({quote(two.name)})\n",
        encoding="utf-8",
    )
    two.write_text(
        "# ページ\n\n"
        + _image_link(PAGE_TWO_IMAGES[0])
        + f"\n\n[Retour]({quote(one.name)}#εισαγωγή)\n",
        encoding="utf-8",
    )
    return one, two


def _make_course(root: Path, run_ffmpeg: RunFfmpeg) -> tuple[Path, Course]:
    sources = root / "sources"
    lesson = sources / "Leçon — été"
    folder = root / "Cours d'été"
    course = Course(title="Εισαγωγή: 日本語 & Leçon", language="fr", licence=LicenceId.CC_BY_4_0)
    create_course(folder, course)
    sources.mkdir()
    # ffmpeg reads "%d" in an output name as a pattern: write plain names, then rename.
    clips = {"Leçon 1 — l'été #1 ?.mp4": "320x240", "講義 🎥.mp4": "240x180"}
    for name, size in clips.items():
        plain = sources / f"clip-{size}.mp4"
        run_ffmpeg(
            *("-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25:duration=1"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1"),
            plain,
        )
        plain.rename(sources / name)
        course.add_item(import_video(folder, sources / name).item, "Vidéos")
    deck = powerpoint_deck(sources / "Übungen — Straße (Entwurf).pptx")
    course.add_item(import_slides(folder, deck, use_libreoffice=False).item, "Übungen")
    for page in _write_lesson(lesson):
        course.add_item(import_page(folder, page, root=lesson).item, "Σελίδες")
    make_media_now(folder, course)
    save_course(folder, course)
    return folder, course


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory, run_ffmpeg: RunFfmpeg) -> NamedCourse:
    """The course, exported in every format and SCO structure, twice."""
    root = tmp_path_factory.mktemp("names")
    folder, course = _make_course(root, run_ffmpeg)
    runs = []
    for out in (root / "first", root / "second"):
        results = export_course(folder, course, out, tuple(FORMATS))
        scorm = tuple(name for name, fmt in FORMATS.items() if fmt.takes_sco)
        results += export_course(folder, course, out, scorm, ExportOptions(sco="per-item"))
        runs.append(results)
    return NamedCourse(folder, course, *runs)


def _entries(package: Path) -> dict[str, bytes]:
    """Every file of a package by its entry name, exactly as stored."""
    if package.name.endswith(".tar.gz"):
        with tarfile.open(package) as archive:
            return {
                member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
                for member in archive.getmembers()
                if member.isfile()
            }
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _all_names(package: Path) -> list[str]:
    """Every entry name, folders included (a tar holds one member per folder)."""
    if package.name.endswith(".tar.gz"):
        with tarfile.open(package) as archive:
            return archive.getnames()
    with zipfile.ZipFile(package) as archive:
        return archive.namelist()


def _page_images(course: Course) -> list[Asset]:
    return [image for item in course.all_items() if isinstance(item, Page) for image in item.images]


def test_every_format_and_structure_was_exported(named: NamedCourse) -> None:
    written = sorted(result.path.name for result in named.first)
    assert len(written) == len(FORMATS) + 2 == len(set(written))
    for name in written:
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9]+)+", name), name


def test_package_files_and_the_course_number_are_readable_slugs_of_the_title(
    named: NamedCourse,
) -> None:
    # The title is Greek, Japanese and French: every script is transliterated, none dropped.
    expected = ascii_slug(named.course.title)
    assert expected.startswith("eisagogi-") and expected.endswith("-lecon")
    for result in named.first:
        assert result.path.name.startswith(f"{expected}-{result.format.name}"), result.path.name
    assert olx_identity(named.course).number == ascii_slug(named.course.title, max_length=40)


def test_every_entry_name_is_portable_ascii(named: NamedCourse) -> None:
    for result in named.first:
        names = _all_names(result.path)
        for name in names:
            if PurePosixPath(name).name not in FIXED_NAMES:
                assert PORTABLE_ENTRY.fullmatch(name), f"{result.path.name}: {name!r}"
        assert len({name.lower() for name in names}) == len(names), result.path.name


def test_hard_names_become_readable_distinct_names(named: NamedCourse) -> None:
    images = {image.original_name: site_name(image) for image in _page_images(named.course)}
    assert len(images) == 8  # diagram.png twice as one original name, both NFC and NFD café
    names = [site_name(image) for image in _page_images(named.course)]
    assert len(set(names)) == len(PAGE_ONE_IMAGES + PAGE_TWO_IMAGES)  # no two files share one
    assert images["Εικόνα 1.png"].startswith("eikona-1-")
    assert images["写真.png"].startswith("xiezhen-")
    assert images['"quoted" #1 50% ?.png'].startswith("quoted-1-50-")
    assert images["🎉 party.png"].startswith("party-")  # the course stored it without the emoji
    assert images[LONG_NAME].startswith("une-tres-longue-legende-de-figure")
    assert len(images[LONG_NAME]) < 70
    nfc, nfd = images[NFC_CAFE], images[NFD_CAFE]
    assert nfc != nfd and nfc.startswith("cafe-") and nfd.startswith("cafe-")
    video = next(i for i in named.course.all_items() if isinstance(i, Video))
    assert site_name(video.subtitles[0].vtt).startswith("lecon-1-l-ete-1-fr-")


def _resolve(page: str, url: str) -> tuple[str, str] | None:
    """``(entry named, path as written)`` of ``url`` on ``page``, read verbatim (no unquoting).

    None for links that are no file of the package (the web, mail, ``#fragments``, Open edX's
    links between units). The path is the URL without its ``#fragment``: an anchor is the
    author's heading, not a file name.
    """
    path = urlsplit(url).path
    if url.startswith(CC_FILEBASE):  # Common Cartridge: the cartridge's web_resources/
        return posixpath.normpath("web_resources/" + path.removeprefix(CC_FILEBASE)), path
    if url.startswith(OLX_STATIC):  # Open edX: the course's static/ folder
        return "course/static/" + path.removeprefix(OLX_STATIC), path
    if urlsplit(url).scheme or is_network_url(url) or not path or path.startswith("/jump_to_id/"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), path


def _manifest_references(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [value for element in root.iter() if (value := element.get("href")) is not None]


def _olx_references(name: str, data: bytes) -> list[str]:
    """Files an OLX XML file names: video sources and transcripts, the course image."""
    element = etree.fromstring(data)
    found: list[str] = []
    if element.tag == "video":
        found += json.loads(element.get("html5_sources", "[]"))
        found += [source.get("src", "") for source in element.iter("source")]
        transcripts = {t.get("src", "") for t in element.iter("transcript")}
        transcripts |= set(json.loads(element.get("transcripts", "{}")).values())
        found += [OLX_STATIC + name for name in transcripts]
    if element.tag == "course" and element.get("course_image"):
        found.append(OLX_STATIC + element.get("course_image", ""))
    return found


def test_every_reference_resolves_to_an_entry_verbatim(named: NamedCourse) -> None:
    for result in named.first:
        entries = _entries(result.path)
        checked = 0
        for name, data in entries.items():
            references: list[tuple[str, str]] = []
            if name.endswith((".html", ".htm")):
                text = data.decode("utf-8")
                references += [(name, url) for _tag, _attr, url in page_links(text)]
            elif name == "imsmanifest.xml":
                references += [("", href) for href in _manifest_references(data)]
            elif name.startswith("course/") and name.endswith(".xml"):
                references += [(name, url) for url in _olx_references(name, data)]
            for page, url in references:
                resolved = _resolve(page, url)
                if resolved is None:
                    continue
                target, path = resolved
                assert "%" not in path and path.isascii(), f"{result.path.name}: {name}: {url}"
                assert target in entries, f"{result.path.name}: {name} points to {url}"
                checked += 1
        # Every package points to its media: many references were really checked.
        assert checked > 20, (result.path.name, checked)


def test_packages_pass_the_package_check(named: NamedCourse) -> None:
    for result in named.first:
        report = check_package(result.path)
        assert report.problems == [], (result.path.name, report.problems)


def _attributions(entries: dict[str, bytes]) -> str:
    name = next(n for n in entries if PurePosixPath(n).name == "ATTRIBUTIONS.txt")
    return entries[name].decode("utf-8")


def test_attributions_name_the_original_of_every_media_file(named: NamedCourse) -> None:
    images = _page_images(named.course)
    deck = next(i for i in named.course.all_items() if isinstance(i, SlideDeck))
    for result in named.first:
        entries = _entries(result.path)
        credits = _attributions(entries)
        listed = dict(
            line.strip().split(": ", 1) for line in credits.splitlines() if line.startswith("    ")
        )
        for image in images:  # every page image ships in every format
            assert listed[site_name(image)] == f"“{image.original_name}”", result.path.name
        assert f"“{NFD_CAFE}”" in credits and f"“{NFC_CAFE}”" in credits
        assert "“Leçon 1 — l'été #1 ?.mp4”" in credits and "“講義 🎥.mp4”" in credits
        assert f"slide 1 of “{deck.source.original_name}”" in credits
        media = (
            {
                PurePosixPath(name).name
                for name in entries
                if PurePosixPath(name).parent.name in ("media", "static")
            }
            - FIXED_NAMES
            - {"course-image.png"}
        )
        assert media, result.path.name
        assert media <= set(listed), (result.path.name, media - set(listed))


def test_two_runs_give_byte_identical_packages(named: NamedCourse) -> None:
    assert [r.path.name for r in named.first] == [r.path.name for r in named.second]
    for first, second in zip(named.first, named.second, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.path.name
