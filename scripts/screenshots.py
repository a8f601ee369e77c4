"""Renders each step of the kiosk at 1280x800 (and one at 3840x2160), then each page of the
staff console, on the offscreen platform into docs/screenshots/, driving the app by clicks and
typing as an attendee and staff would.

Usage: python scripts/screenshots.py [insight|privacy|sizes|keyboard|console]. Uses a
throw-away data folder with demo pledges; `insight` renders only the insight dashboard and the
pledge wall, `privacy` only the council key's dialogs, the locked pledge table and the Privacy
page, `sizes` only the welcome, choose and about-you steps at each screen size of SCREEN_SIZES
(docs/screenshots/sizes/), `keyboard` only the about-you step with the on-screen keyboard, a
name half typed on it, at 1280x800 and 1080x1920, `console` only the staff console's pages and
one pledge opened.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from charter_desktop.core.insight.queries import store_insight
from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.ui.app import build_kiosk
from charter_desktop.ui.insight.dashboard import InsightDashboard
from charter_desktop.ui.insight.wall import PledgeWall
from charter_desktop.ui.kiosk.keyboard_layouts import PAGE, SHIFT
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.staff.console import StaffConsole
from charter_desktop.ui.style import build_stylesheet, window_scale
from charter_desktop.ui.translations import install_translator

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = (1280, 800)
PIN = "246810"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
        QTest.qWait(20)


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    path = OUT / name
    widget.grab().save(str(path))
    print(path)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def make_window(store: Store, size: tuple[int, int]) -> KioskWindow:
    def keep(_pledge: Pledge) -> None:
        return None

    window = KioskWindow(
        store, print_certificate=keep, queue_certificate_email=keep, tap_guard_seconds=0
    )
    window.resize(*size)
    window.show()
    return window


def walk(app: QApplication, store: Store) -> None:
    window = make_window(store, SIZE)
    save(app, window, "kiosk-1-welcome.png")
    click(window.welcome.start_button)
    click(window.who.type_buttons["business"])
    QTest.keyClicks(window.who.organisation, "Bedwell Bakery Co-op")
    save(app, window, "kiosk-2-who.png")
    click(window.who.next_button)
    click(window.choose.action_buttons["buy-from-local-area"])
    click(window.choose.action_buttons["supported-work-placements"])
    words = "Bake with flour from the mill in Walkern and train two apprentices."
    QTest.keyClicks(window.choose.own_words, words)
    save(app, window, "kiosk-3-choose.png")
    click(window.choose.next_button)
    QTest.keyClicks(window.about_you.email, "not an address")
    QTest.keyClicks(window.about_you.postcode, "SG1")
    click(window.about_you.next_button)
    save(app, window, "kiosk-4-validation.png")
    for edit in (window.about_you.email, window.about_you.postcode):
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(window.about_you.name, "Priya Shah")
    QTest.keyClicks(window.about_you.email, "priya@bedwellbakery.example")
    QTest.keyClicks(window.about_you.postcode, "sg1 1hn")
    click(window.about_you.consent_contact)
    click(window.about_you.consent_publish)
    save(app, window, "kiosk-4-about-you.png")
    click(window.about_you.next_button)
    save(app, window, "kiosk-5-review.png")
    click(window.review.next_button)
    save(app, window, "kiosk-6-thanks.png")
    click(window.thanks.finish_button)
    click(window.welcome.start_button)
    click(window.who.type_buttons["resident"])
    window.idle.warning.emit(12)
    save(app, window, "kiosk-idle-countdown.png")
    window.reset_flow()
    window.request_staff()
    dialog = window.pin_dialog
    assert dialog is not None
    for digit in PIN:
        click(dialog.keypad.buttons[digit])
    save(app, dialog, "staff-pin.png")
    click(dialog.ok_button)
    save(app, window, "staff-home.png")
    window.quit_kiosk()

    big = make_window(store, (3840, 2160))
    click(big.welcome.start_button)
    click(big.who.type_buttons["resident"])
    click(big.who.next_button)
    click(big.choose.action_buttons["shop-local-or-volunteer"])
    save(app, big, "kiosk-3-choose-4k.png")
    big.quit_kiosk()


SCREEN_SIZES = [(1024, 768), (1366, 768), (1920, 1080), (1080, 1920), (3840, 2160)]


def sizes(app: QApplication, store: Store) -> None:
    """The first three steps at each of SCREEN_SIZES, the about-you step filled in with the
    longest ordinary answers, so clipped or crowded text shows."""
    folder = OUT / "sizes"
    folder.mkdir(exist_ok=True)
    for width, height in SCREEN_SIZES:
        window = make_window(store, (width, height))
        tag = f"{width}x{height}"
        save(app, window, f"sizes/welcome-{tag}.png")
        click(window.welcome.start_button)
        click(window.who.type_buttons["business"])
        QTest.keyClicks(window.who.organisation, "Bedwell Bakery Co-operative Society Limited")
        click(window.who.next_button)
        click(window.choose.action_buttons["buy-from-local-area"])
        save(app, window, f"sizes/choose-{tag}.png")
        click(window.choose.next_button)
        QTest.keyClicks(window.about_you.name, "Oluwaseun Adebayo-Fitzgerald")
        QTest.keyClicks(window.about_you.email, "oluwaseun.adebayo-fitzgerald@example.org")
        QTest.keyClicks(window.about_you.postcode, "SG1 1HN")
        click(window.about_you.consent_contact)
        save(app, window, f"sizes/about-you-{tag}.png")
        window.quit_kiosk()


KEYBOARD_SIZES = [(1280, 800), (1080, 1920)]


def keyboard(app: QApplication, store: Store) -> None:
    """The about-you step at each of KEYBOARD_SIZES with the name field in focus and a name
    half typed by taps on the on-screen keyboard (a capital after the space, an apostrophe,
    Shift, and ë from the accents page)."""
    for width, height in KEYBOARD_SIZES:
        window = make_window(store, (width, height))
        window.activateWindow()
        settle(app)
        click(window.welcome.start_button)
        click(window.who.type_buttons["resident"])
        click(window.who.next_button)
        click(window.choose.action_buttons["buy-from-local-area"])
        click(window.choose.next_button)
        board = window.about_you.keyboard
        for key in ("Z", "o", PAGE, "ë", PAGE, " ", "O", "'", SHIFT, "B", "r"):
            click(board.key_for(key))
        save(app, window, f"keyboard-{width}x{height}.png")
        window.quit_kiosk()


CONSOLE_PAGES = [
    ("today", "staff-today.png"),
    ("pledges", "staff-pledges.png"),
    ("events", "staff-events.png"),
    ("paper", "staff-paper.png"),
    ("export", "staff-export.png"),
    ("council", "staff-sync.png"),
    ("mail", "staff-email.png"),
    ("backups", "staff-backups.png"),
]


def staff_section(store: Store, title: str) -> tuple[KioskWindow, QWidget]:
    """The kiosk at 1280x800 with the staff area open on its section `title`."""
    window = build_kiosk(store)
    window.resize(*SIZE)
    window.show()
    window.show_staff()
    staff = window.staff
    tab = next(i for i in range(staff.tabs.count()) if staff.tabs.tabText(i) == title)
    staff.tabs.setCurrentIndex(tab)
    return window, staff.section(tab)


def console(app: QApplication, store: Store) -> None:
    """The staff console as staff see it after the PIN: each page, and one pledge opened."""
    window, panel = staff_section(store, "Console")
    assert isinstance(panel, StaffConsole)
    for attribute, name in CONSOLE_PAGES:
        panel.show_page(getattr(panel, attribute))
        save(app, window, name)
    panel.show_page(panel.pledges)
    first = store.list_pledges()[0]
    dialog = panel.pledges.open_pledge(first)  # as large as the screen lets it be
    save(app, dialog, "staff-pledge-dialog.png")
    dialog.reject()
    window.quit_kiosk()


def insight(app: QApplication, folder: str) -> None:
    """The insight dashboard (staff tab and projector size) and the pledge wall, on 500
    seeded demo pledges."""
    store = Store.open(resolve_paths(Path(folder) / "insight"))
    store.add_pledges(demo_pledges(store.catalogue, 500, seed=7), source="demo", actor="demo")
    event_id = store.current_event().id
    window, panel = staff_section(store, "Insight")
    assert isinstance(panel, InsightDashboard)
    panel.show_insight(store_insight(store, event_id))
    save(app, window, "insight-staff-tab.png")
    window.quit_kiosk()

    projector = InsightDashboard(store)
    projector.resize(1920, 1080)
    projector.setStyleSheet(build_stylesheet(window_scale(1920, 1080)))
    projector.show()
    projector.timer.stop()
    projector.show_insight(store_insight(store, event_id))
    save(app, projector, "insight-dashboard.png")
    scroll = projector.findChild(QScrollArea)
    assert scroll is not None, "the dashboard scrolls its body"
    body = scroll.widget()
    assert body is not None, "the dashboard's scroll area holds its body"
    save(app, body, "insight-dashboard-full.png")
    projector.close()

    wall = PledgeWall(store)
    wall.resize(1920, 1080)
    wall.show()
    live = {"name": "Priya Shah", "pledger_type": "business", "organisation": "Bedwell Bakery",
            "actions": ["buy-from-local-area", "supported-work-placements"],
            "pledge_text": "Bake with flour from the mill in Walkern and train two apprentices.",
            "consent_publish_name": True}  # fmt: skip
    store.add_pledges([live], source="kiosk", actor="kiosk")
    wall.poll()
    save(app, wall, "insight-wall.png")
    wall.close()
    store.close()


def privacy(app: QApplication, folder: str) -> None:
    """The council key: the first-run dialog, the passphrase prompt as the staff area opens,
    the pledge table while locked, and the Privacy page."""
    from charter_desktop.core.privacy import service
    from charter_desktop.core.privacy.keys import ScryptCost
    from charter_desktop.ui.privacy_dialogs import SetupKeyDialog

    store = Store.open(resolve_paths(Path(folder) / "privacy"))
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    first_run = SetupKeyDialog(store)
    first_run.setStyleSheet(build_stylesheet())
    first_run.resize(900, 600)
    first_run.show()
    save(app, first_run, "privacy-first-run.png")
    first_run.reject()
    service.create_key(store, "a passphrase for screenshots", "demo", ScryptCost(n=2**10))
    service.lock()
    store.add_pledges(demo_pledges(store.catalogue, 37, seed=1), source="demo", actor="demo")
    window, panel = staff_section(store, "Console")
    assert isinstance(panel, StaffConsole)
    dialog = window.unlock_dialog  # asked for as the staff area opened
    assert dialog is not None
    dialog.resize(760, 360)
    save(app, dialog, "privacy-unlock.png")
    dialog.reject()
    panel.show_page(panel.pledges)
    save(app, window, "privacy-locked-table.png")
    panel.show_page(panel.privacy)
    panel.privacy.refresh()
    save(app, window, "privacy-page.png")
    window.quit_kiosk()
    store.close()


def main() -> int:
    app = QApplication(sys.argv)
    install_translator(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        if sys.argv[1:] == ["insight"]:
            insight(app, folder)
            return 0
        if sys.argv[1:] == ["privacy"]:
            privacy(app, folder)
            return 0
        store = Store.open(resolve_paths(folder))
        store.add_pledges(demo_pledges(store.catalogue, 37, seed=1), source="demo", actor="demo")
        with store.db.write() as session:
            staff_auth.set_pin(session, PIN)
        if sys.argv[1:] == ["sizes"]:
            sizes(app, store)
            store.close()
            return 0
        if sys.argv[1:] == ["keyboard"]:
            keyboard(app, store)
            store.close()
            return 0
        if sys.argv[1:] == ["console"]:
            console(app, store)
            store.close()
            return 0
        walk(app, store)
        sizes(app, store)
        keyboard(app, store)
        console(app, store)
        store.close()
        insight(app, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
