"""Figures for the export issue (#4): package writing speed and memory, page weight, first paint.

Run from the repository root::

    python benchmarks/bench_export.py [--sizes 0.5 2] [--quick] [--paint-runs 5]

A 100-item course (40 markdown pages, 60 videos of three renditions each, French captions) is
made in a temporary folder for each media size. One video is a real clip, encoded by the media
pipeline; the other renditions are seeded random bytes in ``.mp4`` files, distinct per file, so
nothing dedupes: an exporter stores media and never decodes them, so their bytes only need to be
as many as real video's. Every export runs in a fresh child process, which reports its own peak
resident memory (``ru_maxrss``). Media sit in the page cache on both sides of each ratio.

Rows:

1. each format in ``FORMATS`` / ``zip -r -0`` of the built site (target <= 1.2), and the exporting
   process's peak RSS at each size (target < 250 MB, flat as media grow);
2. second export with nothing changed / first export, and whether both are byte-identical;
3. bytes of HTML + CSS + JS each page loads (largest and mean; target < 50 KB);
4. first contentful paint at 390x844 from ``file://`` (home and video page; median of runs),
   with Playwright driving Debian's chromium.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, cast

from moocstudio.build import SiteOptions, SiteTree, build_site
from moocstudio.export.formats import FORMATS, export_course
from moocstudio.importers.dispatch import import_file
from moocstudio.media.course_media import MediaSettings, apply_media, video_media_job
from moocstudio.media.tools import find_ffmpeg
from moocstudio.model import Course, Page, Rendition, SubtitleTrack, Video
from moocstudio.model.store import (
    add_asset,
    add_asset_bytes,
    create_course,
    load_course,
    save_course,
)
from moocstudio.progress import CancelToken, JobContext

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

MODULES = 10
PAGES = 40
VIDEOS = 60  # 100 items in all
RUNGS = (("360p", 640, 360, 1), ("540p", 960, 540, 2), ("720p", 1280, 720, 4))  # byte shares
CUES = 40  # per caption file: about what a 5-minute lecture has
CHUNK = 8 << 20
REAL_TITLE = "Real clip"
TRACKING = ("tracking.js",)
GB = 1e9
PHONE: ViewportSize = {"width": 390, "height": 844}
PAINT_TIMEOUT_MS = 10_000


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --- the course --------------------------------------------------------------------------------


def markdown_page(number: int) -> str:
    """A page of prose about the length of a MOOC text page (about 6 KB)."""
    words = random.Random(number).choices(
        ["open", "access", "licence", "reuse", "learner", "course", "video", "archive"], k=900
    )
    paragraphs = [" ".join(words[i : i + 90]) + "." for i in range(0, len(words), 90)]
    # A heading every third paragraph, as a page's outline would have.
    body = "\n\n".join(
        p if i % 3 else f"## Part {i // 3 + 1}\n\n{p}" for i, p in enumerate(paragraphs)
    )
    return f"# Page {number}\n\n{body}\n"


def captions(number: int) -> bytes:
    cues = [
        f"{i + 1}\n00:{i * 7 // 60:02d}:{i * 7 % 60:02d}.000 --> "
        f"00:{(i * 7 + 6) // 60:02d}:{(i * 7 + 6) % 60:02d}.000\n"
        f"Vidéo {number}, phrase {i + 1} : l'accès ouvert en pratique.\n"
        for i in range(CUES)
    ]
    return ("WEBVTT\n\n" + "\n".join(cues)).encode()


def random_file(path: Path, size: int, seed: int) -> Path:
    """``size`` seeded random bytes (incompressible, and no two files alike)."""
    generator = random.Random(seed)
    with path.open("wb") as stream:
        left = size
        while left > 0:
            stream.write(generator.randbytes(min(CHUNK, left)))
            left -= CHUNK
    return path


def real_clip(work: Path) -> Path:
    """A 4-second 720p H.264/AAC clip made by ffmpeg from its test sources."""
    clip = work / "real-clip.mp4"
    argv = [
        find_ffmpeg().path, "-nostdin", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=4",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(clip),
    ]  # fmt: skip
    subprocess.run(argv, check=True)
    return clip


def encoded_video(folder: Path, course: Course, clip: Path) -> Video:
    """The real clip imported and run through the media pipeline (renditions, poster)."""
    video = import_file(folder, clip, title=REAL_TITLE).item
    assert isinstance(video, Video)
    context = JobContext(on_progress=lambda _progress: None, cancel=CancelToken())
    course.add_item(video, "Module 1")
    apply_media(course, [video_media_job(folder, course, video, MediaSettings())(context)])
    return video


def synthetic_video(folder: Path, real: Video, number: int, rung_bytes: int, work: Path) -> Video:
    """A video like the real one whose renditions are random bytes (``rung_bytes`` per share)."""
    renditions = []
    for label, width, height, share in RUNGS:
        seed = number * 10 + share
        data = random_file(work / f"v{number}-{label}.mp4", rung_bytes * share, seed)
        asset = add_asset(folder, data, name=f"lecture-{number}-{label}.mp4")
        data.unlink()
        renditions.append(Rendition(label=label, width=width, height=height, file=asset))
    vtt = add_asset_bytes(folder, captions(number), f"lecture-{number}-fr.vtt")
    track = SubtitleTrack(language="fr", status="final", vtt=vtt)
    return real.model_copy(
        update={
            "id": f"video-{number:012x}",
            "title": f"Lecture {number}",
            "renditions": renditions,
            "subtitles": [track],
            "transcript": f"Transcript of lecture {number}.",
        },
        deep=True,
    )


def make_course(folder: Path, media_bytes: int, work: Path) -> Course:
    """The 100-item course with about ``media_bytes`` of renditions, saved in ``folder``."""
    course = Course(title="Benchmark course", language="fr", description="Export benchmark.")
    create_course(folder, course)
    real = encoded_video(folder, course, real_clip(work))
    shares = sum(share for *_, share in RUNGS)
    rung_bytes = media_bytes // ((VIDEOS - 1) * shares)
    items: list[Page | Video] = []
    for number in range(PAGES):
        source = work / f"page-{number}.md"
        source.write_text(markdown_page(number), encoding="utf-8")
        page = import_file(folder, source, title=f"Page {number}").item
        assert isinstance(page, Page)
        items.append(page)
    items += [synthetic_video(folder, real, n, rung_bytes, work) for n in range(1, VIDEOS)]
    for index, item in enumerate(items):
        course.add_item(item, f"Module {index * MODULES // len(items) + 1}")
    save_course(folder, course)
    return course


def videos(course: Course) -> list[Video]:
    return [item for item in course.all_items() if isinstance(item, Video)]


def media_size(course: Course) -> int:
    return sum(r.file.size for video in videos(course) for r in video.renditions)


# --- exports, each in its own process ----------------------------------------------------------


@dataclass(frozen=True)
class ExportRun:
    """One export in a fresh process: its time and the process's peak memory."""

    seconds: float
    peak_rss_mb: float
    package: Path


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started, in MB.

    ``VmHWM`` rather than ``ru_maxrss``: Linux carries ``ru_maxrss`` across ``exec``, so a
    spawned child would report its parent's size whenever the parent was the larger.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: best effort


