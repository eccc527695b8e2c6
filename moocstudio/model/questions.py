"""Quiz questions: one model for every type, read by every importer, editor and exporter.

Credits are fractions of a question's points (1 = full marks, 0.5 = half, negative = a
penalty), the way GIFT's ``%50%`` and QTI's score weights express them. Text a learner reads is
kept twice, like a page: what the author wrote and its sanitized HTML (``RichText``); short
strings the learner types or picks (accepted answers, matching options, ordering steps) are
plain text, because they are compared and listed, not rendered.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from moocstudio.model.ids import StableId

TextFormat = Literal["markdown", "html", "plain"]
"""How ``RichText.source`` is written (GIFT's ``[markdown]``, ``[html]``, ``[plain]``)."""

Credit = Annotated[float, Field(ge=-1, le=1, description="Fraction of the question's points.")]

FULL_CREDIT = 1.0
_CREDIT_TOLERANCE = 1e-6


class RichText(BaseModel):
    """Text a learner reads: the author's source and its sanitized HTML rendering."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = ""
    format: TextFormat = "markdown"
    html: str = Field(default="", description="Sanitized HTML; images point into media/.")

    def __bool__(self) -> bool:
        return bool(self.source.strip())


class Choice(BaseModel):
    """One option of a choice question."""

    model_config = ConfigDict(extra="forbid")

    text: RichText
    credit: Credit = 0.0
    feedback: RichText = RichText()

    @property
    def correct(self) -> bool:
        """Whether choosing it earns credit."""
        return self.credit > 0


class _QuestionBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: StableId
    title: str = Field(default="", description="A short name (GIFT's ::title::), not shown.")
    stem: RichText
    points: float = Field(default=1.0, gt=0)
    general_feedback: RichText = RichText()
    hint: RichText = RichText()


class SingleChoice(_QuestionBase):
    """One answer to pick; other options may carry partial credit."""

    type: Literal["single_choice"] = "single_choice"
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_full_answer(self) -> Self:
        if not any(math.isclose(c.credit, FULL_CREDIT) for c in self.choices):
            raise ValueError("a single-choice question needs one choice worth full credit")
        return self


class MultipleChoice(_QuestionBase):
    """Several answers to tick; the positive credits add up to full marks."""

    type: Literal["multiple_choice"] = "multiple_choice"
    choices: list[Choice] = Field(min_length=2)
    scoring: Literal["partial", "all_or_nothing"] = Field(
        default="partial",
        description="partial: the ticked choices' credits add up (never below 0); "
        "all_or_nothing: full marks only for exactly the correct set.",
    )

    @model_validator(mode="after")
    def _credits_add_up(self) -> Self:
        total = sum(c.credit for c in self.choices if c.credit > 0)
        if not math.isclose(total, FULL_CREDIT, abs_tol=0.01):
            raise ValueError(f"the correct choices' credits add up to {total:.0%}, not 100%")
        return self


class TrueFalse(_QuestionBase):
    """A statement to judge."""

    type: Literal["true_false"] = "true_false"
    answer: bool
    feedback_true: RichText = Field(default=RichText(), description="When 'true' is answered.")
    feedback_false: RichText = Field(default=RichText(), description="When 'false' is answered.")


class NumericAnswer(BaseModel):
    """An accepted number: a value with a tolerance, or a closed range."""

    model_config = ConfigDict(extra="forbid")

    value: float | None = None
    tolerance: float = Field(default=0.0, ge=0)
    minimum: float | None = None
    maximum: float | None = None
    credit: Credit = FULL_CREDIT
    feedback: RichText = RichText()

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        as_value = self.value is not None
        as_range = self.minimum is not None and self.maximum is not None
        if as_value == as_range or (not as_range and (self.minimum, self.maximum) != (None, None)):
            raise ValueError("give either a value (with a tolerance) or a minimum and a maximum")
        if as_range and self.minimum > self.maximum:  # type: ignore[operator]
            raise ValueError(f"the range {self.minimum}..{self.maximum} is empty")
        if as_value and not math.isfinite(self.value):  # type: ignore[arg-type]
            raise ValueError("the value must be a finite number")
        return self

    @property
    def is_range(self) -> bool:
        """Whether it was written as a range (``1..5``) rather than a value and tolerance."""
        return self.value is None

    @property
    def bounds(self) -> tuple[float, float]:
        """The closed interval of accepted numbers."""
        if self.value is None:
            assert self.minimum is not None and self.maximum is not None
            return self.minimum, self.maximum
        return self.value - self.tolerance, self.value + self.tolerance

    def accepts(self, number: float) -> bool:
        """Whether ``number`` falls in the accepted interval."""
        low, high = self.bounds
        return low - _CREDIT_TOLERANCE <= number <= high + _CREDIT_TOLERANCE


class Numeric(_QuestionBase):
    """A number to type; the first answer whose interval holds it gives its credit."""

    type: Literal["numeric"] = "numeric"
    answers: list[NumericAnswer] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_full_answer(self) -> Self:
        if not any(math.isclose(a.credit, FULL_CREDIT) for a in self.answers):
            raise ValueError("a numeric question needs one answer worth full credit")
        return self


class AcceptedText(BaseModel):
    """A string a short-answer question accepts."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    credit: Credit = FULL_CREDIT
    feedback: RichText = RichText()


class ShortAnswer(_QuestionBase):
    """A word or phrase to type, compared with the accepted strings (spaces trimmed)."""

    type: Literal["short_answer"] = "short_answer"
    answers: list[AcceptedText] = Field(min_length=1)
    case_sensitive: bool = False

    @model_validator(mode="after")
    def _one_full_answer(self) -> Self:
        if not any(math.isclose(a.credit, FULL_CREDIT) for a in self.answers):
            raise ValueError("a short-answer question needs one answer worth full credit")
        return self

    def credit_for(self, response: str) -> float:
        """The credit the learner's ``response`` earns."""
        typed = response.strip()
        for answer in self.answers:
            wanted = answer.text.strip()
            same = typed == wanted if self.case_sensitive else typed.casefold() == wanted.casefold()
            if same:
                return answer.credit
        return 0.0


class MatchPair(BaseModel):
    """A prompt and the option that matches it."""

    model_config = ConfigDict(extra="forbid")

    prompt: RichText
    answer: str = Field(min_length=1)


class Matching(_QuestionBase):
    """Prompts to match with options; each right match earns an equal share."""

    type: Literal["matching"] = "matching"
    pairs: list[MatchPair] = Field(min_length=2)
    distractors: list[str] = Field(
        default_factory=list, description="Options that match no prompt."
    )

    @property
    def options(self) -> list[str]:
        """Every option offered, once each, in authored order."""
        return list(dict.fromkeys([p.answer for p in self.pairs] + self.distractors))


class Ordering(_QuestionBase):
    """Steps to put in order; ``items`` holds them in the correct order."""

    type: Literal["ordering"] = "ordering"
    items: list[str] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        if len(set(self.items)) != len(self.items):
            raise ValueError("the steps to order must all differ")
        return self


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Numeric | ShortAnswer | Matching | Ordering,
    Field(discriminator="type"),
]

QuestionType = Literal[
    "single_choice",
    "multiple_choice",
    "true_false",
    "numeric",
    "short_answer",
    "matching",
    "ordering",
]

ShowFeedback = Literal["immediately", "after_submit", "never"]


class QuizSettings(BaseModel):
    """How a quiz is taken and passed."""

    model_config = ConfigDict(extra="forbid")

    passing_percent: float = Field(default=80.0, ge=0, le=100, description="% of the points.")
    attempts: int | None = Field(default=None, ge=1, description="None: unlimited.")
    shuffle_answers: bool = False
    show_feedback: ShowFeedback = "after_submit"


class GradedQuiz(BaseModel):
    """A quiz that counts towards the course grade, and its weight."""

    model_config = ConfigDict(extra="forbid")

    quiz: StableId
    weight: float = Field(default=1.0, gt=0)


class GradingPolicy(BaseModel):
    """Which quizzes count, their weights, and the grade that passes the course."""

    model_config = ConfigDict(extra="forbid")

    quizzes: list[GradedQuiz] = Field(
        default_factory=list, description="Empty: every quiz counts, each with weight 1."
    )
    passing_percent: float = Field(default=50.0, ge=0, le=100)
