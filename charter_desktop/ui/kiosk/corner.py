"""The council's name in the kiosk's top corner, which is also the staff's way in: five taps
within three seconds ask for the staff PIN."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

TAPS_NEEDED = 5
TAP_WINDOW_SECONDS = 3.0


class CornerMark(QLabel):
    """The council's name in the top corner. Five taps within three seconds ask for staff."""

    staff_requested = Signal()

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setObjectName("council")
        self.setMinimumHeight(48)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(text)
        self._taps: list[float] = []

    def mousePressEvent(self, event: QMouseEvent) -> None:
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t <= TAP_WINDOW_SECONDS] + [now]
        if len(self._taps) >= TAPS_NEEDED:
            self._taps = []
            self.staff_requested.emit()
        event.accept()
