"""Office Open XML beyond python-pptx: alternate content, raw paragraphs, outside links."""

from __future__ import annotations

import zipfile

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from moocstudio.importers.ooxml import (
    NS,
    alternate_branch,
    copy_without_outside_links,
    paragraph_texts,
    qn,
)
from tests.importers import pptx_corpus as corpus


def xml(text: str):
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
    return etree.fromstring(text.replace("<ROOT", f"<ROOT {declarations}").replace("ROOT", "x"))


def test_a_choice_needing_only_known_namespaces_else_the_fallback_else_the_first_choice():
    both = xml(
        '<ROOT><mc:AlternateContent><mc:Choice Requires="p14"><a:t>new</a:t></mc:Choice>'
        "<mc:Fallback><a:t>plain</a:t></mc:Fallback></mc:AlternateContent></x>"
    )
    choices = xml(
        '<ROOT><mc:AlternateContent><mc:Choice Requires="p14"><a:t>first</a:t></mc:Choice>'
        '<mc:Choice Requires="p15"><a:t>second</a:t></mc:Choice></mc:AlternateContent></x>'
    )
    understood = xml(
        '<ROOT><mc:AlternateContent><mc:Choice Requires="a14"><a:t>with maths</a:t></mc:Choice>'
        "<mc:Fallback><a:t>picture</a:t></mc:Fallback></mc:AlternateContent></x>"
    )
    cases = [(both, "plain"), (choices, "first"), (understood, "with maths")]
    for root, expected in cases:
        branch = alternate_branch(root.find(qn("mc:AlternateContent")))
        assert branch.find(qn("a:t")).text == expected


def test_raw_paragraphs_keep_breaks_and_survive_levels_python_pptx_refuses():
    root = xml(
        '<ROOT><a:p><a:pPr lvl="two"/><a:r><a:t>one</a:t></a:r><a:br/><a:r><a:t>two</a:t>'
        '</a:r></a:p><a:p><a:pPr lvl="2"/><a:fld type="slidenum"><a:t>7</a:t></a:fld></a:p></x>'
    )
    assert list(paragraph_texts(root)) == [("one\ntwo", 0), ("7", 2)]


def test_outside_links_are_cut_in_the_copy_hyperlinks_are_kept(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[corpus.BLANK])
    slide.part.relate_to("file:///home/ana/private.png", RT.IMAGE, is_external=True)
    slide.part.relate_to("https://example.org/", RT.HYPERLINK, is_external=True)
    source = tmp_path / "linked.pptx"
    prs.save(source)
    copy = tmp_path / "copy.pptx"
    assert copy_without_outside_links(source, copy) == 1
    with zipfile.ZipFile(copy) as archive:
        rels = archive.read("ppt/slides/_rels/slide1.xml.rels").decode()
        members = sorted(archive.namelist())
    assert "private.png" not in rels
    assert "https://example.org/" in rels
    with zipfile.ZipFile(source) as archive:
        assert sorted(archive.namelist()) == members


def test_a_deck_without_outside_links_is_copied_as_it_is(tmp_path):
    source = corpus.smartart(tmp_path / "smartart.pptx")
    copy = tmp_path / "copy.pptx"
    assert copy_without_outside_links(source, copy) == 0
    assert copy.read_bytes() == source.read_bytes()
