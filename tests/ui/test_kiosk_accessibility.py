"""What a kiosk needs to be usable by everyone, checked on the real widgets of every step:
each control has an accessible name, is a touch target of at least 44 px (at 1280x800 and at
4K), the Tab key walks the controls in reading order, the focused control is visibly marked,
and a chosen action says so in text, not by colour alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.about_you import AboutYouScreen
from charter_desktop.ui.kiosk.choose import ChooseScreen
from charter_desktop.ui.kiosk.who import WhoScreen
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.kiosk import click

TOUCH_MIN = 44
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit)


def controls(page: QWidget) -> list[QWidget]:
    """The page's visible controls an attendee can tap or type into."""
    return [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and w.isVisibleTo(page) and w.isEnabled()
    ]


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible interface's, which is the
    widget's own text when no other name was set."""
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def to_who(window: KioskWindow, qtbot: QtBot) -> None:
    click(qtbot, window.welcome.start_button)


def to_choose(window: KioskWindow, qtbot: QtBot) -> None:
    to_who(window, qtbot)
    click(qtbot, window.who.type_buttons["community_group"])
    qtbot.keyClicks(window.who.organisation, "Shephall Allotment Society")
    click(qtbot, window.who.next_button)


def to_about_you(window: KioskWindow, qtbot: QtBot) -> None:
    to_choose(window, qtbot)
    click(qtbot, window.choose.action_buttons["shop-local-or-volunteer"])
    click(qtbot, window.choose.next_button)


def to_review(window: KioskWindow, qtbot: QtBot) -> None:
    to_about_you(window, qtbot)
    qtbot.keyClicks(window.about_you.name, "Ada Okafor")
    click(qtbot, window.about_you.next_button)


def to_thanks(window: KioskWindow, qtbot: QtBot) -> None:
    to_review(window, qtbot)
    click(qtbot, window.review.next_button)


STEPS: dict[str, Callable[[KioskWindow, QtBot], None]] = {
    "welcome": lambda window, qtbot: None,
    "who": to_who,
    "choose": to_choose,
    "about_you": to_about_you,
    "review": to_review,
    "thanks": to_thanks,
}


