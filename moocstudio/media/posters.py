"""Posters: a representative frame of a video that is not black or blank, as JPEG and WebP.

Frames are decoded in-process with PyAV (no ffmpeg process to start, and only a handful of
frames decoded): first the keyframe at or before each of a few points spread over the video,
which costs one picture each. When every one of those is black or near-uniform (a video that
fades in, with keyframes far apart), the video is decoded forward from the first candidate
until a usable frame appears. Each frame is scored on a small grey copy with Pillow's
ImageStat: a frame is usable when it is neither dark nor near-uniform, and the usable frame
with the most detail (entropy) wins. A video black throughout still gets a poster: its
least dark frame.

PyAV does not apply the display matrix of phone videos, so the frame is turned upright here
(``VideoFrame.rotation``) and anamorphic pixels are made square, as players show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
from av.container import InputContainer
from av.video.frame import VideoFrame
from av.video.stream import VideoStream
from PIL import Image, ImageStat

from moocstudio.atomic import atomic_outputs
from moocstudio.errors import MediaDecodeError
from moocstudio.media.probe import probe
from moocstudio.model.media_info import MediaInfo
from moocstudio.progress import CancelToken

# Where to look, as fractions of the duration, in order of preference on a tie: early enough
# to show the speaker or the title slide, late enough to skip a fade-in or a countdown.
CANDIDATE_POINTS = (0.25, 0.1, 0.5, 0.4, 0.6, 0.75, 0.9)
POSTER_BOX = (1280, 720)  # landscape; portrait videos fit (720, 1280)
THUMBNAIL_BOX = (320, 320)  # 320 px on the long side: a list row in the GUI
JPEG_QUALITY = 85
WEBP_QUALITY = 80
THUMBNAIL_QUALITY = 80
# Scoring works on a small grey copy: fast, and insensitive to grain and compression noise.
_SCORE_SIZE = (96, 54)
DARK_MEAN = 20.0  # mean luma (0-255) below this is a black or nearly black frame
UNIFORM_STDDEV = 6.0  # luma spread below this is a blank frame (one flat colour)
# Decoding onwards when every keyframe was blank stops after this many frames (100 s at 30 fps).
_MAX_FORWARD_FRAMES = 3000
# After a seek, packets searched for a keyframe (MPEG-TS seeks land between keyframes).
_KEYFRAME_SEARCH = 1000


@dataclass(frozen=True)
class PosterFiles:
    """What :func:`make_poster` wrote.

    Attributes:
        jpeg: The poster as progressive JPEG (what the site's player shows).
        webp: The same picture as WebP (smaller, for browsers that take it).
        thumbnail: A small JPEG for lists in the GUI.
        width: Poster width in pixels.
        height: Poster height in pixels.
        time: Where in the video the frame was taken, in seconds.
    """

    jpeg: Path
    webp: Path
    thumbnail: Path
    width: int
    height: int
    time: float


@dataclass(frozen=True)
class FrameScore:
    """How a frame looks, measured on a small grey copy.

    Attributes:
        mean: Mean luma, 0-255.
        stddev: Luma standard deviation: how far from one flat colour.
        entropy: Histogram entropy in bits: how much detail.
    """

    mean: float
    stddev: float
    entropy: float

    @property
    def usable(self) -> bool:
        """Neither dark nor near-uniform."""
        return self.mean >= DARK_MEAN and self.stddev >= UNIFORM_STDDEV


def score_image(image: Image.Image) -> FrameScore:
    """Score a picture for use as a poster (see :class:`FrameScore`)."""
    grey = image.convert("L")
    if grey.size != _SCORE_SIZE:
        grey = grey.resize(_SCORE_SIZE, Image.Resampling.BOX)
    stat = ImageStat.Stat(grey)
    return FrameScore(mean=stat.mean[0], stddev=stat.stddev[0], entropy=grey.entropy())


@dataclass
class _Candidate:
    frame: VideoFrame
    time: float
    score: FrameScore
    aspect: Fraction | None  # the stream's sample aspect ratio (frames do not carry it here)


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    usable = [c for c in candidates if c.score.usable]
    if usable:
        # max() keeps the first of equals: CANDIDATE_POINTS order breaks ties.
        return max(usable, key=lambda c: c.score.entropy)
    return None


def _least_dark(candidates: list[_Candidate]) -> _Candidate:
    return max(candidates, key=lambda c: c.score.mean + c.score.stddev)


def make_poster(
    source: Path,
    out_dir: Path,
    *,
    stem: str,
    info: MediaInfo | None = None,
    cancel: CancelToken | None = None,
) -> PosterFiles:
    """Write a poster (JPEG and WebP) and a thumbnail from a representative frame.

    The files are ``<stem>.jpg``, ``<stem>.webp`` and ``<stem>.thumb.jpg`` in ``out_dir``,
    written together (all three or none). The poster fits 1280x720 (portrait: 720x1280),
    upright, never upscaled.

    Args:
        source: The video file.
        out_dir: Folder for the files (created if missing).
        stem: File name without extension.
        info: The source's probe, when the caller has it (probed otherwise).
        cancel: Stops the work; nothing is left behind.

    Returns:
        The three paths, the poster size and the frame's time.

    Raises:
        MediaDecodeError: The file cannot be read, has no picture (audio only) or its
            pictures cannot be decoded.
        Cancelled: ``cancel`` was set.
    """
    source = Path(source)
    info = info or probe(source)
    if info.video is None:
        raise MediaDecodeError(source, "is audio only: there is no picture to make a poster from")
    chosen = _choose_frame(source, info.duration, cancel)
    image = upright_image(chosen.frame, _fit(chosen.frame, chosen.aspect, POSTER_BOX))
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS)
    _check(cancel, source)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jpeg, webp, thumb = (out_dir / f"{stem}{ext}" for ext in (".jpg", ".webp", ".thumb.jpg"))
    with atomic_outputs([jpeg, webp, thumb]) as (jpeg_temp, webp_temp, thumb_temp):
        image.save(jpeg_temp, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
        image.save(webp_temp, "WEBP", quality=WEBP_QUALITY, method=4)
        thumbnail.save(thumb_temp, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return PosterFiles(jpeg, webp, thumb, image.width, image.height, round(chosen.time, 3))


def _check(cancel: CancelToken | None, source: Path) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled(str(source))


def _open(source: Path) -> InputContainer:
    # An absolute path keeps ffmpeg from reading "name:with:colons.mp4" as a protocol URL.
    return av.open(str(source.absolute()), "r", metadata_errors="replace")


def _choose_frame(source: Path, duration: float, cancel: CancelToken | None) -> _Candidate:
    try:
        keyframes = _keyframe_candidates(source, duration, cancel)
        best = _best(keyframes)
        if best is not None:
            return best
        onwards = _decode_onwards(source, min(_times(duration)), cancel)
    except av.FFmpegError as exc:
        raise MediaDecodeError(
            source,
            f"its pictures cannot be decoded ({exc.strerror or exc}); check that it plays in a "
            "media player, or export it again as MP4 (H.264)",
        ) from exc
    seen = keyframes + ([onwards] if onwards is not None else [])
    if not seen:
        raise MediaDecodeError(source, "no picture could be decoded; the video may be damaged")
    return _best(seen) or _least_dark(seen)


def _video_stream(source: Path, container: InputContainer) -> VideoStream:
    for stream in container.streams.video:
        # Cover art in a music file is a one-picture "video" stream: not a recording.
        if not stream.disposition & av.stream.Disposition.attached_pic:
            if stream.codec_context is None:
                raise MediaDecodeError(source, "its video codec cannot be decoded here")
            return stream
    raise MediaDecodeError(source, "is audio only: there is no picture to make a poster from")


def _times(duration: float) -> list[float]:
    return [duration * point for point in CANDIDATE_POINTS] if duration > 0 else [0.0]


def _pts(stream: VideoStream, seconds: float) -> int:
    time_base = stream.time_base or Fraction(1, 1_000_000)
    start = stream.start_time or 0
    return start + int(seconds / time_base)


def _frame_time(stream: VideoStream, frame: VideoFrame, index: int = 0) -> float:
    """Seconds from the stream's start; raw streams (.h264) have no timestamps: index / rate."""
    if frame.pts is None:
        rate = stream.average_rate or stream.guessed_rate
        return float(index / rate) if rate else 0.0
    time_base = stream.time_base or Fraction(1, 1_000_000)
    return float((frame.pts - (stream.start_time or 0)) * time_base)


def _scored(stream: VideoStream, frame: VideoFrame, seconds: float) -> _Candidate:
    small = rgb_image(frame, _SCORE_SIZE, "AREA")
    aspect = stream.sample_aspect_ratio or stream.codec_context.sample_aspect_ratio
    return _Candidate(frame, seconds, score_image(small), aspect)


def _frames(container: InputContainer, stream: VideoStream) -> Iterator[VideoFrame]:
    for packet in container.demux(stream):
        yield from stream.decode(packet)


def _seek(container: InputContainer, stream: VideoStream, seconds: float) -> bool:
    """Seek to the keyframe at or before ``seconds``; False when the file cannot seek.

    Raw streams (a bare .h264) and some damaged files refuse to seek. Seeking only saves
    decoding time here, so such files are read from the start instead.
    """
    try:
        container.seek(_pts(stream, seconds), stream=stream, backward=True)
    except av.FFmpegError:
        return False
    return True


def _keyframe_candidates(
    source: Path, duration: float, cancel: CancelToken | None
) -> list[_Candidate]:
    """The keyframe at or before each candidate time (one decoded picture each), deduplicated."""
    found: dict[int | None, _Candidate] = {}
    with _open(source) as container:
        stream = _video_stream(source, container)
        context = stream.codec_context
        # Keyframes only, decoded one at a time: frame threading would hold frames back.
        context.skip_frame = "NONKEY"
        context.thread_type = "SLICE"
        for seconds in _times(duration):
            _check(cancel, source)
            if not _seek(container, stream, seconds):
                break
            frame = _keyframe(container, stream)
            if frame is not None and frame.pts not in found:
                found[frame.pts] = _scored(stream, frame, _frame_time(stream, frame))
    return list(found.values())


def _keyframe(container: InputContainer, stream: VideoStream) -> VideoFrame | None:
    """Decode the first keyframe after a seek, looking at most _KEYFRAME_SEARCH packets on.

    A decoder that reorders frames (B-frames) holds the keyframe back until later frames
    arrive, and with non-key frames skipped that means the next keyframe, seconds of packets
    away: draining it right after the keyframe's packet gives the picture at once. The next
    seek resets the drained decoder.
    """
    for count, packet in enumerate(container.demux(stream)):
        if count >= _KEYFRAME_SEARCH:
            break
        if packet.is_keyframe and packet.size:
            frames = [*stream.decode(packet), *stream.decode(None)]
            return frames[0] if frames else None
    return None


def _decode_onwards(source: Path, earliest: float, cancel: CancelToken | None) -> _Candidate | None:
    """Decode every frame from ``earliest`` on: the first usable one, else the least dark seen.

    Starts from the keyframe before ``earliest``; when the file cannot seek, or the seek lands
    where nothing decodes (an MPEG-TS whose only keyframe is earlier), from the file's start.
    A fresh decoder each time: threading is chosen before a codec opens, and decoding many
    frames wants frame threads where single keyframes did not.
    """
    for from_start in (False, True):
        with _open(source) as container:
            stream = _video_stream(source, container)
            stream.codec_context.thread_type = "AUTO"
            if not from_start and not _seek(container, stream, earliest):
                continue
            found = _scan(container, stream, earliest, source, cancel)
        if found is not None:
            return found
    return None


def _scan(
    container: InputContainer,
    stream: VideoStream,
    earliest: float,
    source: Path,
    cancel: CancelToken | None,
) -> _Candidate | None:
    darkest_best: _Candidate | None = None
    for count, frame in enumerate(_frames(container, stream)):
        if count % 25 == 0:
            _check(cancel, source)
        if count >= _MAX_FORWARD_FRAMES:
            break
        seconds = _frame_time(stream, frame, count)
        if seconds < earliest:
            continue
        candidate = _scored(stream, frame, seconds)
        if candidate.score.usable:
            return candidate
        if darkest_best is None or _least_dark([darkest_best, candidate]) is candidate:
            darkest_best = candidate  # only one frame kept: a 1080p frame is 3 MB
    return darkest_best


def _rotation(frame: VideoFrame) -> int:
    # Counter-clockwise degrees from the display matrix, in [-180, 180]; phones use multiples
    # of 90, and anything else is rounded to the nearest quarter turn.
    return (round(frame.rotation / 90) * 90) % 360


def display_size(frame: VideoFrame, aspect: Fraction | None = None) -> tuple[int, int]:
    """Width and height as a player shows the frame: square pixels, then rotated.

    Args:
        frame: A decoded frame (its rotation comes from the display matrix).
        aspect: The stream's sample (pixel) aspect ratio; None or 0 means square pixels.
    """
    width, height = frame.width, frame.height
    if aspect and aspect > 0 and aspect != 1:
        width = max(1, round(width * aspect))
    if _rotation(frame) in (90, 270):
        width, height = height, width
    return width, height


def _fit(frame: VideoFrame, aspect: Fraction | None, box: tuple[int, int]) -> tuple[int, int]:
    """Display size scaled to fit ``box`` (turned for portrait), never enlarged."""
    width, height = display_size(frame, aspect)
    box_w, box_h = box if width >= height else (box[1], box[0])
    scale = min(1.0, box_w / width, box_h / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def rgb_image(frame: VideoFrame, size: tuple[int, int], interpolation: str) -> Image.Image:
    """The frame scaled to ``size`` by the decoder's scaler, as a Pillow RGB picture.

    What ``VideoFrame.to_image`` does, typed: rows of the plane may be padded, so the
    stride (``line_size``) is passed on.
    """
    rgb = frame.reformat(width=size[0], height=size[1], format="rgb24", interpolation=interpolation)
    plane = rgb.planes[0]
    return Image.frombuffer("RGB", size, bytes(plane), "raw", "RGB", plane.line_size, 1)


_TRANSPOSE = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def upright_image(frame: VideoFrame, size: tuple[int, int]) -> Image.Image:
    """The frame as an RGB picture of display ``size``, turned the way players show it.

    Scaling happens in the decoder's own scaler on the stored picture (so the rotation is
    applied to the small result, not the full frame).
    """
    rotation = _rotation(frame)
    width, height = (size[1], size[0]) if rotation in (90, 270) else size
    image = rgb_image(frame, (width, height), "LANCZOS")
    if rotation:
        # Both Pillow's ROTATE_* and the display matrix turn counter-clockwise.
        image = image.transpose(_TRANSPOSE[rotation])
    return image
