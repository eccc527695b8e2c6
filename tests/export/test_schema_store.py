"""`moocstudio schemas install`: pinned files, downloads checked byte for byte, an atomic swap.

The mirror is ``../shared/conformance/schemas`` (or a tampered copy of it) served over
127.0.0.1 by a real HTTP server; every test installs into its own ``MOOCSTUDIO_DATA_DIR``.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from moocstudio.export import schema_store
from moocstudio.export.schema_pins import PINNED, Source
from moocstudio.export.schema_store import (
    SCHEMAS_URL_ENV,
    SchemaRefused,
    SchemasUnreachable,
    check_folder,
    install_schemas,
    installed_dir,
)
from moocstudio.export.validate import CONFORMANCE_ENV, schemas_in_use, validate_manifest
from moocstudio.model import Course
from moocstudio.model.store import save_course
from moocstudio.progress import Progress
from tests.export.test_validate import CC13
from tests.http_folder import serve_folder
from tests.test_cli import run_cli

SHARED_SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "schemas"
KINDS = ("scorm12", "scorm2004", "cc11", "cc13")

pytestmark = pytest.mark.skipif(
    not SHARED_SCHEMAS.is_dir(),
    reason="needs ../shared/conformance/schemas, the set the pins were taken from and the "
    "tests serve as a mirror",
)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder of the test's own; no conformance folder or mirror set around it."""
    folder = tmp_path / "data"
    monkeypatch.setenv("MOOCSTUDIO_DATA_DIR", str(folder))
    monkeypatch.delenv(CONFORMANCE_ENV, raising=False)
    monkeypatch.delenv(SCHEMAS_URL_ENV, raising=False)
    return folder


@pytest.fixture
def mirror() -> Iterator[str]:
    """``../shared/conformance/schemas`` over HTTP on 127.0.0.1."""
    with serve_folder(SHARED_SCHEMAS) as url:
        yield url


def tampered_copy(tmp_path: Path, path: str) -> tuple[Path, str]:
    """A copy of the shared schemas with one byte of ``path`` changed; and that file's SHA-256."""
    folder = tmp_path / "tampered"
    shutil.copytree(SHARED_SCHEMAS, folder)
    target = folder / path
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte
    target.write_bytes(bytes(data))
    return folder, hashlib.sha256(data).hexdigest()


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def pin(path: str) -> str:
    return next(p.sha256 for p in PINNED if p.path == path)


def leftovers(data_dir: Path) -> list[str]:
    """What the data folder holds besides an installed set (download or swap folders)."""
    return sorted(p.name for p in data_dir.iterdir() if p.name != "schemas")


def test_every_file_of_the_shared_schemas_is_pinned_with_its_sha256_and_a_pinned_copy() -> None:
    shared = sorted(
        str(path.relative_to(SHARED_SCHEMAS))
        for kind in KINDS
        for path in (SHARED_SCHEMAS / kind).rglob("*")
        if path.is_file()
    )
    assert sorted(p.path for p in PINNED) == shared
    assert check_folder(SHARED_SCHEMAS).complete
    for pinned in PINNED:
        urls = [source.url for source in pinned.sources]
        assert all(url.startswith("https://") for url in urls), urls
        # The copy SOURCES.md names is always there, at a commit, after any publisher URL.
        assert urls[-1].startswith("https://raw.githubusercontent.com/"), urls
        assert "/main/" not in urls[-1] and "/master/" not in urls[-1]


def test_install_from_a_mirror_puts_the_verified_set_where_validate_looks_first(
    data_dir: Path, mirror: str
) -> None:
    reports: list[Progress] = []
    result = install_schemas(mirror, on_progress=reports.append)
    assert (result.folder, result.files, result.source, result.notes) == (
        data_dir / "schemas",
        len(PINNED),
        mirror,
        [],
    )
    assert check_folder(data_dir / "schemas").complete
    assert leftovers(data_dir) == []
    assert reports[-1].stage == "verify" and reports[-1].fraction == 1.0
    download = [r.fraction for r in reports if r.stage == "download"]
    assert download == sorted(download) and download[-1] == 1.0
    in_use = schemas_in_use()
    assert (in_use.origin, in_use.folder) == ("installed", data_dir / "schemas")
    assert in_use.describe() == f"the official schemas installed in {data_dir / 'schemas'}"
    assert validate_manifest(CC13.encode(), "cc13") == []
    without_lom = CC13.replace("<lomimscc:lom>", "<!--").replace("</lomimscc:lom>", "-->")
    (problem,) = validate_manifest(without_lom.encode(), "cc13")
    assert "Expected is ( {http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest}lom )" in problem


def test_the_mirror_can_come_from_the_environment(
    data_dir: Path, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SCHEMAS_URL_ENV, mirror + "/")
    assert install_schemas().source == mirror
    assert check_folder(installed_dir()).complete


