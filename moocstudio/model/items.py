"""The kinds of module item: Page (markdown), SlideDeck (pptx), Video and Quiz."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from moocstudio.model.ids import StableId
from moocstudio.model.licence import Attribution, LicenceId, Person
from moocstudio.model.media_info import MediaInfo
from moocstudio.model.questions import Question, QuizSettings


def _check_relative_path(value: str) -> str:
    # course.json may come from anyone: a path must never point outside the course folder.
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or ":" in parts[0] or ".." in parts or "" in parts:
        raise ValueError(f"must be a relative POSIX path inside the course folder: {value!r}")
    return value


RelativePath = Annotated[
    str,
    Field(
        min_length=1,
        pattern=r"^[^/\\\x00]",
        description="POSIX path relative to the course folder; never absolute, never '..'.",
    ),
    AfterValidator(_check_relative_path),
]


class Asset(BaseModel):
    """A file copied into the course's ``media/`` folder, identified by its content hash."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: RelativePath
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    original_name: str = Field(description="File name the author imported, for display only.")


class _ItemBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: StableId
    title: str
    licence: LicenceId | None = Field(
        default=None, description="Overrides the course licence; None inherits it."
    )
    attribution: Attribution | None = None
    description: str = Field(
        default="", description="A sentence or two on the item (e.g. from front matter)."
    )
    authors: list[Person] = Field(
        default_factory=list, description="The item's own authors; empty means the course's."
    )


class Page(_ItemBase):
    """A page written in markdown, kept with its sanitized HTML rendering."""

    kind: Literal["page"] = "page"
    source: Asset
    html: str = Field(description="Sanitized HTML for learners; image links point into media/.")
    images: list[Asset] = Field(default_factory=list)
    objectives: list[str] = Field(
        default_factory=list,
        description="Learning objectives (front matter), inline markdown as the author wrote it.",
    )
    questions: list[str] = Field(
        default_factory=list, description="Questions the page answers (front matter)."
    )
    keypoints: list[str] = Field(
        default_factory=list, description="Key points to take away (front matter)."
    )
    lesson_path: str = Field(
        default="",
        description="The markdown file's path in its lesson (from the lesson's top folder), "
        "to resolve links between pages in different folders; empty: only its file name.",
    )
    instructor_notes: list[str] = Field(
        default_factory=list,
        description="Sanitized HTML of each instructor-only block; shown in the app, never "
        "in learner output.",
    )


class SlidePicture(BaseModel):
    """A picture embedded in a slide, extracted as a file, with the author's description."""

    model_config = ConfigDict(extra="forbid")

    file: Asset
    alt: str = Field(default="", description="The picture's alt text from the deck, if any.")


class Slide(BaseModel):
    """One slide: its text in reading order, the speaker's notes and a rendered image."""

    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, description="1-based position in the deck, hidden slides included.")
    title: str = ""
    body: list[str] = Field(default_factory=list, description="Paragraphs in reading order.")
    notes: str = ""
    hidden: bool = False
    image: Asset | None = Field(default=None, description="The slide rendered as a picture.")
    image_alt: str = Field(default="", description="Alt text for the rendered image.")
    pictures: list[SlidePicture] = Field(
        default_factory=list, description="Pictures embedded in the slide, extracted as files."
    )


SlideRenderer = Literal["libreoffice", "card", "pdf"]
"""How slide images were made: LibreOffice, Pillow text cards, or the pages of a PDF deck."""


class SlideDeck(_ItemBase):
    """A slide deck imported from a presentation (.pptx, .odp) or from PDF slides."""

    kind: Literal["slides"] = "slides"
    source: Asset
    slides: list[Slide] = Field(default_factory=list)
    rendered_with: SlideRenderer = "card"

    @property
    def visible_slides(self) -> list[Slide]:
        """The slides a learner sees (hidden ones left out)."""
        return [s for s in self.slides if not s.hidden]


class Rendition(BaseModel):
    """One rung of a video's rendition ladder (filled in by the media pipeline)."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(description="e.g. '360p'")
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    bit_rate: int | None = Field(default=None, ge=0, description="bits per second, all streams")
    has_audio: bool = True
    remuxed: bool = Field(
        default=False, description="Copied from a conforming source, not encoded."
    )
    file: Asset


class SubtitleTrack(BaseModel):
    """Timed text for a video, in one language."""

    model_config = ConfigDict(extra="forbid")

    language: str
    status: Literal["placeholder", "draft", "final"] = "placeholder"
    vtt: Asset
    srt: Asset | None = None


class Video(_ItemBase):
    """A video (or audio-only recording) and what the media pipeline derived from it."""

    kind: Literal["video"] = "video"
    source: Asset
    probe: MediaInfo
    renditions: list[Rendition] = Field(default_factory=list)
    hls_master: Asset | None = Field(
        default=None, description="HLS master playlist over the renditions, when made."
    )
    subtitles: list[SubtitleTrack] = Field(default_factory=list)
    poster: Asset | None = Field(default=None, description="A representative frame (JPEG).")
    poster_webp: Asset | None = None
    thumbnail: Asset | None = Field(default=None, description="A small frame for lists.")
    transcript: str | None = None

    @property
    def duration(self) -> float:
        """Duration in seconds."""
        return self.probe.duration


class Quiz(_ItemBase):
    """Questions graded together, with their settings."""

    kind: Literal["quiz"] = "quiz"
    questions: list[Question] = Field(default_factory=list)
    settings: QuizSettings = Field(default_factory=QuizSettings)
    introduction: str = Field(
        default="", description="Sanitized HTML shown above the questions (may be empty)."
    )
    source: Asset | None = Field(
        default=None, description="The GIFT or markdown file the quiz was imported from."
    )
    images: list[Asset] = Field(
        default_factory=list, description="Pictures the questions show, copied into media/."
    )

    @property
    def total_points(self) -> float:
        """The points a learner earns with every answer right."""
        return sum(q.points for q in self.questions)


Item = Annotated[Page | SlideDeck | Video | Quiz, Field(discriminator="kind")]
