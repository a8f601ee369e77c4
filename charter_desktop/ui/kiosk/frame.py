"""The kiosk's frame, apart from what runs in it: a window that covers its whole screen and
stays on top, refuses to close until it is released (leaving needs the staff PIN), swallows
keys that land outside a field, and restyles itself for its size and the system font.

It takes the screen's geometry itself rather than only asking the window manager for full
screen: a bare X session (no window manager, common on kiosks) honours no such request. It
asks for no frameless window either: with a modal dialog over a frameless window some window
managers (matchbox) pass focus back and forth for ever, and a full-screen window has no frame
under any of them. Under Wayland (a kiosk compositor such as cage) the window can only ask
for full screen, which such compositors honour, and it draws no title bar of its own."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from charter_desktop.ui import enter_key
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
        flags = Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint
        if QGuiApplication.platformName().startswith("wayland"):
            # Qt draws its own title bar on Wayland, inside the space the compositor gives
            # the window: a kiosk that a compositor such as cage has already made full
            # screen would lose that strip of the screen to a title bar and borders.
            flags |= Qt.WindowType.FramelessWindowHint
        self.setWindowFlags(flags)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
        self.setPalette(palette)
        self._released = False
        self._scale_key: tuple[float, float] = (0.0, 0.0)
        self._followed: QScreen | None = None
        self._follows_moves = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            enter_key.install(app)  # Return and Enter press the focused button

    def fill_screen(self) -> None:
        """Cover the screen the window is on, now and whenever that screen is resized or
        turned, and show the window full screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not self._followed:
            if self._followed is not None:
                with contextlib.suppress(RuntimeError):  # that screen was unplugged
                    self._followed.geometryChanged.disconnect(self._fit)
            screen.geometryChanged.connect(self._fit)
            self._followed = screen
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        handle = self.windowHandle()
        if handle is not None and not self._follows_moves:
            # Moved to another screen (its own was unplugged, or staff dragged it): cover
            # that one instead.
            handle.screenChanged.connect(lambda _screen: self.fill_screen())
            self._follows_moves = True

    def _fit(self, geometry: QRect) -> None:
        if self.isVisible():
            self.setGeometry(geometry)

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
