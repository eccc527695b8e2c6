"""A course with one quiz of each type, exported as Common Cartridge 1.3 and 1.1 and Open edX OLX.

The cartridges are checked against the CC manifest XSDs and every assessment against the CC QTI
profile (XSD and Schematron); the OLX export goes through olxcleaner and moocstudio's own
check, which reads every problem's responses. The CLI is run as a user would.
"""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from moocstudio.export.formats import ExportResult, export_course
from moocstudio.export.olx import olx_identity
from moocstudio.export.package_check import check_package
from moocstudio.export.qti_check import profile_path
from moocstudio.export.validate import SchemasNotFound
from moocstudio.model import Course, Quiz
from tests.export.quiz_courses import quiz_course
from tests.test_cli import run_cli

olxcleaner = pytest.importorskip(
    "olxcleaner", reason="olxcleaner (the test extra) is not installed: pip install olxcleaner"
)

try:
    profile_path()
except SchemasNotFound:
    pytest.skip(
        "the conformance schemas are not installed (run `moocstudio schemas install`)",
        allow_module_level=True,
    )

FORMATS = ("imscc", "imscc11", "olx")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Course, dict[str, ExportResult]]:
    folder = tmp_path_factory.mktemp("quizzes") / "course"
    course = quiz_course(folder)
    results = export_course(folder, course, folder.parent / "out", FORMATS)
    return course, {result.format.name: result for result in results}


def quizzes(course: Course) -> list[Quiz]:
    return [item for item in course.all_items() if isinstance(item, Quiz)]


@pytest.mark.parametrize("name", FORMATS)
def test_packages_pass_their_check_strictly(
    exported: tuple[Course, dict[str, ExportResult]], name: str
) -> None:
    _course, results = exported
    report = check_package(results[name].path)
    assert report.problems == []
    if name != "olx":
        assert "3 QTI assessments checked against the CC QTI profile" in report.notes


@pytest.mark.parametrize("name", FORMATS)
def test_the_report_counts_questions_and_names_each_loss(
    exported: tuple[Course, dict[str, ExportResult]], name: str
) -> None:
    _course, results = exported
    assert [str(count) for count in results[name].quizzes] == [
        "quiz “Every type”: 11 questions, 17 points",
        "quiz “Short check”: 2 questions, 4 points",
        "quiz “Practice”: 1 question, 1 point",
    ]
    losses = results[name].notes
    if name == "olx":
        expected = [
            "question 3 “Primes” (multiple choice): unequal or negative credits",
            "question 6 “Pi” (numeric): only the answer 3.14 ± 0.01 is kept (Open edX takes one "
            "numeric answer): 3 earns nothing",
            "question 8 (short answer): answers worth part of the points earn none",
            "quiz “Short check”, question 1 (true false): the quiz shows no feedback",
        ]
    else:
        expected = [
            "question 10 “Countries” (matching): written as 3 single-choice items",
            "question 11 (ordering): written as 4 single-choice items",
            "question 7 (numeric): of the range 1..5, only its whole numbers",
        ]
    expected.append("quiz “Every type”: its passing score (70 %) is not carried")
    for words in expected:
        assert any(words in note for note in losses), (words, losses)


@pytest.mark.parametrize(("name", "minor"), [("imscc", "3"), ("imscc11", "1")])
def test_each_quiz_is_an_assessment_resource_with_its_pictures_as_web_content(
    exported: tuple[Course, dict[str, ExportResult]], name: str, minor: str
) -> None:
    course, results = exported
    with zipfile.ZipFile(results[name].path) as archive:
        root = etree.fromstring(archive.read("imsmanifest.xml"))
        namespace = {"cp": etree.QName(root).namespace}
        for quiz in quizzes(course):
            resource = root.find(f".//cp:resource[@identifier='R_{quiz.id}']", namespace)
            assert resource is not None
            assert resource.get("type") == f"imsqti_xmlv1p2/imscc_xmlv1p{minor}/assessment"
            assert resource.get("href") is None
            files = [f.get("href") for f in resource.iterfind("cp:file", namespace)]
            assert files == [f"{quiz.id}/assessment.xml"]
            item = root.find(f".//cp:item[@identifierref='R_{quiz.id}']", namespace)
            assert (
                item is not None and item.findtext("cp:title", namespaces=namespace) == quiz.title
            )
        every = quizzes(course)[0]
        dependency = root.find(
            f".//cp:resource[@identifier='R_{every.id}']/cp:dependency", namespace
        )
        assert dependency is not None
        pictures = root.find(
            f".//cp:resource[@identifier='{dependency.get('identifierref')}']", namespace
        )
        assert pictures is not None and pictures.get("type") == "webcontent"
        (picture,) = [f.get("href") for f in pictures.iterfind("cp:file", namespace)]
        assert picture in archive.namelist() and picture.startswith("web_resources/media/")
        qti = archive.read(f"{every.id}/assessment.xml").decode()
    assert f"/ccv1p{minor}/ccv1p{minor}_qtiasiv1p2p1_v1p0.xsd" in qti
    file_name = picture.rsplit("/", 1)[1]
    shown = "$IMS-CC-FILEBASE$/media/" if minor == "3" else "../web_resources/media/"
    assert f'src="{shown}{file_name}"' in qti.replace("&quot;", '"').replace("&lt;", "<")


