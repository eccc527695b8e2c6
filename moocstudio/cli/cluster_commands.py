"""Batches on this machine or a dask cluster: the shared options, the runner, ``cluster``."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from moocstudio.cli.group import Command, cli

T = TypeVar("T")

if TYPE_CHECKING:
    from concurrent.futures import Future

    from rich.console import Console

    from moocstudio.jobs.batch import BatchItem, BatchOutcome
    from moocstudio.jobs.remote import DaskJobExecutor
    from moocstudio.jobs.runner import JobHandle, Runner

SCHEDULER_ENV = "MOOCSTUDIO_SCHEDULER"


def scheduler_option() -> Callable[[Command], Command]:
    """``--scheduler ADDRESS``: run the batch on an existing dask cluster."""
    return click.option(
        "--scheduler",
        metavar="ADDRESS",
        envvar=SCHEDULER_ENV,
        default=None,
        help="Run on the dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
        f"needs the distributed extra. Default: ${SCHEDULER_ENV}.",
    )


def workers_option() -> Callable[[Command], Command]:
    """``--workers N``: run the batch on a dask LocalCluster of N processes on this machine."""
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Run on N dask worker processes on this machine (one encode each); "
        "needs the distributed extra.",
    )


@dataclass
class BatchRunner:
    """Where a batch runs: the Runner, and the dask executor behind it on a cluster."""

    runner: Runner
    executor: DaskJobExecutor | None = None

    def restarts(self, future: Future[Any]) -> int:
        """Times the job of ``future`` started again after its worker was lost (0 locally)."""
        return self.executor.restarts(future) if self.executor is not None else 0


@contextlib.contextmanager
def batch_runner(
    *,
    jobs: int | None,
    count: int,
    scheduler: str | None = None,
    workers: int | None = None,
    readable: Sequence[Path] = (),
    writable: Sequence[Path] = (),
) -> Iterator[BatchRunner]:
    """The runner of a batch of ``count`` jobs: local threads, a LocalCluster or a cluster.

    On a cluster, every worker must first show it can read ``readable`` and write ``writable``.

    Raises:
        click.UsageError: Both --scheduler and --workers.
        MoocstudioError: dask.distributed missing, the scheduler unreachable, a worker blind
            to a path.
    """
    from moocstudio.jobs.runner import Runner, choose_concurrency, manual_concurrency

    if scheduler and workers:
        raise click.UsageError("use --scheduler or --workers, not both")
    if not scheduler and not workers:
        concurrency = manual_concurrency(jobs) if jobs else choose_concurrency(count)
        with Runner(concurrency=concurrency) as runner:
            yield BatchRunner(runner)
        return
    from moocstudio.jobs.cluster import (
        connect,
        local_cluster,
        require_paths_seen,
        set_up_workers,
    )
    from moocstudio.jobs.remote import DaskJobExecutor
    from moocstudio.jobs.runner import Concurrency
    from moocstudio.media.process import run_children_in_background, stop_children_with_parent

    quiet_dask_logs()
    with connect(scheduler) if scheduler else local_cluster(workers or 1) as client:
        require_paths_seen(client, readable, writable)
        # ffmpeg dies with a worker killed outright; on this machine it runs niced, as the app's.
        set_up_workers(
            client,
            [stop_children_with_parent] + ([] if scheduler else [run_children_in_background]),
        )
        executor = DaskJobExecutor(client, files_at_once=jobs)
        try:
            # Threads per job are chosen on each worker, for its own cores.
            with Runner(executor, concurrency=Concurrency(jobs or count, 0)) as runner:
                yield BatchRunner(runner, executor)
        finally:
            executor.shutdown()


@dataclass(frozen=True)
class Where:
    """Where a batch runs: ``--jobs``, ``--scheduler``/``--workers``, and the paths it uses."""

    jobs: int | None
    scheduler: str | None
    workers: int | None
    readable: Sequence[Path] = ()
    writable: Sequence[Path] = ()


def run_with_bars(
    items: Sequence[BatchItem[T]],
    where: Where,
    *,
    show: Callable[[Console, T], None] | None = None,
) -> tuple[BatchOutcome[T], int]:
    """Run ``items`` where asked, with a bar per item and one overall.

    Args:
        items: The jobs.
        where: Where they run.
        show: Prints an item's result under the bars as it ends.

    Returns:
        The outcome, and how many jobs started again after their worker was lost.
    """
    from moocstudio.cli_progress import batch_bars
    from moocstudio.jobs.batch import run_batch

    restarted = 0
    with (
        batch_runner(
            jobs=where.jobs,
            count=len(items),
            scheduler=where.scheduler,
            workers=where.workers,
            readable=where.readable,
            writable=where.writable,
        ) as running,
        batch_bars([item.name for item in items]) as bars,
    ):

        def done(name: str, handle: JobHandle[T], failure: str | None) -> None:
            nonlocal restarted
            restarted += running.restarts(handle.future) > 0
            bars.finish(name, "failed" if failure else handle.progress.stage)
            if show is not None and not failure:
                show(bars.bars.console, handle.future.result())

        outcome = run_batch(running.runner, items, progress_for=bars.callback, on_done=done)
    return outcome, restarted


def quiet_dask_logs() -> None:
    """Keep dask's own log (tracebacks when the scheduler goes away) off the user's terminal.

    Its failures reach the user as moocstudio's one-line errors; ``--debug`` shows the log.

    Raises:
        DistributedMissing: dask.distributed is not installed (how to install it, one line).
    """
    from moocstudio.jobs.cluster import require_distributed

    require_distributed()  # its import also sets up the handlers quieted here
    if logging.getLogger("moocstudio").isEnabledFor(logging.DEBUG):
        return

    # dask's config gives its modules' loggers their own levels; their records all end in
    # the "distributed" logger's handlers, so those are what must let nothing through.
    dask_log = logging.getLogger("distributed")
    dask_log.setLevel(logging.CRITICAL)
    for handler in dask_log.handlers:
        handler.setLevel(logging.CRITICAL)


def retried_note(restarted: int, what: str = "file") -> str:
    """The summary's words on jobs started again after a worker was lost ('' when none)."""
    if not restarted:
        return ""
    return f"{restarted} {what}{'' if restarted == 1 else 's'} retried after a worker was lost"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar=SCHEDULER_ENV,
    required=True,
    help=f"The dask scheduler, e.g. tcp://host:8786 (default: ${SCHEDULER_ENV}).",
)
@click.option(
    "--output",
    "-o",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder the batch will write to: each worker must be able to write there.",
)
def cluster(paths: tuple[Path, ...], scheduler: str, out_dir: Path | None) -> None:
    """List the cluster's workers, their cores and memory, and whether each sees PATHS.

    PATHS are the videos (files or folders) a batch would read; with --output, the folder it
    would write to. Exits 2 when a worker cannot use one of them.
    """
    from moocstudio.errors import ExitCode, MoocstudioError
    from moocstudio.jobs.cluster import connect, describe_workers, format_workers
    from moocstudio.media.batch_transcode import rendition_cache
    from moocstudio.media.sources import collect_sources

    quiet_dask_logs()
    files = collect_sources(paths).files if paths else []
    writable = [out_dir, rendition_cache().root] if out_dir is not None else []
    with connect(scheduler) as client:
        reports = describe_workers(client, files, writable)
    for line in format_workers(reports, checked=bool(files or writable)):
        click.echo(line)
    if any(report.problems for report in reports):
        raise MoocstudioError(
            "some workers cannot see the batch's paths: mount the shared folder at the same "
            "place on every worker",
            ExitCode.USER_ERROR,
        )
