"""Probe a media file in-process with PyAV: container, duration, streams and readable problems.

The probe only demuxes, except for one decoded video frame (the rotation lives there, see below),
so it stays in the low milliseconds for a small file. What it measures and how:

* **Duration**: the container's, else the longest stream's, else the end of the last packet
  found by demuxing the whole file (raw streams without any header duration).
* **Variable frame rate**: the gaps between consecutive video timestamps are sampled and the
  stream is variable when a gap strays from their mean by more than one clock tick and 5 %, or
  when their mean disagrees with the average frame rate by more than 2 %. In MP4/MOV the index
  holds every sample's timestamp, so eight windows spread over the whole file are read without
  touching the data, and the average rate there comes from the whole file's sample table. In
  other containers the window is the first ``_VFR_WINDOW`` video packets. A single dropped frame
  therefore counts as variable: the timestamps really are not constant.
* **Rotation**: PyAV 18 does not expose a stream's coded side data, but the decoder copies the
  display matrix onto every frame, so the first video frame is decoded and
  ``VideoFrame.rotation`` is read (counter-clockwise degrees, normalised to 0-359).
* **Truncation**: in MP4/MOV the index gives each sample's byte range; a sample that ends past
  the end of the file means data is missing, and the last complete sample tells where the data
  stops. Elsewhere the last few seconds are demuxed after a seek and the last packet's end is
  compared with the duration. Formats whose duration is itself estimated from the file size
  (MPEG-TS, WAV, MP3 without a header) simply report the shorter duration.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
from av.container import InputContainer
from av.stream import Disposition, Stream
from av.video.stream import VideoStream

from moocstudio.errors import MediaDecodeError
from moocstudio.model.media_info import MediaInfo, StreamInfo, StreamKind

_AV_TIME_BASE = 1_000_000  # av.open() gives container times in microseconds

_VFR_WINDOW = 240  # packets or index entries per window: ~10 s at 24 fps
_VFR_WINDOWS = 8  # windows spread over an MP4/MOV index
_REORDER_DEPTH = 16  # the most H.264/HEVC may reorder, when no decoder tells the actual depth
_VFR_JITTER = 0.05  # relative slack for a timestamp gap (millisecond rounding of 59.94 fps is 3 %)
_VFR_RATE_SLACK = 0.02  # mean gap against the average frame rate

_TAIL_SECONDS = 5.0  # demux this much before the claimed end to find where the data stops
_TAIL_MAX_PACKETS = 5000  # no verdict past this, so a dense file never makes the probe slow
_TRUNCATION_SLACK = 0.5  # seconds; containers round durations and last packets lack durations

_TEXT_SNIFF_BYTES = 4096
_INCOMPLETE = "the file is incomplete — was the copy or the recording interrupted?"
_COPY_AGAIN = "Copy it again from the original, or export it again from the recorder or editor"

# Demuxers that read single pictures: such a file is a still image, not a recording.
_IMAGE_FORMAT_SUFFIX = "_pipe"
_IMAGE_FORMATS = frozenset({"image2", "webp_pipe", "png_pipe", "jpeg_pipe"})


@dataclass(frozen=True)
class ProbeDetails:
    """A probe's result plus the container's metadata tags (title, artist ...).

    Attributes:
        info: What the probe found, as stored in the course model.
        tags: The container's metadata tags, keys lowercased.
    """

    info: MediaInfo
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        """The container's ``title`` tag, stripped, or None when missing or blank."""
        title = self.tags.get("title", "").strip()
        return title or None


def probe(path: Path) -> MediaInfo:
    """Describe a media file: container, duration, size, bit rate, streams and problems.

    Args:
        path: The audio or video file to read; it is never modified.

    Returns:
        The probed facts. Defects that do not stop the file from being used (e.g. data that ends
        before the duration the header claims) are listed in ``MediaInfo.problems``.

    Raises:
        MediaDecodeError: The file is missing, empty, not a media file, an incomplete MP4, a
            still picture, or has no audio or video stream.
    """
    return probe_details(path).info


def probe_details(path: Path) -> ProbeDetails:
    """Like :func:`probe`, and also return the container's metadata tags.

    Args:
        path: The audio or video file to read.

    Raises:
        MediaDecodeError: As for :func:`probe`.
    """
    path = Path(path)
    size = _checked_size(path)
    with _open(path) as container:
        return _probe_open(path, container, size)


def _checked_size(path: Path) -> int:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise MediaDecodeError(path, "does not exist; check the name and the folder") from None
    except OSError as exc:
        raise MediaDecodeError(path, f"cannot be read ({exc.strerror})") from exc
    if path.is_dir():
        raise MediaDecodeError(path, "is a folder, not an audio or video file")
    if stat.st_size == 0:
        raise MediaDecodeError(
            path, "is empty (0 bytes); copy it again from the camera, recorder or editor"
        )
    return stat.st_size


