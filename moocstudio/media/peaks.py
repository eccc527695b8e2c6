"""A recording's waveform: min/max peaks per 10 ms and its speech, from one decode by ffmpeg.

ffmpeg decodes the first audio track to mono 16-bit PCM at a low rate and streams it on stdout
(through :func:`moocstudio.media.process.run`, so it is an argument list, in its own process
group, and stops on cancel). Each 10 ms bucket keeps its lowest and highest sample: enough to
draw the waveform at any zoom an editor needs, at 4 bytes per bucket (1.4 MB for an hour).
Speech is found in the same pass: a bucket is quiet when both its peaks are under the noise
threshold, and a pause is a run of quiet buckets lasting ``min_silence`` (the rule of ffmpeg's
``silencedetect``, at a 10 ms grain), so nothing is decoded twice.

A long recording is decoded in a few parts at once, one ffmpeg per core: audio decoding is
single-threaded in ffmpeg, so on two cores this halves the wait. Each part starts a little
early (its pre-roll, dropped afterwards) so that the decoder's warm-up after the seek never
shows as a click at the joins.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from moocstudio.errors import Cancelled, EncodeFailed, MediaDecodeError
from moocstudio.media.ffmpeg_cli import COMMON_OPTIONS, user_problem
from moocstudio.media.probe import probe
from moocstudio.media.process import run
from moocstudio.media.speech import (
    DEFAULT_MIN_SILENCE,
    DEFAULT_NOISE_DB,
    Segment,
    speech_between,
)
from moocstudio.media.tools import find_ffmpeg
from moocstudio.model.media_info import MediaInfo
from moocstudio.progress import (
    CancelToken,
    EtaEstimator,
    Progress,
    ProgressCallback,
    ignore_progress,
)

Peaks = npt.NDArray[np.int16]

BUCKETS_PER_SECOND = 100
"""Peaks per second of audio: a bucket is 10 ms, finer than a cue edge is ever set."""
PCM_RATE = 8000
"""Samples per second ffmpeg hands over. Peaks need no treble: speech's energy is below 4 kHz,
and a low rate keeps the pipe and the reduction small."""
SAMPLES_PER_BUCKET = PCM_RATE // BUCKETS_PER_SECOND
PCM_FILTER = (
    f"aresample={PCM_RATE},aformat=sample_fmts=s16:channel_layouts=mono,"
    f"asetnsamples=n={PCM_RATE}:p=0"
)
"""Mono s16 at PCM_RATE, in one-second frames. ffmpeg (7 and later) hands every frame from
thread to thread; resampled AAC frames hold 171 samples, and regrouping them saved 35 % of
the CPU time of a run on a 20-minute lecture (benchmarks/bench_waveform.py's lecture)."""
_SAMPLE_BYTES = 2  # signed 16-bit
MIN_PART_SECONDS = 120.0
"""Recordings shorter than two parts of this length are decoded in one run: a second ffmpeg
costs about 50 ms to start, which only pays off on minutes of audio."""
PRE_ROLL_SECONDS = 0.5
"""Decoded before each later part and dropped: an AAC decoder needs one frame (21 ms) before
its output is right after a seek; half a second is ample for any codec."""
MAX_PARTS = 8
STAGE = "waveform"
_REPORT_STEP = 0.01


@dataclass(frozen=True, eq=False)
class Waveform:
    """The peaks of a recording and where its speech is.

    Attributes:
        minima: Lowest sample of each bucket (signed 16-bit), one per 1/``buckets_per_second``.
        maxima: Highest sample of each bucket.
        buckets_per_second: Buckets per second of audio.
        duration: Length of the recording in seconds.
        speech: Stretches of speech (between pauses), in time order.
    """

    minima: Peaks
    maxima: Peaks
    buckets_per_second: int
    duration: float
    speech: tuple[Segment, ...] = ()

    @property
    def loudest(self) -> int:
        """The largest absolute sample value anywhere (0 for silence)."""
        if not len(self.maxima):
            return 0
        return int(max(-int(self.minima.min()), int(self.maxima.max())))


@dataclass(frozen=True)
class Part:
    """One stretch of a recording decoded by its own ffmpeg.

    Attributes:
        start: Where its buckets begin, seconds.
        length: Seconds covered, or None for "to the end".
        pre_roll: Seconds decoded before ``start`` and dropped.
    """

    start: float
    length: float | None
    pre_roll: float = 0.0


def plan_parts(duration: float, workers: int) -> list[Part]:
    """Split ``duration`` into at most ``workers`` parts, each at least MIN_PART_SECONDS.

    Joins fall on whole seconds, so every part's buckets line up with the whole's.
    """
    count = max(1, min(workers, MAX_PARTS, int(duration // MIN_PART_SECONDS)))
    if count == 1:
        return [Part(0.0, None)]
    step = math.ceil(duration / count)
    parts = []
    for index in range(count):
        start = float(index * step)
        last = index == count - 1
        pre_roll = min(PRE_ROLL_SECONDS, start)
        parts.append(Part(start, None if last else float(step), pre_roll))
    return parts


def pcm_args(source: Path, part: Part) -> list[str]:
    """The ffmpeg arguments that write ``part`` of the first audio track as mono s16le.

    ``-ss``/``-t`` before the input seek in the demuxer (fast) and trim the decoded audio to
    the exact sample; ``-vn -sn -dn`` drop the other streams before they are decoded.
    """
    seek = []
    if part.start > 0:
        seek += ["-ss", f"{part.start - part.pre_roll:.3f}"]
    if part.length is not None:
        seek += ["-t", f"{part.length + part.pre_roll:.3f}"]
    return [
        *seek,
        *("-vn", "-sn", "-dn"),
        *("-i", str(Path(source).absolute())),
        *("-map", "0:a:0", "-af", PCM_FILTER),
        *("-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"),
    ]


@dataclass
class PeakAccumulator:
    """Reduces a stream of s16le samples to min/max per bucket, chunk by chunk.

    Feeding works on whatever the pipe delivers (a chunk may end mid-sample); only whole
    buckets are reduced, the rest waits for the next chunk.
    """

    samples_per_bucket: int = SAMPLES_PER_BUCKET
    received: int = 0
    """Bytes fed so far."""
    _pending: bytearray = field(default_factory=bytearray)
    _minima: list[Peaks] = field(default_factory=list)
    _maxima: list[Peaks] = field(default_factory=list)

    def feed(self, data: bytes) -> None:
        """Take the next bytes of the stream."""
        self._pending += data
        self.received += len(data)
        bucket_bytes = self.samples_per_bucket * _SAMPLE_BYTES
        whole = len(self._pending) // bucket_bytes * bucket_bytes
        if whole:
            self._reduce(bytes(self._pending[:whole]))
            del self._pending[:whole]

    @property
    def samples(self) -> int:
        """Whole samples fed so far."""
        return self.received // _SAMPLE_BYTES

    def finish(self) -> tuple[Peaks, Peaks]:
        """Every bucket's (minima, maxima); the last, shorter bucket included."""
        tail = len(self._pending) // _SAMPLE_BYTES * _SAMPLE_BYTES
        if tail:
            self._reduce(bytes(self._pending[:tail]), partial=True)
        self._pending.clear()
        if not self._minima:
            return np.zeros(0, np.int16), np.zeros(0, np.int16)
        return np.concatenate(self._minima), np.concatenate(self._maxima)

    def _reduce(self, data: bytes, *, partial: bool = False) -> None:
        samples = np.frombuffer(data, dtype="<i2")
        blocks = samples.reshape(1, -1) if partial else samples.reshape(-1, self.samples_per_bucket)
        self._minima.append(blocks.min(axis=1).astype(np.int16))
        self._maxima.append(blocks.max(axis=1).astype(np.int16))


def quiet_threshold(noise_db: float) -> int:
    """The sample value under which sound counts as silence (``noise_db`` dBFS)."""
    return int(32768 * 10 ** (noise_db / 20))


def find_pauses(
    minima: Peaks,
    maxima: Peaks,
    buckets_per_second: int,
    *,
    noise_db: float = DEFAULT_NOISE_DB,
    min_silence: float = DEFAULT_MIN_SILENCE,
) -> list[tuple[float, float]]:
    """Pauses, as (start, end) seconds: runs of quiet buckets lasting at least ``min_silence``.

    A bucket is quiet when every sample in it is under the threshold, i.e. both its peaks are.
    """
    threshold = quiet_threshold(noise_db)
    loudness = np.maximum(maxima.astype(np.int32), -minima.astype(np.int32))
    quiet = np.concatenate(([False], loudness < threshold, [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    shortest = round(min_silence * buckets_per_second)
    long_enough = (ends - starts) >= shortest
    return [
        (int(start) / buckets_per_second, int(end) / buckets_per_second)
        for start, end in zip(starts[long_enough], ends[long_enough], strict=True)
    ]


def compute_waveform(
    source: Path,
    *,
    info: MediaInfo | None = None,
    workers: int | None = None,
    noise_db: float = DEFAULT_NOISE_DB,
    min_silence: float = DEFAULT_MIN_SILENCE,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> Waveform:
    """Decode a recording's first audio track once into peaks and speech segments.

    Args:
        source: The audio or video file.
        info: Its probe, when the caller has it (probed otherwise).
        workers: ffmpeg processes to run at once on a long recording; one per core when None.
        noise_db: Sound quieter than this (dBFS) counts as silence.
        min_silence: Seconds of quiet before it counts as a pause.
        on_progress: Receives Progress reports (stage "waveform").
        cancel: Stops every ffmpeg when set.

    Returns:
        The waveform; its speech is empty for a silent recording.

    Raises:
        MediaDecodeError: The file cannot be read or has no audio track.
        EncodeFailed: ffmpeg could not decode the audio.
        Cancelled: ``cancel`` was set; every ffmpeg has been stopped.
    """
    source = Path(source)
    info = info or probe(source)
    if info.audio is None:
        raise MediaDecodeError(source, "has no audio track: there is no waveform to draw")
    parts = plan_parts(info.duration, workers or os.cpu_count() or 1)
    minima, maxima = _decode_parts(source, info.duration, parts, on_progress, cancel)
    if cancel is not None:  # asked while the last ffmpeg was ending: still a cancel
        cancel.raise_if_cancelled(str(source))
    duration = max(info.duration, len(maxima) / BUCKETS_PER_SECOND) if len(maxima) else 0.0
    pauses = find_pauses(
        minima, maxima, BUCKETS_PER_SECOND, noise_db=noise_db, min_silence=min_silence
    )
    on_progress(Progress(1.0, STAGE, eta=0.0, message=source.name))
    return Waveform(
        minima=minima,
        maxima=maxima,
        buckets_per_second=BUCKETS_PER_SECOND,
        duration=duration,
        speech=tuple(speech_between(pauses, duration=duration)),
    )


class _PartsCancel(CancelToken):
    """Cancelled when the job is, or when another part failed (its siblings then stop)."""

    def __init__(self, outer: CancelToken | None) -> None:
        super().__init__()
        self._outer = outer

    @property
    def cancelled(self) -> bool:  # noqa: D102 (CancelToken's)
        return super().cancelled or (self._outer is not None and self._outer.cancelled)

    def raise_if_cancelled(self, what: str = "") -> None:  # noqa: D102
        if self._outer is not None:
            self._outer.raise_if_cancelled(what)
        super().raise_if_cancelled(what)


def _decode_parts(
    source: Path,
    duration: float,
    parts: Sequence[Part],
    on_progress: ProgressCallback,
    cancel: CancelToken | None,
) -> tuple[Peaks, Peaks]:
    accumulators = [PeakAccumulator() for _ in parts]
    expected = max(1.0, (duration + sum(p.pre_roll for p in parts)) * PCM_RATE)
    eta = EtaEstimator()
    lock = threading.Lock()
    ffmpeg = find_ffmpeg()
    token = _PartsCancel(cancel)

    reported = [0.0]

    def report() -> None:
        with lock:
            fraction = min(0.99, sum(a.samples for a in accumulators) / expected)
            if fraction - reported[0] < _REPORT_STEP:
                return  # a report per pipe chunk would be hundreds a second
            reported[0] = fraction
            on_progress(Progress(fraction, STAGE, eta=eta.eta(fraction), message=source.name))

    def decode(part: Part, accumulator: PeakAccumulator) -> None:
        def take(chunk: bytes) -> None:
            accumulator.feed(chunk)
            report()

        argv = [ffmpeg.path, *COMMON_OPTIONS, *pcm_args(source, part)]
        try:
            done = run(argv, cancel=token, on_stdout_data=take)
        except BaseException:
            token.cancel()
            raise
        if not done.ok:
            token.cancel()
            raise EncodeFailed(
                source, f"its sound cannot be decoded ({user_problem(done.stderr_tail)})"
            )

    on_progress(Progress(0.0, STAGE, message=source.name))
    if len(parts) == 1:
        decode(parts[0], accumulators[0])
    else:
        with ThreadPoolExecutor(len(parts), thread_name_prefix="moocstudio-peaks") as pool:
            futures = [pool.submit(decode, p, a) for p, a in zip(parts, accumulators, strict=True)]
            # Wait for all (no ffmpeg outlives the call), then raise the failure that stopped
            # the others, not the Cancelled it caused in them.
            errors = [e for e in (f.exception() for f in futures) if e is not None]
            if errors:
                raise next((e for e in errors if not isinstance(e, Cancelled)), errors[0])
    return _joined(parts, [a.finish() for a in accumulators])


def _joined(parts: Sequence[Part], peaks: Sequence[tuple[Peaks, Peaks]]) -> tuple[Peaks, Peaks]:
    """Each part's own buckets (pre-roll dropped, padded or cut to its length), end to end."""
    minima, maxima = [], []
    for part, (low, high) in zip(parts, peaks, strict=True):
        skip = round(part.pre_roll * BUCKETS_PER_SECOND)
        low, high = low[skip:], high[skip:]
        if part.length is not None:
            size = round(part.length * BUCKETS_PER_SECOND)
            missing = max(0, size - len(low))
            low = np.concatenate((low[:size], np.zeros(missing, np.int16)))
            high = np.concatenate((high[:size], np.zeros(missing, np.int16)))
        minima.append(low)
        maxima.append(high)
    return np.concatenate(minima), np.concatenate(maxima)
