"""Plan a video's rendition ladder and build the ffmpeg arguments that make it: pure, no I/O.

:func:`plan_renditions` turns a probe (:class:`MediaInfo`) and a profile name into a frozen
:class:`RenditionPlan`: which rungs, at which size, with which encoder settings, and which rung
can simply be copied (remuxed) because the source already plays on phones. The argv builders
(:func:`ladder_args`, :func:`remux_args`, :func:`hls_args`) turn a plan into ffmpeg arguments
with ffmpeg-python; they never run anything. Running a plan is ``media.transcode``'s job.

Decisions, with the measurements behind them in ``shared/PERFORMANCE.md``:

* **One decode.** All encoded rungs come from one ffmpeg: ``fps`` (once) → ``split=N`` → one
  ``scale`` + ``format=yuv420p`` per rung → one libx264 per rung → one faststart MP4 per rung.
  One decode is 1.25-1.35x faster than one ffmpeg per rung (PERFORMANCE.md §3), and the 720p
  output is bit-identical to a stand-alone encode.
* **x264 ``veryfast``** at CRF 26/24/23 for 360p/540p/720p: ``medium`` costs 2.3x the time for
  +1.8 VMAF on camera footage and nothing visible on slides.
* **Sizes** are set on the *short* side (a portrait phone clip's 720p rung is 720x1280), from
  the displayed size (ffmpeg rotates phone video upright while decoding and the output keeps no
  display matrix); both sides even; never upscaled.
* **Constant frame rate** from the ``fps`` filter, before the split so it runs once: the
  source's average rate, or for a variable-rate source its likely nominal rate (30 or 60, see
  :data:`VFR_NOMINAL_RATES`). Rates above the profile's cap are divided by a whole number (60 → 30,
  50 → 25) so motion stays even; odd leftovers (e.g. a 31 fps average) take the cap itself.
* **Keyframes** every :data:`GOP_SECONDS` in every rung and nowhere else: forced at the same
  instants (``-force_key_frames expr:gte(t,n_forced*4)``) as IDR frames (closed GOPs), so HLS
  segments of all rungs start together. With ``-g`` the length of the interval, x264 also made
  keyframes of its own: at every slide change, and on grainy video a frame or two before a
  forced one (3.93 s, then 4 s), as its scene-cut threshold loosens near a GOP's end (issue
  #16). Now ``-keyint_min`` is one frame longer than the interval: x264 still codes a scene cut
  as an I-frame, for its quality, but never promotes it to a keyframe, and its threshold stays
  strict for the whole GOP. Bits and VMAF then equal plain ffmpeg's with the same forced
  keyframes (whose own keyframes also fall at the cuts; ``benchmarks/bench_gop.py``).
* **Audio** is converted once before the split (stereo, 44.1/48 kHz kept, anything else
  resampled to 48 kHz), optionally loudness-normalised once (single-pass ``loudnorm``, EBU R128
  measurement, -16 LUFS streaming target), and encoded once per distinct bit rate with ffmpeg's
  native AAC-LC (96k shared by 360p and 540p, 128k for 720p). The command line cannot share an
  encoder between output files, so the rungs go through the ``tee`` muxer: on 20 s of the slides
  screencast, three AAC encodes cost about as much CPU as the 360p video, and the shared encode
  made the ladder ~20 % faster (lecture: ~6 %).
* **Metadata** is dropped (``-map_metadata -1 -map_chapters -1``): recorders write names,
  places (phone GPS) and software versions. The title is dropped too; the course model, not the
  file, holds the title shown to learners. Stream languages are kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from moocstudio.model.media_info import MediaInfo, StreamInfo

# PyPI "ffmpeg-python" and "python-ffmpeg" both install a module named ``ffmpeg``; only the
# first builds argument lists. Check here, the one module that uses it, so a wrong install fails
# with the fix instead of an AttributeError deep in a job.
_FFMPEG_PYTHON_ADVICE = (
    "moocstudio needs the ffmpeg-python package (pip install 'ffmpeg-python==0.2.0'); if "
    "python-ffmpeg is installed, remove it first (pip uninstall python-ffmpeg): both provide a "
    "module named 'ffmpeg'"
)
try:
    import ffmpeg
except ImportError as exc:  # pragma: no cover - a broken install
    raise ImportError(_FFMPEG_PYTHON_ADVICE) from exc
if not (hasattr(ffmpeg, "get_args") and hasattr(ffmpeg, "merge_outputs")):
    raise ImportError(f"{_FFMPEG_PYTHON_ADVICE} (found {getattr(ffmpeg, '__file__', '?')})")

GOP_SECONDS = 4  # keyframe interval and HLS segment length; 4 s aligned GOPs cost nothing measured
X264_PRESET = "veryfast"  # PERFORMANCE.md §1: medium is 2.3x slower for +1.8 VMAF on camera video
H264_PROFILE = "high"
PIXEL_FORMAT = "yuv420p"  # the only chroma format every phone decodes in hardware
VIDEO_CODEC = "libx264"
AUDIO_CODEC = "aac"  # ffmpeg's native encoder: AAC-LC, in every ffmpeg build
AUDIO_CHANNELS = 2
AUDIO_SAMPLE_FORMAT = "fltp"  # what the native AAC encoder takes; converting once saves N times
KEPT_AUDIO_RATES = (44100, 48000)
DEFAULT_AUDIO_RATE = 48000
# Loudness: EBU R128 measurement; -16 LUFS integrated is the usual target for streaming to
# phones and laptops (AES TD1004); -23 is for broadcast. One pass: loudnorm's dynamic mode,
# good enough for speech; two-pass linear mode would need a second full decode.
LOUDNESS_TARGET = {"I": -16, "TP": -1.5, "LRA": 11}
MIN_LEVEL = "3.0"  # every phone since ~2010 decodes 3.0; lower levels buy no compatibility
FALLBACK_FRAME_RATE = Fraction(30)  # when a probe found no rate at all
# Variable-rate recorders (phones, screen capture) run at a nominal 30 or 60 fps and skip frames
# when little moves, so their average understates the rate of the busy parts: a variable source
# is made constant at the first of these at or above its average (then capped by the profile).
# Every source frame is kept; the repeats of still pictures cost x264 almost no bits.
VFR_NOMINAL_RATES = (30, 60)
FPS_DIVISOR_FLOOR = 0.8  # a divided rate below 80 % of the cap looks worse than the cap itself
# Rates snapped to exactly when the measured average is this close (29.97 and 30 differ by 0.1 %).
_RATE_SNAP = 0.0002
_COMMON_RATES = tuple(
    Fraction(rate)
    for rate in ("24000/1001", "24", "25", "30000/1001", "30", "50", "60000/1001", "60")
)
# Profiles mobile browsers and players decode (ffmpeg's names for them).
MOBILE_H264_PROFILES = frozenset({"Constrained Baseline", "Baseline", "Main", "High"})
MOBILE_AAC_PROFILES = frozenset({"LC"})

TEE_SPECIAL = frozenset("\\'|")  # escaped in the tee muxer's list of outputs
HlsSegments = Literal["fmp4", "ts"]
HLS_MASTER_NAME = "master.m3u8"


@dataclass(frozen=True)
class Rung:
    """One rung of a profile: the encoder settings for one size.

    Attributes:
        short_side: Pixels on the short side (the height of a landscape video).
        crf: x264 constant rate factor (lower is better and bigger).
        maxrate: Video bit rate cap, bits per second (VBV), so peaks stay streamable.
        bufsize: VBV buffer, bits: how long a peak may last (here about two seconds).
        audio_bitrate: AAC bit rate, bits per second.
    """

    short_side: int
    crf: int
    maxrate: int
    bufsize: int
    audio_bitrate: int

    @property
    def label(self) -> str:
        """The rung's name, e.g. ``360p``."""
        return f"{self.short_side}p"


