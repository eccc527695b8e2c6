"""Quiz text (stems, choices, feedback) rendered like a page: sanitized HTML, images copied."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.importers.pages import render_markdown, sanitize_html
from moocstudio.model import Asset, RichText
from moocstudio.model.questions import TextFormat


@dataclass
class RenderedText:
    """A piece of quiz text, the images copied for it and what went wrong on the way."""

    text: RichText
    images: list[Asset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def render_rich_text(
    source: str,
    text_format: TextFormat = "markdown",
    *,
    folder: Path,
    base_file: Path,
    known_images: Sequence[Asset] = (),
    root: Path | None = None,
) -> RenderedText:
    """Render one piece of quiz text for learners.

    A single paragraph loses its ``<p>`` so a short answer reads inline in a label.

    Args:
        source: What the author wrote.
        text_format: ``markdown`` (images copied as in a page), ``html`` (sanitized; images it
            names are dropped, as an imported file's markup is never trusted to point at files)
            or ``plain`` (escaped).
        folder: The course folder.
        base_file: The file the text came from; relative image paths start from its folder.
        known_images: Images the quiz already holds (when it is edited in the app).
        root: The lesson's top folder, as for a page (``render_markdown``); found from
            ``base_file`` when not given.
    """
    if text_format == "plain":
        escaped = html.escape(source.strip(), quote=False).replace("\n", "<br>")
        return RenderedText(RichText(source=source, format="plain", html=escaped))
    if text_format == "html":
        cleaned = sanitize_html(source.strip(), attribute_filter=_drop_image_sources)
        return RenderedText(RichText(source=source, format="html", html=_unwrap(cleaned)))
    rendered = render_markdown(
        source, folder=folder, page_file=base_file, known_images=known_images, root=root
    )
    text = RichText(source=source, format="markdown", html=_unwrap(rendered.html.strip()))
    return RenderedText(text, rendered.images, rendered.warnings)


def _unwrap(fragment: str) -> str:
    if fragment.startswith("<p>") and fragment.endswith("</p>") and fragment.count("<p>") == 1:
        return fragment[3:-4]
    return fragment


def _drop_image_sources(tag: str, attribute: str, value: str) -> str | None:
    return None if tag == "img" and attribute == "src" else value
