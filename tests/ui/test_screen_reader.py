"""The kiosk as a screen reader meets it, through Qt's accessibility interfaces (what the
AT-SPI bridge hands to Orca): every text a sighted attendee sees on each public screen is
there to read, a whole pledge can be made with accessibility actions and text interfaces
alone, the QR code says what it is without saying what it holds, and a screen reader's
activity keeps the attendee's answers from the idle reset."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar
from urllib.parse import unquote_plus

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.kiosk import click, fill_to_review

Role = QAccessible.Role
ANIMATED_CLICK_MS = 150  # Qt's "press" action animates the click: it lands 100 ms later
Text = QAccessible.Text


def normal(text: str) -> str:
    return " ".join(text.split())


def visible_nodes(face: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    """The accessible objects under `face` a screen reader would present (not invisible)."""
    if face is None or not face.isValid() or face.state().invisible:
        return
    yield face
    for index in range(face.childCount()):
        child = face.child(index)
        if child is not None:
            yield from visible_nodes(child)


def readable(face: QAccessibleInterface) -> list[str]:
    """Everything a screen reader can read of one object: its name, description and value,
    and the whole of its text interface."""
    texts = [face.text(Text.Name), face.text(Text.Description), face.text(Text.Value)]
    text = face.textInterface()
    if text is not None:
        texts.append(text.text(0, text.characterCount()))
    return [normal(t) for t in texts if t and t.strip()]


def read_aloud(window: QWidget) -> list[str]:
    root = QAccessible.queryAccessibleInterface(window)
    return [text for face in visible_nodes(root) for text in readable(face)]


def seen_on_screen(window: QWidget) -> list[str]:
    """Every text a sighted attendee sees in `window`: labels, buttons' words, what is typed
    in the fields and the prompt an empty field shows."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.text() or widget.placeholderText())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText() or widget.placeholderText())
    return [normal(t) for t in texts if t.strip()]


