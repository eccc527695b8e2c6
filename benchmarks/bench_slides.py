"""Slides per second of the .pptx importer, slide images included.

Run from the repository root: ``python benchmarks/bench_slides.py [--libreoffice]``. Builds a
200-slide deck with python-pptx (title, five bullets with accents, notes) and imports it into
a fresh course five times; prints the median. The target (issue: pptx importer) is more than
20 slides/s with Pillow cards, i.e. without LibreOffice. ``--libreoffice`` also times one
import with LibreOffice, when it is installed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from decks import add_bullet_slide
from pptx import Presentation

from moocstudio.importers.slide_images import find_soffice
from moocstudio.importers.slides import import_slides

SLIDES = 200
RUNS = 5


def build_deck(path: Path) -> None:
    deck = Presentation()
    for n in range(1, SLIDES + 1):
        slide = add_bullet_slide(deck, n)
        slide.notes_slide.notes_text_frame.text = f"Notes de la diapositive {n}."
    deck.save(path)


def time_import(workdir: Path, source: Path, run: int, *, use_libreoffice: bool) -> float:
    folder = workdir / f"course-{run}-{use_libreoffice}"
    start = time.perf_counter()
    result = import_slides(folder, source, use_libreoffice=use_libreoffice)
    seconds = time.perf_counter() - start
    assert len(result.item.slides) == SLIDES
    assert all(slide.image is not None for slide in result.item.slides)
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        source = workdir / "deck.pptx"
        build_deck(source)
        runs = [time_import(workdir, source, run, use_libreoffice=False) for run in range(RUNS)]
        seconds = statistics.median(runs)
        print(
            f"{SLIDES} slides, Pillow cards: {SLIDES / seconds:.1f} slides/s "
            f"(median of {RUNS}: {seconds:.2f} s; target > 20 slides/s)"
        )
        if "--libreoffice" in sys.argv[1:]:
            if find_soffice() is None:
                print("LibreOffice: not installed, not measured")
                return
            seconds = time_import(workdir, source, RUNS, use_libreoffice=True)
            rate = SLIDES / seconds
            print(f"{SLIDES} slides, LibreOffice: {rate:.1f} slides/s ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
