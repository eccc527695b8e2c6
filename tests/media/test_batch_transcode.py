"""The jobs of a batch transcode: names kept apart, one key per output, the folder checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.errors import Cancelled, MoocstudioError
from moocstudio.media.batch_transcode import rendition_cache, require_writable, transcode_tasks
from moocstudio.media.cache import DerivedCache
from moocstudio.progress import CancelToken, JobContext, Progress


def test_sources_with_the_same_name_get_their_own_outputs(tmp_path: Path) -> None:
    files = [tmp_path / "a" / "intro.mp4", tmp_path / "b" / "Intro.mp4", tmp_path / "talk.mov"]
    out = tmp_path / "out"
    tasks = transcode_tasks(files, out, cache=DerivedCache(tmp_path / "cache"))
    assert [task.source for task in tasks] == files
    assert [task.stem for task in tasks] == ["intro", "Intro-2", "talk"]
    assert [task.key for task in tasks] == [
        str(out.resolve() / stem) for stem in ("intro", "Intro-2", "talk")
    ]
    assert all(callable(task.job) for task in tasks)


def test_the_user_cache_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOOCSTUDIO_CACHE_DIR", str(tmp_path / "cache"))
    assert rendition_cache().root == tmp_path / "cache" / "renditions"


def test_an_unwritable_folder_is_refused_in_plain_words(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(MoocstudioError, match="cannot write the renditions here"):
        require_writable(blocker / "out")
    require_writable(tmp_path / "new" / "out")
    assert list((tmp_path / "new" / "out").iterdir()) == []


def test_a_cancel_that_comes_as_the_encode_ends_publishes_nothing(
    tmp_path: Path, make_clip
) -> None:
    clip = make_clip("talk.mp4", seconds=1.0)
    out = tmp_path / "out"
    task = transcode_tasks([clip], out, cache=DerivedCache(tmp_path / "cache"))[0]
    token = CancelToken()

    def cancel_when_done(progress: Progress) -> None:
        if progress.stage == "done":  # the renditions are made; publishing comes next
            token.cancel()

    with pytest.raises(Cancelled):
        task.job(JobContext(cancel_when_done, token))
    assert not out.exists() or list(out.iterdir()) == []
    # Made whole, they stay in the cache: the next run publishes them without encoding again.
    stages: list[str] = []
    again = task.job(JobContext(lambda progress: stages.append(progress.stage), CancelToken()))
    assert [path.name for path in again] == ["talk-240p.mp4"]
    assert stages[-1] == "cached" and "encode" not in stages
