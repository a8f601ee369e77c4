"""Idle timeout: any touch, click or key restarts it; near the end an "Are you still there?"
card counts down, and at zero the kiosk starts again for the next attendee."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QPushButton, QVBoxLayout, QWidget

from charter_desktop.ui.kiosk.widgets import label

USER_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}
WARNING_SECONDS = 15


class IdleWatcher(QObject):
    """Watches the whole application's input while `active`.

    After `timeout_ms - warning_ms` without input it emits `warning(seconds_left)` and then
    `tick(seconds_left)` as it counts down; at `timeout_ms` it emits `expired`. Any input
    emits `resumed` (if the warning showed) and starts the wait again.
    """

    warning = Signal(int)
    tick = Signal(int)
    resumed = Signal()
    expired = Signal()

    def __init__(self, timeout_ms: int, warning_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.warning_ms = min(warning_ms, timeout_ms)
        self.active = False
        self.warning_shown = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._start_warning)
        self._count = QTimer(self)
        self._count.setInterval(100)
        self._count.timeout.connect(self._count_down)
        self._since = QElapsedTimer()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.poke()
        else:
            self._quiet.stop()
            self._count.stop()
            self._end_warning()

    def poke(self) -> None:
        """Someone is here: start the wait from the beginning."""
        if not self.active:
            return
        self._count.stop()
        self._end_warning()
        self._since.start()
        self._quiet.start(max(0, self.timeout_ms - self.warning_ms))

    def seconds_left(self) -> int:
        elapsed = self._since.elapsed() if self._since.isValid() else 0
        return max(0, math.ceil((self.timeout_ms - elapsed) / 1000))

    def _start_warning(self) -> None:
        self.warning_shown = True
        self.warning.emit(self.seconds_left())
        self._count.start()

    def _count_down(self) -> None:
        elapsed = self._since.elapsed()
        if elapsed >= self.timeout_ms:
            self._count.stop()
            self.warning_shown = False
            self.expired.emit()
            return
        self.tick.emit(self.seconds_left())

    def _end_warning(self) -> None:
        if self.warning_shown:
            self.warning_shown = False
            self.resumed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in USER_INPUT:
            self.poke()
        return False

    def stop(self) -> None:
        self.set_active(False)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class IdleOverlay(QWidget):
    """The "Are you still there?" card over the whole window, with a countdown."""

    still_here = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)

        card = QFrame()
        card.setObjectName("overlayCard")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        self.question = label(self.tr("Are you still there?"), "heading")
        self.question.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.question)
        self.countdown = label("", "countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.countdown.setAccessibleName(self.tr("Time left before the kiosk starts again"))
        layout.addWidget(self.countdown)
        self.button = QPushButton(self.tr("I'm still here"))
        self.button.setObjectName("primary")
        self.button.setAccessibleName(self.tr("I'm still here"))
        self.button.clicked.connect(self.still_here)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(card)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.countdown.setText(
            self.tr(
                "To keep your details private, the kiosk will clear them and start again "
                "in {0} seconds."
            ).format(seconds)
        )

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.button.setFocus()


def watch_idle(
    window: QWidget, timeout_s: float, warning_s: float, expired: Callable[[], None]
) -> tuple[IdleWatcher, IdleOverlay]:
    """The idle watcher of `window` and its "Are you still there?" overlay, wired together:
    the overlay covers the window for the last `warning_s` seconds of `timeout_s`, and
    `expired` runs when nobody answered."""
    watcher = IdleWatcher(int(timeout_s * 1000), int(warning_s * 1000), window)
    overlay = IdleOverlay(window)

    def warn(seconds: int) -> None:
        overlay.show_seconds(seconds)
        overlay.cover()

    watcher.warning.connect(warn)
    watcher.tick.connect(overlay.show_seconds)
    watcher.resumed.connect(overlay.hide)
    watcher.expired.connect(expired)
    overlay.still_here.connect(watcher.poke)
    return watcher, overlay
