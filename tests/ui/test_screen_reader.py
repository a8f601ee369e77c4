"""The kiosk as a screen reader meets it, through Qt's accessibility interfaces (what the
AT-SPI bridge hands to Orca): every text a sighted attendee sees on each public screen is
there to read, a whole pledge can be made with accessibility actions and text interfaces
alone, the QR code says what it is without saying what it holds, and every figure and status
in the staff area is read as it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar
from urllib.parse import unquote_plus

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.store import Store
from charter_desktop.ui.app import build_kiosk
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.accessible import (
    Role,
    act,
    find,
    normal,
    read_aloud,
    readable,
    type_into,
)
from tests.fixtures.kiosk import click, fill_to_review


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


# The staff area ---------------------------------------------------------------------------


def unread_labels(root: QWidget) -> list[str]:
    """The visible labels under `root` whose text a screen reader cannot reach (a fixed
    accessible name hides a label's own text)."""
    missing = []
    for widget in root.findChildren(QLabel):
        text = normal(widget.text())
        if not text or not widget.isVisibleTo(root) or text.startswith("<"):
            continue
        if not any(
            text in heard for heard in readable(QAccessible.queryAccessibleInterface(widget))
        ):
            missing.append(text)
    return missing


def test_every_figure_and_status_in_the_staff_area_is_there_to_read(
    qtbot: QtBot, store: Store
) -> None:
    """The overview's figures, the sync, email, spool and encryption status, the insight
    headline: each read as it shows, on every section and console page."""
    store.add_pledges(demo_pledges(store.catalogue, 12, seed=3), source="demo", actor="test")
    window = build_kiosk(store)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    window.show_staff()
    staff = window.staff
    checked = 0
    for index in range(staff.tabs.count()):
        staff.tabs.setCurrentIndex(index)
        section = staff.section(index)
        pages: list[QWidget] = [section]
        tabs = section.findChild(QTabWidget)
        if tabs is not None:
            pages = []
            for page_index in range(tabs.count()):
                tabs.setCurrentIndex(page_index)
                page = tabs.widget(page_index)
                assert page is not None
                pages.append(page)
        for page in pages:
            qtbot.wait(100)  # pages that read on a worker fill in
            assert unread_labels(page) == [], staff.tabs.tabText(index)
            checked += sum(1 for w in page.findChildren(QLabel) if w.isVisibleTo(page))
    assert checked > 40
