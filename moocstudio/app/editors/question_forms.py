"""One form per question type: what every question has, then its type's own fields.

A form shows a question (``load``) and builds the question its fields now describe
(``question``); the model validates it, so a form never holds rules of its own about what a
valid question is. Credits show as percentages (100 = full marks, like GIFT's ``%100%``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.editors.quiz_fields import (
    Column,
    Renderer,
    RichTextBox,
    RowsTable,
    as_number,
    as_optional,
    as_rich,
    as_text,
)
from moocstudio.app.editors.widgets import CommitTextEdit, shrink_to_fit
from moocstudio.app.i18n import translate
from moocstudio.model import RichText
from moocstudio.model.ids import new_id
from moocstudio.model.questions import (
    AcceptedText,
    Choice,
    Matching,
    MatchPair,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    QuestionType,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

MAX_POINTS = 1000.0
PERCENT = 100.0


def question_type_names() -> dict[QuestionType, str]:
    """Each question type's name as the author reads it."""
    return {
        "single_choice": translate("QuestionForm", "Single choice"),
        "multiple_choice": translate("QuestionForm", "Multiple choice"),
        "true_false": translate("QuestionForm", "True or false"),
        "numeric": translate("QuestionForm", "Numeric"),
        "short_answer": translate("QuestionForm", "Short answer"),
        "matching": translate("QuestionForm", "Matching"),
        "ordering": translate("QuestionForm", "Ordering"),
    }


class QuestionForm(QWidget):
    """Title, stem, points, general feedback and hint; subclasses add their type's fields.

    Signals:
        edited: The author may have finished changing a field (the editor compares).
    """

    edited = Signal()
    question_type: QuestionType

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(f"<b>{question_type_names()[self.question_type]}</b>", self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("A short name for you, not shown to learners"))
        self.stem = RichTextBox(self.tr("Question text"), self, lines=4)
        self.stem.setPlaceholderText(self.tr("The question, in markdown (maths and images too)"))
        self.points = QDoubleSpinBox(self)
        self.points.setRange(0.01, MAX_POINTS)
        self.points.setDecimals(2)
        self.points.setAccessibleName(self.tr("Points"))
        self.general_feedback = RichTextBox(self.tr("General feedback"), self, lines=2)
        self.general_feedback.setPlaceholderText(
            self.tr("Shown after answering, whatever the answer")
        )
        self.hint = RichTextBox(self.tr("Hint"), self, lines=2)
        self.hint.setPlaceholderText(self.tr("Offered before answering (optional)"))
        self.form = QFormLayout()
        # In a narrow pane a wide field (a table) goes under its label rather than off the edge.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer = QVBoxLayout(self)
        outer.addLayout(self.form)
        outer.addStretch(1)  # the fields stay together at the top
        self.form.addRow(self.heading)
        self._row(self.tr("&Title"), self.title)
        self._row(self.tr("&Question"), self.stem)
        self._row(self.tr("&Points"), self.points)
        self._add_fields()
        self._row(self.tr("&General feedback"), self.general_feedback)
        self._row(self.tr("&Hint"), self.hint)
        self.title.editingFinished.connect(self.edited)
        self.points.editingFinished.connect(self.edited)
        for box in (self.stem, self.general_feedback, self.hint):
            box.edited.connect(self.edited)

    def _row(self, label: str, field: QWidget) -> None:
        caption = QLabel(label, self)
        caption.setBuddy(field)  # the & shortcut focuses the field
        if not field.accessibleName():
            field.setAccessibleName(label.replace("&", ""))
        self.form.addRow(caption, field)

    def _add_fields(self) -> None:
        """Add the type's own rows (between the points and the general feedback)."""

    def load(self, question: Question) -> None:
        """Show ``question``'s fields."""
        self.title.setText(question.title)
        self.stem.set_text(question.stem)
        self.points.setValue(question.points)
        self.general_feedback.set_text(question.general_feedback)
        self.hint.set_text(question.hint)
        self._load(question)

    def _load(self, question: Any) -> None:
        """Show the type's own fields."""

    def question(self, ident: str, render: Renderer) -> Question:
        """The question the fields describe now, with id ``ident``.

        Raises:
            ValueError: The fields describe no valid question (pydantic's ValidationError, or a
                cell that is not a number); the message says what to fix.
        """
        common = {
            "id": ident,
            "title": self.title.text().strip(),
            "stem": self.stem.value(render),
            "points": self.points.value(),
            "general_feedback": self.general_feedback.value(render),
            "hint": self.hint.value(render),
        }
        return self._build(common, render)

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        raise NotImplementedError


def _credit_column() -> Column:
    return Column(
        translate("QuestionForm", "Credit %"),
        "number",
        translate("QuestionForm", "100 = full marks; a negative credit is a penalty"),
    )


def _feedback_column() -> Column:
    return Column(
        translate("QuestionForm", "Feedback"),
        "rich",
        translate("QuestionForm", "Shown to a learner who gives this answer"),
    )


