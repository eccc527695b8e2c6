"""GIFT question banks (Moodle's plain-text quiz format) into a Quiz item.

Every GIFT question type that maps to a moocstudio type is read: multiple choice with one
answer (``{=a ~b}``) or several (``{~%50%a ~%50%b ~%-100%c}``), true/false (``{T}``, ``{FALSE}``),
numeric (``{#3.14:0.01}``, ``{#1..5}``, several graded answers), short answer (``{=a =b}``),
matching (``{=a -> 1 =b -> 2}``) and missing word (the block inside the sentence). Each question
GIFT has that moocstudio does not grade (essay ``{}``, description without a block) or that is
written wrongly is one warning naming its line; the others are imported.

Why a hand-written reader: the GIFT readers on PyPI are either unmaintained since 2017
(pygiftparser), a 0.0.x (pygiftparserrgmf), or convert an extended dialect to Moodle XML
(gift-to-moodlexml); none reports the line of each question it cannot read.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from moocstudio.errors import ImportFailed
from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.importers.gift_syntax import (
    Chunk,
    GiftSyntaxError,
    QuestionParts,
    cut_question,
    find_unescaped,
    split_answers,
    split_questions,
    split_unescaped,
    take_format,
    unescape,
)
from moocstudio.importers.pages import read_text
from moocstudio.importers.quiz_texts import QuizTexts, build_question, validation_problem
from moocstudio.model import (
    AcceptedText,
    Choice,
    Matching,
    MatchPair,
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
from moocstudio.model.ids import new_id
from moocstudio.model.store import add_asset

_WEIGHT = re.compile(r"^\s*%(?P<percent>-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_GENERAL_FEEDBACK = "####"
_DEFAULT_CATEGORIES = ("top", "default for")  # Moodle's own category names, no quiz title


class _Unsupported(ValueError):
    """A GIFT question moocstudio does not grade (essay, description)."""


def import_gift(folder: Path, source: Path, *, title: str | None = None) -> ImportResult[Quiz]:
    """Import a GIFT file as one Quiz: its questions, in order, and their images.

    Args:
        folder: The course folder.
        source: The GIFT file (UTF-8; Moodle exports it as .txt); only read.
        title: The quiz's title instead of its category's or the file's name.

    Raises:
        ImportFailed: The file cannot be read, is not UTF-8, or holds no question moocstudio
            can import.
    """
    source = Path(source)
    bank = read_gift(read_text(source), QuizTexts(folder, source), source_name=source.name)
    if not bank.questions:
        reasons = f" ({'; '.join(bank.warnings[:3])})" if bank.warnings else ""
        raise ImportFailed(source, f"holds no question moocstudio can import{reasons}")
    quiz = Quiz(
        id=new_id("quiz"),
        title=title or bank.title or readable_stem(source),
        questions=bank.questions,
        source=add_asset(folder, source),
        images=bank.images,
    )
    return ImportResult(item=quiz, warnings=bank.warnings)


class GiftBank:
    """The questions read from one GIFT text, with every warning on the way.

    Attributes:
        questions: The questions imported, in file order.
        warnings: One sentence per question left out (naming its line), then the renderer's.
        images: Images the questions show, copied into the course.
        title: The last part of the first ``$CATEGORY`` that is not one of Moodle's defaults.
    """

    def __init__(self, texts: QuizTexts) -> None:
        self.questions: list[Question] = []
        self.warnings: list[str] = []
        self.images = texts.images
        self.title = ""


def read_gift(text: str, texts: QuizTexts, *, source_name: str) -> GiftBank:
    """Read every question of a GIFT text.

    Args:
        text: The GIFT text.
        texts: Renders each stem, answer and feedback (and copies their images).
        source_name: The file's name, for the warnings.
    """
    bank = GiftBank(texts)
    for chunk in split_questions(text):
        if not bank.title:
            bank.title = _category_title(chunk.category)
        try:
            bank.questions.append(_QuestionReader(chunk, texts).read())
        except _Unsupported as exc:
            bank.warnings.append(f"{source_name}, line {chunk.line}: {exc}; left out")
        except (GiftSyntaxError, ValueError) as exc:
            problem = validation_problem(exc) if isinstance(exc, ValidationError) else str(exc)
            bank.warnings.append(
                f"{source_name}, line {chunk.line}: {problem}; this question was left out"
            )
    bank.warnings.extend(texts.warnings)
    return bank


def _category_title(category: str) -> str:
    name = category.rstrip("/").rsplit("/", 1)[-1].strip()
    if not name or name.startswith("$") or name.lower().startswith(_DEFAULT_CATEGORIES):
        return ""
    return name


class _QuestionReader:
    """Reads one question chunk into a model question."""

    def __init__(self, chunk: Chunk, texts: QuizTexts) -> None:
        self.chunk = chunk
        self.texts = texts
        self.parts: QuestionParts = cut_question(chunk.text)

    def read(self) -> Question:
        block = self.parts.block
        if block is None:
            raise _Unsupported("a description (text without an answer block) is not a question")
        inside = block.strip()
        if not _split_general(inside)[0].strip():  # '{}', or only a general feedback
            raise _Unsupported("essay questions ('{}') are not graded by moocstudio")
        body, general = _split_general(inside[1:] if inside.startswith("#") else inside)
        fields = self._common(general)
        if inside.startswith("#"):
            return self._numeric(body, fields)
        head = split_unescaped(body, "#", 1)[0].strip().upper()
        if head in _TRUE_FALSE:
            return self._true_false(body, _TRUE_FALSE[head], fields)
        lead, answers = split_answers(body)
        if lead.strip() or not answers:
            raise ValueError(
                "the answer block must start with '=', '~', '#', T or F "
                f"(it starts with {body.strip()[:20]!r})"
            )
        markers = {marker for marker, _ in answers}
        short = "short-answer" in self.chunk.directives
        if markers == {"="} and not short and all(find_unescaped(a, "->") >= 0 for _, a in answers):
            return self._matching(answers, fields)
        if markers == {"="}:
            return self._short_answer(answers, fields)
        return self._choice(answers, fields)

    # --- parts every type has -------------------------------------------------------------

    def _text(self, raw: str) -> RichText:
        """Rich text from raw GIFT text (escapes in place), in its own or the stem's format."""
        text_format, rest = take_format(raw.strip(), self.parts.stem_format)
        return self.texts(unescape(rest).strip(), text_format)

    def _common(self, general: str) -> dict[str, Any]:
        directives = self.chunk.directives
        fields: dict[str, Any] = {
            "title": self.parts.title,
            "stem": self.texts(self.parts.stem, self.parts.stem_format),
            "general_feedback": self._text(general),
        }
        if "points" in directives:
            fields["points"] = _number(directives["points"], "points")
        if "hint" in directives:
            fields["hint"] = self._text(directives["hint"])
        return fields

    def _answer(self, raw: str) -> tuple[float | None, str, str]:
        """(credit or None, text, feedback) of one answer: ``%50%text#feedback``."""
        weight = _WEIGHT.match(raw)
        credit = None
        if weight:
            credit = float(weight["percent"]) / 100
            if not -1 <= credit <= 1:
                raise ValueError(f"the weight {weight['percent']}% is outside -100%..100%")
            raw = raw[weight.end() :]
        text, _, feedback = _cut_feedback(raw)
        return credit, text, feedback

    # --- one builder per type ---------------------------------------------------------------

    def _true_false(self, body: str, answer: bool, fields: dict[str, Any]) -> Question:
        # Moodle: {T#feedback when answered wrongly#feedback when answered rightly}
        parts = split_unescaped(body, "#", 2) + ["", ""]
        right, wrong = ("feedback_true", "feedback_false")
        if not answer:
            right, wrong = wrong, right
        fields |= {"answer": answer, wrong: self._text(parts[1]), right: self._text(parts[2])}
        return build_question(TrueFalse, fields)

    def _numeric(self, body: str, fields: dict[str, Any]) -> Question:
        lead, answers = split_answers(body)
        if lead.strip():
            if answers:
                raise ValueError(f"unexpected {lead.strip()!r} before the first numeric answer")
            answers = [("=", lead)]
        numbers = []
        for marker, raw in answers:
            credit, spec, feedback = self._answer(raw)
            if credit is None:
                credit = 1.0 if marker == "=" else 0.0
            numbers.append(_numeric_answer(unescape(spec).strip(), credit, self._text(feedback)))
        return build_question(Numeric, fields | {"answers": numbers})

    def _short_answer(self, answers: list[tuple[str, str]], fields: dict[str, Any]) -> Question:
        accepted = []
        for _, raw in answers:
            credit, text, feedback = self._answer(raw)
            accepted.append(
                AcceptedText(
                    text=unescape(text).strip(),
                    credit=1.0 if credit is None else credit,
                    feedback=self._text(feedback),
                )
            )
        fields["case_sensitive"] = "case-sensitive" in self.chunk.directives
        return build_question(ShortAnswer, fields | {"answers": accepted})

    def _matching(self, answers: list[tuple[str, str]], fields: dict[str, Any]) -> Question:
        pairs: list[tuple[str, str]] = []
        for _, raw in answers:
            prompt, match = split_unescaped(raw, "->", 1)
            pairs.append((prompt.strip(), unescape(match).strip()))
        if "ordering" in self.chunk.directives:
            return build_question(Ordering, fields | {"items": [match for _, match in pairs]})
        matched = [
            MatchPair(prompt=self._text(prompt), answer=match) for prompt, match in pairs if prompt
        ]
        distractors = [match for prompt, match in pairs if not prompt]
        return build_question(Matching, fields | {"pairs": matched, "distractors": distractors})

    def _choice(self, answers: list[tuple[str, str]], fields: dict[str, Any]) -> Question:
        choices = []
        for marker, raw in answers:
            credit, text, feedback = self._answer(raw)
            if credit is None:
                credit = 1.0 if marker == "=" else 0.0
            choices.append(
                Choice(text=self._text(text), credit=credit, feedback=self._text(feedback))
            )
        single = any(marker == "=" for marker, _ in answers)
        if not any(choice.credit > 0 for choice in choices):
            raise ValueError("no answer earns credit (mark the right one with '=' or '%100%')")
        if single and "all-or-nothing" not in self.chunk.directives:
            return build_question(SingleChoice, fields | {"choices": choices})
        scoring = "all_or_nothing" if "all-or-nothing" in self.chunk.directives else "partial"
        return build_question(MultipleChoice, fields | {"choices": choices, "scoring": scoring})


