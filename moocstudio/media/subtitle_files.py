"""WebVTT and SubRip files: write cues, read an author's edited WebVTT back, convert to SRT."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from moocstudio.atomic import atomic_output
from moocstudio.errors import ImportFailed
from moocstudio.media.cues import Cue, to_ms


def _vtt_time(seconds: float) -> str:
    ms = to_ms(seconds)
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
