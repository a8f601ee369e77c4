"""The idle reset and a screen reader: what assistive technology does (press, toggle, write,
move the focus, all without key or mouse events) keeps the attendee's answers, and the
"Are you still there?" card, on the real timer, is answered only by someone at the kiosk and
gives the focus back where they were."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessibleActionInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.accessible import Role, act, find, type_into
from tests.fixtures.kiosk import click


@pytest.fixture
def quick_kiosk(qtbot: QtBot, store: Store) -> KioskWindow:
    window = KioskWindow(store, tap_guard_seconds=0, idle_timeout_seconds=2.0, warning_seconds=1.0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("how", ["toggle", "focus", "text"])
def test_a_screen_readers_activity_keeps_the_attendees_answers(
    qtbot: QtBot, quick_kiosk: KioskWindow, store: Store, how: str
) -> None:
    """A screen reader user works without key or mouse events; every 0.5 s they toggle a
    choice, move the focus or write in a field, for three times the idle timeout."""
    k = quick_kiosk
    act(find(k, "Make your pledge", Role.Button))
    act(find(k, "Resident", Role.RadioButton))
    act(find(k, "Next", Role.Button))
    assert k.current() is k.choose
    labels = [store.catalogue.actions[a].label for a in list(k.choose.action_buttons)[:2]]
    own_words = find(k, store.catalogue.own_words.label, Role.EditableText)
    for turn in range(12):
        if how == "toggle":
            act(find(k, labels[0], Role.CheckBox))
        elif how == "focus":
            face = find(k, labels[turn % 2], Role.CheckBox)
            face.actionInterface().doAction(QAccessibleActionInterface.setFocusAction())
        else:
            type_into(own_words, "a")
        qtbot.wait(500)
        assert not k.overlay.isVisible(), f"asked 'Are you still there?' after {turn / 2} s"
    assert k.current() is k.choose
    # Left alone, the kiosk does ask, then starts again.
    qtbot.waitUntil(k.overlay.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: k.current() is k.welcome, timeout=3000)


# The "Are you still there?" card, on the real timer ----------------------------------------


def on_choose_quickly(qtbot: QtBot, k: KioskWindow) -> None:
    act(find(k, "Make your pledge", Role.Button))
    act(find(k, "Business", Role.RadioButton))
    act(find(k, "Next", Role.Button))
    assert k.current() is k.choose


def test_another_window_taking_the_focus_does_not_answer_the_card(
    qtbot: QtBot, quick_kiosk: KioskWindow
) -> None:
    """A box from another program (or a second start's) takes the activation while the card
    shows: nobody answered it, so the kiosk still starts again."""
    k = quick_kiosk
    k.activateWindow()
    qtbot.waitUntil(k.isActiveWindow)
    on_choose_quickly(qtbot, k)
    qtbot.waitUntil(k.overlay.isVisible, timeout=3000)
    other = QWidget()
    qtbot.addWidget(other)
    QVBoxLayout(other).addWidget(QLineEdit())
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    k.activateWindow()
    qtbot.waitUntil(k.isActiveWindow)
    assert k.overlay.isVisible(), "a change of window answered 'Are you still there?'"
    qtbot.waitUntil(lambda: k.current() is k.welcome, timeout=3000)


def test_a_number_tidied_as_the_card_takes_the_focus_does_not_answer_it(
    qtbot: QtBot, quick_kiosk: KioskWindow
) -> None:
    k = quick_kiosk
    k.activateWindow()
    qtbot.waitUntil(k.isActiveWindow)
    on_choose_quickly(qtbot, k)
    click(qtbot, k.choose.action_buttons["supported-work-placements"])
    field = k.choose.measure_fields["supported-work-placements"].input
    field.setFocus()
    qtbot.keyClicks(field, "1,00")
    answered: list[bool] = []
    k.idle.resumed.connect(lambda: answered.append(True))
    qtbot.waitUntil(k.overlay.isVisible, timeout=3000)
    assert field.text() == "100", "the field tidied its text as it lost the focus"
    qtbot.waitUntil(lambda: k.current() is k.welcome, timeout=3000)
    assert answered == [], "the field's own tidying answered the card"


def test_after_the_card_the_focus_is_back_where_the_attendee_was(
    qtbot: QtBot, quick_kiosk: KioskWindow
) -> None:
    """Not on Back, which on the first step would start again at the next Enter."""
    k = quick_kiosk
    k.activateWindow()
    qtbot.waitUntil(k.isActiveWindow)
    act(find(k, "Make your pledge", Role.Button))
    act(find(k, "Community group", Role.RadioButton))
    k.who.organisation.setFocus()
    qtbot.waitUntil(k.overlay.isVisible, timeout=3000)
    assert QApplication.focusWidget() is k.overlay.button
    QTest.keyClick(k.overlay.button, Qt.Key.Key_Return)
    assert not k.overlay.isVisible()
    assert QApplication.focusWidget() is k.who.organisation
