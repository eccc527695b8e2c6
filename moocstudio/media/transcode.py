"""Make a video's renditions: probe, plan, run ffmpeg, check what it wrote, then publish.

:func:`transcode` is the runner of a :class:`~moocstudio.media.renditions.RenditionPlan`:

* one ffmpeg copies the rendition that needs no encoding (when the source already conforms),
  one ffmpeg encodes all the others from a single decode, and with ``hls=True`` a last one
  packages the finished MP4s as HLS without encoding again;
* every output is written under a temporary name beside its target and renamed only when all of
  them exist and passed the checks, so a failure or a cancel leaves nothing behind (the HLS
  folder likewise, as a whole);
* the checks read each output back with PyAV: H.264 at the planned size, audio as planned, the
  ``moov`` box before the media data, and the source's duration within
  :data:`DURATION_TOLERANCE`. ffmpeg happily "succeeds" on a source whose data stops early, so
  that last check is what reports a truncated recording;
* two transcodes into the same folder with the same stem never interleave: the second fails at
  once with a clear message (a lock file held for the run).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from moocstudio.atomic import atomic_outputs
from moocstudio.errors import EncodeFailed, MediaDecodeError
from moocstudio.media.ffmpeg_cli import run_ffmpeg
from moocstudio.media.probe import probe
from moocstudio.media.renditions import (
    DEFAULT_PROFILE,
    HLS_MASTER_NAME,
    PlannedRendition,
    RenditionPlan,
    hls_args,
    ladder_args,
    plan_renditions,
    remux_args,
)
from moocstudio.model.media_info import MediaInfo
from moocstudio.progress import (
    CancelToken,
    EtaEstimator,
    Progress,
    ProgressCallback,
    ignore_progress,
)

DURATION_TOLERANCE = 0.1  # seconds an output may differ from its source (issue #3)
HLS_FOLDER_SUFFIX = "-hls"
_LOCK_SUFFIX = ".transcode.lock"
_HLS_TEMP_PREFIX = ".moocstudio-hls-"
# Progress weight of each stage, in "one rendition encoded" units: a copy runs about 100 times
# faster than an encode (PERFORMANCE.md §5), packaging HLS is a copy of every rendition.
_REMUX_WEIGHT = 0.02
_HLS_WEIGHT_PER_RENDITION = 0.02
_VERIFY_WEIGHT_PER_RENDITION = 0.005
_BOX_HEADER = 8
_BOX_LARGE_SIZE = 1  # a box size of 1 means a 64-bit size follows the type
_BOX_TO_END = 0  # a box size of 0 means the box runs to the end of the file


@dataclass(frozen=True)
class ProducedRendition:
    """One finished rendition, as read back from the file.

    Attributes:
        label: e.g. ``360p``.
        path: The MP4 file.
        width: Width in pixels.
        height: Height in pixels.
        bit_rate: Bits per second, all streams.
        has_audio: True when the file has an audio track.
        remuxed: True when the source's streams were copied, not encoded.
    """

    label: str
    path: Path
    width: int
    height: int
    bit_rate: int | None
    has_audio: bool
    remuxed: bool


@dataclass(frozen=True)
class TranscodeResult:
    """What :func:`transcode` made.

    Attributes:
        source: The source file.
        plan: The plan that was run.
        renditions: The MP4 renditions, smallest first.
        hls_master: The HLS master playlist, when HLS was asked for.
    """

    source: Path
    plan: RenditionPlan
    renditions: tuple[ProducedRendition, ...]
    hls_master: Path | None = None

    @property
    def paths(self) -> list[Path]:
        """Every MP4 rendition, then the HLS master playlist if any."""
        paths = [rendition.path for rendition in self.renditions]
        if self.hls_master is not None:
            paths.append(self.hls_master)
        return paths


def output_names(stem: str, plan: RenditionPlan) -> list[str]:
    """File names of a plan's renditions: ``<stem>-360p.mp4`` ..."""
    return [f"{stem}-{rendition.label}.mp4" for rendition in plan.renditions]


