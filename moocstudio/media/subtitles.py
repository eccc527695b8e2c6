"""Subtitle placeholders: speech timing from ffmpeg's ``silencedetect``, cues, WebVTT and SRT.

The author gets a timed skeleton instead of an empty file: one cue per stretch of speech (1-7 s,
long stretches split, tiny gaps closed), each with a placeholder sentence to replace; or, when a
transcript is known (a text, or a slide deck's speaker notes), its sentences spread over the
speech in proportion to their length, as a rough draft to correct.

Timing works in integer milliseconds (what WebVTT and SRT store), so the cue rules hold exactly
instead of within a floating-point epsilon.
"""

from __future__ import annotations

import html
import math
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from moocstudio.atomic import atomic_output, atomic_outputs
from moocstudio.errors import ImportFailed, MediaDecodeError
from moocstudio.media.ffmpeg_cli import run_ffmpeg
from moocstudio.media.probe import probe
from moocstudio.model.media_info import MediaInfo
from moocstudio.progress import CancelToken, Progress, ProgressCallback, ignore_progress

# PERFORMANCE.md section 6: on the corpus narration (room tone near -55 dBFS) these find the
# 14 pauses between sentences; -35 dB keeps quiet words, 0.4 s ignores the gaps inside words.
DEFAULT_NOISE_DB = -35.0
DEFAULT_MIN_SILENCE = 0.4
MIN_CUE = 1.0  # shorter cues flash by before they can be read
MAX_CUE = 7.0  # longer ones hold more text than fits on two lines at speaking pace
MERGE_GAP = 0.3  # a pause this short is a breath inside a phrase, not a cue change
MIN_SPEECH = 0.15  # an isolated sound this short is a click or a breath, not a word

_STAGE = "subtitles"
_MS = 1000

# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Segment:
    """A stretch of speech, in seconds from the start of the media."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.end - self.start


@dataclass(frozen=True)
class Cue:
    """One subtitle: shown from ``start`` to ``end`` seconds; ``text`` may hold line breaks."""

    start: float
    end: float
    text: str

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.end - self.start


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


# Placeholder sentences and the file note, in the languages moocstudio speaks; others get English.
_PLACEHOLDER = {
    "en": "[Cue {n} — replace with what is said, {start}–{end}]",
    "fr": "[Sous-titre {n} — remplacez par ce qui est dit, {start}–{end}]",
}
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


def _primary_language(language: str) -> str:
    """The primary subtag ("fr-CA" gives "fr"): what the placeholder tables are keyed by."""
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]


def _localized(table: dict[str, str], language: str) -> str:
    return table.get(_primary_language(language), table["en"])


# ---------------------------------------------------------------------------------------------
# Speech detection


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
    _require_audio(source, info)
    with tempfile.TemporaryDirectory(prefix="moocstudio-silence-") as scratch:
        marks = Path(scratch) / "silences.txt"
        run_ffmpeg(
            silence_args(source, marks, noise_db=noise_db, min_silence=min_silence),
            source=source,
            duration=info.duration,
            on_progress=on_progress,
            cancel=cancel,
            stage=_STAGE,
            message=source.name,
        )
        text = marks.read_text(encoding="utf-8", errors="replace") if marks.exists() else ""
    silences = parse_silences(text, duration=info.duration)
    return speech_between(silences, duration=info.duration)


def _require_audio(source: Path, info: MediaInfo) -> None:
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


# ---------------------------------------------------------------------------------------------
# Cue timing, in integer milliseconds


@dataclass
class _Span:
    """A cue being built: [start, end) in ms, and its text (empty for a placeholder)."""

    start: int
    end: int
    text: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def _ms(seconds: float) -> int:
    return round(seconds * _MS)


def _duration_ms(seconds: float) -> int:
    # Rounded down: a cue may end a fraction of a millisecond early, never after the media.
    return max(0, math.floor(seconds * _MS))


def _check_limits(min_cue: float, max_cue: float) -> None:
    if min_cue <= 0 or max_cue < 2 * min_cue:
        # Below 2x, a cue that must grow to min_cue cannot always borrow from a full neighbour.
        raise ValueError(f"need 0 < min_cue and max_cue >= 2 * min_cue, got {min_cue}, {max_cue}")


def _normalized(segments: Iterable[Segment], duration_ms: int) -> list[tuple[int, int]]:
    """Segments clipped to [0, duration], sorted, overlaps joined, empty ones dropped."""
    clipped = sorted(
        (max(0, _ms(s.start)), min(duration_ms, _ms(s.end)))
        for s in segments
        if math.isfinite(s.start) and math.isfinite(s.end)
    )
    joined: list[tuple[int, int]] = []
    for start, end in clipped:
        if end <= start:
            continue
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _phrases(segments: list[tuple[int, int]], merge_gap: int) -> list[list[tuple[int, int]]]:
    """Group segments separated by less than ``merge_gap`` (breaths inside one phrase)."""
    groups: list[list[tuple[int, int]]] = []
    for segment in segments:
        if groups and segment[0] - groups[-1][-1][1] < merge_gap:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return groups


def _even_split(start: int, end: int, max_len: int) -> list[_Span]:
    parts = math.ceil((end - start) / max_len)
    bounds = [start + round(i * (end - start) / parts) for i in range(parts + 1)]
    return [_Span(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def _split_phrase(group: list[tuple[int, int]], min_len: int, max_len: int) -> list[_Span]:
    """Cut a phrase into spans of at most ``max_len``, at its inner pauses when possible.

    The pause nearest the middle whose two sides are both at least ``min_len`` is cut at its
    midpoint (so the two cues meet there) and each side is split again; a stretch with no such
    pause is cut into equal parts.
    """
    start, end = group[0][0], group[-1][1]
    if end - start <= max_len:
        return [_Span(start, end)]
    middle = (start + end) / 2
    cuts = [
        (abs((a[1] + b[0]) / 2 - middle), index)
        for index, (a, b) in enumerate(zip(group, group[1:], strict=False), start=1)
        if (a[1] + b[0]) // 2 - start >= min_len and end - (a[1] + b[0]) // 2 >= min_len
    ]
    if not cuts:
        return _even_split(start, end, max_len)
    _, index = min(cuts)
    cut = (group[index - 1][1] + group[index][0]) // 2
    left = [*group[: index - 1], (group[index - 1][0], cut)]
    right = [(cut, group[index][1]), *group[index + 1 :]]
    return _split_phrase(left, min_len, max_len) + _split_phrase(right, min_len, max_len)


def _join_text(first: str, second: str) -> str:
    return "\n".join(part for part in (first, second) if part)


def _grow_short(spans: list[_Span], duration: int, min_len: int, max_len: int) -> list[_Span]:
    """Make every span at least ``min_len`` long, keeping them ordered and apart.

    In order of preference: stretch it into the quiet after it, then before it; merge it with
    the neighbour it touches (the shorter result) when that stays within ``max_len``; else move
    the boundary with that neighbour (which has room to give, since max_len >= 2 * min_len).
    Only a recording shorter than ``min_len`` keeps a shorter (single) span.
    """
    spans = [_Span(s.start, s.end, s.text) for s in spans]
    index = 0
    while index < len(spans):
        span = spans[index]
        if span.length >= min_len:
            index += 1
            continue
        floor = spans[index - 1].end if index > 0 else 0
        ceiling = spans[index + 1].start if index + 1 < len(spans) else duration
        span.end = min(ceiling, max(span.end, span.start + min_len))
        span.start = max(floor, min(span.start, span.end - min_len))
        if span.length >= min_len or (index == 0 and index + 1 == len(spans)):
            index += 1
            continue
        index = _merge_or_borrow(spans, index, min_len, max_len)
    return spans


def _merge_or_borrow(spans: list[_Span], index: int, min_len: int, max_len: int) -> int:
    """Fix the short span at ``index`` that touches its neighbours; return where to look next."""
    span = spans[index]
    options = []
    if index > 0:
        options.append((span.end - spans[index - 1].start, index - 1))
    if index + 1 < len(spans):
        options.append((spans[index + 1].end - span.start, index + 1))
    combined, other = min(options)
    if combined <= max_len:
        first, second = sorted((index, other))
        spans[first] = _Span(
            spans[first].start,
            spans[second].end,
            _join_text(spans[first].text, spans[second].text),
        )
        del spans[second]
        return first  # the merged span may still be short: look at it again
    if other > index:
        span.end = span.start + min_len
        spans[other].start = span.end
    else:
        span.start = span.end - min_len
        spans[other].end = span.start
    return index + 1


def _to_cues(spans: Iterable[_Span]) -> list[Cue]:
    return [Cue(s.start / _MS, s.end / _MS, s.text) for s in spans]


def format_clock(seconds: float) -> str:
    """0:07, 1:02:03: a time as people read it (the placeholder names its cue's time)."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def make_cues(
    segments: Sequence[Segment],
    *,
    duration: float,
    language: str = "en",
    min_cue: float = MIN_CUE,
    max_cue: float = MAX_CUE,
    merge_gap: float = MERGE_GAP,
    min_speech: float = MIN_SPEECH,
) -> list[Cue]:
    """Placeholder cues over speech segments.

    Rules: segments closer than ``merge_gap`` form one phrase; a phrase longer than ``max_cue``
    is cut at its inner pause nearest the middle, else into equal parts; an isolated sound
    shorter than ``min_speech`` is dropped; a cue shorter than ``min_cue`` grows into the quiet
    around it, else merges with or borrows from a neighbour. Cues are sorted, never overlap
    (they may touch), lie inside [0, duration], last ``min_cue`` to ``max_cue`` seconds (only
    a recording shorter than ``min_cue`` has a shorter one) and cover all kept speech.

    Args:
        segments: Speech segments, e.g. from :func:`detect_speech`; any order.
        duration: Length of the recording in seconds.
        language: Language tag of the placeholder sentences ("fr", "en-GB"...).
        min_cue: Shortest cue, seconds.
        max_cue: Longest cue, seconds; at least twice ``min_cue``.
        merge_gap: Pauses shorter than this do not separate cues.
        min_speech: Isolated sounds shorter than this get no cue.

    Returns:
        The cues, each with a numbered placeholder text naming its time.

    Raises:
        ValueError: ``max_cue`` is less than twice ``min_cue``.
    """
    _check_limits(min_cue, max_cue)
    duration_ms = _duration_ms(duration)
    min_len, max_len = _ms(min_cue), _ms(max_cue)
    spans: list[_Span] = []
    for phrase in _phrases(_normalized(segments, duration_ms), _ms(merge_gap)):
        if phrase[-1][1] - phrase[0][0] >= _ms(min_speech):
            spans.extend(_split_phrase(phrase, min_len, max_len))
    spans = _grow_short(spans, duration_ms, min_len, max_len)
    template = _localized(_PLACEHOLDER, language)
    for number, span in enumerate(spans, start=1):
        span.text = template.format(
            n=number, start=format_clock(span.start / _MS), end=format_clock(span.end / _MS)
        )
    return _to_cues(spans)


