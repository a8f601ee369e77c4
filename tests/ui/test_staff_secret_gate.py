"""After a visit with the PIN only (the details kept locked), the console's staff settings
and the steps that send pledges off the machine ask for the staff passphrase: "Not now", or
a wrong passphrase, changes nothing; the right one opens the council key and the step goes
on. Buttons are clicked and keys typed, as staff would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from charter_desktop.core import events
from charter_desktop.core.mail.settings import load_smtp_settings
from charter_desktop.core.pledges import retention
from charter_desktop.core.privacy import service
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.settings import get_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.settings import load_sync_settings
from charter_desktop.ui.privacy_dialogs import UnlockDialog
from charter_desktop.ui.staff.console import StaffConsole
from tests.fixtures.store import TEST_PASSPHRASE


def _state(store: Store) -> tuple[Any, ...]:
    with store.db.read() as session:
        return (
            load_smtp_settings(session).host,
            load_sync_settings(session).hub_url,
            len(list(events.list_events(session))),
            str(store.current_event().id),
            str(get_setting(session, staff_auth.PIN_SETTING)),
            retention.retention_days(session),
        )


def _mail(console: StaffConsole, qtbot: QtBot) -> QAbstractButton:
    page = console.mail
    page.host.setText("mail.thief.example")
    page.from_address.setText("kiosk@thief.example")
    return page.save_button


def _hub(console: StaffConsole, qtbot: QtBot) -> QAbstractButton:
    page = console.council
    page.url.setText("https://hub.thief.example")
    qtbot.keyClicks(page.token, "stolen-token")
    return page.save_button


def _event(console: StaffConsole, qtbot: QtBot) -> QAbstractButton:
    page = console.events
    page.event_name.setText("Not a real summit")
    return page.create_button


def _pin(console: StaffConsole, qtbot: QtBot) -> QAbstractButton:
    page = console.events
    qtbot.keyClicks(page.new_pin, "975310")
    qtbot.keyClicks(page.repeat_pin, "975310")
    return next(b for b in page.findChildren(QPushButton) if b.text() == "Change PIN")


def _retention(console: StaffConsole, qtbot: QtBot) -> QAbstractButton:
    page = console.privacy
    page.days.setValue(1)
    return page.save_button


STEPS: dict[str, Callable[[StaffConsole, QtBot], QAbstractButton]] = {
    "mail server": _mail,
    "hub": _hub,
    "new event": _event,
    "staff PIN": _pin,
    "retention": _retention,
}


def _dialog(console: StaffConsole) -> UnlockDialog | None:
    shown = [d for d in console.findChildren(UnlockDialog) if d.isVisible()]
    return shown[0] if shown else None


@pytest.mark.parametrize("step", list(STEPS), ids=list(STEPS))
def test_staff_settings_need_the_passphrase_after_a_pin_only_visit(
    qtbot: QtBot, keyed_store: Store, step: str
) -> None:
    store = keyed_store
    with store.db.write() as session:
        staff_auth.set_pin(session, "246810", actor="test")
    console = StaffConsole(store)
    qtbot.addWidget(console)
    console.resize(1280, 800)
    console.show()
    before = _state(store)
    button = STEPS[step](console, qtbot)

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog(console) is not None)
    asking = _dialog(console)
    assert asking is not None and _state(store) == before
    qtbot.mouseClick(asking.cancel_button, Qt.MouseButton.LeftButton)  # "Not now"
    qtbot.waitUntil(lambda: _dialog(console) is None)
    assert _state(store) == before

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog(console) is not None)
    asking = _dialog(console)
    assert asking is not None
    qtbot.keyClicks(asking.passphrase, "not the passphrase")
    qtbot.keyClick(asking.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(asking.message.isVisible)
    assert _state(store) == before and service.details_locked(store)
    qtbot.keyClicks(asking.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(asking.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _state(store) != before)
    assert not service.details_locked(store)

    # Unlocked now: the next change goes straight on.
    again = _state(store)
    if step == "new event":
        console.events.event_name.setText("A second real summit")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _state(store) != again)
    assert _dialog(console) is None
    QApplication.processEvents()


def _visible_unlock_dialogs() -> list[UnlockDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog) and w.isVisible()
    ]


def test_a_passphrase_dialog_goes_with_the_staff_area(qtbot: QtBot, keyed_store: Store) -> None:
    """Staff ask to change the mail server and walk away: the idle reset takes the kiosk back
    to the public, and the passphrase dialog goes with the staff area (typing the passphrase
    into it over the welcome screen would open the council key)."""
    from charter_desktop.ui.kiosk.window import KioskWindow

    store = keyed_store
    window = KioskWindow(store, print_certificate=lambda p: None, tap_guard_seconds=0)
    window.staff.add_section("Console", lambda: StaffConsole(store))
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    window.show_staff()  # as after the right PIN
    assert window.unlock_dialog is not None
    qtbot.mouseClick(window.unlock_dialog.cancel_button, Qt.MouseButton.LeftButton)  # PIN only
    console = window.staff.section(1)
    assert isinstance(console, StaffConsole)
    console.show_page(console.mail)
    qtbot.mouseClick(_mail(console, qtbot), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_visible_unlock_dialogs()) == 1)

    window.reset_flow()  # the idle timeout, or "Back to the kiosk"
    assert _visible_unlock_dialogs() == [] and window.current() is window.welcome
    QApplication.processEvents()
    assert _visible_unlock_dialogs() == [] and service.details_locked(store)


GUARDED = [
    ("events", "Take pledges for this event"),
    ("events", "Create event"),
    ("events", "Save settings"),
    ("events", "Change PIN"),
    ("privacy", "Save"),
    ("privacy", "Remove due personal data now"),
    ("mail", "Save mail settings"),
    ("mail", "Send waiting emails now"),
    ("council", "Save hub settings"),
    ("council", "Sync now"),
    ("council", "Send refused pledges again"),
    ("council", "Write a USB bundle…"),
    ("backups", "Back up to a file…"),
    ("export", "Export…"),
]


@pytest.mark.parametrize(("page", "text"), GUARDED, ids=[t for _, t in GUARDED])
def test_every_guarded_button_asks_for_the_passphrase_first(
    qtbot: QtBot, keyed_store: Store, page: str, text: str
) -> None:
    console = StaffConsole(keyed_store)
    qtbot.addWidget(console)
    console.resize(1280, 800)
    console.show()
    tool = getattr(console, page)
    console.show_page(tool)
    button = next(b for b in tool.findChildren(QPushButton) if b.text() == text)
    button.setEnabled(True)  # "Send refused pledges again" waits for a refused pledge
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog(console) is not None)
    asking = _dialog(console)
    assert asking is not None
    said = " ".join(label.text() for label in asking.findChildren(QLabel))
    assert "needs the staff passphrase, not only the PIN" in said, said
    qtbot.mouseClick(asking.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog(console) is None)
