"""Packages other tools make, judged by ``moocstudio validate`` as a platform would judge them.

Each package is built here in the shape its makers give it: a SCORM 1.2 course laid out as
Rustici's "Golf" examples are (the schema files at the root, a SCO per topic sharing a folder
of scripts, a LOM-ES metadata record named by ``adlcp:location``); a SCORM 2004 4th edition
package with several SCOs, sequencing, global objectives and shared data (``adlcp:data``); a
Common Cartridge 1.3 exported as Canvas writes one (pages in ``wiki_content/``, files in
``web_resources/`` named through ``$IMS-CC-FILEBASE$``, Canvas's own link tokens) but typed with
CC 1.1 resource types; a zip64 archive; a zip with a ``..`` entry; a zip holding a 1 GB entry
that compresses to almost nothing. Each is judged with the exact errors and warnings expected,
and none may crash the check.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from moocstudio.cli import cli
from moocstudio.export.package_check import check_package
from tests.export.test_package_check import needs_schemas

NO_LICENCE = "no LICENSE.txt at the root: the licence should travel with the package"
SCHEMA_STUB = b'<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>\n'
"""Stands in for the XSDs packages carry: the check names schema files, it never reads them."""


def write_zip(target: Path, files: dict[str, bytes], *, force_zip64: bool = False) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            with archive.open(name, "w", force_zip64=force_zip64) as entry:
                entry.write(data)
    return target


def page(title: str, body: str, *, depth: int = 1) -> bytes:
    """A content page as SCORM authoring tools write them: shared script and style, a licence."""
    up = "../" * depth
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f'<link rel="stylesheet" href="{up}shared/style.css">'
        '<link rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/">'
        f'<script src="{up}shared/scormfunctions.js"></script>'
        f"</head><body><h1>{title}</h1>{body}"
        '<p><a href="https://en.wikipedia.org/wiki/Golf">More about golf</a></p>'
        "</body></html>"
    ).encode()


# --- SCORM 1.2, laid out like Rustici's "Golf Explained" --------------------------------------

SCORM12_MANIFEST = b"""<?xml version="1.0" standalone="no" ?>
<manifest identifier="com.example.golf.runtime-basic.12" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
    http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <adlcp:location>metadata/lomes_golf.xml</adlcp:location>
  </metadata>
  <organizations default="golf_sample_default_org">
    <organization identifier="golf_sample_default_org">
      <title>Golf Explained - Run-time Basic Calls</title>
      <item identifier="playing_item" identifierref="playing_resource">
        <title>Playing the Game</title>
      </item>
      <item identifier="etiquette_item" identifierref="etiquette_resource">
        <title>Etiquette</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="playing_resource" type="webcontent" adlcp:scormtype="sco"
      href="shared/launchpage.html?content=playing">
      <file href="Playing/Playing.html"/>
      <file href="Playing/Par%20Scoring.html"/>
      <file href="shared/launchpage.html"/>
      <dependency identifierref="common_files"/>
    </resource>
    <resource identifier="etiquette_resource" type="webcontent" adlcp:scormtype="sco"
      href="shared/launchpage.html?content=etiquette">
      <file href="Etiquette/Course.html"/>
      <file href="shared/launchpage.html"/>
      <dependency identifierref="common_files"/>
    </resource>
    <resource identifier="common_files" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/scormfunctions.js"/>
      <file href="shared/style.css"/>
      <file href="shared/golf.jpg"/>
    </resource>
  </resources>
</manifest>
"""

LOMES_RECORD = b"""<?xml version="1.0" encoding="UTF-8"?>
<lomes:lom xmlns:lomes="http://ltsc.ieee.org/xsd/LOM"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <lomes:general><lomes:title><lomes:string language="es">Golf explicado</lomes:string>
  </lomes:title></lomes:general>
