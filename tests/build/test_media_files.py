"""The one name every package gives a media file: ASCII, readable, content-hashed."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moocstudio.build.media_files import (
    HASH_LENGTH,
    MAX_READABLE_LENGTH,
    ascii_slug,
    converted_name,
    package_file_name,
    site_name,
)
from moocstudio.model import Asset

PORTABLE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{12}(\.[a-z0-9]+)?")
"""What every media name inside a package looks like: slug, hash, extension."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _asset(path: str, content: str = "x", original: str = "") -> Asset:
    return Asset(path=path, sha256=_sha(content), size=1, original_name=original or path)


@pytest.mark.parametrize(
    ("readable", "slug"),
    [
        ("Leçon 1.mp4", "lecon-1"),  # the example
        ("Straße Übung.PNG", "strasse-ubung"),  # ß is two letters, not dropped
        ("Εισαγωγή στη Φυσική.png", "eisagogi-sti-fysiki"),
        ("Введение.mp4", "vvedenie"),
        ("こんにちは.png", "konnichiha"),
        ("مقدمة.png", "mqdmh"),
        ('"quoted" #1 50% ?.png', "quoted-1-50"),
        ("Résumé 🎉.png", "resume-tada"),
        ("ﬁnal ＦＵＬＬ.png", "final-full"),  # ligature and full-width letters, NFKC
        ("lecture.fr.vtt", "lecture-fr"),
    ],
)
def test_names_are_transliterated_lower_case_ascii(readable: str, slug: str) -> None:
    sha = _sha(readable)
    name = package_file_name(readable, sha)
    extension = readable.rsplit(".", 1)[1].lower()
    assert name == f"{slug}-{sha[:HASH_LENGTH]}.{extension}"
    assert PORTABLE.fullmatch(name)


def test_nfc_and_nfd_spellings_give_the_same_name() -> None:
    nfc = unicodedata.normalize("NFC", "Café crème.png")
    nfd = unicodedata.normalize("NFD", "Café crème.png")
    assert nfc != nfd
    assert package_file_name(nfc, "a" * 64) == package_file_name(nfd, "a" * 64)
    assert package_file_name(nfd, "a" * 64) == f"cafe-creme-{'a' * 12}.png"


def test_the_content_hash_keeps_same_named_files_apart() -> None:
    first = site_name(_asset(f"media/{_sha('first')[:12]}-diagram.png", "first"))
    second = site_name(_asset(f"media/{_sha('second')[:12]}-diagram.png", "second"))
    assert first == f"diagram-{_sha('first')[:12]}.png"
    assert second == f"diagram-{_sha('second')[:12]}.png"


def test_nothing_readable_falls_back_to_file() -> None:
    assert package_file_name("###.png", "b" * 64) == f"file-{'b' * 12}.png"
    assert package_file_name("!!!", "b" * 64) == f"file-{'b' * 12}"


def test_long_names_are_cut_at_a_word() -> None:
    name = package_file_name("très long nom de fichier " * 12 + ".jpg", "c" * 64)
    readable = name.removesuffix(f"-{'c' * 12}.jpg")
    assert len(readable) <= MAX_READABLE_LENGTH
    assert readable.startswith("tres-long-nom-de-fichier-tres") and not readable.endswith("-")
    assert PORTABLE.fullmatch(name)


@pytest.mark.parametrize(
    ("readable", "expected"),
    [
        ("notes", "notes-{h}"),  # no extension
        (".profile", "profile-{h}"),  # a dot file has no extension either
        ("slide.π", "slide-p-{h}"),  # not an extension a server maps: part of the name
        ("archive.verylongsuffix", "archive-verylongsuffix-{h}"),
        ("photo.JPEG", "photo-{h}.jpeg"),
        ("dir\\evil.png", "evil-{h}.png"),  # a Windows path keeps only its name
    ],
)
def test_extensions_are_kept_lower_case_or_folded_into_the_name(
    readable: str, expected: str
) -> None:
    assert package_file_name(readable, "d" * 64) == expected.format(h="d" * 12)


def test_site_name_reads_the_stored_file_without_its_hash_prefix() -> None:
    sha = _sha("lesson")
    stored = _asset(f"media/{sha[:12]}-Leçon-1.mp4", "lesson", original="Leçon 1.mp4")
    assert site_name(stored) == f"lecon-1-{sha[:12]}.mp4"
    # A derived file in the cache has no prefix; it gets the same shape of name.
    derived = _asset(".moocstudio/cache/ab/abcdef/video-360p.mp4", "rendition")
    assert site_name(derived) == f"video-360p-{_sha('rendition')[:12]}.mp4"


def test_a_converted_file_keeps_its_origin_name_and_hashes_its_own_content() -> None:
    vtt = _asset(f"media/{_sha('vtt')[:12]}-Leçon-1.fr.vtt", "vtt")
    srt = b"1\n00:00:00,000 --> 00:00:01,000\nBonjour\n"
    name = converted_name(vtt, ".srt", srt)
    assert name == f"lecon-1-fr-{hashlib.sha256(srt).hexdigest()[:12]}.srt"


@given(st.text(min_size=0, max_size=300), st.text("0123456789abcdef", min_size=64, max_size=64))
def test_any_name_becomes_a_portable_one(readable: str, sha: str) -> None:
    name = package_file_name(readable, sha)
    assert PORTABLE.fullmatch(name), name
    assert len(name) <= MAX_READABLE_LENGTH + 1 + HASH_LENGTH + 11
    assert sha[:HASH_LENGTH] in name


@given(st.text(max_size=100))
def test_slugs_are_lower_case_ascii_words(text: str) -> None:
    slug = ascii_slug(text)
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert ascii_slug(unicodedata.normalize("NFD", text)) == ascii_slug(
        unicodedata.normalize("NFC", text)
    )
