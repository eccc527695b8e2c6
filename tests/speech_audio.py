"""Speech-like test audio: tone bursts at chosen times over faint noise, as an aevalsrc graph."""

from __future__ import annotations


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