def test_cli_install_then_validate_and_export_use_the_installed_set(
    data_dir: Path, mirror: str, sample: tuple[Path, Course], tmp_path: Path
) -> None:
    before = run_cli("schemas")
    assert before.returncode == 0, before.stderr
    assert f"installed set ({data_dir / 'schemas'}): not installed" in before.stdout

    installed = run_cli("schemas", "install", "--mirror", mirror)
    assert installed.returncode == 0, installed.stderr
    assert installed.stderr == ""  # no bar drawn when stderr is no terminal
    schemas = data_dir / "schemas"
    assert installed.stdout.startswith(f"Installed {len(PINNED)} official schema files")
    assert f"from {mirror} in {schemas}, each matching its pinned SHA-256" in installed.stdout

    status = run_cli("schemas", "status")
    assert status.stdout.splitlines() == [
        f"validate and export use the official schemas installed in {schemas}: complete "
        f"({len(PINNED)} files, each matching its pinned SHA-256)"
    ]

    course = tmp_path / "course"
    shutil.copytree(sample[0], course)
    save_course(course, sample[1])  # the fixture's media results are in memory only
    out = tmp_path / "packages"
    formats = ("scorm12", "scorm2004", "imscc", "imscc11")
    exported = run_cli("export", course, *(f"--format={name}" for name in formats), "-o", out)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    verdicts = [line for line in exported.stdout.splitlines() if not line.startswith("  ")]
    assert [line.split()[0] for line in verdicts] == list(formats)
    assert all(line.endswith(": valid") for line in verdicts), exported.stdout
    checked = f"  note: imsmanifest.xml checked against the official schemas installed in {schemas}"
    assert exported.stdout.splitlines().count(checked) == len(formats)

    for package in sorted(out.glob("*.zip")) + sorted(out.glob("*.imscc")):
        validated = run_cli("validate", package)
        assert validated.returncode == 0, validated.stdout
        assert checked in validated.stdout.splitlines()
        assert validated.stdout.rstrip().endswith(": valid")


def test_a_tampered_file_is_refused_in_one_line_and_nothing_is_installed(
    data_dir: Path, tmp_path: Path
) -> None:
    folder, actual = tampered_copy(tmp_path, "scorm2004/common/elementTypes.xsd")
    with serve_folder(folder) as tampered:
        result = run_cli("schemas", "install", "--mirror", tampered)
    assert result.returncode == 2
    url = f"{tampered}/scorm2004/common/elementTypes.xsd"
    assert result.stderr == (
        f"moocstudio: error: scorm2004/common/elementTypes.xsd refused: {url} gave SHA-256 "
        f"{actual}; expected SHA-256 {pin('scorm2004/common/elementTypes.xsd')}; nothing was "
        "installed\n"
    )
    assert not data_dir.exists() or sorted(data_dir.iterdir()) == []


def test_a_refused_install_leaves_the_previous_good_set_as_it_was(
    data_dir: Path, mirror: str, tmp_path: Path
) -> None:
    install_schemas(mirror)
    before = {p: p.stat().st_mtime_ns for p in (data_dir / "schemas").rglob("*")}
    folder, _ = tampered_copy(tmp_path, "cc11/ccv1p1_imscp_v1p2_v1p0.xsd")
    with serve_folder(folder) as tampered, pytest.raises(SchemaRefused) as refused:
        install_schemas(tampered)
    assert refused.value.user_message.startswith("cc11/ccv1p1_imscp_v1p2_v1p0.xsd refused: ")
    assert {p: p.stat().st_mtime_ns for p in (data_dir / "schemas").rglob("*")} == before
    assert check_folder(data_dir / "schemas").complete
    assert leftovers(data_dir) == []
    assert schemas_in_use().origin == "installed"


def test_an_interrupted_install_leaves_the_previous_set_and_no_partial_folder(
    data_dir: Path, mirror: str
) -> None:
    install_schemas(mirror)
    (data_dir / "schemas" / "scorm12" / "imscp_rootv1p1p2.xsd").unlink()  # an older, broken set
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))

    def interrupt(progress: Progress) -> None:
        if progress.stage == "download":
            raise KeyboardInterrupt  # as Ctrl-C lands in the main thread while files arrive

    with pytest.raises(KeyboardInterrupt):
        install_schemas(mirror, on_progress=interrupt)
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before


def test_a_mirror_that_is_down_gives_one_clear_line(data_dir: Path) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    result = run_cli("schemas", "install", "--mirror", down)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("moocstudio: error: cannot download the official schemas: ")
    assert f"{down}/" in line and "Connection refused" in line
    assert line.endswith(f"nothing was installed (is the mirror {down} up?)")
    assert not (data_dir / "schemas").exists()


