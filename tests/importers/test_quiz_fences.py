"""```quiz blocks in markdown pages: found like CommonMark fences, read in the YAML form."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from moocstudio.importers.dispatch import import_file
from moocstudio.importers.pages import render_markdown
from moocstudio.importers.quiz_fences import take_quiz_fences
from moocstudio.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Page,
    Quiz,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

EVERY_TYPE = """\
---
title: "Licences"
teaching: 10
---

## Choosing a licence

Creative Commons licences let others reuse a work.

```quiz
title: Check your understanding
introduction: Nine questions on *this* page.
passing: 60
attempts: 2
shuffle: true
feedback: immediately
questions:
  - question: Which licence waives *every* right?
    choices:
      - CC BY
      - text: CC0
        correct: true
        feedback: Yes, it is a waiver.
    hint: Think of the public domain.
    feedback: CC0 is not a licence but a waiver.
  - question: Which licences allow commercial reuse?
    choices: [{text: CC BY, correct: true}, {text: CC BY-SA, correct: true}, CC BY-NC]
  - question: Pick both, or nothing counts.
    choices: [{text: a, correct: true}, {text: b, correct: true}, c]
    scoring: all-or-nothing
    points: 2
  - question: Open access articles are free to read.
    answer: true
    feedback_false: They are free to read.
  - question: When was the Budapest Open Access Initiative signed?
    answer: 2002
    tolerance: 1
  - question: Give a year of the 2000s.
    range: [2000, 2009]
  - question: The code for a public-domain dedication?
    answers: [CC0, {text: CC zero, credit: 50%, feedback: Almost.}]
    case_sensitive: true
  - question: Match each licence with its condition.
    pairs: {CC BY: attribution, CC BY-SA: share alike}
    distractors: [no derivatives]
  - question: Put the steps in order.
    order: [write, choose a licence, publish]
```

## Further reading

The [licence chooser](https://creativecommons.org/choose/).
"""


def _page(tmp_path: Path, text: str, name: str = "licences.md") -> Path:
    (tmp_path / "course").mkdir(exist_ok=True)
    path = tmp_path / "lesson" / "episodes" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_quiz_block_becomes_a_quiz_after_its_page(tmp_path: Path) -> None:
    result = import_file(tmp_path / "course", _page(tmp_path, EVERY_TYPE))
    page, quiz = result.items
    assert isinstance(page, Page) and isinstance(quiz, Quiz)
    assert result.warnings == []
    assert "questions:" not in page.html and "Further reading" in page.html
    assert quiz.title == "Check your understanding"
    assert quiz.introduction == "Nine questions on <em>this</em> page."
    assert quiz.source == page.source
    settings = quiz.settings
    assert (settings.passing_percent, settings.attempts) == (60, 2)
    assert settings.shuffle_answers and settings.show_feedback == "immediately"
    kinds = [type(q) for q in quiz.questions]
    assert kinds == [
        SingleChoice, MultipleChoice, MultipleChoice, TrueFalse, Numeric, Numeric, ShortAnswer,
        Matching, Ordering,
    ]  # fmt: skip


def test_each_type_reads_its_keys(tmp_path: Path) -> None:
    quiz = import_file(tmp_path / "course", _page(tmp_path, EVERY_TYPE)).followers[0]
    assert isinstance(quiz, Quiz)
    single, multiple, strict, true_false, year, decade, code, pairs, order = quiz.questions
    assert isinstance(single, SingleChoice)
    assert [c.credit for c in single.choices] == [0, 1]
    assert single.stem.html == "Which licence waives <em>every</em> right?"
    assert single.choices[1].feedback.source == "Yes, it is a waiver."
    assert single.hint.source == "Think of the public domain."
    assert single.general_feedback.source == "CC0 is not a licence but a waiver."
    assert isinstance(multiple, MultipleChoice) and multiple.scoring == "partial"
    assert [c.credit for c in multiple.choices] == [0.5, 0.5, 0]
    assert isinstance(strict, MultipleChoice) and strict.scoring == "all_or_nothing"
    assert strict.points == 2
    assert isinstance(true_false, TrueFalse) and true_false.answer is True
    assert true_false.feedback_false.source == "They are free to read."
    assert isinstance(year, Numeric) and year.answers[0].bounds == (2001, 2003)
    assert isinstance(decade, Numeric) and decade.answers[0].is_range
    assert isinstance(code, ShortAnswer) and code.case_sensitive
    assert [(a.text, a.credit) for a in code.answers] == [("CC0", 1), ("CC zero", 0.5)]
    assert isinstance(pairs, Matching) and pairs.distractors == ["no derivatives"]
    assert [(p.prompt.source, p.answer) for p in pairs.pairs][1] == ("CC BY-SA", "share alike")
    assert isinstance(order, Ordering) and order.items[0] == "write"


def test_a_bare_list_of_questions_and_default_titles(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        # Formats

        ~~~quiz
        - question: Which format plays on phones?
          choices: [{text: MP4 (H.264), correct: true}, WMV]
        ~~~

        Between the quizzes.

        ```{quiz}
        questions:
          - question: PDF is an open standard.
            answer: true
        ```
        """
    )
    result = import_file(tmp_path / "course", _page(tmp_path, text, "formats.md"))
    assert [item.title for item in result.followers] == ["Quiz 1: Formats", "Quiz 2: Formats"]
    assert result.warnings == []


