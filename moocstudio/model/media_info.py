"""Facts probed from a media file: container, duration and one entry per stream."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

StreamKind = Literal["video", "audio", "subtitle", "data", "attachment"]


class StreamInfo(BaseModel):
    """One stream of a media file, as probed."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0)
    kind: StreamKind
    codec: str | None = None
    profile: str | None = None
    bit_rate: int | None = Field(default=None, ge=0, description="bits per second")
    language: str | None = None
    # video
    width: int | None = Field(default=None, ge=0)
    height: int | None = Field(default=None, ge=0)
    pixel_format: str | None = None
    frame_rate: float | None = Field(default=None, ge=0, description="average frames per second")
    variable_frame_rate: bool = False
    rotation: int = Field(default=0, description="display rotation in degrees, counter-clockwise")
    # audio
    sample_rate: int | None = Field(default=None, ge=0)
    channels: int | None = Field(default=None, ge=0)

    @property
    def display_size(self) -> tuple[int, int] | None:
        """Width and height as shown, after applying the rotation (portrait phones)."""
        if self.width is None or self.height is None:
            return None
        if self.rotation % 180 == 90:
            return self.height, self.width
        return self.width, self.height


class MediaInfo(BaseModel):
    """What a probe found in a media file."""

    model_config = ConfigDict(extra="forbid")

    container: str
    duration: float = Field(ge=0, description="seconds")
    size_bytes: int = Field(ge=0)
    bit_rate: int | None = Field(default=None, ge=0, description="bits per second, whole file")
    streams: list[StreamInfo] = Field(default_factory=list)
    problems: list[str] = Field(
        default_factory=list,
        description="Readable defects found while probing (e.g. truncated data), not fatal.",
    )

    @property
    def video(self) -> StreamInfo | None:
        """The first video stream, if any."""
        return next((s for s in self.streams if s.kind == "video"), None)

    @property
    def audio(self) -> StreamInfo | None:
        """The first audio stream, if any."""
        return next((s for s in self.streams if s.kind == "audio"), None)


def format_duration(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from one hour on: a recording's length as people read it."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
