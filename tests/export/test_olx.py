"""The Open edX OLX export of the real sample course, checked by olxcleaner and by hand."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tarfile
import warnings
from html import escape
from pathlib import Path

import pysubs2
import pytest
from lxml import etree, html

from moocstudio.build.standalone import played_first
from moocstudio.export.formats import ExportOptions
from moocstudio.export.olx import export_olx, olx_identity, write_olx
from moocstudio.export.olx_check import olx_problems
from moocstudio.export.olx_components import OlxExportError
from moocstudio.export.zipwriter import write_tar_gz
from moocstudio.media.subtitle_files import read_webvtt
from moocstudio.model import (
    Attribution,
    Course,
    LicenceId,
    Module,
    Page,
    Quiz,
    SlideDeck,
    Video,
)
from tests.waiting import EVENT_TIMEOUT_S

olxcleaner = pytest.importorskip(
    "olxcleaner", reason="olxcleaner (the test extra) is not installed: pip install olxcleaner"
)

HOSTILE = 'Cours "A" & <script>alert(1)</script> l\'été 🎓'
Sample = tuple[Path, Course]


def _extract(package: Path, dest: Path) -> Path:
    """Extract our own (trusted, just written) package; return its ``course/`` folder."""
    with tarfile.open(package) as archive:
        archive.extractall(dest, filter="data")
    return dest / "course"


def _export(folder: Path, course: Course, out: Path) -> tuple[Path, Path]:
    package = export_olx(folder, course, out / "course.tar.gz")
    return package.path, _extract(package.path, out / "extracted")


def _xml(path: Path) -> etree._Element:
    return etree.parse(path).getroot()


def _olxcleaner_findings(course_dir: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings) from olxcleaner's eight validation steps."""
    _course, store, _names = olxcleaner.validate(str(course_dir), 8)
    found = [(e.level_val, f"{e.name} in {e.filename}: {e.description}") for e in store.errors]
    return [text for level, text in found if level >= 3], [t for lv, t in found if lv < 3]


