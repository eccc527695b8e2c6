"""Presentations other than a plain .pptx, imported as slide decks.

PowerPoint shows, templates and macro-enabled decks are made by rewriting a python-pptx deck's
content types (and adding a VBA project) as PowerPoint saves them; Impress presentations by
LibreOffice itself, from python-pptx decks.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from moocstudio.errors import ImportFailed
from moocstudio.importers import libreoffice
from moocstudio.importers.slides import import_slides
from moocstudio.model import SlideDeck
from moocstudio.model.store import asset_path
from tests.slide_samples import (
    FRENCH_DECK,
    ODT,
    VBA_PROJECT,
    SlideSpec,
    libreoffice_convert,
    odf_zip,
    powerpoint_deck,
    retyped_deck,
)

TITLES = [spec.title for spec in FRENCH_DECK]


def media_files(folder: Path) -> list[Path]:
    media = folder / "media"
    return sorted(media.iterdir()) if media.is_dir() else []


def stored_source(course: Path, deck: SlideDeck) -> Path:
    return asset_path(course, deck.source)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return powerpoint_deck(tmp_path / "cours.pptx")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    return folder


def _without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without LibreOffice: nothing on PATH, no well-known install."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(libreoffice, "_WELL_KNOWN_SOFFICE", ())


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_libreoffice(tmp_path, monkeypatch)


# --- PowerPoint shows, templates, macro-enabled decks --------------------------------------


@pytest.mark.parametrize("suffix", [".ppsx", ".potx"])
def test_shows_and_templates_import_like_the_deck_and_are_kept_unchanged(
    deck: Path, course: Path, tmp_path: Path, suffix: str
) -> None:
    source = retyped_deck(deck, tmp_path / f"cours{suffix}")
    result = import_slides(course, source, use_libreoffice=False)
    assert result.warnings == []
    slides = result.item.slides
    assert [s.title for s in slides] == TITLES
    assert slides[0].body == list(FRENCH_DECK[0].bullets)
    assert slides[0].notes == "Dire bonjour."
    assert stored_source(course, result.item).read_bytes() == source.read_bytes()
    assert result.item.source.original_name == source.name


@pytest.mark.parametrize(
    ("suffix", "stored_as"), [(".pptm", ".pptx"), (".ppsm", ".ppsx"), (".potm", ".potx")]
)
def test_a_macro_enabled_deck_is_stored_as_its_macro_free_twin(
    deck: Path, course: Path, tmp_path: Path, suffix: str, stored_as: str
) -> None:
    source = retyped_deck(deck, tmp_path / f"cours{suffix}")
    result = import_slides(course, source, use_libreoffice=False)
    assert [s.title for s in result.item.slides] == TITLES
    [warning] = result.warnings
    assert str(source) in warning and "macros were left out" in warning
    assert result.item.source.original_name == f"cours{stored_as}"
    stored = stored_source(course, result.item)
    assert stored.suffix == stored_as
    with zipfile.ZipFile(stored) as archive:
        names = archive.namelist()
        assert not any("vbaProject" in name for name in names)
        assert b"macroEnabled" not in archive.read("[Content_Types].xml")
    # No copy of the project anywhere in the course, whatever its file name.
    assert not any(VBA_PROJECT in path.read_bytes() for path in media_files(course))
    assert source.read_bytes().count(b"vbaProject") > 0  # the author's file is untouched


def test_a_pptx_carrying_a_vba_project_loses_it_too(
    deck: Path, course: Path, tmp_path: Path
) -> None:
    source = retyped_deck(deck, tmp_path / "misnamed.pptx", macros=True)
    result = import_slides(course, source, use_libreoffice=False)
    assert "macros were left out" in result.warnings[0]
    with zipfile.ZipFile(stored_source(course, result.item)) as archive:
        assert "ppt/vbaProject.bin" not in archive.namelist()


def test_an_add_in_is_refused(deck: Path, course: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="add-in"):
        import_slides(course, retyped_deck(deck, tmp_path / "tools.ppam"))
    assert media_files(course) == []


@pytest.mark.needs_soffice
def test_slide_images_of_a_macro_deck_come_from_its_macro_free_copy(
    deck: Path, course: Path, tmp_path: Path
) -> None:
    source = retyped_deck(deck, tmp_path / "cours.pptm")
    result = import_slides(course, source)
    assert result.item.rendered_with == "libreoffice"
    assert all(slide.image is not None for slide in result.item.slides)
    assert [w for w in result.warnings if "macros" not in w] == []


# --- LibreOffice Impress -----------------------------------------------------------------


@pytest.mark.needs_soffice
def test_an_impress_presentation_imports_with_titles_text_notes_and_pictures(
    course: Path, tmp_path: Path
) -> None:
    specs = [*FRENCH_DECK, SlideSpec("Diapositive cachée", ("Réserve",), hidden=True)]
    odp = libreoffice_convert(powerpoint_deck(tmp_path / "cours.pptx", specs), "odp", tmp_path)
    result = import_slides(course, odp)
    deck = result.item
    assert result.warnings == []
    assert [s.title for s in deck.slides] == [spec.title for spec in specs]
    assert deck.slides[0].body == list(FRENCH_DECK[0].bullets)
    assert [s.notes for s in deck.slides[:2]] == ["Dire bonjour.", "Montrer le schéma."]
    assert [s.hidden for s in deck.slides] == [False, False, False, True]
    assert deck.rendered_with == "libreoffice"
    assert all(s.image is not None for s in deck.slides)
    # The course keeps the author's .odp, byte for byte.
    assert deck.source.original_name == "cours.odp"
    assert stored_source(course, deck).read_bytes() == odp.read_bytes()


@pytest.mark.needs_soffice
@pytest.mark.parametrize("suffix", ["ppsx", "potx", "otp", "fodp"])
def test_shows_and_templates_and_flat_files_saved_by_libreoffice(
    deck: Path, course: Path, tmp_path: Path, suffix: str
) -> None:
    source = libreoffice_convert(deck, suffix, tmp_path / "saved")
    result = import_slides(course, source)
    assert [s.title for s in result.item.slides] == TITLES
    assert result.item.slides[1].notes == "Montrer le schéma."
    assert result.item.rendered_with == "libreoffice"
    assert stored_source(course, result.item).read_bytes() == source.read_bytes()


@pytest.mark.needs_soffice
def test_a_damaged_impress_file_names_what_libreoffice_said(course: Path, tmp_path: Path) -> None:
    broken = odf_zip(tmp_path / "cassé.odp", content="<office:document-content")
    with pytest.raises(ImportFailed, match="LibreOffice could not read it") as caught:
        import_slides(course, broken)
    assert "\n" not in caught.value.user_message
    assert media_files(course) == []


@pytest.mark.needs_soffice
def test_an_odp_without_libreoffice_is_refused_with_how_to_install_it(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odp = libreoffice_convert(powerpoint_deck(tmp_path / "cours.pptx"), "odp", tmp_path)
    _without_libreoffice(tmp_path, monkeypatch)
    with pytest.raises(ImportFailed) as caught:
        import_slides(course, odp)
    problem = caught.value.problem
    assert "LibreOffice is not installed" in problem
    assert "apt install libreoffice-impress" in problem and "brew install" in problem
    assert "winget" in problem
    assert media_files(course) == []


def test_an_odp_without_libreoffice_is_refused_even_when_made_by_hand(
    course: Path, tmp_path: Path, no_libreoffice: None
) -> None:
    odp = odf_zip(tmp_path / "cours.odp")
    with pytest.raises(ImportFailed, match="install LibreOffice"):
        import_slides(course, odp)


def test_a_password_protected_odp_is_refused_before_libreoffice_runs(
    course: Path, tmp_path: Path, no_libreoffice: None
) -> None:
    # ODF encryption keeps the zip readable; the manifest lists each part's encryption.
    odp = odf_zip(
        tmp_path / "secret.odp",
        content=bytes(range(256)),
        manifest='<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type='
        '"SHA1/1K" manifest:checksum="AAAA"/></manifest:file-entry></manifest:manifest>',
    )
    with pytest.raises(ImportFailed, match="protected by a password"):
        import_slides(course, odp)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"%PDF-1.7\n", "import it as PDF slides"),
    ],
)
def test_files_that_are_no_presentation_at_all(
    course: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "cours.odp"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_slides(course, path)


def test_an_odf_text_document_named_odp_is_refused(course: Path, tmp_path: Path) -> None:
    odt = odf_zip(tmp_path / "cours.odp", ODT)
    with pytest.raises(ImportFailed, match="text document .* save it as markdown"):
        import_slides(course, odt)


def _with_linked_picture(odp: Path, target: Path, picture: Path) -> Path:
    """``odp`` with a picture over the whole first slide, linked from outside, not embedded."""
    frame = (
        '<draw:frame svg:width="25cm" svg:height="19cm" svg:x="0cm" svg:y="0cm">'
        f'<draw:image xlink:href="{picture.as_uri()}" xlink:type="simple" '
        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>'
    )
    with zipfile.ZipFile(odp) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                start = text.index("<draw:page ")
                end = text.index(">", start) + 1
                data = (text[:end] + frame + text[end:]).encode("utf-8")
            out.writestr(info, data)
    return target


def _red_share(png: Path) -> float:
    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
        red = sum(n for n, (r, g, b) in colours if r > 200 and g < 60 and b < 60)
        return red / (image.width * image.height)


@pytest.mark.needs_soffice
def test_a_picture_linked_from_outside_an_odp_never_reaches_the_slide_images(
    course: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "private" / "secret.png"
    secret.parent.mkdir()
    Image.new("RGB", (200, 150), (255, 0, 0)).save(secret)
    plain = libreoffice_convert(powerpoint_deck(tmp_path / "cours.pptx"), "odp", tmp_path)
    linked = _with_linked_picture(plain, tmp_path / "linked.odp", secret)
    # LibreOffice itself draws the linked file, as any viewer would...
    shown = libreoffice_convert(linked, "png", tmp_path / "shown")
    assert _red_share(shown) > 0.3
    # ...but the import hands it a copy whose outside links lead nowhere.
    deck = import_slides(course, linked).item
    assert deck.rendered_with == "libreoffice"
    first = deck.slides[0].image
    assert first is not None and _red_share(asset_path(course, first)) == 0
    assert stored_source(course, deck).read_bytes() == linked.read_bytes()
