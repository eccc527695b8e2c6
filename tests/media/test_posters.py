"""Posters from real clips made by ffmpeg: not black, upright, the right sizes, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageStat

from moocstudio.errors import Cancelled, MediaDecodeError
from moocstudio.media import posters
from moocstudio.media.posters import FrameScore, make_poster, score_image
from moocstudio.progress import CancelToken

BLACK_FIRST_SECOND = "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='lt(t,1)'"
X264 = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")


def mean_luma(path: Path, box: tuple[int, int, int, int] | None = None) -> float:
    with Image.open(path) as image:
        grey = image.convert("L")
        return ImageStat.Stat(grey.crop(box) if box else grey).mean[0]


def black_then_pattern(run_ffmpeg, out: Path, *keyframes: str) -> Path:
    run_ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
        "-vf", BLACK_FIRST_SECOND, *X264, *keyframes, out,
    )  # fmt: skip
    return out


@pytest.fixture
def forward_calls(monkeypatch) -> list[Path]:
    """Records when the slow path (decoding onwards from a keyframe) runs."""
    calls: list[Path] = []
    real = posters._decode_onwards

    def spy(source, earliest, cancel):
        calls.append(source)
        return real(source, earliest, cancel)

    monkeypatch.setattr(posters, "_decode_onwards", spy)
    return calls


def test_black_start_is_skipped(run_ffmpeg, tmp_path, forward_calls):
    clip = black_then_pattern(run_ffmpeg, tmp_path / "fade.mp4", "-force_key_frames", "0,1")
    files = make_poster(clip, tmp_path / "out", stem="fade")
    assert forward_calls == []  # the keyframe at 1 s was enough
    assert files.time >= 1.0
    assert mean_luma(files.jpeg) > 60
    assert score_image(Image.open(files.jpeg)).usable


def test_black_start_with_a_single_keyframe_decodes_forward(run_ffmpeg, tmp_path, forward_calls):
    # Only one keyframe, at 0 (black): the frame must be found by decoding onwards.
    clip = black_then_pattern(run_ffmpeg, tmp_path / "one.mp4", "-g", "1000", "-sc_threshold", "0")
    files = make_poster(clip, tmp_path / "out", stem="one")
    assert forward_calls == [clip]
    assert files.time >= 1.0
    assert mean_luma(files.jpeg) > 60


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("clip.ts", ("-c", "copy")),  # seeks land after the only keyframe
        ("clip.h264", ("-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264")),  # no seeking
        ("clip.mkv", ("-c", "copy")),
    ],
)
def test_other_containers_with_a_single_keyframe(run_ffmpeg, tmp_path, name, options):
    mp4 = black_then_pattern(run_ffmpeg, tmp_path / "one.mp4", "-g", "1000", "-sc_threshold", "0")
    clip = tmp_path / name
    run_ffmpeg("-i", mp4, *options, clip)
    files = make_poster(clip, tmp_path / "out", stem="clip")
    assert files.time == pytest.approx(1.0, abs=0.05)
    assert mean_luma(files.jpeg) > 60


def test_black_throughout_still_gives_a_poster(run_ffmpeg, tmp_path):
    clip = tmp_path / "night.mp4"
    run_ffmpeg("-f", "lavfi", "-i", "color=c=0x050505:s=160x120:r=10:d=1", *X264, clip)
    files = make_poster(clip, tmp_path, stem="night")
    assert files.jpeg.exists() and files.webp.exists() and files.thumbnail.exists()
    assert mean_luma(files.jpeg) < 20


def test_sizes_and_formats(run_ffmpeg, tmp_path):
    clip = tmp_path / "hd.mp4"
    run_ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=5:duration=0.4", *X264, clip)
    files = make_poster(clip, tmp_path / "out", stem="hd")
    assert (files.width, files.height) == (1280, 720)
    with Image.open(files.jpeg) as jpeg:
        assert (jpeg.format, jpeg.size, jpeg.mode) == ("JPEG", (1280, 720), "RGB")
        assert jpeg.info.get("progressive") == 1
    with Image.open(files.webp) as webp:
        assert (webp.format, webp.size) == ("WEBP", (1280, 720))
    with Image.open(files.thumbnail) as thumb:
        assert (thumb.format, thumb.size) == ("JPEG", (320, 180))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "hd.jpg",
        "hd.thumb.jpg",
        "hd.webp",
    ]


def test_small_video_is_not_enlarged(make_clip, tmp_path):
    files = make_poster(make_clip("small.mp4", size="160x90"), tmp_path, stem="small")
    assert (files.width, files.height) == (160, 90)
    with Image.open(files.thumbnail) as thumb:
        assert thumb.size == (160, 90)


@pytest.fixture(scope="module")
def top_white(tmp_path_factory, run_ffmpeg) -> Path:
    """A landscape clip whose top half is white and bottom half black (with a little grain)."""
    out = tmp_path_factory.mktemp("rotation") / "top_white.mp4"
    run_ffmpeg(
        "-f", "lavfi", "-i", "color=c=white:s=640x360:r=10:d=1",
        "-vf", "drawbox=x=0:y=ih/2:w=iw:h=ih/2:color=black:t=fill,noise=alls=8:allf=t",
        *X264, out,
    )  # fmt: skip
    return out


# (display rotation, which part of the upright picture is white)
ROTATIONS = [(90, "left"), (-90, "right"), (180, "bottom")]


@pytest.mark.parametrize(("rotation", "white_side"), ROTATIONS)
def test_rotated_clip_gives_an_upright_poster(
    top_white, run_ffmpeg, tmp_path, rotation, white_side
):
    rotated = tmp_path / "phone.mp4"
    run_ffmpeg("-display_rotation", str(rotation), "-i", top_white, "-c", "copy", rotated)
    files = make_poster(rotated, tmp_path / "out", stem="phone")
    portrait = rotation % 180 != 0
    assert (files.width, files.height) == ((360, 640) if portrait else (640, 360))
    with Image.open(files.thumbnail) as thumb:
        assert thumb.size == ((180, 320) if portrait else (320, 180))
    # ffmpeg itself turns the picture on decode (autorotate): the two must agree.
    reference = tmp_path / "reference.png"
    run_ffmpeg("-i", rotated, "-frames:v", "1", reference)
    for picture in (files.jpeg, reference):
        width, height = Image.open(picture).size
        halves = {
            "left": (0, 0, width // 2, height),
            "right": (width // 2, 0, width, height),
            "top": (0, 0, width, height // 2),
            "bottom": (0, height // 2, width, height),
        }
        opposite = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}
        white = mean_luma(picture, halves[white_side])
        black = mean_luma(picture, halves[opposite[white_side]])
        assert white > 200 > 50 > black, picture


def test_anamorphic_pixels_are_made_square(run_ffmpeg, tmp_path):
    clip = tmp_path / "dv.mp4"
    run_ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=size=480x360:rate=10:duration=1",
        "-vf", "setsar=4/3", *X264, clip,
    )  # fmt: skip
    files = make_poster(clip, tmp_path, stem="dv")
    assert (files.width, files.height) == (640, 360)


def test_audio_only_is_a_clear_error(make_clip, tmp_path):
    audio = make_clip("talk.m4a", video=False)
    with pytest.raises(MediaDecodeError, match="no picture to make a poster from"):
        make_poster(audio, tmp_path / "out", stem="talk")
    assert not (tmp_path / "out").exists()


def test_cover_art_is_not_a_picture_of_the_recording(make_clip, run_ffmpeg, tmp_path):
    cover = tmp_path / "cover.png"
    Image.new("RGB", (64, 64), "red").save(cover)
    tone = make_clip("tone.m4a", video=False)
    song = tmp_path / "song.mp3"
    run_ffmpeg(
        "-i", tone, "-i", cover, "-map", "0:a", "-map", "1:v", "-c:v", "png",
        "-disposition:v", "attached_pic", song,
    )  # fmt: skip
    with pytest.raises(MediaDecodeError, match="audio only"):
        make_poster(song, tmp_path / "out", stem="song")


def test_cancel_leaves_nothing_behind(make_clip, tmp_path):
    cancel = CancelToken()
    cancel.cancel()
    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        make_poster(make_clip("clip.mp4"), out, stem="clip", cancel=cancel)
    assert not out.exists() or list(out.iterdir()) == []


def test_failure_while_writing_leaves_nothing_behind(make_clip, tmp_path, monkeypatch):
    clip = make_clip("clip.mp4")
    real_save = Image.Image.save

    def save(self, fp, format=None, **params):  # noqa: A002 (Pillow's own name)
        if format == "WEBP":
            raise OSError(28, "No space left on device")
        return real_save(self, fp, format, **params)

    monkeypatch.setattr(Image.Image, "save", save)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space left"):
        make_poster(clip, out, stem="clip")
    assert list(out.iterdir()) == []  # the JPEG written before is gone too


def test_text_file_named_mp4_is_a_decode_error(tmp_path):
    fake = tmp_path / "notes.mp4"
    fake.write_text("not a video\n")
    with pytest.raises(MediaDecodeError):
        make_poster(fake, tmp_path, stem="notes")


def test_scores():
    black = score_image(Image.new("RGB", (320, 180), "black"))
    grey = score_image(Image.new("RGB", (320, 180), (128, 128, 128)))
    assert not black.usable and not grey.usable
    pattern = Image.new("RGB", (320, 180), "white")
    pattern.paste((0, 0, 0), (0, 0, 160, 90))
    assert score_image(pattern).usable
    assert FrameScore(mean=20.0, stddev=6.0, entropy=1.0).usable


def test_display_size_of_rotated_and_anamorphic_frames(make_clip):
    from fractions import Fraction

    import av

    with av.open(str(make_clip("c.mp4", size="320x240"))) as container:
        frame = next(container.decode(video=0))
    assert posters.display_size(frame) == (320, 240)
    assert posters.display_size(frame, Fraction(4, 3)) == (427, 240)
