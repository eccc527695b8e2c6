"""Export time of a 200-question course per format, against the same course without quizzes.

Run from the repository root: ``python benchmarks/bench_quiz_export.py [--questions 200]``.

Two courses are made through the model in a temporary folder (``tests/export/quiz_courses.py``):
ten modules of one markdown page each, and in the first course a quiz per module, 200
questions in all cycling through every question type (with feedback, hints, partial credit,
a picture). The floor is the same course without its quizzes. Each format in ``FORMATS`` is
exported to each course (median of ``--runs`` runs, after one warm-up export that loads the
modules); the table gives both times and their ratio, then the time the package check takes
on the quiz course's package (XSD and Schematron for QTI, problem responses for OLX). A format
whose writer cannot render quizzes yet says so instead of a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moocstudio.errors import MoocstudioError  # noqa: E402
from moocstudio.export.formats import FORMATS, ExportOptions, package_path  # noqa: E402
from moocstudio.export.package_check import check_package  # noqa: E402
from moocstudio.model import Course, Quiz  # noqa: E402
from tests.export.quiz_courses import bank_course  # noqa: E402


def median_seconds(
    folder: Path, course: Course, name: str, out: Path, runs: int
) -> tuple[float, Path]:
    """Median wall time of writing ``course`` as ``name`` (after one warm-up write)."""
    fmt = FORMATS[name]
    options = ExportOptions()
    target = package_path(out, course, fmt, options)
    fmt.write(folder, course, target, options)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fmt.write(folder, course, target, options)
        times.append(time.perf_counter() - start)
    return statistics.median(times), target


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        with_quizzes = bank_course(base / "quizzes", args.questions)
        without = bank_course(base / "plain", args.questions, with_quizzes=False)
        quizzes = [item for item in with_quizzes.all_items() if isinstance(item, Quiz)]
        count = sum(len(quiz.questions) for quiz in quizzes)
        print(
            f"{count} questions in {len(quizzes)} quizzes, 10 pages; floor: the same 10 pages "
            f"without quizzes. Median of {args.runs} runs.\n"
        )
        print("| format | without quizzes (s) | with quizzes (s) | ratio | check (s) |")
        print("|---|---:|---:|---:|---:|")
        for name in FORMATS:
            floor, _plain = median_seconds(base / "plain", without, name, base / "out-plain", 1)
            floor, _plain = median_seconds(
                base / "plain", without, name, base / "out-plain", args.runs
            )
            try:
                quiz_time, package = median_seconds(
                    base / "quizzes", with_quizzes, name, base / "out-quiz", args.runs
                )
            except MoocstudioError as refused:
                print(f"| {name} | {floor:.3f} | not measured: {refused.user_message} | | |")
                continue
            start = time.perf_counter()
            report = check_package(package)
            checked = time.perf_counter() - start
            verdict = "" if report.passes(strict=True) else f" ({report.verdict(strict=True)})"
            print(
                f"| {name} | {floor:.3f} | {quiz_time:.3f} | {quiz_time / floor:.2f}x | "
                f"{checked:.3f}{verdict} |"
            )


if __name__ == "__main__":
    main()
