"""The command-line face: thin commands over the same functions the desktop app calls.

Heavy libraries (pydantic, python-pptx, PyAV) are imported inside the commands, so that
``moocstudio --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from moocstudio import __version__
from moocstudio.errors import ExitCode, MoocstudioError

if TYPE_CHECKING:
    from moocstudio.jobs.runner import JobHandle
    from moocstudio.media.course_media import MediaSettings, VideoMedia
    from moocstudio.model import Course, Item, LicenceId

DEFAULT_DEMO_DIR = "moocstudio-demo"

_existing_dir = click.Path(file_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="moocstudio")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """Assemble MOOC modules from slides, video and markdown; export open-licensed packages."""


@cli.command()
@click.argument("folder", type=_existing_dir)
@click.option("--title", "-t", required=True, help="Course title.")
@click.option("--language", "-l", default="en", show_default=True, help="BCP 47 tag, e.g. fr.")
@click.option(
    "--licence",
    "--license",
    "licence",
    default="CC-BY-4.0",
    show_default=True,
    help="SPDX id: CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0, CC-BY-ND-4.0, "
    "CC-BY-NC-ND-4.0 or CC0-1.0.",
)
@click.option("--subtitle", default="", help="Course subtitle.")
@click.option("--description", default="", help="Short description shown on the course home.")
@click.option("--author", "authors", multiple=True, help="Author name (repeatable).")
@click.option("--keyword", "keywords", multiple=True, help="Keyword (repeatable).")
def new(
    folder: Path,
    title: str,
    language: str,
    licence: str,
    subtitle: str,
    description: str,
    authors: tuple[str, ...],
    keywords: tuple[str, ...],
) -> None:
    """Create a new, empty course in FOLDER."""
    from pydantic import ValidationError

    from moocstudio.model import Course, Person
    from moocstudio.model.store import create_course

    try:
        course = Course(
            title=title,
            subtitle=subtitle,
            description=description,
            language=language,
            licence=_parse_licence(licence),
            authors=[Person(name=name) for name in authors],
            keywords=list(keywords),
        )
    except ValidationError as exc:
        field = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise MoocstudioError(f"invalid {field}: {exc.errors()[0]['msg']}") from exc
    create_course(folder, course)
    click.echo(f"Created course “{course.title}” in {folder}")


def _parse_licence(text: str) -> LicenceId:
    from moocstudio.model import LicenceId

    wanted = text.strip().upper().replace(" ", "-")
    for licence in LicenceId:
        if licence.value.upper() == wanted:
            return licence
    choices = ", ".join(licence.value for licence in LicenceId)
    raise MoocstudioError(f"unknown licence {text!r}; use one of {choices}")


@cli.command()
@click.argument("folder", type=_existing_dir)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--module", "-m", "module_title", help="Module to add to (created if needed).")
def add(folder: Path, files: tuple[Path, ...], module_title: str | None) -> None:
    """Import FILES (.pptx slides, markdown pages, videos) into the course in FOLDER.

    The kind of each file is read from its content. Files that fail are reported; the others
    are still added.
    """
    from moocstudio.importers.dispatch import import_file
    from moocstudio.model.store import load_course, save_course

    course = load_course(folder)
    failures = 0
    for source in files:
        try:
            result = import_file(folder, source)
        except MoocstudioError as exc:
            failures += 1
            click.echo(f"moocstudio: error: {exc.user_message}", err=True)
            continue
        module = course.add_item(result.item, module_title)
        for warning in result.warnings:
            click.echo(f"moocstudio: warning: {warning}", err=True)
        click.echo(f"Added {_describe(result.item)} to “{module.title}”")
    save_course(folder, course)
    if failures:
        sys.exit(ExitCode.USER_ERROR)


@cli.command()
@click.argument("folder", type=_existing_dir)
def info(folder: Path) -> None:
    """Print the outline of the course in FOLDER: modules, items, durations, licences."""
    from moocstudio.model.store import load_course

    click.echo(format_outline(load_course(folder)))


@cli.command()
@click.argument("folder", type=_existing_dir, default=DEFAULT_DEMO_DIR)
def demo(folder: Path) -> None:
    """Build the bundled sample course in FOLDER (default: ./moocstudio-demo) and show it.

    Its slides, pages and video are imported, and the video gets its renditions, poster and
    subtitle draft (timed on the speech, text from the transcript).
    """
    from moocstudio.sample import build_sample_course

    click.echo(f"Building the sample course in {folder} …", err=True)
    from moocstudio.media.course_media import MediaSettings

    built = build_sample_course(
        folder, on_step=lambda name: click.echo(f"  import {name}", err=True)
    )
    for warning in built.warnings:
        click.echo(f"moocstudio: warning: {warning}", err=True)
    click.echo("Making renditions, posters and subtitle drafts …", err=True)
    failures = _make_course_media(folder, built.course, MediaSettings())
    click.echo(format_outline(built.course))
    if failures:
        sys.exit(ExitCode.USER_ERROR)


PROFILE_NAMES = ("mobile", "low-bandwidth", "hd")  # checked against renditions.PROFILES in tests


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the renditions (created if missing).",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILE_NAMES),
    default="mobile",
    show_default=True,
    help="mobile: 360p/540p/720p; low-bandwidth: 240p/360p; hd: up to 1080p.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Files transcoded at once (default: chosen for this machine).",
)
@click.option("--hls", is_flag=True, help="Also write an HLS master playlist over the rungs.")
@click.option("--loudness", is_flag=True, help="Normalise loudness (EBU R128, -16 LUFS).")
def transcode(
    paths: tuple[Path, ...],
    out_dir: Path,
    profile: str,
    jobs: int | None,
    hls: bool,
    loudness: bool,
) -> None:
    """Make mobile-friendly renditions of videos (files or folders) in OUTPUT.

    Unchanged work is never redone: results are cached by content and settings.
    """
    from moocstudio.cli_progress import batch_bars
    from moocstudio.jobs.batch import BatchItem, run_batch
    from moocstudio.jobs.runner import Runner, choose_concurrency, manual_concurrency
    from moocstudio.media.cache import DerivedCache
    from moocstudio.media.cached import transcode_job, unique_stems
    from moocstudio.media.sources import collect_sources
    from moocstudio.paths import user_cache_dir

    batch = collect_sources(paths)
    for skipped in batch.skipped:
        click.echo(f"moocstudio: warning: {skipped}", err=True)
    if not batch.files:
        raise MoocstudioError("no video files to transcode")
    _require_writable(out_dir)
    cache = DerivedCache(user_cache_dir() / "renditions")
    stems = unique_stems(batch.files)
    items = [
        BatchItem(
            name=str(source),
            job=transcode_job(
                source, out_dir, stems[source], cache, profile=profile, loudness=loudness, hls=hls
            ),
            key=str(out_dir.resolve() / stems[source]),
        )
        for source in batch.files
    ]
    concurrency = manual_concurrency(jobs) if jobs else choose_concurrency(len(items))
    with batch_bars([item.name for item in items]) as bars:

        def show(name: str, handle: JobHandle[list[Path]], failure: str | None) -> None:
            bars.finish(name, "failed" if failure else handle.progress.stage)
            for output in [] if failure else handle.future.result():
                bars.bars.console.print(f"  {output}", highlight=False, soft_wrap=True)

        with Runner(concurrency=concurrency) as runner:
            outcome = run_batch(runner, items, progress_for=bars.callback, on_done=show)
    for failure in outcome.failures.values():
        click.echo(f"moocstudio: error: {failure}", err=True)
    click.echo(f"{len(outcome.results)} of {len(items)} files transcoded into {out_dir}", err=True)
    if outcome.failures:
        sys.exit(ExitCode.USER_ERROR)


@cli.command()
@click.argument("folder", type=_existing_dir)
@click.option("--profile", type=click.Choice(PROFILE_NAMES), default="mobile", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Videos at once.")
@click.option("--hls", is_flag=True, help="Also write HLS master playlists.")
@click.option("--loudness", is_flag=True, help="Normalise loudness (EBU R128, -16 LUFS).")
@click.option("--no-subtitles", is_flag=True, help="Do not make subtitle placeholders.")
def media(
    folder: Path, profile: str, jobs: int | None, hls: bool, loudness: bool, no_subtitles: bool
) -> None:
    """Make what the course's videos need: renditions, posters, subtitle placeholders."""
    from moocstudio.media.course_media import MediaSettings
    from moocstudio.model.store import load_course

    course = load_course(folder)
    settings = MediaSettings(
        profile=profile, hls=hls, loudness=loudness, subtitles=not no_subtitles
    )
    failures = _make_course_media(folder, course, settings, jobs)
    click.echo(format_outline(course))
    if failures:
        sys.exit(ExitCode.USER_ERROR)


