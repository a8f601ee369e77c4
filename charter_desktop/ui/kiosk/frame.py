"""The kiosk's frame, apart from what runs in it: a frameless window that stays on top,
refuses to close until it is released (leaving needs the staff PIN), swallows keys that land
outside a field, and restyles itself for its size and the system font."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from charter_desktop.ui.style import MUTED, build_stylesheet, window_scale

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent

log = logging.getLogger(__name__)


class KioskFrame(QWidget):
    def __init__(self, title: str):
        super().__init__()
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(title)
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
        self.setPalette(palette)
        self._released = False
        self._scale_key: tuple[float, float] = (0.0, 0.0)

    def release(self) -> None:
        """Let the window close from now on."""
        self._released = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._released:
            event.accept()
            return
        log.info("kiosk close refused (staff PIN needed)")
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape and other keys outside a field do nothing; leaving needs the staff PIN.
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.restyle()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._scale_key = (0.0, 0.0)
            self.restyle()
        super().changeEvent(event)

    def restyle(self) -> None:
        """The style sheet for the window's size and the system font, rebuilt only when
        either changed."""
        base = QApplication.font().pointSizeF()
        key = (window_scale(self.width(), self.height()), base if base > 0 else 10.0)
        if key != self._scale_key:
            self._scale_key = key
            self.setStyleSheet(build_stylesheet(*key))
