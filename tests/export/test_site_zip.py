from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from moocstudio.build import SiteBuildError
from moocstudio.export.site_zip import export_site_zip
from moocstudio.export.staging import ATTRIBUTIONS_FILE, LICENCE_FILE
from moocstudio.importers.pages import import_page
from moocstudio.model import Attribution, Course, LicenceId, Person
from moocstudio.model.store import create_course


@pytest.fixture
def small_course(tmp_path: Path) -> tuple[Path, Course]:
    folder = tmp_path / "cours"
    course = Course(
        title="Science ouverte",
        language="fr",
        licence=LicenceId.CC_BY_SA_4_0,
        authors=[Person(name="Ada Lovelace")],
    )
    create_course(folder, course)
    source = tmp_path / "lecture.md"
    source.write_text("# Lire\n\nUn texte à lire.", encoding="utf-8")
    page = import_page(folder, source).item
    page.licence = LicenceId.CC_BY_4_0
    page.attribution = Attribution(title="Lire", author="Grace Hopper")
    course.add_item(page, "Semaine 1")
    return folder, course


def test_site_zip_has_index_at_root_licence_files_and_is_deterministic(
    small_course: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = small_course
    first = export_site_zip(folder, course, tmp_path / "a" / "site.zip")
    second = export_site_zip(folder, course, tmp_path / "b" / "site.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(first.path) as archive:
        names = archive.namelist()
        assert "index.html" in names
        assert names == sorted(names)
        licence = archive.read(LICENCE_FILE).decode("utf-8")
        credits = archive.read(ATTRIBUTIONS_FILE).decode("utf-8")
    assert "Creative Commons Attribution-ShareAlike 4.0 International (CC-BY-SA-4.0)" in licence
    assert "Ada Lovelace" in licence
    assert "1.1 Lire — CC BY 4.0" in credits
    assert "“Lire”, Grace Hopper" in credits
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["site.zip"]  # no leftovers


def test_failed_export_leaves_nothing(small_course: tuple[Path, Course], tmp_path: Path) -> None:
    folder, course = small_course
    page = course.all_items()[0]
    broken = course.model_copy(deep=True)
    # An image the course lists but the media folder lost: the build must stop.
    broken.modules[0].items[0].images = [page.source.model_copy(update={"path": "media/gone.png"})]
    out = tmp_path / "out"
    with pytest.raises(SiteBuildError, match="gone.png"):
        export_site_zip(folder, broken, out / "site.zip")
    assert not out.exists() or list(out.iterdir()) == []
