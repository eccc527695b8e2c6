"""A PDF page's lines (as PDFium gives them) into a slide's title and paragraphs."""

from __future__ import annotations

import pytest

from moocstudio.importers.pdf_text import TITLE_MAX, TextLine, slide_text, split_lines


def sized(text: str, sizes: list[float]) -> list[TextLine]:
    """``text`` split as PDFium gives it, each line's characters in the next size."""
    lines = text.split("\r\n")
    per_char = [size for line, size in zip(lines, sizes, strict=True) for _ in line + "\r\n"]
    return split_lines(text, lambda index: per_char[index])


def test_lines_lose_markers_blanks_page_numbers_and_control_characters() -> None:
    text = (
        "\uf0a7 Wingdings bullet\r\n\r\n• Round\r\n- Dash\r\n-5 °C\r\n12 / 40\r\nA\x00B\ufffe\r\n7"
    )
    assert [line.text for line in split_lines(text)] == [
        "Wingdings bullet",
        "Round",
        "Dash",
        "-5 °C",
        "AB",
    ]
    assert [line.bulleted for line in split_lines(text)] == [True, True, True, False, False]


def test_a_title_set_larger_spans_lines_plain_text_does_not() -> None:
    lines = sized("Une longue\r\nintroduction\r\nTexte", [32, 32, 18])
    assert slide_text(lines) == ("Une longue introduction", ["Texte"])
    same_size = sized("Une ligne\r\nune autre\r\nencore", [12, 12, 12])
    assert slide_text(same_size) == ("Une ligne", ["une autre", "encore"])


def test_without_font_sizes_the_first_line_is_the_title() -> None:
    assert slide_text(split_lines("Titre\r\n• un\r\nsuite")) == ("Titre", ["un suite"])


def test_wrapped_bullets_are_joined_and_a_new_marker_starts_a_paragraph() -> None:
    lines = sized(
        "Titre\r\n• premier point qui\r\ncontinue ici\r\net encore\r\n• second\r\nNote",
        [30, 18, 18, 18, 18, 12],
    )
    assert slide_text(lines) == (
        "Titre",
        ["premier point qui continue ici et encore", "second", "Note"],
    )


def test_a_hyphen_pdfium_marks_at_a_line_end_joins_the_word() -> None:
    lines = sized("Titre\r\nphoto\x02\r\nsynthèse", [30, 18, 18])
    assert slide_text(lines) == ("Titre", ["photosynthèse"])


def test_the_outline_title_wins_and_its_wrapped_lines_leave_the_body() -> None:
    lines = sized("Cycle du\r\ncarbone\r\nTexte", [30, 30, 18])
    assert slide_text(lines, "Cycle du  carbone") == ("Cycle du carbone", ["Texte"])
    assert slide_text(lines, "Partie 2") == ("Partie 2", ["Cycle du", "carbone", "Texte"])


@pytest.mark.parametrize("generic", ["Slide 3", "Diapositive 12", "page 4", "Folie 2"])
def test_generic_slide_names_in_the_outline_are_not_titles(generic: str) -> None:
    assert slide_text(split_lines("Vrai titre\r\nTexte"), generic)[0] == "Vrai titre"


def test_a_very_long_first_line_is_cut_with_an_ellipsis() -> None:
    title, body = slide_text(split_lines("mot " * 100))
    assert len(title) == TITLE_MAX and title.endswith("…") and body == []


def test_an_empty_page_has_no_title() -> None:
    assert slide_text(split_lines("")) == ("", [])
    assert slide_text(split_lines(" \r\n 3 \r\n")) == ("", [])
