"""Figures for the media issue (#3): rendition ladder speed, remux, and quality per rung.

Run from the repository root::

    python benchmarks/bench_media.py /tmp/corpus [--runs 3] [--quick]

The corpus comes from ``../shared/media/make_corpus.sh`` (``bash make_corpus.sh /tmp/corpus
"$(python -c 'import imageio_ffmpeg as i; print(i.get_ffmpeg_exe())')"``). Like
``shared/PERFORMANCE.md``, encode rows read 20 s stream-copied excerpts of the lecture and the
slides, so a run takes a few minutes on 2 cores. Every time is a median of ``--runs`` runs, the
two sides of each ratio interleaved in the same run so a busy machine slows both alike.

Rows:

1. moocstudio ``transcode()`` / raw ffmpeg with the identical ladder arguments (target <= 1.05);
2. the 3-rung ladder in one decode / three separate ffmpeg runs (target <= 0.7; PERFORMANCE.md
   measured the floor itself at 0.74 on the lecture and 0.80 on the slides);
3. remux of the conforming clip (probe + plan + copy + check) / re-encode of its 720p rung;
4. size, SSIM and VMAF per rung against the source scaled (bicubic) to the rung's size;
5. whole corpus clips through ``transcode()`` (portrait, 4K, VFR, no audio, truncated).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from moocstudio.errors import MoocstudioError
from moocstudio.media.ffmpeg_cli import COMMON_OPTIONS, run_ffmpeg
from moocstudio.media.probe import probe
from moocstudio.media.renditions import RenditionPlan, ladder_args, plan_renditions, remux_args
from moocstudio.media.tools import find_ffmpeg
from moocstudio.media.transcode import moov_before_mdat, output_names, transcode

EXCERPT_SECONDS = 20
CLIPS = ("lecture_1080p30", "slides_720p30")
WHOLE_CLIPS = (
    "phone_portrait",
    "uhd_2160p30",
    "vfr_720p",
    "noaudio_720p30",
    "truncated_faststart",
    "truncated_moov",
)
VMAF_SUBSAMPLE = 2  # every 2nd frame, as PERFORMANCE.md


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(runs: int, **actions: Callable[[], object]) -> dict[str, float]:
    """Median seconds of each action, run in turn (a, b, a, b ...)."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(timed(action))
    return {name: statistics.median(values) for name, values in times.items()}


