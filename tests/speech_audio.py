"""Speech-like test audio: tone bursts at chosen times over faint noise, as an aevalsrc graph."""

from __future__ import annotations

SPEECH = [(0.5, 2.0), (2.8, 3.3), (4.6, 12.6)]
"""Where the "speech" is (seconds): a lead-in, a 0.8 s pause, a short word, a long phrase."""
SPEECH_SECONDS = 14.0
PEAKS_TOLERANCE = 0.032
"""How far (s) the waveform's speech ends may be from SPEECH: one 10 ms bucket (the grain of
the peaks) plus, for AAC, one 1024-sample frame at 48 kHz (21.3 ms), over which the encoder
may spread the start or end of a tone: 31.3 ms, rounded up."""


def speech_filter(segments: list[tuple[float, float]], seconds: float) -> str:
    """An aevalsrc graph: a 330 Hz tone (about -6 dBFS) during ``segments``, -70 dBFS noise."""
    gates = "+".join(f"between(t,{a},{b})" for a, b in segments)
    expr = f"({gates})*0.5*sin(2*PI*330*t)+0.0006*(random(0)-0.5)"
    return f"aevalsrc='{expr}':s=16000:d={seconds}"


def speech_mp4_args(segments: list[tuple[float, float]], seconds: float) -> list[str]:
    """ffmpeg inputs and output options for that speech as AAC in an MP4 with a tiny picture."""
    return [
        "-f", "lavfi", "-i", f"testsrc2=size=96x64:rate=5:duration={seconds}",
        "-f", "lavfi", "-i", speech_filter(segments, seconds),
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-ar", "48000", "-ac", "2",
        "-shortest",
    ]  # fmt: skip
