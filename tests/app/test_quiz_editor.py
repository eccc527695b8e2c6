"""The quiz editor on a course made with the model: every form, every edit one undo step."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PIL import Image
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QListView, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from moocstudio.app.document import CourseDocument
from moocstudio.app.editors import make_editor
from moocstudio.app.editors.question_forms import (
    ChoiceForm,
    MatchingForm,
    MultipleChoiceForm,
    NumericForm,
    OrderingForm,
    QuestionForm,
    ShortAnswerForm,
    TrueFalseForm,
    question_type_names,
)
from moocstudio.app.editors.quiz_editor import QuizEditor, list_text
from moocstudio.app.grading_dialog import GradingDialog
from moocstudio.app.jobs import JobCenter
from moocstudio.app.preview.site import PreviewSite
from moocstudio.app.translations import install_translations
from moocstudio.model import (
    AcceptedText,
    Choice,
    Course,
    GradedQuiz,
    GradingPolicy,
    Matching,
    MatchPair,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    Quiz,
    QuizSettings,
    RichText,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from moocstudio.model.questions import Question
from tests.app.test_french import _widget_texts
from tests.waiting import EVENT_TIMEOUT_MS

QUIZ_ID = "quiz-0123456789ab"
OTHER_QUIZ_ID = "quiz-ba9876543210"


def text(source: str, html: str | None = None) -> RichText:
    return RichText(source=source, html=source if html is None else html)


def one_of_each() -> list[object]:
    """A question of every type, written the way the GIFT importer would make them."""
    return [
        SingleChoice(
            id="q-000000000001",
            stem=text("Capital of France?"),
            choices=[
                Choice(text=text("Paris"), credit=1.0, feedback=text("Yes.")),
                Choice(text=text("Lyon"), feedback=text("No, Paris.")),
            ],
        ),
        MultipleChoice(
            id="q-000000000002",
            stem=text("Which are prime?"),
            choices=[
                Choice(text=text("2"), credit=0.5),
                Choice(text=text("3"), credit=0.5),
                Choice(text=text("4"), credit=-0.5),
            ],
        ),
        TrueFalse(id="q-000000000003", stem=text("The Earth is round."), answer=True),
        Numeric(
            id="q-000000000004",
            stem=text("Pi to two decimals?"),
            answers=[
                NumericAnswer(value=3.14, tolerance=0.01),
                NumericAnswer(minimum=3, maximum=4, credit=0.5),
            ],
        ),
        ShortAnswer(
            id="q-000000000005",
            stem=text("Who wrote *Candide*?", "Who wrote <em>Candide</em>?"),
            answers=[AcceptedText(text="Voltaire"), AcceptedText(text="Arouet", credit=0.5)],
        ),
        Matching(
            id="q-000000000006",
            stem=text("Match the capitals."),
            pairs=[
                MatchPair(prompt=text("France"), answer="Paris"),
                MatchPair(prompt=text("Italy"), answer="Rome"),
            ],
            distractors=["Madrid"],
        ),
        Ordering(id="q-000000000007", stem=text("Order the steps."), items=["Mix", "Bake", "Eat"]),
    ]


@pytest.fixture
def document(tmp_path: Path) -> Iterator[CourseDocument]:
    """A new course holding a quiz with one question of each type, and a second, empty quiz."""
    course = Course(title="Quiz course", language="en")
    course.add_item(Quiz(id=QUIZ_ID, title="Every type", questions=one_of_each()), "Module 1")
    course.add_item(Quiz(id=OTHER_QUIZ_ID, title="Second quiz"), "Module 1")
    document = CourseDocument.create(tmp_path / "course", course)
    yield document
    document.undo_stack.clear()


def shown(qtbot: QtBot, document: CourseDocument, name: str = "") -> QuizEditor:
    """The quiz editor shown at a laptop's central-area size; a picture when asked to."""
    editor = QuizEditor(document, QUIZ_ID)
    qtbot.addWidget(editor)
    editor.resize(1000, 720)
    editor.show()
    qtbot.waitExposed(editor, timeout=EVENT_TIMEOUT_MS)
    shots = os.environ.get("MOOCSTUDIO_SCREENSHOTS")
    if shots and name:
        assert editor.grab().save(str(Path(shots) / name))
    return editor


