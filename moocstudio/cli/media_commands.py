"""Commands that make media: transcode (any files) and media (a course's videos)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from moocstudio.cli.cluster_commands import (
    Where,
    retried_note,
    run_with_bars,
    scheduler_option,
    workers_option,
)
from moocstudio.cli.group import cli, existing_dir, jobs_option, output_dir_option, profile_option
from moocstudio.cli.outline import format_outline
from moocstudio.errors import ExitCode, MoocstudioError

if TYPE_CHECKING:
    from rich.console import Console

    from moocstudio.media.course_media import MediaSettings
    from moocstudio.model import Course


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_dir_option("the renditions")
@profile_option()
@jobs_option("Files transcoded")
@click.option("--hls", is_flag=True, help="Also write an HLS master playlist over the rungs.")
@click.option("--loudness", is_flag=True, help="Normalise loudness (EBU R128, -16 LUFS).")
@scheduler_option()
@workers_option()
def transcode(
    paths: tuple[Path, ...],
    out_dir: Path,
    profile: str,
    jobs: int | None,
    hls: bool,
    loudness: bool,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Make mobile-friendly renditions of videos (files or folders) in OUTPUT.

    Unchanged work is never redone: results are cached by content and settings. With
    --scheduler or --workers the files are transcoded by dask workers, which must see the
    videos, OUTPUT and the cache folder at the same paths (shared storage).
    """
    from moocstudio.jobs.batch import BatchItem
    from moocstudio.media.batch_transcode import (
        rendition_cache,
        require_writable,
        transcode_tasks,
    )
    from moocstudio.media.sources import collect_sources

    batch = collect_sources(paths)
    for skipped in batch.skipped:
        click.echo(f"moocstudio: warning: {skipped}", err=True)
    if not batch.files:
        raise MoocstudioError("no video files to transcode")
    require_writable(out_dir)
    cache = rendition_cache()
    tasks = transcode_tasks(
        batch.files, out_dir, profile=profile, loudness=loudness, hls=hls, cache=cache
    )
    items = [BatchItem(name=str(task.source), job=task.job, key=task.key) for task in tasks]
    where = Where(jobs, scheduler, workers, batch.files, [out_dir, cache.root])

    def show(console: Console, outputs: list[Path]) -> None:
        for output in outputs:
            console.print(f"  {output}", highlight=False, soft_wrap=True)

    outcome, restarted = run_with_bars(items, where, show=show)
    for failure in outcome.failures.values():
        click.echo(f"moocstudio: error: {failure}", err=True)
    click.echo(
        f"{len(outcome.results)} of {len(items)} files transcoded into {out_dir}"
        + (f" ({retried_note(restarted)})" if restarted else ""),
        err=True,
    )
    if outcome.failures:
        sys.exit(ExitCode.USER_ERROR)


@cli.command()
@click.argument("folder", type=existing_dir)
@profile_option()
@jobs_option("Videos")
@click.option("--hls", is_flag=True, help="Also write HLS master playlists.")
@click.option("--loudness", is_flag=True, help="Normalise loudness (EBU R128, -16 LUFS).")
@click.option("--no-subtitles", is_flag=True, help="Do not make subtitle placeholders.")
@scheduler_option()
@workers_option()
def media(
    folder: Path,
    profile: str,
    jobs: int | None,
    hls: bool,
    loudness: bool,
    no_subtitles: bool,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Make what the course's videos need: renditions, posters, subtitle placeholders.

    With --scheduler or --workers the videos are worked on by dask workers, which must see
    the course folder at the same path (shared storage).
    """
    from moocstudio.media.course_media import MediaSettings
    from moocstudio.model.store import load_course

    course = load_course(folder)
    settings = MediaSettings(
        profile=profile, hls=hls, loudness=loudness, subtitles=not no_subtitles
    )
    failures = make_course_media(
        folder, course, settings, jobs, scheduler=scheduler, workers=workers
    )
    click.echo(format_outline(course))
    if failures:
        sys.exit(ExitCode.USER_ERROR)


def make_course_media(
    folder: Path,
    course: Course,
    settings: MediaSettings,
    jobs: int | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> int:
    """Run the media jobs of every video with progress bars, save, and return the failures."""
    from moocstudio.jobs.batch import BatchItem
    from moocstudio.media.course_media import apply_media, course_cache, video_media_job
    from moocstudio.model import Video
    from moocstudio.model.store import save_course

    videos = [item for item in course.all_items() if isinstance(item, Video)]
    if not videos:
        click.echo("No videos in this course.", err=True)
        return 0
    items = [
        BatchItem(
            name=video.title, job=video_media_job(folder, course, video, settings), key=video.id
        )
        for video in videos
    ]
    sources = [folder / video.source.path for video in videos]
    where = Where(jobs, scheduler, workers, sources, [course_cache(folder).root])
    outcome, restarted = run_with_bars(items, where)
    apply_media(course, list(outcome.results.values()))
    save_course(folder, course)
    for name, result in outcome.results.items():
        for note in result.notes:
            click.echo(f"  {name}: {note}", err=True)
    for failure in outcome.failures.values():
        click.echo(f"moocstudio: error: {failure}", err=True)
    if restarted:
        click.echo(f"moocstudio: {retried_note(restarted, 'video')}", err=True)
    return len(outcome.failures)
