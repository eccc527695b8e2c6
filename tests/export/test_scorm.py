"""SCORM 1.2 and 2004 packages of the real sample course: manifests, file lists, metadata."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from moocstudio.build import SiteBuildError
from moocstudio.build.links import fetched_files
from moocstudio.export.formats import ExportOptions, ScoStructure
from moocstudio.export.metadata import package_metadata
from moocstudio.export.package_check import check_package
from moocstudio.export.scorm import (
    COURSE_ITEM,
    SHARED_RESOURCE,
    EmptyCourseError,
    export_scorm,
    write_scorm12,
    write_scorm2004,
)
from moocstudio.export.scorm_launch import ScormVersion
from moocstudio.export.scorm_manifest import (
    LOM_NS,
    MANIFEST,
    SCORM12_ADLCP,
    SCORM12_CP,
    SCORM12_IMSMD,
    SCORM2004_ADLCP,
    SCORM2004_CP,
    SCORM2004_IMSSS,
    XML_NS,
    OutlineItem,
    PackagePlan,
    Resource,
    manifest_href,
    manifest_xml,
)
from moocstudio.export.validate import (
    ManifestKind,
    SchemasNotFound,
    default_schemas_dir,
    validate_manifest,
)
from moocstudio.model import (
    Course,
    GradedQuiz,
    GradingPolicy,
    LicenceId,
    Module,
    Quiz,
    QuizSettings,
    Video,
)
from tests.export.moodle_player import MoodlePlayer, walk
from tests.quiz_course import every_type_quiz, quiz_course, two_question_quiz

VERSIONS: tuple[ScormVersion, ...] = ("1.2", "2004")
STRUCTURES: tuple[ScoStructure, ...] = ("single", "per-item")
CP = {"1.2": SCORM12_CP, "2004": SCORM2004_CP}
ADLCP = {"1.2": SCORM12_ADLCP, "2004": SCORM2004_ADLCP}
KIND: dict[str, ManifestKind] = {"1.2": "scorm12", "2004": "scorm2004"}
WRITERS = {"1.2": write_scorm12, "2004": write_scorm2004}
SCHEMAS_MISSING = "needs ../shared/conformance/schemas (the official SCORM XSDs)"
HOSTILE = '<script>alert("x")</script> & \'quotes\' "double" 🎓 עברית\u200f مرحبا\x07 \x00end'
HOSTILE_SHOWN = '<script>alert("x")</script> & \'quotes\' "double" 🎓 עברית\u200f مرحبا end'

Packages = dict[tuple[str, str], Path]


@pytest.fixture(scope="module")
def packages(sample: tuple[Path, Course], tmp_path_factory: pytest.TempPathFactory) -> Packages:
    """The sample course in both versions and both structures, through the registered writers."""
    folder, course = sample
    out = tmp_path_factory.mktemp("scorm")
    return {
        (version, structure): WRITERS[version](
            folder, course, out / f"{version}-{structure}.zip", ExportOptions(sco=structure)
        ).path
        for version in VERSIONS
        for structure in STRUCTURES
    }


def _manifest(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        root: etree._Element = etree.fromstring(archive.read(MANIFEST))
    return root


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def _listed(root: etree._Element, cp: str) -> list[str]:
    return [unquote(f.get("href")) for f in root.iter(f"{{{cp}}}file")]


def _resources(root: etree._Element, cp: str) -> dict[str, etree._Element]:
    return {r.get("identifier"): r for r in root.iter(f"{{{cp}}}resource")}


def _validate(manifest: bytes, version: str) -> list[str]:
    try:
        return validate_manifest(manifest, KIND[version])
    except SchemasNotFound:
        pytest.skip(SCHEMAS_MISSING)


def _text(root: etree._Element, path: str, namespaces: dict[str, str]) -> list[str]:
    return [element.text for element in root.xpath(path, namespaces=namespaces)]


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_is_valid_and_the_package_passes_the_platform_check(
    packages: Packages, version: str, structure: str
) -> None:
    path = packages[version, structure]
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read(MANIFEST)
    assert _validate(manifest, version) == []
    report = check_package(path)
    assert report.kind == KIND[version]
    assert report.problems == []


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_lists_every_file_of_the_zip_once_and_nothing_else(
    packages: Packages, version: str, structure: str
) -> None:
    path = packages[version, structure]
    listed = _listed(_manifest(path), CP[version])
    names = _names(path)
    assert len(listed) == len(set(listed)), "a file is listed by two resources"
    assert sorted(listed) == sorted(set(names) - {MANIFEST})
    assert MANIFEST in names
    assert not [name for name in names if name.endswith(".xsd")]  # XSDs are not shipped


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("version", VERSIONS)
def test_every_sco_launches_a_page_it_lists_and_every_item_names_a_sco(
    packages: Packages, version: str, structure: str
) -> None:
    cp = CP[version]
    root = _manifest(packages[version, structure])
    names = set(_names(packages[version, structure]))
    resources = _resources(root, cp)
    scos = {key: r for key, r in resources.items() if r.get("href") is not None}
    for sco in scos.values():
        href = unquote(sco.get("href"))
        assert href in names
        assert href in _listed(sco, cp)
        dependencies = [d.get("identifierref") for d in sco.iter(f"{{{cp}}}dependency")]
        assert dependencies == [SHARED_RESOURCE]
    refs = [i.get("identifierref") for i in root.iter(f"{{{cp}}}item") if i.get("identifierref")]
    assert sorted(refs) == sorted(scos)
    shared = resources[SHARED_RESOURCE]
    assert shared.get("href") is None
    assert {"LICENSE.txt", "ATTRIBUTIONS.txt"} <= set(_listed(shared, cp))


def test_single_sco_shows_the_whole_course(packages: Packages, sample: tuple[Path, Course]) -> None:
    _, course = sample
    for version in VERSIONS:
        cp = CP[version]
        root = _manifest(packages[version, "single"])
        items = list(root.iter(f"{{{cp}}}item"))
        assert [i.findtext(f"{{{cp}}}title") for i in items] == [course.title]
        sco = _resources(root, cp)[items[0].get("identifierref")]
        assert sco.get("href") == "scorm.html"
        files = set(_listed(sco, cp))
        assert {"index.html", "assets/scorm.js"} | {
            f"items/{item.id}.html" for item in course.all_items()
        } <= files
        assert set(_listed(root, cp)) - files == {"LICENSE.txt", "ATTRIBUTIONS.txt"}


@pytest.mark.parametrize("version", VERSIONS)
def test_one_sco_per_item_listed_flat_titled_by_module_each_with_what_its_page_loads(
    packages: Packages, sample: tuple[Path, Course], version: str
) -> None:
    _, course = sample
    cp = CP[version]
    path = packages[version, "per-item"]
    root = _manifest(path)
    resources = _resources(root, cp)
    shared = set(_listed(resources[SHARED_RESOURCE], cp))
    organization = root.find(f"{{{cp}}}organizations/{{{cp}}}organization")
    items = organization.findall(f"{{{cp}}}item")
    assert list(root.iter(f"{{{cp}}}item")) == items  # no item holds another: no folders
    assert [i.findtext(f"{{{cp}}}title") for i in items] == [
        "Qu'est-ce que l'accès ouvert ? · Introduction à l'accès ouvert / Introduction to Open "
        "Access",
        "Qu'est-ce que l'accès ouvert ? · L'accès ouvert en trente secondes",
        "Licences et formats ouverts · Les licences ouvertes",
        "Licences et formats ouverts · Formats et métadonnées",
        "Licences et formats ouverts · Vérifier ses acquis — Check your understanding",
    ]
    for element, item in zip(items, course.all_items(), strict=True):
        assert element.get("isvisible") == "true"
        sco = resources[element.get("identifierref")]
        assert sco.get("href") == f"sco/{item.id}.html"
        page = f"items/{item.id}.html"
        with zipfile.ZipFile(path) as archive:
            loads = fetched_files(page, archive.read(page).decode("utf-8"))
        own = set(_listed(sco, cp))
        assert page in own
        # What the page loads is listed by its SCO or by the resource it depends on.
        assert set(loads) <= own | shared
        assert not any(name.startswith("sco/") and name != sco.get("href") for name in own)


@pytest.mark.parametrize("version", VERSIONS)
def test_moodle_player_walks_a_per_item_package_from_first_to_last_sco_and_back(
    packages: Packages, sample: tuple[Path, Course], version: str
) -> None:
    _, course = sample
    with zipfile.ZipFile(packages[version, "per-item"]) as archive:
        player = MoodlePlayer(archive.read(MANIFEST))
    every_sco = [f"ITEM-{item.id}" for item in course.all_items()]
    assert player.scos() == every_sco
    assert player.depth() == 1  # the outline is one list: each module stays in its items' titles
    assert player.titles()[2] == "Licences et formats ouverts · Les licences ouvertes"
    assert not player.can_go_previous()
    assert walk(player, "next") == every_sco  # "›" from the first SCO to the last
    assert not player.can_go_next()
    assert walk(player, "previous") == every_sco[::-1]  # and "‹" all the way back
    player.open(every_sco[2])  # from the table of contents, into the second module
    assert walk(player, "next") == every_sco[2:]


@pytest.mark.parametrize("version", VERSIONS)
def test_moodle_player_opens_a_single_sco_package_with_nowhere_else_to_go(
    packages: Packages, version: str
) -> None:
    with zipfile.ZipFile(packages[version, "single"]) as archive:
        player = MoodlePlayer(archive.read(MANIFEST))
    assert player.scos() == [COURSE_ITEM]
    assert not player.can_go_next()
    assert not player.can_go_previous()


@pytest.mark.parametrize("version", VERSIONS)
def test_moodle_player_model_stops_where_module_folders_stop_moodle(
    packages: Packages, sample: tuple[Path, Course], version: str
) -> None:
    """The model greys "›" out where Moodle 5.0 did with the module folders packages once had.

    The same per-item manifest with its SCO items put back into one folder per module: the
    walk ends on the last SCO of the first module, as a learner saw it in Moodle.
    """
    _, course = sample
    cp = CP[version]
    with zipfile.ZipFile(packages[version, "per-item"]) as archive:
        root = etree.fromstring(archive.read(MANIFEST))
    organization = root.find(f"{{{cp}}}organizations/{{{cp}}}organization")
    items = iter(organization.findall(f"{{{cp}}}item"))
    before = organization.find(f"{{{cp}}}title")
    for number, module in enumerate(course.modules):
        folder = etree.Element(f"{{{cp}}}item", identifier=f"MODULE-{number}")
        etree.SubElement(folder, f"{{{cp}}}title").text = module.title
        folder.extend(next(items) for _ in module.items)
        if version == "2004":  # a cluster without flow could not be walked at all
            sequencing = etree.SubElement(folder, f"{{{SCORM2004_IMSSS}}}sequencing")
            etree.SubElement(sequencing, f"{{{SCORM2004_IMSSS}}}controlMode", flow="true")
        before.addnext(folder)
        before = folder
    player = MoodlePlayer(etree.tostring(root))
    assert player.depth() == 2
    next_enabled = []
    for sco in player.scos():
        player.open(sco)
        next_enabled.append(player.can_go_next())
    # "›" greyed out on the last SCO of each module: the second module is out of reach.
    assert next_enabled == [True, False, True, True, False]


def _general(root: etree._Element, version: str) -> dict[str, list[str]]:
    if version == "1.2":
        ns = {"md": SCORM12_IMSMD}
        base = "//md:lom/md:general/"
        return {
            "title": _text(root, base + "md:title/md:langstring", ns),
            "language": _text(root, base + "md:language", ns),
            "description": _text(root, base + "md:description/md:langstring", ns),
            "keywords": _text(root, base + "md:keyword/md:langstring", ns),
            "rights": _text(root, "//md:lom/md:rights/md:description/md:langstring", ns),
            "restricted": _text(
                root, "//md:copyrightandotherrestrictions/md:value/md:langstring", ns
            ),
            "cost": _text(root, "//md:cost/md:value/md:langstring", ns),
        }
    ns = {"lom": LOM_NS}
    base = "//lom:lom/lom:general/"
    return {
        "title": _text(root, base + "lom:title/lom:string", ns),
        "language": _text(root, base + "lom:language", ns),
        "description": _text(root, base + "lom:description/lom:string", ns),
        "keywords": _text(root, base + "lom:keyword/lom:string", ns),
        "rights": _text(root, "//lom:lom/lom:rights/lom:description/lom:string", ns),
        "restricted": _text(root, "//lom:copyrightAndOtherRestrictions/lom:value", ns),
        "cost": _text(root, "//lom:cost/lom:value", ns),
    }


@pytest.mark.parametrize("version", VERSIONS)
def test_metadata_describes_the_course_and_its_licence(packages: Packages, version: str) -> None:
    root = _manifest(packages[version, "single"])
    cp = CP[version]
    assert root.findtext(f"{{{cp}}}metadata/{{{cp}}}schema") == "ADL SCORM"
    expected_version = "1.2" if version == "1.2" else "2004 4th Edition"
    assert root.findtext(f"{{{cp}}}metadata/{{{cp}}}schemaversion") == expected_version
    general = _general(root, version)
    assert general["title"] == ["Introduction à l'accès ouvert"]
    assert general["language"] == ["fr"]
    assert len(general["description"]) == 1
    assert general["description"][0].startswith("Introduction to Open Access\n\nUn court module")
    assert general["keywords"] == ["accès ouvert", "open access", "Creative Commons", "REL", "OER"]
    (rights,) = general["rights"]
    assert rights.startswith("© ") and "moocstudio sample authors" in rights
    assert "Licensed under CC0 1.0 Universal (Public Domain Dedication) (CC0-1.0)" in rights
    assert rights.endswith("https://creativecommons.org/publicdomain/zero/1.0/")
    assert general["restricted"] == ["no"]  # CC0: no conditions
    assert general["cost"] == ["no"]
    if version == "1.2":
        languages = root.xpath("//md:langstring/@xml:lang", namespaces={"md": SCORM12_IMSMD})
    else:
        languages = root.xpath("//lom:string/@language", namespaces={"lom": LOM_NS})
    assert set(languages) >= {"fr", "en"}


@pytest.mark.parametrize("structure", STRUCTURES)
def test_scormtype_is_lower_case_in_12_and_camel_case_in_2004(
    packages: Packages, structure: str
) -> None:
    for version, right, wrong in (
        ("1.2", "scormtype", "scormType"),
        ("2004", "scormType", "scormtype"),
    ):
        resources = _resources(_manifest(packages[version, structure]), CP[version]).values()
        adlcp = ADLCP[version]
        assert all(r.get(f"{{{adlcp}}}{wrong}") is None for r in resources)
        types = {r.get("identifier"): r.get(f"{{{adlcp}}}{right}") for r in resources}
        assert types[SHARED_RESOURCE] == "asset"
        assert [key for key, kind in types.items() if kind == "sco"] == [
            r.get("identifier") for r in resources if r.get("href")
        ]


@pytest.mark.parametrize("structure", STRUCTURES)
def test_2004_sequencing_lets_the_learner_choose_and_flow(
    packages: Packages, structure: str
) -> None:
    cp, ss = f"{{{SCORM2004_CP}}}", f"{{{SCORM2004_IMSSS}}}"
    root = _manifest(packages["2004", structure])
    organization = root.find(f"{cp}organizations/{cp}organization")
    # The organization is the only cluster: title, its SCO items, then its sequencing (the
    # order of imscp_v1p1.xsd and the SCORM CAM).
    items = list(root.iter(f"{cp}item"))
    assert [child.tag for child in organization] == [
        f"{cp}title",
        *[f"{cp}item"] * len(items),
        f"{ss}sequencing",
    ]
    (control,) = organization.iterfind(f"{ss}sequencing/{ss}controlMode")
    assert (control.get("choice"), control.get("flow")) == ("true", "true")
    assert not list(organization.iterfind(f"{cp}item//{ss}controlMode"))
    for sco_item in items:
        assert sco_item.get("identifierref")
        assert [child.tag for child in sco_item] == [f"{cp}title", f"{ss}sequencing"]
        delivery = sco_item.find(f"{ss}sequencing/{ss}deliveryControls")
        assert delivery.get("completionSetByContent") == "true"
        assert delivery.get("objectiveSetByContent") == "true"
    assert not list(_manifest(packages["1.2", structure]).iter(f"{ss}sequencing"))


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("version", VERSIONS)
def test_export_twice_gives_the_same_bytes(
    packages: Packages,
    sample: tuple[Path, Course],
    tmp_path: Path,
    version: ScormVersion,
    structure: ScoStructure,
) -> None:
    folder, course = sample
    again = export_scorm(folder, course, tmp_path / "again.zip", version, structure)
    assert again.path.read_bytes() == packages[version, structure].read_bytes()


def test_imsmd_metadata_of_12_matches_its_own_schema(packages: Packages) -> None:
    """validate_manifest skips inline IMS MD (libxml2 cannot compile its XSD), so check it here.

    imsmd_rootv1p2p1.xsd puts ``##any`` wildcards after optional elements of its own namespace,
    which breaks the Unique Particle Attribution rule. Narrowed to ``##other`` (in memory only),
    the schema compiles and still checks every element, its order and its vocabulary shape.
    """
    folder = default_schemas_dir() / "scorm12"
    if not (folder / "imsmd_rootv1p2p1.xsd").is_file():
        pytest.skip(SCHEMAS_MISSING)
    text = (folder / "imsmd_rootv1p2p1.xsd").read_bytes()
    text = text.replace(b'namespace="##any"', b'namespace="##other"')
    # ims_xml.xsd does not parse with libxml2 (it makes the XML namespace its default one).
    text = text.replace(b'"ims_xml.xsd"', f'"{(folder / "xml.xsd").as_uri()}"'.encode())
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    xsd = etree.fromstring(text, parser, base_url=(folder / "imsmd.xsd").as_uri())
    schema = etree.XMLSchema(xsd)
    for structure in STRUCTURES:
        (lom,) = _manifest(packages["1.2", structure]).iter(f"{{{SCORM12_IMSMD}}}lom")
        assert schema.validate(etree.ElementTree(lom)), schema.error_log
    sources = _manifest(packages["1.2", "single"]).xpath(
        "//md:rights/*/md:source/md:langstring", namespaces={"md": SCORM12_IMSMD}
    )
    assert [(s.text, s.get(f"{{{XML_NS}}}lang")) for s in sources] == [("LOMv1.0", "x-none")] * 2


def test_2004_lom_is_checked_by_the_schema_too(packages: Packages) -> None:
    with zipfile.ZipFile(packages["2004", "single"]) as archive:
        manifest = archive.read(MANIFEST)
    broken = manifest.replace(b"<value>no</value>", b"<value>maybe</value>", 1)
    assert broken != manifest
    problems = _validate(broken, "2004")
    assert problems and "maybe" in " ".join(problems)


def _hostile_course(course: Course) -> Course:
    hostile = course.model_copy(deep=True)
    hostile.title = HOSTILE
    hostile.description = HOSTILE
    hostile.keywords = [HOSTILE, "<b>"]
    hostile.licence = LicenceId.CC_BY_SA_4_0
    hostile.modules[0].title = HOSTILE
    for number, item in enumerate(hostile.all_items()):
        item.title = f"{HOSTILE} {number}"
    return hostile


@pytest.mark.parametrize("version", VERSIONS)
def test_hostile_titles_come_out_escaped_and_valid(
    sample: tuple[Path, Course], tmp_path: Path, version: ScormVersion
) -> None:
    folder, course = sample
    hostile = _hostile_course(course)
    path = export_scorm(folder, hostile, tmp_path / "hostile.zip", version, "per-item").path
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read(MANIFEST)
    assert b"<script>" not in manifest
    assert b"&lt;script&gt;" in manifest
    assert _validate(manifest, version) == []
    cp = CP[version]
    root = etree.fromstring(manifest)
    shown = {HOSTILE: HOSTILE_SHOWN}
    expected, number = [HOSTILE_SHOWN], 0  # the course, then each item under its module's name
    for module in hostile.modules:
        for _ in module.items:
            expected.append(f"{shown.get(module.title, module.title)} · {HOSTILE_SHOWN} {number}")
            number += 1
    assert [t.text for t in root.iter(f"{{{cp}}}title")] == expected
    general = _general(root, version)
    assert general["title"] == [HOSTILE_SHOWN]
    assert general["keywords"] == [HOSTILE_SHOWN, "<b>"]
    assert general["restricted"] == ["yes"]  # CC BY-SA has conditions
    assert check_package(path).problems == []


def test_12_titles_are_cut_to_the_schema_limit(sample: tuple[Path, Course], tmp_path: Path) -> None:
    folder, course = sample
    long = course.model_copy(deep=True)
    long.title = "Long " * 100
    path = export_scorm(folder, long, tmp_path / "long.zip", "1.2").path
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read(MANIFEST)
    title = etree.fromstring(manifest).findtext(
        f".//{{{SCORM12_CP}}}organization/{{{SCORM12_CP}}}title"
    )
    assert len(title) == 200 and title.endswith("…")
    assert _validate(manifest, "1.2") == []


def test_a_missing_rendition_fails_clearly_and_leaves_nothing(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    copy = tmp_path / "course"
    shutil.copytree(folder, copy)
    video = next(item for item in course.all_items() if isinstance(item, Video))
    rendition = video.renditions[0].file.path
    (copy / rendition).unlink()
    out = tmp_path / "out"
    for version in VERSIONS:
        with pytest.raises(SiteBuildError, match=rendition.rsplit("/", 1)[-1]):
            export_scorm(copy, course, out / f"{version}.zip", version, "single")
    assert not out.exists() or list(out.iterdir()) == []


def test_an_empty_module_adds_nothing_and_a_blank_module_title_no_separator(
    sample: tuple[Path, Course], tmp_path: Path
) -> None:
    folder, course = sample
    padded = course.model_copy(deep=True)
    padded.modules.insert(1, Module(title="Bientôt"))
    padded.modules[2].title = "  "
    path = export_scorm(folder, padded, tmp_path / "padded.zip", "2004", "per-item").path
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read(MANIFEST)
    assert _validate(manifest, "2004") == []
    cp = f"{{{SCORM2004_CP}}}"
    organization = etree.fromstring(manifest).find(f"{cp}organizations/{cp}organization")
    titles = [m.findtext(f"{cp}title") for m in organization.findall(f"{cp}item")]
    assert titles == [
        "Qu'est-ce que l'accès ouvert ? · Introduction à l'accès ouvert / Introduction to Open "
        "Access",
        "Qu'est-ce que l'accès ouvert ? · L'accès ouvert en trente secondes",
        "Les licences ouvertes",
        "Formats et métadonnées",
        "Vérifier ses acquis — Check your understanding",
    ]


def test_one_sco_per_item_needs_an_item(tmp_path: Path) -> None:
    empty = Course(title="Vide", language="fr")
    target = tmp_path / "out" / "empty.zip"
    with pytest.raises(EmptyCourseError, match="no items"):
        export_scorm(tmp_path, empty, target, "2004", "per-item")
    assert not target.parent.exists()


def test_a_folder_in_a_scorm_outline_is_refused(sample: tuple[Path, Course]) -> None:
    _, course = sample
    sco = OutlineItem("ITEM-1", "Un", "RES-1")
    folder = OutlineItem("MODULE-1", "Module", children=(sco,))
    resources = (Resource("RES-1", ("sco/1.html",), launch="sco/1.html"),)
    for version in VERSIONS:
        with pytest.raises(ValueError, match="MODULE-1"):
            manifest_xml(version, package_metadata(course), PackagePlan("C", (folder,), resources))
        assert manifest_xml(version, package_metadata(course), PackagePlan("C", (sco,), resources))


def test_hrefs_are_percent_encoded_paths() -> None:
    assert manifest_href("media/été 1#2.png") == "media/%C3%A9t%C3%A9%201%232.png"
    assert manifest_href("sco/page-3691c77cd0c2.html") == "sco/page-3691c77cd0c2.html"


IMSSS = {"imsss": SCORM2004_IMSSS}
PASS_MARK = "imsss:sequencing/imsss:objectives/imsss:primaryObjective"


def _pass_marks(root: etree._Element) -> dict[str, tuple[str | None, list[str]]]:
    """Per SCO item of a 2004 manifest: (satisfiedByMeasure, [minNormalizedMeasure])."""
    found = {}
    for item in root.iter(f"{{{SCORM2004_CP}}}item"):
        primary = item.xpath(PASS_MARK, namespaces=IMSSS)
        found[item.get("identifier")] = (
            primary[0].get("satisfiedByMeasure") if primary else None,
            _text(item, f"{PASS_MARK}/imsss:minNormalizedMeasure", IMSSS),
        )
    return found


@pytest.mark.parametrize("version", VERSIONS)
def test_graded_packages_carry_the_pass_mark_in_2004_and_stay_valid(
    tmp_path: Path, version: str
) -> None:
    folder = tmp_path / "course"
    warm_up = two_question_quiz(folder, "Warm-up")
    final = every_type_quiz(folder, QuizSettings(passing_percent=62.5))
    policy = GradingPolicy(quizzes=[GradedQuiz(quiz=final.id)], passing_percent=70)
    course = quiz_course(folder, [warm_up, final], grading=policy)
    page = course.all_items()[0]
    for structure in STRUCTURES:
        path = WRITERS[version](
            folder, course, tmp_path / f"{structure}.zip", ExportOptions(sco=structure)
        ).path
        with zipfile.ZipFile(path) as archive:
            manifest = archive.read(MANIFEST)
        assert _validate(manifest, version) == []
        assert check_package(path).problems == []
        if version == "1.2":
            root = etree.fromstring(manifest)
            mastery = {
                item.get("identifier"): _text(item, "adlcp:masteryscore", {"adlcp": SCORM12_ADLCP})
                for item in root.iter(f"{{{SCORM12_CP}}}item")
            }
            if structure == "single":
                assert mastery == {COURSE_ITEM: ["70"]}
            else:
                assert mastery == {
                    f"ITEM-{page.id}": [],
                    f"ITEM-{warm_up.id}": ["80"],
                    f"ITEM-{final.id}": ["62.5"],
                }
            continue
        marks = _pass_marks(etree.fromstring(manifest))
        if structure == "single":
            # The course's pass mark: one of its quizzes counts.
            assert marks == {COURSE_ITEM: ("true", ["0.7000"])}
        else:
            # Each quiz is its own graded SCO with its own pass mark (the warm-up's default
            # 80 %, even though the course's policy leaves it out); the page is not graded.
            assert marks == {
                f"ITEM-{page.id}": (None, []),
                f"ITEM-{warm_up.id}": ("true", ["0.8000"]),
                f"ITEM-{final.id}": ("true", ["0.6250"]),
            }


def test_an_ungraded_course_has_no_pass_mark(
    sample: tuple[Path, Course], packages: Packages, tmp_path: Path
) -> None:
    folder, course = sample
    # The sample grades its quiz: the course's pass mark on its one SCO.
    assert list(_pass_marks(_manifest(packages["2004", "single"])).values()) == [
        ("true", [f"{course.passing_percent / 100:.4f}"])
    ]
    ungraded = course.model_copy(deep=True)
    for module in ungraded.modules:
        module.items = [item for item in module.items if not isinstance(item, Quiz)]
    for version in VERSIONS:
        for structure in STRUCTURES:
            path = WRITERS[version](
                folder,
                ungraded,
                tmp_path / f"{version}-{structure}.zip",
                ExportOptions(sco=structure),
            ).path
            root = _manifest(path)
            if version == "2004":
                assert all(mark == (None, []) for mark in _pass_marks(root).values())
            else:
                assert b"masteryscore" not in etree.tostring(root)