def quiz(document: CourseDocument, ident: str = QUIZ_ID) -> Quiz:
    item = document.find_item(ident)[2]
    assert isinstance(item, Quiz)
    return item


def pick(editor: QuizEditor, row: int) -> None:
    editor.questions.setCurrentRow(row)
    assert editor.current_id() == quiz(editor.document).questions[row].id


def one_step(qtbot: QtBot, document: CourseDocument, action: Callable[[], object]) -> None:
    """Do ``action`` and wait until it made exactly one undo step."""
    stack = document.undo_stack
    before = stack.index()
    action()
    qtbot.waitUntil(lambda: stack.index() > before, timeout=EVENT_TIMEOUT_MS)
    assert stack.index() == stack.count() == before + 1


def undo_redo(document: CourseDocument, before: object, after: object) -> None:
    """Undo gives ``before`` back, redo ``after``, as the quiz's question list."""
    document.undo_stack.undo()
    assert quiz(document).questions == before
    document.undo_stack.redo()
    assert quiz(document).questions == after


# --- showing -------------------------------------------------------------------------------------


def test_each_question_shows_in_the_form_of_its_type(
    qtbot: QtBot, document: CourseDocument
) -> None:
    editor = shown(qtbot, document)
    names = question_type_names()
    listed = [editor.questions.item(row).text() for row in range(editor.questions.count())]
    assert listed == [
        f"1. {names['single_choice']} — Capital of France?",
        f"2. {names['multiple_choice']} — Which are prime?",
        f"3. {names['true_false']} — The Earth is round.",
        f"4. {names['numeric']} — Pi to two decimals?",
        f"5. {names['short_answer']} — Who wrote Candide?",
        f"6. {names['matching']} — Match the capitals.",
        f"7. {names['ordering']} — Order the steps.",
    ]
    forms = [
        ChoiceForm, MultipleChoiceForm, TrueFalseForm, NumericForm, ShortAnswerForm,
        MatchingForm, OrderingForm,
    ]  # fmt: skip
    for row, kind in enumerate(forms):
        pick(editor, row)
        form = editor.current_form()
        assert type(form) is kind
        assert form.stem.toPlainText() == quiz(document).questions[row].stem.source
    pick(editor, 0)
    choices = editor.current_form().choices.table  # type: ignore[union-attr]
    assert [choices.item(r, 0).text() for r in range(2)] == ["Paris", "Lyon"]
    assert choices.item(0, 1).data(Qt.ItemDataRole.EditRole) == 100.0
    assert choices.item(1, 2).text() == "No, Paris."
    pick(editor, 3)
    numbers = editor.current_form().answers.table  # type: ignore[union-attr]
    assert [numbers.item(0, c).text() for c in range(4)] == ["3.14", "0.01", "", ""]
    assert [numbers.item(1, c).text() for c in range(4)] == ["", "", "3", "4"]
    pick(editor, 5)
    assert editor.current_form().distractors.toPlainText() == "Madrid"  # type: ignore[union-attr]
    pick(editor, 6)
    assert editor.current_form().steps.toPlainText() == "Mix\nBake\nEat"  # type: ignore[union-attr]
    assert editor.settings.attempts.text() == "Unlimited"
    assert editor.settings.passing.value() == 80
    assert document.undo_stack.count() == 0  # showing is no edit


def test_make_editor_gives_the_quiz_editor(qtbot: QtBot, document: CourseDocument) -> None:
    jobs = JobCenter()
    editor = make_editor(document, QUIZ_ID, jobs)
    qtbot.addWidget(editor)
    assert isinstance(editor, QuizEditor)
    jobs.shutdown()


# --- one form after the other: each edit one undo step -------------------------------------------


