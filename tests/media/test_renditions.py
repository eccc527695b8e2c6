"""Rendition planning and the ffmpeg argv it builds: pure functions, asserted as lists."""

from __future__ import annotations

import importlib.util
import sys
import types
from fractions import Fraction
from pathlib import Path

import pytest

from moocstudio.media import renditions
from moocstudio.media.renditions import (
    PROFILES,
    RenditionPlan,
    audio_encodes,
    h264_level,
    hls_args,
    ladder_args,
    plan_renditions,
    remux_args,
)
from moocstudio.model import MediaInfo
from moocstudio.model.media_info import StreamInfo

SOURCE = Path('/courses/week 1/Cours d\'été "intro".mp4')


def media(
    width: int = 1920,
    height: int = 1080,
    *,
    rate: float = 30.0,
    codec: str = "h264",
    profile: str = "High",
    pixel_format: str = "yuv420p",
    rotation: int = 0,
    vfr: bool = False,
    video_bit_rate: int = 5_000_000,
    video: bool = True,
    audio: bool = True,
    audio_codec: str = "aac",
    audio_profile: str = "LC",
    sample_rate: int = 48000,
    channels: int = 2,
    language: str | None = None,
    problems: tuple[str, ...] = (),
) -> MediaInfo:
    streams = []
    if video:
        streams.append(
            StreamInfo(
                index=0,
                kind="video",
                codec=codec,
                profile=profile,
                bit_rate=video_bit_rate,
                width=width,
                height=height,
                pixel_format=pixel_format,
                frame_rate=rate,
                variable_frame_rate=vfr,
                rotation=rotation,
            )
        )
    if audio:
        streams.append(
            StreamInfo(
                index=len(streams),
                kind="audio",
                codec=audio_codec,
                profile=audio_profile,
                bit_rate=128_000,
                sample_rate=sample_rate,
                channels=channels,
                language=language,
            )
        )
    return MediaInfo(
        container="mov,mp4,m4a,3gp,3g2,mj2",
        duration=60.0,
        size_bytes=40_000_000,
        bit_rate=video_bit_rate + 128_000,
        streams=streams,
        problems=list(problems),
    )


def conforming(width: int = 1280, height: int = 720, **changes: object) -> MediaInfo:
    """A clip phones already play: Constrained Baseline, yuv420p, 30 fps, AAC-LC, modest rate."""
    options: dict[str, object] = {"profile": "Constrained Baseline", "video_bit_rate": 900_000}
    options.update(changes)
    return media(width, height, **options)  # type: ignore[arg-type]


def sizes(plan: RenditionPlan) -> list[tuple[str, int, int]]:
    return [(r.label, r.width, r.height) for r in plan.renditions]


def outputs(count: int) -> list[Path]:
    return [Path(f"/out/o{index}.mp4") for index in range(count)]


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def graph(args: list[str]) -> str:
    return option(args, "-filter_complex")


# ---- the ladder ------------------------------------------------------------------------------


def test_mobile_ladder_from_1080p():
    plan = plan_renditions(media())

    assert plan.profile == "mobile"
    assert sizes(plan) == [("360p", 640, 360), ("540p", 960, 540), ("720p", 1280, 720)]
    assert [r.crf for r in plan.renditions] == [26, 24, 23]
    assert [r.audio_bitrate for r in plan.renditions] == [96_000, 96_000, 128_000]
    assert [r.level for r in plan.renditions] == ["3.0", "3.1", "3.1"]
    assert [r.maxrate for r in plan.renditions] == [800_000, 1_500_000, 2_500_000]
    assert [r.bufsize for r in plan.renditions] == [1_600_000, 3_000_000, 5_000_000]
    assert plan.encoded == plan.renditions and plan.remuxed == ()
    assert plan.frame_rate == 30 and plan.gop_frames == 120 and plan.gop_seconds == 4
    assert plan.audio_rate == 48000
    assert plan.duration == 60.0
    assert plan.reason == "" and plan.notes == ()


def test_profiles_low_bandwidth_and_hd():
    low = plan_renditions(media(), "low-bandwidth")
    assert sizes(low) == [("240p", 426, 240), ("360p", 640, 360)]
    assert [r.crf for r in low.renditions] == [28, 28]
    assert [r.audio_bitrate for r in low.renditions] == [64_000, 64_000]
    assert all(r.maxrate <= 500_000 for r in low.renditions)

    hd = plan_renditions(media())
    hd = plan_renditions(media(), "hd")
    assert sizes(hd)[-1] == ("1080p", 1920, 1080)
    assert hd.renditions[-1].level == "4.0"
    assert set(PROFILES) == {"mobile", "low-bandwidth", "hd"}