class ChoiceForm(QuestionForm):
    """Single choice: the options, each with its credit and feedback."""

    question_type: QuestionType = "single_choice"

    def _add_fields(self) -> None:
        self.choices = RowsTable(
            [Column(self.tr("Option"), "rich"), _credit_column(), _feedback_column()],
            self.tr("Options"),
            lambda: [RichText(), 0.0, RichText()],
            minimum_rows=2,
            parent=self,
        )
        self._row(self.tr("&Options"), self.choices)
        self.choices.edited.connect(self.edited)

    def _load(self, question: SingleChoice | MultipleChoice) -> None:
        self.choices.set_rows([[c.text, c.credit * PERCENT, c.feedback] for c in question.choices])

    def _choices(self, render: Renderer) -> list[Choice]:
        return [
            Choice(
                text=as_rich(text), credit=as_number(credit) / PERCENT, feedback=as_rich(feedback)
            )
            for text, credit, feedback in self.choices.rows(render)
        ]

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        return SingleChoice(**common, choices=self._choices(render))


class MultipleChoiceForm(ChoiceForm):
    """Multiple choice: the options and how ticked ones are scored."""

    question_type: QuestionType = "multiple_choice"

    def _add_fields(self) -> None:
        super()._add_fields()
        self.scoring = QComboBox(self)
        shrink_to_fit(self.scoring)
        self.scoring.addItem(self.tr("Partial credit: ticked credits add up"), "partial")
        self.scoring.addItem(self.tr("All or nothing: exactly the right options"), "all_or_nothing")
        self._row(self.tr("&Scoring"), self.scoring)
        self.scoring.activated.connect(lambda _index: self.edited.emit())

    def _load(self, question: Any) -> None:
        super()._load(question)
        self.scoring.setCurrentIndex(self.scoring.findData(question.scoring))

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        return MultipleChoice(
            **common, choices=self._choices(render), scoring=self.scoring.currentData()
        )


class TrueFalseForm(QuestionForm):
    """True or false: the right answer and the feedback for each answer."""

    question_type: QuestionType = "true_false"

    def _add_fields(self) -> None:
        answer = QWidget(self)
        row = QHBoxLayout(answer)
        row.setContentsMargins(0, 0, 0, 0)
        self.true = QRadioButton(self.tr("True"), answer)
        self.false = QRadioButton(self.tr("False"), answer)
        self._answer = QButtonGroup(self)
        for button in (self.true, self.false):
            self._answer.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        answer.setAccessibleName(self.tr("Right answer"))
        self.feedback_true = RichTextBox(self.tr("Feedback for “true”"), self, lines=2)
        self.feedback_false = RichTextBox(self.tr("Feedback for “false”"), self, lines=2)
        self._row(self.tr("&Right answer"), answer)
        self._row(self.tr("Feedback for “tr&ue”"), self.feedback_true)
        self._row(self.tr("Feedback for “&false”"), self.feedback_false)
        self._answer.buttonClicked.connect(lambda _button: self.edited.emit())
        self.feedback_true.edited.connect(self.edited)
        self.feedback_false.edited.connect(self.edited)

    def _load(self, question: TrueFalse) -> None:
        (self.true if question.answer else self.false).setChecked(True)
        self.feedback_true.set_text(question.feedback_true)
        self.feedback_false.set_text(question.feedback_false)

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        return TrueFalse(
            **common,
            answer=self.true.isChecked(),
            feedback_true=self.feedback_true.value(render),
            feedback_false=self.feedback_false.value(render),
        )


class NumericForm(QuestionForm):
    """Numeric: accepted numbers, each a value with a tolerance or a range."""

    question_type: QuestionType = "numeric"

    def _add_fields(self) -> None:
        range_tip = self.tr("Leave the value empty to accept a range from minimum to maximum")
        self.answers = RowsTable(
            [
                Column(self.tr("Value"), "optional", range_tip),
                Column("±", "optional", self.tr("Tolerance: the error accepted (default 0)")),
                Column(self.tr("Min"), "optional", range_tip),
                Column(self.tr("Max"), "optional", range_tip),
                _credit_column(),
                _feedback_column(),
            ],
            self.tr("Accepted numbers"),
            lambda: [0.0, 0.0, None, None, 0.0, RichText()],
            parent=self,
        )
        self._row(self.tr("&Accepted numbers"), self.answers)
        self.answers.edited.connect(self.edited)

    def _load(self, question: Numeric) -> None:
        self.answers.set_rows(
            [
                [a.value, None if a.is_range else a.tolerance, a.minimum, a.maximum,
                 a.credit * PERCENT, a.feedback]
                for a in question.answers
            ]
        )  # fmt: skip

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        answers = [
            NumericAnswer(
                value=as_optional(value),
                tolerance=as_optional(tolerance) or 0.0,
                minimum=as_optional(minimum),
                maximum=as_optional(maximum),
                credit=as_number(credit) / PERCENT,
                feedback=as_rich(feedback),
            )
            for value, tolerance, minimum, maximum, credit, feedback in self.answers.rows(render)
        ]
        return Numeric(**common, answers=answers)


