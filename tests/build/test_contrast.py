"""The site's colours meet WCAG 2.2 AA contrast, in the light and in the dark scheme."""

from __future__ import annotations

import re

import pytest

from moocstudio.resources import template_path

AA_TEXT = 4.5  # normal-size text (WCAG 2.2, 1.4.3)
AA_NON_TEXT = 3.0  # focus indicators and control boundaries (1.4.11)

# (foreground, background, minimum ratio) as custom-property names in site.css.
PAIRS = [
    ("fg", "bg", AA_TEXT),
    ("muted", "bg", AA_TEXT),
    ("link", "bg", AA_TEXT),
    ("fg", "panel", AA_TEXT),
    ("muted", "panel", AA_TEXT),
    ("link", "panel", AA_TEXT),
    ("button-fg", "button-bg", AA_TEXT),
    ("focus", "bg", AA_NON_TEXT),
    ("focus", "panel", AA_NON_TEXT),
]
ASIDE_TONES = ("goal", "info", "tip", "warning", "exercise")
# Inside an aside of each tone: its text, links, captions and its title (in the tone's colour,
# also the marker of a solution's summary) on its background; the focus ring there; and the
# tone's border against the page.
PAIRS += [
    pair
    for tone in ASIDE_TONES
    for pair in (
        ("fg", f"{tone}-bg", AA_TEXT),
        ("link", f"{tone}-bg", AA_TEXT),
        ("muted", f"{tone}-bg", AA_TEXT),
        (tone, f"{tone}-bg", AA_TEXT),
        ("focus", f"{tone}-bg", AA_NON_TEXT),
        (tone, "bg", AA_NON_TEXT),
    )
]


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.2 definition)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_function_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def _schemes() -> dict[str, dict[str, str]]:
    css = template_path("site", "assets", "site.css").read_text(encoding="utf-8")
    light_block, _, dark_part = css.partition("@media (prefers-color-scheme: dark)")
    schemes = {}
    for name, block in (("light", light_block), ("dark", dark_part.split("}")[0])):
        schemes[name] = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))
    return schemes


def test_every_aside_tone_has_a_colour_in_both_schemes_and_a_rule() -> None:
    css = template_path("site", "assets", "site.css").read_text(encoding="utf-8")
    for scheme, colours in _schemes().items():
        for tone in ASIDE_TONES:
            assert {tone, f"{tone}-bg"} <= colours.keys(), (scheme, tone)
    for tone in ASIDE_TONES:
        assert f"--tone-bg: var(--{tone}-bg)" in css, tone


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_pairs_meet_aa(scheme: str) -> None:
    colours = _schemes()[scheme]
    assert {name for pair in PAIRS for name in pair[:2]} <= colours.keys()
    for fg, bg, minimum in PAIRS:
        ratio = contrast(colours[fg], colours[bg])
        assert ratio >= minimum, f"{scheme}: --{fg} on --{bg} is {ratio:.2f}:1"