def test_a_data_folder_that_cannot_be_written_is_one_clear_line(
    tmp_path: Path, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MOOCSTUDIO_DATA_DIR", str(blocked / "data"))
    result = run_cli("schemas", "install", "--mirror", mirror)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"moocstudio: error: cannot write the schemas into {blocked / 'data'}: ")
    assert line.endswith("; nothing was installed")


def test_a_mirror_must_be_a_web_or_file_url(data_dir: Path) -> None:
    with pytest.raises(SchemasUnreachable, match="not an http"):
        install_schemas("ftp://example.org/schemas")


def test_a_file_url_mirror_installs_offline(data_dir: Path) -> None:
    result = install_schemas(SHARED_SCHEMAS.as_uri())
    assert result.source == SHARED_SCHEMAS.as_uri()
    assert check_folder(result.folder).complete


@pytest.mark.parametrize(
    ("damage", "summary"),
    [
        ("delete", "incomplete (1 of 68 files missing, e.g. cc11/imslticp_v1p0.xsd)"),
        ("alter", "incomplete (1 altered, e.g. cc11/imslticp_v1p0.xsd)"),
    ],
)
def test_an_incomplete_or_altered_installed_set_is_not_used(
    data_dir: Path, mirror: str, damage: str, summary: str
) -> None:
    install_schemas(mirror)
    assert schemas_in_use().origin == "installed"  # verified now, and remembered
    damaged = data_dir / "schemas" / "cc11" / "imslticp_v1p0.xsd"
    if damage == "delete":
        damaged.unlink()
    else:
        damaged.write_bytes(damaged.read_bytes().replace(b"LTICP", b"LTICQ", 1))
    # A new process, as a user's next command: the set is verified once per process.
    status = run_cli("schemas", "status")
    lines = status.stdout.splitlines()
    assert lines[1:] == [
        f"installed set ({data_dir / 'schemas'}): {summary}",
        "  run `moocstudio schemas install` to download and check them",
    ]
    assert lines[0].startswith("validate and export use the conformance schemas beside the source")
    assert schemas_in_use().origin == "installed"  # checked once per process, as documented
    schema_store._verified.cache_clear()
    assert schemas_in_use().origin == "checkout"


def test_a_source_with_other_bytes_is_skipped_with_a_note_and_the_next_one_tried(
    tmp_path: Path, mirror: str
) -> None:
    target = next(p for p in PINNED if p.path == "cc11/imslticp_v1p0.xsd")
    folder, actual = tampered_copy(tmp_path, target.path)
    fetcher = schema_store._Fetcher(timeout=10, advice="")
    with serve_folder(folder) as tampered:
        wrong = Source(f"{tampered}/{target.path}")
        missing = Source(f"{tampered}/cc11/no-such-file.xsd")
        data, notes = fetcher.obtain(target, [wrong, missing, Source(f"{mirror}/{target.path}")])
    assert data == (SHARED_SCHEMAS / target.path).read_bytes()
    assert notes == [
        f"{target.path}: skipped {wrong.url} gave SHA-256 {actual}",
        f"{target.path}: skipped {missing.url} answered HTTP 404 File not found",
    ]


def test_a_copy_with_crlf_line_endings_is_accepted_only_where_the_pin_says_so(
    tmp_path: Path,
) -> None:
    # SOURCES.md: the only public copy of imslticp_v1p0.xsd besides IMS's has CRLF endings.
    target = next(p for p in PINNED if p.path == "cc11/imslticp_v1p0.xsd")
    crlf = tmp_path / "crlf" / target.path
    crlf.parent.mkdir(parents=True)
    crlf.write_bytes((SHARED_SCHEMAS / target.path).read_bytes().replace(b"\n", b"\r\n"))
    fetcher = schema_store._Fetcher(timeout=10, advice="")
    with serve_folder(tmp_path / "crlf") as served:
        url = f"{served}/{target.path}"
        data, notes = fetcher.obtain(target, [Source(url, crlf_line_endings=True)])
        assert (hashlib.sha256(data).hexdigest(), notes) == (target.sha256, [])
        with pytest.raises(SchemaRefused, match="nothing was installed"):
            fetcher.obtain(target, [Source(url)])


def test_a_host_that_does_not_answer_is_noted_once_and_its_later_files_come_from_the_next(
    mirror: str,
) -> None:
    down = f"127.0.0.1:{free_port()}"
    fetcher = schema_store._Fetcher(timeout=10, advice="")
    for target in PINNED[:3]:
        sources = [Source(f"http://{down}/{target.path}"), Source(f"{mirror}/{target.path}")]
        data, notes = fetcher.obtain(target, sources)
        assert (hashlib.sha256(data).hexdigest(), notes) == (target.sha256, [])
    (note,) = fetcher.host_notes()
    assert note.startswith(f"{down} did not answer (") and "Connection refused" in note
