"""The kiosk with a keyboard alone (or a switch device that sends Tab, arrows, Space and
Enter): every step starts with the focus on its first useful control, Enter presses the
focused button, and a whole pledge reaches the database without a click. Keys go to the
widget that has the focus, as the window system would send them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow

Key = Qt.Key


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store) -> Iterator[KioskWindow]:
    printed: list[Pledge] = []
    window = KioskWindow(store, print_certificate=printed.append)  # the real tap guard
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "something has the keyboard focus"
    return widget


def press(key: Qt.Key) -> None:
    QTest.keyClick(focused(), key)


def tab_to(widget: QWidget, limit: int = 40) -> None:
    """Tab until `widget` has the focus (failing if it never does)."""
    for _ in range(limit):
        if focused() is widget:
            return
        press(Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget}")


def next_step(qtbot: QtBot, kiosk: KioskWindow, button: QWidget, key: Qt.Key) -> QWidget | None:
    """Tab to `button` and press it with `key` once the double-tap guard has passed."""
    tab_to(button)
    qtbot.wait(int(kiosk.tap_guard_seconds * 1000) + 100)
    press(key)
    return kiosk.current()


def test_a_whole_pledge_with_the_keyboard_alone(
    qtbot: QtBot, kiosk: KioskWindow, store: Store
) -> None:
    assert focused() is kiosk.welcome.start_button
    press(Key.Key_Return)
    assert kiosk.current() is kiosk.who
    first_type = next(iter(kiosk.who.type_buttons.values()))
    assert focused() is first_type, "the step starts on its first choice"
    business = kiosk.who.type_buttons["business"]
    for key in (Key.Key_Down, Key.Key_Right, Key.Key_Down, Key.Key_Left):
        if focused() is business:
            break
        press(key)  # arrows move within the one-of-five choice (Tab leaves it)
    assert focused() is business, focused().accessibleName()
    press(Key.Key_Space)
    assert kiosk.who.chosen_type() == "business"
    tab_to(kiosk.who.organisation)
    QTest.keyClicks(focused(), "Bedwell Bakery")
    assert next_step(qtbot, kiosk, kiosk.who.next_button, Key.Key_Return) is kiosk.choose

    first_action = next(iter(kiosk.choose.action_buttons.values()))
    assert focused() is first_action
    press(Key.Key_Space)
    assert next_step(qtbot, kiosk, kiosk.choose.next_button, Key.Key_Enter) is kiosk.about_you

    assert focused() is kiosk.about_you.name
    QTest.keyClicks(focused(), "Priya Shah")
    tab_to(kiosk.about_you.email)
    QTest.keyClicks(focused(), "priya@example.org")
    tab_to(kiosk.about_you.consent_contact)
    press(Key.Key_Space)
    assert next_step(qtbot, kiosk, kiosk.about_you.next_button, Key.Key_Return) is kiosk.review

    assert focused() is kiosk.review.next_button, "the review starts on Confirm"
    qtbot.wait(int(kiosk.tap_guard_seconds * 1000) + 100)
    press(Key.Key_Return)
    assert kiosk.current() is kiosk.thanks
    assert focused() is kiosk.thanks.print_button, "the thank-you screen's main action"
    [stored] = store.list_pledges()
    assert (stored.name, stored.organisation, stored.pledger_type) == (
        "Priya Shah", "Bedwell Bakery", "business"
    )  # fmt: skip
    assert stored.actions == (first_action_id(kiosk),) and stored.consent_contact


def first_action_id(kiosk: KioskWindow) -> str:
    return next(iter(kiosk.choose.action_buttons))


def test_each_step_starts_afresh_never_on_the_last_attendees_field(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    press(Key.Key_Return)
    assert focused() is kiosk.who.type_buttons["resident"]
    press(Key.Key_Space)
    next_step(qtbot, kiosk, kiosk.who.next_button, Key.Key_Return)
    next_step(qtbot, kiosk, kiosk.choose.back_button, Key.Key_Return)
    assert kiosk.current() is kiosk.who
    assert focused() is kiosk.who.type_buttons["resident"], "back on the choice made"
    kiosk.reset_flow()  # the idle reset, or Finish
    assert focused() is kiosk.welcome.start_button
    press(Key.Key_Return)
    assert focused() is next(iter(kiosk.who.type_buttons.values()))
    assert focused().isVisible()


def test_enter_never_ticks_a_consent_or_picks_a_choice(qtbot: QtBot, kiosk: KioskWindow) -> None:
    """Enter means "go on": a consent box, an action and a pledger type change only by a
    deliberate Space (or a tap)."""
    press(Key.Key_Return)
    first_type = focused()
    for key in (Key.Key_Return, Key.Key_Enter):
        press(key)
    assert kiosk.who.chosen_type() == "", "Enter picked who the attendee pledges as"
    press(Key.Key_Space)
    assert kiosk.who.chosen_type() != "" and focused() is first_type
    next_step(qtbot, kiosk, kiosk.who.next_button, Key.Key_Return)
    press(Key.Key_Return)
    assert kiosk.choose.chosen_actions() == [], "Enter chose an action"
    press(Key.Key_Space)
    next_step(qtbot, kiosk, kiosk.choose.next_button, Key.Key_Return)
    assert kiosk.current() is kiosk.about_you
    for box in (kiosk.about_you.consent_contact, kiosk.about_you.consent_publish):
        tab_to(box)
        press(Key.Key_Return)
        assert not box.isChecked(), f"Enter ticked {box.text()!r}"
        press(Key.Key_Space)
        assert box.isChecked()