class ShortAnswerForm(QuestionForm):
    """Short answer: the accepted strings and whether case matters."""

    question_type: QuestionType = "short_answer"

    def _add_fields(self) -> None:
        self.answers = RowsTable(
            [Column(self.tr("Accepted answer"), "text"), _credit_column(), _feedback_column()],
            self.tr("Accepted answers"),
            lambda: [self.tr("answer"), PERCENT, RichText()],
            parent=self,
        )
        self.case_sensitive = QCheckBox(self.tr("&Case matters (Paris ≠ paris)"), self)
        self._row(self.tr("&Accepted answers"), self.answers)
        self.form.addRow("", self.case_sensitive)
        self.answers.edited.connect(self.edited)
        self.case_sensitive.clicked.connect(lambda _checked: self.edited.emit())

    def _load(self, question: ShortAnswer) -> None:
        self.answers.set_rows([[a.text, a.credit * PERCENT, a.feedback] for a in question.answers])
        self.case_sensitive.setChecked(question.case_sensitive)

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        answers = [
            AcceptedText(
                text=as_text(text), credit=as_number(credit) / PERCENT, feedback=as_rich(feedback)
            )
            for text, credit, feedback in self.answers.rows(render)
        ]
        return ShortAnswer(
            **common, answers=answers, case_sensitive=self.case_sensitive.isChecked()
        )


class MatchingForm(QuestionForm):
    """Matching: prompts with their matching answers, and answers that match none."""

    question_type: QuestionType = "matching"

    def _add_fields(self) -> None:
        self.pairs = RowsTable(
            [Column(self.tr("Prompt"), "rich"), Column(self.tr("Matching answer"), "text")],
            self.tr("Pairs"),
            lambda: [RichText(), self.tr("answer")],
            minimum_rows=2,
            parent=self,
        )
        self.distractors = CommitTextEdit(self)
        self.distractors.setTabChangesFocus(True)
        self.distractors.setPlaceholderText(self.tr("One per line: answers that match no prompt"))
        self.distractors.setFixedHeight(self.distractors.fontMetrics().lineSpacing() * 3 + 12)
        self._row(self.tr("P&airs"), self.pairs)
        self._row(self.tr("&Distractors"), self.distractors)
        self.pairs.edited.connect(self.edited)
        self.distractors.focus_lost.connect(self.edited)

    def _load(self, question: Matching) -> None:
        self.pairs.set_rows([[p.prompt, p.answer] for p in question.pairs])
        self.distractors.setPlainText("\n".join(question.distractors))

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        pairs = [
            MatchPair(prompt=as_rich(prompt), answer=as_text(answer))
            for prompt, answer in self.pairs.rows(render)
        ]
        return Matching(**common, pairs=pairs, distractors=_lines(self.distractors.toPlainText()))


class OrderingForm(QuestionForm):
    """Ordering: the steps, one per line, in the right order."""

    question_type: QuestionType = "ordering"

    def _add_fields(self) -> None:
        self.steps = CommitTextEdit(self)
        self.steps.setTabChangesFocus(True)
        self.steps.setPlaceholderText(self.tr("One step per line, in the right order"))
        self.steps.setFixedHeight(self.steps.fontMetrics().lineSpacing() * 6 + 12)
        self._row(self.tr("&Steps in order"), self.steps)
        self.steps.focus_lost.connect(self.edited)

    def _load(self, question: Ordering) -> None:
        self.steps.setPlainText("\n".join(question.items))

    def _build(self, common: dict[str, Any], render: Renderer) -> Question:
        return Ordering(**common, items=_lines(self.steps.toPlainText()))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


FORMS: dict[QuestionType, type[QuestionForm]] = {
    form.question_type: form
    for form in (
        ChoiceForm,
        MultipleChoiceForm,
        TrueFalseForm,
        NumericForm,
        ShortAnswerForm,
        MatchingForm,
        OrderingForm,
    )
}
"""The form of each question type."""


def blank_question(question_type: QuestionType) -> Question:
    """A new question of ``question_type``, valid as it stands, for the author to fill in."""
    ident = new_id("q")
    stem = RichText()
    if question_type in ("single_choice", "multiple_choice"):
        choices = [Choice(text=RichText(), credit=1.0), Choice(text=RichText())]
        if question_type == "single_choice":
            return SingleChoice(id=ident, stem=stem, choices=choices)
        return MultipleChoice(id=ident, stem=stem, choices=choices)
    if question_type == "true_false":
        return TrueFalse(id=ident, stem=stem, answer=True)
    if question_type == "numeric":
        return Numeric(id=ident, stem=stem, answers=[NumericAnswer(value=0.0)])
    answer = translate("QuestionForm", "answer")
    if question_type == "short_answer":
        return ShortAnswer(id=ident, stem=stem, answers=[AcceptedText(text=answer)])
    if question_type == "matching":
        pairs = [MatchPair(prompt=RichText(), answer=f"{answer} {n}") for n in (1, 2)]
        return Matching(id=ident, stem=stem, pairs=pairs)
    step = translate("QuestionForm", "step")
    return Ordering(id=ident, stem=stem, items=[f"{step} {n}" for n in (1, 2, 3)])
