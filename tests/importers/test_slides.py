"""The .pptx importer on real decks built with python-pptx (see conftest.py)."""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from moocstudio.errors import ImportFailed
from moocstudio.importers.slides import import_slides
from moocstudio.media.process import run
from moocstudio.model import SlideDeck
from moocstudio.model.store import asset_path
from tests.waiting import EVENT_TIMEOUT_S

TITLE_AND_CONTENT = 1  # python-pptx's default template
BLANK = 6


def png_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def set_alt_text(shape: object, text: str) -> None:
    """python-pptx has no API for alt text: set cNvPr/@descr as PowerPoint does."""
    shape._element._nvXxPr.cNvPr.set("descr", text)  # type: ignore[attr-defined]


def cards(folder: Path, source: Path, **kwargs: object) -> SlideDeck:
    """Import with Pillow cards, whatever is installed: results do not depend on the machine."""
    return import_slides(folder, source, use_libreoffice=False, **kwargs).item  # type: ignore[arg-type]


def media_files(folder: Path) -> list[Path]:
    media = folder / "media"
    return sorted(media.iterdir()) if media.is_dir() else []


# --- Text, in reading order ------------------------------------------------------------


def test_title_first_then_placeholders_in_order_with_levels_flattened(rich_deck, deck_course):
    first = cards(deck_course, rich_deck).slides[0]
    assert first.number == 1
    assert first.title == "Photosynthèse : les bases"
    assert first.body == ["La lumière est captée", "par la chlorophylle", "Le CO₂ est fixé"]


def test_nested_groups_are_read_in_shape_tree_order(rich_deck, deck_course):
    groups = cards(deck_course, rich_deck).slides[1]
    assert groups.title == "Groups"
    assert groups.body == ["outer first", "inner only", "outer last", "after the group"]


def test_tables_are_read_row_by_row_merged_cells_once_empty_cells_kept(rich_deck, deck_course):
    table = cards(deck_course, rich_deck).slides[2]
    # python-pptx moves the text of merged cells into the merge origin, as PowerPoint does.
    assert table.body == ["Year | Cases Deaths", "2020 | 10 | 1", "2021 |  | 2"]


def test_slide_without_title_placeholder_has_empty_title_and_numbered_alt(rich_deck, deck_course):
    untitled = cards(deck_course, rich_deck).slides[3]
    assert untitled.title == ""
    assert untitled.body == ["No title on this slide"]
    assert untitled.image_alt == "Slide 4. No title on this slide"


def test_notes_are_plain_text_and_empty_notes_are_empty(rich_deck, deck_course):
    slides = cards(deck_course, rich_deck).slides
    assert slides[0].notes == "Dire bonjour.\nPuis expliquer le schéma."
    assert slides[1].notes == ""  # no notes page at all
    assert slides[3].notes == ""  # a notes page with nothing written on it


def test_hidden_slides_are_flagged_and_kept_in_place(rich_deck, deck_course):
    deck = cards(deck_course, rich_deck)
    assert [s.hidden for s in deck.slides] == [False, False, False, False, True, False]
    assert [s.number for s in deck.visible_slides] == [1, 2, 3, 4, 6]
    assert deck.slides[4].title == "Backup slide"


def test_footer_date_and_number_placeholders_are_not_content(tmp_path, deck_course):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Main"
    slide.placeholders[1].text_frame.text = "Point"
    footer = prs.slide_layouts[TITLE_AND_CONTENT].placeholders[3]  # "Footer Placeholder 4"
    slide.shapes.clone_placeholder(footer)
    slide.placeholders[footer.placeholder_format.idx].text_frame.text = "© University, 2026"
    path = tmp_path / "footer.pptx"
    prs.save(path)
    assert cards(deck_course, path).slides[0].body == ["Point"]