def leave(qtbot: QtBot, editor: QuizEditor, field: QWidget, typed: str) -> None:
    """Type ``typed`` into a text field of the editor, then leave it (Tab), as an author does."""
    editor.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=EVENT_TIMEOUT_MS)
    field.selectAll()  # type: ignore[attr-defined]
    if isinstance(field, QPlainTextEdit):
        field.insertPlainText(typed)  # as pasted: key clicks cannot type a line break
    else:
        qtbot.keyClicks(field, typed)
    editor.questions.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus(), timeout=EVENT_TIMEOUT_MS)


def test_stem_is_rendered_through_the_rich_text_importer(
    qtbot: QtBot, document: CourseDocument
) -> None:
    editor = shown(qtbot, document)
    before = list(quiz(document).questions)
    pick(editor, 0)
    form = editor.current_form()
    assert form is not None
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.stem, "What is **2 + 2**?"))
    stem = quiz(document).questions[0].stem
    assert stem.source == "What is **2 + 2**?"
    assert stem.html == "What is <strong>2 + 2</strong>?"
    assert document.undo_stack.undoText() == "Edit question"
    assert quiz(document).questions[1:] == before[1:]
    undo_redo(document, before, list(quiz(document).questions))
    document.undo_stack.undo()
    assert form.stem.toPlainText() == "Capital of France?"  # the form follows the undo


def test_markdown_image_in_a_stem_is_copied_into_the_course(
    qtbot: QtBot, document: CourseDocument
) -> None:
    Image.new("RGB", (8, 8), "red").save(document.folder / "graph.png")
    editor = shown(qtbot, document)
    form = editor.current_form()
    assert form is not None
    one_step(
        qtbot, document, lambda: leave(qtbot, editor, form.stem, "Read it: ![a graph](graph.png)")
    )
    [image] = quiz(document).images
    assert (document.folder / image.path).is_file()
    assert f'src="{image.path}"' in quiz(document).questions[0].stem.html
    document.undo_stack.undo()
    assert quiz(document).images == []


FormType = TypeVar("FormType", bound=QuestionForm)


def open_form(
    qtbot: QtBot, document: CourseDocument, row: int, kind: type[FormType], shot: str
) -> tuple[QuizEditor, FormType, list[Question]]:
    """The editor showing question ``row`` in its form, and the questions before any edit."""
    editor = shown(qtbot, document, shot)
    pick(editor, row)
    form = editor.current_form()
    assert isinstance(form, kind)
    return editor, form, list(quiz(document).questions)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator (a click beside its text misses)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def set_cell(editor: QuizEditor, table_name: str, row: int, column: int, value: object) -> None:
    table = getattr(editor.current_form(), table_name).table
    if isinstance(value, str):
        table.item(row, column).setText(value)
    else:
        table.item(row, column).setData(Qt.ItemDataRole.EditRole, value)


def test_single_choice_credits_feedback_and_rows(qtbot: QtBot, document: CourseDocument) -> None:
    editor = shown(qtbot, document, "quiz-editor-single.png")
    pick(editor, 0)
    before = list(quiz(document).questions)
    one_step(qtbot, document, lambda: set_cell(editor, "choices", 1, 1, 50.0))
    after = list(quiz(document).questions)
    assert [c.credit for c in after[0].choices] == [1.0, 0.5]  # type: ignore[union-attr]
    undo_redo(document, before, after)
    one_step(qtbot, document, lambda: set_cell(editor, "choices", 0, 2, "**Right**."))
    assert after != quiz(document).questions
    assert quiz(document).questions[0].choices[0].feedback.html == "<strong>Right</strong>."  # type: ignore[union-attr]
    form = editor.current_form()
    assert isinstance(form, ChoiceForm)
    one_step(qtbot, document, form.choices.add_button.click)
    assert len(quiz(document).questions[0].choices) == 3  # type: ignore[union-attr]
    form.choices.table.setCurrentCell(1, 0)
    one_step(qtbot, document, form.choices.remove_button.click)
    assert [c.text.source for c in quiz(document).questions[0].choices] == ["Paris", ""]  # type: ignore[union-attr]
    assert form.choices.remove_button.isEnabled() is False  # two options at least