</lomes:lom>
"""


def golf_scorm12(target: Path) -> Path:
    launch = (
        b"<html><head><script src='scormfunctions.js'></script></head>"
        b"<body><iframe src='../Playing/Playing.html'></iframe></body></html>"
    )
    return write_zip(
        target,
        {
            "imsmanifest.xml": SCORM12_MANIFEST,
            **{
                name: SCHEMA_STUB
                for name in (
                    "adlcp_rootv1p2.xsd",
                    "ims_xml.xsd",
                    "imscp_rootv1p1p2.xsd",
                    "imsmd_rootv1p2p1.xsd",
                )
            },
            "metadata/lomes_golf.xml": LOMES_RECORD,
            "shared/launchpage.html": launch,
            "shared/scormfunctions.js": b"function doStart() {}",
            "shared/style.css": b"body { background: url('golf.jpg') }",
            "shared/golf.jpg": b"\xff\xd8\xff",
            "Playing/Playing.html": page(
                "Playing", '<img src="../shared/golf.jpg"><a href="Par%20Scoring.html">Par</a>'
            ),
            "Playing/Par Scoring.html": page("Par", '<a href="Playing.html#top">Back</a>'),
            "Etiquette/Course.html": page("Etiquette", "<p>Be quiet.</p>"),
        },
    )


def test_a_scorm12_golf_package_is_valid_with_advice(tmp_path: Path) -> None:
    needs_schemas()
    report = check_package(golf_scorm12(tmp_path / "golf12.zip"))
    assert report.kind == "scorm12"
    # The XSDs at the root, the LOM-ES record, the query on the launch file, the licence
    # link and the links to Wikipedia are all as they should be.
    assert report.errors == []
    assert report.warnings == [
        "1 file name with spaces, accents or other characters that links must percent-encode "
        "and platforms may normalise differently: Playing/Par Scoring.html",
        NO_LICENCE,
    ]
    assert report.verdict() == "valid, 2 warnings"


# --- SCORM 2004 4th edition: several SCOs, sequencing, global objectives, shared data ---------

SCORM2004_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.golf.sequencing.2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
    http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd
    http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd
    http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd
    http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="golf_org">
    <organization identifier="golf_org" adlseq:objectivesGlobalToSystem="false">
      <title>Golf Explained - Sequencing</title>
      <item identifier="playing_item" identifierref="playing_resource">
        <title>Playing the Game</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="playing_satisfied">
              <imsss:mapInfo targetObjectiveID="com.example.golf.playing_satisfied"
                readSatisfiedStatus="true" writeSatisfiedStatus="true"/>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
        <adlcp:data>
          <adlcp:map targetID="com.example.golf.scorecard" readSharedData="true"
            writeSharedData="true"/>
        </adlcp:data>
      </item>
      <item identifier="test_item" identifierref="test_resource">
        <title>Knowledge check</title>
        <imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions conditionCombination="any">
                <imsss:ruleCondition referencedObjective="played_first" operator="not"
                  condition="satisfied"/>
              </imsss:ruleConditions>
              <imsss:ruleAction action="disabled"/>
            </imsss:preConditionRule>
          </imsss:sequencingRules>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="test_passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
            <imsss:objective objectiveID="played_first">
              <imsss:mapInfo targetObjectiveID="com.example.golf.playing_satisfied"
                readSatisfiedStatus="true" writeSatisfiedStatus="false"/>
            </imsss:objective>
          </imsss:objectives>
        </imsss:sequencing>
        <adlcp:data>
          <adlcp:map targetID="com.example.golf.scorecard" readSharedData="true"
            writeSharedData="false"/>
        </adlcp:data>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="playing_resource" type="webcontent" adlcp:scormType="sco"
      xml:base="Playing/" href="Playing.html">
      <file href="Playing.html"/>
      <dependency identifierref="common_files"/>
    </resource>
    <resource identifier="test_resource" type="webcontent" adlcp:scormType="sco"
      xml:base="Test/" href="index.html">
      <file href="index.html"/>
      <file href="questions.js"/>
      <dependency identifierref="common_files"/>
    </resource>
    <resource identifier="common_files" type="webcontent" adlcp:scormType="asset">
      <file href="shared/scormfunctions.js"/>
      <file href="shared/style.css"/>
      <file href="LICENSE.txt"/>
    </resource>
  </resources>
</manifest>
"""

SCORM2004_SCHEMA_FILES = (
    "imscp_v1p1.xsd",
    "adlcp_v1p3.xsd",
    "adlseq_v1p3.xsd",
    "adlnav_v1p3.xsd",
    "imsss_v1p0.xsd",
    "imsss_v1p0control.xsd",
    "lom.xsd",
    "xml.xsd",
    "XMLSchema.dtd",
    "datatypes.dtd",
    "common/dataTypes.xsd",
    "extend/strict.xsd",
    "unique/strict.xsd",
    "vocab/strict.xsd",
)


def sequencing_scorm2004(target: Path) -> Path:
    test_page = page("Knowledge check", '<script src="questions.js"></script>')
    test_page = test_page.replace(
        b"</head>",
        b'<link rel="stylesheet" href="https://fonts.example/css2?family=Lato"></head>',
    )
    return write_zip(
        target,
        {
            "imsmanifest.xml": SCORM2004_MANIFEST,
            **dict.fromkeys(SCORM2004_SCHEMA_FILES, SCHEMA_STUB),
            "Playing/Playing.html": page("Playing", '<a href="../Test/index.html">Test</a>'),
            "Test/index.html": test_page,
            "Test/questions.js": b"var questions = [];",
            "shared/scormfunctions.js": b"function doStart() {}",
            "shared/style.css": b"h1 { color: green }",
            "LICENSE.txt": b"CC BY-SA 4.0",
        },
    )


