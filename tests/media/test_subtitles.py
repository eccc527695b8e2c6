"""Subtitle placeholders: silencedetect on generated speech-like audio, cue rules, transcripts,
and WebVTT/SRT read back with webvtt-py and pysubs2 as independent readers."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pysubs2
import pytest
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moocstudio.errors import Cancelled, ImportFailed, MediaDecodeError
from moocstudio.media import subtitles
from moocstudio.media.cues import Cue, cues_from_transcript, make_cues, split_sentences
from moocstudio.media.probe import probe
from moocstudio.media.speech import (
    Segment,
    detect_speech,
    filter_escape,
    parse_silences,
    silence_args,
    speech_between,
)
from moocstudio.media.subtitle_files import (
    read_webvtt,
    render_srt,
    render_webvtt,
    vtt_to_srt,
    write_srt,
    write_webvtt,
)
from moocstudio.media.subtitles import make_subtitle_placeholders
from moocstudio.progress import CancelToken, Progress
from tests.speech_audio import SPEECH, SPEECH_SECONDS, speech_filter, speech_mp4_args

LENGTH = SPEECH_SECONDS
TOLERANCE = 0.1


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory, run_ffmpeg) -> Path:
    out = tmp_path_factory.mktemp("speech") / "speech.wav"
    run_ffmpeg("-f", "lavfi", "-i", speech_filter(SPEECH, LENGTH), out)
    return out


@pytest.fixture(scope="module")
def speech_mp4(tmp_path_factory, run_ffmpeg) -> Path:
    """The same speech as AAC in an MP4 with a (tiny) H.264 picture."""
    out = tmp_path_factory.mktemp("speech") / "lecture speech.mp4"
    run_ffmpeg(*speech_mp4_args(SPEECH, LENGTH), out)
    return out


def assert_segments_match(found: list[Segment], expected: list[tuple[float, float]]) -> None:
    assert len(found) == len(expected), found
    for segment, (start, end) in zip(found, expected, strict=True):
        assert segment.start == pytest.approx(start, abs=TOLERANCE)
        assert segment.end == pytest.approx(end, abs=TOLERANCE)


def milliseconds(caption: webvtt.Caption) -> tuple[int, int]:
    return caption.start_time.in_milliseconds(), caption.end_time.in_milliseconds()


def assert_valid_cues(cues: list[Cue], duration: float, min_cue=1.0, max_cue=7.0) -> None:
    for cue in cues:
        assert 0 <= cue.start < cue.end <= duration + 1e-9, cue
        assert cue.duration <= max_cue + 1e-9, cue
        if duration >= min_cue:
            assert cue.duration >= min_cue - 1e-9, cue
    for before, after in zip(cues, cues[1:], strict=False):
        assert before.end <= after.start, (before, after)
    if duration < min_cue:
        assert len(cues) <= 1


# --- detection ---------------------------------------------------------------------------


def test_speech_found_in_a_wav(speech_wav):
    assert_segments_match(detect_speech(speech_wav), SPEECH)


def test_speech_found_in_the_aac_track_of_an_mp4(speech_mp4):
    reports: list[Progress] = []
    found = detect_speech(speech_mp4, on_progress=reports.append)
    assert_segments_match(found, SPEECH)
    assert reports and reports[-1].fraction == 1.0
    assert {r.stage for r in reports} == {"subtitles"}


def test_thresholds_are_parameters(speech_wav):
    # Pauses must now last 1 s: neither the 0.5 s lead-in nor the 0.8 s pause counts.
    found = detect_speech(speech_wav, min_silence=1.0)
    assert_segments_match(found, [(0.0, 3.3), (4.6, 12.6)])
    # A threshold above the tone itself: everything is silence.
    assert detect_speech(speech_wav, noise_db=0.0) == []


def test_video_without_audio_is_a_clear_error(make_clip, tmp_path):
    clip = make_clip("mute.mp4", audio=False)
    with pytest.raises(MediaDecodeError, match="no audio track: nothing to time subtitles on"):
        detect_speech(clip)
    with pytest.raises(MediaDecodeError, match="no audio track"):
        make_subtitle_placeholders(clip, tmp_path / "out", stem="mute", language="en")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_silent_recording_gives_no_cues(run_ffmpeg, tmp_path):
    silent = tmp_path / "silent.wav"
    run_ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3", silent)
    assert detect_speech(silent) == []
    files = make_subtitle_placeholders(silent, tmp_path, stem="silent", language="en")
    assert files.cues == ()
    assert len(webvtt.read(str(files.vtt))) == 0
    assert files.srt.read_text(encoding="utf-8") == ""


def test_silence_args_decode_audio_only(tmp_path):
    args = silence_args(tmp_path / "in.mp4", tmp_path / "marks.txt", noise_db=-40, min_silence=0.5)
    assert args[: args.index("-i")] == ["-vn", "-sn", "-dn"]  # input side: demuxer skips them
    assert args[args.index("-map") + 1] == "0:a:0"
    graph = args[args.index("-af") + 1]
    assert graph.startswith("silencedetect=noise=-40dB:d=0.5,ametadata=mode=print:file=")
    assert args[-3:] == ["-f", "null", "-"]


def test_odd_temp_folder_reaches_the_filter_intact(speech_wav, tmp_path, monkeypatch):
    odd = tmp_path / "a,b;c:d'e[f] g"
    odd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(odd))
    assert_segments_match(detect_speech(speech_wav), SPEECH)
    assert list(odd.iterdir()) == []  # the marks file went with its temporary folder


def test_filter_escape_both_levels():
    assert filter_escape("C:/Temp/x") == "C\\\\:/Temp/x"
    assert filter_escape("a,b") == "a\\,b"
    assert filter_escape("it's") == "it\\\\\\'s"


def test_parse_silences_reads_key_value_lines_only():
    text = (
        "frame:24   pts:49152   pts_time:2.229116\n"
        "lavfi.silence_start=1.844535\n"
        "frame:36   pts:73728   pts_time:3.343673\n"
        "lavfi.silence_end=3.383855\n"
        "lavfi.silence_duration=1.53932\n"
        "lavfi.silence_start=58.04254\n"
    )
    assert parse_silences(text, duration=60.0) == [(1.844535, 3.383855), (58.04254, 60.0)]
    # A file that starts silent: the end comes first.
    assert parse_silences("lavfi.silence_end=0.8\n", duration=5.0) == [(0.0, 0.8)]


def test_speech_between_silences():
    speech = speech_between([(0.0, 1.0), (3.0, 4.0)], duration=6.0)
    assert speech == [Segment(1.0, 3.0), Segment(4.0, 6.0)]
    assert speech_between([], duration=2.0) == [Segment(0.0, 2.0)]
    assert speech_between([(0.0, 2.0)], duration=2.0) == []


# --- the whole job -----------------------------------------------------------------------


def test_placeholders_written_and_read_back_by_two_readers(speech_mp4, tmp_path):
    files = make_subtitle_placeholders(speech_mp4, tmp_path, stem="lecture.fr", language="fr")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lecture.fr.srt", "lecture.fr.vtt"]
    duration = probe(speech_mp4).duration
    cues = list(files.cues)
    assert_valid_cues(cues, duration)
    # Short burst grows to 1 s into the pause after it; the 8 s one is cut in two halves.
    expected = [(0.5, 2.0), (2.8, 3.8), (4.6, 8.6), (8.6, 12.6)]
    assert [(c.start, c.end) for c in cues] == [
        (pytest.approx(a, abs=TOLERANCE), pytest.approx(b, abs=TOLERANCE)) for a, b in expected
    ]
    assert cues[0].text.startswith("[Sous-titre 1 — remplacez par ce qui est dit, 0:00–0:02")

    text = files.vtt.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\nLanguage: fr\n\nNOTE\n")
    vtt = webvtt.read(str(files.vtt))
    assert [milliseconds(c) for c in vtt] == [
        (round(c.start * 1000), round(c.end * 1000)) for c in cues
    ]
    assert [c.text for c in vtt] == [c.text for c in cues]
    for path in (files.vtt, files.srt):
        events = pysubs2.load(str(path), encoding="utf-8")
        assert [(e.start, e.end) for e in events] == [
            (round(c.start * 1000), round(c.end * 1000)) for c in cues
        ]
        assert [e.plaintext for e in events] == [c.text for c in cues]


def test_transcript_draft_from_the_speech(speech_wav, tmp_path):
    transcript = "Bonjour à tous. Oui. " + "Voici une longue phrase, qui parle des voies. " * 3
    files = make_subtitle_placeholders(
        speech_wav, tmp_path, stem="draft", language="fr", transcript=transcript
    )
    assert " ".join(c.text for c in files.cues).split() == transcript.split()
    assert "la transcription a été répartie" in files.vtt.read_text(encoding="utf-8")


def test_cancel_leaves_nothing_behind(speech_mp4, tmp_path):
    cancel = CancelToken()
    cancel.cancel()
    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        make_subtitle_placeholders(speech_mp4, out, stem="x", language="en", cancel=cancel)
    assert not out.exists() or list(out.iterdir()) == []


def test_failed_write_leaves_nothing_behind(speech_wav, tmp_path, monkeypatch):
    def disk_full(cues):
        raise OSError(28, "No space left on device")

    # The VTT is written first; the SRT then fails: neither may stay.
    monkeypatch.setattr(subtitles, "render_srt", disk_full)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space left"):
        make_subtitle_placeholders(speech_wav, out, stem="x", language="en")
    assert list(out.iterdir()) == []


# --- cue rules ---------------------------------------------------------------------------


def test_cues_follow_the_speech_and_name_their_time():
    segments = [Segment(0.5, 2.0), Segment(2.8, 3.3), Segment(4.6, 12.6)]
    cues = make_cues(segments, duration=14.0)
    assert [(c.start, c.end) for c in cues] == [(0.5, 2.0), (2.8, 3.8), (4.6, 8.6), (8.6, 12.6)]
    assert cues[2].text == "[Cue 3 — replace with what is said, 0:04–0:08]"


def test_long_phrase_cut_at_its_inner_pause():
    # Three stretches with breaths (0.2 s) between them: 13 s in all, cut at the breaths
    # (the middle of a breath), not at 4.33 s and 8.67 s.
    segments = [Segment(0.0, 4.0), Segment(4.2, 9.0), Segment(9.2, 13.0)]
    cues = make_cues(segments, duration=13.0)
    assert [(c.start, c.end) for c in cues] == [(0.0, 4.1), (4.1, 9.1), (9.1, 13.0)]


def test_tiny_gap_merged_and_click_dropped():
    segments = [Segment(1.0, 2.0), Segment(2.1, 3.0), Segment(8.0, 8.05)]
    cues = make_cues(segments, duration=10.0)
    assert [(c.start, c.end) for c in cues] == [(1.0, 3.0)]


def test_short_cues_squeezed_between_others_merge_or_borrow():
    segments = [Segment(0.0, 6.5), Segment(6.6, 6.9), Segment(7.0, 13.9)]
    cues = make_cues(segments, duration=13.9, merge_gap=0.05)
    assert_valid_cues(cues, 13.9)
    assert cues[0].start == 0.0 and cues[-1].end == 13.9


def test_recording_shorter_than_a_cue():
    cues = make_cues([Segment(0.1, 0.5)], duration=0.6)
    assert [(c.start, c.end) for c in cues] == [(0.0, 0.6)]


def test_placeholders_in_english_for_unknown_languages():
    cues = make_cues([Segment(0, 2)], duration=2, language="de-AT")
    assert cues[0].text.startswith("[Cue 1")
    cues = make_cues([Segment(0, 2)], duration=2, language="fr-CA")
    assert cues[0].text.startswith("[Sous-titre 1")


def test_cue_limits_must_leave_room():
    with pytest.raises(ValueError, match="max_cue"):
        make_cues([Segment(0, 2)], duration=2, min_cue=2, max_cue=3)


segment_lists = st.lists(
    st.tuples(st.floats(-5, 130, allow_nan=False), st.floats(0, 20, allow_nan=False)).map(
        lambda pair: Segment(pair[0], pair[0] + pair[1])
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    segments=segment_lists,
    duration=st.floats(0, 130, allow_nan=False),
    limits=st.sampled_from([(1.0, 7.0), (0.5, 3.0), (1.5, 3.0)]),
)
def test_cue_rules_hold_for_any_segments(segments, duration, limits):
    min_cue, max_cue = limits
    cues = make_cues(segments, duration=duration, min_cue=min_cue, max_cue=max_cue)
    assert_valid_cues(cues, duration, min_cue, max_cue)
    # Every stretch of real speech (inside the recording, not a click) is under some cue.
    for segment in segments:
        start, end = max(0.0, segment.start), min(duration, segment.end)
        if end - start < 0.2:
            continue
        for moment in (start + 0.001, (start + end) / 2, end - 0.001):
            assert any(c.start - 0.001 <= moment <= c.end + 0.001 for c in cues), moment


# --- sentences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bonjour à tous ! Comment allez-vous ? Très bien : merci ; et vous.",
            ["Bonjour à tous !", "Comment allez-vous ?", "Très bien : merci ; et vous."],
        ),
        ("Vraiment\u202f? Oui\u00a0! Bien.", ["Vraiment\u202f?", "Oui\u00a0!", "Bien."]),
        (
            "Il a dit « Bonjour ! » Puis il est parti.",
            ["Il a dit « Bonjour ! »", "Puis il est parti."],
        ),
        ("« Oui ! » dit-il. Fin.", ["« Oui ! » dit-il.", "Fin."]),
        ("M. Dupont est là. Mme Durand aussi.", ["M. Dupont est là.", "Mme Durand aussi."]),
        ("Dr. A. Example teaches. It works.", ["Dr. A. Example teaches.", "It works."]),
        (
            "Voir p. 12 et la fig. 3. Ensuite, lisez.",
            ["Voir p. 12 et la fig. 3.", "Ensuite, lisez."],
        ),
        (
            "Des pommes, des poires, etc. Puis des fraises.",
            ["Des pommes, des poires, etc.", "Puis des fraises."],
        ),
        ("Des poires, etc. et des fraises.", ["Des poires, etc. et des fraises."]),
        (
            "Eh bien... je ne sais pas. Voilà… Fin.",
            ["Eh bien... je ne sais pas.", "Voilà…", "Fin."],
        ),
        ("Le taux est de 3.5 pour cent. Ok.", ["Le taux est de 3.5 pour cent.", "Ok."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("Use e.g. this one. And that.", ["Use e.g. this one.", "And that."]),
        ("Premier point\nDeuxième point", ["Premier point", "Deuxième point"]),
        ("une phrase coupée\nen deux lignes.", ["une phrase coupée en deux lignes."]),
        ("- un\n- deux\n• trois", ["un", "deux", "trois"]),
        ("Para one\n\nthen two.", ["Para one", "then two."]),
        ("  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


# --- transcripts ---------------------------------------------------------------------------

LECTURE = (
    "Bienvenue dans ce cours d'introduction à l'accès ouvert.\n"
    "L'accès ouvert rend les publications scientifiques gratuites pour tous les lecteurs.\n"
    "Il existe deux voies principales, la voie verte et la voie dorée.\n"
)


def test_sentences_land_on_their_stretch_of_speech():
    # Stretches as long as each sentence, apart from a few percent: boundaries snap to pauses.
    segments = [Segment(0.4, 3.1), Segment(4.5, 8.4), Segment(9.7, 13.1)]
    cues = cues_from_transcript(segments, LECTURE, duration=14.0, language="fr")
    assert [c.text for c in cues] == LECTURE.splitlines()
    assert [(c.start, c.end) for c in cues] == [(0.4, 3.1), (4.5, 8.4), (9.7, 13.1)]


def test_time_is_shared_in_proportion_to_letters():
    cues = cues_from_transcript(
        [Segment(0.0, 8.0)], "Abc def. Ghi jkl mno pqr stu vwx.", duration=8
    )
    assert [c.text for c in cues] == ["Abc def.", "Ghi jkl mno pqr stu vwx."]
    assert cues[0].end == pytest.approx(2.0, abs=0.01)  # 6 of 24 letters


def test_long_sentence_split_at_a_comma():
    sentence = (
        "Les licences Creative Commons précisent ce que chacun peut faire d'une œuvre, "
        "la copier, la modifier ou la partager, à condition de citer son auteur."
    )
    cues = cues_from_transcript([Segment(1.0, 13.0)], sentence, duration=14.0)
    assert len(cues) == 2
    assert cues[0].text.endswith(",")
    assert " ".join(c.text for c in cues) == sentence
    assert_valid_cues(cues, 14.0)


def test_short_sentences_share_a_cue():
    cues = cues_from_transcript([Segment(5.0, 7.0)], "Oui. Non. Peut-être bien.", duration=20)
    assert_valid_cues(cues, 20.0)
    assert any("\n" in c.text for c in cues)
    assert " ".join(c.text for c in cues).split() == ["Oui.", "Non.", "Peut-être", "bien."]


def test_speaker_notes_one_text_per_slide():
    notes = ["First slide. It has two sentences.", "", "Third slide."]
    segments = [Segment(0.0, 3.0), Segment(4.0, 6.0), Segment(7.0, 9.0)]
    cues = cues_from_transcript(segments, notes, duration=10.0)
    assert " ".join(c.text for c in cues).split() == " ".join(notes).split()


def test_no_speech_found_spreads_over_the_whole_recording():
    cues = cues_from_transcript([], "One. Two three four.", duration=6.0)
    assert cues[0].start == 0.0 and cues[-1].end == 6.0


def test_blank_transcript_gives_placeholders():
    cues = cues_from_transcript([Segment(0, 2)], "  \n", duration=3, language="en")
    assert cues[0].text.startswith("[Cue 1")


# Words, and the tokens that make splitting hard: abbreviations, decimals, French signs.
VOCABULARY = [
    "le", "cours", "accès", "ouvert", "l'article", "c'est-à-dire", "œuvre", "à", "x",
    "Creative", "Commons", "M.", "Dr.", "etc.", "e.g.", "3.5", "2024.", "A.", "?", "!", ";",
    ":", "«", "»", "...", "…", "mot,", "ligne\nsuivante", "Voilà\u00a0!",
]  # fmt: skip
sentences = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25),
    st.sampled_from([".", " !", " ?", "…", ""]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(sentences, min_size=1, max_size=10).map(" ".join),
    segments=segment_lists,
    duration=st.floats(0.5, 130, allow_nan=False),
)
def test_transcript_keeps_every_word_in_order_within_the_rules(text, segments, duration):
    cues = cues_from_transcript(segments, text, duration=duration)
    assert " ".join(c.text for c in cues).split() == text.split()
    assert_valid_cues(cues, duration)


# --- files -----------------------------------------------------------------------------------


def test_markup_characters_are_escaped_in_webvtt(tmp_path):
    cues = [Cue(0.0, 1.5, "Fish & chips <b>\n--> 2 < 3"), Cue(3600.0, 3601.25, "Late")]
    path = write_webvtt(cues, tmp_path / "t.vtt", language="en", note="made --> here")
    parsed = webvtt.read(str(path))
    assert parsed[0].text == "Fish &amp; chips &lt;b&gt;\n--&gt; 2 &lt; 3"
    assert parsed[1].start == "01:00:00.000" and parsed[1].end == "01:00:01.250"
    assert read_webvtt(path) == cues  # decoded back to the same text


def test_srt_format(tmp_path):
    cues = [Cue(1.0, 2.5, "Un"), Cue(62.005, 65.0, "Deux\nlignes")]
    path = write_srt(cues, tmp_path / "t.srt")
    assert path.read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:02,500\nUn\n\n2\n00:01:02,005 --> 00:01:05,000\nDeux\nlignes\n"
    )
    events = pysubs2.load(str(path), encoding="utf-8")
    assert [(e.start, e.end, e.plaintext) for e in events] == [
        (1000, 2500, "Un"),
        (62005, 65000, "Deux\nlignes"),
    ]


AUTHOR_VTT = (
    "\ufeffWEBVTT - edited by hand\r\n"
    "Language: fr\r\n"
    "\r\n"
    "STYLE\r\n"
    "::cue { color: yellow }\r\n"
    "\r\n"
    "NOTE this is a comment\r\n"
    "spanning lines\r\n"
    "\r\n"
    "intro\r\n"
    "00:01.500 --> 00:03.000 align:start position:10%\r\n"
    "<v Roger>Bonjour</v> &amp; <i>bienvenue</i>\r\n"
    "\r\n"
    "00:00:00.000 --> 00:00:01.000\r\n"
    "<c.yellow>Avant</c> &lt;tout&gt;\r\n"
    "\r\n"
    "3\r\n"
    "01:00:04.000 --> 01:00:06.250 line:0\r\n"
    "Fin\r\n"
    "deuxième ligne\r\n"
)


def test_vtt_to_srt_handles_what_authors_and_tools_write(tmp_path):
    vtt = tmp_path / "edited.vtt"
    vtt.write_text(AUTHOR_VTT, encoding="utf-8", newline="")
    srt = tmp_path / "edited.srt"
    cues = vtt_to_srt(vtt, srt)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (0.0, 1.0, "Avant <tout>"),
        (1.5, 3.0, "Bonjour & <i>bienvenue</i>"),
        (3604.0, 3606.25, "Fin\ndeuxième ligne"),
    ]
    # Independent readers agree on the times: webvtt-py on the source, pysubs2 on the result.
    source_times = sorted(milliseconds(c) for c in webvtt.read(str(vtt)))
    assert source_times == [(round(c.start * 1000), round(c.end * 1000)) for c in cues]
    events = pysubs2.load(str(srt), encoding="utf-8")
    assert [(e.start, e.end) for e in events] == source_times
    assert events[1].text == "Bonjour & {\\i1}bienvenue{\\i0}"


@pytest.mark.parametrize(
    ("bad_block", "line"),
    [
        ("00:xx --> 00:02.000\nbad", "line 7: '00:xx --> 00:02.000'"),
        ("2\n00:04.000 -> 00:05.000\ntypo in the arrow", "line 8: '00:04.000 -> 00:05.000'"),
        ("00:04.000 --> soon\nno end", "line 7: '00:04.000 --> soon'"),
    ],
)
def test_vtt_with_a_bad_timing_names_the_line(tmp_path, bad_block, line):
    vtt = tmp_path / "bad.vtt"
    vtt.write_text(f"WEBVTT\n\n1\n00:01.5 --> 00:03.000\nok\n\n{bad_block}\n")
    with pytest.raises(ImportFailed, match=f"{line} is not a cue timing"):
        vtt_to_srt(vtt, tmp_path / "bad.srt")
    assert not (tmp_path / "bad.srt").exists()


def test_text_block_without_timing_is_skipped(tmp_path):
    vtt = tmp_path / "odd.vtt"
    vtt.write_text("WEBVTT\n\nstray words\nnot a cue\n\n00:01.000 --> 00:02.000\nok\n")
    assert read_webvtt(vtt) == [Cue(1.0, 2.0, "ok")]


def test_not_a_vtt(tmp_path):
    srt = tmp_path / "x.vtt"
    srt.write_text(render_srt([Cue(0, 1, "a")]), encoding="utf-8")
    with pytest.raises(ImportFailed, match="first line must be 'WEBVTT'"):
        read_webvtt(srt)


def test_render_webvtt_round_trip_with_webvtt_py(tmp_path):
    cues = make_cues([Segment(0.2, 3.0), Segment(4.0, 12.0)], duration=12.5, language="fr")
    path = tmp_path / "p.vtt"
    path.write_text(render_webvtt(cues, language="fr"), encoding="utf-8")
    assert [c.text for c in webvtt.read(str(path))] == [c.text for c in cues]
    assert read_webvtt(path) == cues