@dataclass(frozen=True)
class Profile:
    """A named ladder.

    Attributes:
        name: What the user picks: ``mobile``, ``low-bandwidth`` or ``hd``.
        rungs: Rungs from the smallest up.
        max_fps: Frame rate cap; faster sources are divided down (60 → 30).
        description: One line for the CLI and the GUI.
    """

    name: str
    rungs: tuple[Rung, ...]
    max_fps: int
    description: str


# CRF per rung from PERFORMANCE.md §3 (measured on a grainy lecture and a slides screencast).
# Caps are about twice the measured rate of grainy camera footage (lecture 720p crf 23:
# 1.1 Mbit/s of video), so CRF decides on ordinary content and only peaks are held back.
_R360 = Rung(360, crf=26, maxrate=800_000, bufsize=1_600_000, audio_bitrate=96_000)
_R540 = Rung(540, crf=24, maxrate=1_500_000, bufsize=3_000_000, audio_bitrate=96_000)
_R720 = Rung(720, crf=23, maxrate=2_500_000, bufsize=5_000_000, audio_bitrate=128_000)
_R1080 = Rung(1080, crf=23, maxrate=4_500_000, bufsize=9_000_000, audio_bitrate=128_000)

PROFILES: Mapping[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile(
            "mobile",
            (_R360, _R540, _R720),
            max_fps=30,
            description="360p, 540p and 720p for phones and laptops (default)",
        ),
        Profile(
            "low-bandwidth",
            # CRF 28: about 25 % fewer bits than 26 for -3 VMAF (PERFORMANCE.md sweep); speech
            # stays clear at 64 kbit/s AAC.
            (
                Rung(240, crf=28, maxrate=300_000, bufsize=600_000, audio_bitrate=64_000),
                Rung(360, crf=28, maxrate=500_000, bufsize=1_000_000, audio_bitrate=64_000),
            ),
            max_fps=30,
            description="240p and 360p at low bit rates, for offline use (Kolibri) and slow links",
        ),
        Profile(
            "hd",
            (_R360, _R540, _R720, _R1080),
            max_fps=60,
            description="360p to 1080p, keeping up to 60 frames per second",
        ),
    )
}
DEFAULT_PROFILE = "mobile"


