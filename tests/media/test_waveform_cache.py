"""Waveforms in the derived-media cache: made once per content, read back whole, never half."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from moocstudio.errors import Cancelled
from moocstudio.importers.videos import import_video
from moocstudio.media import peaks
from moocstudio.media.cache import DerivedCache
from moocstudio.media.course_media import course_cache
from moocstudio.media.peaks import Waveform
from moocstudio.media.speech import Segment
from moocstudio.media.waveform_cache import (
    PEAKS_FILE,
    PeaksFileError,
    cached_waveform,
    read_peaks,
    waveform_job,
    write_peaks,
)
from moocstudio.progress import CancelToken, JobContext, Progress, ignore_progress
from tests.speech_audio import speech_mp4_args

SPEECH = [(0.5, 2.0), (2.8, 3.3), (4.6, 8.6)]
LENGTH = 10.0


@pytest.fixture(scope="module")
def lecture(tmp_path_factory, run_ffmpeg) -> Path:
    out = tmp_path_factory.mktemp("lecture") / "lecture.mp4"
    run_ffmpeg(*speech_mp4_args(SPEECH, LENGTH), out)
    return out


@pytest.fixture
def ffmpeg_runs(monkeypatch) -> list[list[str]]:
    """Every ffmpeg the peaks module starts (the real one runs; this only counts)."""
    started: list[list[str]] = []
    real_run = peaks.run

    def counted(argv, **kwargs):
        started.append([str(a) for a in argv])
        return real_run(argv, **kwargs)

    monkeypatch.setattr(peaks, "run", counted)
    return started


def test_second_request_reads_the_cache_without_ffmpeg(lecture, tmp_path, ffmpeg_runs):
    cache = DerivedCache(tmp_path / "cache")
    first = cached_waveform(lecture, cache)
    assert not first.from_cache and len(ffmpeg_runs) == 1

    reports: list[Progress] = []
    second = cached_waveform(lecture, cache, on_progress=reports.append)
    assert second.from_cache
    assert len(ffmpeg_runs) == 1  # nothing decoded again
    assert [r.stage for r in reports] == ["cached"]
    assert np.array_equal(second.waveform.minima, first.waveform.minima)
    assert np.array_equal(second.waveform.maxima, first.waveform.maxima)
    assert second.waveform.speech == tuple(
        Segment(round(s.start, 3), round(s.end, 3)) for s in first.waveform.speech
    )
    assert second.waveform.duration == first.waveform.duration


def test_the_key_is_the_content_not_the_name(lecture, tmp_path, ffmpeg_runs, run_ffmpeg):
    cache = DerivedCache(tmp_path / "cache")
    cached_waveform(lecture, cache)
    renamed = tmp_path / "elsewhere" / "renamed copy.mp4"
    renamed.parent.mkdir()
    shutil.copyfile(lecture, renamed)
    assert cached_waveform(renamed, cache).from_cache
    assert len(ffmpeg_runs) == 1

    other = tmp_path / "lecture.mp4"  # same name, other speech
    run_ffmpeg(*speech_mp4_args([(1.0, 4.0)], LENGTH), other)
    made = cached_waveform(other, cache)
    assert not made.from_cache and len(ffmpeg_runs) == 2
    assert len(made.waveform.speech) == 1


def test_the_recipe_is_part_of_the_key(lecture, tmp_path, ffmpeg_runs):
    cache = DerivedCache(tmp_path / "cache")
    cached_waveform(lecture, cache)
    stricter = cached_waveform(lecture, cache, min_silence=1.0)
    assert not stricter.from_cache
    # Pauses must now last 1 s: the 0.5 s lead-in and the 0.8 s pause no longer count.
    assert [(s.start, s.end) for s in stricter.waveform.speech] == [
        pytest.approx((0.0, 3.3), abs=0.032),
        pytest.approx((4.6, 8.6), abs=0.032),
    ]


def test_a_cancelled_job_leaves_nothing_in_the_cache(lecture, tmp_path):
    cache = DerivedCache(tmp_path / "cache")
    cancel = CancelToken()

    def cancel_once_decoding(progress: Progress) -> None:
        if progress.fraction > 0:
            cancel.cancel()

    with pytest.raises(Cancelled):
        cached_waveform(lecture, cache, cancel=cancel, on_progress=cancel_once_decoding)
    assert cancel.cancelled
    left = (
        [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] if cache.root.exists() else []
    )
    assert left == []
    # The next request makes it whole.
    assert not cached_waveform(lecture, cache).from_cache


def test_the_course_job_uses_the_course_cache(lecture, tmp_path, ffmpeg_runs):
    folder = tmp_path / "course"
    folder.mkdir()
    video = import_video(folder, lecture).item  # the real importer: copied, probed, hashed
    context = JobContext(on_progress=ignore_progress, cancel=CancelToken())
    waveform = waveform_job(folder, video)(context)
    assert len(waveform.speech) == len(SPEECH)
    entries = list(course_cache(folder).root.rglob(PEAKS_FILE))
    assert len(entries) == 1
    assert waveform_job(folder, video)(context).speech == waveform.speech
    assert len(ffmpeg_runs) == 1


def test_peaks_file_round_trip_and_damage(tmp_path):
    waveform = Waveform(
        minima=np.array([-5, -32768, 0], dtype=np.int16),
        maxima=np.array([7, 32767, 0], dtype=np.int16),
        buckets_per_second=100,
        duration=0.03,
    )
    path = tmp_path / PEAKS_FILE
    write_peaks(path, waveform)
    assert path.stat().st_size == 12 + 3 * 4  # header, then 4 bytes a bucket
    minima, maxima, rate = read_peaks(path)
    assert minima.tolist() == [-5, -32768, 0] and maxima.tolist() == [7, 32767, 0]
    assert rate == 100

    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(PeaksFileError, match="3 peaks announced"):
        read_peaks(path)
    path.write_bytes(b"RIFF" + bytes(20))
    with pytest.raises(PeaksFileError, match="not a peaks file"):
        read_peaks(path)
