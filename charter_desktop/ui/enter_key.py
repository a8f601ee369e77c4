"""Return and Enter press the focused button, as Space does.

Qt presses a focused push button on Space only; Return reaches a button only inside a dialog,
and there it presses the dialog's default button rather than the one in focus. Someone who
moves through the kiosk with a keyboard, a switch or a screen reader expects Enter to press
what has the focus, everywhere. One filter on the application does it for every button of the
app, dialogs included (in a dialog Return on a focused button presses that button, as the
dialog's own rule for auto-default buttons already does).

Only buttons that do something: Enter never ticks a box or picks a choice (a consent is a
deliberate Space or tap, and Enter means "go on", not "agree")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class EnterPressesButtons(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, (QPushButton, QToolButton))
            and not watched.isCheckable()
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and event.modifiers() in PLAIN
            and watched.hasFocus()
            and watched.isEnabled()
        ):
            if not event.isAutoRepeat():  # one press, however long the key is held
                watched.click()
            return True
        return False


def install(app: QApplication) -> None:
    """Install the filter on `app`, once (a child of the app, found again by type)."""
    if app.findChild(EnterPressesButtons) is None:
        app.installEventFilter(EnterPressesButtons(app))
