"""Run the ffmpeg command line: machine-readable progress, cancel, and errors in plain words.

Every ffmpeg run goes through :func:`run_ffmpeg`, which adds the common options (no stdin
prompts, overwrite the temporary output, ``-progress pipe:1`` for key=value progress reports,
errors only on stderr) and turns a failure into an :class:`EncodeFailed` naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from moocstudio.errors import EncodeFailed
from moocstudio.media.process import CompletedRun, run
from moocstudio.media.tools import FfmpegTool, find_ffmpeg
from moocstudio.progress import (
    CancelToken,
    EtaEstimator,
    Progress,
    ProgressCallback,
    ignore_progress,
)

COMMON_OPTIONS = ("-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-nostats")
# Reports four times a second (ffmpeg's default is two): progress that crosses a dask cluster
# must still arrive at least twice a second per file (issue #16).
PROGRESS_OPTIONS = ("-progress", "pipe:1", "-stats_period", "0.25")


@dataclass
class FfmpegProgressParser:
    """Turns ffmpeg's ``-progress`` key=value lines into Progress reports.

    ffmpeg writes a block of ``key=value`` lines ending with ``progress=continue`` (or
    ``progress=end``) every ``-stats_period``; ``out_time_us`` is the output position.
    """

    duration: float | None
    on_progress: ProgressCallback
    stage: str = "encode"
    message: str = ""
    _position: float = 0.0
    _eta: EtaEstimator = field(default_factory=EtaEstimator)

    def feed(self, line: str) -> None:
        """Take one line of ffmpeg's progress output."""
        key, _, value = line.strip().partition("=")
        # out_time_ms is also in microseconds (an old ffmpeg naming mistake kept for compatibility)
        if key in ("out_time_us", "out_time_ms") and value.lstrip("-").isdigit():
            self._position = max(self._position, int(value) / 1_000_000)
        elif key == "progress":
            fraction = 1.0 if value == "end" else self.fraction
            self.on_progress(
                Progress(
                    fraction=fraction,
                    stage=self.stage,
                    eta=0.0 if value == "end" else self._eta.eta(fraction),
                    message=self.message,
                )
            )

    @property
    def fraction(self) -> float:
        """Share of the duration done, 0 when the duration is unknown."""
        if not self.duration or self.duration <= 0:
            return 0.0
        return min(1.0, self._position / self.duration)


def user_problem(stderr_tail: str) -> str:
    """The most telling line of ffmpeg's error output, for a user-facing message."""
    lines = [line.strip() for line in stderr_tail.splitlines() if line.strip()]
    if not lines:
        return "ffmpeg stopped without saying why"
    # ffmpeg ends with generic lines ("Conversion failed!"); the cause is the line before.
    generic = ("conversion failed", "error while", "nothing was written")
    for line in reversed(lines):
        if not line.lower().startswith(generic):
            return line
    return lines[-1]


def run_ffmpeg(
    args: Sequence[str | os.PathLike[str]],
    *,
    source: Path,
    duration: float | None = None,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
    stage: str = "encode",
    message: str = "",
    tool: FfmpegTool | None = None,
) -> CompletedRun:
    """Run ffmpeg with ``args`` (inputs, filters, outputs), reporting progress.

    Args:
        args: Everything after the common options, as a list (never a shell string).
        source: The file being worked on, named in errors.
        duration: Expected output duration in seconds, for the progress fraction.
        on_progress: Receives Progress reports (from a reader thread).
        cancel: Stops ffmpeg (interrupt, terminate, kill) when set.
        stage: Stage name put in the reports.
        message: Message put in the reports.
        tool: The ffmpeg to use; found with find_ffmpeg() by default.

    Raises:
        EncodeFailed: ffmpeg exited with an error; the message quotes its cause.
        Cancelled: ``cancel`` was set.
    """
    ffmpeg = tool or find_ffmpeg()
    parser = FfmpegProgressParser(duration, on_progress, stage, message)
    argv = [ffmpeg.path, *COMMON_OPTIONS, *PROGRESS_OPTIONS, *(os.fspath(a) for a in args)]
    result = run(argv, cancel=cancel, on_stdout_line=parser.feed)
    if not result.ok:
        raise EncodeFailed(
            source,
            f"ffmpeg failed ({user_problem(result.stderr_tail)})",
            result.stderr_tail,
        )
    return result
