"""The small YAML form of a ```` ```quiz ```` block in a markdown page, read into a Quiz.

The form (every key but ``question`` is optional; the type is read from the keys used)::

    title: Check your understanding
    introduction: Five questions on *this* page.   # markdown, shown above the questions
    passing: 80            # % of the points (default 80)
    attempts: 2            # default: unlimited
    shuffle: true
    feedback: immediately  # immediately, after submit (default) or never
    questions:
      - question: Which licence waives every right?     # markdown, maths, images
        choices: [CC BY, {text: CC0, correct: true, feedback: Yes.}]
      - question: Which licences allow commercial reuse?
        choices: [{text: CC BY, correct: true}, {text: CC BY-SA, correct: true}, CC BY-NC]
        scoring: all-or-nothing                  # default: partial credit
      - question: Open access articles are free to read.
        answer: true
      - question: When was the Budapest Open Access Initiative signed?
        answer: 2002
        tolerance: 0                             # or range: [2001, 2003]
      - question: The licence code for a public-domain dedication?
        answers: [CC0, CC zero]                  # or answer: CC0; case_sensitive: true
      - question: Match each licence with its condition.
        pairs: {CC BY: attribution, CC BY-SA: share alike}
        distractors: [no derivatives]
      - question: Put the steps in order.
        order: [write, choose a licence, publish]

Every question may also have ``title``, ``points``, ``hint``, ``feedback`` (shown after
answering), ``format`` (markdown, html or plain) and ``type`` (single, multiple, true-false,
numeric, short, matching, ordering) to say what the keys leave open. A choice is a string (a
wrong answer) or ``{text, correct, credit (a percentage), feedback}``; several correct choices
make a multiple-choice question, their credits shared equally unless given. YAML reads ``yes``,
``no``, ``on`` and ``off`` as true or false: quote such an answer (``answer: "yes"``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import yaml
from pydantic import ValidationError

from moocstudio.importers.quiz_fences import QuizFence
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
    QuizSettings,
    RichText,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from moocstudio.model.questions import TextFormat

_COMMON_KEYS = frozenset({"question", "title", "points", "hint", "feedback", "format", "type"})
_TYPE_KEYS: dict[str, frozenset[str]] = {
    "single": frozenset({"choices"}),
    "multiple": frozenset({"choices", "scoring"}),
    "true-false": frozenset({"answer", "feedback_true", "feedback_false"}),
    "numeric": frozenset({"answer", "tolerance", "range", "answers"}),
    "short": frozenset({"answer", "answers", "case_sensitive"}),
    "matching": frozenset({"pairs", "distractors"}),
    "ordering": frozenset({"order"}),
}
_TYPE_NAMES = {
    **{name: name for name in _TYPE_KEYS},
    "single_choice": "single",
    "multiple_choice": "multiple",
    "true_false": "true-false",
    "truefalse": "true-false",
    "short_answer": "short",
}
_QUIZ_KEYS = frozenset(
    {"title", "introduction", "passing", "attempts", "shuffle", "feedback", "questions"}
)
_SHOW_FEEDBACK = {"immediately": "immediately", "after submit": "after_submit", "never": "never"}
_FORMATS: dict[str, TextFormat] = {"markdown": "markdown", "html": "html", "plain": "plain"}


class FormError(ValueError):
    """The block's YAML does not follow the form; the message says where and how."""


class QuizForm:
    """A quiz block read: its title, settings, questions and what went wrong.

    Attributes:
        title: The block's ``title`` (empty when it has none).
        introduction: Its ``introduction`` (markdown), rendered.
        settings: Passing score, attempts, shuffling and feedback.
        questions: The questions that could be read, in order.
        warnings: One sentence per problem, naming the page's line.
    """

    def __init__(self) -> None:
        self.title = ""
        self.introduction = RichText()
        self.settings = QuizSettings()
        self.questions: list[Question] = []
        self.warnings: list[str] = []
        self.refused = False
        """Whether the whole block was unreadable (its warning says so)."""


