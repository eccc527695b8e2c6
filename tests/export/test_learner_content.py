"""What a page puts in every package: its front-matter lists, never its instructor notes.

Each format is written for real from a course holding one page, and every file of every package
is read back: the key points, the keyboard-scrollable code box and the page's author are in the
page as learners get it (site, SCORM 1.2 and 2004 in both structures, Common Cartridge 1.3 and
1.1, Open edX OLX), and no byte of the instructor notes is anywhere.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from moocstudio.export.formats import FORMATS, SCO_STRUCTURES, ExportOptions, export_course
from moocstudio.model import Course, LicenceId, Module, Page, Person
from moocstudio.model.store import add_asset_bytes, create_course

NOTE = "ONLY-FOR-INSTRUCTORS: pause here for questions"
KEY_POINT = "A line has a slope and an intercept"
PACKAGES = [(name, "single") for name in FORMATS] + [
    (name, sco) for name, fmt in FORMATS.items() if fmt.takes_sco for sco in SCO_STRUCTURES[1:]
]


def _course(folder: Path) -> Course:
    course = Course(title="Lines", language="en", licence=LicenceId.CC_BY_4_0)
    create_course(folder, course)
    page = Page(
        id="page-00000000000a",
        title="Fitting a line",
        source=add_asset_bytes(folder, b"# Fitting a line\n", "fitting.md"),
        html='<h1 id="fitting">Fitting a line</h1>\n<p>Fit it.</p>\n'
        '<pre><code class="language-python">numpy.polyfit(x, y, 1)</code></pre>',
        objectives=["Fit a line"],
        keypoints=[KEY_POINT],
        authors=[Person(name="Grace Example")],
        instructor_notes=[f"<p>{NOTE}</p>", "<p>Second note</p>"],
    )
    course.modules.append(Module(title="Module", items=[page]))
    return course


def _files(package: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of a .zip, .imscc or .tar.gz package, with its bytes."""
    if package.name.endswith(".tar.gz"):
        with tarfile.open(package) as archive:
            for member in archive.getmembers():
                extracted = archive.extractfile(member) if member.isfile() else None
                if extracted is not None:
                    yield member.name, extracted.read()
        return
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            yield name, archive.read(name)


@pytest.mark.parametrize(("name", "sco"), PACKAGES, ids=[f"{n}-{s}" for n, s in PACKAGES])
def test_every_package_has_the_key_points_and_no_instructor_note(
    tmp_path: Path, name: str, sco: str
) -> None:
    folder = tmp_path / "course"
    course = _course(folder)
    (result,) = export_course(
        folder,
        course,
        tmp_path / "out",
        (name,),
        ExportOptions(sco=sco),  # type: ignore[arg-type]
    )
    files = dict(_files(result.path))
    with_key_point = [path for path, data in files.items() if KEY_POINT.encode() in data]
    assert with_key_point, f"the key points are in no file of {result.path.name}"
    for path in with_key_point:
        text = files[path].decode("utf-8")
        # An aside of its own (packages for style-less platforms add inline styles to it).
        aside = '//div[@class="admonition keypoints"]/p[@class="admonition-title"][1]/text()'
        assert lxml.html.fromstring(text).xpath(aside) == ["Key points"], path
        assert 'role="region" tabindex="0" aria-label="Code 1, python"' in text, path
        assert "By Grace Example" in text, path  # the page's own author, beside its licence
    leaked = [
        path for path, data in files.items() if NOTE.encode() in data or b"Second note" in data
    ]
    assert leaked == []
