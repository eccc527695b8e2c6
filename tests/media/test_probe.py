"""probe() against real files made by ffmpeg: every field, the quirks, and the fatal cases."""

from __future__ import annotations

import os
import sys
import time
from fractions import Fraction
from pathlib import Path

import av
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moocstudio.errors import MediaDecodeError, MoocstudioError
from moocstudio.media.probe import probe, probe_details
from moocstudio.model import MediaInfo

MP4 = "mov,mp4,m4a,3gp,3g2,mj2"  # ffmpeg's name for its MOV/MP4 demuxer
# VP9 at its fastest setting: the default one takes a second even for a tiny clip.
VP9_OPUS = ("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus")


def cut_in_half(path: Path, name: str) -> Path:
    data = path.read_bytes()
    half = path.with_name(name)
    half.write_bytes(data[: len(data) // 2])
    return half


def moov_offset(path: Path) -> int:
    data = path.read_bytes()
    return data.index(b"moov")


def test_h264_aac_mp4_reports_what_ffmpeg_was_asked_to_make(make_clip):
    clip = make_clip(
        "lecture.mp4",
        seconds=2.0,
        size="320x240",
        rate=25,
        extra_args=[
            "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-b:v", "300k",
            "-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a", "128k",
            "-metadata:s:a:0", "language=fra",
        ],
    )  # fmt: skip
    info = probe(clip)

    assert info.container == MP4
    assert info.duration == pytest.approx(2.0, abs=0.05)
    assert info.size_bytes == clip.stat().st_size
    assert info.bit_rate == pytest.approx(info.size_bytes * 8 / info.duration, rel=0.05)
    assert info.problems == []
    assert [s.kind for s in info.streams] == ["video", "audio"]
    assert [s.index for s in info.streams] == [0, 1]

    video = info.video
    assert video is not None
    assert video.codec == "h264"
    assert video.profile == "High"
    assert (video.width, video.height) == (320, 240)
    assert video.display_size == (320, 240)
    assert video.pixel_format == "yuv420p"
    assert video.frame_rate == pytest.approx(25.0)
    assert video.variable_frame_rate is False
    assert video.rotation == 0
    assert video.bit_rate is not None and 50_000 < video.bit_rate < 1_000_000
    assert video.language is None  # "und" means nobody said
    assert video.sample_rate is None and video.channels is None

    audio = info.audio
    assert audio is not None
    assert audio.codec == "aac"
    assert audio.profile == "LC"
    assert audio.sample_rate == 48000
    assert audio.channels == 2
    assert audio.language == "fra"
    assert audio.bit_rate == pytest.approx(128_000, rel=0.25)
    assert audio.width is None and audio.frame_rate is None


def test_probe_is_fast_on_a_small_file(make_clip):
    clip = make_clip("fast.mp4")
    probe(clip)  # first call pays for loading codecs
    timings = []
    for _ in range(3):
        # CPU time, not wall time: on a busy machine a probe waits longer, it does no more work.
        started = time.process_time()
        probe(clip)
        timings.append(time.process_time() - started)
    assert sorted(timings)[1] < 0.1


def test_result_survives_a_round_trip_through_json(make_clip):
    info = probe(make_clip("round.mp4"))
    assert MediaInfo.model_validate_json(info.model_dump_json()) == info


def test_title_tag_is_exposed_with_the_details(make_clip):
    clip = make_clip("tagged.mp4", extra_args=["-metadata", "title=  Week 1: Welcome  "])
    details = probe_details(clip)
    assert details.title == "Week 1: Welcome"
    assert details.info == probe(clip)
    assert probe_details(make_clip("untagged.mp4")).title is None


def test_video_without_audio(make_clip):
    info = probe(make_clip("silent.mp4", audio=False))
    assert info.audio is None
    assert info.video is not None
    assert [s.kind for s in info.streams] == ["video"]
    assert info.duration == pytest.approx(1.0, abs=0.05)


@pytest.mark.parametrize(
    ("name", "container", "codec"),
    [("talk.m4a", MP4, "aac"), ("talk.wav", "wav", "pcm_s16le")],
)
def test_audio_only(make_clip, name, container, codec):
    info = probe(make_clip(name, seconds=1.5, video=False))
    assert info.container == container
    assert info.video is None
    audio = info.audio
    assert audio is not None
    assert audio.codec == codec
    assert audio.sample_rate == 48000
    assert audio.channels == 1
    assert info.duration == pytest.approx(1.5, abs=0.05)
    assert info.problems == []


def test_cover_art_is_an_attachment_not_a_video(make_clip, run_ffmpeg, tmp_path):
    cover = tmp_path / "cover.png"
    run_ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x64", "-frames:v", "1", cover)
    song = make_clip(
        "podcast.mp3",
        video=False,
        extra_args=["-i", str(cover), "-map", "0", "-map", "1", "-c:a", "libmp3lame",
                    "-c:v", "png", "-disposition:v", "attached_pic"],
    )  # fmt: skip
    info = probe(song)
    assert [s.kind for s in info.streams] == ["audio", "attachment"]
    assert info.video is None
    assert info.audio is not None and info.audio.codec == "mp3"
    assert info.streams[1].codec == "png"


@pytest.mark.parametrize("extension", ["mp4", "mkv"])
def test_concatenated_frame_rates_are_variable(run_ffmpeg, tmp_path, extension):
    clip = tmp_path / f"vfr.{extension}"
    run_ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1",
        "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=1",
        "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0", "-fps_mode", "vfr",
        "-c:v", "libx264", clip,
    )  # fmt: skip
    video = probe(clip).video
    assert video is not None
    assert video.variable_frame_rate is True


@pytest.mark.parametrize("extension", ["mp4", "mkv", "ts"])
@pytest.mark.parametrize("rate", ["30000/1001", "60000/1001", "24"])
def test_constant_frame_rates_with_b_frames_are_not_variable(make_clip, extension, rate):
    # Matroska rounds timestamps to milliseconds (33/34 ms at 29.97 fps): not variable.
    clip = make_clip(
        f"cfr.{extension}", size="160x120", rate=rate, audio=False, extra_args=["-c:v", "libx264"]
    )
    video = probe(clip).video
    assert video is not None
    assert video.variable_frame_rate is False
    assert video.frame_rate == pytest.approx(float(Fraction(rate)), rel=0.01)


def test_slow_stretch_between_sampled_windows_is_found_by_the_average_rate(run_ffmpeg, tmp_path):
    # 1125 + 50 + 1125 frames: the 5 fps stretch falls between the index windows that are
    # sampled, so only the whole-file average rate (23 fps, not 25) can reveal it.
    clip = tmp_path / "long_vfr.mp4"
    sources = []
    for rate, seconds in ((25, 45), (5, 10), (25, 45)):
        sources += ["-f", "lavfi", "-i", f"color=c=gray:size=32x32:rate={rate}:d={seconds}"]
    run_ffmpeg(
        *sources,
        "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0", "-fps_mode", "vfr",
        "-c:v", "libx264", "-preset", "ultrafast", clip,
    )  # fmt: skip
    video = probe(clip).video
    assert video is not None
    assert video.frame_rate == pytest.approx(23.0, rel=0.01)
    assert video.variable_frame_rate is True


@pytest.mark.parametrize(
    ("extension", "asked", "expected"),
    [("mp4", 90, 90), ("mp4", -90, 270), ("mp4", 180, 180), ("mkv", 90, 90)],
)
def test_rotation_from_the_display_matrix(
    make_clip, run_ffmpeg, tmp_path, asked, expected, extension
):
    plain = make_clip("plain.mp4")
    rotated = tmp_path / f"rotated.{extension}"
    run_ffmpeg("-display_rotation", str(asked), "-i", plain, "-c", "copy", rotated)
    video = probe(rotated).video
    assert video is not None
    assert video.rotation == expected
    assert (video.width, video.height) == (320, 240)  # coded size; display_size turns it
    assert video.display_size == ((240, 320) if expected % 180 == 90 else (320, 240))


def test_name_with_spaces_accents_and_quotes(make_clip):
    clip = make_clip('Cours d\'été "final" — partie 1 (ñ).mp4')
    info = probe(clip)
    assert info.video is not None and info.audio is not None


@pytest.mark.skipif(sys.platform == "win32", reason="':' is not allowed in Windows file names")
def test_colon_in_the_name_is_not_taken_for_a_protocol(make_clip, tmp_path, monkeypatch):
    clip = make_clip("concat:week1.mp4")
    monkeypatch.chdir(tmp_path)
    assert probe(Path(clip.name)).video is not None


def test_webm_vp9_opus(make_clip):
    info = probe(make_clip("clip.webm", seconds=2.0, size="160x120", extra_args=VP9_OPUS))
    assert info.container == "matroska,webm"
    assert info.video is not None and info.video.codec == "vp9"
    assert info.audio is not None and info.audio.codec == "opus"
    assert info.duration == pytest.approx(2.0, abs=0.05)
    assert info.problems == []


def test_matroska_h264_with_language(make_clip):
    clip = make_clip("clip.mkv", extra_args=["-c:a", "aac", "-metadata:s:a:0", "language=spa"])
    info = probe(clip)
    assert info.container == "matroska,webm"
    assert info.video is not None and info.video.codec == "h264"
    assert info.audio is not None and info.audio.language == "spa"
    assert info.problems == []


def test_raw_stream_without_any_duration_is_measured_by_demuxing(make_clip):
    clip = make_clip("raw.h264", seconds=1.0, size="64x48", audio=False)
    info = probe(clip)
    assert info.container == "h264"
    assert info.duration == pytest.approx(1.0, abs=0.05)


# ---- truncated files


def test_mp4_cut_before_its_moov_is_fatal_and_says_so(make_clip):
    clip = make_clip("moov_last.mp4", seconds=2.0)
    assert moov_offset(clip) > clip.stat().st_size // 2  # ffmpeg writes the index last
    half = cut_in_half(clip, "moov_last_half.mp4")
    with pytest.raises(MediaDecodeError, match="incomplete — was the copy or the recording"):
        probe(half)


def test_faststart_mp4_cut_in_half_probes_with_a_problem(make_clip):
    clip = make_clip("faststart.mp4", seconds=2.0, extra_args=["-movflags", "+faststart"])
    assert moov_offset(clip) < 100
    info = probe(cut_in_half(clip, "faststart_half.mp4"))
    assert info.duration == pytest.approx(2.0, abs=0.05)  # what the header claims
    assert len(info.problems) == 1
    assert "truncated" in info.problems[0]
    assert "2.0 s" in info.problems[0]


@pytest.mark.parametrize(
    ("name", "extra_args"),
    [("cut.mkv", ()), ("cut.webm", VP9_OPUS)],
)
def test_matroska_cut_in_half_probes_with_a_problem(make_clip, name, extra_args):
    clip = make_clip(name, seconds=2.0, size="160x120", extra_args=extra_args)
    info = probe(cut_in_half(clip, "half_" + name))
    assert any("truncated" in problem for problem in info.problems)
    assert info.video is not None
    assert info.video.variable_frame_rate is False  # holes at the cut are not variability


def test_damaged_video_data_is_a_problem_not_a_crash(make_clip):
    clip = make_clip("faststart.mp4", seconds=2.0, extra_args=["-movflags", "+faststart"])
    data = bytearray(clip.read_bytes())
    payload = data.index(b"mdat") + 4
    data[payload:] = bytes(len(data) - payload)  # the index is intact, the pictures are zeros
    clip.write_bytes(bytes(data))
    info = probe(clip)
    assert info.video is not None
    assert any("could not be decoded" in problem for problem in info.problems)


def test_matroska_header_only_is_incomplete(make_clip):
    clip = make_clip("header.mkv")
    header = clip.with_name("header_only.mkv")
    header.write_bytes(clip.read_bytes()[:300])
    with pytest.raises(MediaDecodeError, match="incomplete"):
        probe(header)


# ---- fatal cases


def test_missing_file(tmp_path):
    with pytest.raises(MediaDecodeError, match="does not exist"):
        probe(tmp_path / "nowhere.mp4")


def test_folder(tmp_path):
    with pytest.raises(MediaDecodeError, match="is a folder"):
        probe(tmp_path)


def test_zero_byte_file(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.touch()
    with pytest.raises(MediaDecodeError, match="empty"):
        probe(empty)


def test_text_renamed_mp4(tmp_path):
    notes = tmp_path / "lecture.mp4"
    notes.write_text("# Notes for week 1\n\nRemember to smile at the camera. Café.\n")
    with pytest.raises(MediaDecodeError, match="contains text") as caught:
        probe(notes)
    assert caught.value.path == notes
    assert str(notes) in caught.value.user_message


def test_random_bytes(tmp_path):
    noise = tmp_path / "noise.mp4"
    noise.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(20_000)))
    with pytest.raises(MediaDecodeError, match="not an audio or video file") as caught:
        probe(noise)
    assert isinstance(caught.value.__cause__, av.FFmpegError)


def test_subtitles_only_have_no_audio_or_video(tmp_path):
    subs = tmp_path / "subs.srt"
    subs.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n")
    with pytest.raises(MediaDecodeError, match="no audio or video stream"):
        probe(subs)


def test_still_picture_is_not_a_recording(run_ffmpeg, tmp_path):
    picture = tmp_path / "slide.png"
    run_ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", picture)
    with pytest.raises(MediaDecodeError, match="still picture"):
        probe(picture)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_unreadable_file(make_clip):
    clip = make_clip("locked.mp4")
    clip.chmod(0)
    try:
        with pytest.raises(MediaDecodeError, match="permission denied"):
            probe(clip)
    finally:
        clip.chmod(0o644)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(min_size=1, max_size=4096))
def test_arbitrary_bytes_never_escape_as_av_errors(tmp_path, data):
    target = tmp_path / "fuzz.mp4"
    target.write_bytes(data)
    try:
        info = probe(target)
    except MoocstudioError:
        return
    assert isinstance(info, MediaInfo)
