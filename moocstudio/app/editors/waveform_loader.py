"""Fill a waveform strip with a video's peaks: a job on the JobCenter, or the cache at once.

The strip says what is happening meanwhile (reading, how far, why not), in the app's language.
Two strips asking for the same video share one job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from moocstudio.app.editors.waveform import WaveformStrip
from moocstudio.app.jobs import WAVEFORM_KIND, JobCenter, JobConflict, JobRecord
from moocstudio.media.peaks import Waveform
from moocstudio.media.waveform_cache import waveform_job
from moocstudio.model import Video
from moocstudio.progress import Progress

KIND = WAVEFORM_KIND
_running: dict[tuple[int, str], JobRecord] = {}  # (JobCenter, job key) -> its record


class WaveformLoader(QObject):
    """Loads waveforms into one strip; it lives and dies with the strip."""

    def __init__(self, strip: WaveformStrip, jobs: JobCenter) -> None:
        super().__init__(strip)
        self.strip = strip
        self.jobs = jobs
        self.record: JobRecord | None = None

    def load(self, folder: Path, video: Video) -> JobRecord | None:
        """Show ``video``'s waveform in the strip, computing it off the GUI thread if needed.

        Returns:
            The job's record (already ended when the cache had it), or None for a video
            without sound, which the strip then says.
        """
        self._disconnect()
        self.strip.set_waveform(None)
        self.strip.set_duration(video.probe.duration)
        if video.probe.audio is None:
            self.strip.set_message(self.tr("This video has no sound track"))
            return None
        self.strip.set_message(self.tr("Reading the sound track…"))
        key = (id(self.jobs), f"{video.id}-{KIND}")
        record = _running.get(key)
        if record is None or record.state not in ("queued", "running"):
            name = self.tr("Waveform of %1").replace("%1", video.source.original_name)
            try:
                record = self.jobs.submit(name, waveform_job(folder, video), kind=KIND, key=key[1])
            except JobConflict:  # submitted elsewhere, not through a loader
                self.strip.set_message(self.tr("The waveform is being computed by another job"))
                return None
            _running[key] = record
            record.ended.connect(lambda: _running.pop(key, None))
        self.record = record
        record.progressed.connect(self._progressed)
        record.succeeded.connect(self._succeeded)
        record.failed.connect(self._failed)
        record.cancelled.connect(self._cancelled)
        return record

    def detach(self) -> None:
        """Stop feeding the strip (it is being replaced); a running job goes on for the cache."""
        self._disconnect()

    def _disconnect(self) -> None:
        if self.record is not None:
            for signal, slot in (
                (self.record.progressed, self._progressed),
                (self.record.succeeded, self._succeeded),
                (self.record.failed, self._failed),
                (self.record.cancelled, self._cancelled),
            ):
                signal.disconnect(slot)
            self.record = None

    def _progressed(self, progress: Progress) -> None:
        percent = str(round(progress.fraction * 100))
        self.strip.set_message(self.tr("Reading the sound track… %1 %").replace("%1", percent))

    def _succeeded(self, waveform: Waveform) -> None:
        self.strip.set_waveform(waveform)

    def _failed(self, message: str) -> None:
        self.strip.set_message(self.tr("No waveform: %1").replace("%1", message))

    def _cancelled(self) -> None:
        self.strip.set_message(self.tr("The waveform was not computed (cancelled)"))