def test_text_is_kept_as_plain_text_line_breaks_and_no_break_spaces_included(tmp_path, deck_course):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Two\vlines"
    slide.placeholders[1].text_frame.text = "<script>alert(1)</script> &amp; «\u00a0ok\u00a0»\vnext"
    path = tmp_path / "markup.pptx"
    prs.save(path)
    result = cards(deck_course, path).slides[0]
    assert result.title == "Two lines"
    assert result.body == ["<script>alert(1)</script> &amp; «\u00a0ok\u00a0»\nnext"]


# --- Pictures ---------------------------------------------------------------------------


def test_pictures_are_extracted_byte_for_byte_under_safe_names(rich_deck, deck_course, picture_png):
    pictures = cards(deck_course, rich_deck).slides[5].pictures
    assert len(pictures) == 2
    assert asset_path(deck_course, pictures[0].file).read_bytes() == picture_png
    assert asset_path(deck_course, pictures[1].file).read_bytes() == png_bytes((20, 20, 200))
    for picture in pictures:
        assert re.fullmatch(
            r"media/[0-9a-f]{12}-[\w-]+-slide-006-picture-[12]\.png", picture.file.path
        )


def test_alt_text_of_pictures_goes_into_the_slide_alt_file_names_do_not(rich_deck, deck_course):
    slide = cards(deck_course, rich_deck).slides[5]
    assert "Picture: Schéma d'une feuille" in slide.image_alt
    assert [p.alt for p in slide.pictures] == ["Schéma d'une feuille", ""]
    # python-pptx (like older PowerPoint) stores the file name as descr: not a description.
    assert "image.png" not in slide.image_alt
    assert slide.image_alt.startswith("Pictures.")


def test_a_picture_browsers_cannot_show_gets_a_placeholder_without_libreoffice(
    rich_deck, tmp_path, deck_course
):
    emf = b"\x01\x00\x00\x00" + bytes(84) + b" EMF" + bytes(40)  # declared EMF, by its type

    def as_emf(data: bytes) -> bytes:
        override = b'<Override PartName="/ppt/media/image1.png" ContentType="image/x-emf"/>'
        return data.replace(b"</Types>", override + b"</Types>")

    with_emf = _rewritten(tmp_path / "a.pptx", rich_deck, "ppt/media/image1.png", lambda _: emf)
    path = _rewritten(tmp_path / "emf.pptx", with_emf, "[Content_Types].xml", as_emf)
    result = import_slides(deck_course, path, use_libreoffice=False)
    first, second = result.item.slides[5].pictures
    assert first.alt == "Schéma d'une feuille"
    with Image.open(asset_path(deck_course, first.file)) as placeholder:
        assert placeholder.format == "PNG"
    assert asset_path(deck_course, second.file).read_bytes() == png_bytes((20, 20, 200))
    [warning] = [w for w in result.warnings if "EMF" in w]
    assert "slide 6" in warning and "LibreOffice is not available" in warning


def test_generated_alt_text_suffix_is_dropped(tmp_path, deck_course):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    picture = slide.shapes.add_picture(io.BytesIO(png_bytes((1, 2, 3))), Inches(1), Inches(1))
    set_alt_text(picture, "A red square\n\nDescription automatically generated")
    path = tmp_path / "alt.pptx"
    prs.save(path)
    assert cards(deck_course, path).slides[0].image_alt == "Slide 1. Picture: A red square"


