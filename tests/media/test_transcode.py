"""transcode() with the real ffmpeg on tiny generated clips, outputs read back with PyAV."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import av
import pytest

from moocstudio.errors import Cancelled, EncodeFailed, MediaDecodeError
from moocstudio.media import transcode as transcode_module
from moocstudio.media.ffmpeg_cli import run_ffmpeg as real_run_ffmpeg
from moocstudio.media.probe import probe
from moocstudio.media.renditions import ladder_args, plan_renditions
from moocstudio.media.transcode import TranscodeResult, transcode
from moocstudio.progress import CancelToken, Progress
from tests.waiting import EVENT_TIMEOUT_S

DURATION_SLACK = 0.1  # issue #3: every output within 0.1 s of its source
# Sources the ladder must re-encode: x264 High 4:4:4 is not something phones play.
NOT_MOBILE = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p")
# Sources phones already play: Constrained Baseline, yuv420p, AAC-LC, modest bit rate.
MOBILE_READY = (
    "-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
    "-b:v", "600k", "-c:a", "aac", "-b:a", "96k",
)  # fmt: skip


def top_level_boxes(path: Path) -> list[bytes]:
    """The MP4 top-level box types in file order, read independently of the product code."""
    data = path.read_bytes()
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset : offset + 4], "big")
        boxes.append(data[offset + 4 : offset + 8])
        if size == 1:
            size = int.from_bytes(data[offset + 8 : offset + 16], "big")
        if size < 8:
            break
        offset += size
    return boxes


def moov_first(path: Path) -> bool:
    boxes = top_level_boxes(path)
    return b"moov" in boxes and boxes.index(b"moov") < boxes.index(b"mdat")


def check_mobile_mp4(
    path: Path,
    width: int,
    height: int,
    duration: float,
    *,
    audio: bool = True,
    copied: bool = False,
) -> None:
    """An output phones play: H.264 yuv420p, upright, faststart, AAC-LC or no audio.

    Encoded outputs are H.264 High with stereo audio; copied ones keep the source's profile
    and channels.
    """
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        assert video.profile == "High" or copied
        assert video.codec_context.pix_fmt == "yuv420p"
        assert (video.codec_context.width, video.codec_context.height) == (width, height)
        assert width % 2 == 0 and height % 2 == 0
        assert next(container.decode(video=0)).rotation == 0  # no display matrix left
        assert container.duration is not None
        assert abs(container.duration / 1_000_000 - duration) <= DURATION_SLACK
        assert not container.metadata.get("title")
        if audio:
            (sound,) = container.streams.audio
            assert sound.codec_context.name == "aac" and sound.profile == "LC"
            assert sound.codec_context.channels == 2 or copied
        else:
            assert not container.streams.audio
    assert moov_first(path)


def video_packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def keyframe_times(path: Path) -> list[float]:
    with av.open(str(path)) as container:
        return [
            round(float(p.pts * p.time_base), 3)
            for p in container.demux(video=0)
            if p.is_keyframe and p.pts is not None and p.time_base is not None
        ]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ---- good input ------------------------------------------------------------------------------


def test_ladder_from_720p_makes_three_mobile_renditions(make_clip, tmp_path):
    source = make_clip("talk.mp4", seconds=2.0, size="1280x720", extra_args=NOT_MOBILE)
    out = tmp_path / "out"
    reports: list[Progress] = []

    result = transcode(source, out, on_progress=reports.append, threads=2)

    assert isinstance(result, TranscodeResult)
    assert [(r.label, r.width, r.height, r.remuxed, r.has_audio) for r in result.renditions] == [
        ("360p", 640, 360, False, True),
        ("540p", 960, 540, False, True),
        ("720p", 1280, 720, False, True),
    ]
    assert files_in(out) == ["talk-360p.mp4", "talk-540p.mp4", "talk-720p.mp4"]
    assert result.paths == [out / name for name in files_in(out)]
    for rendition in result.renditions:
        check_mobile_mp4(rendition.path, rendition.width, rendition.height, 2.0)
        assert rendition.bit_rate is not None and rendition.bit_rate > 0
    assert result.hls_master is None

    fractions = [report.fraction for report in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert {report.stage for report in reports} >= {"encode", "verify", "done"}
    assert reports[-1].eta == 0.0 and reports[-1].message == "talk.mp4"


def test_keyframes_line_up_across_rungs(make_clip, tmp_path):
    source = make_clip("steps.mp4", seconds=2.0, size="960x540", extra_args=NOT_MOBILE)
    plan = plan_renditions(probe(source), gop_seconds=1)
    outs = [tmp_path / "a.mp4", tmp_path / "b.mp4"]

    real_run_ffmpeg(ladder_args(plan, source, outs), source=source)

    # Forced at every second in both rungs, and nowhere else.
    assert keyframe_times(outs[0]) == keyframe_times(outs[1]) == [0.0, 1.0]


def test_rotated_phone_clip_comes_out_upright_in_portrait(make_clip, run_ffmpeg, tmp_path):
    coded = make_clip("coded.mp4", seconds=1.0, size="640x360", extra_args=NOT_MOBILE)
    phone = tmp_path / "phone.mp4"
    # How phones store portrait video: landscape pixels plus a 90 degree display matrix.
    run_ffmpeg("-display_rotation:v:0", "90", "-i", coded, "-c", "copy", phone)
    assert probe(phone).video.display_size == (360, 640)  # type: ignore[union-attr]

    result = transcode(phone, tmp_path / "out")

    (rendition,) = result.renditions
    assert (rendition.label, rendition.width, rendition.height) == ("360p", 360, 640)
    check_mobile_mp4(rendition.path, 360, 640, 1.0)


def test_4k_source_is_scaled_down_to_every_rung(make_clip, tmp_path):
    source = make_clip(
        "uhd.mp4", seconds=0.5, size="3840x2160", rate=10, audio=False, extra_args=NOT_MOBILE
    )
    result = transcode(source, tmp_path / "out")

    assert [(r.width, r.height) for r in result.renditions] == [
        (640, 360),
        (960, 540),
        (1280, 720),
    ]
    for rendition in result.renditions:
        check_mobile_mp4(rendition.path, rendition.width, rendition.height, 0.5, audio=False)


def test_variable_frame_rate_becomes_constant(make_clip, tmp_path):
    # Every other frame dropped in the second half of each second: 30 then 15 fps.
    source = make_clip(
        "vfr.mp4",
        seconds=2.0,
        size="640x360",
        rate=30,
        extra_args=["-vf", "select='lt(mod(t,1),0.5)+not(mod(n,2))'", "-fps_mode", "vfr"],
    )
    assert probe(source).video.variable_frame_rate  # type: ignore[union-attr]

    (rendition,) = transcode(source, tmp_path / "out").renditions

    check_mobile_mp4(rendition.path, 640, 360, 2.0)
    with av.open(str(rendition.path)) as container:
        stream = container.streams.video[0]
        assert stream.average_rate == 30
        stamps = sorted(p.pts for p in container.demux(video=0) if p.pts is not None)
    gaps = {b - a for a, b in zip(stamps, stamps[1:], strict=False)}
    assert len(gaps) == 1  # constant
    assert not probe(rendition.path).video.variable_frame_rate  # type: ignore[union-attr]


def test_conforming_source_is_copied_not_encoded(make_clip, tmp_path):
    source = make_clip("ready.mp4", seconds=2.0, size="960x540", extra_args=MOBILE_READY)
    assert not moov_first(source)  # ffmpeg's default: index at the end

    result = transcode(source, tmp_path / "out")

    assert [(r.label, r.remuxed) for r in result.renditions] == [
        ("360p", False),
        ("540p", True),
    ]
    copied = result.renditions[1].path
    assert video_packets(copied) == video_packets(source)  # the very same H.264 bytes
    assert moov_first(copied)
    with av.open(str(copied)) as container:
        assert container.streams.video[0].profile == "Constrained Baseline"
    check_mobile_mp4(result.renditions[0].path, 640, 360, 2.0)


def test_video_only_source_gives_video_only_renditions(make_clip, tmp_path):
    source = make_clip("mute.mp4", seconds=1.0, size="320x240", audio=False)
    (rendition,) = transcode(source, tmp_path / "out").renditions
    assert (rendition.label, rendition.has_audio) == ("240p", False)
    check_mobile_mp4(rendition.path, 320, 240, 1.0, audio=False)


def test_loudness_normalised_audio_is_48k_stereo_aac(make_clip, tmp_path):
    source = make_clip("quiet.mp4", seconds=1.0, size="320x240", extra_args=["-ac", "1"])
    (rendition,) = transcode(source, tmp_path / "out", loudness=True).renditions
    check_mobile_mp4(rendition.path, 320, 240, 1.0)
    with av.open(str(rendition.path)) as container:
        assert container.streams.audio[0].codec_context.sample_rate == 48000


@pytest.mark.parametrize("folder", ["hls", "100% ready"])
def test_hls_master_over_aligned_renditions(make_clip, tmp_path, folder):
    source = make_clip("lesson.mp4", seconds=2.0, size="960x540", extra_args=MOBILE_READY)
    out = tmp_path / folder

    result = transcode(source, out, hls=True)

    assert not any(r.remuxed for r in result.renditions)  # copies would not line up
    assert result.hls_master == out / "lesson-hls" / "master.m3u8"
    hls = out / "lesson-hls"
    assert files_in(out) == ["lesson-360p.mp4", "lesson-540p.mp4", "lesson-hls"]
    assert files_in(hls) == [
        "360p.m3u8", "360p_000.m4s", "360p_init.mp4",
        "540p.m3u8", "540p_000.m4s", "540p_init.mp4",
        "master.m3u8",
    ]  # fmt: skip
    master = result.hls_master.read_text()
    assert master.count("#EXT-X-STREAM-INF") == 2
    assert "RESOLUTION=640x360" in master and "RESOLUTION=960x540" in master
    assert 'CODECS="avc1.64' in master  # High profile
    variant = (hls / "360p.m3u8").read_text()
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in variant and "#EXT-X-ENDLIST" in variant
    assert (hls.stat().st_mode & 0o077) == (out.stat().st_mode & 0o077)  # not a private dir


def test_hls_again_replaces_the_whole_folder(make_clip, tmp_path):
    source = make_clip("again.mp4", seconds=1.0, size="320x240")
    out = tmp_path / "out"
    transcode(source, out, hls=True)
    (out / "again-hls" / "stale.m4s").write_bytes(b"from an older run")

    result = transcode(source, out, hls=True)

    assert files_in(out) == ["again-240p.mp4", "again-hls"]  # no temporary folder left
    assert files_in(out / "again-hls") == [
        "240p.m3u8", "240p_000.m4s", "240p_init.mp4", "master.m3u8",
    ]  # fmt: skip
    assert result.hls_master is not None and result.hls_master.exists()


# Characters ffmpeg treats specially somewhere: quotes, brackets and '|' in the tee muxer's
# output list, ':' in URLs, '%' in HLS patterns, plus spaces and accents. Windows forbids some.
AWKWARD_NAME = (
    'Cours d\'été "n°1" – intro.mp4'
    if sys.platform == "win32"
    else 'Cours d\'été "n°1" [v2] a|b\\c: 100%.mp4'
)


def test_names_with_spaces_accents_and_quotes(make_clip, tmp_path):
    source = make_clip(AWKWARD_NAME, seconds=1.0, size="640x360", extra_args=NOT_MOBILE)
    out = tmp_path / "sortie à l'école"
    result = transcode(source, out, hls=True)
    stem = AWKWARD_NAME.removesuffix(".mp4")
    assert files_in(out) == [f"{stem}-360p.mp4", f"{stem}-hls"]
    check_mobile_mp4(result.renditions[0].path, 640, 360, 1.0)
    assert result.hls_master == out / f"{stem}-hls" / "master.m3u8"


def test_same_file_twice_in_a_row_gives_the_same_outputs(make_clip, tmp_path):
    source = make_clip("twice.mp4", seconds=1.0, size="320x240", extra_args=NOT_MOBILE)
    first = transcode(source, tmp_path / "out")
    second = transcode(source, tmp_path / "out")
    assert first.paths == second.paths
    assert files_in(tmp_path / "out") == ["twice-240p.mp4"]
    check_mobile_mp4(second.renditions[0].path, 320, 240, 1.0)


def test_same_outputs_at_the_same_time_are_refused_not_interleaved(make_clip, tmp_path):
    source = make_clip("busy.mp4", seconds=2.0, size="320x240", extra_args=NOT_MOBILE)
    out = tmp_path / "out"
    first_running = threading.Event()
    second_tried = threading.Event()
    outcome: dict[str, object] = {}

    def hold(progress: Progress) -> None:
        if progress.stage == "encode":
            first_running.set()
            second_tried.wait(timeout=EVENT_TIMEOUT_S)

    def first() -> None:
        outcome["result"] = transcode(source, out, on_progress=hold)

    worker = threading.Thread(target=first)
    worker.start()
    try:
        assert first_running.wait(timeout=EVENT_TIMEOUT_S)
        with pytest.raises(EncodeFailed, match="already being transcoded"):
            transcode(source, out)
    finally:
        second_tried.set()
        worker.join(timeout=EVENT_TIMEOUT_S)

    result = outcome["result"]
    assert isinstance(result, TranscodeResult)
    assert files_in(out) == ["busy-240p.mp4"]
    check_mobile_mp4(result.renditions[0].path, 320, 240, 2.0)


# ---- bad input: a clear message, nothing written ---------------------------------------------


def test_zero_byte_file(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.touch()
    with pytest.raises(MediaDecodeError, match=r"empty\.mp4: is empty \(0 bytes\)"):
        transcode(empty, tmp_path / "out")
    assert files_in(tmp_path / "out") == []


def test_text_renamed_mp4(tmp_path):
    notes = tmp_path / "notes.mp4"
    notes.write_text("Week 1: remember to record the intro.\n", encoding="utf-8")
    with pytest.raises(MediaDecodeError, match="notes.mp4: contains text"):
        transcode(notes, tmp_path / "out")
    assert files_in(tmp_path / "out") == []


def test_audio_only_file(make_clip, tmp_path):
    song = make_clip("narration.m4a", seconds=1.0, video=False)
    with pytest.raises(MediaDecodeError, match=r"narration.m4a: .*no video stream \(audio only\)"):
        transcode(song, tmp_path / "out")
    assert files_in(tmp_path / "out") == []


def test_truncated_recording_without_index(make_clip, tmp_path):
    whole = make_clip("whole.mp4", seconds=2.0, size="320x240")
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])  # moov was at the end
    with pytest.raises(MediaDecodeError, match="cut.mp4: the file is incomplete"):
        transcode(cut, tmp_path / "out")
    assert files_in(tmp_path / "out") == []


def test_truncated_recording_with_index(make_clip, tmp_path):
    whole = make_clip(
        "fast.mp4", seconds=2.0, size="320x240", extra_args=["-movflags", "+faststart"]
    )
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(MediaDecodeError, match="cut.mp4: The file seems truncated"):
        transcode(cut, tmp_path / "out")
    assert files_in(tmp_path / "out") == []


def test_short_output_the_probe_missed_is_reported(make_clip, tmp_path):
    # A source whose data ends early without the probe noticing: ffmpeg succeeds with a
    # shorter output, as PERFORMANCE.md measured; the read-back check must catch it.
    source = make_clip("short.mp4", seconds=1.0, size="320x240")
    claims = probe(source).model_copy(update={"duration": 2.0})
    with pytest.raises(MediaDecodeError, match=r"only 1\.0 s of its 2\.0 s .* truncated"):
        transcode(source, tmp_path / "out", info=claims)
    assert files_in(tmp_path / "out") == []


def test_output_folder_that_cannot_be_created(make_clip, tmp_path, monkeypatch):
    source = make_clip("clip.mp4", seconds=1.0, size="320x240")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(transcode_module, "run_ffmpeg", pytest.fail)  # must not get that far
    with pytest.raises(EncodeFailed, match="output folder cannot be created"):
        transcode(source, blocker / "out")


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
    reason="root writes into read-only folders",
)
def test_output_folder_without_write_permission(make_clip, tmp_path, monkeypatch):
    source = make_clip("clip.mp4", seconds=1.0, size="320x240")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    monkeypatch.setattr(transcode_module, "run_ffmpeg", pytest.fail)
    try:
        with pytest.raises(EncodeFailed, match="cannot write into the output folder"):
            transcode(source, locked)
    finally:
        locked.chmod(0o755)


def test_source_would_be_overwritten(make_clip, tmp_path):
    source = make_clip("out/talk-240p.mp4", seconds=1.0, size="320x240")
    with pytest.raises(EncodeFailed, match="would overwrite the source itself"):
        transcode(source, source.parent, stem="talk")


def test_cancel_mid_encode_leaves_nothing_and_keeps_older_outputs(make_clip, tmp_path):
    source = make_clip("long.mp4", seconds=3.0, size="1280x720", extra_args=NOT_MOBILE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "long-360p.mp4").write_bytes(b"yesterday's rendition")
    cancel = CancelToken()
    seen: list[Progress] = []

    def cancel_once_encoding(progress: Progress) -> None:
        seen.append(progress)
        if progress.stage == "encode" and progress.fraction < 1.0:
            cancel.cancel()

    with pytest.raises(Cancelled):
        transcode(source, out, on_progress=cancel_once_encoding, cancel=cancel)

    assert any(p.stage == "encode" for p in seen)
    assert files_in(out) == ["long-360p.mp4"]
    assert (out / "long-360p.mp4").read_bytes() == b"yesterday's rendition"


def test_cancelled_before_start(make_clip, tmp_path):
    source = make_clip("clip.mp4", seconds=1.0, size="320x240")
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        transcode(source, tmp_path / "out", cancel=cancel)
    assert files_in(tmp_path / "out") == []


def test_ffmpeg_failure_leaves_nothing(make_clip, tmp_path, monkeypatch):
    source = make_clip("clip.mp4", seconds=1.0, size="320x240", extra_args=NOT_MOBILE)

    def broken_ladder(*args, **kwargs):
        return [*ladder_args(*args, **kwargs), "-no_such_option", "1"]

    monkeypatch.setattr(transcode_module, "ladder_args", broken_ladder)
    with pytest.raises(EncodeFailed, match=r"clip\.mp4: ffmpeg failed"):
        transcode(source, tmp_path / "out")
    assert files_in(tmp_path / "out") == []
