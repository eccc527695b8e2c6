"""Image paths as static-site lessons write them, resolved inside the lesson and nowhere else.

Each test builds a lesson tree the way its generator lays it out (Carpentries styles on Jekyll,
the Carpentries Workbench, Hugo, Jupyter Book, Quarto) and imports one page of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image

from moocstudio.importers.dispatch import import_file
from moocstudio.importers.image_paths import LessonFolders, repository_root
from moocstudio.importers.pages import import_page
from moocstudio.model import Asset
from moocstudio.model.store import asset_path

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4"/></svg>'


def png(path: Path, colour: str = "teal", size: tuple[int, int] = (12, 8)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def copied_names(course: Path, images: Sequence[Asset]) -> dict[str, bytes]:
    return {image.original_name: asset_path(course, image).read_bytes() for image in images}


@pytest.fixture
def jekyll_lesson(tmp_path: Path) -> Path:
    """A Carpentries "styles" lesson: Jekyll, episodes in _episodes/, figures at the top."""
    lesson = tmp_path / "python-novice"
    write(lesson / "_config.yml", "carpentry: swc\ntitle: Python\n")
    png(lesson / "fig" / "x.png", "red")
    (lesson / "assets" / "img").mkdir(parents=True)
    (lesson / "assets" / "img" / "y.svg").write_bytes(SVG)
    return lesson


def test_jekyll_site_root_relative_and_raw_html_images_resolve(
    tmp_path: Path, jekyll_lesson: Path
) -> None:
    # "/fig/x.png" is what "{{ page.root }}/fig/x.png" leaves once its Liquid is removed.
    page = write(
        jekyll_lesson / "_episodes" / "01-intro.md",
        "# Intro\n\n![Plot](/fig/x.png)\n\n![Logo](/assets/img/y.svg)\n\n"
        "![Again](../fig/x.png)\n\n<img src=\"/assets/img/y.svg\" alt='raw'>\n",
    )
    course = tmp_path / "course"
    result = import_page(course, page)
    assert result.warnings == []
    item = result.item
    assert copied_names(course, item.images) == {
        "x.png": (jekyll_lesson / "fig" / "x.png").read_bytes(),
        "y.svg": SVG,
    }
    x, y = item.images
    assert item.html.count(f'src="{x.path}"') == 2
    assert item.html.count(f'src="{y.path}"') == 2
    assert "/fig/" not in item.html and "/assets/" not in item.html


def test_each_missing_image_is_one_warning_and_the_page_imports(
    tmp_path: Path, jekyll_lesson: Path
) -> None:
    page = write(
        jekyll_lesson / "_episodes" / "02-loops.md",
        "# Loops\n\n![a](/fig/missing.png) and ![b](/fig/missing.png)\n\n"
        '<img src="/fig/missing.png">\n\n![c](/fig/x.png)\n',
    )
    result = import_page(tmp_path / "course", page)
    lesson = jekyll_lesson.resolve()
    assert result.warnings == [
        f"{page}: image /fig/missing.png was not found in {lesson / '_episodes'} "
        f"or the folders above it up to {lesson}; left out."
    ]
    assert [image.original_name for image in result.item.images] == ["x.png"]
    assert result.item.title == "Loops"


def test_workbench_episode_figures_resolve(tmp_path: Path) -> None:
    """The Carpentries Workbench: config.yaml at the top, figures beside the episodes."""
    lesson = tmp_path / "r-novice"
    write(lesson / "config.yaml", "carpentry: 'swc'\ntitle: 'R for novices'\n")
    png(lesson / "episodes" / "fig" / "z.png", "blue")
    page = write(
        lesson / "episodes" / "intro.md",
        "---\ntitle: Intro\n---\n\n![Z](fig/z.png)\n\n![Z from the top](/episodes/fig/z.png)\n",
    )
    assert repository_root(page.parent) == lesson
    result = import_page(tmp_path / "course", page)
    assert result.warnings == []
    assert [image.original_name for image in result.item.images] == ["z.png"]


def test_hugo_serves_static_files_at_the_site_root(tmp_path: Path) -> None:
    site = tmp_path / "hugo-site"
    write(site / "hugo.toml", 'title = "Course"\n')
    png(site / "static" / "images" / "h.png", "green")
    page = write(site / "content" / "posts" / "p.md", "# P\n\n![H](/images/h.png)\n")
    result = import_page(tmp_path / "course", page)
    assert result.warnings == []
    assert [image.original_name for image in result.item.images] == ["h.png"]


@pytest.mark.parametrize("marker", ["_quarto.yml", "myst.yml", "conf.py", ".git"])
def test_other_site_roots_bound_the_search(tmp_path: Path, marker: str) -> None:
    lesson = tmp_path / "book"
    marker_path = lesson / marker
    if marker == ".git":
        marker_path.mkdir(parents=True)
    else:
        write(marker_path, "")
    png(lesson / "images" / "q.png")
    png(tmp_path / "images" / "above.png")  # above the root: never looked at
    page = write(
        lesson / "chapters" / "part" / "a.md",
        "# A\n\n![Q](/images/q.png) ![above](/images/above.png)\n",
    )
    result = import_page(tmp_path / "course", page)
    assert [image.original_name for image in result.item.images] == ["q.png"]
    assert len(result.warnings) == 1 and "/images/above.png was not found" in result.warnings[0]


def test_the_nearest_root_wins_over_a_repository_above(tmp_path: Path) -> None:
    """A Jupyter Book in book/ of a git repository: the book's _config.yml is the site root."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "book" / "_config.yml", "title: Book\n")
    page = write(repo / "book" / "chapter" / "c.md", "# C\n")
    assert repository_root(page.parent) == repo / "book"


