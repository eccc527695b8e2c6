"""Typed errors survive pickling (a dask worker sends them back) and cancel reaches callbacks."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from moocstudio.errors import (
    Cancelled,
    EncodeFailed,
    ExitCode,
    MediaDecodeError,
    MoocstudioError,
    ToolNotFound,
    ToolTimedOut,
)
from moocstudio.progress import CancelToken


@pytest.mark.parametrize(
    "error",
    [
        MoocstudioError("plain", ExitCode.INTERNAL),
        MediaDecodeError(Path("/lectures/week 1.mp4"), "the file seems incomplete"),
        EncodeFailed(Path("a.mp4"), "no space left", "tail of stderr"),
        ToolNotFound("ffmpeg"),
        ToolTimedOut("soffice", 60.0, "stderr"),
        Cancelled("a.mp4"),
    ],
)
def test_every_typed_error_comes_back_whole_from_pickling(error: MoocstudioError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert again.user_message == error.user_message
    assert again.exit_code == error.exit_code
    assert str(again) == str(error)
    assert again.__dict__ == error.__dict__


def test_cancel_calls_each_callback_once_and_late_ones_at_once() -> None:
    token = CancelToken()
    calls: list[str] = []
    token.add_callback(lambda: calls.append("early"))
    token.cancel()
    token.cancel()
    token.add_callback(lambda: calls.append("late"))
    assert calls == ["early", "late"]
    assert token.cancelled
