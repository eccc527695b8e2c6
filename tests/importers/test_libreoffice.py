"""Finding LibreOffice, and one run converting several files."""

from __future__ import annotations

import shutil

import pytest

from moocstudio.importers import libreoffice
from tests.importers import pptx_corpus as corpus
from tests.waiting import EVENT_TIMEOUT_S


def test_find_soffice_agrees_with_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(libreoffice, "_WELL_KNOWN_SOFFICE", ())
    assert libreoffice.find_soffice() is None
    if shutil.which("sh"):
        tool = tmp_path / "soffice"
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
        assert libreoffice.find_soffice() == str(tool)


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_one_run_converts_every_file_and_names_outputs_after_inputs(tmp_path):
    inputs = []
    for kind in ("emf", "svg", "pdf"):
        path = tmp_path / f"picture.{kind}"
        path.write_bytes(corpus.PICTURE_MAKERS[kind](corpus.COLOURS[kind]))
        inputs.append(path.rename(tmp_path / f"{kind}-picture.{kind}"))
    out = tmp_path / "out"
    out.mkdir()
    done = libreoffice.convert(
        libreoffice.find_soffice(), inputs, "png", out, timeout=EVENT_TIMEOUT_S
    )
    assert done.ok, done.stderr_tail
    assert sorted(p.name for p in out.glob("*.png")) == [
        "emf-picture.png",
        "pdf-picture.png",
        "svg-picture.png",
    ]
