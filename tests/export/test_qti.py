"""Quizzes as CC-profile QTI 1.2.1 assessments: valid, scored as the author meant, losses said."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from moocstudio.build.labels import labels_for
from moocstudio.export.qti import QTI_NS, qti_assessment
from moocstudio.export.qti_check import profile_path, qti_problems
from moocstudio.export.quiz_text import QuizText
from moocstudio.export.validate import SchemasNotFound
from moocstudio.model import Quiz
from moocstudio.model.ids import new_id
from moocstudio.model.questions import Choice, QuizSettings, RichText, SingleChoice
from tests.export.quiz_courses import QuizWriter, every_type

try:
    profile_path()
except SchemasNotFound:
    pytest.skip(
        "the CC QTI profile XSD is not installed (run `moocstudio schemas install`)",
        allow_module_level=True,
    )

Q = f"{{{QTI_NS}}}"
NS = {"q": QTI_NS}


def media_url(asset: object) -> str:
    return f"$IMS-CC-FILEBASE$/media/{Path(getattr(asset, 'path', '')).name}"


def assessment(quiz: Quiz, language: str = "en") -> tuple[etree._Element, tuple[str, ...]]:
    labels = labels_for(language)
    written = qti_assessment(quiz, QuizText(quiz, media_url, labels), labels)
    assert qti_problems(written.xml) == []
    return etree.fromstring(written.xml), written.degraded


@pytest.fixture
def every(tmp_path: Path) -> Quiz:
    writer = QuizWriter(tmp_path)
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "chart.png")
    questions = every_type(writer)
    return Quiz(
        id=new_id("quiz"),
        title="Every type",
        questions=questions,
        images=writer.images,
        settings=QuizSettings(attempts=3, shuffle_answers=True),
    )


def profile_of(item: etree._Element) -> str:
    entries = item.xpath(
        "q:itemmetadata//q:qtimetadatafield[q:fieldlabel='cc_profile']/q:fieldentry/text()",
        namespaces=NS,
    )
    return str(entries[0])


def score(item: etree._Element, response: set[str] | str) -> float:
    """The SCORE a QTI 1.2 player sets for ``response``: conditions in order, until one stops.

    Only what the CC profile allows is read: varequal, and, not, other, setvar Set.
    """

    def holds(condition: etree._Element) -> bool:
        tag = etree.QName(condition).localname
        if tag == "other":
            return True
        if tag == "and":
            return all(holds(child) for child in condition)
        if tag == "not":
            return not any(holds(child) for child in condition)
        value = condition.text or ""
        if isinstance(response, set):
            return value in response
        if condition.get("case") == "Yes":
            return response == value
        return response.casefold() == value.casefold()

    result = 0.0
    for condition in item.iterfind(f"{Q}resprocessing/{Q}respcondition"):
        if all(holds(test) for test in condition.find(f"{Q}conditionvar")):
            for setvar in condition.iterfind(f"{Q}setvar"):
                result = float(setvar.text or 0)
            if condition.get("continue", "No") == "No":
                break
    return result


def labels_of(item: etree._Element) -> dict[str, str]:
    """Each choice's text (the response label's material) by its ident."""
    return {
        label.get("ident", ""): label.findtext(f"{Q}material/{Q}mattext") or ""
        for label in item.iter(f"{Q}response_label")
    }


def ident_of(item: etree._Element, text: str) -> str:
    return next(ident for ident, shown in labels_of(item).items() if shown == text)


def test_every_type_is_valid_and_scored_as_written(every: Quiz) -> None:
    root, degraded = assessment(every)
    items = root.findall(f".//{Q}item")
    profiles = [profile_of(item) for item in items]
    # 11 questions: matching (3 prompts) and ordering (4 steps) are split into items.
    assert profiles == [
        "cc.multiple_choice.v0p1",
        "cc.true_false.v0p1",
        "cc.multiple_response.v0p1",
        "cc.multiple_response.v0p1",
        "cc.true_false.v0p1",
        "cc.fib.v0p1",
        "cc.fib.v0p1",
        "cc.fib.v0p1",
        "cc.fib.v0p1",
        *["cc.multiple_choice.v0p1"] * 3,
        *["cc.multiple_choice.v0p1"] * 4,
    ]
    capital, two, primes, vowels, earth, pi, whole, author, sodium, *rest = items
    assert score(capital, {ident_of(capital, "Paris")}) == 100
    assert score(capital, {ident_of(capital, "Lyon")}) == 50
    assert score(capital, {ident_of(capital, 'Marseille &lt;&amp; "Nice"&gt;')}) == 0
    assert score(two, {ident_of(two, "Always")}) == 100
    assert score(primes, {ident_of(primes, "2"), ident_of(primes, "3")}) == 100
    assert score(primes, {ident_of(primes, "2")}) == 0  # all or nothing in the profile
    assert score(vowels, {ident_of(vowels, "a"), ident_of(vowels, "e"), ident_of(vowels, "k")}) == 0
    assert score(earth, {ident_of(earth, "True")}) == 100
    assert score(earth, {ident_of(earth, "False")}) == 0
    assert (score(pi, "3.14"), score(pi, "3"), score(pi, "3.15")) == (100, 50, 0)
    assert [score(whole, str(n)) for n in range(7)] == [0, 100, 100, 100, 100, 100, 0]
    assert (score(author, "victor hugo"), score(author, "Hugo"), score(author, "Zola")) == (
        100,
        50,
        0,
    )
    assert (score(sodium, "Na"), score(sodium, "NA")) == (100, 0)
    matching, ordering = rest[:3], rest[3:]
    for item, answer in zip(matching, ["Paris", "Rome", "Madrid"], strict=True):
        assert score(item, {ident_of(item, answer)}) == 100
        assert set(labels_of(item).values()) == {"Lisbon", "Madrid", "Paris", "Rome"}
    for item, answer in zip(ordering, ["Mercury", "Venus", "Earth", "Mars"], strict=True):
        assert score(item, {ident_of(item, answer)}) == 100
        # The steps are offered sorted, never in the answer's order.
        assert list(labels_of(item).values()) == ["Earth", "Mars", "Mercury", "Venus"]
    assert len(degraded) == 7
    for number, words in [
        (2, "true/false item"),
        (3, "partial credit becomes all or nothing"),
        (6, "not ±0.01"),
        (7, "only its whole numbers"),
        (10, "3 single-choice items, one per prompt"),
        (11, "4 single-choice items, one per position"),
    ]:
        assert any(f"question {number}" in note and words in note for note in degraded), words


def test_feedback_hints_and_pictures_are_linked_as_the_profile_asks(every: Quiz) -> None:
    root, _degraded = assessment(every)
    capital = root.find(f".//{Q}item")
    assert capital is not None
    shown = {
        feedback.get("ident"): feedback.findtext(f".//{Q}mattext")
        for feedback in capital.iterfind(f"{Q}itemfeedback")
    }
    assert shown["general_fb"] == "Paris has been the capital for a thousand years."
    assert shown["hint"] == "Think of the Eiffel Tower."
    assert sorted(v for k, v in shown.items() if k not in ("general_fb", "hint")) == [
        "Close: the second city.",
        "No.",
        "Yes: since 987.",
    ]
    triggers = [d.get("linkrefid") for d in capital.iter(f"{Q}displayfeedback")]
    assert set(triggers) == set(shown) - {"hint"}
    stem = capital.findtext(f"{Q}presentation/{Q}material/{Q}mattext") or ""
    assert 'src="$IMS-CC-FILEBASE$/media/' in stem and "chart" in stem
    assert capital.find(f".//{Q}render_choice").get("shuffle") == "Yes"
    metadata = dict(
        zip(
            root.xpath("q:assessment/q:qtimetadata//q:fieldlabel/text()", namespaces=NS),
            root.xpath("q:assessment/q:qtimetadata//q:fieldentry/text()", namespaces=NS),
            strict=True,
        )
    )
    assert metadata["cc_maxattempts"] == "3"
    assert metadata["qmd_feedbackpermitted"] == "Yes"
    assert metadata["qmd_hintspermitted"] == "Yes"


def test_french_true_false_words_and_quiz_settings(every: Quiz) -> None:
    every.settings = QuizSettings(attempts=9, show_feedback="never")
    root, degraded = assessment(every, "fr")
    earth = root.findall(f".//{Q}item")[4]
    assert sorted(labels_of(earth).values()) == ["Faux", "Vrai"]
    entries = root.xpath(
        "q:assessment/q:qtimetadata//q:fieldentry[../q:fieldlabel='cc_maxattempts']/text()",
        namespaces=NS,
    )
    assert entries == ["unlimited"]
    assert any("9 attempts" in note and "unlimited" in note for note in degraded)


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    hostile = '</mattext><script>alert("x")</script> & ]]>'
    quiz = Quiz(
        id=new_id("quiz"),
        title=hostile,
        questions=[
            SingleChoice(
                id=new_id("question"),
                title=hostile,
                stem=RichText(source=hostile, format="plain", html="&lt;b&gt; &amp; x"),
                choices=[
                    Choice(text=RichText(source="a", html="a"), credit=1),
                    Choice(text=RichText(source="b", html="b")),
                    Choice(text=RichText(source="c", html="c")),
                ],
            )
        ],
    )
    root, _degraded = assessment(quiz)
    assert root.find(f"{Q}assessment").get("title") == hostile
    assert root.find(f".//{Q}mattext").text == "&lt;b&gt; &amp; x"
    assert not list(root.iter("script"))


@pytest.fixture
def written(every: Quiz) -> bytes:
    labels = labels_for("en")
    return qti_assessment(every, QuizText(every, media_url, labels), labels).xml


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ((b"cc.multiple_choice.v0p1", b"cc.matching.v0p1"), "[RULE 2b]"),
        ((b"<fieldentry>Percentage", b"<fieldentry>Points"), "[RULE 1c]"),
        ((b'rcardinality="Single"', b'rcardinality="single"'), "'rcardinality'"),
        ((b'varname="SCORE" vartype', b'varname="POINTS" vartype'), "'varname'"),
        ((b"<questestinterop ", b"<!DOCTYPE x [<!ENTITY e 'x'>]><questestinterop "), "DOCTYPE"),
        ((b"</questestinterop>", b""), "not well-formed"),
    ],
)
def test_the_check_names_what_breaks_the_profile(
    written: bytes, change: tuple[bytes, bytes], expected: str
) -> None:
    old, new = change
    assert old in written
    problems = qti_problems(written.replace(old, new, 1))
    assert problems and expected in problems[0], problems
    assert problems[0].startswith("line ")