def test_problems_are_warnings_naming_the_page_line(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        # Page

        ```quiz
        colour: blue
        questions:
          - question: Fine?
            answer: true
            colur: red
          - question: No right choice
            choices: [a, b]
          - question: What type am I?
          - question: Bad type
            type: essay
            answer: x
        ```

        ```quiz
        questions: [oops
        ```

        ```quiz
        questions:
          - question: Never closed
            answer: false
        """
    )
    result = import_file(tmp_path / "course", _page(tmp_path, text, "p.md"))
    assert [len(q.questions) for q in result.followers if isinstance(q, Quiz)] == [1, 1]
    assert result.warnings == [
        "p.md, line 3: unknown key 'colour' in the quiz block (ignored)",
        "p.md, line 6: unknown key 'colur' for a true_false question (ignored)",
        "p.md, line 9: a single-choice question needs one choice worth full credit; "
        "this question was left out",
        "p.md, line 11: cannot tell the question's type: give choices, answer, answers, pairs "
        "or order; this question was left out",
        "p.md, line 12: type: 'essay' is not one of ['single', 'multiple', 'true-false', "
        "'numeric', 'short', 'matching', 'ordering']; this question was left out",
        "p.md, line 18: the quiz block is not valid YAML (expected ',' or ']', but got '<stream "
        "end>'); no quiz was added",
        "p.md, line 21: the ```quiz block is never closed; it runs to the end of the page",
    ]


def test_a_quiz_block_shown_as_code_stays_code() -> None:
    text = "````markdown\n```quiz\nquestions: []\n```\n````\n\n    ```quiz\n    indented\n    ```\n"
    assert take_quiz_fences(text) == (text, [])


def test_taking_blocks_out_keeps_line_numbers() -> None:
    text = "a\n```quiz\nx: 1\n```\nb\n"
    body, fences = take_quiz_fences(text)
    assert body == "a\n\n\n\nb\n"
    assert [(f.line, f.body, f.closed) for f in fences] == [(2, "x: 1", True)]


def test_the_page_editor_preview_leaves_the_yaml_out(tmp_path: Path) -> None:
    page = _page(tmp_path, EVERY_TYPE)
    rendered = render_markdown(EVERY_TYPE, folder=tmp_path / "course", page_file=page)
    assert "Budapest" not in rendered.html and len(rendered.quiz_fences) == 1


def test_site_root_images_resolve_like_the_pages_own(tmp_path: Path, picture_png: bytes) -> None:
    page = _page(
        tmp_path, '# P\n\n```quiz\n- question: "![A cell](/fig/cell.png)"\n  answer: true\n```\n'
    )
    (tmp_path / "lesson" / "fig").mkdir()
    (tmp_path / "lesson" / "fig" / "cell.png").write_bytes(picture_png)
    result = import_file(tmp_path / "course", page, root=tmp_path / "lesson")
    quiz = result.followers[0]
    assert isinstance(quiz, Quiz) and result.warnings == []
    assert [image.original_name for image in quiz.images] == ["cell.png"]


def test_images_in_questions_start_from_the_page(tmp_path: Path, picture_png: bytes) -> None:
    page = _page(
        tmp_path,
        '# P\n\n```quiz\n- question: "Which?\\n\\n![A cell](fig/cell.png)"\n  answer: true\n```\n',
    )
    (page.parent / "fig").mkdir()
    (page.parent / "fig" / "cell.png").write_bytes(picture_png)
    quiz = import_file(tmp_path / "course", page).followers[0]
    assert isinstance(quiz, Quiz)
    assert [image.original_name for image in quiz.images] == ["cell.png"]
    assert quiz.images[0].path in quiz.questions[0].stem.html


def test_yaml_aliases_are_refused_before_anything_grows(tmp_path: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)
    ]
    text = "\n".join(["# P", "", "```quiz", *levels, "questions:", "  - question: *i", "```", ""])
    result = import_file(tmp_path / "course", _page(tmp_path, text))
    assert result.followers == []
    assert result.warnings == [
        "licences.md, line 3: the quiz block repeats a part with YAML anchors and aliases (& and "
        "*), which quiz blocks do not allow; write each part out; no quiz was added"
    ]


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("- question: q\n  answer: yes\n  type: short", "line 4: answer: YAML reads yes"),
        ("passing: lots\nquestions:\n  - {question: q, answer: true}", "passing: 'lots'"),
        ("feedback: sometimes\nquestions:\n  - {question: q, answer: true}", "sometimes"),
        (
            "attempts: 0\nquestions:\n  - {question: q, answer: true}",
            "line 3: attempts: Input should be greater than or equal to 1 (the default settings",
        ),
    ],
)
def test_yaml_surprises_are_explained(tmp_path: Path, yaml_text: str, problem: str) -> None:
    page = _page(tmp_path, f"# P\n\n```quiz\n{yaml_text}\n```\n")
    warnings = import_file(tmp_path / "course", page).warnings
    assert any(problem in warning for warning in warnings), warnings