def test_embedded_video_is_reported_not_imported(tmp_path, deck_course):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    movie = io.BytesIO(b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    slide.shapes.add_movie(movie, Inches(1), Inches(1), Inches(4), Inches(3), mime_type="video/mp4")
    path = tmp_path / "movie.pptx"
    prs.save(path)
    result = import_slides(deck_course, path, use_libreoffice=False)
    assert result.item.slides[0].pictures == []
    assert any("slide 1" in w and "video" in w and str(path) in w for w in result.warnings)


# --- The deck ---------------------------------------------------------------------------


def test_source_is_copied_and_every_slide_gets_a_card(rich_deck, deck_course):
    deck = cards(deck_course, rich_deck)
    assert re.fullmatch(r"slides-[0-9a-f]{12}", deck.id)
    assert asset_path(deck_course, deck.source).read_bytes() == rich_deck.read_bytes()
    assert deck.source.original_name == rich_deck.name
    assert deck.rendered_with == "card"
    for slide in deck.slides:
        assert slide.image is not None
        with Image.open(asset_path(deck_course, slide.image)) as image:
            assert (image.format, image.size) == ("PNG", (1280, 720))


def test_render_false_makes_no_images(rich_deck, deck_course):
    deck = import_slides(deck_course, rich_deck, render=False).item
    assert all(slide.image is None for slide in deck.slides)
    assert all(slide.image_alt for slide in deck.slides)


@pytest.mark.parametrize(
    ("core_title", "first_title", "given", "expected"),
    [
        ("Cours d'écologie", "Slide one", None, "Cours d'écologie"),
        ("", "Slide one", None, "Slide one"),
        ("PowerPoint Presentation", "Slide one", None, "Slide one"),  # a template's default
        ("", "", None, "Intro to OA"),  # from the file name
        ("Core", "Slide one", "Given", "Given"),
    ],
)
def test_deck_title(tmp_path, deck_course, core_title, first_title, given, expected):
    prs = Presentation()
    prs.core_properties.title = core_title
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = first_title
    path = tmp_path / "intro_to-OA.pptx"
    prs.save(path)
    assert cards(deck_course, path, title=given, render=False).title == expected


def test_a_200_slide_deck(make_deck, deck_course):
    source = make_deck(200, hidden={7, 150})
    deck = cards(deck_course, source)
    assert [s.number for s in deck.slides] == list(range(1, 201))
    assert [s.number for s in deck.slides if s.hidden] == [7, 150]
    assert deck.slides[199].title == "Slide 200: déjà vu"
    assert deck.slides[199].body[0] == "Point 1 of slide 200"
    images = {slide.image.path for slide in deck.slides if slide.image}
    assert len(images) == 200  # every card differs (its number), so none is deduplicated
    assert all(len(s.image_alt) <= 300 for s in deck.slides)


def test_long_slide_text_gives_a_short_alt(tmp_path, deck_course):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Long"
    slide.placeholders[1].text_frame.text = "mot " * 500
    path = tmp_path / "long.pptx"
    prs.save(path)
    alt = cards(deck_course, path, render=False).slides[0].image_alt
    assert len(alt) <= 300
    assert alt.startswith("Long. mot mot")
    assert alt.endswith("mot…")


# --- Files that are not a readable .pptx ------------------------------------------------


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def _plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return path


def _truncated(path: Path, whole: Path) -> Path:
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _rewritten(path: Path, whole: Path, part: str, change) -> Path:
    """A copy of the zip ``whole`` at ``path``, with one member's bytes changed."""
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == part else data)
    return path


