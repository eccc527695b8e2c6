"""Import speed of a 500-question GIFT bank (questions/s), against two floors, in one run.

Run from the repository root: ``python benchmarks/bench_gift.py``. Writes a bank the way Moodle
exports one and teachers extend it: '// question:' comments and '$CATEGORY' switches, every
GIFT type moocstudio grades in equal shares (single and multiple choice with weights and
feedback, true/false, numeric values, ranges and graded answers, short answers, matching, a
missing word), HTML and markdown texts, inline maths and escapes. Every text names its
question's number, so no text repeats (the importer renders a repeated text once). Then times,
alternating:

- ``import_gift``: the whole import (reading, every text rendered and sanitized, the model
  built and validated, the file copied into the course);
- the reading floor: ``read_gift`` with texts taken as they are (no rendering at all);
- the rendering floor: each text through Python-Markdown with the page extensions and nh3,
  with no GIFT reading (what a naive importer would pay for the texts alone);

and prints questions/s and the ratios of the medians.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import markdown
import nh3

from moocstudio.importers.gift import import_gift, read_gift
from moocstudio.importers.pages import MARKDOWN_EXTENSIONS
from moocstudio.importers.quiz_texts import QuizTexts
from moocstudio.model import RichText
from moocstudio.model.questions import TextFormat

QUESTIONS = 500
RUNS = 5

SHAPES = [
    "::Organelle {n}::[html]<p>Which organelle makes the ATP of cell {n}?</p>{{\n"
    "\t=<p>The mitochondrion {n}</p>#<p>Right\\: the powerhouse of cell {n}.</p>\n"
    "\t~<p>The ribosome {n}</p>#<p>No, ribosome {n} makes proteins.</p>\n"
    "\t~%-50%<p>The nucleus {n}</p>#\n"
    "\t####<p>ATP synthase {n} sits in the inner membrane.</p>\n}}",
    "::Walls {n}::[html]<p>Animal cell {n} has a wall.</p>"
    "{{FALSE#<p>Plant {n} does.</p>#<p>Yes, {n}.</p>}}",
    "::pH {n}::[html]<p>What is the pH of water sample {n}?</p>{{#\n"
    "\t=%100%7\\:0.1#<p>Neutral, {n}.</p>\n\t=%50%7\\:1#<p>Close to {n}.</p>\n}}",
    "[markdown]What is $x^{n}$ when $x = 1$, in **question {n}**?{{#1..1#Any power of *one*.}}",
    "::Capital {n}::What is the *capital* of France ({n})?"
    "{{=Paris {n} =%50%paris, France {n}#Mind the case, {n}.}}",
    "::Match {n}::[html]<p>Match each molecule ({n}).</p>{{\n\t=<p>DNA {n}</p> -> genes {n}\n"
    "\t=<p>ATP {n}</p> -> energy {n}\n\t=<p>Haemoglobin {n}</p> -> oxygen {n}\n\t=-> sugar {n}\n}}",
    "::Membrane {n}::[markdown]Which form the membrane of cell {n}?{{\n"
    "\t~%50%Phospholipids {n}#Yes, {n}\n\t~%50%Proteins {n}#Yes too, {n}\n"
    "\t~%-100%Starch {n}#No: starch {n} is a *store*.\n}}",
    "Grant {n} is {{~buried {n} =entombed {n} ~living {n}}} in Grant's tomb \\{{really\\}}.",
]


class TextsAsTheyAre(QuizTexts):
    """The reading floor: each text kept as written, nothing rendered."""

    def __call__(self, source: str, text_format: TextFormat = "markdown") -> RichText:
        return RichText(source=source, format=text_format, html=source)


class RecordedTexts(QuizTexts):
    """Keeps every text the reader asks for, to time their rendering alone."""

    seen: list[tuple[str, TextFormat]]

    def __call__(self, source: str, text_format: TextFormat = "markdown") -> RichText:
        if source.strip():
            self.seen.append((source, text_format))
        return RichText(source=source, format=text_format, html=source)


def make_bank() -> str:
    parts = ["// question: 0  name: Switch category to $course$/top/Default for Bench\n"
             "$CATEGORY: $course$/top/Default for Bench/Week 1\n"]  # fmt: skip
    for n in range(QUESTIONS):
        parts.append(f"// question: {1000 + n}  name: q{n}\n" + SHAPES[n % len(SHAPES)].format(n=n))
    return "\n\n".join(parts) + "\n"


def render_naively(texts: list[tuple[str, TextFormat]]) -> None:
    for source, text_format in texts:
        html = source
        if text_format == "markdown":
            html = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(source)
        nh3.clean(html)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bank = folder / "bank.gift"
        text = make_bank()
        bank.write_text(text, encoding="utf-8")
        course = folder / "course"
        course.mkdir()
        recorder = RecordedTexts(course, bank)
        recorder.seen = []
        read_gift(text, recorder, source_name=bank.name)
        times: dict[str, list[float]] = {"import": [], "reading": [], "rendering": []}
        for _ in range(RUNS):
            start = time.perf_counter()
            result = import_gift(course, bank)
            times["import"].append(time.perf_counter() - start)
            start = time.perf_counter()
            read_gift(
                bank.read_text(encoding="utf-8"), TextsAsTheyAre(course, bank), source_name="b"
            )
            times["reading"].append(time.perf_counter() - start)
            start = time.perf_counter()
            render_naively(recorder.seen)
            times["rendering"].append(time.perf_counter() - start)
        assert len(result.item.questions) == QUESTIONS, result.warnings[:3]
        assert not result.warnings, result.warnings[:3]
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"GIFT bank: {QUESTIONS} questions, {len(recorder.seen)} texts, median of {RUNS} runs")
    for name, label in [
        ("import", "import_gift (everything)"),
        ("reading", "reading floor (no rendering)"),
        ("rendering", "rendering floor (markdown + nh3)"),
    ]:
        seconds = medians[name]
        print(f"{label:<34} {seconds * 1000:8.1f} ms  {QUESTIONS / seconds:8.0f} questions/s")
    print(f"import / reading floor   {medians['import'] / medians['reading']:6.2f}x")
    print(f"import / rendering floor {medians['import'] / medians['rendering']:6.2f}x")


if __name__ == "__main__":
    main()
