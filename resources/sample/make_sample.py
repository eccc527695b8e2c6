#!/usr/bin/env python3
"""Regenerate the CC0 sample course shipped in ``resources/sample/``.

The sample is a tiny bilingual (French primary, English) course,
« Introduction à l'accès ouvert / Introduction to Open Access ». Running::

    python resources/sample/make_sample.py

rewrites every file of this directory except this script and ``README.md``:

* ``open-access.png`` and ``images/*.png``: drawings made with Pillow;
* ``slides.pptx``: a 16:9 deck built with python-pptx;
* ``page-licences.md`` and ``page-formats.md``: two Markdown pages;
* ``lecture.mp4`` and ``lecture.txt``: a narrated video (espeak-ng voice,
  encoded with the ffmpeg binary shipped by imageio-ffmpeg) and its transcript.

Outputs are deterministic where practical: fixed dates in the PPTX metadata and
ZIP entries, no encoder or creation-time tags in the MP4, single-threaded x264.
Byte-identical video output still depends on the espeak-ng and ffmpeg versions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import wave
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Pt

HERE = Path(__file__).resolve().parent

FIXED_DATE = dt.datetime(2024, 1, 1, 12, 0, 0)
ZIP_DATE = (2024, 1, 1, 12, 0, 0)

# Palette (RGB tuples for Pillow, RGBColor for python-pptx).
NAVY = (31, 58, 95)
ORANGE = (246, 130, 18)
GREEN = (46, 125, 50)
GOLD = (191, 144, 0)
CREAM = (250, 247, 242)
GREY = (110, 110, 110)
WHITE = (255, 255, 255)

COURSE_TITLE_FR = "Introduction à l'accès ouvert"
COURSE_TITLE_EN = "Introduction to Open Access"

VIDEO_SIZE = (1280, 720)  # 720p, so the demo shows the whole 360p/540p/720p ladder
VIDEO_SCALE = VIDEO_SIZE[0] / 640  # the frame layout is drawn in 640-wide units
FPS = 30
LEAD_IN_S = 0.4
GAP_S = 1.0
TAIL_S = 0.6
ESPEAK_VOICE = "fr"
ESPEAK_SPEED = 155  # words per minute

LECTURE_SENTENCES: tuple[str, ...] = (
    "Bienvenue dans ce cours d'introduction à l'accès ouvert.",
    "L'accès ouvert rend les publications scientifiques gratuites pour tous les lecteurs.",
    "Il existe deux voies principales, la voie verte et la voie dorée.",
    "La voie verte consiste à déposer une copie de l'article dans une archive ouverte.",
    "Les licences Creative Commons précisent ce que chacun peut faire d'une œuvre.",
    "Merci de votre attention, et à très bientôt !",
)

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
FONT_FILES: dict[bool, tuple[str, ...]] = {
    False: ("DejaVuSans.ttf", "Arial.ttf", "arial.ttf"),
    True: ("DejaVuSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"),
}


class SampleBuildError(RuntimeError):
    """Raised when a required external tool is missing or fails."""


# --------------------------------------------------------------------------- helpers


def load_font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Return a TrueType font with good Latin-1 coverage, or Pillow's default font.

    Args:
        size: Font size in pixels.
        bold: Whether to prefer a bold face.

    Returns:
        A Pillow font object.
    """
    for folder in FONT_DIRS:
        for name in FONT_FILES[bold]:
            candidate = folder / name
            if candidate.is_file():
                return ImageFont.truetype(str(candidate), size)
    return ImageFont.load_default(size=size)