def test_a_form_that_makes_no_valid_question_says_why_and_changes_nothing(
    qtbot: QtBot, document: CourseDocument
) -> None:
    editor = shown(qtbot, document)
    pick(editor, 1)
    set_cell(editor, "choices", 2, 1, 50.0)  # the right options now add up to 150 %
    qtbot.waitUntil(editor.problem.isVisible, timeout=EVENT_TIMEOUT_MS)
    assert editor.problem.text() == (
        "Not changed: the correct choices' credits add up to 150%, not 100%"
    )
    assert document.undo_stack.count() == 0
    # Leaving the question, or adding one, would drop the typing: the editor stays on it.
    editor.questions.setCurrentRow(4)
    editor.add_menu.actions()[0].trigger()
    assert editor.questions.currentRow() == 1 and editor.problem.isVisible()
    assert editor.current_form().choices.table.item(2, 1).data(Qt.ItemDataRole.EditRole) == 50.0  # type: ignore[union-attr]
    assert len(quiz(document).questions) == 7 and document.undo_stack.count() == 0
    # Fixing the credits commits the whole fix as one step.
    one_step(qtbot, document, lambda: set_cell(editor, "choices", 0, 1, 0.0))
    assert [c.credit for c in quiz(document).questions[1].choices] == [0.0, 0.5, 0.5]  # type: ignore[union-attr]
    assert editor.problem.isHidden()


def test_multiple_choice_scoring(qtbot: QtBot, document: CourseDocument) -> None:
    editor, form, before = open_form(
        qtbot, document, 1, MultipleChoiceForm, "quiz-editor-multiple.png"
    )
    form.scoring.setFocus()

    def next_scoring() -> None:
        qtbot.keyClick(form.scoring, Qt.Key.Key_Down)

    one_step(qtbot, document, next_scoring)
    assert quiz(document).questions[1].scoring == "all_or_nothing"  # type: ignore[union-attr]
    undo_redo(document, before, list(quiz(document).questions))
    document.undo_stack.undo()
    assert form.scoring.currentData() == "partial"


def test_true_false_answer_and_feedback(qtbot: QtBot, document: CourseDocument) -> None:
    editor, form, before = open_form(
        qtbot, document, 2, TrueFalseForm, "quiz-editor-true-false.png"
    )
    one_step(qtbot, document, lambda: tick(qtbot, form.false))
    assert quiz(document).questions[2].answer is False  # type: ignore[union-attr]
    undo_redo(document, before, list(quiz(document).questions))
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.feedback_true, "No: it is round."))
    assert quiz(document).questions[2].feedback_true.source == "No: it is round."  # type: ignore[union-attr]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert form.true.isChecked()


def test_numeric_value_tolerance_and_range(qtbot: QtBot, document: CourseDocument) -> None:
    editor = shown(qtbot, document, "quiz-editor-numeric.png")
    pick(editor, 3)
    before = list(quiz(document).questions)
    one_step(qtbot, document, lambda: set_cell(editor, "answers", 0, 1, "0,005"))
    answers = quiz(document).questions[3].answers  # type: ignore[union-attr]
    assert (answers[0].value, answers[0].tolerance) == (3.14, 0.005)
    undo_redo(document, before, list(quiz(document).questions))
    one_step(qtbot, document, lambda: set_cell(editor, "answers", 1, 3, "3.5"))
    assert quiz(document).questions[3].answers[1].bounds == (3.0, 3.5)  # type: ignore[union-attr]
    set_cell(editor, "answers", 1, 2, "three")
    qtbot.waitUntil(editor.problem.isVisible, timeout=EVENT_TIMEOUT_MS)
    assert editor.problem.text() == "Not changed: Min, 2: “three” is not a number"
    set_cell(editor, "answers", 1, 2, "3")
    set_cell(editor, "answers", 1, 0, "3.2")  # a value and a range: the model refuses both
    qtbot.waitUntil(lambda: "either a value" in editor.problem.text(), timeout=EVENT_TIMEOUT_MS)
    assert document.undo_stack.count() == 2


