"""The leaves of an Open edX OLX course: its static files, HTML components and video components.

Every piece of markup is built as an lxml tree, so titles, notes and credit lines reach the XML
and the HTML escaped, whatever characters the author typed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from lxml import etree, html
from lxml.html import builder as h

from moocstudio.build.media_files import converted_name
from moocstudio.build.package_media import PackageMedia
from moocstudio.build.standalone import StandaloneUrls, html_bytes, licence_note, played_first
from moocstudio.errors import FileProblem
from moocstudio.media.subtitle_files import read_webvtt, render_srt
from moocstudio.model import (
    Asset,
    Course,
    LicenceId,
    LicenceInfo,
    SubtitleTrack,
    Video,
)

STATIC_URL = "/static/"
PLAYABLE_SUFFIXES = (".mp4", ".webm", ".ogg", ".ogv")
"""What Open edX's ``html5_sources`` accepts (the VideoBlock field's help text)."""


# Open edX writes a course or video licence as "creative-commons: ver=4.0 BY NC ND SA" (options
# in that order, from Studio's license editor); it has no CC0 option, see olx_licence().
_CC_OPTIONS: dict[LicenceId, str] = {
    LicenceId.CC_BY_4_0: "BY",
    LicenceId.CC_BY_SA_4_0: "BY SA",
    LicenceId.CC_BY_NC_4_0: "BY NC",
    LicenceId.CC_BY_NC_SA_4_0: "BY NC SA",
    LicenceId.CC_BY_ND_4_0: "BY ND",
    LicenceId.CC_BY_NC_ND_4_0: "BY NC ND",
}


class OlxExportError(FileProblem):
    """A file the Open edX package needs is missing or cannot be read; nothing was written."""


def olx_licence(licence: LicenceInfo) -> str | None:
    """The ``license`` attribute Open edX shows under a course or a video, if it can say it.

    CC0 has no Open edX form (Studio offers "all rights reserved" or CC 4.0 with BY always on),
    so it gets no attribute at all: claiming BY would add a condition the author waived, and no
    attribute is better than a wrong one. The CC0 dedication still reaches learners in the course
    About page, under every text component, and in LICENSE.txt.
    """
    options = _CC_OPTIONS.get(licence.id)
    return f"creative-commons: ver=4.0 {options}" if options else None


class StaticFiles(PackageMedia):
    """The files of ``course/static/``: one ASCII name per file (``site_name``), with its source.

    Only files a component, the course or the About page refers to are added, so nothing
    unreferenced ships.
    """

    error = OlxExportError


def static_url(name: str) -> str:
    """The link Open edX rewrites to a course asset."""
    return STATIC_URL + name


def html_text(root: html.HtmlElement) -> bytes:
    """Serialise an HTML component body (UTF-8, no XML declaration, ends with a newline)."""
    return html_bytes(root)


def olx_urls(static: StaticFiles, unit_of_page: Mapping[str, str]) -> StandaloneUrls:
    """Where a component finds the course's files (``/static/``) and its other pages.

    A link to another markdown page of the course becomes ``/jump_to_id/<unit>``, the link form
    Open edX resolves inside a course (it has no anchors into another unit).
    """

    def page_url(name: str, fragment: str) -> str | None:
        return f"/jump_to_id/{unit_of_page[name]}" if name in unit_of_page else None

    return StandaloneUrls(media=lambda asset: static_url(static.asset(asset)), page=page_url)


def credits_body(course: Course, video: Video) -> html.HtmlElement:
    """The licence and credit line shown under a video that has its own.

    The player shows neither a credit line nor a CC0 dedication, so a text component does.
    """
    return h.DIV(licence_note(course, video))


def video_files(video: Video) -> list[Asset]:
    """The files Open edX plays for ``video``, first one first.

    Raises:
        OlxExportError: The video has no rendition yet and its source is not a web format.
    """
    if video.renditions:
        return [rendition.file for rendition in played_first(video.renditions)]
    if PurePosixPath(video.source.path).suffix.lower() in PLAYABLE_SUFFIXES:
        return [video.source]
    raise OlxExportError(
        Path(video.source.path),
        f"video “{video.title}” has no MP4 rendition yet; make the course media "
        "(moocstudio media) and export again",
    )


def transcript_file(static: StaticFiles, track: SubtitleTrack) -> str:
    """Add the SubRip file of ``track``: its SRT when it has one, else one converted from WebVTT.

    Returns:
        Its name in ``static/``.

    Raises:
        OlxExportError: The subtitle file is not in the course folder.
    """
    if track.srt is not None:
        return static.asset(track.srt)
    srt = render_srt(read_webvtt(static.existing(track.vtt))).encode("utf-8")
    return static.data(converted_name(track.vtt, ".srt", srt), srt)


def video_element(course: Course, video: Video, static: StaticFiles) -> etree._Element:
    """The ``<video>`` component: HTML5 sources in ``static/``, SRT transcripts, its licence.

    ``youtube_id_1_0=""`` is there on purpose: without it Open edX falls back to the VideoBlock's
    default YouTube id and shows that video instead of ours.
    """
    sources = [static_url(static.asset(asset)) for asset in video_files(video)]
    transcripts = {track.language: transcript_file(static, track) for track in video.subtitles}
    element = etree.Element("video")
    attributes = {
        "url_name": video.id,
        "display_name": video.title,
        "youtube_id_1_0": "",
        "edx_video_id": "",
        "html5_sources": json.dumps(sources),
        "download_video": "true",
        "download_track": "true",
        "show_captions": "true",
    }
    if transcripts:
        attributes["transcripts"] = json.dumps(transcripts, sort_keys=True)
    licence = olx_licence(course.effective_licence(video)) if video.licence else None
    if licence:
        attributes["license"] = licence
    for key, value in attributes.items():
        element.set(key, value)
    for src in sources:
        etree.SubElement(element, "source", src=src)
    for language, name in sorted(transcripts.items()):
        etree.SubElement(element, "transcript", language=language, src=name)
    return element
