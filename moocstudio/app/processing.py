"""Where batch transcodes run: this computer (default) or a dask cluster, as Preferences say.

The choice lives in QSettings; :class:`ClusterCheck` is the Preferences' Test button: it connects
off the GUI thread and says, in plain words, which workers answered or why none could.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSettings, Signal

from moocstudio.errors import MoocstudioError

WHERE_KEY = "processing/where"
SCHEDULER_KEY = "processing/scheduler"
THIS_COMPUTER, DASK_CLUSTER = "local", "cluster"


def cluster_address() -> str | None:
    """The scheduler batches go to, or None when they run on this computer."""
    settings = QSettings()
    if str(settings.value(WHERE_KEY, THIS_COMPUTER)) != DASK_CLUSTER:
        return None
    address = str(settings.value(SCHEDULER_KEY, "") or "").strip()
    return address or None


def save_processing(where: str, scheduler: str) -> None:
    """Remember where batches run (``THIS_COMPUTER`` or ``DASK_CLUSTER``) and the scheduler."""
    settings = QSettings()
    settings.setValue(WHERE_KEY, where)
    settings.setValue(SCHEDULER_KEY, scheduler.strip())


class ClusterCheck(QObject):
    """Connects to a scheduler on a thread and lists its workers.

    Signals:
        answered: ``(ok, text)``: the workers, one per line, or why it cannot connect.
    """

    answered = Signal(bool, str)

    def start(self, address: str) -> None:
        """Check ``address`` in the background; ``answered`` comes on the GUI thread."""
        threading.Thread(target=self._check, args=(address,), daemon=True).start()

    def _check(self, address: str) -> None:
        from moocstudio.jobs.cluster import connect, describe_workers, format_workers

        if not address.strip():
            self.answered.emit(False, self.tr("Enter the scheduler's address first."))
            return
        try:
            with connect(address.strip()) as client:
                reports = describe_workers(client)
        except MoocstudioError as exc:
            self.answered.emit(False, exc.user_message)
            return
        self.answered.emit(True, "\n".join(format_workers(reports, checked=False)))
