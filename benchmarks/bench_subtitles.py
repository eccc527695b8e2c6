"""Figures for subtitle placeholders and posters (issue 3, PERFORMANCE.md target 8).

Run from the repository root: ``PYTHONPATH=. python benchmarks/bench_subtitles.py /tmp/corpus`` (the
folder made by ``shared/media/make_corpus.sh``). Prints, in one run:

* silence detection speed in x realtime on ``narration.wav`` and on the AAC track of
  ``lecture_1080p30.mp4``, against raw ffmpeg with the identical arguments (ratio), both with
  the probe already known (the pipeline's case) and with the probe included;
* the number of silences found on the narration (PERFORMANCE.md: 14) and the cues made;
* poster time per corpus file.

Runs are interleaved (raw, moocstudio, raw, ...) so that load from other work on the machine
hits both sides alike; medians are reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from moocstudio.errors import MoocstudioError
from moocstudio.media.cues import make_cues
from moocstudio.media.ffmpeg_cli import COMMON_OPTIONS, PROGRESS_OPTIONS
from moocstudio.media.posters import make_poster
from moocstudio.media.probe import probe
from moocstudio.media.speech import detect_speech, parse_silences, silence_args
from moocstudio.media.tools import find_ffmpeg

RUNS = 15
POSTER_RUNS = 3
TARGETS = {"narration.wav": 1000.0, "lecture_1080p30.mp4": 400.0}  # x realtime, PERFORMANCE 8


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median seconds of each action, runs interleaved."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for action in actions.values():
        action()  # warm the page cache and the code paths
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(timed(action))
    return {name: statistics.median(values) for name, values in times.items()}


def bench_silences(corpus: Path, scratch: Path) -> None:
    ffmpeg = find_ffmpeg()
    print(f"ffmpeg: {ffmpeg.version_text} ({ffmpeg.origin})")
    print()
    print("| input | raw ffmpeg s | moocstudio s (probe known) | ratio | x rt | target "
          "| with probe s | ratio | silences | segments | cues |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, target in TARGETS.items():
        source = corpus / name
        if not source.exists():
            print(f"| {name} | missing | | | | | | | | | |")
            continue
        info = probe(source)
        marks = scratch / f"{source.stem}.silences.txt"
        argv = [ffmpeg.path, *COMMON_OPTIONS, *PROGRESS_OPTIONS, *silence_args(source, marks)]

        def raw(argv: list[str] = argv) -> None:
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)

        medians = interleaved(
            {
                "raw": raw,
                "known": lambda source=source, info=info: detect_speech(source, info=info),
                "probed": lambda source=source: detect_speech(source),
            },
            RUNS,
        )
        raw()
        silences = parse_silences(marks.read_text(encoding="utf-8"), duration=info.duration)
        segments = detect_speech(source, info=info)
        cues = make_cues(segments, duration=info.duration)
        x_rt = info.duration / medians["known"]
        print(
            f"| {name} | {medians['raw']:.3f} | {medians['known']:.3f} "
            f"| {medians['known'] / medians['raw']:.2f} | {x_rt:.0f} "
            f"| {'ok' if x_rt >= target else 'MISSED'} >= {target:.0f} "
            f"| {medians['probed']:.3f} | {medians['probed'] / medians['raw']:.2f} "
            f"| {len(silences)} | {len(segments)} | {len(cues)} |"
        )
    print()
    print("raw x rt for reference: duration / raw median; ratios < 1 mean moocstudio was faster")


def bench_posters(corpus: Path, scratch: Path) -> None:
    print()
    print("| file | poster ms (probe known) | with probe ms | size | frame at s |")
    print("|---|---|---|---|---|")
    out = scratch / "posters"
    for source in sorted(corpus.glob("*.mp4")):
        try:
            info = probe(source)
        except MoocstudioError as exc:
            print(f"| {source.name} | not probed: {exc.user_message[:60]}... | | | |")
            continue
        known = []
        probed = []
        result = None
        for _ in range(POSTER_RUNS):
            start = time.perf_counter()
            result = make_poster(source, out, stem=source.stem, info=info)
            known.append(time.perf_counter() - start)
            probed.append(timed(lambda source=source: make_poster(source, out, stem=source.stem)))
        assert result is not None
        print(
            f"| {source.name} | {statistics.median(known) * 1000:.0f} "
            f"| {statistics.median(probed) * 1000:.0f} | {result.width}x{result.height} "
            f"| {result.time:.2f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("/tmp/corpus"))
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder; make it with shared/media/make_corpus.sh")
        return 2
    # Other work on the machine slows both sides; a load well above the core count makes the
    # absolute x-realtime figures meaningless (the interleaved ratios still hold).
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-subtitles-") as scratch:
        bench_silences(args.corpus, Path(scratch))
        bench_posters(args.corpus, Path(scratch))
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
