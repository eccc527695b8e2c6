"""Django settings of the XBlock SDK workbench as the LMS tests run it (test code, a shim).

The SDK's own settings (``workbench.settings``) keep their state in ``var/`` under the current
folder and log there; these keep everything in the folder named by ``LMS_WORKBENCH_DATA``, a
test's temporary folder: the database, the block's file storage (Django's default storage,
where the SCORM block unzips packages) and the pyfilesystem root.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.settings import *  # noqa: F403 (the SDK's settings, overridden below)

DATA = Path(os.environ["LMS_WORKBENCH_DATA"])

# The block's handlers run in threads and each writes the learner's state; on a loaded machine
# one may wait for another's write lock longer than SQLite's default 5 s and fail with "database
# is locked" (a 500: the value is lost). A real LMS's database waits; so does this one.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA / "db.sqlite3"),
        "OPTIONS": {"timeout": 300},
    }
}
MEDIA_ROOT = str(DATA / "media")  # the SCORM block's storage: FileSystemStorage here
DJFS = {"type": "osfs", "directory_root": str(DATA / "djpyfs"), "url_root": "/static/djpyfs"}
# Errors go to the server's stderr, which the tests show when the server fails.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
