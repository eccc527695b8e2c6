"""Quiz questions as Open edX problem components (capa OLX), one ``<problem>`` per question.

Each type has its capa response:

- single choice and true/false: ``multiplechoiceresponse``; partial credits with
  ``partial_credit="points"`` (``correct="partial"`` and ``point_value``);
- multiple choice: ``choiceresponse``; partial scoring with ``partial_credit="EDC"`` (every
  decision counts), which Open edX has instead of adding up credits (said in the report when
  the credits are not all equal);
- numeric: ``numericalresponse`` with a ``responseparam`` tolerance, or a range answer
  ``[low, high]``;
- short answer: ``stringresponse`` (``ci`` unless case matters), other fully right answers as
  ``additional_answer``;
- matching: ``optionresponse``, one dropdown per prompt, each right match an equal share;
- ordering: ``optionresponse`` too, one dropdown per position listing every step (sorted, so
  the list gives nothing away). Open edX has no ordering type in capa (drag and drop is an
  XBlock Studio may not have installed); dropdowns are graded on the server, used with the
  keyboard alone, and give each step in its place its share, as Moodle's ordering question does.

Per-answer feedback becomes choice hints (``choicehint``, ``optionhint``, ``correcthint``),
general feedback a ``<solution>``, the hint a ``<demandhint>``; a quiz that shows no feedback
writes none and keeps its answers hidden (``showanswer="never"``). The question's HTML is
parsed and re-serialised as XML, so whatever the author wrote reaches the file escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree, html

from moocstudio.export.quiz_text import QuizText, number_text, question_name
from moocstudio.model import Quiz, RichText
from moocstudio.model.questions import (
    Choice,
    Matching,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

TRUE = "true"
FALSE = "false"
_BLOCKS = frozenset(
    ["p", "div", "ul", "ol", "dl", "table", "pre", "blockquote", "figure", "details"]
    + [f"h{level}" for level in range(1, 7)]
)


@dataclass
class OlxProblem:
    """One problem component and what Open edX could not keep of its question."""

    element: etree._Element
    degraded: list[str] = field(default_factory=list)


class _Writer:
    """Writes one question's problem."""

    def __init__(
        self, quiz: Quiz, question: Question, text: QuizText, labels: Mapping[str, str]
    ) -> None:
        self.quiz = quiz
        self.question = question
        self.text = text
        self.labels = labels
        self.feedback = quiz.settings.show_feedback != "never"
        self.problem = OlxProblem(etree.Element("problem"))
        self.name = question_name(quiz, question)

    def lost(self, what: str) -> None:
        self.problem.degraded.append(f"{self.name}: {what}")

    def html_into(
        self, parent: etree._Element, text: RichText | str, *, as_block: bool = False
    ) -> None:
        """Append ``text`` (rich text, or HTML already rendered) to ``parent`` as XML.

        With ``as_block``, text that is only inline (a one-paragraph stem) goes in a ``<p>``:
        capa takes the paragraph before a response as its label for screen readers.
        """
        rendered = self.text.html(text) if isinstance(text, RichText) else text
        if not rendered:
            return
        holder = html.fragment_fromstring(rendered, create_parent="div")
        if as_block and not any(child.tag in _BLOCKS for child in holder):
            parent = etree.SubElement(parent, "p")
        if holder.text:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + holder.text
            else:
                parent.text = (parent.text or "") + holder.text
        for child in list(holder):
            parent.append(child)

    def block(self, parent: etree._Element, tag: str, text: RichText) -> None:
        """A ``<tag>`` holding ``text``, when there is text."""
        if text:
            self.html_into(etree.SubElement(parent, tag), text)

    def hint_for(self, parent: etree._Element, tag: str, text: RichText, **attrs: str) -> None:
        """Per-answer feedback, unless the quiz shows none."""
        if self.feedback and text:
            self.html_into(etree.SubElement(parent, tag, attrs), text)