@dataclass(frozen=True)
class _Level:
    name: str
    max_mbps: int  # macroblocks per second
    max_frame_mbs: int
    max_kbps: int  # Main profile; High may use 1.25x (cpbBrVclFactor)
    max_cpb_kbits: int  # Main profile; High may use 1.25x


# H.264 Annex A, table A-1, from MIN_LEVEL up.
_LEVELS = (
    _Level("3.0", 40_500, 1_620, 10_000, 10_000),
    _Level("3.1", 108_000, 3_600, 14_000, 14_000),
    _Level("3.2", 216_000, 5_120, 20_000, 20_000),
    _Level("4.0", 245_760, 8_192, 20_000, 25_000),
    _Level("4.1", 245_760, 8_192, 50_000, 62_500),
    _Level("4.2", 522_240, 8_704, 50_000, 62_500),
    _Level("5.0", 589_824, 22_080, 135_000, 135_000),
    _Level("5.1", 983_040, 36_864, 240_000, 240_000),
    _Level("5.2", 2_073_600, 36_864, 240_000, 240_000),
)
_HIGH_PROFILE_FACTOR = 1.25


@dataclass(frozen=True)
class PlannedRendition:
    """One output of the plan.

    Attributes:
        label: e.g. ``360p`` (the short side), also used in file names.
        width: Output width in pixels (even).
        height: Output height in pixels (even).
        crf: x264 constant rate factor.
        maxrate: Video bit rate cap, bits per second.
        bufsize: VBV buffer size, bits.
        level: H.264 level, the lowest that fits size, frame rate and caps.
        audio_bitrate: AAC bit rate in bits per second, or None for a video-only output.
        remux: True when the source already conforms: copied (``-c copy``), not encoded.
    """

    label: str
    width: int
    height: int
    crf: int
    maxrate: int
    bufsize: int
    level: str
    audio_bitrate: int | None
    remux: bool = False

    @property
    def has_audio(self) -> bool:
        """True when the output carries an audio track."""
        return self.audio_bitrate is not None


