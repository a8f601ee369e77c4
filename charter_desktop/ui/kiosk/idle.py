"""Idle timeout: any touch, click or key restarts it, and so does a screen reader or switch
pressing a control, changing a field or moving the focus; near the end an "Are you still
there?" card counts down, and at zero the kiosk starts again for the next attendee."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from charter_desktop.ui.announce import announce
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
        self._own_focus = False
        self._watching_focus = False
        self._root: QWidget | None = None
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
        self._count.start()  # before the warning: whatever answers it stops the count
        self.warning.emit(self.seconds_left())

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

    def watch_controls(self, root: QWidget) -> None:
        """Count as activity what assistive technology does without input events: its
        "press" clicks a button, its "toggle" checks a box, its text interface sets a field's
        text, its "focus" moves the focus (every control under `root` now, and the focus
        anywhere in the app)."""
        self._root = root.window()
        for button in root.findChildren(QAbstractButton):
            button.pressed.connect(self._assisted)
            button.toggled.connect(self._assisted)
        for edit in root.findChildren(QLineEdit):
            edit.textChanged.connect(self._assisted)
        for area in root.findChildren(QPlainTextEdit):
            area.textChanged.connect(self._assisted)
        app = QApplication.instance()
        if isinstance(app, QApplication) and not self._watching_focus:
            app.focusChanged.connect(self._focus_moved)
            self._watching_focus = True

    def focus_quietly(self, widget: QWidget) -> None:
        """Give `widget` the focus without it counting as someone being there: the warning
        card taking the focus must not answer itself, nor may what the move sets off (a
        number field tidying its text as it loses the focus)."""
        self._own_focus = True
        try:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        finally:
            self._own_focus = False

    def _assisted(self) -> None:
        if not self._own_focus:
            self.poke()

    def _focus_moved(self, old: QWidget | None, now: QWidget | None) -> None:
        """The focus moved from one control of the watched window to another. A window
        gaining or losing activation (another program's box, a system pop-up) is nobody
        at the kiosk."""
        if old is None or now is None or self._own_focus:
            return
        if old.window() is not now.window():  # from one window to another
            return
        if self._root is not None and now.window() is not self._root:
            return
        self.poke()

    def stop(self) -> None:
        self.set_active(False)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if isinstance(app, QApplication) and self._watching_focus:
            app.focusChanged.disconnect(self._focus_moved)
            self._watching_focus = False


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
                "in %n second(s).",
                "",
                seconds,
            )
        )

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        announce(self, f"{self.question.text()} {self.countdown.text()}", assertive=True)


def watch_idle(
    window: QWidget, timeout_s: float, warning_s: float, expired: Callable[[], None]
) -> tuple[IdleWatcher, IdleOverlay]:
    """The idle watcher of `window` and its "Are you still there?" overlay, wired together:
    the overlay covers the window for the last `warning_s` seconds of `timeout_s`, and
    `expired` runs when nobody answered."""
    watcher = IdleWatcher(int(timeout_s * 1000), int(warning_s * 1000), window)
    watcher.watch_controls(window)
    overlay = IdleOverlay(window)

    returning: list[QWidget] = []  # where the focus was when the card came

    def warn(seconds: int) -> None:
        focused = QApplication.focusWidget()
        mine = focused is not None and focused.window() is window
        returning[:] = [focused] if mine and focused is not None else []
        overlay.show_seconds(seconds)
        overlay.cover()
        watcher.focus_quietly(overlay.button)

    def resume() -> None:
        """The card goes, and the focus goes back where the attendee was (not to the next
        control after the card's button: on the first step that is Back, which starts
        again)."""
        back = returning.pop() if returning else None
        if back is not None and isValid(back) and back.isVisible() and back.isEnabled():
            watcher.focus_quietly(back)
        overlay.hide()

    watcher.warning.connect(warn)
    watcher.tick.connect(overlay.show_seconds)
    watcher.resumed.connect(resume)
    watcher.expired.connect(expired)
    overlay.still_here.connect(watcher.poke)
    return watcher, overlay