def test_a_scorm2004_package_with_sequencing_and_shared_data_is_valid(tmp_path: Path) -> None:
    needs_schemas()
    report = check_package(sequencing_scorm2004(tmp_path / "golf2004.zip"))
    assert report.kind == "scorm2004"
    # xml:base folders resolve each resource's files; the XSD and DTD files, in the root and
    # in the LOM schema's folders, are expected there without being listed.
    assert report.errors == []
    assert report.warnings == [
        "Test/index.html: <link href> loads https://fonts.example/css2?family=Lato from the network"
    ]


def test_a_wrong_xml_base_is_an_error_naming_the_launch_file(tmp_path: Path) -> None:
    needs_schemas()
    package = sequencing_scorm2004(tmp_path / "golf2004.zip")
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(package) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b'xml:base="Test/"', b'xml:base="Quiz/"'
    )
    report = check_package(write_zip(broken, files))
    assert report.errors == [
        "imsmanifest.xml: resource 'test_resource' launches Quiz/index.html, which is not in "
        "the package",
        "imsmanifest.xml lists Quiz/questions.js, which is not in the package",
    ]
    assert (
        "2 files in the package but not in imsmanifest.xml (platforms may leave them out): "
        "Test/index.html, Test/questions.js"
    ) in report.warnings


# --- Common Cartridge 1.3 as Canvas writes one, with CC 1.1 resource types --------------------

CANVAS_CC13_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="g3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b"
  xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
  xmlns:lom="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
  xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1
    http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd">
  <metadata>
    <schema>IMS Common Cartridge</schema>
    <schemaversion>1.3.0</schemaversion>
    <lomimscc:lom><lomimscc:general><lomimscc:title>
      <lomimscc:string>Golf 101</lomimscc:string>
    </lomimscc:title></lomimscc:general></lomimscc:lom>
  </metadata>
  <organizations>
    <organization identifier="org_1" structure="rooted-hierarchy">
      <item identifier="LearningModules">
        <item identifier="module_1">
          <title>Week 1</title>
          <item identifier="item_1" identifierref="page_1"><title>Welcome</title></item>
          <item identifier="item_2" identifierref="topic_1"><title>Introduce yourself</title></item>
        </item>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="page_1" type="webcontent" href="wiki_content/welcome.html">
      <file href="wiki_content/welcome.html"/>
    </resource>
    <resource identifier="files_1" type="webcontent">
      <file href="web_resources/Course Files/golf course.jpg"/>
    </resource>
    <resource identifier="topic_1" type="imsdt_xmlv1p1">
      <file href="topic_1.xml"/>
    </resource>
    <resource identifier="settings_1"
      type="associatedcontent/imscc_xmlv1p1/learning-application-resource"
      href="course_settings/canvas_export.txt">
      <file href="course_settings/course_settings.xml"/>
      <file href="course_settings/canvas_export.txt"/>
    </resource>
  </resources>
</manifest>
"""

CANVAS_PAGE = b"""<html><head><title>Welcome</title></head><body>
<p><img src="$IMS-CC-FILEBASE$/Course%20Files/golf%20course.jpg" alt="The course"></p>
<p><a href="$WIKI_REFERENCE$/pages/rules">Rules</a>,
<a href="$WIKI_REFERENCE$/pages/scoring">Scoring</a>,
<a href="$CANVAS_OBJECT_REFERENCE$/assignments/g2b4d6f8">First assignment</a>,
<a href="$CANVAS_COURSE_REFERENCE$/files">Files</a>.</p>
</body></html>"""

TOPIC = b"""<?xml version="1.0" encoding="UTF-8"?>
<topic xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1">
  <title>Introduce yourself</title><text texttype="text/html">Who are you?</text>