def test_short_answer_strings_and_case(qtbot: QtBot, document: CourseDocument) -> None:
    editor, form, before = open_form(qtbot, document, 4, ShortAnswerForm, "quiz-editor-short.png")
    one_step(qtbot, document, lambda: tick(qtbot, form.case_sensitive))
    assert quiz(document).questions[4].case_sensitive is True  # type: ignore[union-attr]
    undo_redo(document, before, list(quiz(document).questions))
    one_step(qtbot, document, lambda: set_cell(editor, "answers", 1, 0, "François-Marie Arouet"))
    assert [a.text for a in quiz(document).questions[4].answers] == [  # type: ignore[union-attr]
        "Voltaire",
        "François-Marie Arouet",
    ]
    set_cell(editor, "answers", 0, 0, "  ")
    qtbot.waitUntil(editor.problem.isVisible, timeout=EVENT_TIMEOUT_MS)
    assert editor.problem.text() == "Not changed: text: String should have at least 1 character"


def test_matching_pairs_and_distractors(qtbot: QtBot, document: CourseDocument) -> None:
    editor, form, before = open_form(qtbot, document, 5, MatchingForm, "quiz-editor-matching.png")
    one_step(qtbot, document, lambda: set_cell(editor, "pairs", 1, 1, "Roma"))
    assert quiz(document).questions[5].pairs[1].answer == "Roma"  # type: ignore[union-attr]
    undo_redo(document, before, list(quiz(document).questions))
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.distractors, "Madrid\nBerlin\n"))
    assert quiz(document).questions[5].distractors == ["Madrid", "Berlin"]  # type: ignore[union-attr]
    one_step(qtbot, document, form.pairs.add_button.click)
    assert len(quiz(document).questions[5].pairs) == 3  # type: ignore[union-attr]


def test_ordering_steps(qtbot: QtBot, document: CourseDocument) -> None:
    editor, form, before = open_form(qtbot, document, 6, OrderingForm, "quiz-editor-ordering.png")
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.steps, "Mix\nRest\nBake\nEat"))
    assert quiz(document).questions[6].items == ["Mix", "Rest", "Bake", "Eat"]  # type: ignore[union-attr]
    undo_redo(document, before, list(quiz(document).questions))
    leave(qtbot, editor, form.steps, "Mix\nMix")
    assert "must all differ" in editor.problem.text()


def test_title_and_points_common_to_every_form(qtbot: QtBot, document: CourseDocument) -> None:
    editor = shown(qtbot, document)
    pick(editor, 3)
    form = editor.current_form()
    assert form is not None
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.title, "pi"))
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.points.lineEdit(), "2"))
    one_step(qtbot, document, lambda: leave(qtbot, editor, form.hint, "Think of circles."))
    question = quiz(document).questions[3]
    assert (question.title, question.points, question.hint.source) == (
        "pi",
        2.0,
        "Think of circles.",
    )
    assert quiz(document).total_points == 8.0


# --- the list: add, duplicate, remove, reorder ---------------------------------------------------


def test_add_each_type_duplicate_and_remove(qtbot: QtBot, document: CourseDocument) -> None:
    editor = shown(qtbot, document)
    pick(editor, 0)
    actions = editor.add_menu.actions()
    assert [a.text() for a in actions] == list(question_type_names().values())
    for number, action in enumerate(actions):
        one_step(qtbot, document, action.trigger)
        assert editor.questions.currentRow() == 1 + number  # after the selected one, selected
        assert len(quiz(document).questions) == 8 + number
    added = [q.type for q in quiz(document).questions[1:8]]
    assert added == list(question_type_names())
    assert type(editor.current_form()) is OrderingForm
    pick(editor, 1)
    one_step(qtbot, document, editor.duplicate_button.click)
    copy, original = quiz(document).questions[2], quiz(document).questions[1]
    assert copy.id != original.id and copy.model_dump(exclude={"id"}) == original.model_dump(
        exclude={"id"}
    )
    one_step(qtbot, document, editor.remove_button.click)
    assert len(quiz(document).questions) == 14
    for _ in range(9):
        document.undo_stack.undo()
    assert quiz(document).questions == one_of_each()
    assert editor.questions.count() == 7


