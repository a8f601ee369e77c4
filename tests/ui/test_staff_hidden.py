"""Nothing of the staff side exists while the public side shows: walking everything a screen
reader can reach (the kiosk window's QAccessible tree) on each public screen, before and after
a staff visit, finds no staff control to read or press; during the visit it finds them, and
pressing one through that interface works (so the walk would find them if they were there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.staff.console import StaffConsole
from tests.fixtures.kiosk import PIN, click, fill_to_review, store_of
from tests.helpers import pledge

STAFF_CONTROLS = {"Quit Charter Desktop", "Back to the kiosk", "Change PIN", "Staff sections",
                  "Save hub settings", "Sync now"}  # fmt: skip


def reachable(window: QWidget) -> dict[str, QAccessibleInterface]:
    """Every named object in the kiosk window's accessibility tree, by name (the window is
    the application's only one on a kiosk; other tests' windows may still be open here)."""
    root = QAccessible.queryAccessibleInterface(window)
    assert root is not None and root.isValid()
    found: dict[str, QAccessibleInterface] = {}
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        name = node.text(QAccessible.Text.Name)
        if name:
            found.setdefault(name, node)
        if depth < 60:
            for index in range(node.childCount()):
                child = node.child(index)
                if child is not None and child.isValid():
                    stack.append((child, depth + 1))
    return found


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store) -> Iterator[KioskWindow]:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    store.add_pledges([pledge(name="Amelia Patel")], source="kiosk", actor="kiosk")
    window = KioskWindow(store, print_certificate=lambda p: None, tap_guard_seconds=0)
    # The staff console as the app adds it: built when staff first open it.
    window.staff.add_section("Console", lambda: StaffConsole(store))
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window


def public_screens_show_no_staff_control(qtbot: QtBot, window: KioskWindow) -> None:
    assert not STAFF_CONTROLS & set(reachable(window)), "on the welcome screen"
    fill_to_review(qtbot, window)
    assert not STAFF_CONTROLS & set(reachable(window)), "on the review screen"
    click(qtbot, window.review.next_button)
    assert window.current() is window.thanks
    assert not STAFF_CONTROLS & set(reachable(window)), "on the thank-you screen"
    window.reset_flow()


def test_no_staff_control_is_reachable_from_the_public_side(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    public_screens_show_no_staff_control(qtbot, kiosk)

    kiosk.show_staff()  # as after the right PIN
    kiosk.staff.section(1)  # the console, with its Change PIN and sync settings
    during = reachable(kiosk)
    assert set(during) >= STAFF_CONTROLS  # the positive control: the walk sees them now
    back = during["Back to the kiosk"].actionInterface()
    assert isinstance(back, QAccessibleActionInterface)
    back.doAction(QAccessibleActionInterface.pressAction())  # pressed as a screen reader does
    qtbot.waitUntil(lambda: kiosk.current() is kiosk.welcome, timeout=5_000)  # an animated click
    QApplication.sendPostedEvents(None, 0)

    public_screens_show_no_staff_control(qtbot, kiosk)
    assert kiosk.isVisible()
    with store_of(kiosk).db.read() as session:  # the PIN stays the one staff chose
        assert staff_auth.check_pin(session, PIN).ok
