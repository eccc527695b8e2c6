"""The official schemas on the user's machine: download them, check every byte, swap them in.

``moocstudio schemas install`` fetches every file of :data:`schema_pins.PINNED` into
``user_data_dir()/schemas``. Each file must match its pinned SHA-256: a source that serves other
bytes is skipped (with a note) and the next one tried; a file no source serves is refused, and
then nothing is installed. The download goes into a hidden folder beside the target, is checked
again as a whole from disk, and only then replaces the previous set, so an interrupted or
refused install leaves the previous set as it was.

``MOOCSTUDIO_SCHEMAS_URL`` (or ``mirror=``) names a mirror laid out like
``../shared/conformance/schemas`` (``<mirror>/<kind>/<path>``); with a mirror nothing else is
asked. Only the standard library talks to the network (``urllib``), with a timeout.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import os
import shutil
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from moocstudio import __version__
from moocstudio.atomic import replace_folder
from moocstudio.errors import MoocstudioError
from moocstudio.export.schema_pins import PINNED, PinnedSchema, Source
from moocstudio.paths import user_data_dir
from moocstudio.progress import Progress, ProgressCallback, ignore_progress

SCHEMAS_URL_ENV = "MOOCSTUDIO_SCHEMAS_URL"
"""A mirror of the schemas folder to install from instead of the publishers and GitHub."""

INSTALL_COMMAND = "moocstudio schemas install"
TIMEOUT = 30.0  # seconds per request; the largest schema is 120 kB
MAX_SCHEMA_BYTES = 1_000_000  # a response larger than this is no pinned schema
DOWNLOADS_AT_ONCE = 8  # ~60 small files: a few requests in flight, polite to each host
MIRROR_SCHEMES = ("http", "https", "file")


class SchemaRefused(MoocstudioError):
    """A downloaded schema does not match its pinned SHA-256 (nothing was installed)."""


class SchemasUnreachable(MoocstudioError):
    """The schemas could not be downloaded: no network, or the mirror is down."""


class SchemasNotWritable(MoocstudioError):
    """The user data folder cannot hold the schemas (permissions, a full disk)."""


def installed_dir() -> Path:
    """Where ``moocstudio schemas install`` puts the official schemas."""
    return user_data_dir() / "schemas"


def sha256_of(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as the pins are written."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class SetCheck:
    """How a schemas folder compares with the pins."""

    folder: Path
    missing: tuple[str, ...]
    altered: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every pinned file is there with its pinned bytes."""
        return not self.missing and not self.altered

    def summary(self) -> str:
        """A few words for the user: complete, not installed, or what is wrong."""
        if self.complete:
            return f"complete ({len(PINNED)} files, each matching its pinned SHA-256)"
        if len(self.missing) == len(PINNED):
            return "not installed"
        wrong = [f"{len(self.missing)} of {len(PINNED)} files missing"] if self.missing else []
        wrong += [f"{len(self.altered)} altered"] if self.altered else []
        first = (self.missing + self.altered)[0]
        return f"incomplete ({', '.join(wrong)}, e.g. {first})"


def check_folder(folder: Path) -> SetCheck:
    """Compare every pinned file with what ``folder`` holds (reads ~1.3 MB)."""
    missing: list[str] = []
    altered: list[str] = []
    for pin in PINNED:
        try:
            data = (folder / pin.path).read_bytes()
        except OSError:
            missing.append(pin.path)
            continue
        if sha256_of(data) != pin.sha256:
            altered.append(pin.path)
    return SetCheck(folder, tuple(missing), tuple(altered))


@functools.lru_cache(maxsize=8)
def _verified(folder: Path) -> bool:
    return check_folder(folder).complete


def verified_installed_dir() -> Path | None:
    """The installed set if it is complete and every file matches its pin, else None.

    Checked once per process and folder (an install clears the memory).
    """
    folder = installed_dir()
    return folder if folder.is_dir() and _verified(folder) else None


@dataclass
class InstallResult:
    """What an install did."""

    folder: Path
    files: int
    source: str
    """Where the files came from: the mirror's URL, or the publishers and their copies."""
    notes: list[str] = field(default_factory=list)
    """Sources skipped on the way (other bytes, errors), sorted."""