def test_reorder_by_drag_and_by_buttons(qtbot: QtBot, document: CourseDocument) -> None:
    editor = shown(qtbot, document)
    ids = [q.id for q in quiz(document).questions]
    model = editor.questions.model()
    # A drop in a list of this kind (InternalMove, Static movement) moves the row in the model
    # (QListWidget::dropEvent calls moveRow); the drag itself is Qt's and needs a real pointer.
    assert editor.questions.movement() == QListView.Movement.Static
    one_step(qtbot, document, lambda: model.moveRow(QModelIndex(), 0, QModelIndex(), 3))
    assert [q.id for q in quiz(document).questions] == ids[1:3] + ids[:1] + ids[3:]
    assert document.undo_stack.undoText() == "Reorder questions"
    assert editor.questions.item(2).text().startswith("3. ")  # renumbered
    document.undo_stack.undo()
    assert [q.id for q in quiz(document).questions] == ids
    pick(editor, 6)
    one_step(qtbot, document, editor.up_button.click)
    assert quiz(document).questions[5].id == ids[6]
    assert editor.current_id() == ids[6]  # the moved question stays selected
    assert editor.down_button.isEnabled()
    one_step(qtbot, document, editor.down_button.click)
    assert [q.id for q in quiz(document).questions] == ids
    editor.activateWindow()
    editor.questions.setFocus()
    qtbot.waitUntil(editor.questions.hasFocus, timeout=EVENT_TIMEOUT_MS)
    ctrl = Qt.KeyboardModifier.ControlModifier
    one_step(qtbot, document, lambda: qtbot.keyClick(editor.questions, Qt.Key.Key_Up, ctrl))
    assert quiz(document).questions[5].id == ids[6]
    assert editor.questions.hasFocus()  # the keyboard user goes on from there


def test_an_empty_quiz_invites_to_add_a_question(qtbot: QtBot, document: CourseDocument) -> None:
    editor = QuizEditor(document, OTHER_QUIZ_ID)
    qtbot.addWidget(editor)
    assert editor.current_form() is None
    assert editor.empty.text() == "No questions yet: add one with “Add Question”."
    assert not editor.remove_button.isEnabled()
    one_step(qtbot, document, editor.add_menu.actions()[3].trigger)
    assert type(editor.current_form()) is NumericForm
    assert quiz(document, OTHER_QUIZ_ID).questions[0].type == "numeric"


# --- settings and grading ------------------------------------------------------------------------


def test_quiz_settings_each_one_undo_step(qtbot: QtBot, document: CourseDocument) -> None:
    editor = shown(qtbot, document)
    box = editor.settings
    one_step(qtbot, document, lambda: leave(qtbot, editor, box.passing.lineEdit(), "60"))
    one_step(qtbot, document, lambda: leave(qtbot, editor, box.attempts.lineEdit(), "3"))
    one_step(qtbot, document, lambda: tick(qtbot, box.shuffle))
    box.feedback.setFocus()
    one_step(qtbot, document, lambda: qtbot.keyClick(box.feedback, Qt.Key.Key_Up))
    assert quiz(document).settings == QuizSettings(
        passing_percent=60, attempts=3, shuffle_answers=True, show_feedback="immediately"
    )
    assert document.undo_stack.undoText() == "Change quiz settings"
    for _ in range(4):
        document.undo_stack.undo()
    assert quiz(document).settings == QuizSettings()
    assert box.attempts.text() == "Unlimited"


