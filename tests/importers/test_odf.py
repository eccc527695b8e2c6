"""OpenDocument files: their kind from their content, and copies LibreOffice may safely open."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from moocstudio.importers import odf
from tests.slide_samples import ODP, odf_zip

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
    xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"
    xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:presentation>
<draw:page draw:name="page1">
 <draw:frame><draw:image xlink:href="Pictures/inside.png"/></draw:frame>
 <draw:frame><draw:image xlink:href="file:///etc/hostname"/></draw:frame>
 <draw:frame><draw:image xlink:href="../photos/class.jpg"/></draw:frame>
 <draw:frame><draw:image xlink:href="https://example.org/tracker.png"/></draw:frame>
 <draw:frame><draw:object xlink:href="./Object 1"/></draw:frame>
 <draw:custom-shape><text:p><text:a xlink:href="https://example.org/read-more">lire</text:a>
 </text:p></draw:custom-shape>
 <presentation:event-listener script:event-name="dom:click" presentation:action="execute"
   xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/>
</draw:page></office:presentation></office:body></office:document-content>
"""


def hrefs(document: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(document)
    return [
        e.get("{http://www.w3.org/1999/xlink}href")
        for e in root.iter()
        if e.get("{http://www.w3.org/1999/xlink}href")
    ]


def test_outside_links_are_cut_inside_ones_and_hyperlinks_stay(tmp_path: Path) -> None:
    source = odf_zip(tmp_path / "cours.odp", content=CONTENT)
    target = tmp_path / "safe.odp"
    assert odf.copy_without_outside_links(source, target) == 1
    with zipfile.ZipFile(target) as copy:
        assert copy.namelist()[0] == "mimetype"
        assert copy.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert copy.read("mimetype") == ODP.encode()
        links = hrefs(copy.read("content.xml"))
    # Gone: the three outside pictures and the macro a click would run.
    assert links == ["Pictures/inside.png", "./Object 1", "https://example.org/read-more"]


def test_a_flat_file_is_cut_the_same_way(tmp_path: Path) -> None:
    flat = tmp_path / "cours.fodp"
    flat.write_text(CONTENT.replace("document-content", "document"), encoding="utf-8")
    target = tmp_path / "safe.fodp"
    assert odf.copy_without_outside_links(flat, target) == 1
    assert "file:///etc/hostname" not in target.read_text(encoding="utf-8")
    assert "Pictures/inside.png" in target.read_text(encoding="utf-8")


def test_a_file_without_outside_links_is_copied_byte_for_byte(tmp_path: Path) -> None:
    inside_only = CONTENT.split('<draw:frame><draw:image xlink:href="file')[0] + (
        "</draw:page></office:presentation></office:body></office:document-content>"
    )
    source = odf_zip(tmp_path / "cours.odp", content=inside_only)
    target = tmp_path / "copy.odp"
    assert odf.copy_without_outside_links(source, target) == 0
    assert target.read_bytes() == source.read_bytes()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<office:document office:mimetype="' + ODP.encode() + b'">', ODP),
        (b'\xef\xbb\xbf<office:document office:mimetype="x/y">', "x/y"),
        (b'# A page\n\noffice:mimetype="' + ODP.encode() + b'"', ""),
    ],
)
def test_the_kind_of_a_flat_file_is_read_from_its_root_element(head: bytes, expected: str) -> None:
    assert odf.flat_mimetype(head) == expected