# ---------------------------------------------------------------------------------------------
# Transcripts: sentences spread over the speech

# Lowercased, without the final dot. Single letters (initials, "M.", "p.") are handled apart.
_ABBREVIATIONS = frozenset(
    {
        # English
        "mr", "mrs", "ms", "dr", "prof", "st", "vs", "cf", "fig", "figs", "no", "jr", "sr",
        "approx", "dept", "eq", "eqs", "vol", "ch", "sec", "ref", "refs", "ed", "al",
        # French
        "mm", "mme", "mmes", "mlle", "mlles", "pr", "me", "mgr", "chap", "env", "ex", "réf",
        "éd", "tél", "av", "bd", "hab", "coll", "ann", "art",
    }
)  # fmt: skip
_HORIZONTAL_SPACE = "[ \t\f\v]"
_NBSP = "\u00a0\u202f\u2009"  # French typography puts these before ? ! : ; and inside « »
_CLOSERS = "»”\"’')]"
_OPENERS = "«“\"‘'([¿¡—–-"
# French puts a space before a closing guillemet; straight quotes after a space open a quote.
_SENTENCE_END = re.compile(rf"(?:\.\.\.|…|[.!?])+(?:[ {_NBSP}]*»|[{re.escape(_CLOSERS)}])*")
_BULLET = re.compile(r"^\s*[-*•‣▪◦]\s+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")