def test_unknown_profile_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="mobile, low-bandwidth, hd"):
        plan_renditions(media(), "ultra")


def test_never_upscales():
    plan = plan_renditions(media(640, 480))
    assert sizes(plan) == [("360p", 480, 360)]
    assert plan.notes == (
        "540p skipped: the source is only 480 pixels on its short side",
        "720p skipped: the source is only 480 pixels on its short side",
    )


def test_a_source_smaller_than_the_lowest_rung_keeps_its_own_even_size():
    plan = plan_renditions(media(321, 241))
    assert sizes(plan) == [("240p", 320, 240)]
    assert plan.renditions[0].crf == 26  # the lowest rung's settings


def test_odd_sizes_become_even():
    plan = plan_renditions(media(854, 481))
    assert sizes(plan) == [("360p", 640, 360)]
    assert all(r.width % 2 == 0 and r.height % 2 == 0 for r in plan.renditions)


def test_rotated_phone_clip_keeps_portrait_orientation():
    # Coded 1920x1080 with a 90 degree display matrix: shown 1080x1920.
    plan = plan_renditions(media(1920, 1080, rotation=90))
    assert sizes(plan) == [("360p", 360, 640), ("540p", 540, 960), ("720p", 720, 1280)]
    assert plan_renditions(media(1080, 1920)).renditions == plan.renditions
    # ffmpeg turns the picture upright while decoding: the scale sizes are the shown ones.
    assert "scale=360:640" in graph(ladder_args(plan, SOURCE, outputs(3)))


@pytest.mark.parametrize(
    ("measured", "max_profile", "expected"),
    [
        (25.0, "mobile", Fraction(25)),
        (30000 / 1001, "mobile", Fraction(30000, 1001)),
        (60.0, "mobile", Fraction(30)),
        (60000 / 1001, "mobile", Fraction(30000, 1001)),
        (50.0, "mobile", Fraction(25)),
        (120.0, "mobile", Fraction(30)),
        (31.0, "mobile", Fraction(30)),  # 15.5 would judder more than 30
        (60.0, "hd", Fraction(60)),
    ],
)
def test_frame_rate_is_kept_or_divided_down_to_the_cap(measured, max_profile, expected):
    plan = plan_renditions(media(rate=measured), max_profile)
    assert plan.frame_rate == expected
    assert plan.gop_frames == round(expected * 4)


def test_variable_frame_rate_becomes_constant_at_the_nominal_rate():
    plan = plan_renditions(media(1280, 720, rate=22.61, vfr=True))
    assert plan.frame_rate == 30
    assert plan.notes == ("variable frame rate made constant at 30 frames per second",)
    assert graph(ladder_args(plan, SOURCE, outputs(3))).startswith("[0:0]fps=fps=30[s0];")


def test_video_only_source_gives_video_only_renditions():
    plan = plan_renditions(media(audio=False))
    assert not plan.has_audio
    assert all(r.audio_bitrate is None for r in plan.renditions)
    assert audio_encodes(plan) == ()
    args = ladder_args(plan, SOURCE, outputs(3))
    assert "asplit" not in graph(args) and "[0:1]" not in graph(args)
    assert args.count("-map") == 3
    assert "-c:a" not in args and "-b:a:0" not in args
    assert args[-1] == (
        "[select=\\'v:0\\':f=mp4:movflags=+faststart]/out/o0.mp4|"
        "[select=\\'v:1\\':f=mp4:movflags=+faststart]/out/o1.mp4|"
        "[select=\\'v:2\\':f=mp4:movflags=+faststart]/out/o2.mp4"
    )


def test_audio_only_source_gives_an_empty_plan_with_a_reason():
    plan = plan_renditions(media(video=False))
    assert plan.renditions == ()
    assert plan.reason == "it has no video stream (audio only), so there is nothing to render"
    with pytest.raises(ValueError, match="no rendition to encode"):
        ladder_args(plan, SOURCE, [])


@pytest.mark.parametrize(
    ("rate", "expected"), [(48000, 48000), (44100, 44100), (22050, 48000), (96000, 48000)]
)
def test_audio_sample_rate(rate, expected):
    assert plan_renditions(media(sample_rate=rate)).audio_rate == expected


