"""Subtitle placeholders for a recording: speech timing, cues, and the WebVTT + SRT pair.

The author gets a timed skeleton instead of an empty file: one cue per stretch of speech (1-7 s,
long stretches split, tiny gaps closed), each with a placeholder sentence to replace; or, when a
transcript is known (a text, or a slide deck's speaker notes), its sentences spread over the
speech in proportion to their length, as a rough draft to correct. The parts live in
``speech`` (detection), ``cues`` (timing and text) and ``subtitle_files`` (formats).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from moocstudio.atomic import atomic_outputs
from moocstudio.media.cues import (
    Cue,
    cues_from_transcript,
    localized,
    make_cues,
    transcript_sentences,
)
from moocstudio.media.probe import probe
from moocstudio.media.speech import (
    DEFAULT_MIN_SILENCE,
    DEFAULT_NOISE_DB,
    STAGE,
    detect_speech,
    require_audio,
)
from moocstudio.media.subtitle_files import render_srt, render_webvtt
from moocstudio.model.media_info import MediaInfo
from moocstudio.progress import CancelToken, Progress, ProgressCallback, ignore_progress


@dataclass(frozen=True)
class SubtitleFiles:
    """What :func:`make_subtitle_placeholders` wrote.

    Attributes:
        vtt: The WebVTT file (what the site's player loads).
        srt: The same cues as SubRip (for platforms that want SRT, e.g. Open edX).
        cues: The cues written to both.
    """

    vtt: Path
    srt: Path
    cues: tuple[Cue, ...]


_NOTE_PLACEHOLDERS = {
    "en": (
        "Placeholder subtitles made by moocstudio from the pauses in the speech. Replace each "
        "text with what is said, and adjust the times where needed."
    ),
    "fr": (
        "Sous-titres provisoires créés par moocstudio à partir des pauses de la parole. "
        "Remplacez chaque texte par ce qui est dit et ajustez les temps si besoin."
    ),
}
_NOTE_TRANSCRIPT = {
    "en": (
        "Draft subtitles made by moocstudio: the transcript was spread over the speech in "
        "proportion to its length. Check the text and the times of each cue."
    ),
    "fr": (
        "Brouillon créé par moocstudio : la transcription a été répartie sur la parole en "
        "proportion de sa longueur. Vérifiez le texte et les temps de chaque sous-titre."
    ),
}


def make_subtitle_placeholders(
    source: Path,
    out_dir: Path,
    *,
    stem: str,
    language: str,
    transcript: str | Sequence[str] | None = None,
    info: MediaInfo | None = None,
    noise_db: float = DEFAULT_NOISE_DB,
    min_silence: float = DEFAULT_MIN_SILENCE,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> SubtitleFiles:
    """Time placeholder (or transcript draft) subtitles on a recording's speech.

    Writes ``<stem>.vtt`` and ``<stem>.srt`` in ``out_dir`` together: both or neither.

    Args:
        source: The audio or video file.
        out_dir: Folder for the two files (created if missing).
        stem: File name without extension, e.g. "lecture.fr".
        language: The course's language tag ("fr", "en"...): header and placeholder text.
        transcript: What is said, as one text or one text per slide; placeholders if None.
        info: The source's probe, when the caller has it.
        noise_db: Silence threshold, dBFS (see :func:`detect_speech`).
        min_silence: Shortest pause, seconds.
        on_progress: Receives Progress reports (stage "subtitles").
        cancel: Stops the work; nothing is left behind.

    Returns:
        The two paths and the cues.

    Raises:
        MediaDecodeError: The file cannot be read or has no audio track (nothing to time
            subtitles on; callers check ``info.audio`` first to skip such files quietly).
        EncodeFailed: ffmpeg could not decode the audio.
        Cancelled: ``cancel`` was set.
    """
    source = Path(source)
    info = info or probe(source)
    require_audio(source, info)
    segments = detect_speech(
        source,
        info=info,
        noise_db=noise_db,
        min_silence=min_silence,
        on_progress=on_progress,
        cancel=cancel,
    )
    if transcript is not None and transcript_sentences(transcript):
        cues = cues_from_transcript(segments, transcript, duration=info.duration, language=language)
        note = localized(_NOTE_TRANSCRIPT, language)
    else:
        cues = make_cues(segments, duration=info.duration, language=language)
        note = localized(_NOTE_PLACEHOLDERS, language)
    if cancel is not None:
        cancel.raise_if_cancelled(str(source))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    vtt, srt = out_dir / f"{stem}.vtt", out_dir / f"{stem}.srt"
    with atomic_outputs([vtt, srt]) as (vtt_temp, srt_temp):
        vtt_temp.write_text(render_webvtt(cues, language=language, note=note), encoding="utf-8")
        srt_temp.write_text(render_srt(cues), encoding="utf-8")
    on_progress(Progress(1.0, STAGE, eta=0.0, message=source.name))
    return SubtitleFiles(vtt=vtt, srt=srt, cues=tuple(cues))