def split_sentences(text: str) -> list[str]:
    """Split a transcript into sentences, keeping every word and its punctuation.

    A sentence ends at ``. ! ? …`` (or ``...``), with any closing quotes or brackets after
    it, when the next word starts like a sentence (a capital, a digit, an opening quote).
    French spacing (``tous ?``, ``« Oui ! »``, no-break spaces) is understood; abbreviations
    (``M.``, ``Dr.``, ``e.g.``, initials) do not end a sentence, an ellipsis or ``etc.``
    followed by a capital does. A blank line always ends one; a single line break does when
    the next line starts like a sentence (speaker notes), otherwise it is a wrapped line.
    Bullets (``-``, ``•``) at the start of a line are dropped.
    """
    sentences: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        for block in _hard_lines(paragraph):
            sentences.extend(_split_block(block))
    return sentences


def _hard_lines(paragraph: str) -> list[str]:
    """Join wrapped lines; keep apart lines that start like a new sentence or a bullet."""
    blocks: list[str] = []
    for raw in paragraph.split("\n"):
        line = raw.strip()
        if not line:
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            line = raw[bullet.end() :].strip()
        if blocks and not bullet and not _starts_sentence(line):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
    return blocks


def _starts_sentence(text: str) -> bool:
    head = text.lstrip(" " + _NBSP)
    return bool(head) and (head[0].isupper() or head[0].isdigit() or head[0] in _OPENERS)