def _export_child(folder: Path, out_dir: Path, name: str, pipe: Connection) -> None:
    course = load_course(folder)
    start = time.perf_counter()
    [result] = export_course(folder, course, out_dir, (name,))
    seconds = time.perf_counter() - start
    pipe.send((seconds, peak_rss_mb(), str(result.path)))
    pipe.close()


def _baseline_child(folder: Path, pipe: Connection) -> None:
    load_course(folder)
    import moocstudio.export.zipwriter  # noqa: F401  (what every export loads anyway)

    pipe.send(peak_rss_mb())
    pipe.close()


def in_child(target: Callable[..., None], *args: object) -> object:
    """Run ``target(*args, pipe)`` in a fresh interpreter and return what it sent."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, sender))
    process.start()
    sender.close()
    answer = receiver.recv()
    process.join()
    if process.exitcode != 0:
        raise RuntimeError(f"{target.__name__}{args} exited with {process.exitcode}")
    return answer


def export_in_child(folder: Path, out_dir: Path, name: str) -> ExportRun:
    answer = in_child(_export_child, folder, out_dir, name)
    seconds, peak, package = cast(tuple[float, float, str], answer)
    return ExportRun(seconds, peak, Path(package))


class Floor:
    """The same files archived by the standard tool (media hard-linked, as exports stage them).

    Run between exports rather than all at once, so a machine busy with other work slows both
    sides of the ratio alike; the best run counts, as for the exports.
    """

    def __init__(self, label: str, site: SiteTree, target: Path, argv: list[str]) -> None:
        self.label = label
        self.site = site
        self.target = target
        self.argv = argv
        self.times: list[float] = []

    def run(self) -> None:
        """Archive the site once more and keep the time."""
        self.times.append(timed(lambda: subprocess.run(self.argv, cwd=self.site.root, check=True)))
        self.target.unlink()

    @property
    def best(self) -> float:
        """The fastest run."""
        return min(self.times)


def floors(site: SiteTree, out_dir: Path) -> dict[str, Floor]:
    """The floor of every format: ``zip -r -0`` of the same files, as the issue sets it.

    moocstudio's .tar.gz stores the media inside the gzip stream (deflating mp4 gains nothing),
    so the OLX export is held to the same floor as the zips.
    """
    zip_target = out_dir / "floor.zip"
    floor = Floor("zip -0", site, zip_target, ["zip", "-r", "-0", "-q", str(zip_target), "."])
    return {".zip": floor, ".tar.gz": floor}


@dataclass(frozen=True)
class FormatRow:
    """The figures of one format at one media size."""

    name: str
    floor: Floor
    runs: list[ExportRun]  # the first export, then re-exports over the package it wrote
    identical: bool
    size: int

    @property
    def best(self) -> float:
        """The fastest run, set against the floor's fastest."""
        return min(run.seconds for run in self.runs)

    @property
    def again_over_first(self) -> float:
        """Re-export with nothing changed (median) / first export."""
        return statistics.median(run.seconds for run in self.runs[1:]) / self.runs[0].seconds

    @property
    def peak_rss_mb(self) -> float:
        """The largest peak of all runs."""
        return max(run.peak_rss_mb for run in self.runs)


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def format_row(folder: Path, out_dir: Path, name: str, runs: int, floor: Floor) -> FormatRow:
    """Export ``runs`` times (at least twice) in fresh processes, to the same package path."""

    def export() -> ExportRun:
        floor.run()
        return export_in_child(folder, out_dir, name)

    first = export()
    digest = file_digest(first.package)
    again = [export() for _ in range(max(runs, 2) - 1)]
    identical = file_digest(again[-1].package) == digest
    size = first.package.stat().st_size
    first.package.unlink()
    return FormatRow(name, floor, [first, *again], identical, size)


