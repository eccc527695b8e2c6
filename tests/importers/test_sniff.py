"""sniff_kind() decides by content: real media from ffmpeg, real zips, and misnamed files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moocstudio.errors import ImportFailed
from moocstudio.importers.sniff import sniff_kind
from tests.slide_samples import PdfPage, odf_zip, powerpoint_deck, retyped_deck, write_pdf

OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def write_zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return path


def test_pptx_by_its_content_whatever_its_name(tmp_path):
    names = ["[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml"]
    assert sniff_kind(write_zip(tmp_path / "deck.pptx", names)) == "slides"
    assert sniff_kind(write_zip(tmp_path / "deck.zip", names)) == "slides"


def test_deck_made_by_python_pptx(tmp_path):
    from pptx import Presentation

    deck = tmp_path / "real.pptx"
    Presentation().save(str(deck))
    assert sniff_kind(deck) == "slides"


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["word/document.xml"], "Word document"),
        (["content.xml", "mimetype"], "OpenDocument"),
        (["notes.txt", "picture.png"], "zip archive, not a PowerPoint deck"),
        (["Index/Document.iwa", "Metadata/Properties.plist"], "Keynote.*Export To > PowerPoint"),
        (["Index.zip", "preview.jpg"], "Keynote"),
    ],
)
def test_other_zips_are_refused_with_advice(tmp_path, names, message):
    with pytest.raises(ImportFailed, match=message) as caught:
        sniff_kind(write_zip(tmp_path / "deck.pptx", names))
    assert ".pptx" in caught.value.problem


def test_damaged_zip(tmp_path):
    broken = tmp_path / "deck.pptx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(ImportFailed, match="damaged zip"):
        sniff_kind(broken)


@pytest.mark.parametrize("name", ["old.ppt", "locked.pptx"])
def test_ole_file_is_a_legacy_or_encrypted_powerpoint(tmp_path, name):
    ole = tmp_path / name
    ole.write_bytes(OLE_HEADER)
    with pytest.raises(ImportFailed, match="password-protected") as caught:
        sniff_kind(ole)
    assert "save it as .pptx" in caught.value.problem


@pytest.mark.parametrize(
    ("name", "video", "extra_args"),
    [
        ("clip.mp4", True, ()),
        ("clip.mov", True, ()),
        ("clip.mkv", True, ()),
        ("clip.webm", True, ("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8")),
        ("clip.avi", True, ()),
        ("clip.ts", True, ()),
        ("clip.m2ts", True, ()),
        ("clip.flv", True, ()),
        ("clip.mpg", True, ()),
        ("talk.m4a", False, ()),
        ("talk.wav", False, ()),
        ("talk.mp3", False, ()),
        ("talk.ogg", False, ()),
        ("talk.opus", False, ()),
        ("talk.flac", False, ()),
        ("talk.aac", False, ()),
        ("talk.aiff", False, ()),
        ("talk.wma", False, ()),
    ],
)
def test_media_containers_are_video(make_clip, name, video, extra_args):
    clip = make_clip(name, seconds=0.3, size="64x48", video=video, extra_args=extra_args)
    assert sniff_kind(clip) == "video"


def test_mp3_without_id3_tag_is_found_by_its_frame_sync(make_clip):
    clip = make_clip("bare.mp3", seconds=0.3, video=False, extra_args=["-id3v2_version", "0"])
    assert clip.read_bytes()[0] == 0xFF
    assert sniff_kind(clip) == "video"


def test_media_named_like_a_page_is_still_video(make_clip, tmp_path):
    clip = make_clip("clip.mp4", seconds=0.3, size="64x48")
    renamed = clip.rename(tmp_path / "notes.md")
    assert sniff_kind(renamed) == "video"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("week1.md", "# Week 1\n\nWelcome, *everyone*.\n"),
        ("Notes été.txt", "Les élèves ont aimé le cours — merci ! 日本語も\n"),
        ("README", "plain text without an extension\n"),
        ("bom.md", "\ufeff# With a byte order mark\n"),
    ],
)
def test_utf8_text_is_a_page(tmp_path, name, text):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    assert sniff_kind(page) == "page"


def test_long_text_cut_inside_a_character_is_still_text(tmp_path):
    page = tmp_path / "long.md"
    page.write_text("é" * 10_000, encoding="utf-8")  # 8192 bytes end inside nothing, or inside é
    assert sniff_kind(page) == "page"
    page.write_text("a" + "é" * 10_000, encoding="utf-8")
    assert sniff_kind(page) == "page"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lecture.mp4", "is named like a video (.mp4) but contains text"),
        ("lecture.MOV", "is named like a video (.mov) but contains text"),
        ("talk.mp3", "is named like a video (.mp3) but contains text"),
        ("deck.pptx", "is named like a slide deck (.pptx) but contains text"),
    ],
)
def test_text_named_like_media_or_slides_is_refused(tmp_path, name, expected):
    fake = tmp_path / name
    fake.write_text("notes for the lecture\n")
    with pytest.raises(ImportFailed) as caught:
        sniff_kind(fake)
    assert caught.value.problem.startswith(expected)
    assert caught.value.path == fake


def test_text_starting_like_a_quicktime_box_is_text(tmp_path):
    page = tmp_path / "free.md"
    page.write_text("Feelfree to ask questions.\n")  # "free" at offset 4, like a QuickTime box
    assert sniff_kind(page) == "page"


def test_zero_bytes(tmp_path):
    empty = tmp_path / "lecture.mp4"
    empty.touch()
    with pytest.raises(ImportFailed, match="empty"):
        sniff_kind(empty)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportFailed, match="does not exist"):
        sniff_kind(tmp_path / "gone.md")
    with pytest.raises(ImportFailed, match="is a folder"):
        sniff_kind(tmp_path)


def test_random_bytes_name_the_kinds_accepted(tmp_path):
    noise = tmp_path / "mystery.bin"
    noise.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(5000)) + b"\x00")
    with pytest.raises(ImportFailed, match="not a kind of file") as caught:
        sniff_kind(noise)
    for kind in (".pptx", ".md", ".mp4"):
        assert kind in caught.value.problem


def test_picture_gets_picture_advice(run_ffmpeg, tmp_path):
    picture = tmp_path / "diagram.png"
    run_ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", picture)
    with pytest.raises(ImportFailed, match="is a picture"):
        sniff_kind(picture)


@pytest.mark.parametrize("name", ["slides.pdf", "slides.pptx", "slides"])
def test_pdf_by_its_signature_whatever_its_name(tmp_path, name):
    pdf = tmp_path / name
    write_pdf(pdf, [PdfPage([("Titre", 24)])])
    assert sniff_kind(pdf) == "pdf-slides"


def test_pdf_header_after_junk_in_the_first_kilobyte(tmp_path):
    # Readers accept a few bytes before the header (a mail gateway's, a BOM); so do we.
    pdf = tmp_path / "slides.pdf"
    pdf.write_bytes(b"\xef\xbb\xbf\r\n" + write_pdf(tmp_path / "x.pdf", [PdfPage()]).read_bytes())
    assert sniff_kind(pdf) == "pdf-slides"


def test_a_page_that_mentions_the_pdf_header_stays_a_page(tmp_path):
    page = tmp_path / "formats.md"
    page.write_text("# Formats\n\nA PDF starts with `%PDF-1.7`, then objects.\n", encoding="utf-8")
    assert sniff_kind(page) == "page"


@pytest.mark.parametrize("suffix", [".ppsx", ".potx", ".pptm", ".ppsm", ".potm"])
def test_every_powerpoint_flavour_is_slides(tmp_path, suffix):
    deck = powerpoint_deck(tmp_path / "deck.pptx")
    assert sniff_kind(retyped_deck(deck, tmp_path / f"deck{suffix}")) == "slides"
    # Misnamed: the content decides.
    assert sniff_kind(retyped_deck(deck, tmp_path / f"{suffix[1:]}.zip")) == "slides"


def test_a_powerpoint_add_in_is_refused(tmp_path):
    addin = retyped_deck(powerpoint_deck(tmp_path / "deck.pptx"), tmp_path / "tools.ppam")
    with pytest.raises(ImportFailed, match="add-in"):
        sniff_kind(addin)


@pytest.mark.parametrize(
    "mimetype",
    [
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.oasis.opendocument.presentation-template",
    ],
)
def test_odf_presentations_by_their_mimetype_whatever_their_name(tmp_path, mimetype):
    assert sniff_kind(odf_zip(tmp_path / "cours.odp", mimetype)) == "slides"
    assert sniff_kind(odf_zip(tmp_path / "cours.zip", mimetype)) == "slides"


@pytest.mark.parametrize(
    ("mimetype", "message"),
    [
        ("application/vnd.oasis.opendocument.text", "text document .*save it as markdown"),
        ("application/vnd.oasis.opendocument.spreadsheet", "spreadsheet"),
    ],
)
def test_other_odf_files_named_odp_are_refused(tmp_path, mimetype, message):
    with pytest.raises(ImportFailed, match=message) as caught:
        sniff_kind(odf_zip(tmp_path / "cours.odp", mimetype))
    assert "not a presentation" in caught.value.problem


def test_flat_odf_presentation_is_slides_flat_text_document_is_not(tmp_path):
    flat = tmp_path / "cours.fodp"
    flat.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:'
        'names:tc:opendocument:xmlns:office:1.0" office:version="1.3" office:mimetype='
        '"application/vnd.oasis.opendocument.presentation"></office:document>\n',
        encoding="utf-8",
    )
    assert sniff_kind(flat) == "slides"
    text = tmp_path / "notes.fodt"
    text.write_text(
        flat.read_text(encoding="utf-8").replace("presentation", "text"), encoding="utf-8"
    )
    with pytest.raises(ImportFailed, match="text document"):
        sniff_kind(text)


@pytest.mark.parametrize("name", ["slides.pdf", "cours.odp"])
def test_text_named_like_slides_is_refused(tmp_path, name):
    fake = tmp_path / name
    fake.write_text("# Pas des diapositives\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="named like a slide deck"):
        sniff_kind(fake)


def test_an_empty_odp_is_refused(tmp_path):
    empty = tmp_path / "cours.odp"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed, match="is empty"):
        sniff_kind(empty)


def test_text_in_other_encodings_is_named(tmp_path):
    latin1 = tmp_path / "notes.md"
    latin1.write_bytes("Les élèves ont aimé le cours.\n".encode("latin-1"))
    with pytest.raises(ImportFailed, match="not UTF-8"):
        sniff_kind(latin1)
    utf16 = tmp_path / "notes16.md"
    utf16.write_text("Hello\n", encoding="utf-16")
    with pytest.raises(ImportFailed, match="UTF-16"):
        sniff_kind(utf16)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(min_size=1, max_size=1024))
def test_any_bytes_give_a_kind_or_a_readable_refusal(tmp_path, data):
    target = tmp_path / "any.bin"
    target.write_bytes(data)
    try:
        kind = sniff_kind(target)
    except ImportFailed as refused:
        assert refused.problem
        return
    assert kind in ("slides", "pdf-slides", "page", "video")