@pytest.mark.parametrize(
    ("size", "rate", "maxrate", "level"),
    [
        ((640, 360), 30, 800_000, "3.0"),
        ((1280, 720), 30, 2_500_000, "3.1"),
        ((720, 1280), 30, 2_500_000, "3.1"),
        ((1280, 720), 60, 2_500_000, "3.2"),
        ((1920, 1080), 30, 4_500_000, "4.0"),
        ((1920, 1080), 60, 4_500_000, "4.2"),
        ((640, 360), 30, 20_000_000, "3.2"),  # the bit rate cap alone lifts the level
    ],
)
def test_h264_level_is_the_lowest_that_fits(size, rate, maxrate, level):
    assert h264_level(*size, rate, maxrate, maxrate) == level


# ---- the one-decode argv ---------------------------------------------------------------------


def test_ladder_args_one_decode_split_to_three_encoders_two_audio_encodes():
    plan = plan_renditions(media())
    assert audio_encodes(plan) == (96_000, 128_000)  # 360p and 540p share the 96k encode

    assert ladder_args(plan, SOURCE, outputs(3)) == [
        "-i", str(SOURCE),
        "-filter_complex",
        "[0:0]fps=fps=30[s0];[s0]split=3[s1][s2][s3];"
        "[s1]scale=640:360[s4];[s4]format=yuv420p[s5];"
        "[s2]scale=960:540[s6];[s6]format=yuv420p[s7];"
        "[s3]scale=1280:720[s8];[s8]format=yuv420p[s9];"
        "[0:1]aformat=channel_layouts=stereo:sample_fmts=fltp:sample_rates=48000[s10];"
        "[s10]asplit=2[s11][s12]",
        "-map", "[s5]", "-map", "[s7]", "-map", "[s9]", "-map", "[s11]", "-map", "[s12]",
        "-f", "tee",
        "-b:a:0", "96k", "-b:a:1", "128k",
        "-bufsize:v:0", "1600k", "-bufsize:v:1", "3000k", "-bufsize:v:2", "5000k",
        "-c:a", "aac",
        "-c:v", "libx264",
        "-crf:v:0", "26", "-crf:v:1", "24", "-crf:v:2", "23",
        # Keyframes forced at the same instants in every rung (HLS segments line up), as IDR
        # frames, and nowhere else: x264's own GOP limits both lie beyond the forced interval.
        "-force_key_frames:v", "expr:gte(t,n_forced*4)",
        "-forced-idr:v", "1",
        "-g:v", "242",
        "-keyint_min:v", "121",
        "-level:v:0", "3.0", "-level:v:1", "3.1", "-level:v:2", "3.1",
        "-map_chapters", "-1",
        "-map_metadata", "-1",
        "-maxrate:v:0", "800k", "-maxrate:v:1", "1500k", "-maxrate:v:2", "2500k",
        "-preset:v", "veryfast",
        "-profile:v", "high",
        "[select=\\'v:0,a:0\\':f=mp4:movflags=+faststart]/out/o0.mp4|"
        "[select=\\'v:1,a:0\\':f=mp4:movflags=+faststart]/out/o1.mp4|"
        "[select=\\'v:2,a:1\\':f=mp4:movflags=+faststart]/out/o2.mp4",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("rate", "shortest_gop"),
    [(30.0, 121), (30000 / 1001, 121), (24000 / 1001, 97), (25.0, 101), (10.1, 42)],
)
def test_x264_never_adds_a_keyframe_between_forced_ones(rate, shortest_gop):
    # The forced keyframe is the first frame at or after each 4 s: at most ceil(4 * rate) frames
    # after the previous one (10.1 fps: 41, where 4 s rounded is 40 and came a frame too soon).
    # Below -keyint_min x264 codes a scene cut as an I-frame, not a keyframe; -g is its backstop.
    args = ladder_args(plan_renditions(media(rate=rate)), SOURCE, outputs(3))
    assert option(args, "-keyint_min:v") == str(shortest_gop)
    assert option(args, "-g:v") == str(2 * shortest_gop)


def test_ladder_args_escape_what_the_tee_muxer_would_split_on():
    plan = plan_renditions(media(640, 360))
    args = ladder_args(plan, SOURCE, [Path("/out/it's a|b\\c [1].mp4")])
    assert args[-1].endswith("]/out/it\\'s a\\|b\\\\c [1].mp4")


def test_ladder_args_threads_reach_decoder_filters_and_encoders():
    plan = plan_renditions(media())
    args = ladder_args(plan, SOURCE, outputs(3), threads=1)
    assert args[:6] == ["-filter_complex_threads", "1", "-threads", "1", "-i", str(SOURCE)]
    assert args.count("-threads") == 2  # the input's decoder, the output's encoders
    assert args[-3:-1] == ["-threads", "1"]