def cpu_split(action: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this Python process and of its children (ffmpeg) during ``action``.

    Unlike wall time, CPU time barely moves when other work shares the machine, so the Python
    side's share is a steadier measure of moocstudio's overhead than a ratio of wall times.
    """
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    action()
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)

    def spent(after: resource.struct_rusage, before: resource.struct_rusage) -> float:
        return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

    return spent(self_after, self_before), spent(children_after, children_before)


def raw_ffmpeg(ffmpeg: str, args: list[str]) -> None:
    subprocess.run([ffmpeg, *COMMON_OPTIONS, *args], check=True)


def excerpt(ffmpeg: str, source: Path, target: Path) -> Path:
    raw_ffmpeg(
        ffmpeg,
        ["-i", str(source), "-t", str(EXCERPT_SECONDS), "-map", "0", "-c", "copy", str(target)],
    )
    return target


def single(plan: RenditionPlan, index: int) -> RenditionPlan:
    """The plan with one rung only, encoded: what one of three separate runs would do."""
    return replace(plan, renditions=(replace(plan.renditions[index], remux=False),))


def quality(ffmpeg: str, output: Path, source: Path, work: Path) -> tuple[float, float]:
    """SSIM (All) and VMAF of ``output`` against ``source`` scaled to its size, in one run."""
    info = probe(output)
    assert info.video is not None
    width, height = info.video.width, info.video.height
    ssim_log, vmaf_log = work / "ssim.log", work / "vmaf.json"
    graph = (
        f"[1:v]scale={width}:{height}:flags=bicubic,format=yuv420p,split[r1][r2];"
        "[0:v]format=yuv420p,split[d1][d2];"
        f"[d1][r1]ssim=stats_file={ssim_log}[s];"
        f"[d2][r2]libvmaf=log_fmt=json:log_path={vmaf_log}:n_subsample={VMAF_SUBSAMPLE}"
        ":n_threads=2[v]"
    )
    null_outputs = ["-map", "[s]", "-f", "null", "-", "-map", "[v]", "-f", "null", "-"]
    raw_ffmpeg(ffmpeg, ["-i", str(output), "-i", str(source), "-lavfi", graph, *null_outputs])
    # The stats file is one "n:1 Y:... U:... V:... All:0.99 (..)" line per frame.
    frames = [
        float(field.partition(":")[2])
        for line in ssim_log.read_text().splitlines()
        for field in line.split()
        if field.startswith("All:")
    ]
    vmaf = json.loads(vmaf_log.read_text())["pooled_metrics"]["vmaf"]["mean"]
    return statistics.fmean(frames), vmaf


def all_encoded(plan: RenditionPlan) -> RenditionPlan:
    """The plan with nothing copied: the ladder a tool without remux detection would run."""
    return replace(plan, renditions=tuple(replace(r, remux=False) for r in plan.renditions))


def ladder_rows(ffmpeg: str, corpus: Path, work: Path, runs: int) -> list[dict[str, object]]:
    rows = []
    for name in CLIPS:
        source = excerpt(ffmpeg, corpus / f"{name}.mp4", work / f"{name}-20s.mp4")
        plan = plan_renditions(probe(source))
        raw_dir, ours_dir, sep_dir = (work / name / d for d in ("raw", "ours", "sep"))
        for folder in (raw_dir, ours_dir, sep_dir):
            folder.mkdir(parents=True)
        # What transcode() runs, by hand: the copy (if the excerpt conforms), then the ladder.
        same_work = [remux_args(plan, source, raw_dir / "copy.mp4")] if plan.remuxed else []
        same_work.append(
            ladder_args(plan, source, [raw_dir / f"same-{r.label}.mp4" for r in plan.encoded])
        )
        # One decode against three runs, every rung encoded on both sides.
        encoded = all_encoded(plan)
        rung_outputs = [raw_dir / n for n in output_names("x", encoded)]
        one_decode = ladder_args(encoded, source, rung_outputs)
        separate = [
            ladder_args(single(encoded, i), source, [sep_dir / rung_outputs[i].name])
            for i in range(len(encoded.renditions))
        ]
        medians = interleaved(
            runs,
            ours=lambda s=source, d=ours_dir: transcode(s, d, stem="x"),
            raw=lambda steps=same_work: [raw_ffmpeg(ffmpeg, a) for a in steps],
            one_decode=lambda a=one_decode: raw_ffmpeg(ffmpeg, a),
            three=lambda steps=separate: [raw_ffmpeg(ffmpeg, a) for a in steps],
        )
        python_cpu, ffmpeg_cpu = cpu_split(lambda s=source, d=ours_dir: transcode(s, d, stem="x"))
        medians["python_cpu"], medians["ffmpeg_cpu"] = python_cpu, ffmpeg_cpu
        per_rung = []
        for rendition, output in zip(plan.renditions, rung_outputs, strict=True):
            ssim, vmaf = quality(ffmpeg, output, source, work)
            size = output.stat().st_size
            seconds = probe(output).duration
            per_rung.append(
                {
                    "rung": rendition.label,
                    "size": f"{rendition.width}x{rendition.height}",
                    "kbit/s": round(size * 8 / seconds / 1000),
                    "MB/min": round(size / seconds * 60 / 1e6, 2),
                    "SSIM": round(ssim, 4),
                    "VMAF": round(vmaf, 1),
                    "copied by moocstudio": rendition.remux,
                }
            )
        rows.append({"clip": name, **medians, "rungs": per_rung})
    return rows


def remux_row(ffmpeg: str, corpus: Path, work: Path, runs: int) -> dict[str, float]:
    source = corpus / "conforming_720p.mp4"
    copied = work / "conforming-remux.mp4"
    encoded = work / "conforming-encode.mp4"

    def ours_remux() -> None:
        plan = plan_renditions(probe(source))
        assert plan.remuxed, "conforming_720p.mp4 should be copied"
        run_ffmpeg(remux_args(plan, source, copied), source=source)
        assert moov_before_mdat(copied) and probe(copied).video is not None

    plan = plan_renditions(probe(source))
    reencode = ladder_args(single(plan, len(plan.renditions) - 1), source, [encoded])
    medians = interleaved(runs, remux=ours_remux, reencode=lambda: raw_ffmpeg(ffmpeg, reencode))
    full = work / "conforming-full"
    full.mkdir()
    full_args = ladder_args(all_encoded(plan), source, [full / f"{i}.mp4" for i in range(3)])
    ladder = interleaved(
        runs,
        ours=lambda: transcode(source, full, stem="c"),
        encode_all=lambda: raw_ffmpeg(ffmpeg, full_args),
    )
    return {**medians, "ladder_ours": ladder["ours"], "ladder_encode_all": ladder["encode_all"]}


def whole_clip_rows(corpus: Path, work: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name in WHOLE_CLIPS:
        source = corpus / f"{name}.mp4"
        out = work / "whole" / name
        start = time.perf_counter()
        try:
            result = transcode(source, out)
        except MoocstudioError as exc:
            elapsed = time.perf_counter() - start
            rows.append(
                {
                    "clip": name,
                    "s": elapsed,
                    "outcome": f"{type(exc).__name__}: "
                    f"{exc.user_message[len(str(source)) + 2 :][:90]}",
                }
            )
            continue
        elapsed = time.perf_counter() - start
        media = result.plan.duration
        outputs = ", ".join(
            f"{r.label} {r.width}x{r.height} {r.path.stat().st_size / 1e6:.2f} MB"
            for r in result.renditions
        )
        rows.append({"clip": name, "s": elapsed, "x rt": media / elapsed, "outcome": outputs})
    return rows


def print_report(
    tool_text: str,
    ladders: list[dict[str, object]],
    remux: dict[str, float] | None,
    whole: list[dict[str, object]],
) -> None:
    print(f"ffmpeg: {tool_text}")
    print(f"\n1-2. 3-rung mobile ladder, {EXCERPT_SECONDS} s excerpts (median s)")
    print(
        f"{'clip':18} {'moocstudio':>10} {'raw same':>9} {'1 decode':>9} {'3 runs':>7} "
        f"{'ours/raw':>9} {'1-dec/3':>8}"
    )
    for row in ladders:
        ours, raw, one, three = (
            float(row[k])  # type: ignore[arg-type]
            for k in ("ours", "raw", "one_decode", "three")
        )
        print(
            f"{row['clip']:18} {ours:10.2f} {raw:9.2f} {one:9.2f} {three:7.2f} "
            f"{ours / raw:9.3f} {one / three:8.3f}"
        )
    for row in ladders:
        python_cpu, ffmpeg_cpu = float(row["python_cpu"]), float(row["ffmpeg_cpu"])  # type: ignore[arg-type]
        print(
            f"   {row['clip']}: moocstudio's own CPU (probe, checks, progress) "
            f"{python_cpu * 1000:.0f} ms = {python_cpu / ffmpeg_cpu:.2%} of ffmpeg's "
            f"{ffmpeg_cpu:.1f} CPU-s"
        )
    print("   raw same = ffmpeg run by hand with transcode()'s own arguments (copy + ladder);")
    print("   1 decode / 3 runs: every rung encoded on both sides.")
    print("   targets: ours/raw <= 1.05; 1-dec/3 <= 0.7 (floor measured 0.74 lecture, 0.80 slides)")

    print("\n4. quality and size per encoded rung (against the source scaled bicubic to the rung)")
    print(f"{'clip':18} {'rung':5} {'size':>9} {'kbit/s':>7} {'MB/min':>7} {'SSIM':>7} {'VMAF':>6}")
    for row in ladders:
        for rung in row["rungs"]:  # type: ignore[attr-defined]
            note = "  (moocstudio copies this rung)" if rung["copied by moocstudio"] else ""
            print(
                f"{row['clip']:18} {rung['rung']:5} {rung['size']:>9} {rung['kbit/s']:7} "
                f"{rung['MB/min']:7.2f} {rung['SSIM']:7.4f} {rung['VMAF']:6.1f}{note}"
            )
    print(
        "   targets: slides 720p SSIM >= 0.95; lecture VMAF 360p >= 87.6, 540p >= 90.6, "
        "720p >= 91.6 (kbit/s incl. audio <= 240 / 567 / 1290)"
    )

    if remux is not None:
        print("\n3. conforming_720p (30 s): copy instead of encode")
        print(
            f"   probe + plan + remux + check: {remux['remux'] * 1000:.0f} ms; "
            f"re-encode of the 720p rung: {remux['reencode']:.2f} s; "
            f"remux is {remux['reencode'] / remux['remux']:.0f}x faster (target >= 50x)"
        )
        print(
            f"   whole ladder: moocstudio (2 encodes + copy) {remux['ladder_ours']:.2f} s; "
            f"raw ffmpeg encoding all 3 {remux['ladder_encode_all']:.2f} s; "
            f"ratio {remux['ladder_ours'] / remux['ladder_encode_all']:.3f}"
        )

    if whole:
        print("\n5. whole corpus clips through transcode() (one run each)")
        for row in whole:
            speed = f"{row['x rt']:5.1f}x rt" if "x rt" in row else "        "
            print(f"   {row['clip']:20} {float(row['s']):6.2f} s {speed}  {row['outcome']}")  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("corpus", type=Path, help="folder made by shared/media/make_corpus.sh")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per row (median)")
    parser.add_argument("--quick", action="store_true", help="one run, no whole-clip rows")
    options = parser.parse_args()
    corpus: Path = options.corpus
    missing = [n for n in (*CLIPS, "conforming_720p") if not (corpus / f"{n}.mp4").exists()]
    if missing:
        print(
            f"{corpus}: missing {', '.join(missing)}. Make the corpus first:\n"
            "  bash ../shared/media/make_corpus.sh /tmp/corpus \"$(python -c 'import "
            "imageio_ffmpeg as i; print(i.get_ffmpeg_exe())')\"",
            file=sys.stderr,
        )
        return 2
    runs = 1 if options.quick else options.runs
    tool = find_ffmpeg()
    work = Path(tempfile.mkdtemp(prefix="bench-media-"))
    try:
        ladders = ladder_rows(tool.path, corpus, work, runs)
        remux = remux_row(tool.path, corpus, work, max(runs, 5))
        whole = [] if options.quick else whole_clip_rows(corpus, work)
        print_report(tool.version_text, ladders, remux, whole)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