def olx_problem(
    quiz: Quiz, question: Question, text: QuizText, labels: Mapping[str, str]
) -> OlxProblem:
    """The ``<problem>`` of ``question`` (without its ``url_name``).

    Args:
        quiz: The quiz holding it (its settings: attempts, feedback).
        question: The question.
        text: Renders the quiz's texts with pictures served from ``/static/``.
        labels: The site's words in the course language (``labels_for``).
    """
    writer = _Writer(quiz, question, text, labels)
    problem = writer.problem.element
    problem.set("display_name", question.title or f"{quiz.title} ({_number(quiz, question)})")
    problem.set("weight", number_text(question.points))
    if quiz.settings.attempts is not None:
        problem.set("max_attempts", str(quiz.settings.attempts))
    problem.set("showanswer", "finished" if writer.feedback else "never")
    writer.html_into(problem, question.stem, as_block=True)
    if isinstance(question, SingleChoice):
        _single_choice(writer, question.choices)
    elif isinstance(question, TrueFalse):
        _true_false(writer, question)
    elif isinstance(question, MultipleChoice):
        _multiple_choice(writer, question)
    elif isinstance(question, Numeric):
        _numeric(writer, question)
    elif isinstance(question, ShortAnswer):
        _short_answer(writer, question)
    elif isinstance(question, Matching):
        prompts = [writer.text.html(pair.prompt) for pair in question.pairs]
        _dropdowns(writer, prompts, [pair.answer for pair in question.pairs], question.options)
    else:
        prompts = [labels["position"].format(n=n) for n in range(1, len(question.items) + 1)]
        _dropdowns(writer, prompts, question.items, question.items)
    if writer.feedback and question.general_feedback:
        solution = etree.SubElement(problem, "solution")
        detail = etree.SubElement(solution, "div", {"class": "detailed-solution"})
        writer.html_into(detail, question.general_feedback)
    elif not writer.feedback and (question.general_feedback or _has_answer_feedback(question)):
        writer.lost("the quiz shows no feedback, so its feedback is left out")
    if question.hint:
        writer.block(etree.SubElement(problem, "demandhint"), "hint", question.hint)
    return writer.problem


def _number(quiz: Quiz, question: Question) -> int:
    return next(n for n, q in enumerate(quiz.questions, 1) if q.id == question.id)


def _has_answer_feedback(question: Question) -> bool:
    if isinstance(question, SingleChoice | MultipleChoice):
        return any(choice.feedback for choice in question.choices)
    if isinstance(question, TrueFalse):
        return bool(question.feedback_true or question.feedback_false)
    if isinstance(question, Numeric | ShortAnswer):
        return any(answer.feedback for answer in question.answers)
    return False


def _single_choice(writer: _Writer, choices: list[Choice]) -> None:
    response = etree.SubElement(writer.problem.element, "multiplechoiceresponse")
    partial = any(0 < choice.credit < 1 for choice in choices)
    if partial:
        response.set("partial_credit", "points")
    group = etree.SubElement(response, "choicegroup", type="MultipleChoice")
    if writer.quiz.settings.shuffle_answers:
        group.set("shuffle", TRUE)
    for choice in choices:
        element = etree.SubElement(group, "choice", correct=_correctness(choice.credit))
        if 0 < choice.credit < 1:
            element.set("point_value", number_text(round(choice.credit, 4)))
        writer.html_into(element, choice.text)
        writer.hint_for(element, "choicehint", choice.feedback)
    if any(choice.credit < 0 for choice in choices):
        writer.lost("a negative credit counts as no credit (Open edX scores never go below 0)")


def _correctness(credit: float) -> str:
    if credit >= 1:
        return TRUE
    return "partial" if credit > 0 else FALSE


def _true_false(writer: _Writer, question: TrueFalse) -> None:
    response = etree.SubElement(writer.problem.element, "multiplechoiceresponse")
    group = etree.SubElement(response, "choicegroup", type="MultipleChoice")
    for value, word, feedback in (
        (True, writer.labels["answer_true"], question.feedback_true),
        (False, writer.labels["answer_false"], question.feedback_false),
    ):
        choice = etree.SubElement(
            group, "choice", correct=TRUE if value == question.answer else FALSE
        )
        choice.text = word
        writer.hint_for(choice, "choicehint", feedback)


