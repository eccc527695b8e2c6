"""Rich progress bars for the command line: one bar per job and one for the whole batch.

The jobs report through plain ``Progress`` callbacks from worker threads; rich's Progress is
thread-safe, so each callback only records the latest fraction and stage.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import (
    Progress as RichProgress,
)

from moocstudio.progress import Progress, ProgressCallback


@dataclass
class BatchBars:
    """Bars for a batch of named jobs: ``callback(name)`` feeds one job's bar."""

    bars: RichProgress
    overall: TaskID
    tasks: dict[str, TaskID]

    def callback(self, name: str) -> ProgressCallback:
        """A progress callback for the job called ``name``."""
        task = self.tasks[name]

        def report(progress: Progress) -> None:
            self.bars.update(
                task, completed=progress.fraction * 100, stage=progress.stage or "working"
            )
            self._update_overall()

        return report

    def finish(self, name: str, outcome: str) -> None:
        """Mark a job done (or failed, or cancelled) with a word for the user."""
        self.bars.update(self.tasks[name], completed=100, stage=outcome)
        self._update_overall()

    def _update_overall(self) -> None:
        done = sum(t.completed for t in self.bars.tasks if t.id != self.overall)
        self.bars.update(self.overall, completed=done / max(1, len(self.tasks)))


@contextmanager
def batch_bars(names: Sequence[str], *, console: Console | None = None) -> Iterator[BatchBars]:
    """Show a bar per name plus an overall bar while the block runs (on stderr)."""
    bars = RichProgress(
        TextColumn("{task.description}", justify="left"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("[dim]{task.fields[stage]}"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        transient=False,
    )
    with bars:
        overall = bars.add_task("[bold]all files", total=100, stage="")
        tasks = {name: bars.add_task(_short(name), total=100, stage="queued") for name in names}
        yield BatchBars(bars=bars, overall=overall, tasks=tasks)


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else "…" + name[-(width - 1) :]


@contextmanager
def one_bar(description: str, *, console: Console | None = None) -> Iterator[ProgressCallback]:
    """Show one bar while the block runs (on stderr); yield the callback that moves it.

    The bar goes once the block ends (the command prints its own result), and is not drawn at
    all when stderr is no terminal.
    """
    console = console or Console(stderr=True)
    bars = RichProgress(
        TextColumn("{task.description}", justify="left"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("[dim]{task.fields[stage]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    with bars:
        task = bars.add_task(description, total=100, stage="")

        def report(progress: Progress) -> None:
            stage = f"{progress.stage} {progress.message}".strip()
            bars.update(task, completed=progress.fraction * 100, stage=stage)

        yield report
