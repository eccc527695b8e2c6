"""A quiz as the site shows it: the form's questions, and the key ``assets/quiz.js`` checks with.

The site checks answers in the browser, so the key ships in the page (as JSON beside the form):
the site and its SCORM packages grade on the learner's side by design; formats that grade on
a server (Common Cartridge, OLX) have exporters of their own and never use this page.

Everything the learner reads is the quiz's sanitized HTML (made when it was imported) with its
image links pointed into the site; feedback waits in inert ``<template>`` elements until the
script shows it. The order of options that would give the answer away (matching, ordering) is
fixed at build time from the question's id, so a build stays byte-identical.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lxml import html
from markupsafe import Markup

from moocstudio.build.page_content import inner_html, point_images
from moocstudio.build.scroll_regions import make_scrollable
from moocstudio.model import Asset, Course, Quiz, RichText
from moocstudio.model.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

STORAGE_PREFIX = "moocstudio-quiz"
"""localStorage keys: ``moocstudio-quiz/<course id>/<quiz id>`` (attempts and best score)."""

SCRIPT_WORDS = (
    "correct",
    "partly",
    "incorrect",
    "not_answered",
    "quiz_score",
    "quiz_passed",
    "quiz_failed",
    "best_score",
    "attempts_used",
    "no_attempts_left",
)
"""The site's words quiz.js says itself (the others are in the page)."""

Question = SingleChoice | MultipleChoice | TrueFalse | Numeric | ShortAnswer | Matching | Ordering


def quiz_context(
    course: Course, quiz: Quiz, labels: Mapping[str, str], media_url: Callable[[Asset], str]
) -> dict[str, Any]:
    """What ``quiz.html`` shows for ``quiz``, and the key ``quiz.js`` checks the answers with.

    Args:
        course: The course holding the quiz (its id names the quiz's saved attempts).
        quiz: The quiz.
        labels: The site's words in the course language (``labels_for``).
        media_url: Where the page links one of the quiz's images (relative to the page).
    """
    images = {image.path: media_url(image) for image in quiz.images}

    def rich(text: RichText | str) -> Markup:
        source = text.html if isinstance(text, RichText) else text
        body = html.fragment_fromstring(source or "", create_parent="div")
        point_images(body, images, labels)
        make_scrollable(body, labels)
        # Safe on purpose: sanitized with nh3 when imported; only image links changed here.
        return Markup(inner_html(body))  # noqa: S704

    settings = quiz.settings
    rules = [labels["quiz_rules"].format(percent=_number(settings.passing_percent))]
    if settings.attempts is not None:
        rules.append(labels["attempts_allowed"].format(n=settings.attempts))
    views = [_question_view(question, labels, rich) for question in quiz.questions]
    return {
        "quiz": quiz,
        "introduction": rich(quiz.introduction) if quiz.introduction.strip() else None,
        "rules": " ".join(rules),
        "questions": [view for view, _ in views],
        "check_each": settings.show_feedback == "immediately",
        "key": {
            "quiz": quiz.id,
            "storage": f"{STORAGE_PREFIX}/{course.id}/{quiz.id}",
            "passing": settings.passing_percent,
            "attempts": settings.attempts,
            "shuffle": settings.shuffle_answers,
            "feedback": settings.show_feedback,
            "words": {word: labels[word] for word in SCRIPT_WORDS},
            "questions": [key for _, key in views],
        },
    }


def question_count_label(quiz: Quiz, labels: Mapping[str, str]) -> str:
    """How long the quiz is, for the course outline: "5 questions"."""
    return labels["n_questions"].format(n=len(quiz.questions))


def _number(value: float) -> str:
    """``80.0`` as ``80``, ``2.5`` as ``2.5``."""
    return f"{value:g}"


def _question_view(
    question: Question, labels: Mapping[str, str], rich: Callable[[RichText | str], Markup]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The question as the template shows it, and its entry in the key."""
    points = (
        labels["one_point"]
        if question.points == 1
        else labels["points"].format(n=_number(question.points))
    )
    feedback: dict[str, Markup] = {}
    if question.general_feedback:
        feedback["general"] = rich(question.general_feedback)
    view: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "points": points,
        "stem": rich(question.stem),
        "hint": rich(question.hint) if question.hint else None,
        "feedback": feedback,
    }
    key: dict[str, Any] = {"id": question.id, "type": question.type, "points": question.points}
    if isinstance(question, SingleChoice | MultipleChoice):
        view["choices"] = [rich(choice.text) for choice in question.choices]
        key["credits"] = [choice.credit for choice in question.choices]
        if isinstance(question, MultipleChoice):
            key["scoring"] = question.scoring
        _add_feedback(feedback, (choice.feedback for choice in question.choices), rich)
    elif isinstance(question, TrueFalse):
        view["choices"] = [labels["answer_true"], labels["answer_false"]]
        key["answer"] = question.answer
        _add_feedback(feedback, (question.feedback_true, question.feedback_false), rich)
    elif isinstance(question, Numeric):
        key["answers"] = [
            {"low": low, "high": high, "credit": answer.credit}
            for answer in question.answers
            for low, high in (answer.bounds,)
        ]
        _add_feedback(feedback, (answer.feedback for answer in question.answers), rich)
    elif isinstance(question, ShortAnswer):
        key["answers"] = [{"text": a.text.strip(), "credit": a.credit} for a in question.answers]
        key["case_sensitive"] = question.case_sensitive
        _add_feedback(feedback, (answer.feedback for answer in question.answers), rich)
    elif isinstance(question, Matching):
        options = sorted(question.options, key=lambda option: (option.casefold(), option))
        view["prompts"] = [rich(pair.prompt) for pair in question.pairs]
        view["options"] = list(enumerate(options))
        key["answers"] = [options.index(pair.answer) for pair in question.pairs]
    else:
        # Each step's value is its right place, so the key needs only how many there are.
        steps = question.items
        view["prompts"] = [labels["position"].format(n=n) for n in range(1, len(steps) + 1)]
        view["options"] = [(steps.index(step), step) for step in _shuffled(steps, question.id)]
        key["count"] = len(steps)
    return view, key


def _add_feedback(
    feedback: dict[str, Markup],
    texts: Iterable[RichText],
    rich: Callable[[RichText | str], Markup],
) -> None:
    """Feedback for each answer, by its position, when the author wrote some."""
    for position, text in enumerate(texts):
        if text:
            feedback[str(position)] = rich(text)


def _shuffled(steps: list[str], seed: str) -> list[str]:
    """``steps`` in an order fixed by ``seed`` that is never the right one."""
    shown = list(steps)
    random.Random(seed).shuffle(shown)  # noqa: S311 (an order to show, not a secret)
    if shown == steps:
        shown = shown[1:] + shown[:1]
    return shown
