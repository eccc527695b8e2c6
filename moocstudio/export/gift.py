"""A quiz as a GIFT question bank, for Moodle or for keeping in git.

Moodle reads every question; ``moocstudio.importers.gift`` reads them back as they were. What GIFT
cannot say goes in ``// moocstudio: ...`` comment lines before the question (Moodle skips
comments): points other than 1, the hint, all-or-nothing scoring, a case-sensitive short answer.
An ordering question is written as the matching question Moodle can grade (position 1, 2, 3 ->
step) under ``// moocstudio: ordering``, which reads back as the ordering it was.

Quiz settings (passing score, attempts) belong to the course, not the bank, and are not written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from moocstudio.atomic import atomic_outputs
from moocstudio.errors import MoocstudioError
from moocstudio.importers.gift_syntax import DIRECTIVE_PREFIX, escape
from moocstudio.model import (
    Choice,
    Course,
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
from moocstudio.model.store import safe_file_name

_INDENT = "\t"


def quiz_to_gift(quiz: Quiz) -> str:
    """The quiz's questions as GIFT text, one blank line between them.

    Args:
        quiz: The quiz; its title becomes the bank's ``$CATEGORY``.
    """
    header = [f"// {' '.join(quiz.title.split())}", "// Written by moocstudio", ""]
    header += [f"$CATEGORY: {_category(quiz.title)}", ""]
    questions = ["\n".join(_question(question)) + "\n" for question in quiz.questions]
    return "\n".join(header) + "\n" + "\n".join(questions)


def _category(title: str) -> str:
    # Moodle reads the line as it is: a '/' would nest categories, the title is one name.
    return " ".join(title.replace("/", "-").split())


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
    if isinstance(question, ShortAnswer) and all("->" in a.text for a in question.answers):
        yield f"{DIRECTIVE_PREFIX} short-answer"  # else GIFT reads a matching question
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
            "=" + _weighted(answer.credit, escape(answer.text), zero="%0%")
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
    text = _text(choice.text, stem_format)
    if single and choice.credit == FULL_CREDIT:
        answer = "=" + _weighted(choice.credit, text)
    elif single:
        answer = "~" + _weighted(choice.credit, text)
    else:
        answer = "~" + _weighted(choice.credit, text, full="%100%", zero="%0%")
    return answer + _feedback(choice.feedback, stem_format)


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
    return (
        "=" + _weighted(answer.credit, spec, zero="%0%") + _feedback(answer.feedback, stem_format)
    )


def _weighted(credit: float, text: str, *, full: str = "", zero: str = "") -> str:
    """``text`` after its weight, written even when implied if the text starts like one."""
    if credit == FULL_CREDIT:
        weight = full
    elif credit == 0:
        weight = zero
    else:
        # Seven digits: Moodle's own list of grades (33.33333%, 14.28571%) matches.
        weight = f"%{credit * 100:.7g}%"
    if not weight and text.lstrip().startswith("%"):
        weight = f"%{credit * 100:.7g}%"
    return weight + text


def _feedback(feedback: RichText, stem_format: TextFormat) -> str:
    return "#" + _text(feedback, stem_format) if feedback else ""


def _text(text: RichText, stem_format: TextFormat) -> str:
    """Escaped source, with its ``[format]`` when it differs from the stem's."""
    # A text starting with '[' gets its format too, lest it be read as one.
    written = text.format != stem_format or text.source.lstrip().startswith("[")
    prefix = f"[{text.format}]" if written and text else ""
    return prefix + escape(text.source.strip())


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def write_gift_files(course: Course, out_dir: Path, wanted: Sequence[str] = ()) -> list[Path]:
    """Write each chosen quiz of ``course`` as ``<title>.gift`` in ``out_dir``.

    All files are written together or none is (an existing file of the same name is replaced
    only when every one is written).

    Args:
        course: The course.
        out_dir: The folder for the files (created if missing).
        wanted: Titles (case-insensitive) or ids of the quizzes to write; empty: every quiz.

    Returns:
        The files written, in course order.

    Raises:
        MoocstudioError: The course has no quiz, a wanted quiz is not in it, or the folder
            cannot be written.
    """
    quizzes = [item for item in course.all_items() if isinstance(item, Quiz)]
    if not quizzes:
        raise MoocstudioError(f"the course “{course.title}” has no quiz to write")
    chosen = quizzes
    if wanted:
        keys = {key.casefold() for key in wanted}
        chosen = [q for q in quizzes if q.id in wanted or q.title.casefold() in keys]
        found = {q.id for q in chosen} | {q.title.casefold() for q in chosen}
        missing = [key for key in wanted if key not in found and key.casefold() not in found]
        if missing:
            names = ", ".join(f"“{q.title}”" for q in quizzes)
            raise MoocstudioError(f"no quiz named {missing[0]!r} in the course; it has {names}")
    targets: list[Path] = []
    for quiz in chosen:
        title = quiz.title.replace("/", "-").replace("\\", "-")
        name = safe_file_name(f"{title}.gift")
        if out_dir / name in targets:  # two quizzes of one title: the id tells them apart
            name = safe_file_name(f"{title}-{quiz.id}.gift")
        targets.append(out_dir / name)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with atomic_outputs(targets) as temps:
            for quiz, temp in zip(chosen, temps, strict=True):
                temp.write_text(quiz_to_gift(quiz), encoding="utf-8", newline="\n")
    except OSError as exc:
        raise MoocstudioError(f"{out_dir}: cannot write the GIFT files ({exc.strerror})") from exc
    return targets
