"""Where speech is in a recording: ffmpeg's ``silencedetect``, read as key=value metadata."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from moocstudio.errors import MediaDecodeError
from moocstudio.media.ffmpeg_cli import run_ffmpeg
from moocstudio.media.probe import probe
from moocstudio.model.media_info import MediaInfo
from moocstudio.progress import CancelToken, ProgressCallback, ignore_progress

# PERFORMANCE.md section 6: on the corpus narration (room tone near -55 dBFS) these find the
# 14 pauses between sentences; -35 dB keeps quiet words, 0.4 s ignores the gaps inside words.
DEFAULT_NOISE_DB = -35.0
DEFAULT_MIN_SILENCE = 0.4

STAGE = "subtitles"


@dataclass(frozen=True)
class Segment:
    """A stretch of speech, in seconds from the start of the media."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.end - self.start


def detect_speech(
    source: Path,
    *,
    info: MediaInfo | None = None,
    noise_db: float = DEFAULT_NOISE_DB,
    min_silence: float = DEFAULT_MIN_SILENCE,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> list[Segment]:
    """Find the stretches of speech in a recording's first audio track.

    ffmpeg decodes the audio only and its ``silencedetect`` filter marks every pause; the
    ``ametadata`` filter writes those marks as ``key=value`` lines to a temporary file, which
    is parsed (ffmpeg's human-readable log is never read). Speech is what lies between pauses.

    Args:
        source: The audio or video file.
        info: Its probe, when the caller already has it (probed otherwise).
        noise_db: Sound quieter than this (dBFS) counts as silence.
        min_silence: Seconds of quiet before it counts as a pause.
        on_progress: Receives Progress reports while ffmpeg runs.
        cancel: Stops the work when set.

    Returns:
        Speech segments in time order, inside [0, duration]; empty for a silent recording.

    Raises:
        MediaDecodeError: The file cannot be read or has no audio track.
        EncodeFailed: ffmpeg could not decode the audio.
        Cancelled: ``cancel`` was set.
    """
    source = Path(source)
    info = info or probe(source)
    require_audio(source, info)
    with tempfile.TemporaryDirectory(prefix="moocstudio-silence-") as scratch:
        marks = Path(scratch) / "silences.txt"
        run_ffmpeg(
            silence_args(source, marks, noise_db=noise_db, min_silence=min_silence),
            source=source,
            duration=info.duration,
            on_progress=on_progress,
            cancel=cancel,
            stage=STAGE,
            message=source.name,
        )
        text = marks.read_text(encoding="utf-8", errors="replace") if marks.exists() else ""
    silences = parse_silences(text, duration=info.duration)
    return speech_between(silences, duration=info.duration)


def require_audio(source: Path, info: MediaInfo) -> None:
    """Refuse, in plain words, a recording without sound."""
    if info.audio is None:
        raise MediaDecodeError(source, "has no audio track: nothing to time subtitles on")


def silence_args(
    source: Path,
    marks: Path,
    *,
    noise_db: float = DEFAULT_NOISE_DB,
    min_silence: float = DEFAULT_MIN_SILENCE,
) -> list[str]:
    """The ffmpeg arguments that write the pauses of ``source``'s first audio track to ``marks``.

    Only that track is decoded: ``-vn -sn -dn`` before the input discard the other streams at
    the demuxer and ``-map`` picks the track. Downmixing or resampling before the filter was
    measured and saves nothing: decoding the audio is the cost.
    """
    detect = f"silencedetect=noise={noise_db:g}dB:d={min_silence:g}"
    write = f"ametadata=mode=print:file={filter_escape(marks.absolute().as_posix())}"
    return [
        *("-vn", "-sn", "-dn"),
        *("-i", str(source.absolute())),
        *("-map", "0:a:0", "-af", f"{detect},{write}"),
        *("-f", "null", "-"),
    ]


def filter_escape(value: str) -> str:
    r"""Quote a filter option value (a path) for an ffmpeg filtergraph string.

    Two levels, as ffmpeg parses them: the option value (``\\ ' :``), then the filtergraph
    (``\\ ' [ ] , ;``). A Windows path (``C:/...``) or a temp folder with odd characters then
    reaches the filter intact.
    """
    option_level = re.sub(r"([\\':])", r"\\\1", value)
    return re.sub(r"([\\'\[\],;])", r"\\\1", option_level)


_SILENCE_KEY = re.compile(r"^lavfi\.silence_(start|end)=(-?[0-9.]+(?:e[-+]?\d+)?)\s*$")


def parse_silences(text: str, *, duration: float) -> list[tuple[float, float]]:
    """Pauses from ``ametadata`` output: ``lavfi.silence_start=...`` / ``lavfi.silence_end=...``.

    A pause still open at the end of the file ends at ``duration``. Other lines (``frame:...``,
    ``lavfi.silence_duration``) are ignored.
    """
    silences: list[tuple[float, float]] = []
    start: float | None = None
    for line in text.splitlines():
        match = _SILENCE_KEY.match(line.strip())
        if match is None:
            continue
        seconds = min(max(float(match[2]), 0.0), duration)
        if match[1] == "start":
            start = seconds if start is None else start
        elif start is not None:
            silences.append((start, seconds))
            start = None
        else:  # an end without a start: the file began silent before the first frame
            silences.append((0.0, seconds))
    if start is not None:
        silences.append((start, duration))
    return silences


def speech_between(silences: Iterable[tuple[float, float]], *, duration: float) -> list[Segment]:
    """The complement of ``silences`` inside [0, duration]."""
    segments: list[Segment] = []
    position = 0.0
    for start, end in sorted(silences):
        if start > position:
            segments.append(Segment(position, min(start, duration)))
        position = max(position, end)
    if position < duration:
        segments.append(Segment(position, duration))
    return [s for s in segments if s.end > s.start]