def _multiple_choice(writer: _Writer, question: MultipleChoice) -> None:
    response = etree.SubElement(writer.problem.element, "choiceresponse")
    if question.scoring == "partial":
        response.set("partial_credit", "EDC")
        credits = {round(choice.credit, 4) for choice in question.choices if choice.credit > 0}
        if len(credits) > 1 or any(choice.credit < 0 for choice in question.choices):
            writer.lost(
                "unequal or negative credits become Open edX's partial scoring, where every "
                "box ticked or left as it should be counts the same"
            )
    group = etree.SubElement(response, "checkboxgroup")
    if writer.quiz.settings.shuffle_answers:
        writer.lost("Open edX does not shuffle the boxes of a multiple-choice question")
    for choice in question.choices:
        element = etree.SubElement(group, "choice", correct=TRUE if choice.credit > 0 else FALSE)
        writer.html_into(element, choice.text)
        writer.hint_for(element, "choicehint", choice.feedback, selected=TRUE)


def _numeric(writer: _Writer, question: Numeric) -> None:
    best, *others = sorted(question.answers, key=lambda answer: -answer.credit)
    response = etree.SubElement(
        writer.problem.element, "numericalresponse", answer=_numeric_answer(best)
    )
    if best.value is not None and best.tolerance:
        etree.SubElement(
            response, "responseparam", type="tolerance", default=number_text(best.tolerance)
        )
    etree.SubElement(response, "formulaequationinput")
    writer.hint_for(response, "correcthint", best.feedback)
    if others:
        writer.lost(
            f"only the answer {_numeric_said(best)} is kept (Open edX takes one numeric "
            f"answer): {', '.join(_numeric_said(answer) for answer in others)} earns nothing"
        )


def _numeric_answer(answer: NumericAnswer) -> str:
    if answer.value is not None:
        return number_text(answer.value)
    low, high = answer.bounds
    return f"[{number_text(low)}, {number_text(high)}]"


def _numeric_said(answer: NumericAnswer) -> str:
    """The answer as the author wrote it, for the report ("2002 ± 1", "[1, 5]")."""
    if answer.value is not None and answer.tolerance:
        return f"{number_text(answer.value)} ± {number_text(answer.tolerance)}"
    return _numeric_answer(answer)


def _short_answer(writer: _Writer, question: ShortAnswer) -> None:
    right = [answer for answer in question.answers if answer.credit >= 1]
    response = etree.SubElement(
        writer.problem.element,
        "stringresponse",
        answer=right[0].text.strip(),
        type="cs" if question.case_sensitive else "ci",
    )
    writer.hint_for(response, "correcthint", right[0].feedback)
    for answer in right[1:]:
        extra = etree.SubElement(response, "additional_answer", answer=answer.text.strip())
        writer.hint_for(extra, "correcthint", answer.feedback)
    partial = [answer for answer in question.answers if answer.credit < 1]
    for answer in partial:
        writer.hint_for(response, "stringequalhint", answer.feedback, answer=answer.text.strip())
    if any(answer.credit > 0 for answer in partial):
        writer.lost("answers worth part of the points earn none (Open edX takes right or wrong)")
    etree.SubElement(response, "textline", size="40")


def _dropdowns(writer: _Writer, prompts: list[str], answers: list[str], options: list[str]) -> None:
    """One ``optionresponse`` per prompt: every option offered (sorted), ``answers[n]`` right."""
    offered = sorted(options, key=str.casefold)
    for prompt, answer in zip(prompts, answers, strict=True):
        response = etree.SubElement(writer.problem.element, "optionresponse")
        label = etree.SubElement(response, "label")
        writer.html_into(label, prompt)
        dropdown = etree.SubElement(response, "optioninput")
        for option in offered:
            element = etree.SubElement(
                dropdown, "option", correct="True" if option == answer else "False"
            )
            element.text = option
