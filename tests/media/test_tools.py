from __future__ import annotations

import stat
from pathlib import Path

import pytest

from moocstudio.errors import FfmpegNotFound, FfmpegTooOld
from moocstudio.media import tools
from moocstudio.media.tools import find_ffmpeg, inspect_ffmpeg, parse_version


@pytest.fixture(autouse=True)
def fresh_probe(monkeypatch: pytest.MonkeyPatch):
    """Each test probes again; the cached answer is restored afterwards."""
    monkeypatch.setattr(tools, "_found", None)
    yield


def fake_ffmpeg(folder: Path, version_line: str, encoders: str = "libx264 aac") -> Path:
    """A real executable that answers like an ffmpeg binary (version, encoders, filters)."""
    filters = " ".join(sorted(tools.REQUIRED_FILTERS))
    script = folder / "ffmpeg"
    script.write_text(
        "#!/bin/sh\n"
        'case "$2" in\n'
        f'  -version) echo "{version_line}" ;;\n'
        f'  -encoders) echo " ------"; for e in {encoders}; do echo " V..... $e  x"; done ;;\n'
        f'  -filters) echo " ------"; for f in {filters}; do echo " ... $f  A->A  x"; done ;;\n'
        "esac\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ffmpeg version n9.0.2-17-g2a571b6068-20260930 Copyright (c) 2000-2026", (9, 0)),
        ("ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2025", (5, 1)),
        ("ffmpeg version N-112345-gabcdef Copyright", None),
        ("not ffmpeg at all", None),
    ],
)
def test_parse_version(line: str, expected: tuple[int, int] | None) -> None:
    assert parse_version(line) == expected


def test_bundled_ffmpeg_is_found_and_capable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tools.FFMPEG_ENV, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")  # no ffmpeg on PATH: the bundled one
    found = find_ffmpeg()
    assert found.origin == "bundled"
    assert found.missing() == []
    assert found.version is not None and found.version >= tools.MIN_VERSION
    assert find_ffmpeg() is found  # probed once, then cached


def test_setting_wins_and_a_bad_setting_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(tools.FFMPEG_ENV, str(tmp_path / "no-such-ffmpeg"))
    with pytest.raises(FfmpegNotFound, match=f"no-such-ffmpeg.*{tools.FFMPEG_ENV}"):
        find_ffmpeg()


def test_too_old_ffmpeg_from_the_setting_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old = fake_ffmpeg(tmp_path, "ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright")
    monkeypatch.setenv(tools.FFMPEG_ENV, str(old))
    with pytest.raises(FfmpegTooOld, match=r"ffmpeg 4\.4 is too old; moocstudio needs 5\.1"):
        find_ffmpeg()


def test_ffmpeg_without_x264_on_path_is_skipped_for_the_bundled_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_ffmpeg(tmp_path, "ffmpeg version 6.1 Copyright", encoders="aac")
    monkeypatch.delenv(tools.FFMPEG_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    found = find_ffmpeg()
    assert found.origin == "bundled"


def test_capable_ffmpeg_on_path_is_preferred(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = fake_ffmpeg(tmp_path, "ffmpeg version 7.1 Copyright")
    monkeypatch.delenv(tools.FFMPEG_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    found = find_ffmpeg()
    assert (found.origin, found.path, found.version) == ("path", str(script.resolve()), (7, 1))


def test_inspect_reads_encoders_and_filters_of_the_real_binary() -> None:
    bundled = tools._bundled_path()
    assert bundled is not None
    found = inspect_ffmpeg(bundled, "bundled")
    assert {"libx264", "aac"} <= found.encoders
    assert {"silencedetect", "split", "scale"} <= found.filters
