"""Import a video or audio recording: probe it, copy it into the course, describe it as a Video."""

from __future__ import annotations

from pathlib import Path

from moocstudio.errors import MediaDecodeError
from moocstudio.importers.base import ImportResult, readable_stem
from moocstudio.media.probe import probe_details
from moocstudio.model import Video, new_id
from moocstudio.model.store import add_asset


def import_video(folder: Path, source: Path, *, title: str | None = None) -> ImportResult[Video]:
    """Probe ``source``, copy it into the course's media folder and make a Video item.

    Audio-only recordings are accepted (their Video has no picture stream and will need a poster
    or still picture), and so are videos without sound (captions can still be written).

    Args:
        folder: The course folder.
        source: The audio or video file; it is only read.
        title: The item's title; by default the file's title tag, else its name made readable.

    Returns:
        The Video item, its file already in ``media/``, and warnings for the author.

    Raises:
        MediaDecodeError: ``source`` cannot be read as audio or video, or lasts no time at all.
            Nothing is copied into the course then.
        MoocstudioError: The media folder cannot be written.
    """
    source = Path(source)
    # Probe first: a file that is not media must never land in the course's media folder.
    details = probe_details(source)
    info = details.info
    if info.duration <= 0:
        raise MediaDecodeError(
            source,
            "lasts no time at all (0 seconds); check that it plays, or export it again",
        )
    warnings = [f"{source.name}: {problem}" for problem in info.problems]
    if info.video is None:
        warnings.append(
            f"{source.name}: has sound but no picture; a poster or still picture will be needed "
            "to show while it plays."
        )
    elif info.audio is None:
        warnings.append(
            f"{source.name}: has no sound; it is kept as a silent video (captions are still "
            "possible)."
        )
    asset = add_asset(folder, source)
    item = Video(
        id=new_id("video"),
        title=title or details.title or readable_stem(source),
        source=asset,
        probe=info,
    )
    return ImportResult(item=item, warnings=warnings)
