"""The course model: plain, validated data saved as course.json (no Qt, no ffmpeg)."""

from __future__ import annotations

from moocstudio.model.course import SCHEMA_VERSION, Course, Module
from moocstudio.model.ids import new_id
from moocstudio.model.items import (
    Asset,
    Item,
    Page,
    Rendition,
    Slide,
    SlideDeck,
    SlidePicture,
    SubtitleTrack,
    Video,
)
from moocstudio.model.licence import (
    DEFAULT_LICENCE,
    LICENCES,
    Attribution,
    LicenceId,
    LicenceInfo,
    Person,
    licence_info,
)
from moocstudio.model.media_info import MediaInfo, StreamInfo

__all__ = [
    "DEFAULT_LICENCE",
    "LICENCES",
    "SCHEMA_VERSION",
    "Asset",
    "Attribution",
    "Course",
    "Item",
    "LicenceId",
    "LicenceInfo",
    "MediaInfo",
    "Module",
    "Page",
    "Person",
    "Rendition",
    "Slide",
    "SlideDeck",
    "SlidePicture",
    "StreamInfo",
    "SubtitleTrack",
    "Video",
    "licence_info",
    "new_id",
]