def unread(window: QWidget) -> list[str]:
    heard = read_aloud(window)
    return [text for text in seen_on_screen(window) if not any(text in h for h in heard)]


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store) -> KioskWindow:
    window = KioskWindow(store, print_certificate=lambda pledge: None, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def on_welcome(qtbot: QtBot, k: KioskWindow) -> None:
    assert k.current() is k.welcome


def on_who_with_errors(qtbot: QtBot, k: KioskWindow) -> None:
    click(qtbot, k.welcome.start_button)
    click(qtbot, k.who.next_button)  # nothing chosen: the step says so
    assert k.who.type_error.isVisible()


def on_choose(qtbot: QtBot, k: KioskWindow) -> None:
    click(qtbot, k.welcome.start_button)
    click(qtbot, k.who.type_buttons["business"])
    qtbot.keyClicks(k.who.organisation, "Bedwell Bakery")
    click(qtbot, k.who.next_button)
    click(qtbot, k.choose.action_buttons["buy-from-local-area"])
    qtbot.keyClicks(k.choose.own_words, "Train two apprentices")
    assert k.current() is k.choose


def on_about_you_with_errors(qtbot: QtBot, k: KioskWindow) -> None:
    on_choose(qtbot, k)
    click(qtbot, k.choose.next_button)
    qtbot.keyClicks(k.about_you.email, "not an address")
    click(qtbot, k.about_you.next_button)
    assert k.about_you.rows["name"].error.isVisible()


def on_review_after_a_failed_save(qtbot: QtBot, k: KioskWindow) -> None:
    fill_to_review(qtbot, k)
    k.review.show_save_error("The database is busy.")


def on_thanks_printing(qtbot: QtBot, k: KioskWindow) -> None:
    fill_to_review(qtbot, k)
    click(qtbot, k.review.next_button)
    click(qtbot, k.thanks.print_button)
    assert k.thanks.status.isVisible()


def on_still_there(qtbot: QtBot, k: KioskWindow) -> None:
    on_choose(qtbot, k)
    k.idle.warning.emit(15)
    assert k.overlay.isVisible()


SCREENS: dict[str, Callable[[QtBot, KioskWindow], None]] = {
    "welcome": on_welcome,
    "who": on_who_with_errors,
    "choose": on_choose,
    "about-you": on_about_you_with_errors,
    "review": on_review_after_a_failed_save,
    "thanks": on_thanks_printing,
    "still-there": on_still_there,
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_text_an_attendee_sees_is_there_to_read(
    qtbot: QtBot, kiosk: KioskWindow, screen: str
) -> None:
    SCREENS[screen](qtbot, kiosk)
    assert len(seen_on_screen(kiosk)) >= 3
    assert unread(kiosk) == []


def test_the_reading_follows_what_changes(qtbot: QtBot, kiosk: KioskWindow) -> None:
    """A countdown or a counter is read as it is now, not as it was first set."""
    on_choose(qtbot, kiosk)
    qtbot.keyClicks(kiosk.choose.own_words, " and one more")
    counter = normal(kiosk.choose.counter.text())
    assert counter in read_aloud(kiosk)
    field = QAccessible.queryAccessibleInterface(kiosk.choose.own_words)
    assert "Train two apprentices and one more" in readable(field)


# A whole pledge by accessibility actions --------------------------------------------------


class InputCounter(QObject):
    """Counts the key, mouse and touch events the application receives."""

    KINDS: ClassVar[set[QEvent.Type]] = {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
    }

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS:
            self.seen += 1
        return False


def find(window: QWidget, name: str, role: QAccessible.Role | None = None) -> QAccessibleInterface:
    """The one visible accessible object called `name` (of `role`), as a screen reader's
    user finds it by listening."""
    root = QAccessible.queryAccessibleInterface(window)
    found = [
        face
        for face in visible_nodes(root)
        if face.text(Text.Name) == name and (role is None or face.role() == role)
    ]
    assert len(found) == 1, f"{name!r}: {len(found)} visible objects"
    return found[0]


def act(face: QAccessibleInterface) -> None:
    """Press a button, or toggle a check box or radio button, as AT-SPI's DoAction does."""
    actions = face.actionInterface()
    assert actions is not None, face.text(Text.Name)
    names = actions.actionNames()
    actions_ = QAccessibleActionInterface
    for wanted in (actions_.toggleAction(), actions_.pressAction()):
        if wanted in names:
            actions.doAction(wanted)
            QTest.qWait(ANIMATED_CLICK_MS)
            return
    raise AssertionError(f"{face.text(Text.Name)}: no press or toggle in {names}")


def type_into(face: QAccessibleInterface, text: str) -> None:
    """Write `text` into a field through its editable-text interface (AT-SPI's InsertText)."""
    editable = face.editableTextInterface()
    assert editable is not None, face.text(Text.Name)
    editable.insertText(0, text)


def test_a_whole_pledge_by_accessibility_actions_alone(
    qtbot: QtBot, kiosk: KioskWindow, store: Store
) -> None:
    counter = InputCounter()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        act(find(kiosk, "Make your pledge", Role.Button))
        assert kiosk.current() is kiosk.who
        act(find(kiosk, "Community group", Role.RadioButton))
        organisation = find(kiosk, "Name of your organisation (optional)", Role.EditableText)
        type_into(organisation, "Shephall Allotments")
        act(find(kiosk, "Next", Role.Button))
        assert kiosk.current() is kiosk.choose
        action = store.catalogue.actions["support-cooperatives"].label
        act(find(kiosk, action, Role.CheckBox))
        act(find(kiosk, "Next", Role.Button))
        assert kiosk.current() is kiosk.about_you
        type_into(find(kiosk, "Your name (required)", Role.EditableText), "Grace Adeyemi")
        type_into(find(kiosk, "Postcode (optional)", Role.EditableText), "SG2 9TY")
        act(find(kiosk, "Show my name on the pledge wall.", Role.CheckBox))
        act(find(kiosk, "Next", Role.Button))
        assert kiosk.current() is kiosk.review
        act(find(kiosk, "Confirm my pledge", Role.Button))
        assert kiosk.current() is kiosk.thanks
    finally:
        app.removeEventFilter(counter)
    assert counter.seen == 0, "no key, mouse or touch event was needed"
    [stored] = store.list_pledges()
    assert (stored.name, stored.pledger_type, stored.organisation) == (
        "Grace Adeyemi", "community_group", "Shephall Allotments"
    )  # fmt: skip
    assert stored.actions == ("support-cooperatives",) and stored.consent_publish_name


# The QR code's text alternative -----------------------------------------------------------


def test_the_qr_code_says_what_it_is_and_nothing_of_the_attendee(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    fill_to_review(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    qr = QAccessible.queryAccessibleInterface(kiosk.thanks.qr)
    said = " ".join(readable(qr))
    assert "QR code" in said and "charter.example.org" in said
    assert "Priya" in unquote_plus(kiosk.thanks.qr.text)  # the code itself carries the name
    for personal in ("Priya", "Shah", "priya@example.org", "SG1", "Bedwell"):
        assert personal not in said


# Assistive technology and the idle reset --------------------------------------------------


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
