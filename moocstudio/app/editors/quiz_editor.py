"""The quiz editor: the questions in a list (drag to reorder), the selected one's form, settings.

Every change is one undoable command on the quiz (``SetFields`` on its ``questions``,
``images`` or ``settings``): a field commits when the author leaves it, a reorder when the row
is dropped. Question text is rendered by the importers' ``render_rich_text``, like a quiz read
from a file, so the editor and the importers make the same HTML and copy images the same way.
The Preview dock follows: each command says the item changed, and the preview site writes the
quiz's page again (see ``PreviewSite``).
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.commands import SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.base import ItemWidget
from moocstudio.app.editors.question_forms import (
    FORMS,
    QuestionForm,
    blank_question,
    question_type_names,
)
from moocstudio.app.editors.quiz_fields import Renderer
from moocstudio.app.editors.quiz_settings import QuizSettingsBox
from moocstudio.importers.rich_text import render_rich_text
from moocstudio.model import Asset, Quiz, RichText
from moocstudio.model.ids import new_id
from moocstudio.model.questions import Question, QuestionType, TextFormat

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIST_TEXT_LIMIT = 60  # characters of the question text shown in the list
QUIZ_TEXT_NAME = "quiz.md"  # relative image paths typed in the editor start at the course folder


class QuizEditor(ItemWidget):
    """Edit a quiz's questions and settings."""

    def __init__(
        self, document: CourseDocument, item_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(document, item_id, parent)
        self.questions = QListWidget(self)
        self.questions.setAccessibleName(self.tr("Questions"))
        self.questions.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.questions.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.questions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long questions end in "…" at the list's width; the tooltip has them whole.
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.add_button = QPushButton(self.tr("&Add Question"), self)
        self.add_menu = QMenu(self.add_button)
        for question_type, name in question_type_names().items():
            action = self.add_menu.addAction(name)
            action.triggered.connect(lambda _c=False, t=question_type: self.add_question(t))
        self.add_button.setMenu(self.add_menu)
        self.duplicate_button = QPushButton(self.tr("D&uplicate"), self)
        self.remove_button = QPushButton(self.tr("Re&move"), self)
        self.up_button = QPushButton(self.tr("Move U&p"), self)
        self.up_button.setToolTip(self.tr("Move the question up (Ctrl+Up in the list)"))
        self.down_button = QPushButton(self.tr("Move Do&wn"), self)
        self.down_button.setToolTip(self.tr("Move the question down (Ctrl+Down in the list)"))
        # The keys act in the list only: in a text box Ctrl+Up and Ctrl+Down move the cursor.
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            move = QAction(self.questions)
            move.setShortcut(QKeySequence(keys))
            move.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            move.triggered.connect(lambda _c=False, step=step: self.move_question(step))
            self.questions.addAction(move)
        self.settings = QuizSettingsBox(self)
        self.forms: dict[QuestionType, QuestionForm] = {}
        self.form_stack = QStackedWidget(self)
        self.empty = QLabel(self.tr("No questions yet: add one with “Add Question”."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.form_stack.addWidget(self.empty)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setAccessibleName(self.tr("Problems in the question"))
        self.problem.hide()
        self._layout()
        self._shown_id: str | None = None
        self._select_after_push: str | None = None
        self.questions.currentRowChanged.connect(lambda _row: self._show_current())
        # Queued: the list finishes its drop before the command rebuilds it.
        self.questions.model().rowsMoved.connect(
            self._order_dropped, Qt.ConnectionType.QueuedConnection
        )
        self.duplicate_button.clicked.connect(self.duplicate_question)
        self.remove_button.clicked.connect(self.remove_question)
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(1))
        self.settings.edited.connect(self.commit_settings)
        self.follow_item()
        self.load()

    def _layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Questions (drag to reorder)"), left))
        column.addWidget(self.questions, 1)
        # Two buttons a row at most: the column stays narrow beside the form.
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0, 1, 2)
        buttons.addWidget(self.duplicate_button, 1, 0)
        buttons.addWidget(self.remove_button, 1, 1)
        buttons.addWidget(self.up_button, 2, 0)
        buttons.addWidget(self.down_button, 2, 1)
        column.addLayout(buttons)
        column.addWidget(self.settings)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_stack)
        scroll.setAccessibleName(self.tr("Selected question"))
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.problem)
        right_column.addWidget(scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # --- showing -----------------------------------------------------------------------------

    @property
    def quiz(self) -> Quiz:
        """The quiz being edited, as the course holds it now."""
        return self.item_as(Quiz)

    def load(self, select: str | None = None) -> None:
        """Show the quiz as the course holds it (after an undo, for instance).

        Args:
            select: The question to select; by default the selected one stays selected.
        """
        try:
            quiz = self.quiz
        except KeyError:
            return  # removed; the window drops this editor
        keep = select or self.current_id()
        names = question_type_names()
        blocked = self.questions.blockSignals(True)
        try:
            self.questions.clear()
            for number, question in enumerate(quiz.questions, start=1):
                row = QListWidgetItem(list_text(number, names[question.type], question.stem))
                row.setData(ID_ROLE, question.id)
                row.setToolTip(plain_text(question.stem))
                self.questions.addItem(row)
            ids = [q.id for q in quiz.questions]
            self.questions.setCurrentRow(ids.index(keep) if keep in ids else min(0, len(ids) - 1))
        finally:
            self.questions.blockSignals(blocked)
        self.settings.load(quiz.settings)
        self._shown_id = None
        self._show_current()

    def _select_row(self, ident: str) -> None:
        for row in range(self.questions.count()):
            if self.questions.item(row).data(ID_ROLE) == ident:
                blocked = self.questions.blockSignals(True)
                self.questions.setCurrentRow(row)
                self.questions.blockSignals(blocked)

    def current_id(self) -> str | None:
        """Id of the selected question, or None."""
        row = self.questions.currentItem()
        return str(row.data(ID_ROLE)) if row is not None else None

    def current_question(self) -> Question | None:
        """The selected question, as the quiz holds it now."""
        ident = self.current_id()
        return next((q for q in self.quiz.questions if q.id == ident), None)

    def current_form(self) -> QuestionForm | None:
        """The form showing the selected question, or None when there is none."""
        widget = self.form_stack.currentWidget()
        return widget if isinstance(widget, QuestionForm) else None

    def _show_current(self) -> None:
        leaving = self._shown_id
        if leaving is not None and leaving != self.current_id() and not self.commit():
            # The question being left cannot take its edit: stay, so the typing is not lost.
            self._select_row(leaving)
            return
        question = self.current_question()
        self._update_buttons()
        if question is None:
            self._shown_id = None
            self.form_stack.setCurrentWidget(self.empty)
            return
        form = self._form(question.type)
        blocked = form.blockSignals(True)
        try:
            form.load(question)
        finally:
            form.blockSignals(blocked)
        self.form_stack.setCurrentWidget(form)
        self._shown_id = question.id
        self._show_problem("")

    def _form(self, question_type: QuestionType) -> QuestionForm:
        form = self.forms.get(question_type)
        if form is None:
            form = FORMS[question_type](self.form_stack)
            form.edited.connect(self.commit)
            self.forms[question_type] = form
            self.form_stack.addWidget(form)
        return form

    def _update_buttons(self) -> None:
        row, count = self.questions.currentRow(), self.questions.count()
        self.duplicate_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _show_problem(self, text: str) -> None:
        prefix = f"{self.document.folder}/"
        self.problem.setText(text.replace(prefix, ""))
        self.problem.setVisible(bool(text))

    # --- editing -----------------------------------------------------------------------------

    def commit(self) -> bool:
        """Make the shown form's fields the question: one undo step (none if nothing changed).

        Returns:
            False when the fields describe no valid question (the problem is shown, the form
            keeps what the author typed); True otherwise.
        """
        form, ident = self.current_form(), self._shown_id
        if form is None or ident is None:
            return True
        try:
            quiz = self.quiz
        except KeyError:
            return True  # the quiz was just removed
        index = next((n for n, q in enumerate(quiz.questions) if q.id == ident), None)
        if index is None:
            return True
        images: list[Asset] = []
        warnings: list[str] = []
        try:
            question = form.question(ident, self._renderer(quiz, images, warnings))
        except ValueError as exc:  # pydantic's ValidationError is one
            self._show_problem(self.tr("Not changed: %1").replace("%1", _reason(exc)))
            return False
        self._show_problem("\n".join(warnings))
        if question == quiz.questions[index]:
            return True
        questions = list(quiz.questions)
        questions[index] = question
        changes: dict[str, Any] = {"questions": questions}
        if images:
            changes["images"] = [*quiz.images, *images]
        self._push(changes, self.tr("Edit question"))
        return True

    def commit_pending(self) -> None:
        """Commit the field being edited (before the course is saved or closed)."""
        focused = self.focusWidget()
        form = self.current_form()
        if form is not None and focused is not None and form.isAncestorOf(focused):
            focused.clearFocus()  # the field says it was left: its value joins the question
        self.commit()

    def _renderer(self, quiz: Quiz, images: list[Asset], warnings: list[str]) -> Renderer:
        base_file = self.document.folder / (
            quiz.source.original_name if quiz.source else QUIZ_TEXT_NAME
        )

        def render(source: str, text_format: TextFormat) -> RichText:
            rendered = render_rich_text(
                source,
                text_format,
                folder=self.document.folder,
                base_file=base_file,
                known_images=[*quiz.images, *images],
            )
            images.extend(i for i in rendered.images if i not in quiz.images and i not in images)
            warnings.extend(rendered.warnings)
            return rendered.text

        return render

    def commit_settings(self) -> None:
        """Make the settings boxes the quiz's settings: one undo step."""
        settings = self.settings.settings()
        if settings != self.quiz.settings:
            self._push({"settings": settings}, self.tr("Change quiz settings"))

    def add_question(self, question_type: QuestionType) -> None:
        """Add a new question of ``question_type`` after the selected one, and select it."""
        if not self.commit():
            return  # the shown question keeps its unfinished edit
        question = blank_question(question_type)
        questions = list(self.quiz.questions)
        questions.insert(self.questions.currentRow() + 1, question)
        self._push({"questions": questions}, self.tr("Add question"), select=question.id)

    def duplicate_question(self) -> None:
        """Add a copy of the selected question after it, and select the copy."""
        if not self.commit():
            return  # the shown question keeps its unfinished edit
        question = self.current_question()
        if question is None:
            return
        copy = question.model_copy(deep=True, update={"id": new_id("q")})
        questions = list(self.quiz.questions)
        questions.insert(self.questions.currentRow() + 1, copy)
        self._push({"questions": questions}, self.tr("Duplicate question"), select=copy.id)

    def remove_question(self) -> None:
        """Remove the selected question (undoable)."""
        ident = self.current_id()
        if ident is None:
            return
        row = self.questions.currentRow()
        questions = [q for q in self.quiz.questions if q.id != ident]
        after = questions[min(row, len(questions) - 1)].id if questions else None
        self._shown_id = None  # its form's fields go with it
        self._push({"questions": questions}, self.tr("Remove question"), select=after)

    def move_question(self, step: int) -> None:
        """Move the selected question ``step`` rows down (negative: up)."""
        if not self.commit():
            return  # the shown question keeps its unfinished edit
        row = self.questions.currentRow()
        questions = list(self.quiz.questions)
        if row < 0 or not 0 <= row + step < len(questions):
            return
        questions.insert(row + step, questions.pop(row))
        self._push({"questions": questions}, self.tr("Reorder questions"), select=self.current_id())

    def _order_dropped(self) -> None:
        order = [self.questions.item(row).data(ID_ROLE) for row in range(self.questions.count())]
        by_id = {q.id: q for q in self.quiz.questions}
        if order == list(by_id) or set(order) != set(by_id):
            return
        self._push(
            {"questions": [by_id[ident] for ident in order]},
            self.tr("Reorder questions"),
            select=self.current_id(),
        )

    def _push(self, changes: dict[str, Any], text: str, *, select: str | None = None) -> None:
        self._select_after_push = select
        self.document.push(
            SetFields(self.document, Target("item", self.item_id), deepcopy(changes), text)
        )

    def _on_item_changed(self, item_id: str) -> None:
        if item_id == self.item_id:
            select, self._select_after_push = self._select_after_push, None
            self.load(select=select)


def list_text(number: int, type_name: str, stem: RichText) -> str:
    """A question's line in the list: its number, type and the start of its text."""
    first_line = next((line.strip() for line in plain_text(stem).splitlines() if line.strip()), "")
    if len(first_line) > LIST_TEXT_LIMIT:
        first_line = first_line[: LIST_TEXT_LIMIT - 1].rstrip() + "…"
    return f"{number}. {type_name}" + (f" — {first_line}" if first_line else "")


def plain_text(text: RichText) -> str:
    """What a learner reads of ``text``, without markup ("**2**" and "<b>2</b>" read "2")."""
    return QTextDocumentFragment.fromHtml(text.html).toPlainText() if text.html else text.source


def _reason(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        place = ".".join(str(p) for p in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        return f"{place}: {message}" if place else message
    return str(exc)
