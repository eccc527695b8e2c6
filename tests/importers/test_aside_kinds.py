from __future__ import annotations

from moocstudio.importers.aside_kinds import (
    CANONICAL_KINDS,
    AsideLook,
    is_layout,
    lookup,
    resolve,
)


def test_every_canonical_kind_is_its_own_word() -> None:
    for kind in CANONICAL_KINDS:
        meaning = lookup(kind)
        assert meaning is not None and meaning.kind == kind, kind


def test_words_match_in_any_case_and_without_accents() -> None:
    assert lookup("DÉFI") == lookup("defi") == lookup("défi")
    assert lookup("Solucion") == lookup("solución")
    assert lookup("no-such-word") is None


def test_the_first_known_word_decides() -> None:
    assert resolve(["column-margin", "callout-tip", "note"]).kind == "tip"
    assert resolve(["unknown"]) == AsideLook(kind="aside", title=None)
    assert resolve(["unknown"], title="Mine") == AsideLook(kind="aside", title="Mine")


def test_folding() -> None:
    assert resolve(["solution"]).folded
    assert resolve(["indice"]).folded
    assert resolve(["spoiler"]) == AsideLook("aside", "Show details", folded=True)
    assert resolve(["note"], collapse=True) == AsideLook("note", "Note", folded=True)
    assert resolve(["note"], collapse=False) == AsideLook(
        "note", "Note", folded=True, starts_open=True
    )
    assert not resolve(["challenge"]).folded


def test_layout_classes_are_not_boxes() -> None:
    assert is_layout(["columns"])
    assert is_layout(["column-page-right"])
    assert not is_layout(["callout-note", "column-margin"])
    assert not is_layout(["mystery"])
