from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from moocstudio.model import (
    LICENCES,
    Asset,
    Attribution,
    Course,
    LicenceId,
    MediaInfo,
    Module,
    Page,
    Slide,
    SlideDeck,
    SlidePicture,
    StreamInfo,
    Video,
    licence_info,
    new_id,
)
from moocstudio.model.schema import schema_text
from moocstudio.resources import resource_path

hex_digest = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
path_part = st.text(alphabet=string.ascii_letters + string.digits + "-_.é", min_size=1).filter(
    lambda p: p not in {".", ".."}
)
assets = st.builds(
    Asset,
    path=st.lists(path_part, min_size=1, max_size=3).map(lambda parts: "/".join(["media", *parts])),
    sha256=hex_digest,
    size=st.integers(min_value=0, max_value=2**40),
    original_name=st.text(),
)
licences = st.none() | st.sampled_from(list(LicenceId))
slides = st.builds(
    Slide,
    number=st.integers(min_value=1, max_value=500),
    title=st.text(),
    body=st.lists(st.text(), max_size=4),
    notes=st.text(),
    hidden=st.booleans(),
    image=st.none() | assets,
    pictures=st.lists(st.builds(SlidePicture, file=assets, alt=st.text()), max_size=2),
)
streams = st.builds(
    StreamInfo,
    index=st.integers(min_value=0, max_value=8),
    kind=st.sampled_from(["video", "audio", "subtitle"]),
    codec=st.none() | st.sampled_from(["h264", "aac", "vp9"]),
    width=st.none() | st.integers(min_value=1, max_value=8000),
    height=st.none() | st.integers(min_value=1, max_value=8000),
    frame_rate=st.none() | st.floats(min_value=1, max_value=240, allow_nan=False),
    rotation=st.sampled_from([0, 90, -90, 180]),
)
probes = st.builds(
    MediaInfo,
    container=st.sampled_from(["mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "wav"]),
    duration=st.floats(min_value=0, max_value=36_000, allow_nan=False),
    size_bytes=st.integers(min_value=0, max_value=2**40),
    streams=st.lists(streams, max_size=3),
)
items = st.one_of(
    st.builds(
        Page,
        id=st.just("").map(lambda _: new_id("page")),
        title=st.text(),
        source=assets,
        html=st.text(),
        licence=licences,
    ),
    st.builds(
        SlideDeck,
        id=st.just("").map(lambda _: new_id("slides")),
        title=st.text(),
        source=assets,
        slides=st.lists(slides, max_size=3),
        licence=licences,
        attribution=st.none() | st.builds(Attribution, title=st.text(), author=st.text()),
    ),
    st.builds(
        Video,
        id=st.just("").map(lambda _: new_id("video")),
        title=st.text(),
        source=assets,
        probe=probes,
        transcript=st.none() | st.text(),
        licence=licences,
    ),
)
modules = st.builds(Module, title=st.text(), items=st.lists(items, max_size=3))
courses = st.builds(
    Course,
    title=st.text(min_size=1),
    subtitle=st.text(),
    description=st.text(),
    language=st.sampled_from(["fr", "en", "pt-BR", "zh-Hant-TW", "es-419", "de-CH-1901"]),
    keywords=st.lists(st.text(), max_size=3),
    licence=st.sampled_from(list(LicenceId)),
    modules=st.lists(modules, max_size=3),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(courses)
def test_course_survives_a_json_round_trip(course: Course) -> None:
    text = course.model_dump_json()
    again = Course.model_validate_json(text)
    assert again == course
    assert again.model_dump_json() == text


def test_empty_modules_and_unicode_titles_round_trip() -> None:
    course = Course(title="Cours d'été — 中文 🎓", modules=[Module(title=""), Module(title="Ω")])
    again = Course.model_validate_json(course.model_dump_json())
    assert [m.title for m in again.modules] == ["", "Ω"]
    assert again.modules[0].items == []


def test_ids_are_stable_and_unique() -> None:
    course = Course(title="T", modules=[Module(title="A"), Module(title="B")])
    again = Course.model_validate_json(course.model_dump_json())
    assert again.id == course.id
    assert [m.id for m in again.modules] == [m.id for m in course.modules]
    assert len({new_id("video") for _ in range(1000)}) == 1000


@pytest.mark.parametrize("bad", ["", "f", "french", "fr_FR", "fr-", "12", "en-US-"])
def test_language_must_be_a_bcp47_tag(bad: str) -> None:
    with pytest.raises(ValidationError, match="language"):
        Course(title="T", language=bad)


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "media/../../x", "C:/x", "media\\x", ""])
def test_asset_paths_cannot_leave_the_course_folder(path: str) -> None:
    with pytest.raises(ValidationError):
        Asset(path=path, sha256="0" * 64, size=1, original_name="x")


def test_unknown_fields_are_rejected_not_silently_dropped() -> None:
    data = json.loads(Course(title="T").model_dump_json())
    data["titel"] = "typo"
    with pytest.raises(ValidationError, match="titel"):
        Course.model_validate(data)


def test_item_licence_overrides_course_licence() -> None:
    course = Course(title="T", licence=LicenceId.CC_BY_SA_4_0)
    asset = Asset(path="media/a.md", sha256="a" * 64, size=1, original_name="a.md")
    own = Page(id=new_id("page"), title="p", source=asset, html="", licence=LicenceId.CC0_1_0)
    inherited = Page(id=new_id("page"), title="q", source=asset, html="")
    assert course.effective_licence(own).id is LicenceId.CC0_1_0
    assert course.effective_licence(inherited).id is LicenceId.CC_BY_SA_4_0


def test_default_licence_is_cc_by_4() -> None:
    assert Course(title="T").licence is LicenceId.CC_BY_4_0


def test_every_licence_has_name_url_and_an_existing_badge() -> None:
    assert set(LICENCES) == set(LicenceId)
    for licence in LicenceId:
        info = licence_info(licence)
        assert info.url.startswith("https://creativecommons.org/")
        assert info.name
        assert resource_path("licences", info.badge).is_file(), info.badge
    assert not licence_info(LicenceId.CC0_1_0).requires_attribution
    assert licence_info(LicenceId.CC_BY_NC_4_0).requires_attribution


def test_add_item_goes_to_named_module_or_last_or_new() -> None:
    course = Course(title="T")
    asset = Asset(path="media/a.md", sha256="a" * 64, size=1, original_name="a.md")

    def page() -> Page:
        return Page(id=new_id("page"), title="p", source=asset, html="")

    assert course.add_item(page()).title == "Module 1"
    assert course.add_item(page(), "Week 2").title == "Week 2"
    assert course.add_item(page()).title == "Week 2"
    assert course.add_item(page(), "module 1").title == "Module 1"
    assert [len(m.items) for m in course.modules] == [2, 2]


def test_rotation_swaps_display_size() -> None:
    stream = StreamInfo(index=0, kind="video", width=1920, height=1080, rotation=90)
    assert stream.display_size == (1080, 1920)


def test_published_json_schema_matches_the_models() -> None:
    published = resource_path("course.schema.json").read_text(encoding="utf-8")
    assert published == schema_text(), "run: python -m moocstudio.model.schema"


def test_json_schema_accepts_a_real_course_and_rejects_a_broken_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resource_path("course.schema.json").read_text(encoding="utf-8"))
    asset = Asset(path="media/a.md", sha256="a" * 64, size=1, original_name="a.md")
    course = Course(title="T", modules=[Module(title="M")])
    course.add_item(Page(id=new_id("page"), title="p", source=asset, html="<p>x</p>"), "M")
    data = json.loads(course.model_dump_json())
    jsonschema.validate(data, schema)
    data["modules"][0]["items"][0]["kind"] = "quiz"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
