"""import_video() with real clips: probe first, copy once, a Video item with honest warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from moocstudio.errors import MediaDecodeError
from moocstudio.importers.videos import import_video
from moocstudio.media.probe import probe
from moocstudio.model import Video
from moocstudio.model.store import asset_path, file_sha256

VIDEO_ID = re.compile(r"^video-[0-9a-f]{12}$")


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "My Course"
    folder.mkdir()
    return folder


def media_files(course_dir: Path) -> list[Path]:
    media = course_dir / "media"
    return sorted(media.iterdir()) if media.is_dir() else []


def test_mp4_becomes_a_video_item_with_its_file_copied(make_clip, course_dir):
    clip = make_clip("sources/week_1-intro.mp4")
    result = import_video(course_dir, clip)

    video = result.item
    assert isinstance(video, Video)
    assert video.kind == "video"
    assert VIDEO_ID.match(video.id)
    assert video.title == "Week 1 intro"
    assert result.warnings == []

    stored = asset_path(course_dir, video.source)
    assert stored.parent == course_dir / "media"
    assert stored.read_bytes() == clip.read_bytes()
    assert video.source.sha256 == file_sha256(clip)
    assert video.source.size == clip.stat().st_size
    assert video.source.original_name == "week_1-intro.mp4"

    assert video.probe == probe(clip)
    assert video.duration == pytest.approx(1.0, abs=0.05)
    assert video.renditions == [] and video.subtitles == [] and video.poster is None
    assert Video.model_validate_json(video.model_dump_json()) == video


def test_title_tag_wins_over_the_file_name(make_clip, course_dir):
    clip = make_clip("take_3.mp4", extra_args=["-metadata", "title=Photosynthesis, part 2"])
    assert import_video(course_dir, clip).item.title == "Photosynthesis, part 2"


def test_title_given_wins_over_everything(make_clip, course_dir):
    clip = make_clip("take_3.mp4", extra_args=["-metadata", "title=From the tag"])
    assert import_video(course_dir, clip, title="Chosen").item.title == "Chosen"


def test_readable_title_from_an_accented_quoted_name(make_clip, course_dir):
    clip = make_clip('été_2024 -- "l\'atelier".mp4')
    result = import_video(course_dir, clip)
    assert result.item.title == 'Été 2024 "l\'atelier"'
    assert asset_path(course_dir, result.item.source).is_file()


def test_importing_the_same_file_twice_stores_it_once(make_clip, course_dir):
    clip = make_clip("again.mp4")
    first = import_video(course_dir, clip).item
    second = import_video(course_dir, clip).item
    assert first.id != second.id
    assert first.source.path == second.source.path
    assert len(media_files(course_dir)) == 1


@pytest.mark.parametrize("name", ["lecture.m4a", "lecture.wav"])
def test_audio_only_is_accepted_and_asks_for_a_picture(make_clip, course_dir, name):
    result = import_video(course_dir, make_clip(name, video=False))
    assert result.item.probe.video is None
    assert result.item.probe.audio is not None
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"{name}: ")
    assert "poster or still picture" in result.warnings[0]


def test_video_without_sound_is_accepted_with_a_warning(make_clip, course_dir):
    result = import_video(course_dir, make_clip("silent.mp4", audio=False))
    assert result.item.probe.audio is None
    assert len(result.warnings) == 1
    assert "no sound" in result.warnings[0]
    assert "captions" in result.warnings[0]


def test_probe_problems_become_warnings(make_clip, course_dir):
    clip = make_clip("cut.mp4", seconds=2.0, extra_args=["-movflags", "+faststart"])
    data = clip.read_bytes()
    clip.write_bytes(data[: len(data) // 2])
    result = import_video(course_dir, clip)
    assert result.item.probe.problems
    assert any(w.startswith("cut.mp4: ") and "truncated" in w for w in result.warnings)


def test_zero_duration_is_refused(run_ffmpeg, tmp_path, course_dir):
    empty = tmp_path / "empty.wav"
    run_ffmpeg("-f", "lavfi", "-i", "sine", "-t", "0", empty)  # a header, no samples
    with pytest.raises(MediaDecodeError, match="0 seconds"):
        import_video(course_dir, empty)
    assert media_files(course_dir) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"# My notes\n\nNot a video.\n", "contains text")],
)
def test_a_bad_file_is_never_copied_into_the_course(tmp_path, course_dir, content, message):
    bad = tmp_path / "lecture.mp4"
    bad.write_bytes(content)
    with pytest.raises(MediaDecodeError, match=message):
        import_video(course_dir, bad)
    assert media_files(course_dir) == []


def test_incomplete_mp4_is_never_copied(make_clip, course_dir):
    clip = make_clip("interrupted.mp4", seconds=2.0)
    data = clip.read_bytes()
    clip.write_bytes(data[: len(data) // 2])
    with pytest.raises(MediaDecodeError, match="incomplete"):
        import_video(course_dir, clip)
    assert media_files(course_dir) == []
