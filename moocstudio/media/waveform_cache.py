"""Waveforms in the derived-media cache: computed once per source content, then read back.

An entry holds ``peaks.bin`` (a small header, then each bucket's minimum and maximum as
little-endian signed 16-bit pairs) and the speech segments in the entry's manifest. It is keyed
like renditions and posters: the source's SHA-256, the recipe (every parameter that changes the
peaks or the segments) and the ffmpeg version. The cache fills an entry under a temporary name
and renames it into place, so a failed or cancelled job leaves nothing behind.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from moocstudio.media.cache import DerivedCache, PendingEntry, cache_key
from moocstudio.media.course_media import course_cache
from moocstudio.media.peaks import (
    BUCKETS_PER_SECOND,
    PCM_FILTER,
    PCM_RATE,
    PRE_ROLL_SECONDS,
    Waveform,
    compute_waveform,
)
from moocstudio.media.probe import probe
from moocstudio.media.speech import DEFAULT_MIN_SILENCE, DEFAULT_NOISE_DB, Segment
from moocstudio.media.tools import find_ffmpeg
from moocstudio.model import Video
from moocstudio.model.media_info import MediaInfo
from moocstudio.model.store import file_sha256
from moocstudio.progress import CancelToken, JobContext, Progress, ProgressCallback, ignore_progress

PEAKS_FILE = "peaks.bin"
WAVEFORM_RECIPE_VERSION = 1  # bump when peaks.py changes what it computes
_MAGIC = b"MSPK"
_FORMAT_VERSION = 1
# magic, format version, buckets per second, bucket count
_HEADER = struct.Struct("<4sHHI")


class PeaksFileError(ValueError):
    """A peaks file is not one this version wrote (damaged, or another format)."""


def write_peaks(path: Path, waveform: Waveform) -> None:
    """Write the peaks of ``waveform`` to ``path`` (a file inside a pending cache entry)."""
    pairs = np.empty(2 * len(waveform.minima), dtype="<i2")
    pairs[0::2] = waveform.minima
    pairs[1::2] = waveform.maxima
    header = _HEADER.pack(_MAGIC, _FORMAT_VERSION, waveform.buckets_per_second, len(pairs) // 2)
    path.write_bytes(header + pairs.tobytes())


def read_peaks(path: Path) -> tuple[np.ndarray, np.ndarray, int]:
    """(minima, maxima, buckets per second) from a file :func:`write_peaks` wrote.

    Raises:
        PeaksFileError: The file is too short, has another header, or the wrong length.
        OSError: It cannot be read.
    """
    data = path.read_bytes()
    if len(data) < _HEADER.size:
        raise PeaksFileError(f"{path}: too short for a peaks file")
    magic, version, rate, count = _HEADER.unpack_from(data)
    if magic != _MAGIC or version != _FORMAT_VERSION or rate <= 0:
        raise PeaksFileError(f"{path}: not a peaks file of this moocstudio version")
    if len(data) != _HEADER.size + 4 * count:
        raise PeaksFileError(f"{path}: {count} peaks announced, {len(data)} bytes found")
    pairs = np.frombuffer(data, dtype="<i2", offset=_HEADER.size).astype(np.int16)
    return pairs[0::2].copy(), pairs[1::2].copy(), rate


def waveform_recipe(noise_db: float, min_silence: float) -> dict[str, Any]:
    """Everything that decides a waveform entry's content."""
    return {
        "version": WAVEFORM_RECIPE_VERSION,
        "format": _FORMAT_VERSION,
        "pcm_rate": PCM_RATE,
        "pcm_filter": PCM_FILTER,
        "buckets_per_second": BUCKETS_PER_SECOND,
        "pre_roll": PRE_ROLL_SECONDS,
        "noise_db": noise_db,
        "min_silence": min_silence,
    }


@dataclass(frozen=True)
class CachedWaveform:
    """A waveform and whether it came from the cache (nothing decoded)."""

    waveform: Waveform
    from_cache: bool


def cached_waveform(
    source: Path,
    cache: DerivedCache,
    *,
    sha256: str | None = None,
    info: MediaInfo | None = None,
    noise_db: float = DEFAULT_NOISE_DB,
    min_silence: float = DEFAULT_MIN_SILENCE,
    workers: int | None = None,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> CachedWaveform:
    """The waveform of ``source``: from the cache when its content was seen, else computed.

    Args:
        source: The audio or video file.
        cache: The derived-media cache (the course's, see :func:`course_cache`).
        sha256: The source's content hash, when known (computed otherwise).
        info: The source's probe, when known (probed otherwise, only if decoding is needed).
        noise_db: Silence threshold, dBFS.
        min_silence: Shortest pause, seconds.
        workers: ffmpeg processes at once (see :func:`compute_waveform`).
        on_progress: Receives Progress reports (stage "waveform", or "cached").
        cancel: Stops the work; the cache is left as it was.

    Raises:
        MediaDecodeError, EncodeFailed, Cancelled: as :func:`compute_waveform`.
    """
    source = Path(source)
    digest = sha256 or file_sha256(source)
    key = cache_key(
        digest, "waveform", waveform_recipe(noise_db, min_silence), find_ffmpeg().version_text
    )

    def produce(pending: PendingEntry) -> None:
        made = compute_waveform(
            source,
            info=info or probe(source),
            workers=workers,
            noise_db=noise_db,
            min_silence=min_silence,
            on_progress=on_progress,
            cancel=cancel,
        )
        write_peaks(pending.folder / PEAKS_FILE, made)
        pending.meta["duration"] = made.duration
        pending.meta["speech"] = [[round(s.start, 3), round(s.end, 3)] for s in made.speech]

    entry, from_cache = cache.get_or_make(key, produce)
    minima, maxima, rate = read_peaks(entry.path(PEAKS_FILE))
    if from_cache:
        on_progress(Progress(1.0, "cached", eta=0.0, message=source.name))
    waveform = Waveform(
        minima=minima,
        maxima=maxima,
        buckets_per_second=rate,
        duration=float(entry.meta["duration"]),
        speech=tuple(Segment(float(start), float(end)) for start, end in entry.meta["speech"]),
    )
    return CachedWaveform(waveform, from_cache)


def waveform_job(folder: Path, video: Video) -> Callable[[JobContext], Waveform]:
    """A job (for a jobs Runner or the app's JobCenter) giving the waveform of ``video``.

    The job reads the course's media and writes only its cache.
    """
    folder = Path(folder)
    source = folder / video.source.path
    digest = video.source.sha256
    info = video.probe

    def job(context: JobContext) -> Waveform:
        # The author waits on this one in the editor: one ffmpeg per core whatever the runner's
        # share (``context.threads``). The parts cost no more CPU in all than a single run, so
        # jobs running beside it lose no throughput, only their turn.
        return cached_waveform(
            source,
            course_cache(folder),
            sha256=digest,
            info=info,
            on_progress=context.on_progress,
            cancel=context.cancel,
        ).waveform

    return job
