"""Figures for the Foundation issue: course open+save, pptx import speed, CLI cold start.

Run from the repository root: ``python benchmarks/bench_foundation.py``. Prints medians, and
each figure as a ratio against its floor measured in the same run (bare Python start-up for
the CLI; plain json load+dump of the same file for open+save).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from moocstudio.model import (
    Asset,
    Course,
    MediaInfo,
    Module,
    Page,
    Slide,
    SlideDeck,
    StreamInfo,
    Video,
    new_id,
)
from moocstudio.model.store import course_file, load_course, save_course

RUNS = 15
ITEMS = 500


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def big_course() -> Course:
    def asset(name: str) -> Asset:
        return Asset(path=f"media/{name}", sha256="a" * 64, size=1234, original_name=name)

    modules = []
    for m in range(25):
        items: list[Page | SlideDeck | Video] = []
        for i in range(ITEMS // 25):
            kind = i % 3
            if kind == 0:
                items.append(
                    Page(
                        id=new_id("page"),
                        title=f"Page {m}.{i}",
                        source=asset(f"p{m}-{i}.md"),
                        html="<h1>Titre</h1>" + "<p>Texte de la page, accentué.</p>" * 20,
                    )
                )
            elif kind == 1:
                slides = [
                    Slide(
                        number=n,
                        title=f"Diapositive {n}",
                        body=["Point un", "Point deux"],
                        notes="Notes de l'orateur " * 10,
                        image=asset(f"s{m}-{i}-{n}.png"),
                    )
                    for n in range(1, 11)
                ]
                items.append(
                    SlideDeck(
                        id=new_id("slides"),
                        title=f"Deck {m}.{i}",
                        source=asset(f"d{m}-{i}.pptx"),
                        slides=slides,
                    )
                )
            else:
                probe = MediaInfo(
                    container="mov,mp4,m4a,3gp,3g2,mj2",
                    duration=600.0,
                    size_bytes=10**8,
                    streams=[
                        StreamInfo(
                            index=0,
                            kind="video",
                            codec="h264",
                            width=1920,
                            height=1080,
                            frame_rate=30.0,
                        ),
                        StreamInfo(
                            index=1, kind="audio", codec="aac", sample_rate=48000, channels=2
                        ),
                    ],
                )
                items.append(
                    Video(
                        id=new_id("video"),
                        title=f"Vidéo {m}.{i}",
                        source=asset(f"v{m}-{i}.mp4"),
                        probe=probe,
                        transcript="Phrase. " * 200,
                    )
                )
        modules.append(Module(title=f"Module {m}", items=items))
    return Course(title="Benchmark", language="fr", modules=modules)


def bench_open_save(workdir: Path) -> None:
    folder = workdir / "course"
    save_course(folder, big_course())
    path = course_file(folder)
    size_kb = path.stat().st_size / 1024

    def open_and_save() -> None:
        save_course(folder, load_course(folder))

    def json_floor() -> None:
        data = json.loads(path.read_bytes())
        path.with_suffix(".floor").write_text(json.dumps(data, indent=2), encoding="utf-8")

    ours = median_ms(open_and_save)
    floor = median_ms(json_floor)
    print(
        f"open+save of a {ITEMS}-item course ({size_kb:.0f} KiB course.json): "
        f"median {ours:.1f} ms (target < 100 ms); plain json load+dump {floor:.1f} ms; "
        f"ratio {ours / floor:.2f}"
    )


def bench_slides(workdir: Path) -> None:
    # One deck recipe for both scripts: bench_slides.py sits beside this file.
    import bench_slides

    source = workdir / "deck200.pptx"
    bench_slides.build_deck(source)
    runs = [
        bench_slides.time_import(workdir, source, run, use_libreoffice=False)
        for run in range(bench_slides.RUNS)
    ]
    seconds = statistics.median(runs)
    print(
        f"pptx import of {bench_slides.SLIDES} slides, Pillow cards (no LibreOffice): "
        f"{bench_slides.SLIDES / seconds:.0f} slides/s (median of {bench_slides.RUNS}, "
        f"{seconds:.2f} s; target > 20/s)"
    )


def bench_cold_start() -> None:
    exe = shutil.which("moocstudio")
    command = [exe, "--version"] if exe else [sys.executable, "-m", "moocstudio", "--version"]
    floor_command = [sys.executable, "-c", "pass"]

    def run(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, check=True, capture_output=True)

    run(command)()  # warm the OS file cache: we measure Python's start-up, not the disk
    ours = median_ms(run(command), runs=20)
    floor = median_ms(run(floor_command), runs=20)
    shown = " ".join([Path(command[0]).name, *command[1:]])
    print(
        f"cold start of `{shown}`: median {ours:.0f} ms (target < 300 ms); "
        f"bare `python -c pass` {floor:.0f} ms; ratio {ours / floor:.2f}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        bench_open_save(workdir)
        bench_slides(workdir)
        bench_cold_start()


if __name__ == "__main__":
    main()
