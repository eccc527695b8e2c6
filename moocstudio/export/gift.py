"""A quiz as a GIFT question bank, for Moodle or for keeping in git.

Moodle reads every question; ``moocstudio.importers.gift`` reads them back as they were. What GIFT
cannot say goes in ``// moocstudio: ...`` comment lines before the question (Moodle skips
comments): points other than 1, the hint, all-or-nothing scoring, a case-sensitive short answer.
An ordering question is written as the matching question Moodle can grade (position 1, 2, 3 ->
step) under ``// moocstudio: ordering``, which reads back as the ordering it was.

Quiz settings (passing score, attempts) belong to the course, not the bank, and are not written.
"""

from __future__ import annotations

from collections.abc import Iterator

from moocstudio.importers.gift_syntax import DIRECTIVE_PREFIX, escape
from moocstudio.model import (
    Choice,
    Matching,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    Quiz,
    RichText,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from moocstudio.model.questions import FULL_CREDIT, TextFormat

_INDENT = "\t"


def quiz_to_gift(quiz: Quiz) -> str:
    """The quiz's questions as GIFT text, one blank line between them.

    Args:
        quiz: The quiz; its title becomes the bank's ``$CATEGORY``.
    """
    header = [f"// {escape(quiz.title)}", "// Written by moocstudio", ""]
    header += [f"$CATEGORY: {_category(quiz.title)}", ""]
    questions = ["\n".join(_question(question)) + "\n" for question in quiz.questions]
    return "\n".join(header) + "\n" + "\n".join(questions)


def _category(title: str) -> str:
    # A '/' would make Moodle nest categories; the title is one name.
    return escape(title.replace("/", "-")).replace("\\n", " ")


def _question(question: Question) -> Iterator[str]:
    yield from _directives(question)
    stem_format = question.stem.format
    title = f"::{escape(question.title)}::" if question.title else ""
    yield f"{title}[{stem_format}]{escape(question.stem.source.strip())}{{"
    for line in _answers(question, stem_format):
        yield _INDENT + line
    if question.general_feedback:
        yield _INDENT + "####" + _text(question.general_feedback, stem_format)
    yield "}"


def _directives(question: Question) -> Iterator[str]:
    if question.points != 1:
        yield f"{DIRECTIVE_PREFIX} points {_number(question.points)}"
    if question.hint:
        yield f"{DIRECTIVE_PREFIX} hint {_text(question.hint, question.stem.format)}"
    if isinstance(question, MultipleChoice) and question.scoring == "all_or_nothing":
        yield f"{DIRECTIVE_PREFIX} all-or-nothing"
    if isinstance(question, ShortAnswer) and question.case_sensitive:
        yield f"{DIRECTIVE_PREFIX} case-sensitive"
    if isinstance(question, Ordering):
        yield f"{DIRECTIVE_PREFIX} ordering"


def _answers(question: Question, stem_format: TextFormat) -> list[str]:
    """Each answer line of the block (without the general feedback)."""
    if isinstance(question, SingleChoice):
        return [_choice(choice, stem_format, single=True) for choice in question.choices]
    if isinstance(question, MultipleChoice):
        return [_choice(choice, stem_format, single=False) for choice in question.choices]
    if isinstance(question, TrueFalse):
        return [_true_false(question, stem_format)]
    if isinstance(question, Numeric):
        return ["#", *(_numeric(answer, stem_format) for answer in question.answers)]
    if isinstance(question, ShortAnswer):
        return [
            "=" + _weight(answer.credit, full="", zero="%0%") + escape(answer.text)
            + _feedback(answer.feedback, stem_format)
            for answer in question.answers
        ]  # fmt: skip
    if isinstance(question, Matching):
        pairs = [
            f"={_text(pair.prompt, stem_format)} -> {escape(pair.answer)}"
            for pair in question.pairs
        ]
        return pairs + [f"=-> {escape(option)}" for option in question.distractors]
    return [f"={position} -> {escape(step)}" for position, step in enumerate(question.items, 1)]


def _choice(choice: Choice, stem_format: TextFormat, *, single: bool) -> str:
    if single:
        full = choice.credit == FULL_CREDIT
        marker = "=" if full else "~" + _weight(choice.credit, full="")
    else:
        marker = "~" + _weight(choice.credit, full="%100%", zero="%0%")
    return marker + _text(choice.text, stem_format) + _feedback(choice.feedback, stem_format)


def _true_false(question: TrueFalse, stem_format: TextFormat) -> str:
    # Moodle: {TRUE#feedback when answered wrongly#feedback when answered rightly}
    right, wrong = (
        (question.feedback_true, question.feedback_false)
        if question.answer
        else (question.feedback_false, question.feedback_true)
    )
    out = "TRUE" if question.answer else "FALSE"
    if wrong or right:
        out += "#" + _text(wrong, stem_format)
    if right:
        out += "#" + _text(right, stem_format)
    return out


def _numeric(answer: NumericAnswer, stem_format: TextFormat) -> str:
    if answer.is_range:
        low, high = answer.bounds
        spec = f"{_number(low)}..{_number(high)}"
    else:
        assert answer.value is not None
        spec = f"{_number(answer.value)}:{_number(answer.tolerance)}"
    weight = _weight(answer.credit, full="", zero="%0%")
    return "=" + weight + spec + _feedback(answer.feedback, stem_format)


def _weight(credit: float, *, full: str, zero: str = "") -> str:
    if credit == FULL_CREDIT:
        return full
    if credit == 0:
        return zero
    # Seven digits: Moodle's own list of grades (33.33333%, 14.28571%) matches.
    return f"%{credit * 100:.7g}%"


def _feedback(feedback: RichText, stem_format: TextFormat) -> str:
    return "#" + _text(feedback, stem_format) if feedback else ""


def _text(text: RichText, stem_format: TextFormat) -> str:
    """Escaped source, with its ``[format]`` when it differs from the stem's."""
    prefix = f"[{text.format}]" if text.format != stem_format and text else ""
    return prefix + escape(text.source.strip())


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
