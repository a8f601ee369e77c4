"""Running something just after a window's first paint: start-up shows the kiosk first and
does its slower work (loading the database layer) once the attendee can see it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self.callback = callback
        self.fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            watched.removeEventFilter(self)
            # Queued, so the painted frame reaches the screen before the callback runs.
            QTimer.singleShot(0, self.callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` once, on the event loop, right after `widget` first paints."""
    widget.installEventFilter(_AfterFirstPaint(widget, callback))