def test_ladder_args_loudness_is_measured_once_before_the_split():
    plan = plan_renditions(media(), loudness=True)
    assert plan.loudness
    chain = graph(ladder_args(plan, SOURCE, outputs(3))).split(";")
    assert chain[-3:] == [
        "[0:1]loudnorm=I=-16:LRA=11:TP=-1.5[s10]",
        "[s10]aformat=channel_layouts=stereo:sample_fmts=fltp:sample_rates=48000[s11]",
        "[s11]asplit=2[s12][s13]",
    ]


def test_loudness_without_audio_is_ignored():
    assert not plan_renditions(media(audio=False), loudness=True).loudness


def test_single_rung_needs_no_split():
    plan = plan_renditions(media(640, 360, profile="High 4:4:4 Predictive"))
    args = ladder_args(plan, SOURCE, outputs(1))
    assert graph(args) == (
        "[0:0]fps=fps=30[s0];[s0]scale=640:360[s1];[s1]format=yuv420p[s2];"
        "[0:1]aformat=channel_layouts=stereo:sample_fmts=fltp:sample_rates=48000[s3]"
    )
    assert args[args.index("-filter_complex") + 2 :][:4] == ["-map", "[s2]", "-map", "[s3]"]


def test_low_bandwidth_rungs_share_one_audio_encode():
    plan = plan_renditions(media(), "low-bandwidth")
    assert audio_encodes(plan) == (64_000,)
    args = ladder_args(plan, SOURCE, outputs(2))
    assert "asplit" not in graph(args)
    assert args[-1] == (
        "[select=\\'v:0,a:0\\':f=mp4:movflags=+faststart]/out/o0.mp4|"
        "[select=\\'v:1,a:0\\':f=mp4:movflags=+faststart]/out/o1.mp4"
    )


def test_audio_language_is_kept_other_metadata_dropped():
    plan = plan_renditions(media(language="fra"))
    args = ladder_args(plan, SOURCE, outputs(3))
    assert option(args, "-metadata:s:a:0") == "language=fra"
    assert option(args, "-metadata:s:a:1") == "language=fra"
    assert option(args, "-map_metadata") == "-1"
    assert option(args, "-map_chapters") == "-1"


def test_output_count_must_match_the_encoded_renditions():
    with pytest.raises(ValueError, match="3 encoded renditions but 2 output paths"):
        ladder_args(plan_renditions(media()), SOURCE, outputs(2))


# ---- remux of a conforming source ------------------------------------------------------------


def test_conforming_source_is_copied_for_its_own_rung_and_encoded_below():
    plan = plan_renditions(conforming())
    assert [(r.label, r.remux) for r in plan.renditions] == [
        ("360p", False),
        ("540p", False),
        ("720p", True),
    ]
    assert plan.notes == ("720p copied: the source already plays on phones",)
    assert [r.label for r in plan.encoded] == ["360p", "540p"]
    assert "split=2" in graph(ladder_args(plan, SOURCE, outputs(2)))

    assert remux_args(plan, SOURCE, Path("/out/720p.mp4")) == [
        "-i", str(SOURCE),
        "-map", "0:0", "-map", "0:1",
        "-c", "copy",
        "-map_chapters", "-1",
        "-map_metadata", "-1",
        "-movflags", "+faststart",
        "/out/720p.mp4",
    ]  # fmt: skip


def test_conforming_video_only_source_copies_video_only():
    plan = plan_renditions(conforming(640, 360, audio=False, video_bit_rate=500_000))
    assert [(r.label, r.remux) for r in plan.renditions] == [("360p", True)]
    assert plan.encoded == ()
    assert remux_args(plan, SOURCE, Path("/o.mp4"))[2:5] == ["-map", "0:0", "-c"]


@pytest.mark.parametrize(
    "changes",
    [
        {"profile": "High 10", "pixel_format": "yuv420p10le"},
        {"pixel_format": "yuvj420p"},
        {"codec": "hevc", "profile": "Main"},
        {"vfr": True},
        {"rate": 60.0},
        {"rotation": 90, "width": 720, "height": 1280},
        {"audio_codec": "mp3", "audio_profile": None},
        {"audio_profile": "HE-AAC"},
        {"channels": 6},
        {"video_bit_rate": 3_000_000},  # above the 720p cap
        {"width": 640, "height": 360},  # 900 kbit/s: above the 360p cap
        {"width": 1280, "height": 718},  # not exactly the rung's size
        {"problems": ("The file seems truncated",)},
    ],
    ids=lambda changes: ",".join(changes),
)
def test_non_conforming_sources_are_encoded(changes):
    plan = plan_renditions(conforming(**changes))
    assert plan.remuxed == ()