def install_schemas(
    mirror: str | None = None,
    *,
    on_progress: ProgressCallback = ignore_progress,
    timeout: float = TIMEOUT,
) -> InstallResult:
    """Download every pinned schema, check it, and install the whole set at once.

    Args:
        mirror: Base URL of a mirror (``http(s)://`` or ``file://``) laid out like the schemas
            folder; defaults to ``MOOCSTUDIO_SCHEMAS_URL``, else the pinned sources are used.
        on_progress: Receives a report after each file.
        timeout: Seconds to wait for each request.

    Returns:
        Where the set went, how many files, and the sources skipped on the way.

    Raises:
        SchemaRefused: A file matches its pinned SHA-256 from no source; nothing was installed.
        SchemasUnreachable: A file could not be downloaded at all; nothing was installed.
        SchemasNotWritable: The user data folder cannot be written; nothing was installed.
    """
    mirror = (mirror or os.environ.get(SCHEMAS_URL_ENV) or "").rstrip("/") or None
    if mirror is not None and urlsplit(mirror).scheme not in MIRROR_SCHEMES:
        raise SchemasUnreachable(
            f"the schemas mirror {mirror!r} is not an http(s):// or file:// URL; "
            "nothing was installed"
        )
    target = installed_dir()
    # Beside the target (one file system, so the swap is a rename), with the umask's mode.
    staged = target.with_name(f".{target.name}.download-{uuid.uuid4().hex[:12]}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.mkdir()
        notes = _install_into(staged, target, mirror, on_progress, timeout)
    except OSError as error:  # the disk's; network errors are reported per file, not raised
        raise SchemasNotWritable(
            f"cannot write the schemas into {target.parent}: {error}; nothing was installed"
        ) from error
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        _verified.cache_clear()
    origin = mirror or "the publishers' URLs and the copies named in SOURCES.md"
    return InstallResult(target, len(PINNED), origin, sorted(notes))


def _install_into(
    staged: Path, target: Path, mirror: str | None, on_progress: ProgressCallback, timeout: float
) -> list[str]:
    """Download into ``staged``, check the set as written, then swap it in as ``target``."""
    notes = _download_into(staged, mirror, on_progress, timeout)
    on_progress(Progress(1.0, "verify", message=str(target)))
    check = check_folder(staged)
    if not check.complete:
        raise SchemaRefused(
            f"the downloaded schemas did not read back intact ({check.summary()}) from "
            f"{staged}; nothing was installed"
        )
    replace_folder(staged, target)
    return notes


def _sources(pin: PinnedSchema, mirror: str | None) -> tuple[Source, ...]:
    return (Source(f"{mirror}/{quote(pin.path)}"),) if mirror else pin.sources


def _download_into(
    staged: Path, mirror: str | None, on_progress: ProgressCallback, timeout: float
) -> list[str]:
    """Fetch each distinct file once (xml.xsd is in four folders), write every copy of it."""
    by_content: dict[str, list[PinnedSchema]] = {}
    for pin in PINNED:
        by_content.setdefault(pin.sha256, []).append(pin)
    advice = (
        f"is the mirror {mirror} up?"
        if mirror
        else f"check the network connection, or set {SCHEMAS_URL_ENV} to a mirror"
    )
    fetcher = _Fetcher(timeout, advice)
    notes: list[str] = []
    pool = ThreadPoolExecutor(DOWNLOADS_AT_ONCE, thread_name_prefix="schemas")
    try:
        futures: dict[Future[tuple[bytes, list[str]]], list[PinnedSchema]] = {
            pool.submit(fetcher.obtain, pins[0], _sources(pins[0], mirror)): pins
            for pins in by_content.values()
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                data, skipped = future.result()  # raises the first refusal: stop there
                notes += skipped
                for pin in futures[future]:
                    path = staged / pin.path
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                fraction = 1 - len(pending) / len(futures)
                on_progress(Progress(fraction, "download", message=futures[future][0].path))
    finally:
        # Workers only fetch bytes (never write), so they can be left to finish on their own.
        pool.shutdown(wait=False, cancel_futures=True)
    return notes + fetcher.host_notes()


class _Fetcher:
    """Tries a file's sources in order; remembers the hosts that did not answer."""

    def __init__(self, timeout: float, advice: str) -> None:
        self.timeout = timeout
        self.advice = advice
        self._lock = threading.Lock()
        self._silent_hosts: dict[str, str] = {}  # host -> why it did not answer

    def host_notes(self) -> list[str]:
        """One note per host that did not answer (its files came from later sources)."""
        return [
            f"{host} did not answer ({reason}); its files came from the next sources"
            for host, reason in sorted(self._silent_hosts.items())
        ]

    def obtain(self, pin: PinnedSchema, sources: Iterable[Source]) -> tuple[bytes, list[str]]:
        """The pinned bytes from the first source that has them, and notes on those skipped.

        Raises:
            SchemaRefused: Some source answered, none with the pinned bytes.
            SchemasUnreachable: No source answered with the file.
        """
        wrong: list[str] = []  # answered with other bytes
        missing: list[str] = []  # answered without the file (an HTTP error)
        silent: list[str] = []  # did not answer (one note per host covers these)
        for source in sources:
            host = urlsplit(source.url).netloc
            with self._lock:
                known_silent = self._silent_hosts.get(host)
            if known_silent is not None:
                silent.append(f"{source.url}: {host} did not answer ({known_silent})")
                continue
            try:
                data = _fetch(source.url, self.timeout)
            except urllib.error.HTTPError as error:
                missing.append(f"{source.url} answered HTTP {error.code} {error.reason}")
                continue
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                reason = _network_reason(error)
                if host:  # a file:// mirror has no host to give up on
                    with self._lock:
                        self._silent_hosts.setdefault(host, reason)
                silent.append(f"{source.url}: {reason}")
                continue
            if source.crlf_line_endings:
                data = data.replace(b"\r\n", b"\n")
            actual = sha256_of(data)
            if actual == pin.sha256:
                return data, [f"{pin.path}: skipped {attempt}" for attempt in wrong + missing]
            wrong.append(f"{source.url} gave SHA-256 {actual}")
        if wrong:
            raise SchemaRefused(
                f"{pin.path} refused: {'; '.join(wrong + missing + silent)}; expected SHA-256 "
                f"{pin.sha256}; nothing was installed"
            )
        raise SchemasUnreachable(
            f"cannot download the official schemas: {pin.path}: "
            f"{'; '.join(missing + silent)}; nothing was installed ({self.advice})"
        )


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": f"moocstudio/{__version__}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: bytes = response.read(MAX_SCHEMA_BYTES + 1)
    return data


def _network_reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None) or error
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "timed out"
    return str(reason)
