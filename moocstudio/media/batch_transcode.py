"""The jobs of a batch transcode: one per source, into one output folder.

``moocstudio transcode`` and the app's Batch Transcode dialog both build their jobs here, so
the two faces name their outputs, share the rendition cache and check the folder the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from moocstudio.errors import MoocstudioError
from moocstudio.media.cache import DerivedCache
from moocstudio.media.cached import transcode_job, unique_stems
from moocstudio.media.renditions import DEFAULT_PROFILE
from moocstudio.paths import user_cache_dir
from moocstudio.progress import JobContext


@dataclass(frozen=True)
class TranscodeTask:
    """The job that makes the renditions of one source.

    Attributes:
        source: The file to transcode.
        stem: Its outputs' name stem in the output folder (``<stem>-360p.mp4`` ...).
        key: The outputs it writes, for the runner's one-job-per-output rule.
        job: The work, for a jobs Runner; it returns the published files.
    """

    source: Path
    stem: str
    key: str
    job: Callable[[JobContext], list[Path]]


def rendition_cache() -> DerivedCache:
    """The user-level cache of renditions made outside a course."""
    return DerivedCache(user_cache_dir() / "renditions")


def transcode_tasks(
    files: Sequence[Path],
    out_dir: Path,
    *,
    profile: str = DEFAULT_PROFILE,
    loudness: bool = False,
    hls: bool = False,
    cache: DerivedCache | None = None,
) -> list[TranscodeTask]:
    """One task per file, with output names kept apart when two files share a name.

    Args:
        files: The sources, each once (see ``sources.collect_sources``).
        out_dir: The folder the renditions are published in.
        profile: A key of ``renditions.PROFILES``.
        loudness: Normalise loudness.
        hls: Also write an HLS master playlist.
        cache: Where renditions are made and kept; the user-level cache by default.
    """
    cache = cache or rendition_cache()
    stems = unique_stems(files)
    return [
        TranscodeTask(
            source=source,
            stem=stems[source],
            key=str(out_dir.resolve() / stems[source]),
            job=transcode_job(
                source, out_dir, stems[source], cache, profile=profile, loudness=loudness, hls=hls
            ),
        )
        for source in files
    ]


def require_writable(folder: Path) -> None:
    """Fail early, in plain words, when renditions could not be written to ``folder``.

    The folder is created when missing.

    Raises:
        MoocstudioError: The folder cannot be made or written to.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".moocstudio-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise MoocstudioError(
            f"{folder}: cannot write the renditions here ({exc.strerror}); pick another folder"
        ) from exc
