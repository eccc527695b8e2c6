"""Figures for issue #16 item 9: keyframes, bits and VMAF per rung, before/after vs the floor.

Run from the repository root::

    python benchmarks/bench_gop.py /tmp/corpus/lecture_1080p30.mp4 [MORE.mp4 ...] [--seconds 12]
    python benchmarks/bench_gop.py /tmp/corpus/slides_720p30.mp4 --start 24  # a slide change

Each source is cut to ``--seconds`` from ``--start`` (stream copy, as ``shared/PERFORMANCE.md``
cuts its excerpts). For every rung of the profile, these encodes are compared:

* **floor**: plain ffmpeg, one run per rung, with the rung's CRF, VBV caps and the same 4 s forced
  keyframes, nothing else (``-vf scale=W:H -c:v libx264 -preset veryfast -crf C -maxrate M
  -bufsize B -force_key_frames expr:gte(t,n_forced*4)``); a second floor row adds ``-g`` of the
  interval in frames, which the issue found doubles keyframes too;
* **before**: moocstudio's one-decode ladder with main's keyframe options (``-g`` = the interval
  in frames, ffmpeg's default ``-keyint_min``);
* **after**: the ladder as this branch builds it (``renditions.ladder_args``).

Per output: the keyframe times (PyAV), the video bits (sum of the video packets, so the audio the
ladder carries and the floor does not is left out), and VMAF v0.6.1 (every 2nd frame) against the
source scaled bicubic to the rung's size (``bench_media.quality``). Target: after <= 1.02x the
floor's bits at equal VMAF.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import av
from bench_media import all_encoded, quality, raw_ffmpeg

from moocstudio.media.ffmpeg_cli import COMMON_OPTIONS
from moocstudio.media.probe import probe
from moocstudio.media.renditions import (
    DEFAULT_PROFILE,
    PROFILES,
    X264_PRESET,
    PlannedRendition,
    RenditionPlan,
    ladder_args,
    plan_renditions,
)
from moocstudio.media.tools import find_ffmpeg
from moocstudio.media.transcode import output_names

TARGET_BITS_RATIO = 1.02


@dataclass(frozen=True)
class Measured:
    """One output: where its keyframes are, how many bits its video takes, how good it looks."""

    keyframes: tuple[float, ...]
    video_kbps: float
    vmaf: float


def measure(ffmpeg: str, output: Path, source: Path, work: Path, seconds: float) -> Measured:
    with av.open(str(output)) as container:
        keyframes: list[float] = []
        size = 0
        for packet in container.demux(video=0):
            if packet.pts is None or packet.time_base is None:
                continue
            size += packet.size
            if packet.is_keyframe:
                keyframes.append(round(float(packet.pts * packet.time_base), 3))
    _, vmaf = quality(ffmpeg, output, source, work)
    return Measured(tuple(sorted(keyframes)), size * 8 / seconds / 1000, vmaf)


def main_keyframe_options(args: list[str], plan: RenditionPlan) -> list[str]:
    """``args`` with the keyframe options main had before this fix: ``-g`` of the interval in
    frames, ffmpeg's default ``-keyint_min`` (25), forced keyframes of x264's default type."""
    before: list[str] = []
    pairs = iter(args)
    for arg in pairs:
        if arg in ("-keyint_min:v", "-forced-idr:v"):
            next(pairs)
            continue
        before.append(arg)
        if arg == "-g:v":
            next(pairs)
            before.append(str(plan.gop_frames))
    return before


def floor_args(
    source: Path, rendition: PlannedRendition, plan: RenditionPlan, output: Path, *, gop: bool
) -> list[str]:
    args = [
        "-i", str(source), "-an",
        "-vf", f"scale={rendition.width}:{rendition.height}",
        "-c:v", "libx264", "-preset", X264_PRESET, "-crf", str(rendition.crf),
        "-maxrate", str(rendition.maxrate), "-bufsize", str(rendition.bufsize),
        "-force_key_frames", f"expr:gte(t,n_forced*{plan.gop_seconds})",
    ]  # fmt: skip
    if gop:
        args += ["-g", str(plan.gop_frames)]
    return [*args, "-movflags", "+faststart", str(output)]


def run(ffmpeg: str, args: list[str]) -> float:
    start = time.perf_counter()
    raw_ffmpeg(ffmpeg, args)
    return time.perf_counter() - start


def bench_source(
    ffmpeg: str, source: Path, profile: str, window: tuple[float, float], work: Path
) -> tuple[list[dict[str, object]], dict[str, float]]:
    start, seconds = window
    clip = work / f"{source.stem}-{start:g}-{seconds:g}s.mp4"
    raw_ffmpeg(
        ffmpeg,
        ["-ss", f"{start:g}", "-i", str(source), "-t", f"{seconds:g}", "-map", "0", "-c", "copy",
         str(clip)],
    )  # fmt: skip
    info = probe(clip)
    plan = plan_renditions(info, profile)
    plan = all_encoded(plan)  # a conforming source's top rung too: the floor encodes it
    duration = info.duration
    outputs: dict[str, list[Path]] = {}
    times: dict[str, float] = {}
    for side in ("before", "after"):
        folder = work / source.stem / side
        folder.mkdir(parents=True)
        outputs[side] = [folder / name for name in output_names("x", plan)]
        args = ladder_args(plan, clip, outputs[side])
        if side == "before":
            args = main_keyframe_options(args, plan)
        times[side] = run(ffmpeg, args)
    for side, gop in (("floor", False), ("floor -g", True)):
        folder = work / source.stem / side.replace(" ", "")
        folder.mkdir(parents=True)
        outputs[side] = [folder / f"{r.label}.mp4" for r in plan.renditions]
        times[side] = sum(
            run(ffmpeg, floor_args(clip, r, plan, out, gop=gop))
            for r, out in zip(plan.renditions, outputs[side], strict=True)
        )
    rows = []
    for index, rendition in enumerate(plan.renditions):
        row: dict[str, object] = {"clip": source.stem, "rung": rendition.label}
        for side, paths in outputs.items():
            row[side] = measure(ffmpeg, paths[index], clip, work, duration)
        rows.append(row)
    return rows, times


def print_table(rows: list[dict[str, object]]) -> None:
    sides = ("floor", "floor -g", "before", "after")
    print("| clip | rung | side | keyframes (s) | video kbit/s | × floor bits | VMAF | ΔVMAF |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        floor = row["floor"]
        assert isinstance(floor, Measured)
        for side in sides:
            measured = row[side]
            assert isinstance(measured, Measured)
            keyframes = ", ".join(f"{t:g}" for t in measured.keyframes)
            print(
                f"| {row['clip']} | {row['rung']} | {side} | {len(measured.keyframes)}: "
                f"{keyframes} | {measured.video_kbps:.0f} | "
                f"{measured.video_kbps / floor.video_kbps:.3f} | {measured.vmaf:.2f} | "
                f"{measured.vmaf - floor.vmaf:+.2f} |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("sources", type=Path, nargs="+", help="clips, e.g. the corpus lecture")
    parser.add_argument("--seconds", type=float, default=12.0, help="length of each excerpt")
    parser.add_argument(
        "--start", type=float, default=0.0, help="where excerpts start (on a source keyframe)"
    )
    parser.add_argument("--profile", default=DEFAULT_PROFILE, choices=sorted(PROFILES))
    options = parser.parse_args()
    missing = [str(s) for s in options.sources if not s.is_file()]
    if missing:
        print(
            f"missing {', '.join(missing)}; make the corpus first:\n"
            "  bash ../shared/media/make_corpus.sh /tmp/corpus \"$(python -c 'import "
            "imageio_ffmpeg as i; print(i.get_ffmpeg_exe())')\"",
            file=sys.stderr,
        )
        return 2
    tool = find_ffmpeg()
    print(
        f"ffmpeg: {tool.version_text}; profile {options.profile}; {options.seconds:g} s excerpts "
        f"from {options.start:g} s"
    )
    print(f"common ffmpeg options: {' '.join(COMMON_OPTIONS)}\n")
    work = Path(tempfile.mkdtemp(prefix="bench-gop-"))
    all_rows: list[dict[str, object]] = []
    try:
        for source in options.sources:
            window = (options.start, options.seconds)
            rows, times = bench_source(tool.path, source, options.profile, window, work)
            all_rows += rows
            print(
                f"{source.name}: wall s (one run each, informational): "
                + ", ".join(f"{side} {seconds:.2f}" for side, seconds in times.items())
            )
        print()
        print_table(all_rows)
        after = [row["after"] for row in all_rows]
        floors = [row["floor"] for row in all_rows]
        worst = max(a.video_kbps / f.video_kbps for a, f in zip(after, floors, strict=True))  # type: ignore[attr-defined]
        print(f"\nworst after / floor bits: {worst:.3f} (target <= {TARGET_BITS_RATIO})")
    except subprocess.CalledProcessError as exc:
        print(f"ffmpeg failed: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
