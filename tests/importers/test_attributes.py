from __future__ import annotations

import pytest

from moocstudio.importers.attributes import (
    Attributes,
    BadAttributes,
    attr_list_syntax,
    html_length,
    parse_attributes,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#intro .unnumbered", Attributes("intro", ("unnumbered",))),
        (": .challenge", Attributes(None, ("challenge",))),
        (":.language-bash", Attributes(None, ("language-bash",))),
        ("-", Attributes(None, ("unnumbered",))),
        ("solution", Attributes(None, ("solution",))),
        (
            '.callout-note title="Mind the \\"gap\\"" collapse=true',
            Attributes(None, ("callout-note",), {"title": 'Mind the "gap"', "collapse": "true"}),
        ),
        ("#fig:x width=80% alt='A cat'", Attributes("fig:x", (), {"width": "80%", "alt": "A cat"})),
        ("", Attributes()),
    ],
)
def test_parse(text: str, expected: Attributes) -> None:
    assert parse_attributes(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("alt='A cat width=3", "the quote after alt= is not closed"),
        ('title="unclosed', "the quote after title= is not closed"),
        ("=value", "cannot read '=value'"),
        (".ok <script>", "cannot read '<script>'"),
    ],
)
def test_unreadable_lists_say_why(text: str, why: str) -> None:
    with pytest.raises(BadAttributes, match=why):
        parse_attributes(text)


@pytest.mark.parametrize(
    ("value", "length"),
    [
        ("80%", "80%"),
        ("300", "300"),
        ("300px", "300"),
        ("12.5%", "12.5%"),
        ("3in", None),
        ("", None),
    ],
)
def test_html_lengths(value: str, length: str | None) -> None:
    assert html_length(value) == length


def test_attr_list_syntax_keeps_what_html_can_use() -> None:
    attributes = parse_attributes(
        '#fig .wide alt="A \\"quoted\\" cat" width=50% height=3in style="color:red" onclick=x'
    )
    assert attr_list_syntax(attributes) == '{: #fig .wide alt="A ”quoted” cat" width="50%"}'
    assert attr_list_syntax(Attributes()) == ""
