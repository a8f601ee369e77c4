"""The staff PIN dialog as staff (and people trying their luck) use it: one Return is one try,
nothing typed during a wait piles up into the next try, and after ten wrong PINs in a row only
the staff passphrase opens the staff area."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.privacy.keys import ScryptCost
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.settings import set_setting
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.staff_access import PinDialog

PIN = "246810"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def dialog(qtbot: QtBot, store: Store) -> Iterator[PinDialog]:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    pin_dialog = PinDialog(store)
    qtbot.addWidget(pin_dialog)
    pin_dialog.show()
    qtbot.waitExposed(pin_dialog)
    pin_dialog.pin.setFocus()
    yield pin_dialog


def failures(store: Store) -> int:
    with store.db.read() as session:
        return staff_auth.failures_in_a_row(session)


def test_one_return_is_one_try(qtbot: QtBot, dialog: PinDialog, store: Store) -> None:
    qtbot.keyClicks(dialog.pin, "999999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert failures(store) == 1
    assert "not right" in dialog.message.text()
    qtbot.keyClicks(dialog.pin, PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() == PinDialog.DialogCode.Accepted and failures(store) == 0


def test_nothing_typed_during_a_wait_reaches_the_next_try(
    qtbot: QtBot, dialog: PinDialog, store: Store
) -> None:
    for _ in range(staff_auth.FREE_TRIES):
        qtbot.keyClicks(dialog.pin, "999999")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert failures(store) == 3 and "wait 2 s" in dialog.message.text()
    assert not dialog.pin.isEnabled() and not dialog.keypad.isEnabled()
    assert dialog.pin.secret() == ""
    qtbot.keyClicks(dialog.pin, "13579")  # typed, and tapped, while the wait runs
    qtbot.mouseClick(dialog.keypad.buttons["7"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.pin.secret() == "" and failures(store) == 3
    qtbot.waitUntil(dialog.pin.isEnabled, timeout=5_000)
    assert "try the PIN again" in dialog.message.text()
    qtbot.keyClicks(dialog.pin, PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() == PinDialog.DialogCode.Accepted


def test_after_ten_wrong_pins_only_the_passphrase_opens(
    qtbot: QtBot, dialog: PinDialog, store: Store
) -> None:
    privacy_service.create_key(store, PASSPHRASE, actor="test", cost=ScryptCost(n=2**10))
    privacy_service.lock()
    with store.db.write() as session:  # nine wrong PINs already, their waits long over
        set_setting(session, staff_auth.FAILURES_SETTING,
                    {"count": 9, "last": "2026-01-01T00:00:00Z"})  # fmt: skip
    qtbot.keyClicks(dialog.pin, "999999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert not dialog.pin.isVisible() and dialog.passphrase.isVisible()
    assert dialog.heading.text() == "Staff only: enter the staff passphrase"
    assert "Too many wrong PINs" in dialog.message.text()
    with store.db.read() as session:  # the right PIN no longer opens on its own
        assert staff_auth.check_pin(session, PIN, lockout=True).locked_out
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert "not right" in dialog.message.text() and dialog.result() == 0
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.result() == PinDialog.DialogCode.Accepted
    assert failures(store) == 0 and not privacy_service.details_locked(store)
    with store.db.read() as session:
        actions = list(session.scalars(text("SELECT action FROM audit_log ORDER BY id")))
    assert "staff.pin_locked_out" in actions and "staff.pin_failures_cleared" in actions
