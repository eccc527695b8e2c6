"""The course's grading policy: whether the course is graded, which quizzes count, their weights.

The dialog edits a copy; OK makes it the course's policy in one undoable command. A policy
naming no quiz means "every quiz counts once" (``Course.graded_quizzes``), so when every quiz
counts with weight 1 the policy names none, and quizzes added later count too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.commands import SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.model import GradedQuiz, GradingPolicy, Quiz

MAX_WEIGHT = 100.0
COUNTS, TITLE, WEIGHT = range(3)


class GradingDialog(QDialog):
    """Set how the course's quizzes make its grade."""

    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("Course Grading"))
        self.quizzes = [item for item in document.course.all_items() if isinstance(item, Quiz)]
        policy = document.course.grading
        self.graded = QCheckBox(self.tr("&The course is graded (its quizzes make a grade)"), self)
        self.graded.setChecked(policy is not None)
        self.passing = QDoubleSpinBox(self)
        self.passing.setRange(0, 100)
        self.passing.setDecimals(0)
        self.passing.setSuffix(" %")
        self.passing.setValue(document.course.passing_percent)
        self.passing.setAccessibleName(self.tr("Course pass mark"))
        self.table = QTableWidget(len(self.quizzes), 3, self)
        self.table.setAccessibleName(self.tr("Quizzes that count"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Counts"), self.tr("Quiz"), self.tr("Weight")]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COUNTS, WEIGHT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        named = {entry.quiz: entry.weight for entry in policy.quizzes} if policy else {}
        for row, quiz in enumerate(self.quizzes):
            counts = QTableWidgetItem()
            counts.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            counts.setCheckState(
                Qt.CheckState.Checked if not named or quiz.id in named else Qt.CheckState.Unchecked
            )
            title = QTableWidgetItem(quiz.title)
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            weight = QTableWidgetItem()
            weight.setData(Qt.ItemDataRole.EditRole, named.get(quiz.id, 1.0))  # a spin box edits it
            self.table.setItem(row, COUNTS, counts)
            self.table.setItem(row, TITLE, title)
            self.table.setItem(row, WEIGHT, weight)
        self.empty = QLabel(self.tr("The course has no quiz yet: add one with Edit ▸ Add ▸ Quiz."))
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.quizzes)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Course &pass mark"), self.passing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.graded)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.graded.toggled.connect(self._enable)
        self._enable(self.graded.isChecked())
        self.resize(520, 380)

    def _enable(self, graded: bool) -> None:
        self.passing.setEnabled(graded)
        self.table.setEnabled(graded)

    def policy(self) -> GradingPolicy | None:
        """The policy the dialog shows (None: the course is not graded).

        Raises:
            ValueError: The course is graded but no quiz counts.
        """
        if not self.graded.isChecked():
            return None
        chosen = []
        for row, quiz in enumerate(self.quizzes):
            counts, weight_cell = self.table.item(row, COUNTS), self.table.item(row, WEIGHT)
            assert counts is not None and weight_cell is not None  # made with the row
            if counts.checkState() == Qt.CheckState.Checked:
                weight = float(weight_cell.data(Qt.ItemDataRole.EditRole))
                chosen.append(GradedQuiz(quiz=quiz.id, weight=min(max(weight, 0.01), MAX_WEIGHT)))
        if self.quizzes and not chosen:
            raise ValueError(self.tr("Tick at least one quiz, or make the course ungraded."))
        every_quiz_once = len(chosen) == len(self.quizzes) and all(e.weight == 1 for e in chosen)
        return GradingPolicy(
            quizzes=[] if every_quiz_once else chosen, passing_percent=self.passing.value()
        )

    def accept(self) -> None:
        """Make the policy the course's (one undo step), unless it is the same."""
        try:
            policy = self.policy()
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        if policy != self.document.course.grading:
            self.document.push(
                SetFields(
                    self.document,
                    Target("course"),
                    {"grading": policy},
                    self.tr("Change course grading"),
                )
            )
        super().accept()
