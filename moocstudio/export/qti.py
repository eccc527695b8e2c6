"""A quiz as an IMS QTI 1.2.1 assessment in the Common Cartridge profile (CC 1.1 and 1.3).

The profile (``ccv1p1_qtiasiv1p2p1_v1p0.xsd`` and the Schematron rules inside it) knows six
item types: ``cc.multiple_choice``, ``cc.multiple_response``, ``cc.true_false``, ``cc.fib``,
``cc.pattern_match`` and ``cc.essay``; responses are compared with ``varequal`` only (text
equality) and ``SCORE`` is set once, never added to. So, type by type:

- single choice: ``cc.multiple_choice`` (each credited choice sets its share of 100); with two
  choices only, ``cc.true_false`` (rule 4d wants three choices; rule 3 two), labelled as written;
- multiple choice: ``cc.multiple_response``, all or nothing (partial credit cannot be added up);
- true/false: ``cc.true_false`` with the course language's words;
- numeric: ``cc.fib`` accepting the value as text (a tolerance is lost; a range becomes its
  whole numbers, up to ``MAX_RANGE_NUMBERS``, else its middle);
- short answer: ``cc.fib`` (case-sensitive when the question is);
- matching: one single-response item per prompt, the options as its choices;
- ordering: one single-response item per position, the steps as its choices (sorted, so that
  their order gives nothing away).

Every loss is said in ``QtiAssessment.degraded``, one sentence per question, for the export
report. The markup is built with lxml, so the authors' texts are always escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from html import escape

from lxml import etree

from moocstudio.export.quiz_text import QuizText, number_text, question_name
from moocstudio.model import Quiz
from moocstudio.model.questions import (
    Choice,
    Matching,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_SCHEMA = "http://www.imsglobal.org/profile/cc/ccv{0}/ccv{0}_qtiasiv1p2p1_v1p0.xsd"
"""Where IMS publishes the profile for a CC version (``1p1``, ``1p3``); named, never fetched."""
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
RESPONSE = "response1"
GENERAL_FEEDBACK = "general_fb"
HINT = "hint"  # the ident the profile's rule 10 gives a hint
FULL_SCORE = 100
MAX_ATTEMPTS = 5
"""The most attempts ``cc_maxattempts`` can say, short of ``unlimited`` (rule 1i)."""
MAX_WEIGHT = 99
"""``cc_weighting`` is a whole number from 1 to 99 (rule 2c)."""
MAX_RANGE_NUMBERS = 20
"""A numeric range is accepted as its whole numbers when it holds this many at most."""

MULTIPLE_CHOICE = "cc.multiple_choice.v0p1"
MULTIPLE_RESPONSE = "cc.multiple_response.v0p1"
TRUE_FALSE = "cc.true_false.v0p1"
FILL_IN_BLANK = "cc.fib.v0p1"


@dataclass(frozen=True)
class QtiAssessment:
    """One quiz in the profile.

    Attributes:
        xml: The ``questestinterop`` document, UTF-8.
        degraded: One sentence per question the profile cannot hold as written.
    """

    xml: bytes
    degraded: tuple[str, ...]


@dataclass(frozen=True)
class _Option:
    """A choice (HTML) or an accepted answer (plain text), its credit and its feedback."""

    ident: str
    text: str
    credit: float = 0.0
    feedback: str = ""


@dataclass(frozen=True)
class _Texts:
    """What an item shows besides its options (HTML), and its title."""

    title: str
    stem: str
    general_feedback: str = ""
    hint: str = ""


@dataclass(frozen=True)
class _Item:
    """One profile item, ready to write."""

    ident: str
    profile: str
    points: float
    options: tuple[_Option, ...]
    texts: _Texts
    shuffle: bool = False
    case_sensitive: bool = False
    numeric: bool = False


@dataclass
class _Plan:
    items: list[_Item] = field(default_factory=list)
    degraded: list[str] = field(default_factory=list)


def qti_assessment(
    quiz: Quiz, text: QuizText, labels: Mapping[str, str], cc_version: str = "1p1"
) -> QtiAssessment:
    """Write ``quiz`` as a CC-profile QTI assessment.

    Args:
        quiz: The quiz.
        text: Renders its texts with pictures pointed into the cartridge.
        labels: The site's words in the course language (``labels_for``).
        cc_version: The cartridge's version as IMS writes it in names (``1p1``, ``1p3``).

    Returns:
        The document and what the profile could not keep.
    """
    plan = _Plan()
    for question in quiz.questions:
        _plan_question(plan, quiz, question, text, labels)
    root = etree.Element(f"{{{QTI_NS}}}questestinterop", nsmap={None: QTI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{QTI_NS} {QTI_SCHEMA.format(cc_version)}")
    assessment = _sub(root, "assessment", ident=quiz.id, title=quiz.title)
    metadata = _sub(assessment, "qtimetadata")
    for label, entry in _assessment_metadata(quiz, plan):
        _field(metadata, label, entry)
    if quiz.introduction.strip():
        _material(_sub(assessment, "rubric"), quiz.introduction)
    section = _sub(assessment, "section", ident=f"{quiz.id}-section")
    for item in plan.items:
        _write_item(section, item)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return QtiAssessment(xml, tuple(plan.degraded))


def _assessment_metadata(quiz: Quiz, plan: _Plan) -> Iterator[tuple[str, str]]:
    settings = quiz.settings
    yield "cc_profile", "cc.exam.v0p1"
    yield "qmd_assessmenttype", "Examination"
    yield "qmd_scoretype", "Percentage"
    yield "qmd_feedbackpermitted", "No" if settings.show_feedback == "never" else "Yes"
    yield "qmd_hintspermitted", "Yes" if any(item.texts.hint for item in plan.items) else "No"
    yield "qmd_solutionspermitted", "No"
    attempts = settings.attempts
    if attempts is not None and attempts > MAX_ATTEMPTS:
        plan.degraded.append(
            f"quiz “{quiz.title}”: {attempts} attempts cannot be said in a cartridge "
            f"(at most {MAX_ATTEMPTS}, or unlimited): written as unlimited"
        )
    limited = attempts is not None and attempts <= MAX_ATTEMPTS
    yield "cc_maxattempts", str(attempts) if limited else "unlimited"


# -- from questions to profile items -------------------------------------------------------


def _plan_question(
    plan: _Plan, quiz: Quiz, question: Question, text: QuizText, labels: Mapping[str, str]
) -> None:
    texts = _Texts(
        title=question.title or quiz.title,
        stem=text.html(question.stem),
        general_feedback=text.html(question.general_feedback),
        hint=text.html(question.hint),
    )
    name = question_name(quiz, question)
    shuffle = quiz.settings.shuffle_answers
    items: list[_Item] = []
    if isinstance(question, SingleChoice | MultipleChoice):
        options = _choices(question.id, question.choices, text)
        profile = (
            MULTIPLE_RESPONSE
            if isinstance(question, MultipleChoice)
            else _single_response(len(options))
        )
        plan.degraded += _choice_losses(name, question, profile)
        items.append(_Item(question.id, profile, question.points, options, texts, shuffle))
    elif isinstance(question, TrueFalse):
        items.append(
            _Item(
                question.id, TRUE_FALSE, question.points, _true_false(question, text, labels), texts
            )
        )
    elif isinstance(question, Numeric):
        options, losses = _numeric_options(question)
        if losses:
            plan.degraded.append(f"{name}: {'; '.join(losses)} (the profile compares text)")
        items.append(
            _Item(question.id, FILL_IN_BLANK, question.points, options, texts, numeric=True)
        )
    elif isinstance(question, ShortAnswer):
        options = tuple(
            _Option(
                f"{question.id}-a{n}",
                answer.text.strip(),
                answer.credit,
                text.html(answer.feedback),
            )
            for n, answer in enumerate(question.answers, 1)
        )
        items.append(
            _Item(
                question.id,
                FILL_IN_BLANK,
                question.points,
                options,
                texts,
                case_sensitive=question.case_sensitive,
            )
        )
    elif isinstance(question, Matching):
        prompts = [text.html(pair.prompt) for pair in question.pairs]
        items += _split(
            question, prompts, [pair.answer for pair in question.pairs], question.options, texts
        )
        plan.degraded.append(
            f"{name}: written as {len(items)} single-choice items, one per prompt (the "
            "profile has no matching type)"
        )
    else:
        prompts = [labels["position"].format(n=n) for n in range(1, len(question.items) + 1)]
        items += _split(question, prompts, question.items, question.items, texts)
        plan.degraded.append(
            f"{name}: written as {len(items)} single-choice items, one per position (the "
            "profile has no ordering type)"
        )
    plan.items += items
    if any(not _weight(item.points) for item in items):
        plan.degraded.append(
            f"{name}: {number_text(round(items[0].points, 2))} points per item is not a whole "
            f"number from 1 to {MAX_WEIGHT} (what the profile's weighting allows): the "
            "platform's default weight applies"
        )


def _choice_losses(name: str, question: SingleChoice | MultipleChoice, profile: str) -> list[str]:
    if profile == TRUE_FALSE:
        return [
            f"{name}: two choices are written as a true/false item with those two labels (the "
            "profile's multiple choice needs three)"
        ]
    partial = isinstance(question, MultipleChoice) and question.scoring == "partial"
    if partial and _has_partial_credit(question.choices):
        return [
            f"{name}: partial credit becomes all or nothing (the profile sets a score once "
            "and cannot add choices up)"
        ]
    return []


def _single_response(options: int) -> str:
    # Rule 4d: a multiple choice has three options or more; rule 3d: a true/false exactly two.
    return TRUE_FALSE if options == 2 else MULTIPLE_CHOICE


def _has_partial_credit(choices: list[Choice]) -> bool:
    return sum(1 for choice in choices if choice.credit > 0) > 1 or any(
        choice.credit < 0 for choice in choices
    )


def _choices(ident: str, choices: list[Choice], text: QuizText) -> tuple[_Option, ...]:
    return tuple(
        _Option(f"{ident}-c{n}", text.html(choice.text), choice.credit, text.html(choice.feedback))
        for n, choice in enumerate(choices, 1)
    )


def _true_false(
    question: TrueFalse, text: QuizText, labels: Mapping[str, str]
) -> tuple[_Option, ...]:
    return (
        _Option(
            f"{question.id}-true",
            labels["answer_true"],
            1.0 if question.answer else 0.0,
            text.html(question.feedback_true),
        ),
        _Option(
            f"{question.id}-false",
            labels["answer_false"],
            0.0 if question.answer else 1.0,
            text.html(question.feedback_false),
        ),
    )


def _numeric_options(question: Numeric) -> tuple[tuple[_Option, ...], list[str]]:
    """The accepted texts of each numeric answer, and what the profile loses on the way."""
    options: list[_Option] = []
    losses: list[str] = []
    for answer in question.answers:
        texts, loss = _accepted_numbers(answer)
        if loss:
            losses.append(loss)
        options += [
            _Option(f"{question.id}-a{len(options) + n}", value, answer.credit)
            for n, value in enumerate(texts, 1)
        ]
    return tuple(options), losses


def _accepted_numbers(answer: NumericAnswer) -> tuple[list[str], str]:
    if answer.value is not None:
        exact = number_text(answer.value)
        if answer.tolerance == 0:
            return [exact], ""
        return [exact], f"only {exact} itself is accepted, not ±{number_text(answer.tolerance)}"
    low, high = answer.bounds
    span = f"{number_text(low)}..{number_text(high)}"
    whole = range(math.ceil(low), math.floor(high) + 1)
    if 0 < len(whole) <= MAX_RANGE_NUMBERS:
        return [str(n) for n in whole], f"of the range {span}, only its whole numbers are accepted"
    middle = number_text((low + high) / 2)
    return [middle], f"of the range {span}, only its middle {middle} is accepted"


def _split(
    question: Matching | Ordering,
    prompts: list[str],
    answers: list[str],
    options: list[str],
    texts: _Texts,
) -> list[_Item]:
    """One single-response item per prompt: every option offered, ``answers[n]`` right.

    The options are sorted and shuffled: in authored order they would give the answers away.
    """
    points = question.points / len(prompts)
    offered = sorted(options, key=str.casefold)
    items = []
    for n, (prompt, answer) in enumerate(zip(prompts, answers, strict=True), 1):
        ident = f"{question.id}-{n}"
        choices = tuple(
            _Option(f"{ident}-c{m}", _escaped(option), 1.0 if option == answer else 0.0)
            for m, option in enumerate(offered, 1)
        )
        stem = f"{texts.stem}<p>{prompt}</p>" if texts.stem else prompt
        part = replace(texts, stem=stem, title=f"{texts.title} ({n})")
        items.append(_Item(ident, _single_response(len(choices)), points, choices, part, True))
    return items


def _escaped(plain: str) -> str:
    return escape(plain, quote=False)


def _weight(points: float) -> str:
    """``cc_weighting`` for ``points``, or "" when the profile cannot say it."""
    whole = round(points)
    return str(whole) if math.isclose(points, whole) and 1 <= whole <= MAX_WEIGHT else ""


# -- writing --------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{QTI_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _field(metadata: etree._Element, label: str, entry: str) -> None:
    entry_field = _sub(metadata, "qtimetadatafield")
    _sub(entry_field, "fieldlabel", label)
    _sub(entry_field, "fieldentry", entry)


def _material(parent: etree._Element, html_text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html_text, texttype="text/html")


def _write_item(section: etree._Element, item: _Item) -> None:
    element = _sub(section, "item", ident=item.ident, title=item.texts.title)
    metadata = _sub(_sub(element, "itemmetadata"), "qtimetadata")
    _field(metadata, "cc_profile", item.profile)
    weight = _weight(item.points)
    if weight:
        _field(metadata, "cc_weighting", weight)
    _field(metadata, "qmd_computerscored", "Yes")
    presentation = _sub(element, "presentation")
    _material(presentation, item.texts.stem)
    if item.profile == FILL_IN_BLANK:
        response = _sub(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
        _sub(response, "render_fib", fibtype="Decimal" if item.numeric else "String")
    else:
        cardinality = "Multiple" if item.profile == MULTIPLE_RESPONSE else "Single"
        response = _sub(presentation, "response_lid", ident=RESPONSE, rcardinality=cardinality)
        render = _sub(response, "render_choice", shuffle="Yes" if item.shuffle else "No")
        for option in item.options:
            _material(_sub(render, "response_label", ident=option.ident), option.text)
    _write_processing(element, item)
    if item.texts.general_feedback:
        _feedback(element, GENERAL_FEEDBACK, item.texts.general_feedback)
    for option in item.options:
        if option.feedback:
            _feedback(element, f"{option.ident}-fb", option.feedback)
    if item.texts.hint:
        hint = _sub(_sub(element, "itemfeedback", ident=HINT), "hint")
        _material(_sub(_sub(hint, "hintmaterial"), "flow_mat"), item.texts.hint)


def _feedback(element: etree._Element, ident: str, html_text: str) -> None:
    _material(_sub(_sub(element, "itemfeedback", ident=ident), "flow_mat"), html_text)


def _write_processing(element: etree._Element, item: _Item) -> None:
    processing = _sub(element, "resprocessing")
    _sub(
        _sub(processing, "outcomes"),
        "decvar",
        varname="SCORE",
        vartype="Decimal",
        minvalue="0",
        maxvalue=str(FULL_SCORE),
    )
    case = "Yes" if item.case_sensitive else "No"
    if item.texts.general_feedback:
        condition = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(condition, "conditionvar"), "other")
        _display(condition, GENERAL_FEEDBACK)
    for option in item.options:
        if option.feedback:
            condition = _sub(processing, "respcondition", **{"continue": "Yes"})
            _equal(_sub(condition, "conditionvar"), option, item, case)
            _display(condition, f"{option.ident}-fb")
    if item.profile == MULTIPLE_RESPONSE:
        # All or nothing: every credited choice ticked, and no other.
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        both = _sub(_sub(condition, "conditionvar"), "and")
        for option in item.options:
            parent = both if option.credit > 0 else _sub(both, "not")
            _equal(parent, option, item, case)
        _sub(condition, "setvar", str(FULL_SCORE), varname="SCORE", action="Set")
        return
    # The best credit first: the first condition that holds sets the score and stops.
    for option in sorted(item.options, key=lambda o: -o.credit):
        if option.credit <= 0:
            continue
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        _equal(_sub(condition, "conditionvar"), option, item, case)
        score = number_text(round(option.credit * FULL_SCORE, 4))
        _sub(condition, "setvar", score, varname="SCORE", action="Set")


def _equal(parent: etree._Element, option: _Option, item: _Item, case: str) -> None:
    if item.profile == FILL_IN_BLANK:
        _sub(parent, "varequal", option.text, respident=RESPONSE, case=case)
    else:
        _sub(parent, "varequal", option.ident, respident=RESPONSE)


def _display(condition: etree._Element, ident: str) -> None:
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)