def _open(path: Path) -> InputContainer:
    # An absolute path keeps ffmpeg from reading "name:with:colons.mp4" as a protocol URL.
    # Tags in a legacy encoding must not make the whole file unreadable.
    try:
        return av.open(str(path.absolute()), "r", metadata_errors="replace")
    except av.FFmpegError as exc:
        raise MediaDecodeError(path, _open_failure(path, exc)) from exc
    except OSError as exc:
        raise MediaDecodeError(path, f"cannot be read ({exc.strerror})") from exc


def _open_failure(path: Path, exc: av.FFmpegError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    try:
        with path.open("rb") as stream:
            head = stream.read(_TEXT_SNIFF_BYTES)
    except OSError as os_exc:
        return f"cannot be read ({os_exc.strerror})"
    if _iso_bmff_incomplete(path, head):
        return (
            f"{_INCOMPLETE} Its index (the MP4 'moov' box, written when a recording stops) is "
            f"missing, so no player can read it. {_COPY_AGAIN}"
        )
    if isinstance(exc, av.EOFError):
        return f"{_INCOMPLETE} It ends before any audio or video data. {_COPY_AGAIN}"
    if _looks_like_text(head):
        return (
            "contains text, not audio or video; pick the recording itself (.mp4, .mov, .mkv, "
            ".webm, .m4a, .mp3, .wav ...)"
        )
    container = _container_signature(head)
    if container is not None:
        return (
            f"starts like {container} file but cannot be read ({exc.strerror}): it is damaged "
            f"or incomplete — was the copy or the recording interrupted? {_COPY_AGAIN}"
        )
    return (
        f"is not an audio or video file moocstudio can read ({exc.strerror}); check that it "
        "plays in a media player, or export it again as MP4 (H.264 video, AAC audio)"
    )


def _container_signature(head: bytes) -> str | None:
    """Name the container a file's first bytes announce, for a better message when it fails."""
    if head[4:8] == b"ftyp":
        return "an MP4/MOV"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "a Matroska/WebM"
    if head.startswith(b"RIFF") and head[8:12] in (b"AVI ", b"WAVE"):
        return "an AVI/WAV"
    if head.startswith(b"OggS"):
        return "an Ogg"
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        # A multi-byte character cut at the end of the sample is still text.
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3
    return True


def _iso_bmff_incomplete(path: Path, head: bytes) -> bool:
    """True for an MP4/MOV whose 'moov' box is missing or cut short (written last, never came)."""
    if head[4:8] != b"ftyp":
        return False
    size = path.stat().st_size
    offset = 0
    with path.open("rb") as stream:
        while offset + 8 <= size:
            stream.seek(offset)
            header = stream.read(16)
            box_size = int.from_bytes(header[0:4], "big")
            box_type = header[4:8]
            if box_size == 1 and len(header) == 16:
                box_size = int.from_bytes(header[8:16], "big")
            elif box_size == 0:
                box_size = size - offset
            if box_type == b"moov":
                return offset + box_size > size
            if box_size < 8:
                return False  # not a box structure we understand: let the generic message speak
            offset += box_size
    return True


def _probe_open(path: Path, container: InputContainer, size: int) -> ProbeDetails:
    problems: list[str] = []
    streams = list(container.streams)
    infos = [_stream_info(stream) for stream in streams]
    playable = [info for info in infos if info.kind in ("video", "audio")]
    if not playable:
        found = ", ".join(sorted({info.kind for info in infos})) or "nothing"
        raise MediaDecodeError(
            path,
            f"has no audio or video stream (found: {found}); pick the recording itself",
        )
    fmt = container.format.name
    if not any(i.kind == "audio" for i in infos) and _is_still_image_format(fmt):
        raise MediaDecodeError(
            path,
            "is a still picture, not a video or audio recording; put pictures in a markdown page",
        )

    full_index = _has_full_index(container)
    for position, (stream, described) in enumerate(zip(streams, infos, strict=True)):
        if described.kind == "video" and isinstance(stream, VideoStream):
            infos[position] = _measure_video(stream, described, container, full_index, problems)
            break  # the first picture is the one shown; others are rare extras

    start = _seconds(container.start_time, Fraction(1, _AV_TIME_BASE)) or 0.0
    duration = _declared_duration(container, streams)
    if duration is None:
        duration = _demuxed_duration(path, start)
    elif full_index:
        _check_index_truncation(streams, size, duration, problems)
    else:
        _check_tail_truncation(container, start, duration, problems)

    bit_rate = container.bit_rate or None
    if bit_rate is None and duration > 0:
        bit_rate = round(size * 8 / duration)
    info = MediaInfo(
        container=fmt,
        duration=round(duration, 6),  # microseconds: what containers store at best
        size_bytes=size,
        bit_rate=bit_rate,
        streams=infos,
        problems=problems,
    )
    tags = {key.lower(): value for key, value in container.metadata.items()}
    return ProbeDetails(info=info, tags=tags)


def _is_still_image_format(name: str) -> bool:
    return name in _IMAGE_FORMATS or name.endswith(_IMAGE_FORMAT_SUFFIX)


def _has_full_index(container: InputContainer) -> bool:
    # The MOV/MP4 demuxer reads the whole sample table up front; other index entries are sparse
    # seek points (Matroska cues), useless for frame timing or byte coverage.
    if "mov" not in container.format.name.split(","):
        return False
    return all(
        stream.frames > 0 and len(stream.index_entries) == stream.frames
        for stream in container.streams
        if stream.type in ("video", "audio") and not stream.disposition & Disposition.attached_pic
    )


def _stream_info(stream: Stream) -> StreamInfo:
    kind = _kind(stream)
    context = stream.codec_context
    codec = context.codec.canonical_name if context is not None else None
    language = stream.language
    if language is not None:
        language = language.strip()
        if not language or language == "und":
            language = None
    info = StreamInfo(
        index=stream.index,
        kind=kind,
        codec=codec,
        profile=stream.profile,
        bit_rate=(context.bit_rate or None) if context is not None else None,
        language=language,
    )
    if context is None:
        return info
    if stream.type == "video" and isinstance(stream, VideoStream):
        rate = stream.average_rate or stream.guessed_rate
        info = info.model_copy(
            update={
                "width": stream.codec_context.width or None,
                "height": stream.codec_context.height or None,
                "pixel_format": stream.codec_context.pix_fmt,
                "frame_rate": float(rate) if rate and kind == "video" else None,
            }
        )
    elif isinstance(stream, av.AudioStream):
        info = info.model_copy(
            update={
                "sample_rate": stream.codec_context.sample_rate or None,
                "channels": stream.codec_context.channels or None,
            }
        )
    return info


def _kind(stream: Stream) -> StreamKind:
    # Cover art inside an .mp3/.m4a is a one-picture "video" stream to ffmpeg.
    if stream.disposition & Disposition.attached_pic:
        return "attachment"
    kind = stream.type
    if kind == "unknown":
        return "data"
    return kind


def _seconds(value: int | None, time_base: Fraction | None) -> float | None:
    if value is None or time_base is None:
        return None
    return float(value * time_base)


def _declared_duration(container: InputContainer, streams: list[Stream]) -> float | None:
    if container.duration is not None and container.duration > 0:
        return container.duration / _AV_TIME_BASE
    durations = [
        seconds
        for stream in streams
        if (seconds := _seconds(stream.duration, stream.time_base)) is not None and seconds > 0
    ]
    return max(durations, default=None)


def _demuxed_duration(path: Path, start: float) -> float:
    # A fresh container: the first one has already read past the start, and raw streams (a bare
    # .h264, an .aac without header) cannot always seek back. Their packets carry durations but
    # no timestamps, so each stream's durations are summed as well.
    end = 0.0
    totals: dict[int, float] = {}
    with _open(path) as container:
        try:
            for packet in container.demux():
                packet_end = _packet_end(packet)
                if packet_end is not None:
                    end = max(end, packet_end - start)
                if packet.duration and packet.time_base is not None:
                    seconds = float(packet.duration * packet.time_base)
                    totals[packet.stream_index] = totals.get(packet.stream_index, 0.0) + seconds
        except av.FFmpegError:
            pass  # damaged data ends the walk; what was read so far is the duration
    return max(end, *totals.values(), 0.0)


def _packet_end(packet: av.Packet[Stream]) -> float | None:
    stamp = packet.pts if packet.pts is not None else packet.dts
    if stamp is None or packet.time_base is None:
        return None
    return float((stamp + (packet.duration or 0)) * packet.time_base)


def _measure_video(
    stream: VideoStream,
    info: StreamInfo,
    container: InputContainer,
    full_index: bool,
    problems: list[str],
) -> StreamInfo:
    """Rotation from the first decoded frame, and the variable-frame-rate verdict."""
    rotation: int | None = None
    window: list[int] = []
    if stream.codec_context is None:
        problems.append(
            f"No decoder is available for the {info.codec or 'unknown'} video codec, so the "
            "picture cannot be converted; export the video again as H.264."
        )
    try:
        for packet in container.demux(stream):
            if packet.pts is not None:
                window.append(packet.pts)
            if rotation is None and stream.codec_context is not None and packet.size:
                frames = stream.decode(packet)
                if frames:
                    rotation = frames[0].rotation
            window_done = full_index or len(window) >= _VFR_WINDOW
            if window_done and (rotation is not None or stream.codec_context is None):
                break
        if rotation is None and stream.codec_context is not None:
            frames = stream.decode(None)  # drain: short clips may end before a frame came out
            if frames:
                rotation = frames[0].rotation
    except av.FFmpegError:
        problems.append(
            "The start of the video could not be decoded; the file may be damaged. Check that "
            "it plays in a media player."
        )
    else:
        if rotation is None and stream.codec_context is not None:
            problems.append("No video frame could be decoded; the video stream may be damaged.")

    if full_index:
        windows = _index_windows(stream)
    else:
        context = stream.codec_context
        # After find_stream_info decoded a few frames, the depth is the one the stream uses.
        depth = context.reorder_depth if context is not None else _REORDER_DEPTH
        windows = [_settled_timestamps(window, depth)]
    variable = _is_variable(windows, stream.average_rate, stream.time_base)
    return info.model_copy(
        update={"rotation": round(rotation or 0) % 360, "variable_frame_rate": variable}
    )


def _settled_timestamps(decode_order: list[int], reorder_depth: int) -> list[int]:
    """The sorted pts of a decode-order window, without those whose neighbours may be missing.

    A decoder that reorders ``reorder_depth`` frames (B-frames) gets the frame shown n-th by
    the (n + depth)-th packet, so after N packets the first N - depth shown frames are all
    there; later ones may have holes (end of the window, or of a truncated file) that would look
    like irregular gaps.
    """
    return sorted(decode_order)[: max(0, len(decode_order) - reorder_depth)]


def _index_windows(stream: VideoStream) -> list[list[int]]:
    entries = stream.index_entries
    count = len(entries)
    if count <= _VFR_WINDOW * _VFR_WINDOWS:
        return [sorted(entry.timestamp for entry in entries)]
    step = (count - _VFR_WINDOW) // (_VFR_WINDOWS - 1)
    return [
        sorted(entry.timestamp for entry in entries[first : first + _VFR_WINDOW])
        for first in range(0, step * _VFR_WINDOWS, step)
    ]


def _is_variable(
    windows: list[list[int]], average_rate: Fraction | None, time_base: Fraction | None
) -> bool:
    gaps = [b - a for stamps in windows for a, b in zip(stamps, stamps[1:], strict=False)]
    gaps = [gap for gap in gaps if gap > 0]
    if len(gaps) < 2 or time_base is None:
        return False  # too few frames to tell; say what we know, not a guess
    mean = sum(gaps) / len(gaps)
    slack = max(1.0, _VFR_JITTER * mean)  # one tick absorbs millisecond-rounded timestamps
    if any(abs(gap - mean) > slack for gap in gaps):
        return True
    if not average_rate:
        return False
    sampled_rate = 1 / (mean * float(time_base))
    return not math.isclose(sampled_rate, float(average_rate), rel_tol=_VFR_RATE_SLACK)


def _check_index_truncation(
    streams: list[Stream], size: int, duration: float, problems: list[str]
) -> None:
    data_end: float | None = None
    truncated = False
    for stream in streams:
        entries = stream.index_entries
        count = len(entries)
        if count == 0 or stream.time_base is None:
            continue
        last = entries[count - 1]
        if last.pos + last.size <= size:
            continue
        truncated = True
        # Sample offsets grow through the file: find the last sample still inside it.
        low, high = 0, count
        while low < high:
            middle = (low + high) // 2
            entry = entries[middle]
            if entry.pos + entry.size <= size:
                low = middle + 1
            else:
                high = middle
        if low > 0:
            first = entries[0].timestamp
            end = float((entries[low - 1].timestamp - first) * stream.time_base)
            data_end = end if data_end is None else max(data_end, end)
    if truncated:
        problems.append(_truncation_sentence(data_end or 0.0, duration))


def _check_tail_truncation(
    container: InputContainer, start: float, duration: float, problems: list[str]
) -> None:
    target = start + max(0.0, duration - _TAIL_SECONDS)
    data_end: float | None = None
    try:
        container.seek(round(target * _AV_TIME_BASE), backward=True)
        for count, packet in enumerate(container.demux(), start=1):
            if count > _TAIL_MAX_PACKETS:
                return  # too dense to judge cheaply; no verdict rather than a wrong one
            packet_end = _packet_end(packet)
            if packet_end is not None:
                end = packet_end - start
                data_end = end if data_end is None else max(data_end, end)
    except av.FFmpegError:
        if data_end is None:
            return  # the format cannot seek: no verdict
    if data_end is None:
        problems.append(
            "No data could be read near the end of the file; it may be truncated. Check that it "
            "plays to the end."
        )
    elif data_end < duration - _TRUNCATION_SLACK:
        problems.append(_truncation_sentence(data_end, duration))


def _truncation_sentence(data_end: float, duration: float) -> str:
    return (
        f"The file seems truncated: its data stops at about {data_end:.1f} s although its header "
        f"says it lasts {duration:.1f} s. Copy or export it again if the end is missing."
    )
