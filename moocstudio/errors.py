"""Typed errors: each carries the sentence a user reads and an exit code."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes of the command-line face."""

    OK = 0
    INTERNAL = 1
    USER_ERROR = 2
    CANCELLED = 130


class MoocstudioError(Exception):
    """An error the user can act on.

    Args:
        user_message: One or two plain sentences naming the file and what to do.
        exit_code: The exit code the command-line face returns.
    """

    exit_code: ExitCode = ExitCode.USER_ERROR

    def __init__(self, user_message: str, exit_code: ExitCode | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        if exit_code is not None:
            self.exit_code = exit_code

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take other arguments than the message, so the default pickling (calling
        # the class with ``args``) fails; errors raised on a dask worker must reach the client.
        return _restore_error, (type(self), self.args, self.__dict__)


def _restore_error(
    cls: type[MoocstudioError], args: tuple[object, ...], state: dict[str, object]
) -> MoocstudioError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class FileProblem(MoocstudioError):
    """Something is wrong with one file: the message is ``<path>: <problem>``."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class CourseFileError(FileProblem):
    """course.json is missing, unreadable, invalid or from a newer moocstudio."""


class ImportFailed(FileProblem):
    """A source file cannot be imported (corrupt, encrypted, wrong kind)."""


class MediaDecodeError(ImportFailed):
    """A media file cannot be read as audio or video."""


class ToolNotFound(MoocstudioError):
    """An external program (ffmpeg, soffice, pdftoppm...) is not installed or cannot be run."""

    def __init__(self, program: str, advice: str = "") -> None:
        advice = advice or "install it, or add the folder that holds it to PATH"
        super().__init__(f"{program} was not found: {advice}")
        self.program = program
        self.advice = advice


class ToolTimedOut(MoocstudioError):
    """An external program ran longer than its time limit and was stopped."""

    def __init__(self, program: str, timeout: float, stderr_tail: str = "") -> None:
        super().__init__(
            f"{program} did not finish within {timeout:g} seconds and was stopped; "
            "try again, or with a smaller file"
        )
        self.program = program
        self.timeout = timeout
        self.stderr_tail = stderr_tail


class Cancelled(MoocstudioError):
    """The user cancelled the work; whatever it was writing has been removed."""

    exit_code = ExitCode.CANCELLED

    def __init__(self, what: str = "") -> None:
        super().__init__(f"{what}: cancelled" if what else "cancelled")


class FfmpegNotFound(MoocstudioError):
    """No usable ffmpeg binary (with libx264 and aac) could be found."""


class FfmpegTooOld(MoocstudioError):
    """The ffmpeg found is older than moocstudio needs, or lacks an encoder or filter."""


class EncodeFailed(FileProblem):
    """ffmpeg ran but could not produce the output."""

    def __init__(self, path: Path, problem: str, stderr_tail: str = "") -> None:
        super().__init__(path, problem)
        self.stderr_tail = stderr_tail
