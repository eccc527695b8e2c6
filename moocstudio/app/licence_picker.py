"""A licence picker that says, in plain words, what each Creative Commons choice allows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from moocstudio.model import LicenceId, licence_info


def licence_explanation(licence: LicenceId) -> str:
    """What others may do with work under ``licence``, in one or two sentences."""
    translate = QCoreApplication.translate
    texts = {
        LicenceId.CC_BY_4_0: translate(
            "licence", "Anyone may share and adapt it, even commercially, if they credit you."
        ),
        LicenceId.CC_BY_SA_4_0: translate(
            "licence",
            "Anyone may share and adapt it, even commercially, if they credit you and share "
            "their adaptations under the same licence.",
        ),
        LicenceId.CC_BY_NC_4_0: translate(
            "licence", "Anyone may share and adapt it, not commercially, if they credit you."
        ),
        LicenceId.CC_BY_NC_SA_4_0: translate(
            "licence",
            "Anyone may share and adapt it, not commercially, if they credit you and share "
            "their adaptations under the same licence.",
        ),
        LicenceId.CC_BY_ND_4_0: translate(
            "licence",
            "Anyone may share it as it is, even commercially, if they credit you; no "
            "adaptations may be shared.",
        ),
        LicenceId.CC_BY_NC_ND_4_0: translate(
            "licence",
            "Anyone may share it as it is, not commercially, if they credit you; no adaptations "
            "may be shared. The most restrictive choice.",
        ),
        LicenceId.CC0_1_0: translate(
            "licence",
            "You give up your rights: anyone may do anything with it, no credit required.",
        ),
    }
    text = texts[licence]
    if licence_info(licence).is_free_culture:
        text += " " + translate(
            "licence", "Approved for Free Cultural Works: best for open access."
        )
    return text


class LicencePicker(QWidget):
    """A combo box of licences (optionally "inherit"), with the chosen one explained below.

    Signals:
        chosen: The new licence id, or "" for "same as the course".
    """

    chosen = Signal(str)

    def __init__(self, *, allow_inherit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(self.tr("Licence"))
        # The full names are long; let the panel stay narrow and show them in the drop-down.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(18)
        if allow_inherit:
            self.combo.addItem(self.tr("Same as the course"), "")
        for licence in LicenceId:
            info = licence_info(licence)
            self.combo.addItem(f"{info.short_name} — {info.name}", licence.value)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.explanation)
        self.combo.activated.connect(self._activated)
        self._explain()

    def set_value(self, value: str) -> None:
        """Show ``value`` (a licence id, or "" for inherit) without emitting ``chosen``."""
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))
        self._explain()

    def value(self) -> str:
        """The chosen licence id, or "" for inherit."""
        return str(self.combo.currentData())

    def _activated(self, _index: int) -> None:
        self._explain()
        self.chosen.emit(self.value())

    def _explain(self) -> None:
        value = self.value()
        if not value:
            self.explanation.setText(self.tr("Uses the course licence."))
            return
        licence = LicenceId(value)
        info = licence_info(licence)
        legal = self.tr("Legal code")
        link = f'<a href="{info.url}">{legal}</a>'
        self.explanation.setText(f"{licence_explanation(licence)} {link}")
