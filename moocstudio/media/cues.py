"""Subtitle cues timed on speech: 1-7 s each, placeholders or a transcript spread over them.

Timing works in integer milliseconds (what WebVTT and SRT store), so the cue rules hold exactly
instead of within a floating-point epsilon.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Types only: speech detection probes media with PyAV, which the cue editor (and the app's
    # start-up, through its undo commands) must not load.
    from moocstudio.media.speech import Segment

MIN_CUE = 1.0  # shorter cues flash by before they can be read
MAX_CUE = 7.0  # longer ones hold more text than fits on two lines at speaking pace
MERGE_GAP = 0.3  # a pause this short is a breath inside a phrase, not a cue change
MIN_SPEECH = 0.15  # an isolated sound this short is a click or a breath, not a word

_MS = 1000


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


# Placeholder sentences and the file note, in the languages moocstudio speaks; others get English.
_PLACEHOLDER = {
    "en": "[Cue {n} — replace with what is said, {start}–{end}]",
    "fr": "[Sous-titre {n} — remplacez par ce qui est dit, {start}–{end}]",
}


def _primary_language(language: str) -> str:
    """The primary subtag ("fr-CA" gives "fr"): what the placeholder tables are keyed by."""
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]


def localized(table: dict[str, str], language: str) -> str:
    """The entry of ``table`` for the language, English when it has none."""
    return table.get(_primary_language(language), table["en"])


@dataclass
class _Span:
    """A cue being built: [start, end) in ms, and its text (empty for a placeholder)."""

    start: int
    end: int
    text: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def to_ms(seconds: float) -> int:
    """Seconds to whole milliseconds, the unit cue files store."""
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
        (max(0, to_ms(s.start)), min(duration_ms, to_ms(s.end)))
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
    min_len, max_len = to_ms(min_cue), to_ms(max_cue)
    spans: list[_Span] = []
    for phrase in _phrases(_normalized(segments, duration_ms), to_ms(merge_gap)):
        if phrase[-1][1] - phrase[0][0] >= to_ms(min_speech):
            spans.extend(_split_phrase(phrase, min_len, max_len))
    spans = _grow_short(spans, duration_ms, min_len, max_len)
    template = localized(_PLACEHOLDER, language)
    for number, span in enumerate(spans, start=1):
        span.text = template.format(
            n=number, start=format_clock(span.start / _MS), end=format_clock(span.end / _MS)
        )
    return _to_cues(spans)


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
    min_len, max_len = to_ms(min_cue), to_ms(max_cue)
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