def _split_block(block: str) -> list[str]:
    block = re.sub(f"{_HORIZONTAL_SPACE}+", " ", block).strip()
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(block):
        after = block[match.end() :]
        if after and not after.startswith(" "):
            continue  # "3.5", "www.x.org", "?!»" glued to a word: not an end
        if after and not _starts_sentence(after):
            continue
        if match.group().rstrip(_CLOSERS + " " + _NBSP) == "." and _is_abbreviation(
            block[start : match.start()]
        ):
            continue
        sentence = block[start : match.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    rest = block[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _is_abbreviation(before: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1)
    return len(token) == 1 or token.lower() in _ABBREVIATIONS


def transcript_sentences(transcript: str | Sequence[str]) -> list[str]:
    """Sentences of a transcript given as one text, or one text per slide (speaker notes)."""
    texts = [transcript] if isinstance(transcript, str) else list(transcript)
    return [sentence for text in texts for sentence in split_sentences(text)]


def _weight(text: str) -> int:
    # Spoken length follows the letters and digits, not the spaces and punctuation.
    return max(1, sum(ch.isalnum() for ch in text))


class _SpeechClock:
    """Maps "speech time" (pauses removed) to media time and back."""

    def __init__(self, segments: list[tuple[int, int]]) -> None:
        self.segments = segments
        self.ends: list[int] = []  # cumulative speech time at each segment's end
        total = 0
        for start, end in segments:
            total += end - start
            self.ends.append(total)
        self.total = total

    def pauses(self) -> list[int]:
        """Speech-time positions of the pauses between segments."""
        return self.ends[:-1]

    def to_media(self, position: int, *, at_start: bool) -> int:
        """Media time of a speech-time ``position``.

        At a pause, ``at_start`` picks the start of the next segment (a sentence beginning
        there) rather than the end of the previous one (a sentence ending there).
        """
        before = 0
        for (start, _end), cumulative in zip(self.segments, self.ends, strict=True):
            if position < cumulative or (position == cumulative and not at_start):
                return start + (position - before)
            before = cumulative
        return self.segments[-1][1]


def _sentence_bounds(weights: list[int], clock: _SpeechClock) -> list[int]:
    """Speech-time boundaries between sentences, proportional to their weights.

    A boundary near a pause moves onto it (each pause taken once), so a sentence that the
    speaker ends with a pause ends there: within 30 % of the shorter neighbouring sentence.
    """
    total_weight = sum(weights)
    bounds = [0]
    running = 0
    for weight in weights:
        running += weight
        bounds.append(round(clock.total * running / total_weight))
    pauses = clock.pauses()
    used: set[int] = set()
    for i in range(1, len(bounds) - 1):
        tolerance = 0.3 * min(bounds[i] - bounds[i - 1], bounds[i + 1] - bounds[i])
        candidates = [
            (abs(pause - bounds[i]), pause)
            for pause in pauses
            if pause not in used and abs(pause - bounds[i]) <= tolerance and pause > bounds[i - 1]
        ]
        if candidates:
            _, pause = min(candidates)
            used.add(pause)
            bounds[i] = pause
    return bounds


_SOFT_BREAK = re.compile(rf"[,;:)»”][ {_NBSP}]*(?= )")


def _split_text(text: str, parts: int) -> list[str]:
    """Cut ``text`` into ``parts`` pieces of similar weight, at a comma or else between words.

    Only ordinary spaces are cut at: a no-break space (``tous ?``) stays inside its piece.
    """
    # Never cut before a French spaced sign ("mot ; suite"): it would start the next piece.
    spaces = [m.start() for m in re.finditer(" (?![;:!?»…])", text)]
    if not spaces or parts <= 1:
        return [text]
    soft = {m.end() for m in _SOFT_BREAK.finditer(text)}
    cuts: list[int] = []
    for i in range(1, parts):
        target = len(text) * i / parts
        window = len(text) / parts * 0.35  # how far a comma may pull the cut from the target
        free = [s for s in spaces if s not in cuts and (not cuts or s > cuts[-1])]
        if not free:
            break
        commas = [s for s in free if s in soft and abs(s - target) <= window]
        cuts.append(min(commas or free, key=lambda s: abs(s - target)))
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]


def _fit_sentence(
    text: str, begin: int, finish: int, clock: _SpeechClock, max_len: int
) -> list[_Span]:
    """Spans for one sentence over speech time [begin, finish]: split while longer than max."""
    start = clock.to_media(begin, at_start=True)
    end = clock.to_media(finish, at_start=False)
    if end - start <= max_len:
        return [_Span(start, end, text)]
    pieces = _split_text(text, math.ceil((end - start) / max_len))
    if len(pieces) == 1:
        # One unbreakable word over a long stretch: show it for max_len, from its start.
        return [_Span(start, start + max_len, text)]
    weights = [_weight(piece) for piece in pieces]
    spans: list[_Span] = []
    position = begin
    running = 0
    for piece, weight in zip(pieces, weights, strict=True):
        running += weight
        stop = begin + round((finish - begin) * running / sum(weights))
        spans.extend(_fit_sentence(piece, position, stop, clock, max_len))
        position = stop
    return spans


def cues_from_transcript(
    segments: Sequence[Segment],
    transcript: str | Sequence[str],
    *,
    duration: float,
    language: str = "en",
    min_cue: float = MIN_CUE,
    max_cue: float = MAX_CUE,
) -> list[Cue]:
    """Spread a transcript's sentences over the speech, as a rough timed draft.

    Each sentence gets speech time (pauses left out) in proportion to its letters; a boundary
    close to a pause moves onto it. A sentence longer than ``max_cue`` is cut at a comma or
    between words; sentences shorter than ``min_cue`` grow into the quiet around them or share
    a cue with a neighbour (one line each). Cue limits are those of :func:`make_cues`.

    Args:
        segments: Speech segments, e.g. from :func:`detect_speech`. With none (silence, or a
            constant sound), the sentences are spread over the whole duration.
        transcript: The text, or one text per slide (speaker notes), in speaking order.
        duration: Length of the recording in seconds.
        language: Language tag, for placeholders when the transcript holds no sentence.
        min_cue: Shortest cue, seconds.
        max_cue: Longest cue, seconds; at least twice ``min_cue``.

    Returns:
        Cues whose texts, read in order, give back every word of the transcript; placeholder
        cues (as :func:`make_cues`) when the transcript is blank.

    Raises:
        ValueError: ``max_cue`` is less than twice ``min_cue``.
    """
    _check_limits(min_cue, max_cue)
    sentences = transcript_sentences(transcript)
    if not sentences:
        return make_cues(
            segments, duration=duration, language=language, min_cue=min_cue, max_cue=max_cue
        )
    duration_ms = _duration_ms(duration)
    speech = _normalized(segments, duration_ms) or [(0, duration_ms)]
    if speech == [(0, 0)]:
        return []
    clock = _SpeechClock(speech)
    min_len, max_len = _ms(min_cue), _ms(max_cue)
    bounds = _sentence_bounds([_weight(s) for s in sentences], clock)
    spans: list[_Span] = []
    for sentence, begin, finish in zip(sentences, bounds, bounds[1:], strict=False):
        spans.extend(_fit_sentence(sentence, begin, finish, clock, max_len))
    return _to_cues(_grow_short(_untangled(spans), duration_ms, min_len, max_len))


def _untangled(spans: list[_Span]) -> list[_Span]:
    """Join spans that do not move forward (a sentence squeezed to nothing) into the previous."""
    kept: list[_Span] = []
    for span in spans:
        if not kept:
            span.end = max(span.end, span.start)
        if kept and span.start < kept[-1].end:
            span.start = kept[-1].end
        if kept and span.end <= span.start:
            kept[-1].text = _join_text(kept[-1].text, span.text)
            continue
        kept.append(span)
    return kept


# ---------------------------------------------------------------------------------------------
# Writing and reading files


def _vtt_time(seconds: float) -> str:
    ms = _ms(seconds)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _srt_time(seconds: float) -> str:
    return _vtt_time(seconds).replace(".", ",")


def _cue_lines(text: str) -> list[str]:
    # A blank line would end the cue early in both formats.
    return [line.strip() for line in text.splitlines() if line.strip()]


def _vtt_text(text: str) -> str:
    # WebVTT cue text is markup: & < > must be escaped, and "-->" may not appear at all.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(_cue_lines(escaped))


def render_webvtt(cues: Iterable[Cue], *, language: str, note: str | None = None) -> str:
    """WebVTT text: header with the language, an optional NOTE, numbered cues.

    ``Language:`` in the header block is what YouTube writes and players ignore when they do
    not use it; webvtt-py and browsers accept it.
    """
    blocks = [f"WEBVTT\nLanguage: {language}"]
    if note:
        blocks.append("NOTE\n" + note.replace("-->", "->"))
    for number, cue in enumerate(cues, start=1):
        timing = f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}"
        blocks.append(f"{number}\n{timing}\n{_vtt_text(cue.text)}")
    return "\n\n".join(blocks) + "\n"


