"""Derived media through the cache: made once per (source content, recipe, ffmpeg version).

A cache entry holds its outputs under fixed names; :func:`publish_renditions` gives them the
author's names in an output folder (hard links where the file system allows, else copies).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from moocstudio.atomic import atomic_output
from moocstudio.media.cache import CacheEntry, DerivedCache, PendingEntry, cache_key
from moocstudio.media.probe import probe
from moocstudio.media.renditions import (
    DEFAULT_PROFILE,
    ladder_args,
    plan_renditions,
    remux_args,
)
from moocstudio.media.tools import find_ffmpeg
from moocstudio.media.transcode import HLS_FOLDER_SUFFIX, ProducedRendition, transcode
from moocstudio.model.media_info import MediaInfo
from moocstudio.model.store import file_sha256
from moocstudio.progress import (
    CancelToken,
    JobContext,
    Progress,
    ProgressCallback,
    ignore_progress,
)

CACHE_STEM = "video"  # output names inside an entry; the author's names come at publishing


@dataclass(frozen=True)
class CachedRenditions:
    """The renditions of one source, found in the cache or just made."""

    entry: CacheEntry
    renditions: tuple[ProducedRendition, ...]
    hls_master: str | None
    from_cache: bool
    notes: tuple[str, ...] = ()


def renditions_recipe(
    info: MediaInfo, profile: str, *, loudness: bool, hls: bool
) -> dict[str, Any]:
    """Everything that decides the renditions' bytes: the plan and the ffmpeg arguments.

    The arguments are built with stand-in paths, so a change in how they are built (not only
    in the plan) gives new cache entries.
    """
    plan = plan_renditions(info, profile, loudness=loudness, hls=hls)
    source = Path("SOURCE")
    encoded = [Path(f"OUT-{r.label}.mp4") for r in plan.encoded]
    return {
        "plan": asdict(plan),
        "encode": ladder_args(plan, source, encoded) if encoded else [],
        "remux": [remux_args(plan, source, Path(f"OUT-{r.label}.mp4")) for r in plan.remuxed],
    }


def cached_renditions(
    source: Path,
    cache: DerivedCache,
    *,
    profile: str = DEFAULT_PROFILE,
    loudness: bool = False,
    hls: bool = False,
    sha256: str | None = None,
    info: MediaInfo | None = None,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
    threads: int | None = None,
) -> CachedRenditions:
    """The renditions of ``source``, from the cache when nothing changed, else made now.

    Raises:
        MediaDecodeError, EncodeFailed, Cancelled: as :func:`transcode`.
    """
    on_progress(Progress(0.0, "hash", message=source.name))
    digest = sha256 or file_sha256(source)
    info = info or probe(source)
    recipe = renditions_recipe(info, profile, loudness=loudness, hls=hls)
    key = cache_key(digest, "renditions", recipe, find_ffmpeg().version_text)

    def produce(pending: PendingEntry) -> None:
        result = transcode(
            source,
            pending.folder,
            profile=profile,
            loudness=loudness,
            hls=hls,
            on_progress=on_progress,
            cancel=cancel,
            threads=threads,
            info=info,
            stem=CACHE_STEM,
        )
        pending.meta["renditions"] = [{**asdict(r), "path": r.path.name} for r in result.renditions]
        master = result.hls_master
        pending.meta["hls_master"] = (
            master.relative_to(pending.folder).as_posix() if master is not None else None
        )
        pending.meta["notes"] = list(result.plan.notes)

    entry, from_cache = cache.get_or_make(key, produce)
    if from_cache:
        on_progress(Progress(1.0, "cached", eta=0.0, message=source.name))
    return _described(entry, from_cache=from_cache)


def _described(entry: CacheEntry, *, from_cache: bool) -> CachedRenditions:
    return CachedRenditions(
        entry=entry,
        renditions=tuple(
            ProducedRendition(**{**item, "path": entry.path(item["path"])})
            for item in entry.meta["renditions"]
        ),
        hls_master=entry.meta.get("hls_master"),
        from_cache=from_cache,
        notes=tuple(entry.meta.get("notes", ())),
    )


def publish_renditions(cached: CachedRenditions, out_dir: Path, stem: str) -> list[Path]:
    """Put the renditions in ``out_dir`` as ``<stem>-360p.mp4`` ... (and ``<stem>-hls/``).

    Each file appears whole or not at all; an existing output is replaced.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    published = []
    for rendition in cached.renditions:
        target = out_dir / f"{stem}-{rendition.label}.mp4"
        _link_or_copy(rendition.path, target)
        published.append(target)
    if cached.hls_master is not None:
        hls_source = cached.entry.path(cached.hls_master).parent
        target_dir = out_dir / f"{stem}{HLS_FOLDER_SUFFIX}"
        target_dir.mkdir(exist_ok=True)
        for made in sorted(hls_source.iterdir()):
            _link_or_copy(made, target_dir / made.name)
        published.append(target_dir / Path(cached.hls_master).name)
    return published


def _link_or_copy(source: Path, target: Path) -> None:
    with atomic_output(target) as temp:
        temp.unlink()
        try:
            os.link(source, temp)  # same file system: instant, no extra space
        except OSError:
            shutil.copyfile(source, temp)


def unique_stems(files: Sequence[Path]) -> dict[Path, str]:
    """Output name stems, made unique when two sources share a name (a/intro.mp4, b/intro.mp4)."""
    stems: dict[Path, str] = {}
    used: set[str] = set()
    for source in files:
        stem, number = source.stem, 1
        while stem.casefold() in used:
            number += 1
            stem = f"{source.stem}-{number}"
        used.add(stem.casefold())
        stems[source] = stem
    return stems


def transcode_job(
    source: Path,
    out_dir: Path,
    stem: str,
    cache: DerivedCache,
    *,
    profile: str = DEFAULT_PROFILE,
    loudness: bool = False,
    hls: bool = False,
) -> Callable[[JobContext], list[Path]]:
    """A job (for a jobs Runner) that makes and publishes the renditions of one file."""

    def job(context: JobContext) -> list[Path]:
        made = cached_renditions(
            source,
            cache,
            profile=profile,
            loudness=loudness,
            hls=hls,
            on_progress=context.on_progress,
            cancel=context.cancel,
            threads=context.threads or None,
        )
        # A cancel that came as the encode ended still wins: the author's folder gets nothing
        # (the finished renditions stay in the cache, for the next time).
        context.cancel.raise_if_cancelled(str(source))
        return publish_renditions(made, out_dir, stem)

    return job
