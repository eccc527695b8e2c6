"""PowerPoint packages of every flavour: what they are, the copies that open and store them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from moocstudio.importers.presentation_package import (
    PRESENTATION_MAIN,
    PackageError,
    macro_free_copy,
    opening_copy,
    read_package,
)
from tests.slide_samples import MAIN_TYPES, PRINTER_OVERRIDE, powerpoint_deck, retyped_deck


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return powerpoint_deck(tmp_path / "cours.pptx")


@pytest.mark.parametrize(
    ("suffix", "role", "macro_enabled"),
    [
        (".pptx", "presentation", False),
        (".ppsx", "show", False),
        (".potx", "template", False),
        (".pptm", "presentation", True),
        (".ppsm", "show", True),
        (".potm", "template", True),
        (".ppam", "addin", True),
    ],
)
def test_the_flavour_comes_from_the_main_content_type(
    deck: Path, tmp_path: Path, suffix: str, role: str, macro_enabled: bool
) -> None:
    path = deck if suffix == ".pptx" else retyped_deck(deck, tmp_path / f"x{suffix}")
    with zipfile.ZipFile(path) as archive:
        package = read_package(archive)
    assert package.main_part == "ppt/presentation.xml"
    assert package.main_type == MAIN_TYPES.get(suffix, PRESENTATION_MAIN)
    assert package.flavour is not None
    assert (package.flavour.role, package.flavour.macro_enabled) == (role, macro_enabled)
    assert package.has_macros is macro_enabled
    expected_parts = {
        "ppt/vbaProject.bin",
        "ppt/_rels/vbaProject.bin.rels",
        "ppt/vbaProjectSignature.bin",
    }
    assert package.macro_parts == (expected_parts if macro_enabled else frozenset())


def test_python_pptx_refuses_a_show_and_opens_the_opening_copy(deck: Path, tmp_path: Path) -> None:
    show = retyped_deck(deck, tmp_path / "cours.ppsx")
    with pytest.raises(ValueError, match="not a PowerPoint file"):
        Presentation(str(show))
    with zipfile.ZipFile(show) as archive:
        copy = opening_copy(archive, read_package(archive))
    opened = Presentation(io.BytesIO(copy))
    assert [s.shapes.title.text for s in opened.slides] == [
        "Photosynthèse",
        "Énergie",
        "Questions ?",
    ]


def test_the_macro_free_copy_has_no_vba_and_every_other_part_unchanged(
    deck: Path, tmp_path: Path
) -> None:
    macro_deck = retyped_deck(deck, tmp_path / "cours.ppsm")
    with zipfile.ZipFile(macro_deck) as archive:
        package = read_package(archive)
        twin = macro_free_copy(archive, package)
        original = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(io.BytesIO(twin)) as copy:
        copied = {info.filename: copy.read(info) for info in copy.infolist()}
        again = read_package(copy)
    assert set(original) - set(copied) == set(package.macro_parts)
    changed = {n for n in copied if copied[n] != original[n]}
    assert changed == {"[Content_Types].xml", "ppt/_rels/presentation.xml.rels"}
    assert b"vbaProject" not in copied["[Content_Types].xml"]
    assert b"vbaProject" not in copied["ppt/_rels/presentation.xml.rels"]
    # The same role without macros: a .ppsm becomes a .ppsx.
    assert again.flavour is not None and again.flavour.extension == ".ppsx"
    assert not again.has_macros


def test_a_bin_default_still_used_by_another_part_is_kept(deck: Path, tmp_path: Path) -> None:
    # A deck whose printer settings take their type from the same .bin Default as the project.
    macro_deck = retyped_deck(deck, tmp_path / "cours.pptm")
    untyped = tmp_path / "printer.pptm"
    with zipfile.ZipFile(macro_deck) as source, zipfile.ZipFile(untyped, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(PRINTER_OVERRIDE, b"")
            target.writestr(info, data)
    with zipfile.ZipFile(untyped) as archive:
        twin = macro_free_copy(archive, read_package(archive))
    with zipfile.ZipFile(io.BytesIO(twin)) as copy:
        names = set(copy.namelist())
        types = copy.read("[Content_Types].xml")
    assert "ppt/printerSettings/printerSettings1.bin" in names
    assert "ppt/vbaProject.bin" not in names
    assert b'Extension="bin"' in types


def test_an_override_wins_over_defaults_and_part_names_ignore_case(
    deck: Path, tmp_path: Path
) -> None:
    shouting = tmp_path / "shouting.ppsx"
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(shouting, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"/ppt/presentation.xml", b"/PPT/Presentation.XML").replace(
                    PRESENTATION_MAIN.encode(), MAIN_TYPES[".ppsx"].encode()
                )
            target.writestr(info, data)
    with zipfile.ZipFile(shouting) as archive:
        package = read_package(archive)
    assert package.flavour is not None and package.flavour.role == "show"


@pytest.mark.parametrize(
    ("part", "content"), [("[Content_Types].xml", None), ("_rels/.rels", b"<Relationships")]
)
def test_a_package_without_its_bookkeeping_is_a_package_error(
    deck: Path, tmp_path: Path, part: str, content: bytes | None
) -> None:
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info))
            elif content is not None:
                target.writestr(info, content)
    with zipfile.ZipFile(broken) as archive, pytest.raises(PackageError, match=re.escape(part)):
        read_package(archive)


def test_entity_declarations_are_not_expanded(deck: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.ppsx"
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"<Types",
                    b'<!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]><Types',
                ).replace(PRESENTATION_MAIN.encode(), MAIN_TYPES[".ppsx"].encode())
            target.writestr(info, data)
    with zipfile.ZipFile(bomb) as archive:
        copy = opening_copy(archive, read_package(archive))
    with zipfile.ZipFile(io.BytesIO(copy)) as opened:
        assert b"root:" not in opened.read("[Content_Types].xml")
