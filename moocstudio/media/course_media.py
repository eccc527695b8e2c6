"""Everything a course's videos need: renditions, a poster and timed subtitle placeholders.

Derived files (renditions, posters) live in the course's cache, ``.moocstudio/cache``: safe to
delete, remade on demand. Subtitles are the author's to edit, so the placeholders are copied
into ``media/`` and never replaced once the course has a track in its language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.media.cache import DerivedCache, PendingEntry, cache_key
from moocstudio.media.cached import cached_renditions
from moocstudio.media.posters import make_poster
from moocstudio.media.renditions import DEFAULT_PROFILE
from moocstudio.media.subtitles import make_subtitle_placeholders
from moocstudio.media.tools import find_ffmpeg
from moocstudio.model import Asset, Course, Rendition, SlideDeck, SubtitleTrack, Video
from moocstudio.model.store import DERIVED_DIR, add_asset, file_sha256
from moocstudio.progress import CancelToken, JobContext, Progress, ProgressCallback, ignore_progress

CACHE_DIR = f"{DERIVED_DIR}/cache"
POSTER_RECIPE_VERSION = 1  # bump when posters.py changes what it picks or writes
SUBTITLE_RECIPE_VERSION = 1


@dataclass(frozen=True)
class MediaSettings:
    """What to make for each video."""

    profile: str = DEFAULT_PROFILE
    hls: bool = False
    loudness: bool = False
    posters: bool = True
    subtitles: bool = True


@dataclass
class VideoMedia:
    """What was made (or found in the cache) for one video, to apply to the course."""

    video_id: str
    renditions: list[Rendition] | None = None
    hls_master: Asset | None = None
    poster: tuple[Asset, Asset, Asset] | None = None
    subtitles: SubtitleTrack | None = None
    notes: list[str] = field(default_factory=list)
    made_anything: bool = False


def course_cache(folder: Path) -> DerivedCache:
    """The derived-media cache of the course in ``folder``."""
    return DerivedCache(Path(folder) / CACHE_DIR)


def transcript_for(course: Course, video: Video) -> str | list[str] | None:
    """The text to time a video's subtitles with.

    That is the video's own transcript, else the speaker notes of the slide deck just before it
    in its module (the deck the lecture was recorded over), else None.
    """
    if video.transcript:
        return video.transcript
    for module in course.modules:
        for index, item in enumerate(module.items):
            if item.id == video.id and index > 0:
                previous = module.items[index - 1]
                if isinstance(previous, SlideDeck):
                    notes = [s.notes for s in previous.visible_slides if s.notes.strip()]
                    return notes or None
    return None


def video_media_job(
    folder: Path, course: Course, video: Video, settings: MediaSettings
) -> Callable[[JobContext], VideoMedia]:
    """A job that makes what ``video`` lacks; its result is applied with :func:`apply_media`.

    The job reads the course only (jobs may run in parallel); the caller applies the results.
    """
    folder = Path(folder)
    language = course.language
    transcript = transcript_for(course, video) if settings.subtitles else None
    wants_subtitles = settings.subtitles and not any(
        track.language == language for track in video.subtitles
    )

    def job(context: JobContext) -> VideoMedia:
        source = folder / video.source.path
        info = video.probe
        cache = course_cache(folder)
        result = VideoMedia(video_id=video.id)
        stages = _weights(info.video is not None, settings.posters, wants_subtitles)
        if info.video is not None:
            made = cached_renditions(
                source,
                cache,
                profile=settings.profile,
                loudness=settings.loudness,
                hls=settings.hls,
                sha256=video.source.sha256,
                info=info,
                on_progress=_scaled(context.on_progress, *stages["renditions"]),
                cancel=context.cancel,
                threads=context.threads or None,
            )
            result.renditions = [
                Rendition(
                    label=r.label,
                    width=r.width,
                    height=r.height,
                    bit_rate=r.bit_rate,
                    has_audio=r.has_audio,
                    remuxed=r.remuxed,
                    file=_derived_asset(folder, r.path, f"{r.label}.mp4"),
                )
                for r in made.renditions
            ]
            if made.hls_master is not None:
                master = made.entry.path(made.hls_master)
                result.hls_master = _derived_asset(folder, master, master.name)
            result.notes.extend(made.notes)
            result.made_anything |= not made.from_cache
        else:
            result.notes.append("audio only: no renditions or poster (add a still picture)")
        if settings.posters and info.video is not None:
            context.on_progress(Progress(stages["poster"][0], "poster"))
            result.poster, fresh = _poster(folder, cache, source, video, context)
            result.made_anything |= fresh
        if wants_subtitles and info.audio is not None:
            start, share = stages["subtitles"]
            result.subtitles = _subtitles(
                folder, cache, source, video, language, transcript, context, start, share
            )
            result.made_anything = True
        context.on_progress(Progress(1.0, "done" if result.made_anything else "cached"))
        return result

    return job


def apply_media(course: Course, results: Sequence[VideoMedia]) -> None:
    """Record in the course what the jobs made."""
    videos = {item.id: item for item in course.all_items() if isinstance(item, Video)}
    for result in results:
        video = videos.get(result.video_id)
        if video is None:  # removed from the course while its job ran
            continue
        if result.renditions is not None:
            video.renditions = result.renditions
            video.hls_master = result.hls_master
        if result.poster is not None:
            video.poster, video.poster_webp, video.thumbnail = result.poster
        if result.subtitles is not None:
            video.subtitles = [
                t for t in video.subtitles if t.language != result.subtitles.language
            ] + [result.subtitles]


def _weights(renditions: bool, poster: bool, subtitles: bool) -> dict[str, tuple[float, float]]:
    """(start, share) of the job's progress for each stage; encoding dominates."""
    costs = {"renditions": 20.0 if renditions else 0.0, "poster": 0.5 if poster else 0.0}
    costs["subtitles"] = 1.0 if subtitles else 0.0
    total = sum(costs.values()) or 1.0
    stages, start = {}, 0.0
    for name, cost in costs.items():
        stages[name] = (start, cost / total)
        start += cost / total
    return stages


