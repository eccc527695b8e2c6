"""Set up every worker of a dask cluster, now and whenever one (re)starts, before its jobs.

Imported only once dask.distributed is known to be installed (see ``cluster.require_distributed``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from distributed import Client, WorkerPlugin

PLUGIN_NAME = "moocstudio-worker-setup"


class WorkerSetup(WorkerPlugin):
    """Calls each setup function in the worker's process when the worker starts."""

    name = PLUGIN_NAME

    def __init__(self, setups: Sequence[Callable[[], object]]) -> None:
        self.setups = tuple(setups)

    def setup(self, worker: Any) -> None:
        """Run every setup function (a worker the nanny restarted gets them again)."""
        for setup in self.setups:
            setup()


def set_up_workers(client: Client, setups: Sequence[Callable[[], object]]) -> None:
    """Run ``setups`` on every worker of ``client``'s cluster, and on every worker to come."""
    client.register_plugin(WorkerSetup(setups), name=PLUGIN_NAME)
