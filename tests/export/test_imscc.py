from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from moocstudio.build.links import fetched_files
from moocstudio.build.package_media import MissingMediaFile
from moocstudio.export.formats import ExportOptions
from moocstudio.export.imscc import export_imscc, write_imscc11, write_imscc13
from moocstudio.export.imscc_manifest import (
    CC11,
    CC13,
    CartridgeVersion,
    DuplicateIdentifier,
    cartridge_manifest,
)
from moocstudio.export.metadata import package_metadata
from moocstudio.export.package_check import check_package
from moocstudio.export.scorm_manifest import OutlineItem, PackagePlan, Resource
from moocstudio.export.validate import SchemasNotFound, validate_manifest
from moocstudio.model import Course, LicenceId, Page, Quiz, Video

Sample = tuple[Path, Course]
XSI = "http://www.w3.org/2001/XMLSchema-instance"


@pytest.fixture(scope="module")
def packages(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample course as a CC 1.3 and a CC 1.1 cartridge, through the registered writers."""
    folder, course = sample
    out = tmp_path_factory.mktemp("imscc")
    options = ExportOptions()
    return {
        "1.3": write_imscc13(folder, course, out / "course.imscc", options).path,
        "1.1": write_imscc11(folder, course, out / "course-cc11.imscc", options).path,
    }


def read_manifest(package: Path) -> tuple[etree._Element, set[str]]:
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        root = etree.fromstring(archive.read("imsmanifest.xml"))
    return root, names


def cc13_problems(manifest: bytes) -> list[str]:
    try:
        return validate_manifest(manifest, "cc13")
    except SchemasNotFound as exc:
        pytest.skip(f"the IMS CC 1.3 XSDs (../shared/conformance) are not here: {exc}")


def ns(version: CartridgeVersion) -> dict[str, str]:
    return {"cp": version.cp, "lomimscc": version.lom_manifest}


def listed_files(root: etree._Element, version: CartridgeVersion) -> list[str]:
    return [str(f.get("href")) for f in root.iterfind(".//cp:file", ns(version))]


VERSIONS = {"1.3": CC13, "1.1": CC11}


def test_cc13_manifest_validates_against_the_official_schemas(packages: dict[str, Path]) -> None:
    with zipfile.ZipFile(packages["1.3"]) as archive:
        manifest = archive.read("imsmanifest.xml")
    assert cc13_problems(manifest) == []


@pytest.mark.parametrize("version", ["1.3", "1.1"])
def test_every_file_is_listed_once_and_every_listed_file_ships(
    packages: dict[str, Path], version: str
) -> None:
    root, names = read_manifest(packages[version])
    listed = listed_files(root, VERSIONS[version])
    assert len(listed) == len(set(listed))  # one resource per file: no file twice
    assert set(listed) | {"imsmanifest.xml"} == names
    assert "web_resources/index.html" in names and "LICENSE.txt" in names
    # What a platform sees before importing: schema (1.3), links of every page, licence.
    report = check_package(packages[version])
    assert (report.kind, report.problems) == (f"cc{version.replace('.', '')}", [])


@pytest.mark.parametrize("version", ["1.3", "1.1"])
def test_outline_is_one_rooted_hierarchy_home_first_then_modules(
    sample: Sample, packages: dict[str, Path], version: str
) -> None:
    _folder, course = sample
    root, _names = read_manifest(packages[version])
    spaces = ns(VERSIONS[version])
    organizations = root.findall("cp:organizations/cp:organization", spaces)
    assert [o.get("structure") for o in organizations] == ["rooted-hierarchy"]
    tops = organizations[0].findall("cp:item", spaces)
    assert [top.get("identifier") for top in tops] == ["root"]
    assert tops[0].find("cp:title", spaces) is None  # the root item has no title
    folders = tops[0].findall("cp:item", spaces)
    home_folder, modules = folders[0], folders[1:]
    assert home_folder.findtext("cp:title", namespaces=spaces) == course.title
    (home,) = home_folder.findall("cp:item", spaces)
    assert home.findtext("cp:title", namespaces=spaces) == "Accueil du cours"  # course is French
    assert [m.findtext("cp:title", namespaces=spaces) for m in modules] == [
        module.title for module in course.modules
    ]
    for folder, module in zip(modules, course.modules, strict=True):
        assert folder.get("identifierref") is None  # CC: an item with a resource holds no items
        items = folder.findall("cp:item", spaces)
        assert [i.findtext("cp:title", namespaces=spaces) for i in items] == [
            item.title for item in module.items
        ]
        assert [i.get("identifierref") for i in items] == [f"R_{item.id}" for item in module.items]
        assert all(not i.findall("cp:item", spaces) for i in items)


def resource_files(resource: etree._Element, spaces: dict[str, str]) -> list[str]:
    return [str(f.get("href")) for f in resource.iterfind("cp:file", spaces)]


@pytest.mark.parametrize("version", ["1.3", "1.1"])
def test_each_page_resource_opens_its_page_and_lists_all_it_loads(
    sample: Sample, packages: dict[str, Path], version: str
) -> None:
    _folder, course = sample
    spaces = ns(VERSIONS[version])
    root, names = read_manifest(packages[version])
    resources = {r.get("identifier"): r for r in root.iterfind(".//cp:resource", spaces)}
    quizzes = [item for item in course.all_items() if isinstance(item, Quiz)]
    assessment = f"imsqti_xmlv1p2/imscc_xmlv{version.replace('.', 'p')}/assessment"
    assert quizzes  # the sample's quiz: an assessment, not a page (tests/export/test_qti.py)
    assert [
        resource_files(r, spaces) for r in resources.values() if r.get("type") == assessment
    ] == [[f"{quiz.id}/assessment.xml"] for quiz in quizzes]
    assert {r.get("type") for r in resources.values()} == {"webcontent", assessment}
    # Every page in web_resources/ itself, beside media/: a file's path from the page's folder
    # and from web_resources/ (Canvas's reading of $IMS-CC-FILEBASE$) are the same path.
    expected = {"R_home": "web_resources/index.html"} | {
        f"R_{item.id}": f"web_resources/{item.id}.html"
        for item in course.all_items()
        if not isinstance(item, Quiz)
    }
    loading = 0
    with zipfile.ZipFile(packages[version]) as archive:
        for identifier, page in expected.items():
            resource = resources[identifier]
            assert resource.get("href") == page and page in names
            files = resource_files(resource, spaces)
            assert files[0] == page
            for dependency in resource.iterfind("cp:dependency", spaces):
                files += resource_files(resources[dependency.get("identifierref")], spaces)
            html = archive.read(page).decode("utf-8")
            # Read from the page itself, not from the exporter's list: what the browser loads.
            loaded = set(fetched_files(page, html))
            assert loaded <= set(files), f"{page} loads files its resource does not list"
            assert all(name.startswith("web_resources/media/") for name in loaded)
            loading += bool(loaded)
    assert loading == len(expected) - 1  # every item shows files of its own; the home page none


@pytest.mark.parametrize(("version", "prefix"), [("1.3", "$IMS-CC-FILEBASE$/"), ("1.1", "")])
def test_pages_name_files_as_their_importers_rewrite_them(
    sample: Sample, packages: dict[str, Path], version: str, prefix: str
) -> None:
    _folder, course = sample
    video = next(item for item in course.all_items() if isinstance(item, Video))
    with zipfile.ZipFile(packages[version]) as archive:
        page = lxml.html.fromstring(archive.read(f"web_resources/{video.id}.html"))
        names = set(archive.namelist())
    urls = page.xpath("//@src | //a/@href")
    local = [url for url in urls if not url.startswith("https://")]
    assert local and all(url.startswith(prefix + "media/") for url in local)
    assert all("web_resources/" + url.removeprefix(prefix) in names for url in local)
    (track,) = page.xpath("//video/track")
    assert (track.get("kind"), track.get("srclang"), track.get("default")) == (
        "captions",
        "fr",
        "default",
    )
    assert track.get("src").endswith(".vtt")
    assert not page.xpath("//video/@poster")  # no importer rewrites it: it would point nowhere


def test_a_link_to_another_page_keeps_its_words_but_not_the_link(
    sample: Sample, tmp_path: Path
) -> None:
    # Moodle imports each page as an activity of its own and copies no HTML file into the
    # course: a link from one page to another would lead nowhere there.
    folder, course = sample
    course = course.model_copy(deep=True)
    first, second = [item for item in course.all_items() if isinstance(item, Page)][:2]
    target = Path(second.source.original_name).name
    first.html += f'<p>Voir <a href="{target}#suite">la suite</a>.</p>'
    package = export_imscc(folder, course, tmp_path / "c.imscc", CC11).path
    with zipfile.ZipFile(package) as archive:
        page = lxml.html.fromstring(archive.read(f"web_resources/{first.id}.html"))
    assert "Voir la suite." in page.text_content()
    assert [a.get("href") for a in page.iter("a")] == [course.effective_licence(first).url]


def test_manifest_lom_carries_title_description_language_keywords_and_rights(
    sample: Sample, packages: dict[str, Path]
) -> None:
    _folder, course = sample
    metadata = package_metadata(course)
    root, _names = read_manifest(packages["1.3"])
    spaces = ns(CC13)
    assert root.findtext("cp:metadata/cp:schema", namespaces=spaces) == "IMS Common Cartridge"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=spaces) == "1.3.0"
    lom = root.find("cp:metadata/lomimscc:lom", spaces)
    assert lom is not None

    def text(path: str) -> list[str]:
        return [str(e.text) for e in lom.iterfind(path, spaces)]

    assert text("lomimscc:general/lomimscc:title/lomimscc:string") == [course.title]
    assert text("lomimscc:general/lomimscc:language") == [course.language]
    assert text("lomimscc:general/lomimscc:description/lomimscc:string") == [metadata.description]
    assert text("lomimscc:general/lomimscc:keyword/lomimscc:string") == list(metadata.keywords)
    assert metadata.keywords  # the sample has keywords, so the line above checks something
    title = lom.find("lomimscc:general/lomimscc:title/lomimscc:string", spaces)
    assert title is not None and title.get("language") == course.language
    rights = "lomimscc:rights/lomimscc:"
    assert text(f"{rights}description/lomimscc:string") == [metadata.rights]
    assert "CC0-1.0" in metadata.rights
    # The sample is CC0: no conditions at all, so no restrictions.
    assert text(f"{rights}copyrightAndOtherRestrictions/lomimscc:value") == ["no"]


def tiny_plan() -> PackagePlan:
    page = Resource("R_p", ("web_resources/p.html",), launch="web_resources/p.html")
    item = OutlineItem("I_p", "P", "R_p")
    return PackagePlan(
        "Course", items=(OutlineItem("M_1", "Module", children=(item,)),), resources=(page,)
    )


def test_a_licence_with_conditions_is_marked_restricted(sample: Sample) -> None:
    _folder, course = sample
    licensed = course.model_copy(deep=True)
    licensed.licence = LicenceId.CC_BY_SA_4_0
    metadata = package_metadata(licensed)
    manifest = cartridge_manifest(CC13, metadata, tiny_plan())
    assert cc13_problems(manifest) == []
    lom = etree.fromstring(manifest).find("cp:metadata/lomimscc:lom", ns(CC13))
    assert lom is not None
    rights = lom.find("lomimscc:rights", ns(CC13))
    assert rights is not None
    assert (
        rights.findtext(
            "lomimscc:copyrightAndOtherRestrictions/lomimscc:value", namespaces=ns(CC13)
        )
        == "yes"
    )
    assert "CC-BY-SA-4.0" in str(rights.findtext(".//lomimscc:string", namespaces=ns(CC13)))


def test_duplicate_identifiers_are_refused() -> None:
    plan = tiny_plan()
    clash = PackagePlan("Course", (*plan.items, OutlineItem("R_p", "Clash")), plan.resources)
    with pytest.raises(DuplicateIdentifier, match="R_p"):
        cartridge_manifest(CC13, package_metadata(Course(title="x")), clash)
    reserved = PackagePlan("Course", (OutlineItem("root", "Root again"),), ())
    with pytest.raises(DuplicateIdentifier, match="root"):
        cartridge_manifest(CC13, package_metadata(Course(title="x")), reserved)


def test_the_same_course_gives_the_same_bytes(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    first = export_imscc(folder, course, tmp_path / "a" / "c.imscc")
    second = export_imscc(folder, course, tmp_path / "b" / "c.imscc")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["c.imscc"]  # no work folder


def test_hostile_titles_are_escaped_and_the_manifest_stays_valid(
    sample: Sample, tmp_path: Path
) -> None:
    folder, course = sample
    hostile = course.model_copy(deep=True)
    hostile.title = 'Cours <b>gras</b> & "guillemets" ]]> &xxe;'
    hostile.keywords = ["<script>alert(1)</script>", "a&b"]
    hostile.modules[0].title = "</title><item identifier='root'/><!-- module"
    item = hostile.modules[0].items[0]
    item.title = "Bell\x07 and\x0b form feed\x0c: <img src=x onerror=alert(1)>"
    package = export_imscc(folder, hostile, tmp_path / "hostile.imscc").path
    with zipfile.ZipFile(package) as archive:
        manifest = archive.read("imsmanifest.xml")
    assert cc13_problems(manifest) == []
    assert b"<b>" not in manifest and b"<script>" not in manifest and b"<img" not in manifest
    spaces = ns(CC13)
    root = etree.fromstring(manifest)
    assert [i.get("identifier") for i in root.iterfind(".//cp:item", spaces)].count("root") == 1
    titles = [str(t.text) for t in root.iterfind(".//cp:item/cp:title", spaces)]
    assert hostile.title in titles
    assert hostile.modules[0].title in titles
    # XML 1.0 cannot hold those control characters: they are dropped, the rest is kept.
    assert "Bell and form feed: <img src=x onerror=alert(1)>" in titles
    keywords = root.iterfind(".//lomimscc:keyword/lomimscc:string", spaces)
    assert [k.text for k in keywords] == hostile.keywords


def test_failed_export_leaves_nothing(sample: Sample, tmp_path: Path) -> None:
    folder, course = sample
    broken = course.model_copy(deep=True)
    page = next(item for item in broken.all_items() if isinstance(item, Page))
    # An image the course lists but the media folder lost: the build must stop.
    page.images = [page.source.model_copy(update={"path": "media/gone.png"})]
    out = tmp_path / "out"
    with pytest.raises(MissingMediaFile, match="gone.png"):
        export_imscc(folder, broken, out / "broken.imscc")
    assert not out.exists() or list(out.iterdir()) == []


def test_cc11_variant_has_the_1_1_namespaces_schemaversion_and_schema_names(
    packages: dict[str, Path],
) -> None:
    with zipfile.ZipFile(packages["1.1"]) as archive:
        manifest = archive.read("imsmanifest.xml")
    try:
        # Moodle's own copy of the CC 1.1 XSDs, which it validates an import against.
        assert validate_manifest(manifest, "cc11") == []
    except SchemasNotFound as exc:
        pytest.skip(f"the IMS CC 1.1 XSDs (../shared/conformance) are not here: {exc}")
    root, _names = read_manifest(packages["1.1"])
    assert root.tag == "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}manifest"
    assert root.nsmap["lomimscc"] == "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
    assert root.nsmap["lom"] == "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
    spaces = ns(CC11)
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=spaces) == "1.1.0"
    assert root.find("cp:metadata/lomimscc:lom/lomimscc:general/lomimscc:title", spaces) is not None
    locations = str(root.get(f"{{{XSI}}}schemaLocation")).split()
    # Names as Moodle's CC 1.1 writer gives them (backup/cc/cc_lib/cc_version11.php).
    assert dict(zip(locations[::2], locations[1::2], strict=True)) == {
        CC11.cp: "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd",
        CC11.lom_manifest: "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd",
        CC11.lom_resource: "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd",
    }
    # Nothing of 1.3 is left in it.
    assert b"imsccv1p3" not in etree.tostring(root)


def children(element: etree._Element | None) -> list[str]:
    assert element is not None
    return [etree.QName(child).localname for child in element]


def test_cc11_lom_uses_only_what_the_cc11_manifest_lom_profile_allows(
    packages: dict[str, Path],
) -> None:
    # Moodle validates a CC 1.1 manifest against its copy of the CC 1.1 XSDs before importing
    # (backup/converter/imscc11/lib.php). ccv1p1_lommanifest_v1p0.xsd is a strict profile:
    # vocabulary elements hold a single <value>, no <source>; general, rights and lom allow
    # only the elements below.
    root, _names = read_manifest(packages["1.1"])
    spaces = ns(CC11)
    lom = root.find("cp:metadata/lomimscc:lom", spaces)
    assert lom is not None
    assert set(children(lom)) <= {"general", "lifeCycle", "technical", "educational", "rights"}
    general = lom.find("lomimscc:general", spaces)
    assert set(children(general)) <= {"identifier", "title", "language", "description", "keyword"}
    rights = lom.find("lomimscc:rights", spaces)
    assert children(rights) == ["copyrightAndOtherRestrictions", "description"]
    restrictions = lom.find("lomimscc:rights/lomimscc:copyrightAndOtherRestrictions", spaces)
    assert children(restrictions) == ["value"]
    assert restrictions is not None and restrictions[0].text in ("yes", "no")


def test_moodle_recognises_the_cc11_package_from_the_start_of_its_manifest(
    packages: dict[str, Path],
) -> None:
    # Moodle's imscc11 converter reads the first 500 bytes of imsmanifest.xml, lower-cased,
    # without white space or quotes, and looks for the CC 1.1 default namespace declaration
    # (imscc11_converter::detect_format).
    with zipfile.ZipFile(packages["1.1"]) as archive:
        head = archive.read("imsmanifest.xml")[:500].decode("utf-8", "replace").lower()
    squeezed = "".join(head.split()).replace("'", "").replace('"', "")
    assert "xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" in squeezed