def _scaled(report: ProgressCallback, start: float, share: float) -> ProgressCallback:
    def scaled(progress: Progress) -> None:
        report(Progress(start + share * progress.fraction, progress.stage, None, progress.message))

    return scaled


def _derived_asset(folder: Path, path: Path, name: str) -> Asset:
    return Asset(
        path=path.relative_to(folder).as_posix(),
        sha256=file_sha256(path),
        size=path.stat().st_size,
        original_name=name,
    )


def _poster(
    folder: Path, cache: DerivedCache, source: Path, video: Video, context: JobContext
) -> tuple[tuple[Asset, Asset, Asset], bool]:
    key = cache_key(
        video.source.sha256, "poster", {"version": POSTER_RECIPE_VERSION}, "pillow+pyav"
    )

    def produce(pending: PendingEntry) -> None:
        make_poster(source, pending.folder, stem="poster", info=video.probe, cancel=context.cancel)

    entry, from_cache = cache.get_or_make(key, produce)
    files = (
        _derived_asset(folder, entry.path("poster.jpg"), "poster.jpg"),
        _derived_asset(folder, entry.path("poster.webp"), "poster.webp"),
        _derived_asset(folder, entry.path("poster.thumb.jpg"), "poster.thumb.jpg"),
    )
    return files, not from_cache


def _subtitles(
    folder: Path,
    cache: DerivedCache,
    source: Path,
    video: Video,
    language: str,
    transcript: str | list[str] | None,
    context: JobContext,
    start: float,
    share: float,
) -> SubtitleTrack:
    text = transcript if isinstance(transcript, str) else "\n\n".join(transcript or [])
    recipe = {
        "version": SUBTITLE_RECIPE_VERSION,
        "language": language,
        "transcript": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    key = cache_key(video.source.sha256, "subtitles", recipe, find_ffmpeg().version_text)
    stem = f"captions.{language}"

    def produce(pending: PendingEntry) -> None:
        make_subtitle_placeholders(
            source,
            pending.folder,
            stem=stem,
            language=language,
            transcript=transcript,
            info=video.probe,
            on_progress=_scaled(context.on_progress, start, share),
            cancel=context.cancel,
        )

    entry, _from_cache = cache.get_or_make(key, produce)
    # The author edits these: they become course media, named after the video.
    base = Path(video.source.original_name).stem
    vtt = add_asset(folder, entry.path(f"{stem}.vtt"), name=f"{base}.{language}.vtt")
    srt = add_asset(folder, entry.path(f"{stem}.srt"), name=f"{base}.{language}.srt")
    return SubtitleTrack(
        language=language, status="draft" if transcript else "placeholder", vtt=vtt, srt=srt
    )


def make_media_now(
    folder: Path, course: Course, settings: MediaSettings | None = None
) -> list[VideoMedia]:
    """Make every video's media here, one after another, and apply it (scripts and tests).

    The CLI and the app run the same jobs through a Runner, with progress and cancel.
    """
    context = JobContext(on_progress=ignore_progress, cancel=CancelToken())
    results = [
        video_media_job(folder, course, item, settings or MediaSettings())(context)
        for item in course.all_items()
        if isinstance(item, Video)
    ]
    apply_media(course, results)
    return results
