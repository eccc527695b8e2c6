"""Find an ffmpeg that can do moocstudio's work, and say what it can do.

The search order is: the ``MOOCSTUDIO_FFMPEG`` setting, then ``ffmpeg`` on PATH if it has the
H.264 and AAC encoders, then the static binary bundled by imageio-ffmpeg (a dependency, so a
plain ``pip install`` always has one). The answer is probed once per process and cached.
Probing (is it there, which version, which encoders) stays apart from running it.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from moocstudio.errors import FfmpegNotFound, FfmpegTooOld, ToolNotFound
from moocstudio.media.process import run

FFMPEG_ENV = "MOOCSTUDIO_FFMPEG"
# 5.1 is the oldest release with -fps_mode (5.0 and older only have the deprecated -vsync) and
# what Debian 12 ships; older builds also mis-handle the display matrix of phone videos.
MIN_VERSION = (5, 1)
REQUIRED_ENCODERS = frozenset({"libx264", "aac"})
REQUIRED_FILTERS = frozenset(
    {"scale", "split", "asplit", "fps", "format", "silencedetect", "aresample", "loudnorm"}
)
_PROBE_TIMEOUT = 30.0
_INSTALL_ADVICE = (
    "reinstall moocstudio (pip install --force-reinstall imageio-ffmpeg), or install ffmpeg "
    "with libx264 (Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg; Windows: "
    f"winget install ffmpeg) or set {FFMPEG_ENV} to its path"
)


@dataclass(frozen=True)
class FfmpegTool:
    """An ffmpeg binary and what it can do.

    Attributes:
        path: Absolute path of the binary.
        version: (major, minor), or None for a build from git without a release number.
        version_text: The first line of ``ffmpeg -version``, for cache keys and bug reports.
        encoders: Names of the encoders it has.
        filters: Names of the filters it has.
        origin: Where it was found: "setting", "path" or "bundled".
    """

    path: str
    version: tuple[int, int] | None
    version_text: str
    encoders: frozenset[str]
    filters: frozenset[str]
    origin: str

    @property
    def has_libvmaf(self) -> bool:
        """True when the binary can score quality with VMAF."""
        return "libvmaf" in self.filters

    def missing(self) -> list[str]:
        """Encoders and filters moocstudio needs that this binary lacks."""
        return sorted((REQUIRED_ENCODERS - self.encoders) | (REQUIRED_FILTERS - self.filters))


def parse_version(first_line: str) -> tuple[int, int] | None:
    """(major, minor) from ``ffmpeg version n9.0.2-17-g…`` or ``ffmpeg version 5.1.9-0+deb12u1``.

    Builds from git (``ffmpeg version N-112345-g…``) carry no release number: None.
    """
    match = re.match(r"ffmpeg version n?(\d+)\.(\d+)", first_line)
    return (int(match[1]), int(match[2])) if match else None


def _names(listing: str) -> frozenset[str]:
    # Lines look like " V....D libx264  description" (encoders) or " ... scale  V->V  desc"
    # (filters); the header ends at a line of dashes.
    body = listing.split("------", 1)[-1]
    names = set()
    for line in body.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            names.add(fields[1])
    return frozenset(names)


def inspect_ffmpeg(path: str, origin: str) -> FfmpegTool:
    """Ask a binary for its version, encoders and filters.

    Raises:
        ToolNotFound: ``path`` does not exist or cannot be run.
    """
    version_run = run([path, "-hide_banner", "-version"], timeout=_PROBE_TIMEOUT)
    first_line = version_run.stdout.decode("utf-8", "replace").partition("\n")[0].strip()
    encoders = run([path, "-hide_banner", "-encoders"], timeout=_PROBE_TIMEOUT)
    filters = run([path, "-hide_banner", "-filters"], timeout=_PROBE_TIMEOUT)
    return FfmpegTool(
        path=str(Path(shutil.which(path) or path).resolve()),
        version=parse_version(first_line),
        version_text=first_line,
        encoders=_names(encoders.stdout.decode("utf-8", "replace")),
        filters=_names(filters.stdout.decode("utf-8", "replace")),
        origin=origin,
    )


def _check(tool: FfmpegTool) -> FfmpegTool:
    if tool.version is not None and tool.version < MIN_VERSION:
        wanted = ".".join(map(str, MIN_VERSION))
        raise FfmpegTooOld(
            f"{tool.path}: ffmpeg {'.'.join(map(str, tool.version))} is too old; moocstudio "
            f"needs {wanted} or newer: {_INSTALL_ADVICE}"
        )
    if tool.missing():
        raise FfmpegTooOld(
            f"{tool.path}: this ffmpeg lacks {', '.join(tool.missing())}: {_INSTALL_ADVICE}"
        )
    return tool


def _bundled_path() -> str | None:
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    try:
        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except RuntimeError:  # imageio-ffmpeg installed without its binary (unsupported platform)
        return None


def _locate() -> FfmpegTool:
    configured = os.environ.get(FFMPEG_ENV)
    if configured:
        try:
            return _check(inspect_ffmpeg(configured, "setting"))
        except ToolNotFound as exc:
            raise FfmpegNotFound(
                f"{configured}: the ffmpeg named by {FFMPEG_ENV} cannot be run ({exc.advice}); "
                f"fix the path or unset {FFMPEG_ENV}"
            ) from exc
    on_path = shutil.which("ffmpeg")
    if on_path:
        try:
            tool = inspect_ffmpeg(on_path, "path")
        except ToolNotFound:
            tool = None
        if (
            tool is not None
            and not tool.missing()
            and (tool.version is None or tool.version >= MIN_VERSION)
        ):
            return tool
    bundled = _bundled_path()
    if bundled:
        return _check(inspect_ffmpeg(bundled, "bundled"))
    raise FfmpegNotFound(f"no usable ffmpeg was found: {_INSTALL_ADVICE}")


_lock = threading.Lock()
_found: FfmpegTool | None = None


def find_ffmpeg(*, refresh: bool = False) -> FfmpegTool:
    """The ffmpeg to use, probed on first call and cached for the process.

    Args:
        refresh: Probe again (after the setting changed).

    Raises:
        FfmpegNotFound: No binary could be found or run.
        FfmpegTooOld: The binary named by the setting is too old or lacks an encoder or filter.
    """
    global _found
    with _lock:
        if _found is None or refresh:
            _found = _locate()
        return _found
