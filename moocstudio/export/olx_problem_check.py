"""Whether each ``problem/*.xml`` of an Open edX export holds responses Open edX can grade.

Studio imports a malformed problem and only fails when a learner opens it ("Error: this
problem could not be rendered"), so the check reads every response the way capa does: a
choice group with a right choice, a numeric answer that is a number or a range, a text
answer, dropdowns with one right option each, an input to type in, and attempts and weight
that are numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from lxml import etree

RESPONSES = (
    "multiplechoiceresponse",
    "choiceresponse",
    "numericalresponse",
    "stringresponse",
    "optionresponse",
    "formularesponse",
    "customresponse",
    "symbolicresponse",
    "schematicresponse",
    "imageresponse",
    "jsmeresponse",
    "annotationresponse",
    "choicetextresponse",
)
"""capa's response types (a problem needs one to be graded)."""

_RANGE = re.compile(r"^\s*[\[(]\s*([^,\s]+)\s*,\s*([^,\s]+)\s*[\])]\s*$")
_TRUE = ("true", "partial")


def problem_problems(name: str, problem: etree._Element) -> list[str]:
    """What would stop Open edX grading the problem in ``name`` (one sentence each)."""
    where = f"course/{name}"
    if problem.tag != "problem":
        return [f"{where}: the root element is <{problem.tag}>, not <problem>"]
    found = [f"{where}: {problem_text}" for problem_text in _attribute_problems(problem)]
    responses = [element for element in problem.iter(*RESPONSES)]
    if not responses:
        found.append(f"{where}: no response (such as <multiplechoiceresponse>) to grade")
    for response in responses:
        found += [
            f"{where}, line {response.sourceline}: <{response.tag}> {text}"
            for text in _response_problems(response)
        ]
    return found


def _attribute_problems(problem: etree._Element) -> Iterator[str]:
    attempts = problem.get("max_attempts")
    if attempts not in (None, "") and not (attempts.isdigit() and int(attempts) > 0):
        yield f"max_attempts={attempts!r} is not a positive whole number"
    weight = problem.get("weight")
    points = _number(weight) if weight else 0.0
    if points is None or points < 0:
        yield f"weight={weight!r} is not a number of points"


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _response_problems(response: etree._Element) -> Iterator[str]:
    if response.tag == "multiplechoiceresponse":
        yield from _choices(response, "choicegroup", single=True)
    elif response.tag == "choiceresponse":
        yield from _choices(response, "checkboxgroup", single=False)
    elif response.tag == "numericalresponse":
        answer = response.get("answer", "")
        match = _RANGE.match(answer)
        bounds = match.groups() if match else (answer,)
        if not answer or any(_number(bound) is None for bound in bounds):
            yield f"has answer={answer!r}, which is neither a number nor a range like [1, 5]"
        yield from _needs_input(response, ("formulaequationinput", "textline"))
    elif response.tag == "stringresponse":
        if not response.get("answer", "").strip():
            yield "has no answer"
        yield from _needs_input(response, ("textline",))
    elif response.tag == "optionresponse":
        dropdowns = list(response.iter("optioninput"))
        if not dropdowns:
            yield "has no <optioninput>"
        for dropdown in dropdowns:
            yield from _dropdown(dropdown)


def _choices(response: etree._Element, group_tag: str, *, single: bool) -> Iterator[str]:
    group = response.find(group_tag)
    if group is None:
        yield f"has no <{group_tag}>"
        return
    choices = group.findall("choice")
    right = [c for c in choices if (c.get("correct") or "").lower() in _TRUE[: 2 if single else 1]]
    if len(choices) < 2:
        yield f"offers {len(choices)} choice(s); a learner needs at least two"
    if not right:
        yield 'has no choice marked correct="true"'
    if single and sum(1 for c in right if c.get("correct", "").lower() == "true") > 1:
        yield 'marks several choices correct="true"; a single-choice question takes one'


def _needs_input(response: etree._Element, tags: tuple[str, ...]) -> Iterator[str]:
    if not any(response.find(tag) is not None for tag in tags):
        yield f"has no input to type the answer in ({' or '.join(f'<{t}>' for t in tags)})"


def _dropdown(dropdown: etree._Element) -> Iterator[str]:
    options = dropdown.findall("option")
    if options:
        right = [o for o in options if (o.get("correct") or "").lower() == "true"]
        if len(right) != 1:
            yield f"has a dropdown with {len(right)} options marked correct; it needs one"
        return
    # The older form: options="('a','b')" correct="a"
    listed = dropdown.get("options")
    if not listed or not dropdown.get("correct"):
        yield "has a dropdown with no options or no correct one"
