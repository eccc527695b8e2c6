"""Batches on this machine or a dask cluster: the shared options, the runner, ``cluster``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from moocstudio.cli.group import Command, cli

if TYPE_CHECKING:
    from concurrent.futures import Future

    from moocstudio.jobs.remote import DaskJobExecutor
    from moocstudio.jobs.runner import Runner

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


def retried_note(restarted: int) -> str:
    """The summary's note on jobs started again after a worker was lost ('' when none)."""
    if not restarted:
        return ""
    files = "file was" if restarted == 1 else "files were"
    return f" ({restarted} {files} retried after a worker was lost)"


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