@dataclass(frozen=True)
class RenditionPlan:
    """What to make from one source, and how.

    Attributes:
        profile: The profile's name.
        renditions: The outputs, smallest first; empty when there is nothing to render.
        video_index: The source's video stream, by absolute index: ``v:0`` could be cover art.
        audio_index: The source's audio stream, by absolute index, or None.
        frame_rate: Output frame rate (constant) of the encoded rungs.
        gop_frames: Keyframe interval in frames (``GOP_SECONDS`` at ``frame_rate``).
        gop_seconds: Keyframe interval in seconds; also the HLS segment length.
        audio_rate: Output audio sample rate, or None without audio.
        audio_language: ISO 639 language of the source's audio, kept on the outputs.
        loudness: True when the audio is loudness-normalised.
        hls: True when an HLS master playlist is wanted over the renditions.
        duration: Source duration in seconds, for progress and output checks.
        reason: Why the plan is empty (e.g. an audio-only source); "" otherwise.
        notes: Decisions worth telling the author (rungs skipped, frame rate changed ...).
    """

    profile: str
    renditions: tuple[PlannedRendition, ...]
    video_index: int
    audio_index: int | None
    frame_rate: Fraction
    gop_frames: int
    gop_seconds: int
    audio_rate: int | None
    audio_language: str | None
    loudness: bool
    hls: bool
    duration: float
    reason: str = ""
    notes: tuple[str, ...] = ()

    @property
    def has_audio(self) -> bool:
        """True when the outputs carry audio."""
        return self.audio_rate is not None

    @property
    def encoded(self) -> tuple[PlannedRendition, ...]:
        """The renditions made by encoding, in plan order."""
        return tuple(r for r in self.renditions if not r.remux)

    @property
    def remuxed(self) -> tuple[PlannedRendition, ...]:
        """The renditions copied from the source (at most one)."""
        return tuple(r for r in self.renditions if r.remux)


def plan_renditions(
    info: MediaInfo,
    profile: str = DEFAULT_PROFILE,
    *,
    loudness: bool = False,
    hls: bool = False,
    gop_seconds: int = GOP_SECONDS,
) -> RenditionPlan:
    """Decide the renditions of one source.

    Args:
        info: The source's probe.
        profile: A key of :data:`PROFILES`.
        loudness: Normalise the audio loudness (EBU R128, single pass).
        hls: An HLS master playlist will be made over the renditions. Nothing is remuxed then:
            copied video keeps the source's keyframes, which do not line up with the others.
        gop_seconds: Keyframe interval (and HLS segment length) in seconds.

    Returns:
        The plan. It has no renditions, and says why in ``reason``, when the source has no
        usable video stream (audio only, or a picture size the probe could not read).

    Raises:
        ValueError: ``profile`` is not a known profile name.
    """
    chosen = _profile(profile)
    video = info.video
    audio = info.audio
    audio_rate = _audio_rate(audio) if audio is not None else None
    frame_rate, notes = _output_frame_rate(video, chosen.max_fps)
    empty = RenditionPlan(
        profile=chosen.name,
        renditions=(),
        video_index=video.index if video is not None else 0,
        audio_index=audio.index if audio is not None else None,
        frame_rate=frame_rate,
        gop_frames=_gop_frames(frame_rate, gop_seconds),
        gop_seconds=gop_seconds,
        audio_rate=audio_rate,
        audio_language=audio.language if audio is not None else None,
        loudness=loudness and audio is not None,
        hls=hls,
        duration=info.duration,
    )
    if video is None:
        return _with(
            empty, reason="it has no video stream (audio only), so there is nothing to render"
        )
    shown = video.display_size
    if shown is None or min(shown) < 2:
        return _with(empty, reason="the size of its picture cannot be read")

    rungs, size_notes = _rungs_for(shown, chosen)
    renditions = tuple(
        _planned(rung, size, frame_rate, audio_rate is not None) for rung, size in rungs
    )
    top = renditions[-1]
    if (top.width, top.height) == shown and _can_copy(info, top, chosen.max_fps, empty):
        renditions = (*renditions[:-1], replace(top, remux=True))
        size_notes = (*size_notes, f"{top.label} copied: the source already plays on phones")
    return _with(empty, renditions=renditions, notes=(*notes, *size_notes))


def _with(plan: RenditionPlan, **changes: Any) -> RenditionPlan:
    fields = {**plan.__dict__, **changes}
    return RenditionPlan(**fields)


def _profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"unknown rendition profile {name!r}; choose one of: {known}") from None


def _audio_rate(audio: StreamInfo) -> int:
    rate = audio.sample_rate
    return rate if rate in KEPT_AUDIO_RATES else DEFAULT_AUDIO_RATE


