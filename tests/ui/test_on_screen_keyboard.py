"""The kiosk's on-screen keyboard, on a touch screen with no keyboard: a whole pledge typed
with taps alone, the kiosk setting that says when it shows, the field never under it at any
screen size, and keys large enough to tap and named for a screen reader. Real widgets on a
real SQLite store.

A physical key press is sent with QTest.keyClick on the window's QWindow: that goes through
QWindowSystemInterface, the way a platform plugin hands on a real key, and arrives
spontaneous. QApplication.sendEvent and postEvent deliver a key that is not spontaneous (a
program's, not a keyboard's), which must leave the on-screen keyboard alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.core.kiosk.capture import kiosk_settings
from charter_desktop.core.kiosk.settings import update_kiosk_settings
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.keyboard import OnScreenKeyboard
from charter_desktop.ui.kiosk.keyboard_layouts import BACKSPACE, HIDE, NEXT, PAGE, SHIFT
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.staff.setup_pages import EventsPage
from tests.fixtures.kiosk import click

NAME = "Zoë O'Brien-Łukasz"
Kiosk = Callable[..., KioskWindow]


class KeyPresses(QObject):
    """Counts every key press the application sees, whoever sent it."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.count += 1
        return False


@pytest.fixture
def make_kiosk(qtbot: QtBot, store: Store) -> Kiosk:
    """A kiosk on `store` with the on-screen keyboard setting `mode`, at `size`."""

    def make(
        mode: str = "auto", size: tuple[int, int] = (1280, 800), **options: float
    ) -> KioskWindow:
        update_kiosk_settings(store, replace(kiosk_settings(store), on_screen_keyboard=mode))
        window = KioskWindow(store, tap_guard_seconds=0, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
        window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def key_presses(qapp: QApplication) -> Iterator[KeyPresses]:
    counter = KeyPresses()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


def to_about_you(qtbot: QtBot, kiosk: KioskWindow) -> None:
    """Tap through the welcome, who and choose steps."""
    click(qtbot, kiosk.welcome.start_button)
    click(qtbot, kiosk.who.type_buttons["resident"])
    click(qtbot, kiosk.who.next_button)
    click(qtbot, kiosk.choose.action_buttons["buy-from-local-area"])
    click(qtbot, kiosk.choose.next_button)
    assert kiosk.current() is kiosk.about_you


def keyboard_of(kiosk: KioskWindow) -> OnScreenKeyboard:
    return kiosk.about_you.keyboard


def showing(kiosk: KioskWindow) -> bool:
    return keyboard_of(kiosk).isVisible()


def tap(qtbot: QtBot, kiosk: KioskWindow, *keys: str) -> None:
    """Tap each key named by its caption (a letter as shown) or action, as a finger would; the
    focus must stay in the field typed into."""
    keyboard = keyboard_of(kiosk)
    for name in keys:
        field = keyboard.target
        button = keyboard.key_for(name)
        assert button.isVisible(), f"{name!r} is on screen"
        click(qtbot, button)
        assert QApplication.focusWidget() is field or name in (NEXT, HIDE), f"after {name!r}"


def typing_into(kiosk: KioskWindow, field: QLineEdit) -> Callable[[], bool]:
    """Whether the keyboard shows, typing into `field`."""
    return lambda: keyboard_of(kiosk).target is field and showing(kiosk)


def tap_field(qtbot: QtBot, field: QLineEdit) -> None:
    click(qtbot, field)
    qtbot.wait(10)  # the keyboard follows the focus once the finger has lifted


def test_a_whole_pledge_with_taps_alone(
    qtbot: QtBot, make_kiosk: Kiosk, store: Store, key_presses: KeyPresses
) -> None:
    kiosk = make_kiosk("auto")
    to_about_you(qtbot, kiosk)
    about = kiosk.about_you
    assert QApplication.focusWidget() is about.name and showing(kiosk)
    # A capital comes by itself on the first letter and after a space or hyphen; Shift gives
    # one capital; the accents page holds ë and Ł.
    tap(qtbot, kiosk, "Z", "o", PAGE, "ë", PAGE, " ", "O", "'", SHIFT, "B", "r", "i", "e")
    tap(qtbot, kiosk, "n", "-", PAGE, "Ł", PAGE, "u", "k", "a", "s", "x", BACKSPACE, "z")
    assert about.name.text() == NAME
    tap(qtbot, kiosk, NEXT)
    assert QApplication.focusWidget() is about.email
    tap(qtbot, kiosk, *"zoe.obrien@", "gmail.com")
    tap(qtbot, kiosk, NEXT)
    tap(qtbot, kiosk, "+", *"44", " ", *"1438", " ", *"242424", NEXT)
    assert QApplication.focusWidget() is about.postcode
    tap(qtbot, kiosk, *"SG1", " ", *"1HN", NEXT)  # Done, on the last field
    qtbot.waitUntil(lambda: not showing(kiosk))
    assert QApplication.focusWidget() is about.postcode
    click(qtbot, about.consent_contact)
    click(qtbot, about.next_button)
    assert kiosk.current() is kiosk.review
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.thanks
    assert key_presses.count == 0, "not one key press, only taps"
    [stored] = store.list_pledges()
    assert stored.name == NAME
    assert (stored.email, stored.phone, stored.postcode) == (
        "zoe.obrien@gmail.com", "+44 1438 242424", "SG1 1HN"
    )  # fmt: skip


def test_a_tap_keeps_the_kiosk_awake(qtbot: QtBot, make_kiosk: Kiosk) -> None:
    kiosk = make_kiosk("on", idle_timeout_seconds=1.2, warning_seconds=0.6)
    to_about_you(qtbot, kiosk)
    for _ in range(10):  # 2.5 s of taps, twice the idle timeout
        qtbot.wait(250)
        tap(qtbot, kiosk, "A" if not kiosk.about_you.name.text() else "a")
    assert kiosk.current() is kiosk.about_you and not kiosk.overlay.isVisible()
    assert kiosk.about_you.name.text() == "A" + "a" * 9
    qtbot.waitUntil(lambda: kiosk.current() is kiosk.welcome, timeout=4000)  # taps stopped


def test_maximum_length_holds(qtbot: QtBot, make_kiosk: Kiosk) -> None:
    kiosk = make_kiosk("on")
    to_about_you(qtbot, kiosk)
    name = kiosk.about_you.name
    tap(qtbot, kiosk, "A")
    tap(qtbot, kiosk, *"a" * (name.maxLength() + 5))
    assert len(name.text()) == name.maxLength()


def test_always_shows_while_a_field_has_the_focus(qtbot: QtBot, make_kiosk: Kiosk) -> None:
    kiosk = make_kiosk("on")
    to_about_you(qtbot, kiosk)
    assert showing(kiosk)
    QTest.keyClick(kiosk.windowHandle(), Qt.Key.Key_A)  # a physical key changes nothing
    assert kiosk.about_you.name.text() == "a" and showing(kiosk)
    tap(qtbot, kiosk, HIDE)
    qtbot.waitUntil(lambda: not showing(kiosk))
    tap_field(qtbot, kiosk.about_you.name)  # a tap on the field brings it back
    qtbot.waitUntil(lambda: showing(kiosk))
    click(qtbot, kiosk.about_you.consent_contact)  # off the text fields
    qtbot.waitUntil(lambda: not showing(kiosk))
    click(qtbot, kiosk.about_you.back_button)
    assert kiosk.current() is kiosk.choose and not showing(kiosk)


def test_never_shows_when_set_off(qtbot: QtBot, make_kiosk: Kiosk) -> None:
    kiosk = make_kiosk("off")
    to_about_you(qtbot, kiosk)
    assert QApplication.focusWidget() is kiosk.about_you.name
    tap_field(qtbot, kiosk.about_you.email)
    assert QApplication.focusWidget() is kiosk.about_you.email
    assert not showing(kiosk)


def test_automatic_hides_it_for_someone_with_a_keyboard_until_the_next_attendee(
    qtbot: QtBot, make_kiosk: Kiosk
) -> None:
    kiosk = make_kiosk("auto", idle_timeout_seconds=1.0, warning_seconds=0.5)
    to_about_you(qtbot, kiosk)
    name = kiosk.about_you.name
    assert showing(kiosk)
    made_up = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x")
    QApplication.sendEvent(name, made_up)  # a program's key event: not a keyboard
    assert not made_up.spontaneous() and name.text() == "x" and showing(kiosk)
    QTest.keyClick(kiosk.windowHandle(), Qt.Key.Key_Y)  # from the window system
    assert name.text() == "xy" and not showing(kiosk)
    tap_field(qtbot, kiosk.about_you.email)
    assert QApplication.focusWidget() is kiosk.about_you.email and not showing(kiosk)
    qtbot.waitUntil(lambda: kiosk.current() is kiosk.welcome, timeout=3000)  # the idle wipe
    to_about_you(qtbot, kiosk)
    assert name.text() == "" and showing(kiosk), "the next attendee gets the keyboard"


def test_staff_choose_the_setting_in_plain_words(qtbot: QtBot, store: Store) -> None:
    page = EventsPage(store)
    qtbot.addWidget(page)
    combo = page.keyboard_mode
    assert combo.currentData() == "auto"
    assert combo.currentText() == "Automatic: show it until someone types on a keyboard"
    words = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert words == {
        "auto": "Automatic: show it until someone types on a keyboard",
        "on": "Always show it",
        "off": "Never show it",
    }
    combo.setCurrentIndex(combo.findData("off"))
    page.save_settings()
    assert kiosk_settings(store).on_screen_keyboard == "off"
    assert EventsPage(store).keyboard_mode.currentData() == "off"


def window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def assert_in_view(kiosk: KioskWindow, field: QLineEdit) -> None:
    about = kiosk.about_you
    keyboard = window_rect(keyboard_of(kiosk))
    where = window_rect(field)
    label = f"{field.accessibleName()} at {kiosk.width()}x{kiosk.height()}"
    assert not where.intersects(keyboard), f"{label}: {where} under the keyboard {keyboard}"
    assert window_rect(about.scroll_area.viewport()).contains(where), f"{label} is in view"


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920), (1024, 768)])
def test_the_field_typed_in_is_never_under_the_keyboard(
    qtbot: QtBot, make_kiosk: Kiosk, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk("on", size)
    to_about_you(qtbot, kiosk)
    about = kiosk.about_you
    fields = [about.name, about.email, about.phone, about.postcode]
    for field in fields:  # tapped, from the top of the form
        about.scroll_to_top()
        tap_field(qtbot, field)
        qtbot.waitUntil(typing_into(kiosk, field))
        assert_in_view(kiosk, field)
    about.scroll_to_top()
    QApplication.processEvents()
    tap_field(qtbot, about.name)
    for field in fields[1:]:  # with Next, the form scrolled as it was left
        tap(qtbot, kiosk, NEXT)
        assert_in_view(kiosk, field)
    tap(qtbot, kiosk, NEXT)  # Done
    tap_field(qtbot, about.name)
    qtbot.waitUntil(lambda: showing(kiosk))
    tap(qtbot, kiosk, PAGE)  # the accents page is taller
    assert_in_view(kiosk, about.name)


def pages_of(qtbot: QtBot, kiosk: KioskWindow) -> Iterator[str]:
    """Bring up each page of each layout, saying which."""
    about = kiosk.about_you
    for field, kind in ((about.name, "name"), (about.email, "email"), (about.phone, "phone"),
                        (about.postcode, "postcode")):  # fmt: skip
        tap_field(qtbot, field)
        qtbot.waitUntil(typing_into(kiosk, field))
        yield kind
        if kind == "name":
            tap(qtbot, kiosk, SHIFT)
            yield "name, shifted"
            tap(qtbot, kiosk, PAGE)
            yield "name, accents"
            tap(qtbot, kiosk, PAGE)


@pytest.mark.parametrize("size", [(1024, 768), (3840, 2160)])
def test_every_key_is_large_and_named(
    qtbot: QtBot, make_kiosk: Kiosk, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk("on", size)
    to_about_you(qtbot, kiosk)
    keyboard = keyboard_of(kiosk)
    seen = 0
    for page in pages_of(qtbot, kiosk):
        for key in keyboard.current_page().keys:
            assert key.isVisible()
            assert key.focusPolicy() == Qt.FocusPolicy.NoFocus
            assert min(key.width(), key.height()) >= 44, f"{page}: {key.text()!r} {key.size()}"
            a11y = QAccessible.queryAccessibleInterface(key)
            assert a11y is not None
            assert a11y.text(QAccessible.Text.Name).strip(), f"{page}: {key.text()!r} unnamed"
            seen += 1
    assert seen > 150
    names = {key.accessibleName() for page in keyboard.pages.values() for key in page.keys}
    wanted = {"Backspace", "Shift", "Space", "hyphen", "apostrophe", "at sign"}
    assert wanted | {"Hide keyboard", "Next field", "Done", "q", "ß"} <= names


def test_nothing_moves_under_a_finger_until_it_lifts(qtbot: QtBot, make_kiosk: Kiosk) -> None:
    kiosk = make_kiosk("on", (1024, 768))
    to_about_you(qtbot, kiosk)
    about = kiosk.about_you
    box = about.consent_contact  # a tap on the box takes the focus from the field
    assert QApplication.focusWidget() is about.name and showing(kiosk)
    about.scroll_area.ensureWidgetVisible(box)  # scrolled down to it, above the keyboard
    where = window_rect(box)
    assert window_rect(about.scroll_area.viewport()).contains(where)
    qtbot.mousePress(box, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert showing(kiosk) and window_rect(box) == where, "the box stays under the finger"
    qtbot.mouseRelease(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    qtbot.waitUntil(lambda: not showing(kiosk))


def test_the_organisation_is_typed_with_taps_too(
    qtbot: QtBot, make_kiosk: Kiosk, store: Store, key_presses: KeyPresses
) -> None:
    """The who step's one text field, the organisation's name, has the keyboard as well; the
    step's keyboard goes with the step."""
    kiosk = make_kiosk("auto")
    who = kiosk.who
    click(qtbot, kiosk.welcome.start_button)
    click(qtbot, who.type_buttons["community_group"])
    assert not who.keyboard.isVisible(), "no field has the focus yet"
    tap_field(qtbot, who.organisation)
    qtbot.waitUntil(who.keyboard.isVisible)
    assert who.keyboard.target is who.organisation
    for name in ("S", "h", "e", "p", "h", "a", "l", "l", " ", "A", "r", "t", "s"):
        click(qtbot, who.keyboard.key_for(name))
        assert QApplication.focusWidget() is who.organisation
    assert who.organisation.text() == "Shephall Arts"
    click(qtbot, who.next_button)
    assert kiosk.current() is kiosk.choose and not who.keyboard.isVisible()
    click(qtbot, kiosk.choose.action_buttons["support-cooperatives"])
    click(qtbot, kiosk.choose.next_button)
    tap(qtbot, kiosk, *"Ada")
    click(qtbot, kiosk.about_you.next_button)
    click(qtbot, kiosk.review.next_button)
    assert key_presses.count == 0
    [stored] = store.list_pledges()
    assert (stored.organisation, stored.name) == ("Shephall Arts", "Ada")
