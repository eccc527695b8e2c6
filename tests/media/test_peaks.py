"""Waveform peaks and speech from one ffmpeg PCM pass, on generated tone-and-silence audio."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moocstudio.errors import Cancelled, MediaDecodeError
from moocstudio.media import peaks
from moocstudio.media.peaks import (
    BUCKETS_PER_SECOND,
    SAMPLES_PER_BUCKET,
    Part,
    PeakAccumulator,
    compute_waveform,
    find_pauses,
    pcm_args,
    plan_parts,
    quiet_threshold,
)
from moocstudio.media.speech import detect_speech
from moocstudio.progress import CancelToken, Progress
from tests.speech_audio import (
    PEAKS_TOLERANCE,
    SPEECH,
    SPEECH_SECONDS,
    speech_filter,
    speech_mp4_args,
)

LENGTH = SPEECH_SECONDS


@pytest.fixture(scope="module")
def speech_mp4(tmp_path_factory, run_ffmpeg) -> Path:
    out = tmp_path_factory.mktemp("speech") / "lecture: speech.mp4"  # a colon, as on macOS
    run_ffmpeg(*speech_mp4_args(SPEECH, LENGTH), out)
    return out


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory, run_ffmpeg) -> Path:
    out = tmp_path_factory.mktemp("speech") / "speech.wav"
    run_ffmpeg("-f", "lavfi", "-i", speech_filter(SPEECH, LENGTH), out)
    return out


def spans(waveform: peaks.Waveform) -> list[tuple[float, float]]:
    return [(s.start, s.end) for s in waveform.speech]


def assert_speech(found: list[tuple[float, float]], expected: list[tuple[float, float]]) -> None:
    assert len(found) == len(expected), found
    for (start, end), (want_start, want_end) in zip(found, expected, strict=True):
        assert start == pytest.approx(want_start, abs=PEAKS_TOLERANCE)
        assert end == pytest.approx(want_end, abs=PEAKS_TOLERANCE)


# --- real ffmpeg ---------------------------------------------------------------------------


def test_speech_and_peaks_of_the_aac_track_of_an_mp4(speech_mp4):
    reports: list[Progress] = []
    waveform = compute_waveform(speech_mp4, on_progress=reports.append)

    assert_speech(spans(waveform), SPEECH)
    assert waveform.buckets_per_second == BUCKETS_PER_SECOND
    assert len(waveform.maxima) == pytest.approx(LENGTH * BUCKETS_PER_SECOND, abs=2)
    assert waveform.duration == pytest.approx(LENGTH, abs=0.05)
    middle, pause = int(8.0 * BUCKETS_PER_SECOND), int(4.0 * BUCKETS_PER_SECOND)
    assert waveform.maxima[middle] > 0.9 * waveform.loudest
    assert waveform.minima[middle] < -0.9 * waveform.loudest
    assert abs(int(waveform.maxima[pause])) < quiet_threshold(-35)
    assert reports[-1].fraction == 1.0
    assert {r.stage for r in reports} == {"waveform"}


def test_peaks_and_speech_of_a_mono_wav(speech_wav):
    waveform = compute_waveform(speech_wav)
    assert_speech(spans(waveform), SPEECH)
    # The tone is 0.5 of full scale, and the mono file is not downmixed: its peaks are that.
    assert waveform.loudest == pytest.approx(0.5 * 32768, rel=0.03)
    middle = int(8.0 * BUCKETS_PER_SECOND)
    assert waveform.maxima[middle] == pytest.approx(0.5 * 32768, rel=0.03)
    assert waveform.minima[middle] == pytest.approx(-0.5 * 32768, rel=0.03)


def test_the_speech_agrees_with_silencedetect_for_the_subtitles(speech_mp4):
    """The strip shades what the subtitle placeholders were timed on (ffmpeg's silencedetect)."""
    by_silencedetect = [(s.start, s.end) for s in detect_speech(speech_mp4)]
    assert_speech(spans(compute_waveform(speech_mp4)), by_silencedetect)


def test_parts_decoded_at_once_give_the_same_waveform(speech_mp4, monkeypatch):
    whole = compute_waveform(speech_mp4, workers=1)
    monkeypatch.setattr(peaks, "MIN_PART_SECONDS", 4.0)  # three parts of a 14 s clip
    assert len(plan_parts(LENGTH, 3)) == 3
    in_parts = compute_waveform(speech_mp4, workers=3)

    assert len(in_parts.maxima) == len(whole.maxima)
    # Decoding restarts at each join (after a pre-roll): samples may differ by a rounding step.
    assert np.abs(in_parts.maxima.astype(int) - whole.maxima.astype(int)).max() <= 64
    assert np.abs(in_parts.minima.astype(int) - whole.minima.astype(int)).max() <= 64
    assert spans(in_parts) == spans(whole)


def test_a_video_without_sound_is_a_clear_error(make_clip):
    clip = make_clip("silent film", audio=False)
    with pytest.raises(MediaDecodeError, match="silent film.mp4: has no audio track"):
        compute_waveform(clip)


def test_an_undecodable_file_names_itself(tmp_path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4000)
    with pytest.raises(MediaDecodeError, match="broken.mp4"):
        compute_waveform(broken)


def test_cancel_stops_ffmpeg_and_raises(speech_mp4):
    cancel = CancelToken()

    def cancel_on_first_report(progress: Progress) -> None:
        cancel.cancel()

    with pytest.raises(Cancelled):
        compute_waveform(speech_mp4, cancel=cancel, on_progress=cancel_on_first_report)


# --- pure parts ----------------------------------------------------------------------------


def test_accumulator_reduces_whole_buckets_across_any_chunking():
    rng = np.random.default_rng(1)
    samples = rng.integers(-30000, 30000, size=SAMPLES_PER_BUCKET * 7 + 13, dtype=np.int16)
    data = samples.astype("<i2").tobytes()
    accumulator = PeakAccumulator()
    for start in range(0, len(data), 333):  # odd chunk size: chunks end mid-sample
        accumulator.feed(data[start : start + 333])
    minima, maxima = accumulator.finish()

    assert len(minima) == 8  # seven whole buckets and the short last one
    for index in range(8):
        bucket = samples[index * SAMPLES_PER_BUCKET : (index + 1) * SAMPLES_PER_BUCKET]
        assert minima[index] == bucket.min()
        assert maxima[index] == bucket.max()
    assert accumulator.samples == len(samples)


def test_accumulator_of_nothing_is_empty():
    minima, maxima = PeakAccumulator().finish()
    assert len(minima) == len(maxima) == 0


def test_pauses_are_quiet_runs_long_enough():
    loud, quiet = 20000, 100
    levels = [loud] * 50 + [quiet] * 39 + [loud] * 10 + [quiet] * 40 + [loud] * 5 + [quiet] * 60
    maxima = np.array(levels, dtype=np.int16)
    minima = -maxima
    pauses = find_pauses(minima, maxima, 100, noise_db=-35, min_silence=0.4)
    # 0.39 s is too short; 0.40 s counts; a pause open at the end ends with the recording.
    assert pauses == [(0.99, 1.39), (1.44, 2.04)]


def test_one_loud_sample_breaks_a_pause():
    maxima = np.full(100, 50, dtype=np.int16)
    minima = np.full(100, -50, dtype=np.int16)
    minima[50] = -20000  # a click, negative-going
    assert find_pauses(minima, maxima, 100, min_silence=0.4) == [(0.0, 0.5), (0.51, 1.0)]


def test_parts_join_on_whole_seconds_with_a_pre_roll():
    assert plan_parts(100.0, 2) == [Part(0.0, None)]  # too short to be worth a second ffmpeg
    assert plan_parts(3600.0, 1) == [Part(0.0, None)]
    assert plan_parts(3601.0, 2) == [
        Part(0.0, 1801.0, 0.0),
        Part(1801.0, None, peaks.PRE_ROLL_SECONDS),
    ]
    assert len(plan_parts(7200.0, 64)) == peaks.MAX_PARTS


def test_pcm_args_seek_before_the_input_and_stream_mono_pcm(tmp_path):
    source = tmp_path / "talk.mp4"
    args = pcm_args(source, Part(1801.0, 1799.0, 0.5))
    assert args[:4] == ["-ss", "1800.500", "-t", "1799.500"]
    assert args[args.index("-i") + 1] == str(source.absolute())
    assert args.index("-vn") < args.index("-i")
    assert args[args.index("-af") + 1] == peaks.PCM_FILTER
    assert "aresample=8000,aformat=sample_fmts=s16:channel_layouts=mono" in peaks.PCM_FILTER
    assert args[-5:] == ["-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"]
    assert pcm_args(source, Part(0.0, None))[:2] == ["-vn", "-sn"]
