"""The guard of the user's moocstudio folders catches what a test could do to them.

Each case runs in a fresh Python process that starts a run of its own, as pytest does, with a
stand-in for the developer's home and an exported ``MOOCSTUDIO_CACHE_DIR`` that holds a file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.user_folders import PRIVATE_HOME_VARIABLE, UserFolders

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows' known folders do not follow HOME"
)
ROOT = Path(__file__).resolve().parents[1]


def start_run_and(action: str, developer: Path) -> dict[str, object]:
    """Start a run (with its private home), do ``action``, and return what the guard says."""
    script = textwrap.dedent(
        """
        import json, os, sys
        from pathlib import Path
        from tests.user_folders import enter_private_home
        guard = enter_private_home()
        error = None
        try:
        {action}
        except OSError as exc:
            error = type(exc).__name__
        print(json.dumps({{"violations": guard.violations(), "error": error}}))
        guard.remove_home()
        """
    ).format(action=textwrap.indent(textwrap.dedent(action), "    "))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "MOOCSTUDIO_")) and key != PRIVATE_HOME_VARIABLE
    }
    env |= {
        "HOME": str(developer / "home"),
        "MOOCSTUDIO_CACHE_DIR": str(developer / "exported-cache"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def developer(tmp_path: Path) -> Path:
    """A developer's home with real moocstudio files, and an exported cache folder."""
    real_cache = tmp_path / "home" / ".cache" / "moocstudio"
    real_cache.mkdir(parents=True)
    (real_cache / "kept.txt").write_text("the developer's", encoding="utf-8")
    exported = tmp_path / "exported-cache"
    exported.mkdir()
    (exported / "renditions.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_a_run_that_leaves_the_folders_alone_passes(developer: Path) -> None:
    said = start_run_and("pass", developer)
    assert said == {"violations": [], "error": None}


def test_writing_to_the_default_folders_fails_on_the_spot(developer: Path) -> None:
    said = start_run_and(
        """
        del os.environ["MOOCSTUDIO_CACHE_DIR"]  # as if a test forgot its own folders
        from moocstudio.paths import user_cache_dir
        assert "moocstudio-tests-home-" in str(user_cache_dir())  # not the developer's
        (user_cache_dir() / "i18n").mkdir(parents=True, exist_ok=True)
        """,
        developer,
    )
    assert said["error"] in {"FileExistsError", "NotADirectoryError"}
    assert (developer / "home" / ".cache" / "moocstudio" / "kept.txt").is_file()
    assert not (developer / "home" / ".cache" / "moocstudio" / "i18n").exists()


def test_a_tripwire_swapped_for_a_folder_is_reported(developer: Path) -> None:
    said = start_run_and(
        """
        import platformdirs
        place = Path(platformdirs.user_config_dir("moocstudio", appauthor=False))
        place.unlink()
        place.mkdir()
        (place / "settings.ini").write_text("[General]")
        """,
        developer,
    )
    violations = said["violations"]
    assert isinstance(violations, list)
    assert any(line.endswith("/.config/moocstudio/settings.ini appeared") for line in violations)


def test_a_change_that_keeps_size_and_modification_time_is_reported(developer: Path) -> None:
    said = start_run_and(
        """
        target = Path(os.environ["MOOCSTUDIO_CACHE_DIR"]) / "renditions.json"
        before = target.stat()
        target.write_text("[]")  # same size
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
        """,
        developer,
    )
    assert said["violations"] == [f"{developer / 'exported-cache' / 'renditions.json'} was changed"]


def test_a_file_written_then_removed_is_reported(developer: Path) -> None:
    said = start_run_and(
        """
        scratch = Path(os.environ["MOOCSTUDIO_CACHE_DIR"]) / "scratch.part"
        scratch.write_text("x")
        scratch.unlink()
        """,
        developer,
    )
    assert said["violations"] == [f"{developer / 'exported-cache'} was changed"]


def test_each_test_and_the_programs_it_starts_get_their_own_folders(
    user_folders: UserFolders,
) -> None:
    code = "import os, platformdirs; print(os.environ['MOOCSTUDIO_DATA_DIR']); " + (
        "print(platformdirs.user_data_dir('moocstudio', appauthor=False))"
    )
    said = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert said[0] == str(user_folders.data)
    assert os.environ[PRIVATE_HOME_VARIABLE] in said[1]  # the run's private home, not ~