def _split_general(block: str) -> tuple[str, str]:
    """The answers and the general feedback (after ``####``) of an answer block."""
    found = find_unescaped(block, _GENERAL_FEEDBACK)
    if found < 0:
        return block, ""
    return block[:found], block[found + len(_GENERAL_FEEDBACK) :]


def _cut_feedback(raw: str) -> tuple[str, str, str]:
    found = find_unescaped(raw, "#")
    if found < 0:
        return raw, "", ""
    return raw[:found], "#", raw[found + 1 :]


def _number(text: str, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"{what} {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} {text.strip()!r} is not a finite number")
    return value


def _numeric_answer(spec: str, credit: float, feedback: RichText) -> NumericAnswer:
    """``3.14:0.01``, ``1..5`` or ``42`` as an accepted number."""
    fields: dict[str, float]
    if ".." in spec:
        low, high = spec.split("..", 1)
        fields = {"minimum": _number(low, "the minimum"), "maximum": _number(high, "the maximum")}
    elif ":" in spec:
        value, tolerance = spec.split(":", 1)
        fields = {
            "value": _number(value, "the value"),
            "tolerance": abs(_number(tolerance, "the tolerance")),
        }
    else:
        fields = {"value": _number(spec, "the value")}
    try:
        return NumericAnswer(credit=credit, feedback=feedback, **fields)
    except ValidationError as exc:
        raise ValueError(f"the numeric answer {spec!r}: {validation_problem(exc)}") from exc