def test_grading_policy_dialog(qtbot: QtBot, document: CourseDocument) -> None:
    dialog = GradingDialog(document)
    qtbot.addWidget(dialog)
    assert not dialog.graded.isChecked() and not dialog.table.isEnabled()
    dialog.graded.setChecked(True)
    dialog.passing.setValue(70)
    dialog.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    dialog.table.item(0, 2).setData(Qt.ItemDataRole.EditRole, 2.0)
    dialog.accept()
    expected = GradingPolicy(quizzes=[GradedQuiz(quiz=QUIZ_ID, weight=2.0)], passing_percent=70)
    assert document.course.grading == expected
    assert [(q.id, w) for q, w in document.course.graded_quizzes()] == [(QUIZ_ID, 2.0)]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.course.grading is None

    again = GradingDialog(document)
    qtbot.addWidget(again)
    again.graded.setChecked(True)
    again.accept()  # every quiz counts once: the policy names none, so new quizzes count too
    assert document.course.grading == GradingPolicy(quizzes=[], passing_percent=50)

    last = GradingDialog(document)
    qtbot.addWidget(last)
    for row in range(2):
        last.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
    last.accept()
    assert last.problem.text() == "Tick at least one quiz, or make the course ungraded."
    assert document.undo_stack.count() == 1


# --- the editor's texts in French ----------------------------------------------------------------


def editor_texts(qtbot: QtBot, document: CourseDocument) -> list[tuple[str, str]]:
    """Every text of the quiz editor with each form shown, and of the grading dialog."""
    editor = QuizEditor(document, QUIZ_ID)
    qtbot.addWidget(editor)
    texts = []
    for row in range(editor.questions.count()):
        editor.questions.setCurrentRow(row)
        texts.append((f"row {row}", editor.questions.item(row).text().split(" — ")[0]))
    texts += _widget_texts(editor, "editor")
    texts += [(f"add {n}", a.text()) for n, a in enumerate(editor.add_menu.actions())]
    dialog = GradingDialog(document)
    qtbot.addWidget(dialog)
    texts += _widget_texts(dialog, "grading")
    texts.append(("grading title", dialog.windowTitle()))
    header = dialog.table.horizontalHeaderItem
    texts += [(f"grading header {c}", header(c).text()) for c in range(3)]
    form = editor.forms["numeric"]
    heading = form.answers.table.horizontalHeaderItem
    texts += [(f"numeric header {c}", heading(c).text()) for c in range(6)]
    texts += [(f"numeric tip {c}", heading(c).toolTip()) for c in range(6)]
    return [(place, t) for place, t in texts if t and any(ch.isalpha() for ch in t)]


# Spelt the same in both languages ("OK" is Qt's own button).
SAME_IN_FRENCH = {
    "Option",
    "Options",
    "Min",
    "Max",
    "Quiz",
    "Question",
    "Questions",
    "Points",
    "OK",
}


def test_every_text_of_the_quiz_editor_is_french(
    qtbot: QtBot, app: QApplication, document: CourseDocument
) -> None:
    english = editor_texts(qtbot, document)
    assert install_translations(app, "fr") == "fr"
    french = editor_texts(qtbot, document)
    assert [place for place, _ in french] == [place for place, _ in english]
    untranslated = [
        (place, text)
        for (place, text), (_, translated) in zip(english, french, strict=True)
        if text == translated and text.replace("&", "") not in SAME_IN_FRENCH
    ]
    assert untranslated == []
    assert len(english) > 100  # every form was walked
    assert dict(french)["row 0"] == "1. Choix unique"


# --- in the window -------------------------------------------------------------------------------


def test_window_adds_a_quiz_shows_it_in_the_outline_and_edits_it(
    qtbot: QtBot, app: QApplication, document: CourseDocument
) -> None:
    from moocstudio.app.outline import ID_ROLE
    from moocstudio.app.window import MainWindow

    install_translations(app, "en")  # English plural forms ("7 questions")
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_document(document)
    assert window.outline is not None
    window.outline.select_id(QUIZ_ID)
    assert isinstance(window.editors.currentWidget(), QuizEditor)
    model = window.outline.model()
    module = model.index(0, 0)
    assert model.index(0, 1, module).data() == "7 questions"
    assert model.index(0, 0, module).data(Qt.ItemDataRole.ToolTipRole) == "Quiz: Every type"
    one_step(qtbot, document, window.add_quiz_action.trigger)
    added = document.course.modules[0].items[-1]
    assert isinstance(added, Quiz) and added.title == "Quiz"
    assert window.outline.currentIndex().data(ID_ROLE) == added.id
    editor = window.editors.currentWidget()
    assert isinstance(editor, QuizEditor) and editor.item_id == added.id
    assert model.index(2, 1, model.index(0, 0)).data() == "0 questions"
    document.undo_stack.undo()
    assert [item.id for item in document.course.all_items()] == [QUIZ_ID, OTHER_QUIZ_ID]
    document.undo_stack.clear()


