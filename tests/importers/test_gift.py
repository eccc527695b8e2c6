"""The GIFT reader: what Moodle writes and teachers type; a warning per question left out."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moocstudio.errors import ImportFailed
from moocstudio.importers.dispatch import import_file
from moocstudio.importers.gift import import_gift, read_gift
from moocstudio.importers.quiz_texts import QuizTexts
from moocstudio.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from tests.importers.gift_corpus import MOODLE_EXPORT, TEACHER_BANK, line_of


def _bank(tmp_path: Path, text: str, name: str = "quiz.gift") -> Path:
    course = tmp_path / "course"
    course.mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(tmp_path: Path, text: str, name: str = "quiz.gift"):  # type: ignore[no-untyped-def]
    return import_gift(tmp_path / "course", _bank(tmp_path, text, name))


def test_a_moodle_export_imports_every_gradable_question(tmp_path: Path) -> None:
    result = _import(tmp_path, MOODLE_EXPORT, "questions-Biology-20261204.txt")
    quiz = result.item
    assert [q.title for q in quiz.questions] == [
        "Organelle", "Walls", "pH", "Capital", "Match", "Membranes",
    ]  # fmt: skip
    assert quiz.title == "Cells"  # the last category that is not one of Moodle's defaults
    assert result.warnings == [
        f"questions-Biology-20261204.txt, line {line_of(MOODLE_EXPORT, '::Essay::')}: essay "
        "questions ('{}') are not graded by moocstudio; left out",
        f"questions-Biology-20261204.txt, line {line_of(MOODLE_EXPORT, '::Intro::')}: a "
        "description (text without an answer block) is not a question; left out",
    ]
    assert quiz.source is not None
    assert (tmp_path / "course" / quiz.source.path).read_text(encoding="utf-8") == MOODLE_EXPORT


def test_moodle_choices_weights_and_feedback(tmp_path: Path) -> None:
    organelle, walls, ph, capital, match, membranes = _import(
        tmp_path, MOODLE_EXPORT
    ).item.questions
    assert isinstance(organelle, SingleChoice)
    assert [c.credit for c in organelle.choices] == [1.0, 0.0, -0.5]
    assert organelle.choices[0].feedback.html == "Right: it is the powerhouse."  # one <p> unwrapped
    assert organelle.stem.format == "html" and organelle.choices[1].text.format == "html"
    assert organelle.general_feedback.source == "<p>ATP synthase sits in the inner membrane.</p>"
    assert not organelle.choices[2].feedback  # Moodle's empty '#'
    assert isinstance(walls, TrueFalse) and walls.answer is False
    # {FALSE#when answered wrongly#when answered rightly}: 'true' is the wrong answer here.
    assert walls.feedback_true.source == "<p>Plant cells do.</p>"
    assert walls.feedback_false.source == "<p>Right.</p>"
    assert isinstance(ph, Numeric)
    assert [(a.value, a.tolerance, a.credit) for a in ph.answers] == [(7, 0.1, 1), (7, 1, 0.5)]
    assert ph.answers[1].feedback.source == "<p>Close.</p>"
    assert isinstance(capital, ShortAnswer)
    assert [(a.text, a.credit) for a in capital.answers] == [("Paris", 1), ("paris, France", 0.5)]
    assert not capital.case_sensitive
    assert isinstance(match, Matching)
    assert [(p.prompt.source, p.answer) for p in match.pairs][0] == ("<p>DNA</p>", "stores genes")
    assert isinstance(membranes, MultipleChoice) and membranes.scoring == "partial"
    assert [c.credit for c in membranes.choices] == [0.5, 0.5, -1.0]


def test_a_teachers_bank_imports_whole(tmp_path: Path) -> None:
    result = _import(tmp_path, TEACHER_BANK)
    assert result.warnings == []
    grant, missing, east, west, root, whole, cat, pairs = result.item.questions
    assert isinstance(grant, SingleChoice) and grant.choices[2].correct
    assert grant.stem.source == "Who's buried in Grant's tomb?"
    assert isinstance(missing, SingleChoice)
    assert missing.stem.source == "Grant is _____ in Grant's tomb."
    assert isinstance(east, TrueFalse) and east.answer is True
    assert isinstance(west, TrueFalse) and west.answer is False
    assert isinstance(root, Numeric) and root.answers[0].value == 2
    assert root.stem.source == r"What is $\sqrt{4}$, written as a **number**?"
    assert "<math" in root.stem.html and "<strong>number</strong>" in root.stem.html
    assert isinstance(whole, Numeric) and whole.answers[0].bounds == (1, 5)
    assert whole.answers[0].is_range
    assert isinstance(cat, ShortAnswer)
    assert [a.text for a in cat.answers] == ["chat", "le chat"]
    assert cat.answers[1].feedback.source == "with the article, fine"
    assert "<em>French</em>" in cat.stem.html
    assert isinstance(pairs, Matching) and pairs.title == "Pairs"
    assert pairs.options == ["Paris", "Rome", "Madrid", "Lisbon"]
    assert pairs.distractors == ["Lisbon"]
    assert result.item.title == "Quiz"  # no category: the file's name


def test_escapes_stand_for_their_characters(tmp_path: Path) -> None:
    text = r"::a\:b:: Is 1 \= 1 \{really\} \# \~ \\ ?{=yes\: sure\#1 ~no\~}"
    question = _import(tmp_path, text).item.questions[0]
    assert question.title == "a:b"
    assert question.stem.source == "Is 1 = 1 {really} # ~ \\ ?"
    assert isinstance(question, SingleChoice)
    assert [c.text.source for c in question.choices] == ["yes: sure#1", "no~"]


def test_new_line_escape_and_formats(tmp_path: Path) -> None:
    text = (
        "[plain]Line one\\nline <two>{=a}\n\n"
        "[html]<b>Bold</b> <script>x()</script>{=<i>yes</i> ~[markdown]*no*}\n\n"
        "[moodle]Moodle's own <em>format</em>{T}"
    )
    plain, html, moodle = _import(tmp_path, text).item.questions
    assert plain.stem.format == "plain" and plain.stem.html == "Line one<br>line &lt;two&gt;"
    assert html.stem.html == "<b>Bold</b> " and isinstance(html, SingleChoice)
    assert html.choices[1].text.format == "markdown" and html.choices[1].text.html == "<em>no</em>"
    assert moodle.stem.format == "html" and "<em>format</em>" in moodle.stem.html


def test_numeric_forms(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "Pi?{#3.14159:0.0005}",
            "Exactly?{#42}",
            "Negative range?{#-5..-1.5}",
            "Several?{#=1822:0#Exact ~%50%1822:2#Close =%25%1800..1850}",
            "Feedback?{#3:1####The answer is 3.}",
        ]
    )
    pi, exact, negative, several, feedback = _import(tmp_path, text).item.questions
    assert isinstance(pi, Numeric) and pi.answers[0].bounds == pytest.approx((3.14109, 3.14209))
    assert isinstance(exact, Numeric) and exact.answers[0].accepts(42)
    assert isinstance(negative, Numeric) and negative.answers[0].bounds == (-5, -1.5)
    assert isinstance(several, Numeric)
    assert [a.credit for a in several.answers] == [1, 0.5, 0.25]
    assert several.answers[0].feedback.source == "Exact" and several.answers[2].is_range
    assert feedback.general_feedback.source == "The answer is 3."


def test_each_broken_question_is_one_warning_and_the_rest_imports(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "Good?{=yes ~no}",  # 1
            "",
            "No right answer?{~a ~b}",  # 3
            "",
            "::Unclosed title {=a ~b}",  # 5: Moodle reads it as question text
            "",
            "Unclosed block {=a ~b",  # 7
            "",
            "Not a number {#abc}",  # 9
            "",
            "Weights {~%60%a ~%60%b}",  # 11
            "",
            "Junk {what =a}",  # 13
            "",
            "Empty answer {= =b}",  # 15
            "",
            "Also good {T}",  # 17
        ]
    )
    result = _import(tmp_path, text, "week.gift")
    stems = [q.stem.source for q in result.item.questions]
    assert stems == ["Good?", "Unclosed title", "Also good"]
    lines = [int(w.split(", line ")[1].split(":")[0]) for w in result.warnings]
    assert lines == [3, 7, 9, 11, 13, 15]
    assert all(w.startswith("week.gift, line ") for w in result.warnings)
    assert all(w.endswith("this question was left out") for w in result.warnings)
    assert "no answer earns credit" in result.warnings[0]
    assert "'}'" in result.warnings[1]
    assert "'abc' is not a number" in result.warnings[2]
    assert "120%" in result.warnings[3]
    assert "line 15: text: String should have at least 1 character;" in result.warnings[5]


def test_moocstudio_comments_keep_what_gift_cannot_say(tmp_path: Path) -> None:
    text = (
        "// moocstudio: points 2.5\n// moocstudio: hint Think of *Moodle*\\nand GIFT\n"
        "// moocstudio: all-or-nothing\nWhich?{~%50%a ~%50%b ~%0%c}\n\n"
        "// moocstudio: case-sensitive\nCode?{=CC0}\n\n"
        "// moocstudio: ordering\nOrder them{=1 -> write =2 -> licence =3 -> publish}\n\n"
        "// an ordinary comment, then a blank line: the directive below is for the next one\n"
        "// moocstudio: points 3\n\nPlain{T}"
    )
    which, code, order, plain = _import(tmp_path, text).item.questions
    assert isinstance(which, MultipleChoice) and which.scoring == "all_or_nothing"
    assert which.points == 2.5 and which.hint.source == "Think of *Moodle*\nand GIFT"
    assert isinstance(code, ShortAnswer) and code.case_sensitive
    assert isinstance(order, Ordering) and order.items == ["write", "licence", "publish"]
    assert plain.points == 3


def test_images_in_markdown_questions_are_copied(tmp_path: Path, picture_png: bytes) -> None:
    (tmp_path / "cell.png").write_bytes(picture_png)
    result = _import(tmp_path, "[markdown]Which organelle?\\n\\n![A cell](cell.png){=nucleus ~x}")
    quiz = result.item
    assert [image.original_name for image in quiz.images] == ["cell.png"]
    assert (tmp_path / "course" / quiz.images[0].path).is_file()
    assert f'src="{quiz.images[0].path}"' in quiz.questions[0].stem.html


def test_a_missing_image_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    result = _import(tmp_path, "[markdown]See ![x](gone.png){T}")
    assert len(result.item.questions) == 1
    assert any("gone.png" in warning for warning in result.warnings)


def test_windows_line_endings_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.gift"
    path.write_bytes(("\ufeff" + "Q1{=a ~b}\r\n\r\nQ2{T}\r\n").encode("utf-8"))
    (tmp_path / "course").mkdir()
    quiz = import_gift(tmp_path / "course", path).item
    assert [q.stem.source for q in quiz.questions] == ["Q1", "Q2"]


def test_an_essay_with_a_general_feedback_is_still_an_essay(tmp_path: Path) -> None:
    result = _import(tmp_path, "Discuss.{####We read every answer.}\n\nFine?{T}")
    assert len(result.item.questions) == 1
    assert result.warnings == [
        "quiz.gift, line 1: essay questions ('{}') are not graded by moocstudio; left out"
    ]


def test_a_file_without_any_question_is_refused_with_the_reasons(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        _import(tmp_path, "// nothing\n\nDiscuss{}\n", "essays.gift")
    message = caught.value.user_message
    assert "essays.gift: holds no question moocstudio can import" in message
    assert "line 3: essay" in message


def test_a_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.gift"
    path.write_bytes("Caf\xe9?{T}".encode("latin-1"))
    (tmp_path / "course").mkdir()
    with pytest.raises(ImportFailed, match="latin1.gift: is not UTF-8 text"):
        import_gift(tmp_path / "course", path)


@pytest.mark.parametrize(
    ("name", "text"),
    [("bank.gift", "Q{T}"), ("export.txt", MOODLE_EXPORT), ("bank.txt", "::Q1::Sure?{T}")],
)
def test_dispatch_reads_gift_files_as_quizzes(tmp_path: Path, name: str, text: str) -> None:
    result = import_file(tmp_path / "course", _bank(tmp_path, text, name))
    assert result.item.kind == "quiz"


def test_a_text_file_in_no_gift_shape_stays_a_page(tmp_path: Path) -> None:
    result = import_file(tmp_path / "course", _bank(tmp_path, "Notes: a {curly} day.\n", "n.txt"))
    assert result.item.kind == "page"


def test_title_given_wins(tmp_path: Path) -> None:
    path = _bank(tmp_path, MOODLE_EXPORT)
    assert import_file(tmp_path / "course", path, title="Week 1").item.title == "Week 1"


_GIFT_PIECES = st.sampled_from(
    [*"{}=~#:%->\\\n TF12.ab", "::", "\n\n", "####", "->", "%50%", "[html]", "[plain]", "//", "$"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_GIFT_PIECES, max_size=40).map("".join))
def test_any_text_gives_questions_or_warnings_never_an_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        texts = QuizTexts(Path(folder), Path(folder) / "fuzz.gift")
        bank = read_gift(text, texts, source_name="fuzz.gift")
    assert all("fuzz.gift" in warning for warning in bank.warnings)  # each names the file
