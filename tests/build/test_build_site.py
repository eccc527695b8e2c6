"""The built site, from the real sample course (slides, pages and a video with its media)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from moocstudio.build import SiteBuildError, SiteOptions, SiteTree, build_site
from moocstudio.model import Attribution, Course, LicenceId, Page, SlideDeck, Video

PAGE_BUDGET = 50_000  # bytes of HTML + CSS + JS per page (issue 4)


class _Links(HTMLParser):
    """Collects every href/src/poster, the <html lang>, scripts and landmarks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        for name in ("href", "src", "poster"):
            value = values.get(name)
            if value is not None:
                self.links.append((tag, name, value))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _html_files(tree: SiteTree) -> Iterator[Path]:
    return (tree.root / name for name in tree.files if name.endswith(".html"))


def test_files_listed_are_exactly_the_files_written(site: SiteTree) -> None:
    on_disk = sorted(
        p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file()
    )
    assert list(site.files) == on_disk
    assert site.launch == "index.html" in site.files
    assert set(site.pages.values()) <= set(site.files)
    assert not [p for p in site.root.parent.iterdir() if p.name.startswith(".")]


def test_every_link_is_relative_and_resolves(site: SiteTree) -> None:
    licence_urls = set()
    for page in _html_files(site):
        for tag, attribute, value in _parse(page).links:
            parts = urlsplit(value)
            if (tag, value) == ("link", "data:,"):
                continue  # the empty icon every page declares, so no favicon is requested
            if parts.scheme:
                # The only absolute link is the licence's legal code, as a plain <a>.
                assert parts.scheme == "https" and tag == "a", (page, value)
                licence_urls.add(value)
                continue
            assert not value.startswith("/"), (page, value)
            if not parts.path:
                continue  # a fragment of the same page
            target = PurePosixPath(
                page.relative_to(site.root).parent.as_posix(), unquote(parts.path)
            )
            resolved = (site.root / target).resolve()
            assert resolved.is_file(), (page, attribute, value)
            assert resolved.is_relative_to(site.root.resolve())
    assert licence_urls == {"https://creativecommons.org/publicdomain/zero/1.0/"}


def test_every_page_has_lang_skip_link_landmarks_and_licence(site: SiteTree) -> None:
    for page in _html_files(site):
        parsed = _parse(page)
        tags = {tag for tag, _ in parsed.tags}
        assert {"header", "nav", "main", "footer"} <= tags, page
        html_tag = next(attrs for tag, attrs in parsed.tags if tag == "html")
        assert html_tag["lang"] == "fr"
        assert ("a", "href", "#main") in parsed.links, page
        text = page.read_text(encoding="utf-8")
        assert "CC0 1.0 Universal (Public Domain Dedication)" in text, page
        assert any(tag == "img" and attrs.get("alt") == "CC0 1.0" for tag, attrs in parsed.tags)
        for tag, attrs in parsed.tags:
            if tag == "img":
                assert attrs.get("alt"), (page, attrs)
            if tag == "script":
                assert not urlsplit(attrs.get("src") or "").scheme, (page, attrs)


def test_home_shows_the_outline(site: SiteTree, sample: tuple[Path, Course]) -> None:
    _, course = sample
    home = (site.root / "index.html").read_text(encoding="utf-8")
    assert "Introduction to Open Access" in home  # subtitle
    assert "moocstudio sample authors" in home
    for module in course.modules:
        for objective in module.objectives:
            assert objective.replace("'", "&#39;") in home
    assert "0:28" in home  # the video's duration
    assert "assets/cc-zero.svg" in site.files


def test_video_page_offers_every_rendition_captions_and_transcript(
    site: SiteTree, sample: tuple[Path, Course]
) -> None:
    _, course = sample
    video = next(item for item in course.all_items() if isinstance(item, Video))
    parsed = _parse(site.root / site.pages[video.id])
    sources = [attrs for tag, attrs in parsed.tags if tag == "source"]
    assert [s["data-label"] for s in sources] == ["360p", "540p", "720p"]
    player = next(attrs for tag, attrs in parsed.tags if tag == "video")
    assert "controls" in player and player["preload"] == "metadata" and player["poster"]
    track = next(attrs for tag, attrs in parsed.tags if tag == "track")
    assert track["kind"] == "captions" and track["srclang"] == "fr" and "default" in track
    assert str(track["src"]).endswith(".vtt")
    text = (site.root / site.pages[video.id]).read_text(encoding="utf-8")
    assert "voie verte" in text  # the transcript
    assert 'class="download"' in text
    # The track waits in an inert template for video.js: a <track src> in the player itself
    # makes the browser log an error from file://, where it refuses the file.
    assert "<track" not in text.partition("<video")[2].partition("</video>")[0]
    assert '<template class="captions" id="track-1"><track kind="captions"' in text
    # The WebVTT text is inlined too, handed to the track as a blob from file://.
    assert '<template class="vtt" data-track="track-1">WEBVTT' in text