@pytest.fixture(scope="module")
def exported(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample course exported once: (the .tar.gz, its extracted course/ folder)."""
    folder, course = sample
    return _export(folder, course, tmp_path_factory.mktemp("olx"))


def _hostile_course(course: Course) -> Course:
    """The sample with markup, quotes, ampersands and emoji everywhere an author can type."""
    hostile = course.model_copy(deep=True)
    hostile.title = HOSTILE
    hostile.subtitle = HOSTILE
    hostile.description = f"<b>{HOSTILE}</b>"
    hostile.licence = LicenceId.CC_BY_SA_4_0
    for module in hostile.modules:
        module.title = f"{HOSTILE} module"
    for item in hostile.all_items():
        item.title = f"{HOSTILE} {item.kind}"
        if isinstance(item, SlideDeck):
            item.slides[0].notes = "<script>alert('notes')</script> & co"
            item.slides[0].image_alt = '" onerror="alert(1)'
        if isinstance(item, Video):
            item.licence = LicenceId.CC_BY_NC_4_0
            item.attribution = Attribution(title="<i>Clip</i>", author="Ada & Grace")
    return hostile


def test_olxcleaner_finds_no_error(exported: tuple[Path, Path]) -> None:
    _package, course_dir = exported
    errors, found_warnings = _olxcleaner_findings(course_dir)
    assert errors == []
    for warning in found_warnings:
        warnings.warn(f"olxcleaner: {warning}", stacklevel=1)


def test_edx_cleaner_command_exits_cleanly(exported: tuple[Path, Path]) -> None:
    script = Path(sys.executable).parent / "edx-cleaner"
    if not script.exists():
        pytest.skip(f"olxcleaner's edx-cleaner script is not beside {sys.executable}")
    _package, course_dir = exported
    done = subprocess.run(
        [str(script), "--course", str(course_dir / "course.xml"), "--steps", "8"],
        capture_output=True,
        text=True,
        timeout=EVENT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors found" in done.stdout


def test_outline_files_point_at_each_other(sample: Sample, exported: tuple[Path, Path]) -> None:
    _folder, course = sample
    _package, root = exported
    identity = olx_identity(course)
    pointer = _xml(root / "course.xml")
    assert pointer.attrib == {
        "url_name": identity.run,
        "org": "moocstudio",
        "course": identity.number,
    }
    outline = _xml(root / "course" / f"{identity.run}.xml")
    assert outline.get("display_name") == course.title
    assert outline.get("language") == course.language == "fr"
    assert (root / "static" / outline.get("course_image", "")).is_file()
    assert [c.get("url_name") for c in outline] == [m.id for m in course.modules]
    for module in course.modules:
        chapter = _xml(root / "chapter" / f"{module.id}.xml")
        assert chapter.get("display_name") == module.title
        sequentials = [_xml(root / "sequential" / f"{s.get('url_name')}.xml") for s in chapter]
        units = [
            _xml(root / "vertical" / f"{v.get('url_name')}.xml") for seq in sequentials for v in seq
        ]
        assert [u.get("display_name") for u in units] == [i.title for i in module.items]
        for unit, item in zip(units, module.items, strict=True):
            if isinstance(item, Quiz):  # one problem per question, in a graded subsection
                assert [c.tag for c in unit] == ["problem"] * len(item.questions)
                assert [c.get("url_name") for c in unit] == [q.id for q in item.questions]
                (graded,) = [s for s in sequentials if s.get("display_name") == item.title]
                assert graded.get("graded") == "true" and graded.get("format")
                continue
            component = unit[0]
            assert component.get("url_name") == item.id
            expected = "video" if isinstance(item, Video) else "html"
            assert component.tag == expected
            assert (root / expected / f"{item.id}.xml").is_file()
            if expected == "html":
                html_xml = _xml(root / "html" / f"{item.id}.xml")
                assert html_xml.get("filename") == item.id
                assert (root / "html" / f"{item.id}.html").is_file()
    assert any(isinstance(item, Quiz) for item in course.all_items())  # the sample's quiz


def test_policies_and_about_pages(sample: Sample, exported: tuple[Path, Path]) -> None:
    _folder, course = sample
    _package, root = exported
    run = olx_identity(course).run
    policy = json.loads((root / "policies" / run / "policy.json").read_text(encoding="utf-8"))
    settings = policy[f"course/{run}"]
    assert settings["self_paced"] is True
    assert settings["start"].startswith(str(course.created.year))
    grading = json.loads((root / "policies" / run / "grading_policy.json").read_text("utf-8"))
    assert sum(grader["weight"] for grader in grading["GRADER"]) == 1
    assert json.loads((root / "policies" / "assets.json").read_text("utf-8")) == {}
    overview = (root / "about" / "overview.html").read_text(encoding="utf-8")
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in overview
    assert "moocstudio sample authors" in overview
    assert 'href="/static/LICENSE.txt"' in overview
    short = (root / "about" / "short_description.html").read_text("utf-8")
    assert short == "Introduction to Open Access\n"
    assert "(CC0-1.0)" in (root / "static" / "LICENSE.txt").read_text("utf-8")
    assert (root / "static" / "ATTRIBUTIONS.txt").is_file()


def test_video_plays_mp4_renditions_from_static_with_srt_transcripts(
    sample: Sample, exported: tuple[Path, Path]
) -> None:
    _folder, course = sample
    _package, root = exported
    video = next(i for i in course.all_items() if isinstance(i, Video))
    element = _xml(root / "video" / f"{video.id}.xml")
    sources = json.loads(element.get("html5_sources", "[]"))
    assert sources == [s.get("src") for s in element.iter("source")]
    assert len(sources) == len(video.renditions) == 3
    for src in sources:
        assert src.startswith("/static/") and src.endswith(".mp4")
        assert (root / "static" / src.removeprefix("/static/")).stat().st_size > 0
    assert "540p" in sources[0]  # the one Open edX plays and offers for download
    assert element.get("youtube_id_1_0") == ""  # else the default YouTube clip would play
    for flag in ("download_video", "download_track", "show_captions"):
        assert element.get(flag) == "true"
    transcripts = {t.get("language"): t.get("src") for t in element.iter("transcript")}
    assert transcripts == json.loads(element.get("transcripts", "{}"))
    assert set(transcripts) == {track.language for track in video.subtitles} == {"fr"}
    subtitles = pysubs2.load(str(root / "static" / transcripts["fr"]), encoding="utf-8")
    assert subtitles.format == "srt"
    assert len(subtitles) > 0
    assert element.get("license") is None  # no licence of its own; CC0 has no Open edX form


def test_static_holds_exactly_the_referenced_files(exported: tuple[Path, Path]) -> None:
    package, root = exported
    assert olx_problems(package) == []
    names = sorted(p.name for p in (root / "static").iterdir())
    assert "LICENSE.txt" in names and "ATTRIBUTIONS.txt" in names
    assert all(name.isascii() and " " not in name for name in names)
    assert not any(name.endswith((".vtt", ".webp", ".pptx")) for name in names)


def test_pages_and_slides_link_images_in_static_with_licence(
    sample: Sample, exported: tuple[Path, Path]
) -> None:
    _folder, course = sample
    _package, root = exported
    for item in course.all_items():
        if isinstance(item, Video | Quiz):  # videos and problems have no html component
            continue
        body = html.fromstring((root / "html" / f"{item.id}.html").read_text("utf-8"))
        images = body.xpath("//img")
        assert images
        for image in images:
            src = image.get("src")
            assert src.startswith("/static/") and (root / "static" / src[8:]).is_file()
            assert image.get("alt")
        assert body.xpath("//a[@rel='license']/@href") == [course.effective_licence(item).url]
        if isinstance(item, SlideDeck):
            text = body.text_content()
            assert all(s.notes.splitlines()[0] in text for s in item.visible_slides if s.notes)


def test_export_is_deterministic(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    first = export_olx(folder, course, tmp_path / "a" / "c.tar.gz")
    second = write_olx(folder, course, tmp_path / "b" / "c.tar.gz", ExportOptions())
    assert first.path.read_bytes() == second.path.read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["c.tar.gz"]  # no leftovers


def test_hostile_titles_are_escaped_and_licences_shown(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    hostile = _hostile_course(course)
    package, root = _export(folder, hostile, tmp_path)
    errors, _warnings = _olxcleaner_findings(root)
    assert errors == []
    assert olx_problems(package) == []
    run = olx_identity(hostile).run
    outline = _xml(root / "course" / f"{run}.xml")
    assert outline.get("display_name") == HOSTILE  # the exact text, round-tripped by a parser
    assert outline.get("license") == "creative-commons: ver=4.0 BY SA"
    assert olx_identity(hostile).number.isascii()
    for path in (root / "html").glob("*.html"):
        body = html.fromstring(path.read_text("utf-8"))
        assert not body.xpath("//script"), path.name
        assert not any(key.startswith("on") for e in body.iter() for key in e.attrib)
    video = next(i for i in hostile.all_items() if isinstance(i, Video))
    element = _xml(root / "video" / f"{video.id}.xml")
    assert element.get("display_name") == video.title
    assert element.get("license") == "creative-commons: ver=4.0 BY NC"
    unit = _xml(root / "vertical" / f"{video.id}-unit.xml")
    assert [(c.tag, c.get("url_name")) for c in unit] == [
        ("video", video.id),
        ("html", f"{video.id}-credits"),
    ]
    credits = html.fromstring((root / "html" / f"{video.id}-credits.html").read_text("utf-8"))
    assert "“<i>Clip</i>”, Ada & Grace" in credits.text_content()
    overview = html.fromstring((root / "about" / "overview.html").read_text("utf-8"))
    assert f"<b>{HOSTILE}</b>" in overview.text_content()
    assert not overview.xpath("//b | //script")
    short = (root / "about" / "short_description.html").read_text("utf-8")
    assert "&lt;script&gt;" in short and "<" not in short


def test_webvtt_is_converted_when_the_track_has_no_srt(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    video = next(i for i in course.all_items() if isinstance(i, Video))
    video.subtitles[0].srt = None
    _package, root = _export(folder, course, tmp_path)
    transcripts = json.loads(_xml(root / "video" / f"{video.id}.xml").get("transcripts", "{}"))
    # Named after the WebVTT it was made from, with the SRT's own content hash.
    assert transcripts["fr"].startswith("lecture-fr-") and transcripts["fr"].endswith(".srt")
    srt = pysubs2.load(str(root / "static" / transcripts["fr"]), encoding="utf-8")
    cues = read_webvtt(folder / video.subtitles[0].vtt.path)
    assert [(e.start, e.end, e.plaintext) for e in srt] == [
        (round(c.start * 1000), round(c.end * 1000), c.text) for c in cues
    ]


def test_a_course_without_pictures_gets_a_plain_course_image(
    sample: Sample, tmp_path: Path
) -> None:
    folder, course = sample
    pages_only = course.model_copy(deep=True)
    pages_only.modules = [
        m for m in pages_only.modules if all(isinstance(i, Page) for i in m.items)
    ]
    package, root = _export(folder, pages_only, tmp_path)
    image = _xml(root / "course" / f"{olx_identity(pages_only).run}.xml").get("course_image")
    assert image == "course-image.png"
    assert (root / "static" / image).read_bytes().startswith(b"\x89PNG")
    assert _olxcleaner_findings(root)[0] == []
    assert olx_problems(package) == []


def test_links_between_pages_jump_to_the_linked_unit(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    first, second = [i for i in course.all_items() if isinstance(i, Page)][:2]
    target = Path(second.source.original_name).name
    first.html += f'<p><a href="{target}#part">suite</a> <a href="gone.md">?</a></p>'
    _package, root = _export(folder, course, tmp_path)
    body = html.fromstring((root / "html" / f"{first.id}.html").read_text("utf-8"))
    assert body.xpath("//a[text()='suite']/@href") == [f"/jump_to_id/{second.id}-unit"]
    assert not body.xpath("//a[text()='?']")  # not a page of the course: its words, no link
    assert "suite ?" in body.text_content()
    errors, found_warnings = _olxcleaner_findings(root)
    assert errors == [] and not [w for w in found_warnings if "jump_to_id" in w]


def test_a_video_without_renditions_plays_its_mp4_source(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    video = next(i for i in course.all_items() if isinstance(i, Video))
    video.renditions = []
    _package, root = _export(folder, course, tmp_path)
    sources = json.loads(_xml(root / "video" / f"{video.id}.xml").get("html5_sources", ""))
    assert sources == [f"/static/lecture-{video.source.sha256[:12]}.mp4"]
    assert (root / "static" / sources[0].removeprefix("/static/")).is_file()
    video.source = video.source.model_copy(update={"path": "media/lecture.mov"})
    with pytest.raises(OlxExportError, match="no MP4 rendition yet"):
        export_olx(folder, course, tmp_path / "mov" / "course.tar.gz")
    assert not (tmp_path / "mov").exists()


def test_an_empty_module_is_kept_and_only_warned_about(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    course = course.model_copy(deep=True)
    course.modules.append(Module(title="À venir"))
    package, root = _export(folder, course, tmp_path)
    sequential = _xml(root / "sequential" / f"{course.modules[-1].id}-lesson.xml")
    assert sequential.get("display_name") == "À venir" and len(sequential) == 0
    errors, found_warnings = _olxcleaner_findings(root)
    assert errors == []
    assert [w for w in found_warnings if w.startswith("EmptyTag")], found_warnings
    assert olx_problems(package) == []


def test_media_names_become_ascii_static_names(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    copy = tmp_path / "course"
    shutil.copytree(folder, copy)
    course = course.model_copy(deep=True)
    page = next(i for i in course.all_items() if isinstance(i, Page) and i.images)
    image = page.images[0]
    odd_path = f"media/{image.sha256[:12]}-mon image été (1) & <x>.png"
    shutil.copyfile(copy / image.path, copy / odd_path)
    page.html = page.html.replace(f'"{image.path}"', f'"{escape(odd_path)}"')
    page.images[0] = image.model_copy(update={"path": odd_path})
    package, root = _export(copy, course, tmp_path / "out")
    name = f"mon-image-ete-1-x-{image.sha256[:12]}.png"
    assert (root / "static" / name).is_file()
    body = html.fromstring((root / "html" / f"{page.id}.html").read_text("utf-8"))
    assert f"/static/{name}" in body.xpath("//img/@src")
    assert olx_problems(package) == []


def test_a_missing_rendition_fails_clearly_and_writes_nothing(
    sample: Sample, tmp_path: Path
) -> None:
    folder, course = sample
    broken = tmp_path / "course"
    shutil.copytree(folder, broken)
    video = next(i for i in course.all_items() if isinstance(i, Video))
    lost = broken / video.renditions[1].file.path
    lost.unlink()
    out = tmp_path / "out"
    with pytest.raises(OlxExportError) as failure:
        export_olx(broken, course, out / "course.tar.gz")
    assert str(lost) in failure.value.user_message
    assert not out.exists() or list(out.iterdir()) == []


def test_renditions_play_540p_first_else_the_largest(sample: Sample) -> None:
    _folder, course = sample
    video = next(i for i in course.all_items() if isinstance(i, Video))
    assert [r.label for r in played_first(video.renditions)] == ["540p", "360p", "720p"]
    small = [r for r in video.renditions if r.height < 540]
    assert [r.label for r in played_first(small)] == ["360p"]


# --- the package check, on hand-made bad packages -------------------------------------------


def _repack(course_dir: Path, target: Path, *, drop: str = "", add: str = "") -> Path:
    """Re-archive an extracted export, without the file ``drop`` or with an extra file ``add``."""
    entries: list[tuple[str, Path | bytes]] = [
        (f"course/{p.relative_to(course_dir).as_posix()}", p)
        for p in sorted(course_dir.rglob("*"))
        if p.is_file() and p.relative_to(course_dir).as_posix() != drop
    ]
    if add:
        entries.append((f"course/{add}", b"stray"))
    return write_tar_gz(target, entries).path


def test_check_reports_each_planted_problem(
    sample: Sample, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    _folder, course = sample
    _package, root = exported
    video = next(i for i in course.all_items() if isinstance(i, Video))
    mp4 = json.loads(_xml(root / "video" / f"{video.id}.xml").get("html5_sources", ""))[0]
    chapter = f"chapter/{course.modules[1].id}.xml"
    srt = json.loads(_xml(root / "video" / f"{video.id}.xml").get("transcripts", "{}"))["fr"]
    cases = {
        f"static/{mp4.removeprefix('/static/')}": f"links to {mp4}, which is not in the package",
        chapter: f"needs course/{chapter}, which is missing",
        "static/LICENSE.txt": "no LICENSE.txt",
        "course.xml": "no course/course.xml",
        f"html/{course.modules[1].items[0].id}.html": "is missing",
        f"static/{srt}": f"links to /static/{srt}",
    }
    for index, (dropped, message) in enumerate(cases.items()):
        bad = _repack(root, tmp_path / f"bad{index}.tar.gz", drop=dropped)
        problems = olx_problems(bad)
        assert any(message in p for p in problems), (dropped, problems)
    stray = _repack(root, tmp_path / "stray.tar.gz", add="static/forgotten.png")
    assert olx_problems(stray) == [
        "course/static/forgotten.png is not used by any component: remove it"
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("/etc/course.xml", tarfile.REGTYPE), ("course/../../x.xml", tarfile.REGTYPE),
     ("course/static/link.png", tarfile.SYMTYPE), ("course/static/hard.png", tarfile.LNKTYPE)],
)  # fmt: skip
def test_check_refuses_entries_that_could_escape(tmp_path: Path, name: str, kind: bytes) -> None:
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(bad, "w:gz") as archive:
        info = tarfile.TarInfo(name)
        info.type = kind
        info.linkname = "/etc/passwd" if kind != tarfile.REGTYPE else ""
        data = b"<course/>" if kind == tarfile.REGTYPE else b""
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data) if data else None)
    (problem,) = olx_problems(bad)
    assert repr(name) in problem and "not read further" in problem


def test_check_reports_a_file_that_is_not_a_tarball(tmp_path: Path) -> None:
    bad = tmp_path / "course.tar.gz"
    bad.write_bytes(b"not an archive")
    (problem,) = olx_problems(bad)
    assert "cannot be read as a .tar.gz package" in problem