def _bad_xml(path: Path, whole: Path) -> Path:
    # Cut mid-element: not well-formed XML.
    return _rewritten(path, whole, "ppt/presentation.xml", lambda data: data[: len(data) // 2])


def _bad_level(path: Path, whole: Path) -> Path:
    def bad(data: bytes) -> bytes:
        return data.replace(b"<a:p>", b'<a:p><a:pPr lvl="abc"/>')

    return _rewritten(path, whole, "ppt/slides/slide2.xml", bad)


ENCRYPTED = {"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(200), "EncryptedPackage": bytes(9000)}
LEGACY_PPT = {"PowerPoint Document": bytes(3000), "Current User": bytes(60)}


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("random.pptx", lambda p, w: p.write_bytes(random.Random(7).randbytes(5000)), "not a"),
        ("empty.pptx", lambda p, w: p.write_bytes(b""), "is empty"),
        ("cut.pptx", _truncated, "damaged or incomplete"),
        ("bad-xml.pptx", _bad_xml, "damaged or incomplete"),
        ("report.pptx", lambda p, w: _docx(p), "is a Word document"),
        ("archive.zip", lambda p, w: _plain_zip(p), "no ppt/presentation.xml"),
        ("locked.pptx", lambda p, w: p.write_bytes(ole_file(ENCRYPTED)), "remove the password"),
        ("old.ppt", lambda p, w: p.write_bytes(ole_file(LEGACY_PPT)), "save it as .pptx"),
        ("old.doc", lambda p, w: p.write_bytes(ole_file({"WordDocument": b"w"})), "Word document"),
    ],
)
def test_unreadable_files_fail_with_a_plain_message_and_leave_no_media(
    tmp_path, deck_course, make_deck, name, make, expected
):
    path = tmp_path / name
    make(path, make_deck(2))
    with pytest.raises(ImportFailed) as caught:
        import_slides(deck_course, path)
    assert caught.value.path == path
    assert str(path) in caught.value.user_message
    assert expected in caught.value.problem
    assert media_files(deck_course) == []


def test_a_level_python_pptx_cannot_parse_costs_nothing_the_text_is_recovered(
    tmp_path, deck_course, make_deck
):
    path = _bad_level(tmp_path / "bad-level.pptx", make_deck(2))
    result = import_slides(deck_course, path, use_libreoffice=False)
    second = result.item.slides[1]
    assert second.title == "Slide 2: déjà vu"
    assert second.body[0] == "Point 1 of slide 2"
    assert len(second.body) == 4
    assert result.warnings == []  # the text was recovered: nothing is lost


def test_a_picture_whose_part_is_missing_is_left_out_with_a_warning(
    rich_deck, tmp_path, deck_course
):
    def break_link(data: bytes) -> bytes:
        return re.sub(rb'r:embed="rId\d+"', b'r:embed="rId99"', data, count=1)

    path = _rewritten(tmp_path / "broken.pptx", rich_deck, "ppt/slides/slide6.xml", break_link)
    result = import_slides(deck_course, path, use_libreoffice=False)
    assert len(result.item.slides[5].pictures) == 1
    assert any("slide 6" in w and "not embedded" in w for w in result.warnings)


def test_encrypted_pptx_and_legacy_ppt_get_different_advice(tmp_path, deck_course):
    locked, old = tmp_path / "locked.pptx", tmp_path / "old.ppt"
    locked.write_bytes(ole_file(ENCRYPTED))
    old.write_bytes(ole_file(LEGACY_PPT))
    with pytest.raises(ImportFailed) as locked_error:
        import_slides(deck_course, locked)
    with pytest.raises(ImportFailed) as old_error:
        import_slides(deck_course, old)
    assert "password" in locked_error.value.problem and ".ppt)" not in locked_error.value.problem
    assert "97-2003" in old_error.value.problem and "password" not in old_error.value.problem


def test_unreadable_file_names_the_os_reason(tmp_path, deck_course, make_deck):
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        pytest.skip("needs POSIX permissions that apply (root reads any file)")
    path = make_deck(1)
    path.chmod(0)
    try:
        with pytest.raises(ImportFailed, match="cannot be read"):
            import_slides(deck_course, path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


# --- With LibreOffice --------------------------------------------------------------------


def _has_card_accent(png: Path) -> bool:
    with Image.open(png) as image:
        return image.convert("RGB").getpixel((4, 4)) == (31, 95, 153)


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_libreoffice_renders_visible_slides_and_hidden_ones_get_cards(make_deck, deck_course):
    source = make_deck(4, hidden={2})
    result = import_slides(deck_course, source)
    deck = result.item
    assert deck.rendered_with == "libreoffice", result.warnings
    images = [asset_path(deck_course, s.image) for s in deck.slides if s.image]
    assert len(images) == 4
    sizes = set()
    for image_path in images:
        with Image.open(image_path) as image:
            sizes.add(image.size)
    assert sizes == {(1280, 960)}  # python-pptx's default slide is 4:3; the card follows it
    assert [_has_card_accent(p) for p in images] == [False, True, False, False]


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_libreoffice_pages_map_to_slides_across_batches(make_deck, deck_course):
    # 22 slides, 2 hidden: exactly 20 pages, one full batch, then a batch past the end.
    deck = import_slides(deck_course, make_deck(22, hidden={3, 17})).item
    assert deck.rendered_with == "libreoffice"
    images = [asset_path(deck_course, s.image) for s in deck.slides if s.image]
    assert len(images) == 22
    assert [n for n, image in enumerate(images, start=1) if _has_card_accent(image)] == [3, 17]


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_a_real_legacy_ppt_made_by_libreoffice_is_recognised(make_deck, tmp_path, deck_course):
    source = make_deck(1)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    argv = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ppt"]
    done = run([*argv, "--outdir", out, source], timeout=EVENT_TIMEOUT_S)
    assert done.returncode == 0, done.stderr_tail
    with pytest.raises(ImportFailed, match=r"PowerPoint 97-2003 file \(\.ppt\)"):
        import_slides(deck_course, out / "deck.ppt")


# --- LibreOffice failing: fake soffice programs, real child processes --------------------


def _fake_tool(folder: Path, name: str, script: str) -> None:
    folder.mkdir(exist_ok=True)
    tool = folder / name
    tool.write_text(f"#!/bin/sh\n{script}\n")
    tool.chmod(0o755)


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_a_failing_libreoffice_falls_back_to_cards_with_a_warning(
    tmp_path, deck_course, make_deck, monkeypatch
):
    tools = tmp_path / "bin"
    _fake_tool(tools, "soffice", "echo 'Error: source file could not be loaded' >&2; exit 1")
    _fake_tool(tools, "pdftoppm", "exit 0")
    monkeypatch.setenv("PATH", str(tools))
    source = make_deck(2)
    result = import_slides(deck_course, source)
    assert result.item.rendered_with == "card"
    assert all(s.image is not None for s in result.item.slides)
    [warning] = result.warnings
    assert str(source) in warning
    assert "LibreOffice could not convert it" in warning
    assert "source file could not be loaded" in warning


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_without_pdftoppm_libreoffice_is_not_used_and_the_author_is_told(
    tmp_path, deck_course, make_deck, monkeypatch
):
    tools = tmp_path / "bin"
    _fake_tool(tools, "soffice", "exit 0")
    monkeypatch.setenv("PATH", str(tools))
    result = import_slides(deck_course, make_deck(1))
    assert result.item.rendered_with == "card"
    [warning] = result.warnings
    assert "pdftoppm is missing" in warning and "poppler" in warning


# --- OLE compound files (the container of legacy .ppt and of encrypted .pptx) -------------

_FREE, _END, _FAT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal, well-formed OLE compound file (version 3) holding ``streams`` at the root.

    Each stream is padded to 4096 bytes so that it lives in regular sectors (no mini stream).
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the CFB sibling order
    data = [streams[n].ljust(max(4096, -(-len(streams[n]) // 512) * 512), b"\0") for n in names]
    sectors_per_stream = [len(d) // 512 for d in data]
    fat = [_FAT, _END]  # sector 0: the FAT, sector 1: the directory
    start = []
    for count in sectors_per_stream:
        start.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [_END]
    assert len(fat) <= 128, "one FAT sector is enough for these tests"
    fat += [_FREE] * (128 - len(fat))

    entries = [_dir_entry("Root Entry", 5, child=1 if names else _NOSTREAM, start=_END, size=0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else _NOSTREAM
        entries.append(_dir_entry(name, 2, right=right, start=start[i], size=len(streams[name])))
    unused = b"\0" * 68 + struct.pack("<III", _NOSTREAM, _NOSTREAM, _NOSTREAM) + b"\0" * 48
    entries += [unused] * (-len(entries) % 4)
    directory = b"".join(entries)
    assert len(directory) == 512, "one directory sector is enough for these tests"

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,  # directory sectors (always 0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,
        4096,  # mini stream cutoff
        _END,  # first mini FAT sector
        0,
        _END,  # first DIFAT sector
        0,
    )
    header += struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(data)


def _dir_entry(
    name: str, kind: int, *, child: int = _NOSTREAM, right: int = _NOSTREAM, start: int, size: int
) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NOSTREAM, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )
