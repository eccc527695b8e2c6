"""The jobs of a batch transcode: names kept apart, one key per output, the folder checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.errors import MoocstudioError
from moocstudio.media.batch_transcode import rendition_cache, require_writable, transcode_tasks
from moocstudio.media.cache import DerivedCache


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