@pytest.mark.parametrize("wish", [{"hls": True}, {"loudness": True}])
def test_hls_and_loudness_encode_even_a_conforming_source(wish):
    assert plan_renditions(conforming(), **wish).remuxed == ()


def test_remux_args_needs_a_copied_rendition():
    with pytest.raises(ValueError, match="no rendition to copy"):
        remux_args(plan_renditions(media()), SOURCE, Path("/o.mp4"))


# ---- HLS -------------------------------------------------------------------------------------


def test_hls_args_package_the_renditions_with_aligned_segments():
    plan = plan_renditions(media(960, 540), hls=True)
    inputs = outputs(2)
    assert hls_args(plan, inputs, Path("/out/lecture-hls")) == [
        "-i", "/out/o0.mp4", "-i", "/out/o1.mp4",
        "-map", "0:v:0", "-map", "0:a:0", "-map", "1:v:0", "-map", "1:a:0",
        "-f", "hls",
        "-c", "copy",
        "-hls_flags", "independent_segments",
        "-hls_fmp4_init_filename", "%v_init.mp4",
        "-hls_playlist_type", "vod",
        "-hls_segment_filename", "/out/lecture-hls/%v_%03d.m4s",
        "-hls_segment_type", "fmp4",
        "-hls_time", "4",
        "-map_metadata", "-1",
        "-master_pl_name", "master.m3u8",
        "-var_stream_map", "v:0,a:0,name:360p v:1,a:1,name:540p",
        "/out/lecture-hls/%v.m3u8",
    ]  # fmt: skip


def test_hls_args_transport_stream_segments_without_audio():
    plan = plan_renditions(media(960, 540, audio=False), hls=True)
    args = hls_args(plan, outputs(2), Path("/h"), segments="ts")
    assert option(args, "-hls_segment_type") == "mpegts"
    assert option(args, "-hls_segment_filename") == "/h/%v_%03d.ts"
    assert option(args, "-var_stream_map") == "v:0,name:360p v:1,name:540p"
    assert "-hls_fmp4_init_filename" not in args


def test_hls_args_name_a_single_variant_init_segment_outright():
    # ffmpeg leaves %v unexpanded there with one variant: the playlist would point at
    # "%v_init.mp4", which is not even a valid URL.
    plan = plan_renditions(media(320, 240), hls=True)
    args = hls_args(plan, outputs(1), Path("/h"))
    assert option(args, "-hls_fmp4_init_filename") == "240p_init.mp4"


def test_hls_args_refuse_a_folder_ffmpeg_would_read_as_a_pattern():
    plan = plan_renditions(media(960, 540), hls=True)
    with pytest.raises(ValueError, match="'%'"):
        hls_args(plan, outputs(2), Path("/out/100% done"))


# ---- the ffmpeg-python / python-ffmpeg pitfall ---------------------------------------------


def test_a_foreign_ffmpeg_module_is_refused_with_the_fix(monkeypatch):
    impostor = types.ModuleType("ffmpeg")  # python-ffmpeg: no get_args, no merge_outputs
    impostor.FFmpeg = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ffmpeg", impostor)
    spec = importlib.util.spec_from_file_location("renditions_copy", renditions.__file__)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    with pytest.raises(ImportError, match="pip uninstall python-ffmpeg"):
        spec.loader.exec_module(copy)


def test_streams_are_picked_by_index_so_cover_art_is_never_the_picture():
    # An .m4v from a podcast tool: audio first, cover art (a one-picture video stream), video.
    info = media()
    video, audio = info.streams
    info = info.model_copy(
        update={
            "streams": [
                audio.model_copy(update={"index": 0}),
                StreamInfo(index=1, kind="attachment", codec="mjpeg", width=600, height=600),
                video.model_copy(update={"index": 2}),
            ]
        }
    )
    plan = plan_renditions(info)
    assert (plan.video_index, plan.audio_index) == (2, 0)
    chain = graph(ladder_args(plan, SOURCE, outputs(3)))
    assert chain.startswith("[0:2]fps=fps=30[s0];") and "[0:0]aformat=" in chain