def transcode(
    source: Path,
    out_dir: Path,
    *,
    profile: str = DEFAULT_PROFILE,
    loudness: bool = False,
    hls: bool = False,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
    threads: int | None = None,
    info: MediaInfo | None = None,
    stem: str | None = None,
) -> TranscodeResult:
    """Make the renditions of ``source`` in ``out_dir``.

    Args:
        source: The video to read; never modified.
        out_dir: Where the renditions go (created if missing): ``<stem>-360p.mp4`` ... and, with
            ``hls``, a folder ``<stem>-hls`` holding ``master.m3u8``.
        profile: A rendition profile (``mobile``, ``low-bandwidth`` or ``hd``).
        loudness: Normalise the audio loudness (EBU R128, -16 LUFS).
        hls: Also package the renditions as HLS (nothing is copied from the source then, so
            that every rendition has its keyframes at the same instants).
        on_progress: Receives one fraction over the whole job (from a reader thread).
        cancel: Stops the job; whatever it was writing is removed and Cancelled is raised.
        threads: Threads for ffmpeg's decoder, filters and each encoder; ffmpeg decides if None.
        info: The source's probe, when the caller already has it.
        stem: Start of the output names; the source's name without extension by default.

    Returns:
        The renditions made, as read back from the files.

    Raises:
        MediaDecodeError: The source cannot be read, is damaged or truncated, or has no video.
        EncodeFailed: The output folder cannot be written, another job is writing the same
            outputs, ffmpeg failed, or an output did not come out as planned.
        Cancelled: ``cancel`` was set.
        ValueError: ``profile`` is unknown or ``stem`` is not a plain file name.
    """
    source = Path(source).absolute()
    out_dir = Path(out_dir).absolute()
    stem = _checked_stem(stem if stem is not None else source.stem)
    if cancel is not None:
        cancel.raise_if_cancelled(str(source))
    info = info if info is not None else probe(source)
    _refuse_damaged(source, info)
    plan = plan_renditions(info, profile, loudness=loudness, hls=hls)
    if not plan.renditions:
        raise MediaDecodeError(source, f"cannot be made into video renditions: {plan.reason}")
    targets = [out_dir / name for name in output_names(stem, plan)]
    _refuse_overwriting(source, targets)
    _prepare_folder(out_dir)
    stages = _Stages(plan, on_progress, source.name)
    with _exclusive(out_dir, stem), atomic_outputs(targets) as temps:
        _run_plan(plan, source, temps, stages, cancel, threads)
        produced = []
        for rendition, temp, target in zip(plan.renditions, temps, targets, strict=True):
            produced.append(_verified(source, plan, rendition, temp, target))
            stages.done("verify", len(produced) / len(plan.renditions))
        if cancel is not None:
            # A cancel that came as ffmpeg finished still wins: nothing is published.
            cancel.raise_if_cancelled(str(source))
        hls_master = None
        if hls:
            hls_folder = out_dir / f"{stem}{HLS_FOLDER_SUFFIX}"
            hls_master = _make_hls(plan, source, temps, hls_folder, stages, cancel)
    stages.done("done", 1.0)
    return TranscodeResult(source, plan, tuple(produced), hls_master)


def _run_plan(
    plan: RenditionPlan,
    source: Path,
    temps: Sequence[Path],
    stages: _Stages,
    cancel: CancelToken | None,
    threads: int | None,
) -> None:
    by_rendition = dict(zip(plan.renditions, temps, strict=True))
    for rendition in plan.remuxed:
        run_ffmpeg(
            remux_args(plan, source, by_rendition[rendition]),
            source=source,
            duration=plan.duration,
            on_progress=stages.callback("remux"),
            cancel=cancel,
            stage="remux",
        )
    if plan.encoded:
        run_ffmpeg(
            ladder_args(plan, source, [by_rendition[r] for r in plan.encoded], threads=threads),
            source=source,
            duration=plan.duration,
            on_progress=stages.callback("encode"),
            cancel=cancel,
            stage="encode",
        )


