"""Size of the site's quiz script (gzip), against the page it checks and the site's other scripts.

Run from the repository root: ``python benchmarks/bench_quiz_js.py``. Builds a course with one
quiz of every question type (the tests' quiz, made with the model), then prints, raw and
gzipped (level 9, as a web server's static gzip would be): ``assets/quiz.js``, the quiz page
it runs on, the site's other scripts, and ``assets/scorm.js`` (which records quizzes in SCORM
packages), with quiz.js's gzip size as a ratio of the quiz page's (the floor: a learner fetches
the page anyway). No minifier: the script ships as written, readable.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moocstudio.build import build_site  # noqa: E402 (after the path fix for the tests' helper)
from moocstudio.resources import template_path  # noqa: E402
from tests.quiz_course import every_type_quiz, quiz_course  # noqa: E402

OTHER_SCRIPTS = ("slides.js", "video.js", "tracking.js")


def sizes(data: bytes) -> tuple[int, int]:
    """Raw and gzip -9 sizes of ``data``, in bytes."""
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> None:
    """Build the quiz course and print the sizes."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "course"
        quiz = every_type_quiz(folder)
        site = build_site(folder, quiz_course(folder, [quiz]), Path(temp) / "site")
        page = (site.root / site.pages[quiz.id]).read_bytes()
        script = (site.root / "assets" / "quiz.js").read_bytes()
    rows = [("assets/quiz.js", *sizes(script)), ("quiz page (7 questions)", *sizes(page))]
    for name in OTHER_SCRIPTS:
        rows.append((f"assets/{name}", *sizes(template_path("site", "assets", name).read_bytes())))
    rows.append(
        ("assets/scorm.js (SCORM only)", *sizes(template_path("scorm", "scorm.js").read_bytes()))
    )
    print(f"{'file':<32}{'bytes':>8}{'gzip':>8}")
    for name, raw, packed in rows:
        print(f"{name:<32}{raw:>8}{packed:>8}")
    print(f"quiz.js gzip / quiz page gzip: {rows[0][2] / rows[1][2]:.2f}")


if __name__ == "__main__":
    main()
