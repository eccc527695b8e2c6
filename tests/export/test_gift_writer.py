"""The GIFT writer: what it writes reads back as the same questions, and Moodle's rules hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moocstudio.errors import MoocstudioError
from moocstudio.export.gift import quiz_to_gift, write_gift_files
from moocstudio.importers.gift import import_gift, read_gift
from moocstudio.importers.gift_syntax import escape, unescape
from moocstudio.importers.quiz_texts import QuizTexts
from moocstudio.model import (
    AcceptedText,
    Choice,
    Course,
    Matching,
    MatchPair,
    Module,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    Quiz,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    new_id,
)
from tests.importers.gift_corpus import MOODLE_EXPORT, TEACHER_BANK


def every_kind_of_question(texts: QuizTexts) -> list[Question]:
    """One question of each type, with every field GIFT (and its comments) can carry."""

    def q() -> str:
        return new_id("question")

    return [
        SingleChoice(
            id=q(),
            title="Licence: which one?",
            stem=texts("Which licence waives *every* right? {not a block}"),
            points=2,
            hint=texts("Think of the public domain.\nIt has no conditions."),
            general_feedback=texts("CC0 is a waiver, not a licence."),
            choices=[
                Choice(text=texts("CC0"), credit=1, feedback=texts("Yes = right")),
                Choice(text=texts("CC BY"), credit=0.5, feedback=texts("Half: ~close")),
                Choice(text=texts("All rights reserved"), credit=-0.25),
            ],
        ),
        MultipleChoice(
            id=q(),
            stem=texts("<p>Which are <b>open</b>?</p>", "html"),
            choices=[
                Choice(text=texts("<i>CC BY</i>", "html"), credit=1 / 3),
                Choice(text=texts("CC BY-SA", "plain"), credit=1 / 3),
                Choice(text=texts("CC0"), credit=1 / 3, feedback=texts("#1 choice")),
                Choice(text=texts("ARR"), credit=-1),
            ],
        ),
        MultipleChoice(
            id=q(),
            stem=texts("All or nothing: pick both."),
            scoring="all_or_nothing",
            choices=[
                Choice(text=texts("a"), credit=0.5),
                Choice(text=texts("b"), credit=0.5),
                Choice(text=texts("c")),
            ],
        ),
        TrueFalse(
            id=q(),
            stem=texts("Open access articles are free to read."),
            answer=True,
            feedback_false=texts("They are free to read."),
        ),
        TrueFalse(
            id=q(),
            stem=texts("Preprints are peer reviewed."),
            answer=False,
            feedback_true=texts("Not yet."),
            feedback_false=texts("Right."),
        ),
        TrueFalse(id=q(), stem=texts("Bare."), answer=False, feedback_false=texts("Only right")),
        Numeric(
            id=q(),
            stem=texts(r"What is $\frac{1}{3}$ to two places? And $a \neq b$?"),
            answers=[
                NumericAnswer(value=0.33, tolerance=0.005, feedback=texts("Exact: 1:3")),
                NumericAnswer(minimum=0.3, maximum=0.4, credit=0.5),
                NumericAnswer(value=-2.5e-7, credit=0),
            ],
        ),
        ShortAnswer(
            id=q(),
            stem=texts("The code for a public-domain dedication?"),
            case_sensitive=True,
            answers=[
                AcceptedText(text="CC0", feedback=texts("Yes")),
                AcceptedText(text="CC zero {0}", credit=0.5),
                AcceptedText(text="PD", credit=0),
            ],
        ),
        Matching(
            id=q(),
            title="Pairs",
            stem=texts("Match the licence to its condition."),
            pairs=[
                MatchPair(prompt=texts("CC BY"), answer="attribution"),
                MatchPair(prompt=texts("CC BY-SA"), answer="share alike = same"),
            ],
            distractors=["no derivatives"],
        ),
        Ordering(id=q(), stem=texts("Put in order."), items=["write", "licence: pick", "publish"]),
    ]


def _comparable(question: Question) -> dict[str, object]:
    dumped = question.model_dump(exclude={"id"})
    return dumped


def _same(first: list[Question], second: list[Question]) -> None:
    assert len(first) == len(second)
    for before, after in zip(first, second, strict=True):
        assert type(before) is type(after)
        left, right = _comparable(before), _comparable(after)
        _approx_credits(left), _approx_credits(right)
        assert left == right


def _approx_credits(dumped: object) -> None:
    """Credits are written with seven digits, as Moodle lists them (33.33333%)."""
    if isinstance(dumped, dict):
        for key, value in dumped.items():
            if key == "credit":
                dumped[key] = round(value, 6)
            else:
                _approx_credits(value)
    elif isinstance(dumped, list):
        for value in dumped:
            _approx_credits(value)


@pytest.fixture
def quiz(tmp_path: Path) -> Quiz:
    texts = QuizTexts(tmp_path, tmp_path / "quiz.gift")
    return Quiz(id=new_id("quiz"), title="Check: week 1/2", questions=every_kind_of_question(texts))


def test_every_question_type_round_trips(tmp_path: Path, quiz: Quiz) -> None:
    path = tmp_path / "quiz.gift"
    path.write_text(quiz_to_gift(quiz), encoding="utf-8")
    back = import_gift(tmp_path, path)
    assert back.warnings == []
    assert back.item.title == "Check: week 1-2"  # the category: Moodle nests at '/'
    _same(quiz.questions, back.item.questions)


def test_what_is_written_follows_gift(quiz: Quiz) -> None:
    text = quiz_to_gift(quiz)
    assert "$CATEGORY: Check: week 1-2\n" in text
    assert "::Licence\\: which one?::[markdown]Which licence waives *every* right? \\{not a" in text
    assert "\t~%33.33333%[html]<i>CC BY</i>" not in text  # the stem is html: no prefix
    assert "\t~%33.33333%<i>CC BY</i>\n\t~%33.33333%[plain]CC BY-SA\n" in text
    # {TRUE#feedback when answered wrongly#feedback when answered rightly}
    assert "\tTRUE#They are free to read.\n" in text
    assert "\tFALSE#Not yet.#Right.\n" in text
    assert "\tFALSE##Only right\n" in text
    assert "\t=0.33:0.005#Exact\\: 1\\:3\n\t=%50%0.3..0.4\n\t=%0%-2.5e-07:0\n" in text
    assert "What is $\\\\frac\\{1\\}\\{3\\}$" in text and "$a \\\\neq b$" in text
    assert "// moocstudio: points 2\n// moocstudio: hint Think of the public domain.\\nIt" in text
    assert "// moocstudio: ordering\n[markdown]Put in order.{\n\t=1 -> write\n" in text
    assert "\t=-> no derivatives\n" in text


@pytest.mark.parametrize("bank", [MOODLE_EXPORT, TEACHER_BANK], ids=["moodle", "teacher"])
def test_the_corpus_round_trips(tmp_path: Path, bank: str) -> None:
    first = read_gift(bank, QuizTexts(tmp_path, tmp_path / "a.gift"), source_name="a.gift")
    quiz = Quiz(id=new_id("quiz"), title="Bank", questions=first.questions)
    again = read_gift(
        quiz_to_gift(quiz), QuizTexts(tmp_path, tmp_path / "b.gift"), source_name="b.gift"
    )
    assert again.warnings == []
    _same(first.questions, again.questions)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escape_is_undone_by_unescape(text: str) -> None:
    assert unescape(escape(text)) == text.replace("\r\n", "\n")


# The texts are plain: nothing is written into tmp_path, which every example shares.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    stem=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(str.strip),
    answer=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(str.strip),
)
def test_any_plain_text_survives_a_round_trip(tmp_path: Path, stem: str, answer: str) -> None:
    texts = QuizTexts(tmp_path, tmp_path / "q.gift")
    question = ShortAnswer(
        id=new_id("question"),
        stem=texts(stem.strip(), "plain"),
        answers=[AcceptedText(text=answer.strip())],
    )
    quiz = Quiz(id=new_id("quiz"), title="t", questions=[question])
    back = read_gift(quiz_to_gift(quiz), texts, source_name="q.gift")
    assert back.warnings == []
    assert [_comparable(q) for q in back.questions] == [_comparable(question)]


def test_texts_that_look_like_gift_syntax_stay_text(tmp_path: Path) -> None:
    texts = QuizTexts(tmp_path, tmp_path / "q.gift")
    questions: list[Question] = [
        ShortAnswer(
            id=new_id("question"),
            stem=texts("[html] is not a format here"),
            answers=[AcceptedText(text="a -> b"), AcceptedText(text="%50% of it", credit=0.5)],
        ),
        SingleChoice(
            id=new_id("question"),
            stem=texts("Odd choices"),
            choices=[Choice(text=texts("%100% sure"), credit=1), Choice(text=texts("[x] box"))],
        ),
    ]
    quiz = Quiz(id=new_id("quiz"), title="t", questions=questions)
    back = read_gift(quiz_to_gift(quiz), texts, source_name="q.gift")
    assert back.warnings == []
    _same(questions, back.questions)


def _course(*quizzes: Quiz) -> Course:
    course = Course(title="Open access")
    course.modules.append(Module(title="One", items=list(quizzes)))
    return course


def test_write_gift_files_one_per_quiz(tmp_path: Path, quiz: Quiz) -> None:
    twin = quiz.model_copy(update={"id": new_id("quiz")})
    other = Quiz(id=new_id("quiz"), title="Other", questions=quiz.questions[:1])
    written = write_gift_files(_course(quiz, twin, other), tmp_path / "out")
    assert [p.name for p in written] == [
        "Check-week-1-2.gift", f"Check-week-1-2-{twin.id}.gift", "Other.gift",
    ]  # fmt: skip
    assert written[2].read_text(encoding="utf-8") == quiz_to_gift(other)
    chosen = write_gift_files(_course(quiz, other), tmp_path / "some", ["other"])
    assert [p.name for p in chosen] == ["Other.gift"]


def test_write_gift_files_refuses_an_unknown_quiz_and_writes_nothing(
    tmp_path: Path, quiz: Quiz
) -> None:
    with pytest.raises(MoocstudioError, match="no quiz named 'Week 9'"):
        write_gift_files(_course(quiz), tmp_path / "out", ["Week 9"])
    assert not (tmp_path / "out").exists()
    with pytest.raises(MoocstudioError, match="has no quiz"):
        write_gift_files(_course(), tmp_path / "out")