class _Stages:
    """Maps each stage's own fraction onto one fraction over the whole job."""

    def __init__(self, plan: RenditionPlan, on_progress: ProgressCallback, message: str) -> None:
        count = len(plan.renditions)
        weights = {
            "remux": _REMUX_WEIGHT * len(plan.remuxed),
            "encode": float(len(plan.encoded)),
            "verify": _VERIFY_WEIGHT_PER_RENDITION * count,
            "hls": _HLS_WEIGHT_PER_RENDITION * count if plan.hls else 0.0,
        }
        total = sum(weights.values())
        self._spans: dict[str, tuple[float, float]] = {}
        start = 0.0
        for name, weight in weights.items():
            self._spans[name] = (start / total, weight / total)
            start += weight
        self._spans["done"] = (0.0, 1.0)
        self._on_progress = on_progress
        self._message = message
        self._eta = EtaEstimator()
        self._reached = 0.0

    def done(self, stage: str, fraction: float) -> None:
        """Report that ``stage`` is ``fraction`` done."""
        start, width = self._spans[stage]
        # Monotonic: ffmpeg's first reports may trail the end of the previous stage.
        self._reached = max(self._reached, start + width * min(1.0, max(0.0, fraction)))
        eta = 0.0 if stage == "done" else self._eta.eta(self._reached)
        self._on_progress(Progress(self._reached, stage, eta, self._message))

    def callback(self, stage: str) -> ProgressCallback:
        """A callback for run_ffmpeg that feeds this stage."""

        def report(progress: Progress) -> None:
            self.done(stage, progress.fraction)

        return report


def _checked_stem(stem: str) -> str:
    separators = {"/", os.sep, *([os.altsep] if os.altsep else [])}
    if not stem or stem in (".", "..") or any(sep in stem for sep in separators):
        raise ValueError(f"output stem {stem!r} is not a plain file name")
    return stem


def _refuse_damaged(source: Path, info: MediaInfo) -> None:
    # The probe lists defects that still let the file open; renditions of a damaged recording
    # would be silently short or broken, so the author hears about it now instead.
    if info.problems:
        raise MediaDecodeError(source, " ".join(info.problems))


def _refuse_overwriting(source: Path, targets: Sequence[Path]) -> None:
    for target in targets:
        if target == source or (target.exists() and target.samefile(source)):
            raise EncodeFailed(
                source,
                f"its rendition {target.name} would overwrite the source itself; choose "
                "another output folder",
            )


def _prepare_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise EncodeFailed(
            out_dir, "is a file, not a folder; choose a folder for the renditions"
        ) from None
    except OSError as exc:
        raise EncodeFailed(
            out_dir, f"the output folder cannot be created ({exc.strerror}); choose another one"
        ) from exc


@contextlib.contextmanager
def _exclusive(out_dir: Path, stem: str) -> Iterator[None]:
    """Hold the lock on ``out_dir``/``stem`` outputs; fail at once if another job holds it.

    The lock is an OS lock on an open file (``flock``, or ``msvcrt.locking`` on Windows): it
    dies with its process, so a crash never leaves a stale lock behind. Creating the file is
    also the first write into the folder, so an unwritable folder fails here, before ffmpeg.
    """
    lock_path = out_dir / f".{stem}{_LOCK_SUFFIX}"
    fd = _acquire(lock_path, out_dir, stem)
    try:
        yield
    finally:
        _release(lock_path, fd)


def _acquire(lock_path: Path, out_dir: Path, stem: str) -> int:
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise EncodeFailed(
                out_dir,
                f"cannot write into the output folder ({exc.strerror}); choose another folder "
                "or change its permissions",
            ) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise EncodeFailed(
                out_dir / stem,
                "is already being transcoded into this folder by another job; wait for it to "
                "finish, or choose another folder",
            )
        # The previous holder removes the file when done; if we locked a removed file, the
        # lock protects nothing: start again on the file now at that name.
        try:
            current = lock_path.stat()
        except FileNotFoundError:
            current = None
        if current is not None and current.st_ino == os.fstat(fd).st_ino:
            return fd
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(lock_path: Path, fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)
        # Windows cannot remove a file another job has open; that job removes it later.
        with contextlib.suppress(PermissionError):
            lock_path.unlink(missing_ok=True)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(lock_path: Path, fd: int) -> None:
        # Remove while still holding the lock, so no one can lock this file and believe it
        # still guards the outputs (see _acquire).
        lock_path.unlink(missing_ok=True)
        os.close(fd)