def _make_course_media(
    folder: Path, course: Course, settings: MediaSettings, jobs: int | None = None
) -> int:
    """Run the media jobs of every video with progress bars, save, and return the failures."""
    from moocstudio.cli_progress import batch_bars
    from moocstudio.jobs.batch import BatchItem, run_batch
    from moocstudio.jobs.runner import Runner, choose_concurrency, manual_concurrency
    from moocstudio.media.course_media import apply_media, video_media_job
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
    concurrency = manual_concurrency(jobs) if jobs else choose_concurrency(len(items))
    with batch_bars([item.name for item in items]) as bars:

        def show(name: str, handle: JobHandle[VideoMedia], failure: str | None) -> None:
            bars.finish(name, "failed" if failure else handle.progress.stage)

        with Runner(concurrency=concurrency) as runner:
            outcome = run_batch(runner, items, progress_for=bars.callback, on_done=show)
    apply_media(course, list(outcome.results.values()))
    save_course(folder, course)
    for name, result in outcome.results.items():
        for note in result.notes:
            click.echo(f"  {name}: {note}", err=True)
    for failure in outcome.failures.values():
        click.echo(f"moocstudio: error: {failure}", err=True)
    return len(outcome.failures)


def _require_writable(folder: Path) -> None:
    """Fail early, in plain words, when renditions could not be written to ``folder``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".moocstudio-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise MoocstudioError(
            f"{folder}: cannot write the renditions here ({exc.strerror}); pick another folder"
        ) from exc


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _describe(item: Item) -> str:
    from moocstudio.model import Page, SlideDeck

    if isinstance(item, SlideDeck):
        hidden = len(item.slides) - len(item.visible_slides)
        extra = f", {hidden} hidden" if hidden else ""
        return f"slides “{item.title}” ({_count(len(item.slides), 'slide')}{extra})"
    if isinstance(item, Page):
        images = f", {_count(len(item.images), 'image')}" if item.images else ""
        return f"page “{item.title}”{images}"
    probe = item.probe
    parts = [_duration(probe.duration)]
    if probe.video and probe.video.display_size:
        width, height = probe.video.display_size
        parts.append(f"{width}x{height} {probe.video.codec}")
    if probe.audio:
        parts.append(f"audio {probe.audio.codec}")
    else:
        parts.append("no audio")
    if item.renditions:
        parts.append("renditions " + "/".join(r.label for r in item.renditions))
    if item.poster:
        parts.append("poster")
    for track in item.subtitles:
        parts.append(f"subtitles {track.language} ({track.status})")
    kind = "video" if probe.video else "audio"
    return f"{kind} “{item.title}” ({', '.join(parts)})"


def format_outline(course: Course) -> str:
    """The course outline as plain text, one line per module and item."""
    from moocstudio.model import Video

    items = course.all_items()
    video_seconds = sum(i.duration for i in items if isinstance(i, Video))
    lines = [course.title + (f" — {course.subtitle}" if course.subtitle else "")]
    licence = course.effective_licence().short_name
    lines.append(
        f"  {course.id} · language {course.language} · licence {licence}"
        f" · {_count(len(course.modules), 'module')}, {_count(len(items), 'item')},"
        f" {_duration(video_seconds)} of media"
    )
    if course.authors:
        lines.append("  by " + ", ".join(person.name for person in course.authors))
    for m_index, module in enumerate(course.modules, start=1):
        lines.append(f"{m_index}. {module.title}")
        for i_index, item in enumerate(module.items, start=1):
            licence = course.effective_licence(item).short_name
            own = "" if item.licence is None else " (own licence)"
            lines.append(f"   {m_index}.{i_index} {_describe(item)} · {licence}{own}")
    if not course.modules:
        lines.append("  (no modules yet: add files with 'moocstudio add')")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the CLI; user errors print one line and exit 2, ``--debug`` shows tracebacks."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="moocstudio", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("moocstudio: cancelled", err=True)
        sys.exit(ExitCode.CANCELLED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except MoocstudioError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"moocstudio: error: {exc.user_message}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("moocstudio: cancelled", err=True)
        sys.exit(ExitCode.CANCELLED)
    except Exception as exc:  # the last resort: never a bare traceback for the user
        if debug:
            traceback.print_exc()
        click.echo(
            f"moocstudio: internal error: {type(exc).__name__}: {exc}. "
            "Run again with --debug and report the traceback at "
            "https://github.com/moocstudio/moocstudio/issues",
            err=True,
        )
        sys.exit(ExitCode.INTERNAL)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)
