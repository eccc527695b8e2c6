"""The one table of aside kinds: every class word authors use, in every language we read.

Lesson authors box their text with a class word: ``::: challenge`` (Carpentries Workbench),
``{: .callout}`` (Jekyll styles), ``::: {.callout-tip}`` (Quarto), ``{note}`` (MyST),
``!!! warning`` (Python-Markdown), ``> [!TIP]`` (GitHub), or the same in French or Spanish
(``::: défi``, ``::: solución``). Each word maps here to one canonical kind, which the site's
stylesheet knows, and to a default title in the word's own language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

CANONICAL_KINDS = (
    "objectives", "questions", "keypoints", "prereq", "callout", "note", "tip", "warning",
    "caution", "challenge", "solution", "hint", "discussion", "checklist", "testimonial",
    "aside",
)  # fmt: skip
"""The kinds the site styles (contract 2); ``aside`` is an unknown class, shown neutral."""

INSTRUCTOR = "instructor"
"""Not a learner kind: such blocks leave the page and go to ``Page.instructor_notes``."""

NEUTRAL = "aside"
COLLAPSED_KINDS = frozenset({"solution", "hint"})


@dataclass(frozen=True)
class AsideWord:
    """What one class word means: a canonical kind and the title shown when none is given."""

    kind: str
    title: str
    collapsed: bool = False
    """Shown folded (a ``<details>``) even when its kind is not folded by default."""


def _words(kind: str, title: str, *words: str, collapsed: bool = False) -> dict[str, AsideWord]:
    return dict.fromkeys(words, AsideWord(kind, title, collapsed))


# Titles follow the word's language: "défi" is titled "Défi", "challenge" "Challenge".
_TABLE: dict[str, AsideWord] = {
    # Canonical English words (Carpentries Workbench and styles, Quarto, MyST, mkdocs).
    **_words("objectives", "Objectives", "objectives", "objective", "learning-objectives"),
    **_words("questions", "Questions", "questions"),
    **_words("keypoints", "Key points", "keypoints", "key-points", "takeaways"),
    **_words("prereq", "Prerequisites", "prereq", "prerequisite", "prerequisites"),
    **_words("callout", "Callout", "callout"),
    **_words("callout", "Example", "example"),
    **_words("note", "Note", "note", "callout-note", "info", "todo"),
    **_words("warning", "Important", "important", "callout-important"),
    **_words("note", "See also", "seealso", "see-also"),
    **_words("note", "Summary", "summary", "abstract", "tldr"),
    **_words("tip", "Tip", "tip", "callout-tip", "success", "check", "done"),
    **_words("warning", "Warning", "warning", "callout-warning", "warn"),
    **_words("warning", "Attention", "attention"),
    **_words("caution", "Caution", "caution", "callout-caution"),
    **_words("caution", "Danger", "danger", "failure", "fail", "bug"),
    **_words("caution", "Error", "error"),
    **_words("challenge", "Challenge", "challenge"),
    **_words("challenge", "Exercise", "exercise", "problem"),
    **_words("solution", "Solution", "solution"),
    **_words("solution", "Answer", "answer"),
    **_words("hint", "Hint", "hint"),
    **_words("discussion", "Discussion", "discussion"),
    **_words("discussion", "Question", "question", "faq", "help"),
    **_words("checklist", "Checklist", "checklist"),
    **_words("testimonial", "Testimonial", "testimonial"),
    **_words("testimonial", "Quote", "quote", "cite", "epigraph"),
    **_words(NEUTRAL, "Show details", "spoiler", collapsed=True),  # Workbench's folded box
    **_words(NEUTRAL, "Details", "dropdown", "details", collapsed=True),
    **_words(NEUTRAL, "", "aside", "admonition", "sidebar", "margin", "topic"),
    **_words(INSTRUCTOR, "Instructor note", "instructor", "instructor-note", "notes"),
    # French.
    **_words("objectives", "Objectifs", "objectifs"),
    **_words("keypoints", "Points clés", "points-clés", "points-cles", "à-retenir"),
    **_words("prereq", "Prérequis", "prérequis", "pré-requis"),
    **_words("challenge", "Défi", "défi"),
    **_words("challenge", "Exercice", "exercice"),
    **_words("hint", "Indice", "indice"),
    **_words("tip", "Astuce", "astuce"),
    **_words("tip", "Conseil", "conseil"),
    **_words("note", "Remarque", "remarque"),
    **_words("note", "Rappel", "rappel"),
    **_words("warning", "Avertissement", "avertissement"),
    **_words("caution", "Mise en garde", "mise-en-garde"),
    **_words("callout", "Exemple", "exemple"),
    **_words("testimonial", "Témoignage", "témoignage"),
    **_words(INSTRUCTOR, "Note pour l'instructeur", "instructeur", "formateur"),
    # Spanish.
    **_words("objectives", "Objetivos", "objetivos"),
    **_words("questions", "Preguntas", "preguntas"),
    **_words("keypoints", "Puntos clave", "puntos-clave"),
    **_words("prereq", "Requisitos previos", "requisitos-previos", "prerrequisitos"),
    **_words("challenge", "Desafío", "desafío"),
    **_words("challenge", "Ejercicio", "ejercicio"),
    **_words("solution", "Solución", "solución"),
    **_words("hint", "Pista", "pista"),
    **_words("note", "Nota", "nota"),
    **_words("tip", "Consejo", "consejo"),
    **_words("warning", "Advertencia", "advertencia"),
    **_words("caution", "Precaución", "precaución"),
    **_words("discussion", "Discusión", "discusión"),
    **_words("callout", "Ejemplo", "ejemplo"),
    **_words("testimonial", "Testimonio", "testimonio"),
    **_words(INSTRUCTOR, "Nota para el instructor", "instructora"),
    # German.
    **_words("objectives", "Lernziele", "lernziele", "ziele"),
    **_words("questions", "Fragen", "fragen"),
    **_words("keypoints", "Kernpunkte", "kernpunkte"),
    **_words("prereq", "Voraussetzungen", "voraussetzungen"),
    **_words("challenge", "Aufgabe", "aufgabe"),
    **_words("challenge", "Übung", "übung"),
    **_words("solution", "Lösung", "lösung"),
    **_words("hint", "Hinweis", "hinweis"),
    **_words("tip", "Tipp", "tipp"),
    **_words("warning", "Warnung", "warnung"),
    **_words("caution", "Vorsicht", "vorsicht"),
    **_words("discussion", "Diskussion", "diskussion"),
    **_words(INSTRUCTOR, "Hinweis für Lehrende", "lehrende"),
    # Portuguese (where it differs from Spanish).
    **_words("questions", "Perguntas", "perguntas"),
    **_words("keypoints", "Pontos-chave", "pontos-chave"),
    **_words("challenge", "Exercício", "exercício"),
    **_words("solution", "Solução", "solução"),
    **_words("tip", "Dica", "dica"),
}

LAYOUT_CLASSES = frozenset({
    "columns", "column", "cell", "cell-output", "cell-output-display", "cell-output-stdout",
    "content-visible", "content-hidden", "incremental", "nonincremental", "fragment", "r-stack",
    "center", "panel-tabset", "column-margin", "column-page", "column-screen",
    "column-body-outset", "smaller", "tab-set", "tab-item", "grid", "grid-item", "div",
})  # fmt: skip
"""Layout containers (Quarto, reveal.js, sphinx-design): a plain ``<div>``, not a box."""


def _fold(word: str) -> str:
    # "Défi", "DEFI" and "defi" are one word to authors who type without accents.
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDED: dict[str, AsideWord] = {}
for _word, _meaning in _TABLE.items():
    _FOLDED.setdefault(_fold(_word), _meaning)


def lookup(word: str) -> AsideWord | None:
    """The meaning of one class word (any case, with or without accents), or None."""
    lowered = word.lower()
    return _TABLE.get(lowered) or _FOLDED.get(_fold(lowered))


@dataclass(frozen=True)
class AsideLook:
    """How one aside is shown: its canonical kind, title, and whether it folds."""

    kind: str
    title: str | None
    """None: no title line (a neutral aside the author gave no title)."""
    folded: bool = False
    """A ``<details>`` element rather than a ``<div>``."""
    starts_open: bool = False
    """Folded but shown open at first (Quarto ``collapse="false"``)."""


def resolve(
    classes: Iterable[str], *, title: str | None = None, collapse: bool | None = None
) -> AsideLook:
    """Decide kind, title and folding for an aside from the author's class words.

    Args:
        classes: The class words in the author's order; the first known one decides.
        title: The author's own title; None means "use the kind's default title".
        collapse: Quarto's ``collapse`` attribute: True folded, False folded but open,
            None the kind's default.
    """
    meaning = next((m for m in map(lookup, classes) if m is not None), None)
    kind = meaning.kind if meaning else NEUTRAL
    if title is None:
        title = meaning.title if meaning and meaning.title else None
    folded = collapse is not None or kind in COLLAPSED_KINDS or bool(meaning and meaning.collapsed)
    return AsideLook(kind=kind, title=title, folded=folded, starts_open=collapse is False)


def is_layout(classes: Iterable[str]) -> bool:
    """True when the first class word is a layout container (and no aside word comes first)."""
    for word in classes:
        if lookup(word) is not None:
            return False
        if word.lower() in LAYOUT_CLASSES or word.lower().startswith(("column-", "layout-")):
            return True
    return False