# --- the built site: page weight and first paint -----------------------------------------------


def page_weights(site: SiteTree) -> dict[str, int]:
    """Bytes of the HTML page and the CSS and JS it loads, per page."""
    return {
        page: sum(
            (site.root / name).stat().st_size
            for name in (page, *files)
            if name.endswith((".html", ".css", ".js"))
        )
        for page, files in site.dependencies.items()
    }


def first_paints(site: SiteTree, pages: dict[str, str], runs: int) -> dict[str, float] | str:
    """Median first contentful paint (ms) per page, or why it could not be measured."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright is not installed"
    if chromium is None:
        return "chromium is not installed"
    paints: dict[str, list[float]] = {label: [] for label in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs):
            for label, page_name in pages.items():
                # A new context each time: nothing cached from the run before.
                context = browser.new_context(
                    viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
                )
                tab = context.new_page()
                tab.goto((site.root / page_name).as_uri())
                script = "performance.getEntriesByName('first-contentful-paint').length > 0"
                tab.wait_for_function(script, timeout=PAINT_TIMEOUT_MS)
                paint = "performance.getEntriesByName('first-contentful-paint')[0].startTime"
                paints[label].append(float(tab.evaluate(paint)))
                context.close()
        browser.close()
    return {label: statistics.median(values) for label, values in paints.items()}


# --- report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeResult:
    """Everything measured on the course of one media size."""

    media: int
    baseline_mb: float
    rows: list[FormatRow]


def measure_size(work: Path, media_bytes: int, runs: int) -> tuple[SizeResult, Path, Course]:
    folder = work / f"course-{media_bytes}"
    scratch = work / "scratch"
    scratch.mkdir(exist_ok=True)
    course = make_course(folder, media_bytes, scratch)
    out_dir = work / "out"
    out_dir.mkdir(exist_ok=True)
    site = build_site(folder, course, out_dir / "site")
    by_suffix = floors(site, out_dir)
    baseline = cast(float, in_child(_baseline_child, folder))
    rows = [
        format_row(folder, out_dir, name, runs, by_suffix.get(fmt.suffix, by_suffix[".zip"]))
        for name, fmt in FORMATS.items()
    ]
    shutil.rmtree(site.root)
    return SizeResult(media_size(course), baseline, rows), folder, course


def print_exports(results: list[SizeResult], runs: int) -> None:
    print("1-2. exports of the 100-item course (40 pages, 60 videos x 3 renditions, captions)")
    print("     renditions: 1 real clip encoded by moocstudio, the rest seeded random bytes in")
    print("     .mp4 files (an exporter stores media, never decodes them); page cache warm.")
    print(
        f"{'media':>7} {'format':10} {'export s':>9} {'floor':>7} {'floor s':>8} {'ratio':>6} "
        f"{'peak RSS':>9} {'again/1st':>9} {'same bytes':>10} {'package':>9}"
    )
    for result in results:
        for row in result.rows:
            print(
                f"{result.media / GB:6.2f}G {row.name:10} {row.best:9.2f} "
                f"{row.floor.label:>7} {row.floor.best:8.2f} {row.best / row.floor.best:6.2f} "
                f"{row.peak_rss_mb:7.0f}MB {row.again_over_first:9.2f} "
                f"{'yes' if row.identical else 'NO':>10} {row.size / GB:8.2f}G"
            )
        print(
            f"{'':8}(a process that only loads the course and the zip writer peaks at "
            f"{result.baseline_mb:.0f} MB)"
        )
    print(f"   export s: best of {runs} runs of export_course() alone, each in a fresh process")
    print("     (start-up and import excluded); floor: best 'zip -r -0' of the built site,")
    print("     one run before each export; ratio = export / floor,")
    print("     target <= 1.2.")
    print("   peak RSS: the exporting process's VmHWM; target < 250 MB and flat as media grow.")
    print("   again/1st: re-exports over the existing package, nothing changed (median) / first;")
    print("     same bytes: the last re-export's package equals the first's.")


def print_site(sites: dict[str, SiteTree], paints: dict[str, float] | str) -> None:
    print("\n3. built site (100-item course): bytes of HTML + CSS + JS each page loads")
    for label, site in sites.items():
        weights = page_weights(site)
        largest = max(weights, key=weights.__getitem__)
        print(
            f"   {label}: largest {weights[largest] / 1000:.1f} KB ({largest}), "
            f"mean {statistics.fmean(weights.values()) / 1000:.1f} KB over {len(weights)} pages"
        )
    print("   target < 50 KB")
    print("\n4. first contentful paint at 390x844 from file:// (headless chromium, median)")
    if isinstance(paints, str):
        print(f"   not measured: {paints}")
        return
    for label, ms in paints.items():
        print(f"   {label:6} {ms:6.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[0.5, 2.0], help="GB of renditions per run"
    )
    parser.add_argument("--runs", type=int, default=3, help="exports per format and size (>= 2)")
    parser.add_argument("--quick", action="store_true", help="0.05 and 0.2 GB, 3 paint runs")
    parser.add_argument("--paint-runs", type=int, default=5, help="first paints per page (median)")
    options = parser.parse_args()
    sizes = [0.05, 0.2] if options.quick else options.sizes
    paint_runs = 3 if options.quick else options.paint_runs
    if shutil.which("zip") is None:
        print("zip is not installed (apt install zip): it is the floor of row 1", file=sys.stderr)
        return 2
    print(f"formats: {', '.join(FORMATS)}")
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        results = []
        for size in sizes:
            result, folder, course = measure_size(work, int(size * GB), options.runs)
            results.append(result)
            if size != sizes[-1]:
                shutil.rmtree(folder)
        site = build_site(folder, course, work / "site")
        # What the SCORM and Common Cartridge packages ship: the same pages plus tracking.js.
        tracked = build_site(folder, course, work / "tracked", SiteOptions(scripts=TRACKING))
        real = next(video for video in videos(course) if video.title == REAL_TITLE)
        video_page = site.pages[real.id]
        paints = first_paints(site, {"home": site.launch, "video": video_page}, paint_runs)
        print_exports(results, options.runs)
        print_site({"site": site, "with tracking.js": tracked}, paints)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
