from __future__ import annotations

import pytest

from moocstudio.importers.front_matter import FrontMatter, parse_licence, split_front_matter
from moocstudio.model.licence import LicenceId


def test_no_front_matter_leaves_the_text_alone() -> None:
    split = split_front_matter("# Title\n\ntext: with a colon\n", "p.md")
    assert split.metadata == FrontMatter()
    assert split.body == "# Title\n\ntext: with a colon\n"
    assert split.warnings == []


def test_front_matter_lines_become_blank_so_line_numbers_hold() -> None:
    text = "---\ntitle: T\nteaching: 5\n---\n# Body\n"
    split = split_front_matter(text, "p.md")
    assert split.body.split("\n") == ["", "", "", "", "# Body", ""]
    assert split.metadata.title == "T"


@pytest.mark.parametrize(
    "text",
    [
        "---\n# Slide 1\n\nWelcome: to the course\n\n---\n\n# Slide 2\n",
        "---\nWelcome everyone\n---\n",
        "---\n\n---\n",
        "--- \n- a list\n- of items\n---\n",
        "---\ntitle: no closing line\n\n# Body\n",
    ],
)
def test_a_dashed_line_that_opens_no_mapping_is_a_thematic_break(text: str) -> None:
    split = split_front_matter(text, "deck.md")
    assert split.body == text
    assert split.metadata == FrontMatter()
    assert split.warnings == []


def test_windows_line_endings() -> None:
    split = split_front_matter("---\r\ntitle: T\r\n---\r\n# Body\r\n", "p.md")
    assert split.metadata.title == "T"
    assert split.body.split("\n")[3] == "# Body"


def test_yaml_closed_by_dots() -> None:
    split = split_front_matter("---\ntitle: Pandoc\n...\n\nBody\n", "p.md")
    assert split.metadata.title == "Pandoc"
    assert split.body.strip() == "Body"


def test_malformed_yaml_is_one_warning_with_its_line() -> None:
    text = "---\ntitle: ok\nobjectives:\n  - one\n - two\n---\nBody\n"
    split = split_front_matter(text, "lesson.md")
    assert split.metadata == FrontMatter()
    assert len(split.warnings) == 1
    assert split.warnings[0].startswith("lesson.md, line 5: the front matter is not valid YAML")
    assert split.body.split("\n")[6] == "Body"


def test_fields_from_carpentries_front_matter() -> None:
    text = (
        "---\n"
        'title: "Loops"\n'
        "Summary: one line\n"
        "objectives:\n- 'First'\n- 2\n- {odd: mapping}\n- ''\n"
        "questions: A single question?\n"
        "keypoints:\n  - Point\n"
        "licence: cc-by-sa-4.0\n"
        "---\n"
    )
    metadata = split_front_matter(text, "p.md").metadata
    assert metadata == FrontMatter(
        title="Loops",
        description="one line",
        objectives=["First", "2"],
        questions=["A single question?"],
        keypoints=["Point"],
        licence=LicenceId.CC_BY_SA_4_0,
    )


@pytest.mark.parametrize(
    ("spelling", "licence"),
    [
        ("CC-BY-4.0", LicenceId.CC_BY_4_0),
        ("CC BY 4.0", LicenceId.CC_BY_4_0),
        ("cc-by-4.0", LicenceId.CC_BY_4_0),
        ("CC_BY_4.0", LicenceId.CC_BY_4_0),
        ("Creative Commons Attribution 4.0 International", LicenceId.CC_BY_4_0),
        ("cc-by-sa-4.0", LicenceId.CC_BY_SA_4_0),
        ("CC BY-NC-SA 4.0", LicenceId.CC_BY_NC_SA_4_0),
        ("CC-BY-NC-ND-4.0 license", LicenceId.CC_BY_NC_ND_4_0),
        ("CC0-1.0", LicenceId.CC0_1_0),
        ("CC0", LicenceId.CC0_1_0),
        ("CC0 1.0 Universal", LicenceId.CC0_1_0),
        ("https://creativecommons.org/licenses/by-nd/4.0/", LicenceId.CC_BY_ND_4_0),
        ("https://creativecommons.org/publicdomain/zero/1.0/", LicenceId.CC0_1_0),
        ("CC BY", None),
        ("CC-BY-3.0", None),
        ("MIT", None),
        ("https://creativecommons.org/licenses/by/3.0/", None),
    ],
)
def test_licence_spellings(spelling: str, licence: LicenceId | None) -> None:
    assert parse_licence(spelling) is licence


def test_unknown_licence_is_a_warning_naming_its_line() -> None:
    split = split_front_matter("---\ntitle: T\nlicense: MIT\n---\n", "p.md")
    assert split.metadata.licence is None
    assert split.warnings == [
        "p.md, line 3: the licence 'MIT' is not one moocstudio carries; write one of CC-BY-4.0, "
        "CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0, CC-BY-ND-4.0, CC-BY-NC-ND-4.0, CC0-1.0 "
        "(with its version); the course licence applies to this page."
    ]


def test_myst_licence_mapping() -> None:
    text = "---\nlicense:\n  content: CC-BY-4.0\n  code: MIT\n---\n"
    assert split_front_matter(text, "p.md").metadata.licence is LicenceId.CC_BY_4_0


@pytest.mark.parametrize(
    ("authors", "names"),
    [
        ("author: Ada Lovelace", ["Ada Lovelace"]),
        (
            "authors: Ada Lovelace, Grace Hopper and Alan Turing",
            ["Ada Lovelace", "Grace Hopper", "Alan Turing"],
        ),
        ("authors: [Ada Lovelace, 'Grace Hopper']", ["Ada Lovelace", "Grace Hopper"]),
        (
            "author:\n  - name: Ada\n  - name: {given: Grace, family: Hopper}\n  - name: ''\n  - 3",
            ["Ada", "Grace Hopper"],
        ),
        ("authors:\n  - name: {literal: The Carpentries}", ["The Carpentries"]),
    ],
)
def test_author_shapes(authors: str, names: list[str]) -> None:
    metadata = split_front_matter(f"---\n{authors}\n---\n", "p.md").metadata
    assert [person.name for person in metadata.authors] == names


def test_author_details_from_quarto_and_myst() -> None:
    text = (
        "---\nauthors:\n"
        "  - name: Ada Lovelace\n    email: ada@example.org\n    url: https://ada.example.org\n"
        "    affiliations:\n      - name: Analytical Engines\n      - Royal Society\n"
        "  - name: Grace Hopper\n    url: not a url\n    affiliation: US Navy\n---\n"
    )
    ada, grace = split_front_matter(text, "p.md").metadata.authors
    assert (ada.email, str(ada.url), ada.affiliation) == (
        "ada@example.org",
        "https://ada.example.org/",
        "Analytical Engines, Royal Society",
    )
    assert (grace.url, grace.affiliation) == (None, "US Navy")


def test_toml_front_matter() -> None:
    split = split_front_matter(
        '+++\ntitle = "Hugo"\ndescription = "d"\nkeypoints = ["k1", "k2"]\n+++\nBody\n', "p.md"
    )
    assert split.metadata == FrontMatter(title="Hugo", description="d", keypoints=["k1", "k2"])
    assert split.body.split("\n")[5] == "Body"


def test_malformed_toml_names_the_file_line() -> None:
    split = split_front_matter('+++\ntitle = "ok"\n\nbroken = \n+++\nBody\n', "h.md")
    assert len(split.warnings) == 1
    assert split.warnings[0].startswith("h.md, line 4: the front matter is not valid TOML")
