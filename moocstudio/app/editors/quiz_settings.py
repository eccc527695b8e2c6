"""A quiz's settings as the author sets them: passing score, attempts, shuffling, feedback."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QWidget,
)

from moocstudio.app.editors.widgets import shrink_to_fit
from moocstudio.model import QuizSettings

MAX_ATTEMPTS = 99  # more is "unlimited" in practice; 0 in the box means unlimited


class QuizSettingsBox(QGroupBox):
    """The settings of one quiz.

    Signals:
        edited: The author changed a setting (the editor compares and pushes one step).
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Quiz settings"), parent)
        self.passing = QDoubleSpinBox(self)
        self.passing.setRange(0, 100)
        self.passing.setDecimals(0)
        self.passing.setSuffix(" %")
        self.passing.setToolTip(self.tr("Share of the quiz's points a learner needs to pass"))
        self.attempts = QSpinBox(self)
        self.attempts.setRange(0, MAX_ATTEMPTS)
        self.attempts.setSpecialValueText(self.tr("Unlimited"))
        self.shuffle = QCheckBox(self.tr("S&huffle the options"), self)
        self.feedback = QComboBox(self)
        shrink_to_fit(self.feedback)
        self.feedback.addItem(self.tr("Immediately, per question"), "immediately")
        self.feedback.addItem(self.tr("After submitting the quiz"), "after_submit")
        self.feedback.addItem(self.tr("Never"), "never")
        form = QFormLayout(self)
        form.addRow(self.tr("Pass &mark"), self.passing)
        form.addRow(self.tr("A&ttempts"), self.attempts)
        form.addRow(self.tr("Show &feedback"), self.feedback)
        form.addRow(self.shuffle)
        for field, name in (
            (self.passing, self.tr("Pass mark")),
            (self.attempts, self.tr("Attempts allowed")),
            (self.feedback, self.tr("Show feedback")),
        ):
            field.setAccessibleName(name)
        self.passing.editingFinished.connect(self.edited)
        self.attempts.editingFinished.connect(self.edited)
        self.shuffle.clicked.connect(lambda _checked: self.edited.emit())
        self.feedback.activated.connect(lambda _index: self.edited.emit())

    def load(self, settings: QuizSettings) -> None:
        """Show ``settings``."""
        self.passing.setValue(settings.passing_percent)
        self.attempts.setValue(settings.attempts or 0)
        self.shuffle.setChecked(settings.shuffle_answers)
        self.feedback.setCurrentIndex(self.feedback.findData(settings.show_feedback))

    def settings(self) -> QuizSettings:
        """The settings as the boxes show them now."""
        return QuizSettings(
            passing_percent=self.passing.value(),
            attempts=self.attempts.value() or None,
            shuffle_answers=self.shuffle.isChecked(),
            show_feedback=self.feedback.currentData(),
        )