def render_srt(cues: Iterable[Cue]) -> str:
    """SubRip text: 1-based numbers, comma decimals, LF line ends (every reader takes them)."""
    blocks = [
        f"{number}\n{_srt_time(cue.start)} --> {_srt_time(cue.end)}\n"
        + "\n".join(_cue_lines(cue.text))
        for number, cue in enumerate(cues, start=1)
    ]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def write_webvtt(
    cues: Iterable[Cue], path: Path, *, language: str, note: str | None = None
) -> Path:
    """Write cues as UTF-8 WebVTT, atomically (see :func:`render_webvtt`)."""
    path = Path(path)
    with atomic_output(path) as temp:
        temp.write_text(render_webvtt(cues, language=language, note=note), encoding="utf-8")
    return path


def write_srt(cues: Iterable[Cue], path: Path) -> Path:
    """Write cues as UTF-8 SubRip, atomically (see :func:`render_srt`)."""
    path = Path(path)
    with atomic_output(path) as temp:
        temp.write_text(render_srt(cues), encoding="utf-8")
    return path


_TIMESTAMP = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIMESTAMP}\s*-->\s*{_TIMESTAMP}(?:\s+.*)?$")
_LOOKS_TIMED = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d+\s*-")
_KEPT_TAGS = re.compile(r"</?([ibu])(?:\.[^>\s]*)?>")  # SRT knows <i> <b> <u>; drop classes
_ANY_TAG = re.compile(r"<[^>]*>")


def _seconds_of(hours: str | None, minutes: str, secs: str, fraction: str) -> float:
    whole = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    return whole + int(fraction.ljust(3, "0")) / 1000


def _plain_text(markup: str) -> str:
    """WebVTT cue markup to SRT text: <i>/<b>/<u> kept, other tags dropped, entities decoded."""
    kept: list[str] = []

    def stash(match: re.Match[str]) -> str:
        kept.append(f"<{'/' if match.group().startswith('</') else ''}{match[1]}>")
        return f"\x00{len(kept) - 1}\x00"

    text = _ANY_TAG.sub("", _KEPT_TAGS.sub(stash, markup))
    text = html.unescape(text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m[1])], text)


