"""A dask.distributed cluster for batch jobs: connect, start one here, and probe what workers see.

dask.distributed is an optional extra; everything here says in one line how to install it
when it is missing. Workers read sources and write outputs through paths they all see (shared
storage): :func:`describe_workers` runs a tiny check on every worker, so a missing mount is
one clear error naming the worker and the path, before any job is submitted.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moocstudio import __version__
from moocstudio.errors import MoocstudioError
from moocstudio.jobs.runner import BatchStopped

if TYPE_CHECKING:
    from distributed import Client

INSTALL_HINT = "pip install 'moocstudio[distributed]'"
CONNECT_TIMEOUT_S = 10.0
"""How long connecting to a scheduler may take before the user is told why it failed."""


class DistributedMissing(MoocstudioError):
    """dask.distributed is not installed."""

    def __init__(self) -> None:
        super().__init__(f"running on a dask cluster needs dask.distributed: {INSTALL_HINT}")


class ClusterUnreachable(MoocstudioError):
    """The scheduler cannot be reached (wrong address, not running, firewall)."""


class ClusterLost(BatchStopped):
    """The scheduler went away while a batch ran."""


class WorkersCannotSee(MoocstudioError):
    """A worker cannot read a source or write an output: the shared storage is not mounted."""


def require_distributed() -> None:
    """Fail in one line, saying how to install it, when dask.distributed is missing.

    Raises:
        DistributedMissing: It is not installed.
    """
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DistributedMissing() from exc


def connect(address: str, *, timeout: float = CONNECT_TIMEOUT_S) -> Client:
    """A client of the scheduler at ``address`` (``tcp://host:8786``).

    Raises:
        DistributedMissing: dask.distributed is not installed.
        ClusterUnreachable: No scheduler answered there, in plain words.
    """
    require_distributed()
    from distributed import Client

    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterUnreachable(
            f"cannot reach a dask scheduler at {address} ({_reason(exc)}); check the address "
            "and that 'dask scheduler' runs there and its port is open"
        ) from exc


def scheduler_address(client: Client) -> str:
    """The address of the scheduler ``client`` talks to."""
    return str(getattr(client.scheduler, "address", "") or "the dask scheduler")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    if isinstance(exc, TimeoutError):
        return "no answer"
    return text[0] if text else type(exc).__name__


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[Client]:
    """A LocalCluster of ``workers`` processes (one thread each) on this machine, and its client.

    Everything stops when the block ends.

    Raises:
        DistributedMissing: dask.distributed is not installed.
    """
    require_distributed()
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


@dataclass(frozen=True)
class WorkerReport:
    """One worker as ``moocstudio cluster`` shows it.

    Attributes:
        address: Its address, e.g. ``tcp://10.0.0.5:40123``.
        host: The machine it runs on.
        threads: Jobs it runs at once.
        cores: CPU cores of its machine.
        memory: Its memory limit in bytes (0 when unlimited).
        version: The moocstudio version installed there.
        problems: Paths it cannot read or write, each with the reason.
    """

    address: str
    host: str
    threads: int
    cores: int
    memory: int
    version: str
    problems: tuple[str, ...] = field(default=())


def check_paths(readable: Sequence[str], writable: Sequence[str]) -> dict[str, Any]:
    """Run on a worker: what it can see of the batch's paths, and about itself.

    Writable folders are created when missing, then written to and cleaned up, as the job will.
    """
    problems = []
    for path in readable:
        try:
            with Path(path).open("rb") as source:
                source.read(1)
        except OSError as exc:
            problems.append(f"cannot read {path} ({exc.strerror or exc})")
    for folder in writable:
        probe = Path(folder) / f".moocstudio-probe-{uuid.uuid4().hex}"
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            problems.append(f"cannot write in {folder} ({exc.strerror or exc})")
    return {
        "problems": problems,
        "version": __version__,
        "host": socket.gethostname(),
        "cores": os.cpu_count() or 1,
    }


def describe_workers(
    client: Client, readable: Sequence[Path] = (), writable: Sequence[Path] = ()
) -> list[WorkerReport]:
    """Every worker of the cluster, with what it sees of ``readable`` and ``writable``.

    Raises:
        ClusterUnreachable: The scheduler has no workers.
        ClusterLost: The scheduler went away meanwhile.
    """
    info = client.scheduler_info(n_workers=-1)["workers"]
    if not info:
        raise ClusterUnreachable(
            f"the dask scheduler at {scheduler_address(client)} has no workers; start some with "
            f"'dask worker {scheduler_address(client)}'"
        )
    try:
        seen = client.run(
            check_paths, [str(p) for p in readable], [str(p) for p in writable], on_error="return"
        )
    except OSError as exc:
        raise ClusterLost(f"lost the dask scheduler at {scheduler_address(client)}") from exc
    reports = []
    for address, worker in sorted(info.items()):
        answer = seen.get(address)
        if isinstance(answer, BaseException) or answer is None:
            # Most often moocstudio is missing there: the check is one of its functions.
            answer = {
                "problems": [f"cannot run moocstudio's check ({_reason(answer or OSError())})"],
                "version": "?",
                "host": worker.get("host", "?"),
                "cores": worker.get("nthreads", 0),
            }
        reports.append(
            WorkerReport(
                address=address,
                host=str(answer["host"]),
                threads=int(worker.get("nthreads", 1)),
                cores=int(answer["cores"]),
                memory=int(worker.get("memory_limit") or 0),
                version=str(answer["version"]),
                problems=tuple(answer["problems"]),
            )
        )
    return reports


def require_paths_seen(
    client: Client, readable: Sequence[Path], writable: Sequence[Path]
) -> list[WorkerReport]:
    """Check before submitting that every worker can read the sources and write the outputs.

    Raises:
        WorkersCannotSee: One error naming the worker(s) and the first path each cannot use.
        ClusterUnreachable: The scheduler has no workers.
    """
    reports = describe_workers(client, readable, writable)
    blind = [r for r in reports if r.problems]
    if blind:
        first = "; ".join(f"worker {r.address} on {r.host} {r.problems[0]}" for r in blind)
        raise WorkersCannotSee(
            f"{first}. Workers read sources and write outputs through the same paths: mount "
            "the shared folder at the same place on every worker"
        )
    mismatched = [r for r in reports if r.version != __version__]
    if mismatched:
        raise WorkersCannotSee(
            f"worker {mismatched[0].address} has moocstudio {mismatched[0].version}, this "
            f"machine {__version__}: install the same version on every worker"
        )
    return reports


def set_up_workers(client: Client, setups: Sequence[Callable[[], object]]) -> None:
    """Run ``setups`` in every worker process now, and in each worker that (re)starts later."""
    from moocstudio.jobs.worker_setup import set_up_workers as register

    register(client, setups)


def format_workers(reports: Sequence[WorkerReport], *, checked: bool) -> list[str]:
    """One line per worker (address, host, jobs at once, cores, memory, version, paths)."""
    lines = [f"{len(reports)} worker{'s' if len(reports) != 1 else ''}:"]
    for report in reports:
        memory = f"{report.memory / 2**30:.1f} GiB" if report.memory else "no memory limit"
        seen = ""
        if report.problems:
            seen = " · " + "; ".join(report.problems)
        elif checked:
            seen = " · sees every path"
        lines.append(
            f"  {report.address} on {report.host}: {report.threads} at once, "
            f"{report.cores} cores, {memory}, moocstudio {report.version}{seen}"
        )
    return lines
