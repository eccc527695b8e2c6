"""Manifest validation against the vendored SCORM 1.2, SCORM 2004 4th ed. and CC 1.3 XSDs."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocstudio.export import validate
from moocstudio.export.validate import SchemasNotFound, default_schemas_dir, validate_manifest

pytestmark = pytest.mark.skipif(
    not default_schemas_dir().is_dir(),
    reason="needs ../shared/conformance (the conformance schemas)",
)

SCORM12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="moocstudio-demo" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang="fr">Cours</imsmd:langstring>
    </imsmd:title></imsmd:general></imsmd:lom>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Demo course</title>
      <item identifier="ITEM-1" identifierref="SCO-1" isvisible="true">
        <title>Demo course</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="SCO-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="LICENSE"/>
    </resource>
  </resources>
</manifest>
"""

SCORM2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="moocstudio-demo" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Demo course</title>
      <item identifier="ITEM-1" identifierref="SCO-1">
        <title>Demo course</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="SCO-1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

CC13 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="moocstudio-demo"
    xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
    xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
    xmlns:lom="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource">
  <metadata>
    <schema>IMS Common Cartridge</schema>
    <schemaversion>1.3.0</schemaversion>
    <lomimscc:lom>
      <lomimscc:general>
        <lomimscc:title><lomimscc:string language="fr">Cours</lomimscc:string></lomimscc:title>
      </lomimscc:general>
      <lomimscc:rights>
        <lomimscc:copyrightAndOtherRestrictions>
          <lomimscc:value>yes</lomimscc:value>
        </lomimscc:copyrightAndOtherRestrictions>
        <lomimscc:description>
          <lomimscc:string language="en">CC BY 4.0</lomimscc:string>
        </lomimscc:description>
      </lomimscc:rights>
    </lomimscc:lom>
  </metadata>
  <organizations>
    <organization identifier="ORG" structure="rooted-hierarchy">
      <item identifier="root">
        <item identifier="ITEM-1" identifierref="RES-1">
          <title>Introduction</title>
        </item>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" href="web_resources/index.html">
      <file href="web_resources/index.html"/>
    </resource>
  </resources>
