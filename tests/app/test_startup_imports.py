"""Start-up stays light: the heavy parts load only when first used.

Qt WebEngine (the preview), Qt Multimedia (the player), numpy (the waveform), PyAV (media
probing) and the site builder each cost tens of milliseconds and megabytes; none may load just
because the app opened a window and a course.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from moocstudio.model import Course
from moocstudio.model.store import create_course
from tests.waiting import EVENT_TIMEOUT_S

HEAVY = (
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "numpy",
    "av",
    "moocstudio.build.site",  # the site builder: jinja2, markdown, the importers
)

PROBE = """
import sys
from pathlib import Path
from moocstudio.app.main import make_application
from moocstudio.app.window import MainWindow
app = make_application(["moocstudio"])
window = MainWindow()
window.show()
app.processEvents()
window.open_course(Path(sys.argv[1]))
app.processEvents()
print(" ".join(sorted(name for name in sys.argv[2:] if name in sys.modules)))
"""


def test_opening_the_app_and_a_course_loads_none_of_the_heavy_modules(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    create_course(folder, Course(title="Léger", language="fr"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), *HEAVY],
        capture_output=True,
        text=True,
        timeout=EVENT_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