def read_quiz_form(fence: QuizFence, texts: QuizTexts, *, source_name: str) -> QuizForm:
    """Read one quiz block.

    Args:
        fence: The block, as found in the page.
        texts: Renders the questions' texts (images start from the page's folder).
        source_name: The page's file name, for the warnings.
    """
    form = QuizForm()

    def warn(line: int, problem: str) -> None:
        form.warnings.append(f"{source_name}, line {line}: {problem}")

    if not fence.closed:
        warn(fence.line, "the ```quiz block is never closed; it runs to the end of the page")
    try:
        document = yaml.compose(fence.body, Loader=yaml.SafeLoader)
        data = yaml.safe_load(fence.body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = fence.line + 1 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", exc)
        warn(line, f"the quiz block is not valid YAML ({problem}); no quiz was added")
        form.refused = True
        return form
    if _has_aliases(document):
        warn(
            fence.line,
            "the quiz block repeats a part with YAML anchors and aliases (& and *), which "
            "quiz blocks do not allow; write each part out; no quiz was added",
        )
        form.refused = True
        return form
    if isinstance(data, list):
        data = {"questions": data}
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        warn(
            fence.line,
            "a quiz block needs a list of questions (questions: - question: ...); "
            "no quiz was added",
        )
        form.refused = True
        return form
    for key in sorted(set(data) - _QUIZ_KEYS, key=str):
        warn(fence.line, f"unknown key {key!r} in the quiz block (ignored)")
    try:
        form.title = str(data.get("title") or "")
        form.introduction = texts(_text_value(data.get("introduction"), "introduction"))
        form.settings = _settings(data)
    except (FormError, ValueError) as exc:
        problem = validation_problem(exc) if isinstance(exc, ValidationError) else str(exc)
        warn(fence.line, f"{problem} (the default settings are used)")
    lines = _question_lines(document, fence.line)
    for number, entry in enumerate(data["questions"]):
        line = lines[number] if number < len(lines) else fence.line
        try:
            question, unknown = _question(entry, texts)
        except ValidationError as exc:
            warn(line, f"{validation_problem(exc)}; this question was left out")
            continue
        except (FormError, ValueError) as exc:
            warn(line, f"{exc}; this question was left out")
            continue
        form.questions.append(question)
        for key in unknown:
            warn(line, f"unknown key {key!r} for a {question.type} question (ignored)")
    form.warnings.extend(texts.warnings)
    texts.warnings.clear()
    return form


def _has_aliases(document: Any) -> bool:
    """Whether a node appears twice: an alias, which could multiply a small text a billion-fold."""
    seen: set[int] = set()
    stack = [document] if document is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _question_lines(document: Any, fence_line: int) -> list[int]:
    """The page line of each question's first key (the YAML nodes know their marks)."""
    if isinstance(document, yaml.MappingNode):
        document = next((v for k, v in document.value if k.value == "questions"), None)
    if isinstance(document, yaml.SequenceNode):
        return [fence_line + 1 + node.start_mark.line for node in document.value]
    return []


def _settings(data: Mapping[str, Any]) -> QuizSettings:
    fields: dict[str, Any] = {}
    if "passing" in data:
        fields["passing_percent"] = _percent(data["passing"], "passing")
    if data.get("attempts") not in (None, "unlimited"):
        fields["attempts"] = data["attempts"]
    if "shuffle" in data:
        fields["shuffle_answers"] = _boolean(data["shuffle"], "shuffle")
    if "feedback" in data:
        wanted = str(data["feedback"]).replace("_", " ").strip().lower()
        if wanted not in _SHOW_FEEDBACK:
            raise FormError(f"feedback: {data['feedback']!r} is not one of {list(_SHOW_FEEDBACK)}")
        fields["show_feedback"] = _SHOW_FEEDBACK[wanted]
    return QuizSettings(**fields)


def _question(entry: Any, texts: QuizTexts) -> tuple[Question, list[str]]:
    """The question an entry describes, and the keys its type does not know."""
    if not isinstance(entry, dict):
        raise FormError("a question is a mapping with at least 'question:'")
    if not isinstance(entry.get("question"), str | int | float):
        raise FormError("the question has no 'question:' text")
    kind = _kind(entry)
    text_format = _FORMATS.get(str(entry.get("format", "markdown")).lower())
    if text_format is None:
        raise FormError(f"format: {entry['format']!r} is not one of {list(_FORMATS)}")

    def render(value: Any) -> RichText:
        return texts("" if value is None else str(value), text_format)

    fields: dict[str, Any] = {
        "title": str(entry.get("title", "")),
        "stem": render(entry["question"]),
        "general_feedback": render(entry.get("feedback")),
        "hint": render(entry.get("hint")),
    }
    if "points" in entry:
        fields["points"] = entry["points"]
    make, typed = _BUILDERS[kind](entry, render)
    unknown = sorted(set(map(str, entry)) - _COMMON_KEYS - _TYPE_KEYS[kind])
    return build_question(make, fields | typed), unknown


def _kind(entry: Mapping[str, Any]) -> str:
    """The question's type: its ``type``, else the one its keys say."""
    if "type" in entry:
        name = str(entry["type"]).strip().lower().replace(" ", "-")
        if name not in _TYPE_NAMES:
            raise FormError(f"type: {entry['type']!r} is not one of {list(_TYPE_KEYS)}")
        return _TYPE_NAMES[name]
    if "choices" in entry:
        correct = [c for c in _as_list(entry["choices"]) if _choice_credit(c) > 0]
        return "multiple" if len(correct) > 1 or "scoring" in entry else "single"
    if "pairs" in entry:
        return "matching"
    if "order" in entry:
        return "ordering"
    answer = entry.get("answer")
    if isinstance(answer, bool):
        return "true-false"
    if "range" in entry or "tolerance" in entry or isinstance(answer, int | float):
        return "numeric"
    answers = _as_list(entry.get("answers"))
    if answers and all(isinstance(a, dict) and ("value" in a or "range" in a) for a in answers):
        return "numeric"
    if answer is not None or answers:
        return "short"
    raise FormError(
        "cannot tell the question's type: give choices, answer, answers, pairs or order"
    )


Render = Callable[[Any], RichText]
Built = tuple[Callable[..., Question], dict[str, Any]]


def _single(entry: Mapping[str, Any], render: Render) -> Built:
    return SingleChoice, {"choices": _choices(entry, render, share=False)}


def _multiple(entry: Mapping[str, Any], render: Render) -> Built:
    scoring = str(entry.get("scoring", "partial")).replace("-", "_").replace(" ", "_")
    if scoring not in ("partial", "all_or_nothing"):
        raise FormError(f"scoring: {entry['scoring']!r} is not partial or all-or-nothing")
    return MultipleChoice, {"choices": _choices(entry, render, share=True), "scoring": scoring}


def _choices(entry: Mapping[str, Any], render: Render, *, share: bool) -> list[Choice]:
    raw = _as_list(entry["choices"])
    credits = [_choice_credit(choice) for choice in raw]
    given = [isinstance(c, dict) and "credit" in c for c in raw]
    unpriced = [n for n, credit in enumerate(credits) if credit > 0 and not given[n]]
    if share and unpriced:
        # Correct choices without a credit share what the priced ones leave.
        left = 1 - sum(credit for n, credit in enumerate(credits) if given[n] and credit > 0)
        for number in unpriced:
            credits[number] = left / len(unpriced)
    choices = []
    for choice, credit in zip(raw, credits, strict=True):
        body = choice if isinstance(choice, dict) else {"text": choice}
        if "text" not in body:
            raise FormError("a choice written as a mapping needs 'text:'")
        text = render(_text_value(body["text"], "choices"))
        choices.append(Choice(text=text, credit=credit, feedback=render(body.get("feedback"))))
    return choices


def _choice_credit(choice: Any) -> float:
    if not isinstance(choice, dict):
        return 0.0
    if "credit" in choice:
        return _percent(choice["credit"], "credit") / 100
    return 1.0 if _boolean(choice.get("correct", False), "correct") else 0.0


def _true_false(entry: Mapping[str, Any], render: Render) -> Built:
    return TrueFalse, {
        "answer": _boolean(entry.get("answer"), "answer"),
        "feedback_true": render(entry.get("feedback_true")),
        "feedback_false": render(entry.get("feedback_false")),
    }


def _numeric(entry: Mapping[str, Any], render: Render) -> Built:
    if "answers" in entry:
        raw = _as_list(entry["answers"])
    else:
        raw = [{key: entry[key] for key in ("answer", "tolerance", "range") if key in entry}]
    answers = []
    for answer in raw:
        if not isinstance(answer, dict):
            answer = {"value": answer}
        fields: dict[str, Any] = {"feedback": render(answer.get("feedback"))}
        if "range" in answer:
            bounds = _as_list(answer["range"])
            if len(bounds) != 2:
                raise FormError(f"range: {answer['range']!r} is not [minimum, maximum]")
            fields |= {"minimum": bounds[0], "maximum": bounds[1]}
        else:
            fields |= {
                "value": answer.get("value", answer.get("answer")),
                "tolerance": answer.get("tolerance", 0),
            }
        if "credit" in answer:
            fields["credit"] = _percent(answer["credit"], "credit") / 100
        answers.append(NumericAnswer(**fields))
    return Numeric, {"answers": answers}


def _short(entry: Mapping[str, Any], render: Render) -> Built:
    raw = _as_list(entry["answers"]) if "answers" in entry else [entry.get("answer")]
    answers = []
    for answer in raw:
        body = answer if isinstance(answer, dict) else {"text": answer}
        fields: dict[str, Any] = {"text": _text_value(body.get("text"), "answer").strip()}
        if "credit" in body:
            fields["credit"] = _percent(body["credit"], "credit") / 100
        answers.append(AcceptedText(feedback=render(body.get("feedback")), **fields))
    case = _boolean(entry.get("case_sensitive", False), "case_sensitive")
    return ShortAnswer, {"answers": answers, "case_sensitive": case}


def _matching(entry: Mapping[str, Any], render: Render) -> Built:
    raw = entry["pairs"]
    if isinstance(raw, dict):
        raw = [{"prompt": prompt, "match": match} for prompt, match in raw.items()]
    pairs = []
    for pair in _as_list(raw):
        if not isinstance(pair, dict) or "prompt" not in pair or "match" not in pair:
            raise FormError("each pair is {prompt: ..., match: ...} (or pairs: {prompt: match})")
        match = _text_value(pair["match"], "pairs")
        pairs.append(MatchPair(prompt=render(_text_value(pair["prompt"], "pairs")), answer=match))
    distractors = [
        _text_value(option, "distractors") for option in _as_list(entry.get("distractors"))
    ]
    return Matching, {"pairs": pairs, "distractors": distractors}


def _ordering(entry: Mapping[str, Any], render: Render) -> Built:
    return Ordering, {"items": [_text_value(step, "order") for step in _as_list(entry["order"])]}


_BUILDERS: dict[str, Callable[[Mapping[str, Any], Render], Built]] = {
    "single": _single,
    "multiple": _multiple,
    "true-false": _true_false,
    "numeric": _numeric,
    "short": _short,
    "matching": _matching,
    "ordering": _ordering,
}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text_value(value: Any, key: str) -> str:
    """A short text from YAML, refusing what YAML read as true or false."""
    if isinstance(value, bool):
        raise FormError(
            f'{key}: YAML reads yes, no, on and off as {value}; put the text in quotes ("yes")'
        )
    return "" if value is None else str(value)


def _percent(value: Any, key: str) -> float:
    text = str(value).strip().removesuffix("%")
    try:
        return float(text)
    except ValueError:
        raise FormError(f"{key}: {value!r} is not a percentage") from None


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise FormError(f"{key}: {value!r} is not true or false")
    return value