def _verified(
    source: Path, plan: RenditionPlan, rendition: PlannedRendition, written: Path, target: Path
) -> ProducedRendition:
    """Read an output back and check it is what the plan asked for."""
    what = f"the {rendition.label} rendition"
    try:
        out = probe(written)
    except MediaDecodeError as exc:
        raise EncodeFailed(source, f"{what} cannot be read back ({exc.problem})") from exc
    if out.problems:
        raise EncodeFailed(source, f"{what} is damaged: {' '.join(out.problems)}")
    video = out.video
    if video is None or video.codec != "h264":
        raise EncodeFailed(source, f"{what} has no H.264 video")
    planned = (rendition.width, rendition.height)
    if video.display_size != planned:
        raise EncodeFailed(
            source, f"{what} is {video.display_size} instead of the planned {planned}"
        )
    if (out.audio is not None) != rendition.has_audio:
        raise EncodeFailed(source, f"{what} {'lacks' if rendition.has_audio else 'has'} audio")
    _check_duration(source, what, out.duration, plan.duration)
    if not moov_before_mdat(written):
        raise EncodeFailed(source, f"{what} is not ready for streaming (index at the end)")
    return ProducedRendition(
        label=rendition.label,
        path=target,
        width=rendition.width,
        height=rendition.height,
        bit_rate=out.bit_rate,
        has_audio=rendition.has_audio,
        remuxed=rendition.remux,
    )


def _check_duration(source: Path, what: str, made: float, expected: float) -> None:
    if made < expected - DURATION_TOLERANCE:
        # The probe did not see it, ffmpeg did not say it, but the data ran out early.
        raise MediaDecodeError(
            source,
            f"only {made:.1f} s of its {expected:.1f} s could be read ({what} stops there): "
            "the file is probably truncated or damaged. Copy or export it again from the "
            "original",
        )
    if made > expected + DURATION_TOLERANCE:
        raise EncodeFailed(
            source, f"{what} lasts {made:.2f} s, longer than the source's {expected:.2f} s"
        )


def moov_before_mdat(path: Path) -> bool:
    """True when an MP4's index (``moov``) comes before its media data (``mdat``): faststart.

    Args:
        path: An MP4 file.
    """
    size = path.stat().st_size
    offset = 0
    with path.open("rb") as stream:
        while offset + _BOX_HEADER <= size:
            stream.seek(offset)
            header = stream.read(16)
            box_size = int.from_bytes(header[:4], "big")
            box_type = header[4:8]
            if box_type == b"moov":
                return True
            if box_type == b"mdat":
                return False
            if box_size == _BOX_LARGE_SIZE:
                box_size = int.from_bytes(header[8:16], "big")
            elif box_size == _BOX_TO_END:
                return False
            if box_size < _BOX_HEADER:
                return False
            offset += box_size
    return False


def _make_hls(
    plan: RenditionPlan,
    source: Path,
    renditions: Sequence[Path],
    folder: Path,
    stages: _Stages,
    cancel: CancelToken | None,
) -> Path:
    """Package the finished renditions as HLS into ``folder``, replacing it as a whole."""

    def package(into: Path) -> None:
        run_ffmpeg(
            hls_args(plan, renditions, into),
            source=source,
            duration=plan.duration,
            on_progress=stages.callback("hls"),
            cancel=cancel,
            stage="hls",
        )

    with _atomic_folder(folder) as temp:
        if "%" in str(temp):
            # ffmpeg reads HLS output paths as patterns: write where no '%' can appear, then
            # move the files beside the target (a copy when /tmp is another file system).
            with tempfile.TemporaryDirectory(prefix="moocstudio-hls-") as staging:
                package(Path(staging))
                for made in Path(staging).iterdir():
                    shutil.move(made, temp / made.name)
        else:
            package(temp)
        master = temp / HLS_MASTER_NAME
        variants = master.read_text(encoding="utf-8").count("#EXT-X-STREAM-INF")
        if variants != len(plan.renditions):
            raise EncodeFailed(
                source,
                f"the HLS master playlist lists {variants} of {len(plan.renditions)} renditions",
            )
    return folder / HLS_MASTER_NAME


@contextlib.contextmanager
def _atomic_folder(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; it replaces ``target`` if the block succeeds."""
    temp = _new_folder(target.parent, ".part")
    try:
        yield temp
        if target.exists() and not target.is_dir():
            raise EncodeFailed(target, "is a file where the HLS folder should go; remove it")
        old = None
        if target.exists():
            # A folder cannot be renamed over a non-empty one: move the old one aside first.
            old = _new_folder(target.parent, ".old")
            target.replace(old / target.name)
        temp.replace(target)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _new_folder(parent: Path, suffix: str) -> Path:
    # Not mkdtemp: its folders are private (0700); os.mkdir gives the mode the umask allows,
    # like any folder the author makes.
    while True:
        folder = parent / f"{_HLS_TEMP_PREFIX}{secrets.token_hex(6)}{suffix}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
