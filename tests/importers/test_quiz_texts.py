"""Quiz texts: rendered once each, and plain words skip the renderer with the same result."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from moocstudio.importers.quiz_texts import PLAIN_WORDS, QuizTexts
from moocstudio.importers.rich_text import render_rich_text

_WORDS = st.text(st.sampled_from([*"aZéΩ日9", "1", "0"]), min_size=1, max_size=5)
_BETWEEN = st.text(st.sampled_from([*" ,.;:?!'’\"()/%+=@-"]), min_size=1, max_size=3)
_PLAIN = st.tuples(
    _WORDS, st.lists(st.tuples(_BETWEEN, _WORDS).map("".join), max_size=6), _BETWEEN | st.just("")
).map(lambda parts: parts[0] + "".join(parts[1]) + parts[2])


@settings(max_examples=150, deadline=None)
@given(_PLAIN)
def test_plain_words_render_as_themselves(text: str) -> None:
    assume(text == text.strip() and PLAIN_WORDS.fullmatch(text))
    with tempfile.TemporaryDirectory() as folder:
        rendered = render_rich_text(text, folder=Path(folder), base_file=Path(folder) / "q.gift")
    assert rendered.text.html == text


def test_plain_words_are_what_they_say() -> None:
    assert PLAIN_WORDS.fullmatch("Paris, France (1.5 km/h) = 100% l'été!")
    for marked_up in ("1. Paris", "*Paris*", "- a", "a_b_", "`x`", "$x$", "a <b>", "[x](y)"):
        assert not PLAIN_WORDS.fullmatch(marked_up), marked_up


def test_each_text_is_rendered_once_and_its_images_listed_once(
    tmp_path: Path, picture_png: bytes
) -> None:
    (tmp_path / "cell.png").write_bytes(picture_png)
    texts = QuizTexts(tmp_path / "course", tmp_path / "quiz.gift")
    first = texts("![A cell](cell.png)")
    again = texts("![A cell](cell.png)")
    other = texts("*The* ![same cell](cell.png)")
    assert first is again and other.html.startswith("<em>The</em>")
    assert [image.original_name for image in texts.images] == ["cell.png"]
    assert texts("  ") == texts("", "html") and not texts("   ")