def _output_frame_rate(video: StreamInfo | None, max_fps: int) -> tuple[Fraction, tuple[str, ...]]:
    notes: list[str] = []
    if video is None:
        return FALLBACK_FRAME_RATE, ()
    if not video.frame_rate:
        notes.append(f"frame rate unknown: {FALLBACK_FRAME_RATE} frames per second used")
        rate = FALLBACK_FRAME_RATE
    elif video.variable_frame_rate:
        rate = next(
            (Fraction(r) for r in VFR_NOMINAL_RATES if r >= video.frame_rate),
            _snap_rate(video.frame_rate),
        )
        notes.append(f"variable frame rate made constant at {float(rate):.3g} frames per second")
    else:
        rate = _snap_rate(video.frame_rate)
    if rate > max_fps:
        divisor = math.ceil(rate / max_fps)
        capped = rate / divisor
        if capped < FPS_DIVISOR_FLOOR * max_fps:
            capped = Fraction(max_fps)
        notes.append(f"frame rate lowered from {float(rate):.3g} to {float(capped):.3g}")
        rate = capped
    return rate, tuple(notes)


def _snap_rate(measured: float) -> Fraction:
    for common in _COMMON_RATES:
        if math.isclose(measured, common, rel_tol=_RATE_SNAP):
            return common
    return Fraction(measured).limit_denominator(1001)


def _gop_frames(rate: Fraction, gop_seconds: int) -> int:
    return max(1, round(rate * gop_seconds))


def _gop_limits(plan: RenditionPlan) -> tuple[int, int]:
    """x264's shortest and longest GOP (``-keyint_min``, ``-g``), in frames.

    The forced keyframe of each interval is the first frame at or after its instant: at most
    ``ceil(rate * gop_seconds)`` frames after the previous one (41 at 10.1 fps, where the rounded
    :attr:`RenditionPlan.gop_frames` is 40 and a cap of 40 doubled every keyframe). x264 makes a
    scene cut an I-frame and promotes it to a keyframe only once the last keyframe is at least
    ``-keyint_min`` frames back: one frame past the interval, that distance is never reached.
    x264 caps ``-keyint_min`` at half ``-g`` plus one, hence ``-g`` twice it: a backstop that
    acts only if a forced keyframe went missing.
    """
    shortest = math.ceil(plan.frame_rate * plan.gop_seconds) + 1
    return shortest, 2 * shortest


def _even(value: float) -> int:
    return max(2, 2 * round(value / 2))


def _scaled(shown: tuple[int, int], short_side: int) -> tuple[int, int]:
    width, height = shown
    if width >= height:
        return _even(width * short_side / height), short_side
    return short_side, _even(height * short_side / width)


def _rungs_for(
    shown: tuple[int, int], profile: Profile
) -> tuple[list[tuple[Rung, tuple[int, int]]], tuple[str, ...]]:
    """Rungs that do not upscale, each with its output size."""
    source_short = min(shown)
    kept = [rung for rung in profile.rungs if rung.short_side <= source_short]
    notes = tuple(
        f"{rung.label} skipped: the source is only {source_short} pixels on its short side"
        for rung in profile.rungs
        if rung.short_side > source_short
    )
    if kept:
        return [(rung, _scaled(shown, rung.short_side)) for rung in kept], notes
    # Smaller than the smallest rung: one rendition at the source's own (even) size.
    lowest = profile.rungs[0]
    width, height = (side - side % 2 for side in shown)
    own = Rung(min(width, height), lowest.crf, lowest.maxrate, lowest.bufsize, lowest.audio_bitrate)
    return [(own, (width, height))], ()


def _planned(
    rung: Rung, size: tuple[int, int], rate: Fraction, with_audio: bool
) -> PlannedRendition:
    width, height = size
    return PlannedRendition(
        label=rung.label,
        width=width,
        height=height,
        crf=rung.crf,
        maxrate=rung.maxrate,
        bufsize=rung.bufsize,
        level=h264_level(width, height, rate, rung.maxrate, rung.bufsize),
        audio_bitrate=rung.audio_bitrate if with_audio else None,
    )