def test_a_root_given_by_the_author_is_used(tmp_path: Path) -> None:
    top = tmp_path / "plain-lessons"
    png(top / "shared" / "s.png", "purple")
    page = write(top / "week1" / "day1" / "notes.md", "# N\n\n![S](/shared/s.png)\n")
    without = import_page(tmp_path / "course", page)
    assert without.item.images == []
    assert without.warnings == [
        f"{page}: image /shared/s.png was not found in {page.parent.resolve()}; left out."
    ]
    given = import_page(tmp_path / "course", page, root=top)
    assert given.warnings == []
    assert [image.original_name for image in given.item.images] == ["s.png"]
    # The same through the dispatcher the CLI and the app use.
    dispatched = import_file(tmp_path / "course", page, root=top)
    assert dispatched.warnings == []


def test_paths_that_leave_the_root_are_refused_and_never_read(tmp_path: Path) -> None:
    outside = png(tmp_path / "private" / "secret.png", "black")
    lesson = tmp_path / "lesson"
    write(lesson / "_config.yml", "")
    (lesson / "fig").mkdir()
    (lesson / "fig" / "link.png").symlink_to(outside)
    (lesson / "fig" / "dir-link").symlink_to(outside.parent, target_is_directory=True)
    page = write(
        lesson / "episodes" / "e.md",
        "# E\n\n![up](../../private/secret.png) ![root](/../private/secret.png) "
        "![link](/fig/link.png) ![rel-link](../fig/link.png) "
        "![dir](/fig/dir-link/secret.png)\n",
    )
    result = import_page(tmp_path / "course", page)
    assert result.item.images == []
    root = lesson.resolve()
    assert result.warnings == [
        f"{page}: image {src} leads outside the lesson folder {root} "
        "(give the lesson's root with --root); left out."
        for src in (
            "../../private/secret.png",
            "/../private/secret.png",
            "/fig/link.png",
            "../fig/link.png",
            "/fig/dir-link/secret.png",
        )
    ]


def test_a_symlink_inside_the_root_is_followed(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson"
    write(lesson / "_config.yml", "")
    real = png(lesson / "assets" / "real.png")
    (lesson / "fig").mkdir()
    (lesson / "fig" / "alias.png").symlink_to(real)
    page = write(lesson / "p.md", "# P\n\n![a](/fig/alias.png)\n")
    result = import_page(tmp_path / "course", page)
    assert result.warnings == []
    assert len(result.item.images) == 1


def test_todays_guarantees_hold_for_site_root_paths(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson"
    write(lesson / "_config.yml", "")
    write(lesson / "fig" / "notes.png", "not an image at all")
    page = write(
        lesson / "p.md",
        "# P\n\n![web](https://example.org/x.png) ![file](file:///etc/passwd) "
        "![txt](/fig/notes.png) ![unc](\\\\server\\share\\x.png)\n",
    )
    result = import_page(tmp_path / "course", page)
    warnings = "\n".join(result.warnings)
    assert "https://example.org/x.png is on the web" in warnings
    assert "/fig/notes.png is not an image Pillow can read" in warnings
    assert "is not a path to a file" in warnings
    assert "file:" not in result.item.html
    assert result.item.images == []


def test_lesson_folders_without_any_marker_stop_at_the_page(tmp_path: Path) -> None:
    page = write(tmp_path / "a" / "b" / "p.md", "")
    folders = LessonFolders.for_page(page)
    if repository_root(tmp_path) is None:  # tmp_path itself sits under no repository
        assert folders.root == page.parent.resolve()
    assert folders.find("/x.png").path is None
