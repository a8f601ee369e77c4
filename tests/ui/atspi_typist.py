"""Run by tests/ui/test_secret_on_bus.py in a child process on an X display with Qt's AT-SPI
bridge on: types canaries into the app's real PIN and passphrase dialogs (keys, and the
on-screen keypad), and into a plain password QLineEdit before and after them (the control),
then renames a label to DONE so the recording shows when everything was sent.

Usage: python atspi_typist.py DATA_DIR PIN PASSPHRASE CONTROL_BEFORE CONTROL_AFTER DONE
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.keys import ScryptCost
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.storage.settings import set_setting
from charter_desktop.core.store import Store
from charter_desktop.ui.app import new_application
from charter_desktop.ui.kiosk.staff_access import PinDialog, SetupPinDialog
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog, UnlockDialog

SETTLE_MS = 150


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Keys the accessibility bridge forwards reach the widget once the registry answers."""
    for _ in range(100):
        if condition():
            return
        QTest.qWait(30)
    raise SystemExit(f"not seen in 3 s: {what}")


def shown(dialog: QWidget) -> None:
    dialog.show()
    dialog.activateWindow()
    QTest.qWaitForWindowActive(dialog, 2000)
    QTest.qWait(SETTLE_MS)


def type_plain(host: QWidget, canary: str) -> None:
    """The control: Qt's own password line edit, typed into the same way."""
    dialog = QDialog(host)
    field = QLineEdit(dialog)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName("Plain password")
    QVBoxLayout(dialog).addWidget(field)
    shown(dialog)
    field.setFocus()
    QTest.keyClicks(field, canary)
    wait_until(lambda: field.text() == canary, "the control's text")
    dialog.close()


def type_pin_dialogs(host: QWidget, store: Store, pin: str, passphrase: str) -> None:
    setup = SetupPinDialog(store, host)
    shown(setup)
    setup.pin.setFocus()
    QTest.keyClicks(setup.pin, pin)
    setup.repeat.setFocus()
    for digit in pin:
        QTest.mouseClick(setup.keypad.buttons[digit], Qt.MouseButton.LeftButton)
    wait_until(lambda: setup.pin.secret() == pin, "the PIN typed")
    wait_until(lambda: setup.repeat.secret() == pin, "the PIN tapped on the keypad")
    QTest.qWait(SETTLE_MS)
    setup.close()

    # Nine wrong PINs already: the next wrong one leaves only the passphrase.
    with store.db.write() as session:
        staff_auth.set_pin(session, "951736")
        set_setting(
            session, staff_auth.FAILURES_SETTING, {"count": 9, "last": "2026-01-01T00:00:00Z"}
        )
    dialog = PinDialog(store, host)
    shown(dialog)
    dialog.pin.setFocus()
    half = len(pin) // 2
    QTest.keyClicks(dialog.pin, pin[:half])
    wait_until(lambda: dialog.pin.secret() == pin[:half], "the PIN's first half typed")
    for digit in pin[half:]:
        QTest.mouseClick(dialog.keypad.buttons[digit], Qt.MouseButton.LeftButton)
    wait_until(lambda: dialog.pin.secret() == pin, "the PIN typed")
    QTest.keyClick(dialog.pin, Qt.Key.Key_Return)
    wait_until(dialog.passphrase.isVisible, "the PIN dialog asking for the passphrase")
    QTest.keyClicks(dialog.passphrase, passphrase)
    wait_until(lambda: dialog.passphrase.secret() == passphrase, "the passphrase typed")
    dialog.close()


def type_passphrase_dialogs(host: QWidget, store: Store, passphrase: str) -> None:
    unlock = UnlockDialog(store, host)
    shown(unlock)
    unlock.passphrase.setFocus()
    QTest.keyClicks(unlock.passphrase, passphrase)
    wait_until(lambda: unlock.passphrase.secret() == passphrase, "the passphrase typed")
    unlock.close()
    setup = SetupKeyDialog(store, host)
    shown(setup)
    for field in (setup.passphrase, setup.repeat):
        field.setFocus()
        QTest.keyClicks(field, passphrase)
    QTest.qWait(SETTLE_MS)
    setup.close()


def main(argv: list[str]) -> int:
    data_dir, pin, passphrase, control_before, control_after, done = argv
    app = new_application([sys.argv[0]])
    if not QAccessible.isActive():
        QTest.qWait(1000)  # the bridge turns on once it reaches the accessibility bus
    print(f"platform={app.platformName()} accessible={QAccessible.isActive()}", flush=True)
    store = Store.open(resolve_paths(Path(data_dir)))
    service.create_key(store, "the council's real passphrase", "test", ScryptCost(n=2**10))
    service.lock()
    host = QWidget()
    status = QLabel("typing", host)
    QVBoxLayout(host).addWidget(status)
    shown(host)
    type_plain(host, control_before)
    type_pin_dialogs(host, store, pin, passphrase)
    type_passphrase_dialogs(host, store, passphrase)
    type_plain(host, control_after)
    status.setAccessibleName(done)
    QTest.qWait(500)
    host.close()
    del status, host  # while the application is still there
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