def test_slides_show_visible_slides_with_alt_and_notes(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    deck = next(item for item in course.all_items() if isinstance(item, SlideDeck))
    hidden = deck.slides[1]
    hidden.hidden = True
    tree = build_site(folder, course, tmp_path / "site")
    page = (tree.root / tree.pages[deck.id]).read_text(encoding="utf-8")
    assert hidden.image is not None and hidden.image.sha256[:12] not in page
    assert page.count('class="slide"') == len(deck.visible_slides)
    first = deck.slides[0]
    assert first.image is not None and first.image.sha256[:12] in page
    assert first.notes.splitlines()[0].replace("'", "&#39;") in page
    assert "../assets/slides.js" in page


def test_hostile_titles_are_escaped(sample: tuple[Path, Course], tmp_path: Path) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    course.title = "<script>alert(1)</script>"
    course.modules[0].items[0].title = '"><img src=x onerror=alert(1)>'
    tree = build_site(folder, course, tmp_path / "site")
    for page in _html_files(tree):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (tree.root / "index.html").read_text()


def _digest(tree: SiteTree) -> dict[str, str]:
    return {
        name: hashlib.sha256((tree.root / name).read_bytes()).hexdigest() for name in tree.files
    }


def test_building_twice_gives_identical_files(
    sample: tuple[Path, Course], site: SiteTree, tmp_path: Path
) -> None:
    folder, course = sample
    again = build_site(folder, course, tmp_path / "again")
    assert again.files == site.files
    assert _digest(again) == _digest(site)


def test_rebuild_replaces_the_old_site(sample: tuple[Path, Course], tmp_path: Path) -> None:
    folder, course = sample
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old")
    tree = build_site(folder, course, out)
    assert not (out / "stale.html").exists()
    assert (out / tree.launch).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_old_site_and_no_temp(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    video = next(item for item in course.all_items() if isinstance(item, Video))
    video.renditions[0].file = video.renditions[0].file.model_copy(
        update={"path": "media/missing.mp4"}
    )
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site")
    with pytest.raises(SiteBuildError, match=r"missing\.mp4"):
        build_site(folder, course, out)
    assert (out / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_each_page_stays_small(site: SiteTree) -> None:
    code = sum((site.root / n).stat().st_size for n in site.files if n.startswith("assets/"))
    code -= sum((site.root / n).stat().st_size for n in site.files if n.endswith(".svg"))
    for page in _html_files(site):
        assert page.stat().st_size + code < PAGE_BUDGET, page


def test_item_licence_and_attribution_show_in_its_footer(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    item = course.modules[1].items[0]
    item.licence = LicenceId.CC_BY_SA_4_0
    item.attribution = Attribution(title="Spectre", author="A. Auteur <b>")
    tree = build_site(folder, course, tmp_path / "site")
    page = (tree.root / tree.pages[item.id]).read_text(encoding="utf-8")
    assert "“Spectre”, A. Auteur &lt;b&gt;, CC BY-SA 4.0" in page
    assert "../assets/cc-by-sa.svg" in page and "assets/cc-by-sa.svg" in tree.files
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in page


def test_video_without_derived_media_plays_its_source(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    video = next(item for item in course.all_items() if isinstance(item, Video))
    video.renditions, video.subtitles, video.poster = [], [], None
    tree = build_site(folder, course, tmp_path / "site")
    parsed = _parse(tree.root / tree.pages[video.id])
    sources = [attrs["src"] for tag, attrs in parsed.tags if tag == "source"]
    assert sources == [f"../media/lecture-{video.source.sha256[:12]}.mp4"]
    assert not [tag for tag, _ in parsed.tags if tag in {"track", "select"}]
    assert f"media/lecture-{video.source.sha256[:12]}.mp4" in tree.files


def test_links_between_markdown_pages_point_at_their_site_pages(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    first, second = (item for item in course.all_items() if isinstance(item, Page))
    target = second.source.original_name
    first.html += f'<p><a href="{target}#part">next</a> <a href="unknown.md">other</a></p>'
    tree = build_site(folder, course, tmp_path / "site")
    page = (tree.root / tree.pages[first.id]).read_text(encoding="utf-8")
    assert f'href="{second.id}.html#part"' in page
    # Not a page of this course: the words stay, a dead link inside the package does not.
    assert 'href="unknown.md"' not in page and "> other</p>" in page


def test_an_empty_course_builds_a_home_page_in_its_language(tmp_path: Path) -> None:
    course = Course(title="Empty", language="en-GB")
    tree = build_site(tmp_path / "course", course, tmp_path / "site")
    assert tree.files == (
        "assets/cc-by.svg",
        "assets/site.css",
        "assets/slides.js",
        "assets/video.js",
        "index.html",
    )
    assert dict(tree.pages) == {}
    home = (tree.root / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in home and "Skip to content" in home


def test_an_unwritable_target_is_a_site_build_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SiteBuildError, match="Cannot write the site"):
        build_site(tmp_path / "course", Course(title="T"), blocker / "site")


def test_site_assets_are_copies_not_links(site: SiteTree) -> None:
    for name in site.files:
        if name.startswith("assets/"):
            assert (site.root / name).stat().st_nlink == 1, name


def test_each_page_lists_the_files_it_loads(site: SiteTree) -> None:
    assert set(site.dependencies) == {site.launch, *site.pages.values()}
    for page, files in site.dependencies.items():
        assert "assets/site.css" in files, page
        assert set(files) <= set(site.files), page
    video_page = next(p for p in site.pages.values() if "video-" in p)
    loaded = site.dependencies[video_page]
    assert "assets/video.js" in loaded
    assert any(name.endswith(".mp4") for name in loaded)
    assert any(name.endswith(".vtt") for name in loaded)


def test_package_options_add_scripts_and_drop_links_between_items(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    site = build_site(
        folder,
        course,
        tmp_path / "site",
        SiteOptions(scripts=("tracking.js",), links_between_items=False),
    )
    assert "assets/tracking.js" in site.files
    for page, files in site.dependencies.items():
        assert "assets/tracking.js" in files, page
    for item_id, page in site.pages.items():
        html = (site.root / page).read_text(encoding="utf-8")
        assert f'data-item="{item_id}"' in html
        assert 'class="pager"' not in html
        assert "index.html" not in html