def h264_level(width: int, height: int, rate: Fraction | float, maxrate: int, bufsize: int) -> str:
    """The lowest H.264 level (from :data:`MIN_LEVEL`) for this size, rate and VBV (High profile).

    Args:
        width: Picture width in pixels.
        height: Picture height in pixels.
        rate: Frames per second.
        maxrate: VBV maximum bit rate, bits per second.
        bufsize: VBV buffer size, bits.
    """
    mbs_wide, mbs_high = math.ceil(width / 16), math.ceil(height / 16)
    frame_mbs = mbs_wide * mbs_high
    for level in _LEVELS:
        # A level also bounds each side: at most sqrt(8 * MaxFS) macroblocks (A.3.1 f, g).
        side_limit = math.sqrt(8 * level.max_frame_mbs)
        if (
            frame_mbs <= level.max_frame_mbs
            and max(mbs_wide, mbs_high) <= side_limit
            and frame_mbs * float(rate) <= level.max_mbps
            and maxrate <= level.max_kbps * 1000 * _HIGH_PROFILE_FACTOR
            and bufsize <= level.max_cpb_kbits * 1000 * _HIGH_PROFILE_FACTOR
        ):
            return level.name
    return _LEVELS[-1].name


def conformance_problems(info: MediaInfo, max_fps: int = 30) -> list[str]:
    """Why a source cannot be copied as a rendition as it is; empty when it can.

    Only a rendition of exactly the source's size is ever copied, and only when the source's
    video bit rate is within that rendition's cap; both are checked by the planner.

    Args:
        info: The source's probe.
        max_fps: The profile's frame rate cap.
    """
    video = info.video
    if video is None:
        return ["no video"]
    reasons = []
    if video.codec != "h264" or video.profile not in MOBILE_H264_PROFILES:
        reasons.append(f"video is {video.codec} {video.profile}, not H.264 a phone plays")
    if video.pixel_format != PIXEL_FORMAT:
        reasons.append(f"pixel format {video.pixel_format}")
    if video.variable_frame_rate or not video.frame_rate or video.frame_rate > max_fps + 0.01:
        reasons.append("frame rate variable, unknown or too high")
    if video.rotation % 360:
        reasons.append("rotated by a display matrix")
    if video.width is None or video.height is None or video.width % 2 or video.height % 2:
        reasons.append("odd picture size")
    audio = info.audio
    if audio is not None and (
        audio.codec != "aac"
        or audio.profile not in MOBILE_AAC_PROFILES
        or (audio.channels or 0) > AUDIO_CHANNELS
    ):
        reasons.append(f"audio is {audio.codec} {audio.profile}, not AAC-LC stereo")
    if info.problems:
        reasons.append("the probe found problems")
    return reasons


def _video_bit_rate(info: MediaInfo) -> int | None:
    video = info.video
    if video is not None and video.bit_rate:
        return video.bit_rate
    if info.bit_rate is None:
        return None
    audio = info.audio
    return info.bit_rate - ((audio.bit_rate or 0) if audio is not None else 0)


def _can_copy(
    info: MediaInfo, rendition: PlannedRendition, max_fps: int, plan: RenditionPlan
) -> bool:
    # HLS needs keyframes at the same instants in every rung, which a copy does not have, and
    # loudness normalisation re-encodes the audio anyway.
    if plan.hls or plan.loudness or conformance_problems(info, max_fps):
        return False
    rate = _video_bit_rate(info)
    return rate is not None and rate <= rendition.maxrate


def _kbits(bits: int) -> str:
    return f"{bits // 1000}k" if bits % 1000 == 0 else str(bits)


def _split(stream: Any, name: str, count: int) -> list[Any]:
    if count == 1:
        return [stream]
    node = stream.filter_multi_output(name, count)
    return [node.stream(index) for index in range(count)]


def _metadata_options(plan: RenditionPlan, audio_streams: int = 1) -> dict[str, object]:
    options: dict[str, object] = {"map_metadata": -1, "map_chapters": -1}
    if plan.has_audio and plan.audio_language:
        for index in range(audio_streams):
            options[f"metadata:s:a:{index}"] = f"language={plan.audio_language}"
    return options


def audio_encodes(plan: RenditionPlan) -> tuple[int, ...]:
    """The AAC bit rates to encode once each, shared by the encoded renditions that use them.

    Three rungs at 96k, 96k and 128k need two AAC encodes, not three: the native AAC encoder
    takes about 1 CPU-second per 20 s of stereo, as much as the whole 360p video encode of a
    slides screencast (bench_media.py).
    """
    rates = (r.audio_bitrate for r in plan.encoded if r.audio_bitrate is not None)
    return tuple(dict.fromkeys(rates))


def _tee_escape(path: Path) -> str:
    # The tee muxer splits its slaves with av_get_token: backslash, quote and '|' are special.
    return "".join(f"\\{char}" if char in TEE_SPECIAL else char for char in str(path))