def wrap_text(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    max_width: int,
) -> list[str]:
    """Greedily wrap ``text`` so that each line fits in ``max_width`` pixels.

    Args:
        draw: Drawing context used to measure text.
        text: Text to wrap.
        font: Font used for measuring.
        max_width: Maximum line width in pixels.

    Returns:
        The wrapped lines.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        attempt = f"{current} {word}".strip()
        if current and draw.textlength(attempt, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = attempt
    if current:
        lines.append(current)
    return lines


def run_tool(args: Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
    """Run an external program and raise a readable error when it fails.

    Args:
        args: Program and arguments (never interpreted by a shell).

    Returns:
        The completed process, with captured text output.

    Raises:
        SampleBuildError: If the program exits with a non-zero status.
    """
    argv = [str(arg) for arg in args]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise SampleBuildError(f"command failed ({proc.returncode}): {argv[0]}\n{tail}")
    return proc


def find_espeak() -> str:
    """Locate the espeak-ng executable.

    Returns:
        Path of the espeak-ng program.

    Raises:
        SampleBuildError: If espeak-ng is not installed.
    """
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise SampleBuildError("espeak-ng not found: install espeak-ng: apt-get install espeak-ng")
    return exe


def find_ffmpeg() -> str:
    """Locate the ffmpeg binary shipped with imageio-ffmpeg.

    Returns:
        Path of the ffmpeg program.

    Raises:
        SampleBuildError: If imageio-ffmpeg is unavailable.
    """
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise SampleBuildError("imageio-ffmpeg is required: pip install imageio-ffmpeg") from exc
    return str(imageio_ffmpeg.get_ffmpeg_exe())


# --------------------------------------------------------------------------- images


def draw_padlock(path: Path, size: int = 256) -> None:
    """Draw an orange open padlock, the usual Open Access symbol, as a transparent PNG.

    Args:
        path: Destination PNG file.
        size: Output width and height in pixels.
    """
    scale = 4
    big = 256 * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    def s(value: float) -> int:
        return round(value * scale)

    stroke = s(26)
    # Shackle: left leg enters the body, right leg stays raised (open lock).
    draw.arc((s(70), s(18), s(186), s(134)), start=180, end=360, fill=ORANGE, width=stroke)
    draw.rectangle((s(70), s(75), s(70) + stroke, s(140)), fill=ORANGE)
    draw.rectangle((s(186) - stroke, s(75), s(186), s(96)), fill=ORANGE)
    # Body with a ring, as in the Public Library of Science design.
    draw.rounded_rectangle((s(48), s(118), s(208), s(246)), radius=s(26), fill=ORANGE)
    draw.ellipse((s(93), s(147), s(163), s(217)), fill=WHITE)
    draw.ellipse((s(113), s(167), s(143), s(197)), fill=ORANGE)
    img.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)


def draw_boxes_diagram(
    path: Path,
    labels: Sequence[tuple[str, str]],
    colours: Sequence[tuple[int, int, int]],
    caption: str,
) -> None:
    """Draw a left-to-right diagram of labelled boxes joined by arrows.

    Args:
        path: Destination PNG file.
        labels: ``(title, subtitle)`` pairs, one per box.
        colours: Fill colour of each box.
        caption: Line of text drawn under the boxes.
    """
    width, height = 900, 300
    img = Image.new("RGB", (width, height), CREAM)
    draw = ImageDraw.Draw(img)
    title_font = load_font(26, bold=True)
    sub_font = load_font(18)
    caption_font = load_font(18)
    count = len(labels)
    margin, arrow = 30, 60
    box_w = (width - 2 * margin - (count - 1) * arrow) // count
    top, bottom = 50, 200
    for index, ((title, subtitle), colour) in enumerate(zip(labels, colours, strict=True)):
        left = margin + index * (box_w + arrow)
        draw.rounded_rectangle((left, top, left + box_w, bottom), radius=18, fill=colour)
        centre = left + box_w // 2
        draw.text((centre, 105), title, font=title_font, fill=WHITE, anchor="mm")
        for line_no, line in enumerate(wrap_text(draw, subtitle, sub_font, box_w - 20)):
            draw.text((centre, 145 + 24 * line_no), line, font=sub_font, fill=WHITE, anchor="mm")
        if index < count - 1:
            x0, x1, y = left + box_w + 8, left + box_w + arrow - 8, (top + bottom) // 2
            draw.line((x0, y, x1 - 10, y), fill=NAVY, width=6)
            draw.polygon(((x1, y), (x1 - 16, y - 12), (x1 - 16, y + 12)), fill=NAVY)
    draw.text((width // 2, 250), caption, font=caption_font, fill=GREY, anchor="mm")
    img.save(path, optimize=True)


def draw_images(out_dir: Path) -> dict[str, Path]:
    """Draw every PNG used by the slides and the Markdown pages.

    Args:
        out_dir: The sample directory.

    Returns:
        Mapping of a short key to the written PNG path.
    """
    images_dir = out_dir / "images"
    images_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "padlock": out_dir / "open-access.png",
        "workflow": images_dir / "cycle-depot.png",
        "spectrum": images_dir / "spectre-licences.png",
    }
    draw_padlock(paths["padlock"])
    draw_boxes_diagram(
        paths["workflow"],
        [
            ("Manuscrit", "version acceptée de l'auteur"),
            ("Archive", "dépôt dans HAL, arXiv ou Zenodo"),
            ("Lecteurs", "accès libre et gratuit"),
        ],
        [NAVY, ORANGE, GREEN],
        "Voie verte : du manuscrit au lecteur (Green Open Access)",
    )
    draw_boxes_diagram(
        paths["spectrum"],
        [
            ("CC0", "domaine public, aucune condition"),
            ("CC BY", "citer l'auteur"),
            ("CC BY-SA", "citer et partager à l'identique"),
        ],
        [GREEN, GOLD, NAVY],
        "De la plus permissive à la plus exigeante (most to least permissive)",
    )
    return paths


# --------------------------------------------------------------------------- slides


def _rgb(colour: tuple[int, int, int]) -> RGBColor:
    return RGBColor(*colour)


def _place(shape: BaseShape, left: float, top: float, width: float, height: float) -> None:
    """Position a shape, in inches."""
    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def _decorate(slide: Slide, footer: bool = True) -> None:
    """Add the orange accent bar and the footer shared by content slides."""
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.22), Inches(7.5))
    bar.name = "Accent"
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(ORANGE)
    bar.line.fill.background()
    if footer:
        box = slide.shapes.add_textbox(Inches(0.7), Inches(6.9), Inches(11.9), Inches(0.4))
        box.name = "Footer"
        para = box.text_frame.paragraphs[0]
        para.text = f"{COURSE_TITLE_FR} · {COURSE_TITLE_EN} · CC0-1.0"
        _style(para, 12, colour=GREY)


def _style(
    para: _Paragraph,
    size: float,
    *,
    colour: tuple[int, int, int] = NAVY,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Apply character formatting to every run of a paragraph.

    Run-level properties are used rather than ``paragraph.font`` (the paragraph's default
    run properties), which some renderers ignore inside tables.
    """
    for run in para.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.color.rgb = _rgb(colour)