</manifest>
"""


# The same cartridge in CC 1.1, as Moodle core imports it.
CC11 = CC13.replace("imsccv1p3", "imsccv1p1").replace("1.3.0", "1.1.0")


@pytest.mark.parametrize(
    ("kind", "manifest"),
    [("scorm12", SCORM12), ("scorm2004", SCORM2004), ("cc13", CC13), ("cc11", CC11)],
)
def test_minimal_manifests_are_valid(kind: validate.ManifestKind, manifest: str) -> None:
    assert validate_manifest(manifest.encode(), kind) == []


def test_manifest_can_be_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "imsmanifest.xml"
    path.write_text(SCORM2004, encoding="utf-8")
    assert validate_manifest(path, "scorm2004") == []


def test_lowercase_scormtype_in_2004_is_reported_with_its_line() -> None:
    bad = SCORM2004.replace('adlcp:scormType="sco"', 'adlcp:scormtype="sco"')
    problems = validate_manifest(bad.encode(), "scorm2004")
    assert problems == [
        "line 27: resource 'SCO-1' has adlcp:scormtype in lower case; "
        "SCORM 2004 reads only adlcp:scormType",
        'line 7: the package has no SCO (adlcp:scormType="sco")',
    ]


def test_camelcase_scormtype_in_12_is_refused_by_the_schema() -> None:
    bad = SCORM12.replace('adlcp:scormtype="sco"', 'adlcp:scormType="sco"')
    problems = validate_manifest(bad.encode(), "scorm12")
    assert any(p.startswith("line 21: ") and "scormType" in p for p in problems), problems


def test_missing_identifier_is_reported() -> None:
    bad = SCORM12.replace('<manifest identifier="moocstudio-demo" ', "<manifest ")
    problems = validate_manifest(bad.encode(), "scorm12")
    assert len(problems) == 1
    assert problems[0].startswith("line 5: ")
    assert "'identifier' is required" in problems[0]


def test_bad_sequencing_value_is_reported() -> None:
    bad = SCORM2004.replace('completionSetByContent="true"', 'completionSetByContent="yes"')
    problems = validate_manifest(bad.encode(), "scorm2004")
    assert len(problems) == 1
    assert problems[0].startswith("line 18: ") and "completionSetByContent" in problems[0]


def test_cc_structure_must_be_rooted_hierarchy() -> None:
    bad = CC13.replace("rooted-hierarchy", "hierarchical")
    problems = validate_manifest(bad.encode(), "cc13")
    assert problems and problems[0].startswith("line 24: ")
    assert "structure" in problems[0]


def test_cc11_is_checked_against_its_own_schemas() -> None:
    # Moodle validates a CC 1.1 import against these XSDs and refuses what they reject.
    (wrong_version,) = validate_manifest(CC13.encode(), "cc11")
    assert "imsccv1p3/imscp_v1p1}manifest, not" in wrong_version
    problems = validate_manifest(CC11.replace("1.1.0", "1.3.0").encode(), "cc11")
    assert len(problems) == 1 and problems[0].startswith("line 8: ")
    assert "schemaversion" in problems[0]


def test_cc_metadata_in_an_unknown_namespace_is_refused() -> None:
    bad = CC13.replace("</lomimscc:lom>", '</lomimscc:lom><x:extra xmlns:x="urn:example:unknown"/>')
    problems = validate_manifest(bad.encode(), "cc13")
    assert any("extra" in p for p in problems), problems


def test_dangling_references_are_reported() -> None:
    bad = SCORM12.replace('identifierref="SCO-1"', 'identifierref="SCO-9"').replace(
        'default="ORG"', 'default="NOPE"'
    )
    problems = validate_manifest(bad.encode(), "scorm12")
    assert "line 12: organizations default 'NOPE' names no organization" in problems
    assert "line 15: item identifierref 'SCO-9' names no resource" in problems


def test_wrong_manifest_kind_is_reported() -> None:
    problems = validate_manifest(SCORM12.encode(), "scorm2004")
    assert problems == [
        "line 5: the root element is {http://www.imsproject.org/xsd/imscp_rootv1p1p2}manifest, "
        "not {http://www.imsglobal.org/xsd/imscp_v1p1}manifest (scorm2004)"
    ]


def test_malformed_xml_is_reported() -> None:
    problems = validate_manifest(b"<manifest>\n<oops></manifest>", "scorm12")
    assert len(problems) == 1
    assert problems[0].startswith("line 2: the manifest is not well-formed XML")


def test_entities_and_network_are_never_used(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    hostile = SCORM12.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY x SYSTEM "{secret.as_uri()}">]>',
    ).replace("<title>Demo course</title>", "<title>&x;</title>", 1)
    problems = validate_manifest(hostile.encode(), "scorm12")
    assert problems == [
        "line 1: the manifest declares a DOCTYPE; remove it (entities are not allowed)"
    ]


def test_missing_schemas_folder_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(SchemasNotFound, match=str(tmp_path / "cc13")):
        validate_manifest(CC13.encode(), "cc13", schemas_dir=tmp_path)


def test_environment_variable_overrides_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(validate.CONFORMANCE_ENV, str(tmp_path))
    assert default_schemas_dir() == tmp_path
    (tmp_path / "schemas").mkdir()
    assert default_schemas_dir() == tmp_path / "schemas"
    with pytest.raises(SchemasNotFound, match="MOOCSTUDIO_CONFORMANCE_DIR"):
        validate_manifest(CC13.encode(), "cc13")


def test_schemas_are_compiled_once_per_kind() -> None:
    validate_manifest(CC13.encode(), "cc13")
    hits = validate._compiled.cache_info().hits
    validate_manifest(CC13.encode(), "cc13")
    assert validate._compiled.cache_info().hits == hits + 1


LOM_2004 = (
    '<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string language="fr">Cours'
    "</string></title></general><rights><copyrightAndOtherRestrictions><source>LOMv1.0</source>"
    "<value>{value}</value></copyrightAndOtherRestrictions></rights></lom>"
)


def test_scorm2004_inline_lom_rights_are_checked() -> None:
    with_lom = SCORM2004.replace("</schemaversion>", "</schemaversion>" + LOM_2004)
    assert validate_manifest(with_lom.format(value="yes").encode(), "scorm2004") == []
    problems = validate_manifest(with_lom.format(value="maybe").encode(), "scorm2004")
    assert len(problems) == 1
    assert problems[0].startswith("line 10: ") and "'maybe' is not a valid value" in problems[0]