def read_webvtt(path: Path) -> list[Cue]:
    """Read the cues of a WebVTT file (e.g. the author's corrected placeholders).

    Identifiers, cue settings (``align:start``...), NOTE, STYLE and REGION blocks are
    skipped; markup other than <i>, <b>, <u> is dropped and entities are decoded. Hours are
    optional, as in the format. Cues come back sorted by start time.

    Raises:
        ImportFailed: The file cannot be read, does not start with ``WEBVTT``, or a cue
            timing cannot be read (the message gives the line to fix).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, "is not UTF-8 text; save it again as UTF-8") from exc
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ImportFailed(path, "is not a WebVTT file: its first line must be 'WEBVTT'")
    cues: list[Cue] = []
    for first_line, block in _blocks(lines):
        cue = _read_block(path, first_line, block)
        if cue is not None:
            cues.append(cue)
    return sorted(cues, key=lambda c: c.start)


def _blocks(lines: list[str]) -> Iterable[tuple[int, list[str]]]:
    """(1-based line number of its first line, lines) for each block after the header."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _read_block(path: Path, first_line: int, block: list[str]) -> Cue | None:
    if block[0].startswith("WEBVTT") and first_line == 1:
        return None
    if re.match(r"^(NOTE|STYLE|REGION)(?:[ \t]|$)", block[0]):
        return None
    timing_at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
    if timing_at is None:
        # The format says skip a block without "-->"; but one that starts like a timing is an
        # author's typo ("->"), and skipping it would drop a subtitle without a word.
        timing_at = next((i for i, line in enumerate(block[:2]) if _LOOKS_TIMED.match(line)), None)
        if timing_at is None:
            return None
    match = _TIMING.match(block[timing_at])
    if match is None:
        raise ImportFailed(
            path,
            f"line {first_line + timing_at}: '{block[timing_at].strip()}' is not a cue timing; "
            "write it as 00:01:02.500 --> 00:01:05.000",
        )
    start = _seconds_of(*match.groups()[:4])
    end = _seconds_of(*match.groups()[4:])
    text = "\n".join(_plain_text(line) for line in block[timing_at + 1 :]).strip()
    if not text or end <= start:
        return None  # nothing to show: SRT has no way to write it
    return Cue(start, end, text)


def vtt_to_srt(vtt_path: Path, srt_path: Path) -> list[Cue]:
    """Convert a WebVTT file to SubRip (the Open edX export wants SRT), atomically.

    Returns:
        The cues written.

    Raises:
        ImportFailed: The WebVTT file cannot be read (see :func:`read_webvtt`).
    """
    cues = read_webvtt(vtt_path)
    write_srt(cues, srt_path)
    return cues


# ---------------------------------------------------------------------------------------------
# The whole job


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
    _require_audio(source, info)
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
        note = _localized(_NOTE_TRANSCRIPT, language)
    else:
        cues = make_cues(segments, duration=info.duration, language=language)
        note = _localized(_NOTE_PLACEHOLDERS, language)
    if cancel is not None:
        cancel.raise_if_cancelled(str(source))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    vtt, srt = out_dir / f"{stem}.vtt", out_dir / f"{stem}.srt"
    with atomic_outputs([vtt, srt]) as (vtt_temp, srt_temp):
        vtt_temp.write_text(render_webvtt(cues, language=language, note=note), encoding="utf-8")
        srt_temp.write_text(render_srt(cues), encoding="utf-8")
    on_progress(Progress(1.0, _STAGE, eta=0.0, message=source.name))
    return SubtitleFiles(vtt=vtt, srt=srt, cues=tuple(cues))


__all__ = [
    "DEFAULT_MIN_SILENCE",
    "DEFAULT_NOISE_DB",
    "MAX_CUE",
    "MERGE_GAP",
    "MIN_CUE",
    "MIN_SPEECH",
    "Cue",
    "Segment",
    "SubtitleFiles",
    "cues_from_transcript",
    "detect_speech",
    "make_cues",
    "make_subtitle_placeholders",
    "read_webvtt",
    "split_sentences",
    "vtt_to_srt",
    "write_srt",
    "write_webvtt",
]
