from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from moocstudio.errors import FileProblem
from moocstudio.export.package_check import check_package
from moocstudio.export.validate import schemas_in_use

GOOD_PAGE = (
    b'<html><head><link rel="stylesheet" href="assets/site.css"></head><body>'
    b'<a href="items/a.html#top">a</a> <a href="https://creativecommons.org/">licence</a>'
    b'<img src="media/p%20q.png" alt="x"></body></html>'
)


def site(tmp_path: Path, **overrides: bytes | None) -> Path:
    files: dict[str, bytes | None] = {
        "index.html": GOOD_PAGE,
        "assets/site.css": b"body{}",
        "items/a.html": b'<a href="../index.html">home</a><a href="mailto:x@y.org">m</a>',
        "media/p q.png": b"png",
        "LICENSE.txt": b"CC BY 4.0",
    }
    files.update(overrides)
    target = tmp_path / "site.zip"
    # A package made by any tool: "p q.png" is a name moocstudio's own writer would refuse.
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            if data is not None:
                archive.writestr(name, data)
    return target


def test_a_good_site_package_is_valid(tmp_path: Path) -> None:
    report = check_package(site(tmp_path))
    assert (report.kind, report.files, report.errors) == ("site", 5, [])
    # A name a link must percent-encode is advice, which --strict (and export) count.
    assert report.warnings == [
        "1 file name with spaces, accents or other characters that links must percent-encode "
        "and platforms may normalise differently: media/p q.png"
    ]
    assert (report.verdict(), report.passes()) == ("valid, 1 warning", True)
    assert (report.verdict(strict=True), report.passes(strict=True)) == (
        "INVALID (1 warning, --strict)",
        False,
    )


def test_missing_launch_page_licence_and_linked_file_are_reported(tmp_path: Path) -> None:
    package = site(tmp_path, **{"index.html": None, "LICENSE.txt": None, "media/p q.png": None})
    report = check_package(package)
    assert report.errors == [
        "no index.html and no imsmanifest.xml at the root: platforms cannot launch it",
        "items/a.html: ../index.html points to a file that is not in the package",
    ]
    assert report.warnings == [
        "no LICENSE.txt at the root: the licence should travel with the package"
    ]
    assert report.verdict() == "INVALID (2 errors, 1 warning)"
    broken = check_package(site(tmp_path, **{"media/p q.png": None}))
    # The link is percent-decoded before the file is looked up: "p q.png" was there.
    assert broken.errors == [
        "index.html: media/p%20q.png points to a file that is not in the package"
    ]


def test_network_loads_and_escapes_are_reported(tmp_path: Path) -> None:
    page = (
        b'<script src="https://cdn.example/x.js"></script><img src="//cdn.example/a.png">'
        b'<a href="../../etc/passwd">x</a>'
    )
    report = check_package(site(tmp_path, **{"items/a.html": page}))
    assert report.errors == ["items/a.html: ../../etc/passwd points outside the package"]
    assert report.warnings[1:] == [
        "items/a.html: <script src> loads https://cdn.example/x.js from the network",
        "items/a.html: <img src> loads //cdn.example/a.png from the network",
    ]


def test_only_what_the_browser_fetches_counts_as_a_network_load(tmp_path: Path) -> None:
    # A licence or author link names a page; a link is followed only when clicked. Style
    # sheets, icons, preloads, srcset candidates and CSS url() are fetched to show the page.
    head = (
        b'<link rel="license" href="http://creativecommons.org/licenses/by/4.0/">'
        b'<link rel="author" href="https://example.org/me">'
        b'<link rel="alternate" type="application/rss+xml" href="https://example.org/feed">'
        b'<a href="https://example.org/more">more</a>'
        b'<link rel="stylesheet" href="https://fonts.example/f.css">'
        b'<link rel="shortcut icon" href="https://example.org/favicon.ico">'
        b'<link rel="preload" as="font" href="https://fonts.example/f.woff2">'
        b'<img src="media/p%20q.png" srcset="media/p%20q.png 1x, https://img.example/b.png 2x">'
        b"<div style=\"background: url('https://img.example/bg.png')\"></div>"
        b"<style>@import 'https://fonts.example/g.css'; p { color: red }</style>"
    )
    sheet = (
        b"body { background: url(https://img.example/sheet.png) } h1 { background: url(gone.png) }"
    )
    report = check_package(site(tmp_path, **{"index.html": head, "assets/site.css": sheet}))
    assert report.warnings[1:] == [  # files in name order, each URL in page order
        "assets/site.css: url() loads https://img.example/sheet.png from the network",
        "index.html: <link href> loads https://fonts.example/f.css from the network",
        "index.html: <link href> loads https://example.org/favicon.ico from the network",
        "index.html: <link href> loads https://fonts.example/f.woff2 from the network",
        "index.html: <img srcset> loads https://img.example/b.png from the network",
        "index.html: url() loads https://img.example/bg.png from the network",
        "index.html: url() loads https://fonts.example/g.css from the network",
    ]
    assert report.errors == [
        "assets/site.css: gone.png points to a file that is not in the package"
    ]