def _tee_slaves(plan: RenditionPlan, outputs: Sequence[Path]) -> str:
    """The tee muxer's output list: one faststart MP4 per rung, each with its audio encode."""
    audio = audio_encodes(plan)
    slaves = []
    for index, (rendition, output) in enumerate(zip(plan.encoded, outputs, strict=True)):
        streams = f"v:{index}"
        if rendition.audio_bitrate is not None:
            streams += f",a:{audio.index(rendition.audio_bitrate)}"
        # Quoted because ':' and ',' separate tee options; the quotes are escaped once more for
        # the slave list itself.
        options = f"select=\\'{streams}\\':f=mp4:movflags=+faststart"
        slaves.append(f"[{options}]{_tee_escape(output)}")
    return "|".join(slaves)


def _encode_options(plan: RenditionPlan, threads: int | None) -> dict[str, object]:
    shortest_gop, longest_gop = _gop_limits(plan)
    options: dict[str, object] = {
        "format": "tee",
        "c:v": VIDEO_CODEC,
        "preset:v": X264_PRESET,
        "profile:v": H264_PROFILE,
        "force_key_frames:v": f"expr:gte(t,n_forced*{plan.gop_seconds})",
        "forced-idr:v": 1,
        "keyint_min:v": shortest_gop,
        "g:v": longest_gop,
    }
    for index, rendition in enumerate(plan.encoded):
        options[f"crf:v:{index}"] = rendition.crf
        options[f"maxrate:v:{index}"] = _kbits(rendition.maxrate)
        options[f"bufsize:v:{index}"] = _kbits(rendition.bufsize)
        options[f"level:v:{index}"] = rendition.level
    audio = audio_encodes(plan)
    if audio:
        options["c:a"] = AUDIO_CODEC
        for index, bitrate in enumerate(audio):
            options[f"b:a:{index}"] = _kbits(bitrate)
    options.update(_metadata_options(plan, len(audio)))
    if threads is not None:
        options["threads"] = threads
    return options


def _with_globals(args: list[str], threads: int | None) -> list[str]:
    # ffmpeg-python puts global options last, where ffmpeg warns they may be ignored.
    if threads is None:
        return args
    return ["-filter_complex_threads", str(threads), *args]


def ladder_args(
    plan: RenditionPlan,
    source: Path,
    outputs: Sequence[Path],
    *,
    threads: int | None = None,
) -> list[str]:
    """Build the ffmpeg arguments that encode every non-copied rendition from one decode.

    One decode, ``split`` to one scaler and one x264 per rung, and one AAC encode per distinct
    audio bit rate (:func:`audio_encodes`). The encoded streams go to ffmpeg's ``tee`` muxer,
    which writes each rung's faststart MP4 with the audio encode it shares with other rungs:
    the ffmpeg command line cannot share an encoder between separate output files.

    Args:
        plan: The plan; its :attr:`RenditionPlan.encoded` renditions are made.
        source: The source file (absolute, so a name like ``a:b.mp4`` is not read as a URL).
        outputs: One MP4 path per encoded rendition, in plan order.
        threads: Threads for the decoder, the filters and each encoder; ffmpeg decides if None.

    Returns:
        Arguments for ``run_ffmpeg`` (no program name, no common options).

    Raises:
        ValueError: The plan encodes nothing, or ``outputs`` does not match it.
    """
    encoded = plan.encoded
    if not encoded:
        raise ValueError("the plan has no rendition to encode")
    if len(outputs) != len(encoded):
        raise ValueError(f"{len(encoded)} encoded renditions but {len(outputs)} output paths")
    thread_options = {} if threads is None else {"threads": threads}
    source_input = ffmpeg.input(str(source), **thread_options)
    # Frame rate first, once: every rung then gets the same frames, so keyframes line up.
    branches = _split(
        source_input[str(plan.video_index)].filter("fps", fps=str(plan.frame_rate)),
        "split",
        len(encoded),
    )
    streams = [
        branch.filter("scale", rendition.width, rendition.height).filter("format", PIXEL_FORMAT)
        for branch, rendition in zip(branches, encoded, strict=True)
    ]
    audio = audio_encodes(plan)
    if audio:
        sound = source_input[str(plan.audio_index)]
        if plan.loudness:
            sound = sound.filter("loudnorm", **LOUDNESS_TARGET)
        sound = sound.filter(
            "aformat",
            sample_fmts=AUDIO_SAMPLE_FORMAT,
            sample_rates=plan.audio_rate,
            channel_layouts="stereo",
        )
        streams += _split(sound, "asplit", len(audio))
    output = ffmpeg.output(*streams, _tee_slaves(plan, outputs), **_encode_options(plan, threads))
    return _with_globals(output.get_args(), threads)


