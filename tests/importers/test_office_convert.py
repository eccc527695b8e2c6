"""LibreOffice as a converter: found on PATH, run headless on a copy with a throwaway profile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from moocstudio.importers import office_convert
from moocstudio.importers.office_convert import (
    ConversionFailed,
    convert_with_soffice,
    find_soffice,
)

needs_sh = pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")


def fake_soffice(folder: Path, script: str) -> str:
    folder.mkdir(exist_ok=True)
    tool = folder / "soffice"
    tool.write_text(f"#!/bin/sh\n{script}\n")
    tool.chmod(0o755)
    return str(tool)


def test_find_soffice_agrees_with_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(office_convert, "_WELL_KNOWN_SOFFICE", ())
    assert find_soffice() is None
    if shutil.which("sh"):
        tool = fake_soffice(tmp_path, "exit 0")
        assert find_soffice() == tool


@needs_sh
def test_a_copy_is_converted_headless_with_a_profile_of_its_own(tmp_path: Path) -> None:
    # Records its arguments, then writes the output where LibreOffice would.
    script = 'printf "%s\\n" "$@" > "$(dirname "$0")/argv"; mkdir -p out; echo pdf > out/source.pdf'
    soffice = fake_soffice(tmp_path / "bin", script)
    source = tmp_path / "Cours « été » #1.ODP"
    source.write_bytes(b"not read by the fake")
    work = tmp_path / "work"
    work.mkdir()
    converted = convert_with_soffice(soffice, source, work, "pdf", timeout=30)
    assert converted == work / "out" / "source.pdf"
    argv = (tmp_path / "bin" / "argv").read_text().splitlines()
    assert argv[0] == f"-env:UserInstallation={(work / 'profile').as_uri()}"
    assert {"--headless", "--norestore", "--nolockcheck"} <= set(argv)
    assert argv[-4:] == ["pdf", "--outdir", str(work / "out"), str(work / "source.odp")]
    assert (work / "source.odp").read_bytes() == source.read_bytes()


@needs_sh
@pytest.mark.parametrize(
    "script",
    ["echo 'Error: source file could not be loaded' >&2; exit 1", "echo quiet; exit 0"],
)
def test_no_output_is_a_conversion_failure_with_libreoffices_last_word(
    tmp_path: Path, script: str
) -> None:
    soffice = fake_soffice(tmp_path / "bin", script)
    source = tmp_path / "deck.pptx"
    source.write_bytes(b"x")
    with pytest.raises(ConversionFailed) as caught:
        convert_with_soffice(soffice, source, tmp_path, "pdf", timeout=30)
    expected = "could not be loaded" if "exit 1" in script else "no message"
    assert expected in str(caught.value)