def test_import_gift_reads_a_plain_txt_file_as_a_quiz(
    qtbot: QtBot, document: CourseDocument, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Add ▸ Quiz from a GIFT File reads what is picked as GIFT, even a .txt with no GIFT marks
    (sniffing alone would take it for a page)."""
    from moocstudio.app import window as window_module
    from moocstudio.app.window import MainWindow

    bank = tmp_path / "questions.txt"
    bank.write_text("2 + 2 = {=4 ~5}\n", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.setClean())
    window.set_document(document)
    asked: list[str] = []

    def pick_file(
        _parent: object, _title: str, _folder: str, filters: str
    ) -> tuple[list[str], str]:
        asked.append(filters)
        return [str(bank)], filters

    # A native file dialog cannot be driven in a test: this stands in for the author's pick.
    monkeypatch.setattr(window_module.QFileDialog, "getOpenFileNames", pick_file)
    before = len(document.course.all_items())
    window.import_gift_action.trigger()
    qtbot.waitUntil(lambda: len(document.course.all_items()) > before, timeout=EVENT_TIMEOUT_MS)
    assert asked == ["GIFT quiz files (*.gift *.txt);;All files (*)"]
    added = document.course.all_items()[-1]
    assert added.kind == "quiz"
    assert [q.type for q in added.questions] == ["single_choice"]  # type: ignore[union-attr]


def test_the_import_dialog_lists_gift_quizzes_with_the_other_material(
    qtbot: QtBot, document: CourseDocument
) -> None:
    from moocstudio.app.window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    filters = window._import_filter().split(";;")
    assert filters[0].startswith("Course material (") and "*.gift" in filters[0]
    assert "GIFT quizzes (*.gift)" in filters and filters[-1] == "All files (*)"
    assert any(f.startswith("Slides (") and "*.pptx" in f and "*.odp" in f for f in filters)


def test_a_field_still_being_typed_commits_before_a_save(
    qtbot: QtBot, document: CourseDocument
) -> None:
    editor = shown(qtbot, document)
    form = editor.current_form()
    assert form is not None
    editor.activateWindow()
    form.hint.setFocus()
    qtbot.waitUntil(form.hint.hasFocus, timeout=EVENT_TIMEOUT_MS)
    qtbot.keyClicks(form.hint, "Think of the Seine.")
    assert document.undo_stack.count() == 0  # still in the field
    editor.commit_pending()
    assert document.undo_stack.count() == 1
    assert quiz(document).questions[0].hint.source == "Think of the Seine."
    document.save()
    assert "Think of the Seine." in (document.folder / "course.json").read_text(encoding="utf-8")


def test_the_preview_shows_each_committed_edit(qtbot: QtBot, document: CourseDocument) -> None:
    site = PreviewSite.of(document)
    assert site.rebuild(), "the preview site cannot build a course holding a quiz"
    editor = shown(qtbot, document)
    form = editor.current_form()
    assert form is not None
    with qtbot.waitSignal(
        site.page_written, timeout=EVENT_TIMEOUT_MS, check_params_cb=lambda ident: ident == QUIZ_ID
    ):
        leave(qtbot, editor, form.stem, "Capitale de la France ?")
    page = site.root / "items" / f"{QUIZ_ID}.html"
    assert "Capitale de la France ?" in page.read_text(encoding="utf-8")


def test_a_question_reads_in_the_list_without_markup_and_cut_short(qtbot: QtBot) -> None:
    stem = RichText(source="**Bold** " + "x" * 100, html="<strong>Bold</strong> " + "x" * 100)
    line = list_text(3, "Numeric", stem)
    assert line == "3. Numeric — Bold " + "x" * 54 + "…"
    assert list_text(1, "Ordering", RichText()) == "1. Ordering"