def remux_args(plan: RenditionPlan, source: Path, output: Path) -> list[str]:
    """Build the ffmpeg arguments that copy the source's video and audio into a faststart MP4.

    Args:
        plan: The plan; it must have a copied rendition.
        source: The source file (absolute).
        output: The MP4 to write.

    Raises:
        ValueError: The plan copies nothing.
    """
    if not plan.remuxed:
        raise ValueError("the plan has no rendition to copy")
    source_input = ffmpeg.input(str(source))
    streams = [source_input[str(plan.video_index)]]
    if plan.has_audio:
        streams.append(source_input[str(plan.audio_index)])
    options = {"c": "copy", "movflags": "+faststart", **_metadata_options(plan)}
    return list(ffmpeg.output(*streams, str(output), **options).get_args())


def hls_playlist_name(rendition: PlannedRendition) -> str:
    """The variant playlist's file name inside the HLS folder, e.g. ``360p.m3u8``."""
    return f"{rendition.label}.m3u8"


def hls_args(
    plan: RenditionPlan,
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    segments: HlsSegments = "fmp4",
) -> list[str]:
    """Build the ffmpeg arguments that package finished renditions as HLS, encoding nothing.

    The renditions' keyframes are already at the same instants every ``plan.gop_seconds``, so
    copying them into segments of that length gives segments aligned across the variants.
    ``out_dir`` gets ``master.m3u8``, one playlist per rendition (``360p.m3u8`` ...) and its
    segments (``360p_000.m4s`` ... after ``360p_init.mp4``, or ``360p_000.ts``).

    Args:
        plan: The plan the inputs were made from.
        inputs: One MP4 per rendition of the plan, in plan order.
        out_dir: An existing, empty folder. Its path must not contain ``%``: ffmpeg reads the
            segment and playlist paths as patterns.
        segments: ``fmp4`` (fragmented MP4, what hls.js and iOS 10+ play) or ``ts`` (MPEG-TS,
            for the oldest players).

    Raises:
        ValueError: ``inputs`` does not match the plan, or ``out_dir`` contains ``%``.
    """
    if not plan.renditions or len(inputs) != len(plan.renditions):
        raise ValueError(f"{len(plan.renditions)} renditions but {len(inputs)} inputs")
    if "%" in str(out_dir):
        raise ValueError(f"{out_dir}: ffmpeg's HLS writer cannot use a folder whose name has '%'")
    streams = []
    variants = []
    for index, (rendition, path) in enumerate(zip(plan.renditions, inputs, strict=True)):
        rendition_input = ffmpeg.input(str(path))
        streams.append(rendition_input["v:0"])
        variant = f"v:{index}"
        if plan.has_audio:
            streams.append(rendition_input["a:0"])
            variant += f",a:{index}"
        variants.append(f"{variant},name:{rendition.label}")
    extension = "m4s" if segments == "fmp4" else "ts"
    options: dict[str, object] = {
        "format": "hls",
        "c": "copy",
        "hls_time": plan.gop_seconds,
        "hls_playlist_type": "vod",
        "hls_segment_type": "fmp4" if segments == "fmp4" else "mpegts",
        "hls_flags": "independent_segments",
        "hls_segment_filename": str(out_dir / f"%v_%03d.{extension}"),
        "master_pl_name": HLS_MASTER_NAME,
        "var_stream_map": " ".join(variants),
        "map_metadata": -1,
    }
    if segments == "fmp4":
        # ffmpeg 9 leaves "%v" unexpanded in the init segment's name when there is only one
        # variant, and a literal '%' is not a valid URL in the playlist: name it outright.
        single = plan.renditions[0].label if len(plan.renditions) == 1 else None
        options["hls_fmp4_init_filename"] = f"{single or '%v'}_init.mp4"
    return list(ffmpeg.output(*streams, str(out_dir / "%v.m3u8"), **options).get_args())
