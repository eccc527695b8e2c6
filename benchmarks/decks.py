"""The slide the benchmarks fill decks with: a French title and five bullets with accents."""

from __future__ import annotations

from typing import Any

TITLE_AND_CONTENT = 1  # python-pptx's default template


def add_bullet_slide(deck: Any, number: int) -> Any:
    """Append slide ``number`` to a python-pptx ``deck``: title, five bullets; return it."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = f"Diapositive {number} : l'accès ouvert à la recherche"
    frame = slide.placeholders[1].text_frame
    frame.text = "Premier point à retenir, avec des accents : é, è, à, ç, œ"
    for point in range(2, 6):
        frame.add_paragraph().text = f"Point {point} : « les données » sont réutilisables"
    return slide
