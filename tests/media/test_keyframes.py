"""Every rung of every profile has its keyframes exactly where they are forced, and nowhere else.

HLS needs the rungs' segments to start at the same instants, and every keyframe x264 adds on its
own costs bits (issue #16): the real ffmpeg encodes a clip made to provoke extra keyframes, and
PyAV reads back where they fell.
"""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from moocstudio.media.renditions import GOP_SECONDS, PROFILES
from moocstudio.media.transcode import transcode
from tests.conftest import RunFfmpeg

# A lecture as recorders deliver it: camera grain on every frame (x264's scene-cut threshold
# loosens near a GOP's end, so grain alone put a keyframe a frame before a forced one) and hard
# cuts between unlike pictures, as at slide changes, between the forced instants 0, 4 and 8 s.
SCENES = (
    ("testsrc2", 2.6),
    ("smptehdbars", 2.7),
    ("rgbtestsrc", 1.8),
    ("testsrc2", 1.4),
)
# High 4:4:4 is not something phones play, so no rung is copied from the source: all are encoded.
NOT_MOBILE = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p")


def make_lecture(run_ffmpeg: RunFfmpeg, out: Path, *, size: str, rate: str) -> Path:
    """A clip of SCENES at ``size`` and ``rate`` with grain and a tone."""
    inputs: list[str] = []
    for source, seconds in SCENES:
        inputs += ["-f", "lavfi", "-i", f"{source}=size={size}:rate={rate}:duration={seconds}"]
    total = sum(seconds for _, seconds in SCENES)
    inputs += ["-f", "lavfi", "-i", f"sine=frequency=220:sample_rate=48000:duration={total}"]
    pictures = "".join(f"[{index}:v]" for index in range(len(SCENES)))
    graph = f"{pictures}concat=n={len(SCENES)}:v=1:a=0,noise=alls=6:allf=t[v]"
    audio = f"{len(SCENES)}:a"
    run_ffmpeg(*inputs, "-filter_complex", graph, "-map", "[v]", "-map", audio, *NOT_MOBILE, out)
    return out


@pytest.fixture(scope="module")
def lecture_1080p(run_ffmpeg: RunFfmpeg, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 1080p lecture with cuts, made once for the module (every test writes elsewhere)."""
    folder = tmp_path_factory.mktemp("keyframes")
    return make_lecture(run_ffmpeg, folder / "lecture.mp4", size="1920x1080", rate="30")


def frame_and_keyframe_times(path: Path) -> tuple[list[float], list[float]]:
    """Presentation times of every video frame and of the keyframes, in seconds, in order."""
    frames: list[float] = []
    keyframes: list[float] = []
    with av.open(str(path)) as container:
        for packet in container.demux(video=0):
            if packet.pts is None or packet.time_base is None:
                continue  # the demuxer's flush packet
            time = float(packet.pts * packet.time_base)
            frames.append(time)
            if packet.is_keyframe:
                keyframes.append(time)
    return sorted(frames), sorted(keyframes)


def forced_instants(frames: list[float], gop_seconds: int) -> list[float]:
    """The frames ``-force_key_frames expr:gte(t,n_forced*G)`` picks, in ffmpeg's own terms.

    ``n_forced`` counts the keyframes forced so far, so each is the first frame at or after the
    next multiple of G seconds (1 ms of slack for the container's time base).
    """
    forced: list[float] = []
    for time in frames:
        if time >= len(forced) * gop_seconds - 0.001:
            forced.append(time)
    return forced


def assert_only_forced_keyframes(result_paths: list[Path], gop_seconds: int) -> None:
    for path in result_paths:
        frames, keyframes = frame_and_keyframe_times(path)
        assert keyframes == forced_instants(frames, gop_seconds), path.name


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_rung_has_exactly_the_forced_keyframes(profile, lecture_1080p, tmp_path):
    result = transcode(lecture_1080p, tmp_path, profile=profile)

    made = [rendition.label for rendition in result.renditions]
    assert made == [rung.label for rung in PROFILES[profile].rungs]  # every rung, none copied
    assert not result.plan.remuxed
    paths = [rendition.path for rendition in result.renditions]
    assert_only_forced_keyframes(paths, GOP_SECONDS)
    # The clip is 8.5 s long: keyframes at 0, 4 and 8 s in every rung, none at the cuts.
    assert {tuple(frame_and_keyframe_times(path)[1]) for path in paths} == {(0.0, 4.0, 8.0)}


def test_a_rate_whose_gop_is_not_a_whole_number_of_frames(run_ffmpeg, tmp_path):
    # 10.1 fps: 4 s is 40.4 frames. The forced keyframe is frame 41 (4.06 s); a GOP cap of 40
    # frames (4 s rounded) put one more on frame 40, just before it, in every interval.
    source = make_lecture(run_ffmpeg, tmp_path / "webcam.mp4", size="640x360", rate="101/10")

    result = transcode(source, tmp_path / "out", profile="low-bandwidth")

    assert result.plan.frame_rate == pytest.approx(10.1)
    paths = [rendition.path for rendition in result.renditions]
    assert len(paths) == 2
    assert_only_forced_keyframes(paths, GOP_SECONDS)
    frames, keyframes = frame_and_keyframe_times(paths[0])
    assert len(keyframes) == 3 and keyframes[0] == 0.0