def open_kiosk(qtbot: QtBot, store: Store, width: int, height: int) -> KioskWindow:
    window = KioskWindow(store, print_certificate=lambda pledge: None, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(width, height)
    window.show()
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.mark.parametrize("size", [(1280, 800), (3840, 2160)], ids=["1280x800", "4K"])
@pytest.mark.parametrize("step", list(STEPS))
def test_every_control_is_named_and_big_enough_to_touch(
    qtbot: QtBot, store: Store, step: str, size: tuple[int, int]
) -> None:
    window = open_kiosk(qtbot, store, *size)
    STEPS[step](window, qtbot)
    page = window.current()
    assert page is not None and page is getattr(window, step)
    found = controls(page)
    assert found
    for widget in found:
        what = f"{type(widget).__name__} {spoken_name(widget) or widget.objectName()!r}"
        assert spoken_name(widget).strip(), f"{what} has no accessible name"
        assert widget.height() >= TOUCH_MIN, f"{what} is {widget.height()} px high"
        assert widget.width() >= TOUCH_MIN, f"{what} is {widget.width()} px wide"


def test_controls_grow_with_the_screen(qtbot: QtBot, store: Store) -> None:
    small = open_kiosk(qtbot, store, 1280, 800)
    large = open_kiosk(qtbot, store, 3840, 2160)
    assert large.welcome.start_button.height() >= 2 * small.welcome.start_button.height()
    assert large.welcome.title.font().pointSizeF() >= 2 * small.welcome.title.font().pointSizeF()


def tab_round(first: QWidget, page: QWidget) -> list[QWidget]:
    """Press Tab (a real key event) from `first` until focus comes back round to it; the
    controls of `page` it stopped at, in order."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is first
    walked: list[QWidget] = []
    for _ in range(60):
        current = QApplication.focusWidget()
        assert current is not None
        if current is first and walked:
            return walked
        walked.append(current)
        QTest.keyClick(current, Qt.Key.Key_Tab)
    raise AssertionError("Tab never came back round to the first control")


def exclusive_group(widget: QWidget) -> list[QAbstractButton]:
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return group.buttons() if group is not None and group.exclusive() else []


def reading_order(window: KioskWindow, step: str) -> list[QWidget]:
    """The order an attendee reads the step in: the choices in the charter's order (down each
    benefit's column), the fields top to bottom, then Back and Next."""
    page: WhoScreen | ChooseScreen | AboutYouScreen
    if step == "who":
        page = window.who
        fields: list[QWidget] = [next(iter(page.type_buttons.values())), page.organisation]
    elif step == "choose":
        page = window.choose
        fields = [*page.action_buttons.values(), page.own_words]
    else:
        page = window.about_you
        fields = [page.name, page.email, page.phone, page.postcode]
        fields += [page.consent_contact, page.consent_publish]
    return [*fields, page.back_button, page.next_button]


@pytest.mark.parametrize("step", ["who", "choose", "about_you"])
def test_tab_walks_the_form_in_reading_order(qtbot: QtBot, store: Store, step: str) -> None:
    window = open_kiosk(qtbot, store, 1280, 800)
    STEPS[step](window, qtbot)
    page = window.current()
    assert page is not None
    expected = [w for w in reading_order(window, step) if w.isVisibleTo(page)]
    walked = tab_round(expected[0], page)
    for widget in walked:
        assert spoken_name(widget).strip(), f"{type(widget).__name__} has no name"
    assert [w for w in walked if w.isVisibleTo(page)] == expected
    # Every control is reached: one stop per exclusive group (like radio buttons, the arrow
    # keys move within it).
    reached = set(walked) | {b for w in walked for b in exclusive_group(w)}
    assert set(controls(page)) <= reached


def test_arrow_keys_move_within_the_pledger_types(qtbot: QtBot, store: Store) -> None:
    window = open_kiosk(qtbot, store, 1280, 800)
    to_who(window, qtbot)
    buttons = list(window.who.type_buttons.values())
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(buttons[0], Qt.Key.Key_Down)
    moved_to = QApplication.focusWidget()
    assert moved_to in buttons[1:]
    QTest.keyClick(moved_to, Qt.Key.Key_Space)
    assert window.who.chosen_type() != ""


def test_the_focused_control_is_visibly_marked(qtbot: QtBot, store: Store) -> None:
    window = open_kiosk(qtbot, store, 1280, 800)
    to_about_you(window, qtbot)
    checkbox = window.about_you.consent_contact
    name = window.about_you.name
    name.setFocus(Qt.FocusReason.TabFocusReason)
    resting = checkbox.grab().toImage()
    checkbox.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is checkbox
    focused = checkbox.grab().toImage()
    assert focused != resting
    field_resting = name.grab().toImage()
    name.setFocus(Qt.FocusReason.TabFocusReason)
    assert name.grab().toImage() != field_resting


def test_a_chosen_action_says_so_in_words(qtbot: QtBot, store: Store) -> None:
    """On screen a tick box beside the words; to a screen reader a check box, checked."""
    window = open_kiosk(qtbot, store, 1280, 800)
    to_choose(window, qtbot)
    button = window.choose.action_buttons["support-cooperatives"]
    seen = QAccessible.queryAccessibleInterface(button)
    assert seen.role() == QAccessible.Role.CheckBox
    assert not seen.state().checked
    before = button.mark.text()
    click(qtbot, button)
    assert button.isChecked() and seen.state().checked
    assert button.mark.text() != before


def test_the_pledger_type_is_one_choice_of_several(qtbot: QtBot, store: Store) -> None:
    """The "who are you" step is one choice of five: radio buttons to a screen reader, and
    choosing one unchooses the other."""
    window = open_kiosk(qtbot, store, 1280, 800)
    to_who(window, qtbot)
    buttons = list(window.who.type_buttons.values())
    seen = [QAccessible.queryAccessibleInterface(button) for button in buttons]
    assert {face.role() for face in seen} == {QAccessible.Role.RadioButton}
    click(qtbot, buttons[0])
    click(qtbot, buttons[2])
    assert [face.state().checked for face in seen] == [False, False, True, False, False]
    assert buttons[2].mark.text() != buttons[0].mark.text()


def test_consents_start_unticked_and_say_what_they_mean(qtbot: QtBot, store: Store) -> None:
    window = open_kiosk(qtbot, store, 1280, 800)
    to_about_you(window, qtbot)
    boxes = [w for w in controls(window.about_you) if isinstance(w, QCheckBox)]
    assert len(boxes) == 2
    assert not any(box.isChecked() for box in boxes)
    texts = " ".join(box.text().lower() for box in boxes)
    assert "contact" in texts and "wall" in texts
