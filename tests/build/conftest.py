"""The sample course, with its video media made, built once per session for the builder tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.build import SiteTree, build_site
from moocstudio.media.course_media import MediaSettings, apply_media, video_media_job
from moocstudio.model import Course, Video
from moocstudio.progress import CancelToken, JobContext
from moocstudio.sample import build_sample_course


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Course]:
    """The sample course with its renditions, poster and French subtitles (a few seconds)."""
    folder = tmp_path_factory.mktemp("course") / "sample"
    course = build_sample_course(folder).course
    context = JobContext(on_progress=lambda _progress: None, cancel=CancelToken())
    results = [
        video_media_job(folder, course, item, MediaSettings())(context)
        for item in course.all_items()
        if isinstance(item, Video)
    ]
    apply_media(course, results)
    return folder, course


@pytest.fixture(scope="session")
def site(sample: tuple[Path, Course], tmp_path_factory: pytest.TempPathFactory) -> SiteTree:
    """The sample course built once for the read-only tests."""
    folder, course = sample
    return build_site(folder, course, tmp_path_factory.mktemp("out") / "site")