@pytest.fixture(scope="module")
def olx_root(
    exported: tuple[Course, dict[str, ExportResult]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The OLX package, extracted."""
    target = tmp_path_factory.mktemp("olx")
    with tarfile.open(exported[1]["olx"].path) as archive:
        archive.extractall(target, filter="data")
    return target / "course"


def test_olx_passes_olxcleaner(olx_root: Path) -> None:
    _tree, store, _names = olxcleaner.validate(str(olx_root), 8)
    errors = [f"{e.name}: {e.description}" for e in store.errors if e.level_val >= 3]
    assert errors == []


def test_olx_quiz_subsections_are_graded_by_the_grading_policy(
    exported: tuple[Course, dict[str, ExportResult]], olx_root: Path
) -> None:
    course, root = exported[0], olx_root
    every, second, practice = quizzes(course)
    week1 = etree.parse(root / "chapter" / f"{course.modules[0].id}.xml").getroot()
    assert [s.get("url_name") for s in week1] == [
        f"{course.modules[0].id}-lesson",
        f"{every.id}-quiz",
    ]

    def sequential(quiz: Quiz) -> etree._Element:
        return etree.parse(root / "sequential" / f"{quiz.id}-quiz.xml").getroot()

    assert (sequential(every).get("graded"), sequential(every).get("format")) == (
        "true",
        "Quiz (weight 2)",
    )
    assert sequential(second).get("format") == "Quiz (weight 1)"
    assert sequential(practice).get("graded") is None
    run = olx_identity(course).run
    policy = json.loads((root / "policies" / run / "grading_policy.json").read_text())
    graders = {g["type"]: g for g in policy["GRADER"]}
    assert graders["Quiz (weight 2)"]["weight"] == pytest.approx(2 / 3, abs=1e-5)
    assert graders["Quiz (weight 1)"]["weight"] == pytest.approx(1 / 3, abs=1e-5)
    assert all(g["min_count"] == 1 and g["drop_count"] == 0 for g in graders.values())
    assert policy["GRADE_CUTOFFS"] == {"Pass": 0.6}


def test_olx_problems_carry_attempts_weight_answers_and_feedback(
    exported: tuple[Course, dict[str, ExportResult]], olx_root: Path
) -> None:
    course, root = exported[0], olx_root
    every, second, _practice = quizzes(course)
    unit = etree.parse(root / "vertical" / f"{every.id}-unit.xml").getroot()
    problem_ids = [c.get("url_name") for c in unit if c.tag == "problem"]
    assert problem_ids == [q.id for q in every.questions]

    def problem(quiz: Quiz, number: int) -> etree._Element:
        path = root / "problem" / f"{quiz.questions[number - 1].id}.xml"
        return etree.parse(path).getroot()

    capital = problem(every, 1)
    assert (capital.get("max_attempts"), capital.get("weight")) == ("3", "2")
    response = capital.find("multiplechoiceresponse")
    assert response is not None and response.get("partial_credit") == "points"
    choices = {c.text: (c.get("correct"), c.get("point_value")) for c in response.iter("choice")}
    assert choices["Paris"] == ("true", None)
    assert choices["Lyon"] == ("partial", "0.5")
    assert capital.findtext("solution/div/p") is None  # inline feedback, no paragraph
    assert "thousand years" in "".join(capital.find("solution").itertext())
    assert capital.findtext("demandhint/hint") == "Think of the Eiffel Tower."
    assert capital.find(".//img").get("src").startswith("/static/")
    primes = problem(every, 3).find("choiceresponse")
    assert primes is not None and primes.get("partial_credit") == "EDC"
    pi = problem(every, 6).find("numericalresponse")
    assert pi is not None and pi.get("answer") == "3.14"
    assert pi.find("responseparam").attrib == {"type": "tolerance", "default": "0.01"}
    assert problem(every, 7).find("numericalresponse").get("answer") == "[1, 5]"
    author = problem(every, 8).find("stringresponse")
    assert author is not None and (author.get("answer"), author.get("type")) == (
        "Victor Hugo",
        "ci",
    )
    assert problem(every, 9).find("stringresponse").get("type") == "cs"
    countries = problem(every, 10).findall("optionresponse")
    assert [r.findtext("label") for r in countries] == ["France", "Italy", "Spain"]
    assert [r.find("optioninput/option[@correct='True']").text for r in countries] == [
        "Paris",
        "Rome",
        "Madrid",
    ]
    planets = problem(every, 11).findall("optionresponse")
    assert [r.find("optioninput/option[@correct='True']").text for r in planets] == [
        "Mercury",
        "Venus",
        "Earth",
        "Mars",
    ]
    # A quiz that shows no feedback: answers never shown, no hints per answer.
    hidden = problem(second, 1)
    assert hidden.get("showanswer") == "never" and not list(hidden.iter("choicehint"))


def _replace_in_tar(package: Path, target: Path, name: str, content: bytes) -> Path:
    with tarfile.open(package) as source, tarfile.open(target, "w:gz") as copy:
        for member in source:
            data = source.extractfile(member) if member.isfile() else None
            if member.name == name:
                member.size = len(content)
                data = io.BytesIO(content)
            copy.addfile(member, data)
    return target


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (
            b'<problem><multiplechoiceresponse><choicegroup><choice correct="false">a</choice>'
            b'<choice correct="false">b</choice></choicegroup></multiplechoiceresponse></problem>',
            'has no choice marked correct="true"',
        ),
        (
            b'<problem><numericalresponse answer="three"><formulaequationinput/>'
            b"</numericalresponse></problem>",
            "neither a number nor a range",
        ),
        (b"<problem><p>Nothing to answer.</p></problem>", "no response"),
        (
            b'<problem max_attempts="0"><stringresponse answer="x"/></problem>',
            "max_attempts='0'",
        ),
    ],
)
def test_validate_names_a_problem_open_edx_could_not_grade(
    exported: tuple[Course, dict[str, ExportResult]],
    tmp_path: Path,
    problem: bytes,
    expected: str,
) -> None:
    course, results = exported
    question = quizzes(course)[0].questions[0].id
    broken = _replace_in_tar(
        results["olx"].path, tmp_path / "broken.tar.gz", f"course/problem/{question}.xml", problem
    )
    outcome = run_cli("validate", broken)
    assert outcome.returncode == 1
    assert expected in outcome.stdout and f"problem/{question}.xml" in outcome.stdout


def test_validate_names_an_assessment_that_breaks_the_profile(
    exported: tuple[Course, dict[str, ExportResult]], tmp_path: Path
) -> None:
    course, results = exported
    quiz = quizzes(course)[1]
    name = f"{quiz.id}/assessment.xml"
    broken = tmp_path / "broken.imscc"
    with zipfile.ZipFile(results["imscc"].path) as source, zipfile.ZipFile(broken, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                data = data.replace(b"cc.true_false.v0p1", b"cc.yes_no.v0p1")
            copy.writestr(info, data)
    outcome = run_cli("validate", broken)
    assert outcome.returncode == 1
    assert f"{name}: line " in outcome.stdout and "[RULE 2b]" in outcome.stdout


def test_export_command_prints_the_quiz_report(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    quiz_course(folder)
    outcome = run_cli("export", folder, "--format", "imscc11", "--output", tmp_path / "out")
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "note: quiz “Every type”: 11 questions, 17 points" in outcome.stdout
    assert "(ordering): written as 4 single-choice items" in outcome.stdout
