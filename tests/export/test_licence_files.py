"""ATTRIBUTIONS.txt: each item's licence, credit, and its packaged files by their own names."""

from __future__ import annotations

import hashlib

from moocstudio.build.media_files import site_name
from moocstudio.export.licence_files import attributions_text
from moocstudio.model import (
    Asset,
    Attribution,
    Course,
    LicenceId,
    Rendition,
    SubtitleTrack,
    Video,
)
from moocstudio.model.media_info import MediaInfo


def _asset(path: str, original: str) -> Asset:
    sha = hashlib.sha256(path.encode()).hexdigest()
    return Asset(path=path, sha256=sha, size=1, original_name=original)


def _course() -> tuple[Course, Video]:
    video = Video(
        id="video-000000000001",
        title="Leçon 1",
        source=_asset("media/aaa-Lecon-1.mov", "Leçon 1.mov"),
        probe=MediaInfo(container="mov", duration=1.0, size_bytes=1),
        renditions=[
            Rendition(
                label="360p", width=640, height=360, file=_asset("cache/video-360p.mp4", "360p.mp4")
            )
        ],
        subtitles=[
            SubtitleTrack(language="fr", vtt=_asset("media/bbb-Lecon-1.fr.vtt", "Leçon\n1.fr.vtt"))
        ],
        licence=LicenceId.CC_BY_SA_4_0,
        attribution=Attribution(title="Leçon", author="Grace Hopper"),
    )
    course = Course(title="Cours", licence=LicenceId.CC_BY_4_0)
    course.add_item(video, "Semaine 1")
    return course, video


def test_only_the_files_the_package_holds_are_listed_with_their_origin() -> None:
    course, video = _course()
    rendition, vtt = video.renditions[0].file, video.subtitles[0].vtt
    package = [f"media/{site_name(rendition)}", f"web/media/{site_name(vtt)}", "index.html"]
    lines = attributions_text(course, package).splitlines()
    start = lines.index(
        "1.1 Leçon 1 — CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)"
    )
    assert lines[start + 1 :] == [
        "    “Leçon”, Grace Hopper, CC BY-SA 4.0",
        f"    {site_name(rendition)}: 360p rendition of “Leçon 1.mov”",
        # A line break in a file name cannot start a line of its own.
        f"    {site_name(vtt)}: “Leçon?1.fr.vtt”",
    ]
    # The .mov source is not in the package (its renditions are): not listed.
    assert site_name(video.source) not in "\n".join(lines)


def test_a_package_without_media_lists_no_files() -> None:
    course, _video = _course()
    text = attributions_text(course, ["index.html", "LICENSE.txt"])
    assert text.splitlines()[-1] == "    “Leçon”, Grace Hopper, CC BY-SA 4.0"