def test_one_network_load_on_many_pages_is_one_warning(tmp_path: Path) -> None:
    font = b'<link rel="stylesheet" href="https://fonts.example/f.css">'
    report = check_package(site(tmp_path, **{"index.html": font, "items/a.html": font}))
    assert report.warnings[1:] == [
        "index.html, items/a.html: <link href> loads https://fonts.example/f.css from the network"
    ]


def test_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "course.zip"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(FileProblem, match="course.zip: cannot be read as a zip package"):
        check_package(bogus)


SCORM12_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M1" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>T</title>
    <item identifier="I1" identifierref="R1" isvisible="true"><title>T</title></item>
  </organization></organizations>
  <resources><resource identifier="R1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/><file href="gone.js"/></resource></resources>
</manifest>"""


def test_a_manifest_is_validated_and_its_files_checked(tmp_path: Path) -> None:
    needs_schemas()
    report = check_package(site(tmp_path, **{"imsmanifest.xml": SCORM12_MANIFEST}))
    assert report.kind == "scorm12"
    assert report.errors == ["imsmanifest.xml lists gone.js, which is not in the package"]
    assert report.warnings == [
        "1 file name with spaces, accents or other characters that links must percent-encode "
        "and platforms may normalise differently: media/p q.png",
        "4 files in the package but not in imsmanifest.xml (platforms may leave them out): "
        "LICENSE.txt, assets/site.css, items/a.html, media/p q.png",
    ]


CC11_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M1" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
  xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
    <lomimscc:lom><lomimscc:general><lomimscc:title>
      <lomimscc:string language="fr">Cours</lomimscc:string>
    </lomimscc:title></lomimscc:general></lomimscc:lom></metadata>
  <organizations/>
  <resources><resource identifier="R1" type="webcontent" href="index.html">
    <file href="index.html"/><file href="LICENSE.txt"/><file href="assets/site.css"/>
    <file href="items/a.html"/><file href="media/p%20q.png"/></resource></resources>
</manifest>"""


def needs_schemas() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "conformance"
    if not shared.is_dir():
        pytest.skip("needs ../shared/conformance (the conformance schemas)")


def test_a_cc11_manifest_is_validated_against_moodles_cc11_schemas(tmp_path: Path) -> None:
    needs_schemas()
    report = check_package(site(tmp_path, **{"imsmanifest.xml": CC11_MANIFEST}))
    checked_by = f"imsmanifest.xml checked against {schemas_in_use().describe()}"
    assert (report.kind, report.errors, report.notes) == ("cc11", [], [checked_by])
    # Moodle refuses a CC 1.1 manifest its copy of the XSDs rejects: so does the check.
    without_lom = CC11_MANIFEST.replace(b"<lomimscc:lom>", b"<!--").replace(
        b"</lomimscc:lom>", b"-->"
    )
    (problem,) = check_package(site(tmp_path, **{"imsmanifest.xml": without_lom})).errors
    assert problem.startswith("imsmanifest.xml: line 4:") and "LOM/manifest}lom" in problem


CARTRIDGE_PAGE = (
    b'<img src="$IMS-CC-FILEBASE$/../media/p q.png" alt="x">'
    b'<a href="$IMS-CC-FILEBASE$../LICENSE.txt">licence</a>'  # Moodle's own export writes so
    b'<video><track src="$IMS-CC-FILEBASE$/../media/gone.vtt"></video>'
)


def test_cartridge_links_through_the_filebase_token_are_read_from_the_page_folder(
    tmp_path: Path,
) -> None:
    # $IMS-CC-FILEBASE$ is the Common Cartridge's own name for the folder of the page's
    # resource: a link through it names a file of the package, not a folder called so.
    package = site(tmp_path, **{"items/cartridge.html": CARTRIDGE_PAGE})
    assert check_package(package).errors == [
        "items/cartridge.html: $IMS-CC-FILEBASE$/../media/gone.vtt points to a file that is "
        "not in the package"
    ]


def test_without_the_official_schemas_the_check_says_so_and_still_checks_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A user's machine: moocstudio installed, the conformance schemas nowhere to be found.
    monkeypatch.setenv("MOOCSTUDIO_CONFORMANCE_DIR", str(tmp_path / "no-schemas"))
    report = check_package(site(tmp_path, **{"imsmanifest.xml": SCORM12_MANIFEST}))
    assert report.kind == "scorm12"
    assert len(report.notes) == 1
    assert report.notes[0].startswith("imsmanifest.xml not checked against the official XSDs")
    assert "MOOCSTUDIO_CONFORMANCE_DIR" in report.notes[0]
    assert report.errors == ["imsmanifest.xml lists gone.js, which is not in the package"]
    dangling = SCORM12_MANIFEST.replace(b'identifierref="R1"', b'identifierref="R9"')
    problems = check_package(site(tmp_path, **{"imsmanifest.xml": dangling})).errors
    assert any("R9" in problem for problem in problems), problems