</topic>
"""


ONLY_CANVAS = (
    "only the platform that made the package resolves it (it names no file of the package): "
    "wiki_content/welcome.html"
)


def line_of(document: bytes, text: bytes) -> int:
    """The line of ``document`` where ``text`` is."""
    return document[: document.index(text)].count(b"\n") + 1


def canvas_cc13(target: Path) -> Path:
    return write_zip(
        target,
        {
            "imsmanifest.xml": CANVAS_CC13_MANIFEST,
            "wiki_content/welcome.html": CANVAS_PAGE,
            "web_resources/Course Files/golf course.jpg": b"\xff\xd8\xff",
            "topic_1.xml": TOPIC,
            "course_settings/course_settings.xml": b"<course/>",
            "course_settings/canvas_export.txt": b"Q: what did the panda say?",
        },
    )


def test_a_canvas_style_cc13_cartridge_with_cc11_types(tmp_path: Path) -> None:
    needs_schemas()
    report = check_package(canvas_cc13(tmp_path / "canvas.imscc"))
    assert report.kind == "cc13"
    topic = line_of(CANVAS_CC13_MANIFEST, b'<resource identifier="topic_1"')
    # libxml2 numbers an element by the line where its start tag ends.
    settings = line_of(CANVAS_CC13_MANIFEST, b'href="course_settings/canvas_export.txt">')
    # $IMS-CC-FILEBASE$ names web_resources/ (percent-decoded, the picture is there); each
    # Canvas token is one warning; the CC 1.1 types are said as such, not as XSD noise.
    assert report.errors == [
        f"imsmanifest.xml: line {topic}: resource 'topic_1' has the type 'imsdt_xmlv1p1' of "
        "another Common Cartridge version in a CC 1.3 manifest: CC 1.3 names it 'imsdt_xmlv1p3' "
        "(change the type, or the manifest's version)",
        f"imsmanifest.xml: line {settings}: resource 'settings_1' has the type "
        "'associatedcontent/imscc_xmlv1p1/learning-application-resource' of another Common "
        "Cartridge version in a CC 1.3 manifest: CC 1.3 names it "
        "'associatedcontent/imscc_xmlv1p3/learning-application-resource' (change the type, "
        "or the manifest's version)",
    ]
    assert report.warnings == [
        "1 file name with spaces, accents or other characters that links must percent-encode "
        "and platforms may normalise differently: web_resources/Course Files/golf course.jpg",
        NO_LICENCE,
        f"1 link through $CANVAS_COURSE_REFERENCE$: {ONLY_CANVAS}",
        f"1 link through $CANVAS_OBJECT_REFERENCE$: {ONLY_CANVAS}",
        f"2 links through $WIKI_REFERENCE$: {ONLY_CANVAS}",
    ]


# --- Archives: zip64, an entry that escapes, a 1 GB entry -------------------------------------

SMALL_SITE = {
    "index.html": b'<html><body><img src="media/a.png" alt="a"></body></html>',
    "media/a.png": b"\x89PNG",
    "LICENSE.txt": b"CC0",
}


def test_a_zip64_site_is_read_like_any_zip(tmp_path: Path) -> None:
    report = check_package(write_zip(tmp_path / "z64.zip", SMALL_SITE, force_zip64=True))
    assert (report.kind, report.files, report.findings) == ("site", 3, [])


def test_entries_that_escape_their_folder_are_errors_and_never_read(tmp_path: Path) -> None:
    package = tmp_path / "slip.zip"
    write_zip(package, SMALL_SITE)
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("../../evil.html", b'<img src="https://tracker.example/x.png">')
        archive.writestr("/etc/cron.d/job", b"* * * * * root true")
        with pytest.warns(UserWarning, match="Duplicate name"):  # as other tools write it
            archive.writestr("media/a.png", b"\x89PNG again")
    report = check_package(package)
    escape = "unzipped, it could land outside its folder"
    assert report.errors == [
        f"entry '../../evil.html': the name has an empty, '.' or '..' segment ('..'); {escape}",
        f"entry '/etc/cron.d/job': the name is an absolute path; {escape}",
        "entry 'media/a.png' is in the package 2 times: platforms keep one or the other",
    ]
    # The escaping page was never read: its network load is not reported.
    assert report.warnings == []


def test_a_1_gb_entry_is_neither_read_nor_a_crash(tmp_path: Path) -> None:
    package = write_zip(tmp_path / "big.zip", SMALL_SITE)
    chunk = b" " * (1 << 20)
    with (
        zipfile.ZipFile(package, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("notes/huge.html", "w", force_zip64=True) as entry,
    ):
        for _ in range(1024):  # 1 GiB of spaces, a megabyte or so once deflated
            entry.write(chunk)
    assert package.stat().st_size < 20 * (1 << 20)
    report = check_package(package)
    assert report.findings == []
    assert report.notes == ["notes/huge.html not checked: larger than 16 MB"]


@pytest.mark.parametrize("strict", [False, True])
def test_validate_exits_on_errors_and_under_strict_on_warnings(
    tmp_path: Path, strict: bool
) -> None:
    needs_schemas()
    package = golf_scorm12(tmp_path / "golf12.zip")
    args = ["validate", *(["--strict"] if strict else []), str(package)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == (1 if strict else 0), result.output
    last = result.output.rstrip().splitlines()[-1]
    expected = "INVALID (2 warnings, --strict)" if strict else "valid, 2 warnings"
    with zipfile.ZipFile(package) as archive:
        files = len(archive.namelist())
    assert last == f"{package}: scorm12 package, {files} files: {expected}"
    assert "  warning: no LICENSE.txt at the root" in result.output
