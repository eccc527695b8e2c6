"""Small widgets the item editors share: a text box that reports leaving, a scaling picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase, QPixmap, QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSizePolicy, QWidget


class CommitTextEdit(QPlainTextEdit):
    """A plain-text box that says when the user leaves it, so edits commit once, not per key.

    Signals:
        focus_lost: Keyboard focus left the box (the edit is finished).
    """

    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        """Report the end of an edit."""
        super().focusOutEvent(event)
        # A context menu or a completer popup takes focus without ending the edit.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.focus_lost.emit()


COMBO_MIN_CHARACTERS = 12  # a narrow combo box still shows this much of its choice


def shrink_to_fit(combo: QComboBox) -> None:
    """Let ``combo`` be narrower than its longest choice (cut with "…"), so a form fits its pane."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_MIN_CHARACTERS)


def monospace_font() -> QFont:
    """The system's fixed-width font (markdown tables and indented code line up)."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class ScaledPicture(QLabel):
    """A picture shown as large as the label allows, aspect ratio kept, rescaled on resize."""

    def __init__(self, parent: QWidget | None = None, *, minimum: QSize | None = None) -> None:
        super().__init__(parent)
        self._original = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(minimum or QSize(160, 90))
        # Ignored: the label never asks for the picture's full size, so it can shrink freely.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_file(self, path: Path | None, missing_text: str) -> bool:
        """Show the picture in ``path``, or ``missing_text`` when it is absent or unreadable.

        Returns:
            True when a picture is shown.
        """
        pixmap = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        self._original = pixmap
        if pixmap.isNull():
            self.clear()
            self.setText(missing_text)
            return False
        self._rescale()
        return True

    def has_picture(self) -> bool:
        """True when a picture (not the fallback text) is shown."""
        return not self._original.isNull()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Fit the picture to the new size."""
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._original.isNull():
            return
        ratio = self.devicePixelRatioF()
        target = self.contentsRect().size() * ratio
        scaled = self._original.scaled(
            target,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(ratio)  # sharp on high-DPI screens
        self.setPixmap(scaled)
