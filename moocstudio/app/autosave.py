"""Autosave: every minute with changes, the course goes to ``.moocstudio/autosave/course.json``.

The real course.json is only written when the author saves. A normal save or an explicit
"discard" removes the autosave; one left behind means the app did not close normally, so the
next open offers to restore it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer

from moocstudio.app.document import CourseDocument
from moocstudio.atomic import atomic_write_bytes
from moocstudio.model import Course
from moocstudio.model.store import DERIVED_DIR, course_file

AUTOSAVE_INTERVAL_MS = 60_000


def autosave_file(folder: Path) -> Path:
    """Where the autosave of the course in ``folder`` goes."""
    return Path(folder) / DERIVED_DIR / "autosave" / "course.json"


def pending_autosave(folder: Path) -> Course | None:
    """The autosaved course left by a crash, when it is newer than course.json and differs."""
    path = autosave_file(folder)
    try:
        if path.stat().st_mtime < course_file(folder).stat().st_mtime:
            return None
        course = Course.model_validate(json.loads(path.read_bytes()))
    except (OSError, ValueError, ValidationError):
        return None  # no autosave, or a damaged one: nothing worth offering
    return course


def discard_autosave(folder: Path) -> None:
    """Remove the autosave (after a save, or when the author discards the changes)."""
    autosave_file(folder).unlink(missing_ok=True)


class Autosaver(QObject):
    """Writes the document's course to the autosave file while it has unsaved changes."""

    def __init__(self, document: CourseDocument, interval_ms: int = AUTOSAVE_INTERVAL_MS) -> None:
        super().__init__(document)
        self.document = document
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        document.saved.connect(lambda: discard_autosave(document.folder))
        self.last_error = ""

    def save_now(self) -> bool:
        """Autosave if there are unsaved changes; False (and ``last_error``) if it failed."""
        if not self.document.dirty:
            return True
        data = self.document.course.model_dump_json(indent=1).encode("utf-8")
        try:
            path = autosave_file(self.document.folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, data)
        except OSError as exc:
            # Not fatal: the author still has the open course and File > Save.
            self.last_error = f"{exc.strerror or exc}"
            return False
        self.last_error = ""
        return True
