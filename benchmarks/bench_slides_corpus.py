"""The adversarial .pptx corpus, imported class by class: what survives, what is reported.

Run from the repository root: ``python benchmarks/bench_slides_corpus.py``. Builds every deck
of ``tests/importers/pptx_corpus.py`` (one per class of odd shape) and imports each with
Pillow cards, then, when LibreOffice is installed, with LibreOffice (slide images and picture
conversion). Prints one markdown table per mode: slides the deck lists, slides imported,
pictures imported, warnings (how many, and the first, shortened), the import time, and that
time as a multiple of the floor: python-pptx alone opening the deck and reading every shape's
text, the least any importer does (median of 3 runs each).
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pptx import Presentation  # noqa: E402

from moocstudio.importers.libreoffice import find_soffice  # noqa: E402
from moocstudio.importers.slides import import_slides  # noqa: E402
from tests.importers.pptx_corpus import CORPUS, build  # noqa: E402

RUNS = 3
WARNING_CHARS = 90


def listed_slides(deck: Path) -> int:
    """Slides the deck's presentation.xml lists (whether or not their parts are there)."""
    with zipfile.ZipFile(deck) as archive:
        return len(re.findall(rb"<p:sldId ", archive.read("ppt/presentation.xml")))


def floor_seconds(deck: Path) -> float:
    """python-pptx alone: open the deck, read the text of every shape python-pptx can."""

    def read() -> None:
        presentation = Presentation(str(deck))
        # Slide by slide: presentation.slides fails as a whole when one slide part is gone.
        for slide_id in presentation.element.sldIdLst:
            try:
                slide = presentation.part.related_slide(slide_id.rId)
            except KeyError:
                continue
            for shape in slide.shapes:
                if shape.has_text_frame:
                    _ = shape.text_frame.text

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_seconds(
    deck: Path, work: Path, *, use_libreoffice: bool
) -> tuple[float, int, int, list[str]]:
    times, slides, pictures, warnings = [], 0, 0, []
    runs = RUNS if not use_libreoffice else 1  # LibreOffice takes seconds: once is enough
    for run in range(runs):
        folder = work / f"{deck.stem}-{use_libreoffice}-{run}"
        start = time.perf_counter()
        result = import_slides(folder, deck, use_libreoffice=use_libreoffice)
        times.append(time.perf_counter() - start)
        slides, warnings = len(result.item.slides), result.warnings
        pictures = sum(len(slide.pictures) for slide in result.item.slides)
    return statistics.median(times), slides, pictures, warnings


def shorten(warning: str, deck: Path) -> str:
    text = warning.replace(f"{deck}: ", "").replace("|", "/")
    return text if len(text) <= WARNING_CHARS else text[: WARNING_CHARS - 1] + "…"


def table(decks: dict[str, Path], work: Path, *, use_libreoffice: bool) -> None:
    mode = "LibreOffice (slide images, picture conversion)" if use_libreoffice else "Pillow cards"
    print(f"\n### {mode}\n")
    print(
        "| class | slides in deck | imported | pictures | warnings | first warning | time "
        "| × floor |"
    )
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    for name, deck in decks.items():
        seconds, imported, pictures, warnings = import_seconds(
            deck, work, use_libreoffice=use_libreoffice
        )
        floor = floor_seconds(deck)
        first = shorten(warnings[0], deck) if warnings else ""
        print(
            f"| {name} | {listed_slides(deck)} | {imported} | {pictures} | {len(warnings)} | "
            f"{first} | {seconds * 1000:.0f} ms | {seconds / floor:.1f} |"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        decks = {name: build(name, work) for name in CORPUS}
        table(decks, work, use_libreoffice=False)
        if find_soffice() is None:
            print("\nLibreOffice is not installed: the LibreOffice table is left out.")
        else:
            table(decks, work, use_libreoffice=True)


if __name__ == "__main__":
    main()