def _set_title(slide: Slide, text: str) -> None:
    title = slide.shapes.title
    assert title is not None
    _place(title, 0.7, 0.35, 11.9, 1.1)
    title.text_frame.text = text
    para = title.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    _style(para, 32, bold=True)


def _set_notes(slide: Slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _add_paragraphs(
    frame: TextFrame, items: Sequence[tuple[int, str]], sizes: tuple[int, int] = (24, 18)
) -> None:
    """Fill a text frame with ``(level, text)`` paragraphs; level 1 is English, in italics."""
    for index, (level, text) in enumerate(items):
        para = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        para.text = text
        para.level = level
        _style(para, sizes[level], colour=NAVY if level == 0 else GREY, italic=level == 1)
        para.space_after = Pt(6 if level == 0 else 14)


def add_title_slide(prs: PresentationType) -> None:
    """Slide 1: title slide on a navy background."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(NAVY)
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(title, 0.9, 2.0, 11.5, 1.8)
    title.text_frame.text = COURSE_TITLE_FR
    para = title.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    _style(para, 48, colour=WHITE, bold=True)
    _place(subtitle, 0.9, 3.9, 11.5, 1.4)
    subtitle.text_frame.text = COURSE_TITLE_EN
    subtitle.text_frame.add_paragraph().text = "Module 1 — cours d'exemple · sample course (CC0)"
    for index, para in enumerate(subtitle.text_frame.paragraphs):
        para.alignment = PP_ALIGN.LEFT
        _style(para, 28 if index == 0 else 18, colour=ORANGE if index == 0 else WHITE)
    band = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(0.9), Inches(3.8), Inches(2.5), Inches(0.08)
    )
    band.name = "Underline"
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(ORANGE)
    band.line.fill.background()
    _set_notes(
        slide,
        "Bienvenue ! Présenter le cours en deux phrases : ce qu'est l'accès ouvert, "
        "et pourquoi il concerne aussi les enseignants.\n"
        "Welcome the learners and state the goal of the module.",
    )


def add_definition_slide(prs: PresentationType) -> None:
    """Slide 2: bulleted definition, French with English translations."""
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    _decorate(slide)
    _set_title(slide, "Qu'est-ce que l'accès ouvert ? / What is Open Access?")
    body = slide.placeholders[1]
    _place(body, 0.7, 1.6, 11.9, 5.2)
    _add_paragraphs(
        body.text_frame,
        [
            (
                0,
                "« L'accès ouvert » : la diffusion gratuite et immédiate des résultats de la "
                "recherche, sans barrière financière.",
            ),
            (1, "Open Access: free, immediate online access to research outputs."),
            (
                0,
                "Les lecteurs peuvent lire, télécharger, copier et réutiliser les textes, "
                "à condition de citer leurs auteurs.",
            ),
            (1, "Readers may read, download, copy and reuse, with attribution."),
            (
                0,
                "Depuis la déclaration de Budapest (2002), le mouvement s'étend aux œuvres "
                "pédagogiques : ça concerne donc aussi vos cours, même ceux de l'été !",
            ),
            (1, "Since the Budapest declaration (2002), it also covers teaching materials."),
        ],
    )
    _set_notes(
        slide,
        "Insister sur les deux barrières levées : le prix (abonnements, péages) et les "
        "permissions (droit de réutiliser).\n"
        "Price barriers and permission barriers — both must be removed.",
    )


def add_picture_slide(prs: PresentationType, image: Path) -> None:
    """Slide 3: the open padlock picture with alt text and a caption."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _decorate(slide)
    _set_title(slide, "Le cadenas ouvert / The open padlock")
    pic = slide.shapes.add_picture(str(image), Inches(1.2), Inches(1.8), height=Inches(4.6))
    pic.name = "Open Access logo"
    pic._element.nvPicPr.cNvPr.set(
        "descr",
        "Cadenas orange ouvert, symbole de l'accès ouvert / "
        "Orange open padlock, the Open Access symbol",
    )
    box = slide.shapes.add_textbox(Inches(6.4), Inches(1.8), Inches(6.2), Inches(4.6))
    box.name = "Caption"
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _add_paragraphs(
        frame,
        [
            (0, "Ce cadenas ouvert signale un contenu librement accessible."),
            (1, "This open padlock marks freely accessible content."),
            (0, "On le voit sur les plateformes et à côté des références bibliographiques."),
            (1, "It appears on platforms and next to references."),
        ],
    )
    _set_notes(
        slide,
        "Montrer le logo et demander aux participants où ils l'ont déjà vu.\n"
        "Ask learners where they have seen this logo before.",
    )


def add_table_slide(prs: PresentationType) -> None:
    """Slide 4: a table comparing three Creative Commons licences."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _decorate(slide)
    _set_title(slide, "Trois licences ouvertes / Three open licences")
    rows = [
        ("Licence", "Ce qui est permis", "What it allows"),
        (
            "CC BY",
            "Réutiliser, modifier et diffuser, même à des fins commerciales, en citant l'auteur.",
            "Reuse, adapt and share, even commercially, with attribution.",
        ),
        (
            "CC BY-SA",
            "Idem, mais les œuvres dérivées doivent être partagées sous la même licence.",
            "The same, but derivatives must be shared alike.",
        ),
        (
            "CC0",
            "Aucune condition : l'œuvre est versée dans le domaine public.",
            "No conditions: a public-domain dedication.",
        ),
    ]
    shape = slide.shapes.add_table(
        len(rows), 3, Inches(0.7), Inches(1.7), Inches(11.9), Inches(4.6)
    )
    shape.name = "Licences"
    table = shape.table
    for col, width in enumerate((2.0, 5.3, 4.6)):
        table.columns[col].width = Inches(width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            para = cell.text_frame.paragraphs[0]
            _style(
                para,
                20 if r == 0 else 17,
                colour=WHITE if r == 0 else NAVY,
                bold=r == 0 or c == 0,
                italic=r > 0 and c == 2,
            )
            cell.fill.solid()
            if r == 0:
                cell.fill.fore_color.rgb = _rgb(NAVY)
            else:
                cell.fill.fore_color.rgb = _rgb(CREAM if r % 2 else (236, 231, 222))
    _set_notes(
        slide,
        "Lire le tableau ligne par ligne ; préciser que CC0 n'est pas à proprement parler "
        "une licence mais une renonciation aux droits.\n"
        "CC0 is technically a waiver, not a licence.",
    )


def add_group_slide(prs: PresentationType) -> None:
    """Slide 5: a group shape holding two text boxes; this slide has no speaker notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _decorate(slide)
    _set_title(slide, "Deux voies vers l'accès ouvert / Two routes")
    group = slide.shapes.add_group_shape()
    group.name = "Deux voies"
    boxes = [
        (
            0.9,
            GREEN,
            "Voie verte — Green OA",
            "L'auteur dépose une copie de son article dans une archive ouverte (HAL, arXiv…).",
        ),
        (
            6.9,
            GOLD,
            "Voie dorée — Gold OA",
            "L'article est publié directement dans une revue en accès ouvert.",
        ),
    ]
    for left, colour, heading, text in boxes:
        box = group.shapes.add_textbox(Inches(left), Inches(2.0), Inches(5.5), Inches(3.8))
        box.name = heading.split(" — ")[0]
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(colour)
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = Inches(0.35)
        frame.text = heading
        frame.add_paragraph().text = text
        for index, para in enumerate(frame.paragraphs):
            para.alignment = PP_ALIGN.CENTER
            _style(para, 28 if index == 0 else 20, colour=WHITE, bold=index == 0)
            para.space_after = Pt(12)


def add_closing_slide(prs: PresentationType) -> None:
    """Slide 6: blank layout (no title placeholder) with a single text box."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _decorate(slide, footer=False)
    box = slide.shapes.add_textbox(Inches(1.0), Inches(1.5), Inches(11.3), Inches(4.5))
    box.name = "Closing"
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.text = "Merci ! / Thank you!"
    frame.add_paragraph().text = (
        "Ce cours d'exemple est placé dans le domaine public (CC0-1.0) : "
        "copiez-le, adaptez-le, partagez-le."
    )
    frame.add_paragraph().text = "This sample course is in the public domain (CC0-1.0)."
    styles = ((54, True, False, NAVY), (22, False, False, NAVY), (20, False, True, GREY))
    for para, (size, bold, italic, colour) in zip(frame.paragraphs, styles, strict=True):
        para.alignment = PP_ALIGN.CENTER
        _style(para, size, colour=colour, bold=bold, italic=italic)
        para.space_after = Pt(18)
    _set_notes(
        slide,
        "Remercier les participants et annoncer le quiz de fin de module.\n"
        "Thank the learners and announce the end-of-module quiz.",
    )


def normalise_zip(path: Path) -> None:
    """Rewrite a ZIP-based file with fixed entry timestamps so rebuilds are byte-identical.

    Args:
        path: The ``.pptx`` file to rewrite in place.
    """
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data, compresslevel=9)
    path.write_bytes(buffer.getvalue())


def build_slides(path: Path, image: Path) -> int:
    """Build the 16:9 sample deck.

    Args:
        path: Destination ``.pptx`` file.
        image: PNG inserted on the picture slide.

    Returns:
        Number of slides written.
    """
    prs = Presentation()
    prs.slide_width = Emu(12_192_000)  # 13.333 in, the standard 16:9 width
    prs.slide_height = Inches(7.5)
    add_title_slide(prs)
    add_definition_slide(prs)
    add_picture_slide(prs, image)
    add_table_slide(prs)
    add_group_slide(prs)
    add_closing_slide(prs)

    props = prs.core_properties
    props.title = f"{COURSE_TITLE_FR} / {COURSE_TITLE_EN}"
    props.subject = "Cours d'exemple moocstudio / moocstudio sample course"
    props.author = "moocstudio"
    props.last_modified_by = "moocstudio"
    props.keywords = "accès ouvert; open access; Creative Commons; CC0"
    props.comments = "CC0-1.0 — generated by resources/sample/make_sample.py"
    props.language = "fr-FR"
    props.category = "sample"
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    prs.save(str(path))
    normalise_zip(path)
    return len(prs.slides)


# --------------------------------------------------------------------------- pages

PAGE_LICENCES = """\
# Les licences ouvertes

Publier en accès ouvert ne suffit pas : il faut aussi dire **ce que les lecteurs ont le droit
de faire** du contenu. C'est le rôle des licences *Creative Commons* (CC), utilisées par la
plupart des archives ouvertes et des plateformes de MOOC.

## Comparer les licences

| Licence  | Citer l'auteur | Usage commercial | Modifier | Partage à l'identique |
|----------|:--------------:|:----------------:|:--------:|:---------------------:|
| CC0      | non            | oui              | oui      | non                   |
| CC BY    | oui            | oui              | oui      | non                   |
| CC BY-SA | oui            | oui              | oui      | oui                   |
| CC BY-NC | oui            | non              | oui      | non                   |

![Les licences, de la plus permissive à la plus exigeante](images/spectre-licences.png)

!!! note "À retenir"
    CC0 n'est pas vraiment une licence : c'est une renonciation (*waiver*) par laquelle
    l'auteur verse son œuvre dans le domaine public. Ce cours d'exemple est lui-même
    publié sous CC0-1.0.

## Choisir une licence

1. Voulez-vous être cité ? Choisissez au minimum **CC BY**.
2. Voulez-vous que les œuvres dérivées restent libres ? Préférez **CC BY-SA**.
3. Voulez-vous lever toute condition ? Optez pour **CC0**.

En cas de doute, la bibliothèque de votre établissement peut vous aider à choisir.
"""

PAGE_FORMATS = """\
# Formats et métadonnées

Un cours en accès ouvert doit pouvoir être lu partout : sur un ordinateur, sur le
téléphone des apprenants, et encore dans vingt ans après son dépôt en archive ouverte
(la « voie verte », *Green Open Access*). Deux règles simples : des **formats ouverts**,
lisibles sur mobile, et des **métadonnées** complètes.

![Du manuscrit au lecteur : le cycle de dépôt](images/cycle-depot.png)

## Formats recommandés

- Texte : HTML ou EPUB, qui s'adaptent à la taille de l'écran ; PDF/A pour l'archivage.
- Vidéos : MP4 (H.264 et AAC), lu par tous les téléphones, avec sous-titres WebVTT.
- Images : PNG ou SVG, légères et nettes sur les petits écrans.
- Données : CSV ou JSON plutôt qu'un tableur propriétaire.

## Décrire le document

Les archives ouvertes échangent leurs notices au format *Dublin Core* via le protocole
OAI-PMH. Voici une notice minimale, à adapter :

```xml
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title xml:lang="fr">Introduction à l'accès ouvert</dc:title>
  <dc:title xml:lang="en">Introduction to Open Access</dc:title>
  <dc:creator>Équipe moocstudio</dc:creator>
  <dc:rights>https://creativecommons.org/publicdomain/zero/1.0/</dc:rights>
  <dc:language>fr</dc:language>
</oai_dc:dc>
```

Pensez enfin à indiquer la licence dans le document lui-même, pas seulement dans la notice.
"""


def write_pages(out_dir: Path) -> list[Path]:
    """Write the two Markdown pages.

    Args:
        out_dir: The sample directory.

    Returns:
        The written files.
    """
    pages = {"page-licences.md": PAGE_LICENCES, "page-formats.md": PAGE_FORMATS}
    written = []
    for name, text in pages.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


# --------------------------------------------------------------------------- video


@dataclass(frozen=True)
class Narration:
    """A concatenated narration track.

    Attributes:
        wav: Path of the mono 16-bit WAV file.
        duration: Total duration in seconds.
        starts: Start time of each sentence, in seconds.
        ends: End time of each sentence, in seconds.
    """

    wav: Path
    duration: float
    starts: tuple[float, ...]
    ends: tuple[float, ...]


def synthesise_narration(sentences: Sequence[str], work: Path) -> Narration:
    """Speak each sentence with espeak-ng and join them with silent gaps.

    Args:
        sentences: Sentences to speak, in order.
        work: Scratch directory.

    Returns:
        The joined narration and its sentence timings.

    Raises:
        SampleBuildError: If espeak-ng is missing or produces inconsistent audio.
    """
    espeak = find_espeak()
    params: tuple[int, int, int] | None = None
    clips: list[bytes] = []
    for index, sentence in enumerate(sentences):
        clip = work / f"sentence-{index:02d}.wav"
        run_tool([espeak, "-v", ESPEAK_VOICE, "-s", str(ESPEAK_SPEED), "-w", clip, sentence])
        with wave.open(str(clip), "rb") as reader:
            current = (reader.getnchannels(), reader.getsampwidth(), reader.getframerate())
            if params is not None and current != params:
                raise SampleBuildError(f"espeak-ng produced mismatched WAV formats: {current}")
            params = current
            clips.append(reader.readframes(reader.getnframes()))
    assert params is not None
    channels, width, rate = params
    frame_bytes = channels * width

    def silence(seconds: float) -> bytes:
        return b"\x00" * (round(seconds * rate) * frame_bytes)

    pcm = bytearray(silence(LEAD_IN_S))
    starts: list[float] = []
    ends: list[float] = []
    for index, clip_pcm in enumerate(clips):
        if index:
            pcm += silence(GAP_S)
        starts.append(len(pcm) / frame_bytes / rate)
        pcm += clip_pcm
        ends.append(len(pcm) / frame_bytes / rate)
    pcm += silence(TAIL_S)

    out = work / "narration.wav"
    with wave.open(str(out), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(bytes(pcm))
    return Narration(out, len(pcm) / frame_bytes / rate, tuple(starts), tuple(ends))


def draw_video_frame(path: Path, sentence: str, index: int, total: int, logo: Path) -> None:
    """Draw one slide-like still used as video background while a sentence is spoken.

    Args:
        path: Destination PNG file.
        sentence: Sentence displayed as a caption.
        index: Zero-based sentence number.
        total: Number of sentences.
        logo: Padlock PNG pasted in the header.
    """
    width, height = VIDEO_SIZE

    def u(value: float) -> int:
        return round(value * VIDEO_SCALE)

    img = Image.new("RGB", VIDEO_SIZE, CREAM)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width, u(64)), fill=NAVY)
    title_font = load_font(u(26), bold=True)
    draw.text((u(24), u(32)), COURSE_TITLE_FR, font=title_font, fill=WHITE, anchor="lm")
    icon = Image.open(logo).convert("RGBA").resize((u(44), u(44)), Image.Resampling.LANCZOS)
    img.paste(icon, (width - u(64), u(10)), icon)
    draw.text((u(24), u(88)), COURSE_TITLE_EN, font=load_font(u(18)), fill=GREY, anchor="lm")

    font = load_font(u(28), bold=True)
    lines = wrap_text(draw, sentence, font, width - u(96))
    line_height = u(40)
    top = u(205) - line_height * len(lines) // 2
    for line_no, line in enumerate(lines):
        y = top + line_no * line_height + line_height // 2
        draw.text((width // 2, y), line, font=font, fill=NAVY, anchor="mm")

    draw.rectangle((0, height - u(36), width, height), fill=(236, 231, 222))
    progress = (0, height - u(40), round(width * (index + 1) / total), height - u(36))
    draw.rectangle(progress, fill=ORANGE)
    small = load_font(u(15))
    draw.text((u(24), height - u(18)), f"{index + 1} / {total}", font=small, fill=GREY, anchor="lm")
    draw.text(
        (width - u(24), height - u(18)),
        "Cours d'exemple · CC0-1.0",
        font=small,
        fill=GREY,
        anchor="rm",
    )
    img.save(path, optimize=True)


def build_video(out_dir: Path, logo: Path) -> tuple[Path, Path]:
    """Build ``lecture.mp4`` and ``lecture.txt``.

    Args:
        out_dir: The sample directory.
        logo: Padlock PNG shown in the video header.

    Returns:
        Paths of the video and of the transcript.
    """
    ffmpeg = find_ffmpeg()
    find_espeak()  # fail early with a clear message
    video = out_dir / "lecture.mp4"
    transcript = out_dir / "lecture.txt"
    with tempfile.TemporaryDirectory(prefix="moocstudio-sample-") as tmp:
        work = Path(tmp)
        narration = synthesise_narration(LECTURE_SENTENCES, work)
        total_frames = round(narration.duration * FPS)
        # Each still runs from the middle of the previous gap to the middle of the next one.
        cuts = [0]
        for start in narration.starts[1:]:
            cuts.append(round((start - GAP_S / 2) * FPS))
        cuts.append(total_frames)

        args: list[str | Path] = [ffmpeg, "-hide_banner", "-nostdin", "-y"]
        count = len(LECTURE_SENTENCES)
        for index, sentence in enumerate(LECTURE_SENTENCES):
            still = work / f"frame-{index:02d}.png"
            draw_video_frame(still, sentence, index, count, logo)
            seconds = (cuts[index + 1] - cuts[index]) / FPS
            args += ["-loop", "1", "-framerate", str(FPS), "-t", f"{seconds:.6f}", "-i", still]
        args += ["-i", narration.wav]
        inputs = "".join(f"[{i}:v]" for i in range(count))
        args += [
            "-filter_complex",
            f"{inputs}concat=n={count}:v=1:a=0,format=yuv420p[v]",
            "-map", "[v]",
            "-map", f"{count}:a",
            "-c:v", "libx264", "-preset", "slow", "-crf", "30", "-tune", "stillimage",
            "-pix_fmt", "yuv420p", "-r", str(FPS), "-threads", "1",
            "-c:a", "aac", "-b:a", "64k", "-ac", "1", "-ar", "44100",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-movflags", "+faststart",
            video,
        ]  # fmt: skip
        run_tool(args)
    transcript.write_text("\n".join(LECTURE_SENTENCES) + "\n", encoding="utf-8", newline="\n")
    return video, transcript


def analyse_video(video: Path) -> tuple[float, list[tuple[float, float]]]:
    """Measure the video duration and its silent intervals with ffmpeg ``silencedetect``.

    Args:
        video: The MP4 file to analyse.

    Returns:
        The duration in seconds and a list of ``(start, end)`` silences.
    """
    proc = run_tool(
        [
            find_ffmpeg(), "-hide_banner", "-nostdin", "-i", video,
            "-af", "silencedetect=noise=-30dB:d=0.5", "-f", "null", "-",
        ]
    )  # fmt: skip
    log = proc.stderr
    match = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", log)
    duration = 0.0
    if match:
        hours, minutes, seconds = match.groups()
        duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.]+)", log)]
    ends = [float(v) for v in re.findall(r"silence_end: (-?[\d.]+)", log)]
    if len(ends) < len(starts):  # silence running until the end of the file
        ends.append(duration)
    return duration, list(zip(starts, ends, strict=True))


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the sample course.

    Args:
        argv: Command-line arguments, without the program name.

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=HERE,
        help="directory to write into (default: the directory of this script)",
    )
    parser.add_argument("--skip-video", action="store_true", help="do not rebuild lecture.mp4")
    args = parser.parse_args(argv)
    out_dir: Path = args.output_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)

    try:
        if not args.skip_video:  # check the external tools before writing anything
            find_espeak()
            find_ffmpeg()
        images = draw_images(out_dir)
        slide_count = build_slides(out_dir / "slides.pptx", images["padlock"])
        write_pages(out_dir)
        if not args.skip_video:
            video, _ = build_video(out_dir, images["padlock"])
            duration, silences = analyse_video(video)
    except SampleBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    print(f"slides.pptx: {slide_count} slides")
    if not args.skip_video:
        print(f"lecture.mp4: {duration:.2f} s, {len(LECTURE_SENTENCES)} sentences")
        for start, end in silences:
            print(f"  silence {start:6.2f} – {end:6.2f} s ({end - start:.2f} s)")
    total = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    print(f"{out_dir}: {total / 1024:.0f} KiB in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
