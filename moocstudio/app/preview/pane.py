"""A preview pane: the page in a device frame (phone, tablet, desktop), light or dark.

The web view gets the device's width and height in CSS pixels at a zoom that fits the pane,
so the page lays out exactly as on that device (its mobile breakpoints included) however
small the pane is. The toolbar picks the device and the colour scheme, and refreshes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.preview.site import PreviewSite
from moocstudio.app.preview.web import PreviewView

MIN_ZOOM, MAX_ZOOM = 0.25, 1.0  # Qt WebEngine's smallest zoom; never larger than the device
EXTERNAL_LINK_MS = 8000  # how long the status bar names a web link the preview did not follow
BEZEL = 10  # pixels of frame around the screen
MARGIN = 6  # pixels between the frame and the pane's edge


@dataclass(frozen=True)
class Device:
    """A screen the preview imitates, in CSS pixels."""

    key: str
    width: int
    height: int


DEVICES = (Device("phone", 390, 844), Device("tablet", 820, 1180), Device("desktop", 1280, 800))


def fit_zoom(device: Device, room: QSize) -> float:
    """The zoom at which ``device`` with its bezel fits in ``room`` (clamped to Qt's range)."""
    frame = 2 * (BEZEL + MARGIN)
    zoom = min((room.width() - frame) / device.width, (room.height() - frame) / device.height)
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


class DeviceFrame(QWidget):
    """Holds the web view at a device's size, zoomed to fit, centred in a drawn bezel."""

    def __init__(self, view: PreviewView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        view.setParent(self)
        self.device = DEVICES[0]
        self.setMinimumSize(160, 200)

    def set_device(self, device: Device) -> None:
        """Show the page as ``device`` lays it out."""
        self.device = device
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Zoom the page again to fit the new size."""
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        # Below Qt WebEngine's smallest zoom the device does not fit: it is cut at the right
        # and bottom, never laid out at another width.
        zoom = fit_zoom(self.device, self.size())
        width, height = round(self.device.width * zoom), round(self.device.height * zoom)
        self.view.setZoomFactor(zoom)
        self.view.setGeometry(
            max(BEZEL, (self.width() - width) // 2),
            max(BEZEL, (self.height() - height) // 2),
            width,
            height,
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Draw the device's bezel around the page."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        screen = QRectF(self.view.geometry())
        bezel = screen.adjusted(-BEZEL, -BEZEL, BEZEL, BEZEL)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 42, 48))
        radius = 3 * BEZEL if self.device.key != "desktop" else BEZEL / 2
        painter.drawRoundedRect(bezel, radius, radius)


class PreviewPane(QWidget):
    """The toolbar (device, light or dark, refresh) above the framed preview of one item.

    A link in the page to another item asks the document to show it (the window selects it in
    the outline); a link to the web is named in the window's status bar, not followed.
    """

    def __init__(self, site: PreviewSite, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.view = PreviewView(site)
        self.view.setAccessibleName(self.tr("Preview of the page as learners see it"))
        self.frame = DeviceFrame(self.view, self)
        self.device_box = QComboBox(self)
        self.device_box.setAccessibleName(self.tr("Device"))
        for device, name in zip(
            DEVICES, (self.tr("Phone"), self.tr("Tablet"), self.tr("Desktop")), strict=True
        ):
            self.device_box.addItem(f"{name} {device.width}×{device.height}", device.key)
        self.device_box.currentIndexChanged.connect(lambda row: self.frame.set_device(DEVICES[row]))
        self.scheme_box = QComboBox(self)
        self.scheme_box.setAccessibleName(self.tr("Colour scheme"))
        self.scheme_box.addItem(self.tr("Light"), "light")
        self.scheme_box.addItem(self.tr("Dark"), "dark")
        self.scheme_box.currentIndexChanged.connect(
            lambda _row: site.set_scheme(self.scheme_box.currentData())
        )
        site.rebuilt.connect(self._follow_scheme)
        self.refresh_button = QToolButton(self)
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Build the whole preview again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        site.failed.connect(self._show_problem)
        site.rebuilt.connect(self._hide_problem)  # a method: Qt disconnects it with the pane
        self.view.preview_page.item_requested.connect(site.document.show_requested)
        self.view.preview_page.external_link.connect(self._name_link)
        self._layout()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(self.device_box)
        bar.addWidget(self.scheme_box)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(bar)
        column.addWidget(self.problem)
        column.addWidget(self.frame, 1)

    def show_item(self, item_id: str | None) -> None:
        """Show the item's page (the home page for None)."""
        self.view.show_item(item_id)

    def set_device(self, key: str) -> None:
        """Frame the page as the device called ``key`` ("phone", "tablet", "desktop")."""
        self.device_box.setCurrentIndex(self.device_box.findData(key))

    def refresh(self) -> None:
        """Build the whole site again; the page reloads where the reader was."""
        self.site.rebuild()

    def _follow_scheme(self) -> None:
        # Another pane may have changed the site's scheme: show it here too.
        self.scheme_box.blockSignals(True)
        self.scheme_box.setCurrentIndex(self.scheme_box.findData(self.site.scheme))
        self.scheme_box.blockSignals(False)

    def _hide_problem(self) -> None:
        self.problem.setVisible(False)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(self.tr("The preview could not be built: %1").replace("%1", message))
        self.problem.setVisible(True)

    def _name_link(self, url: QUrl) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Links to the web are not followed in the preview: %1").replace(
                    "%1", url.toString()
                ),
                EXTERNAL_LINK_MS,
            )
