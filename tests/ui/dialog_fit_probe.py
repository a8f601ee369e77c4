"""Run by tests/ui/test_dialogs_fit.py in a child process on a real X display (Xvfb at a
kiosk's size, with a window manager): opens each staff and privacy dialog the way the app
does, over the full-screen kiosk window, with a pledge whose every field is as long as it may
be, and writes where each dialog and each of its buttons ended up on the screen, as Qt reads
it once the window manager has framed the dialog, to OUT as JSON.

Usage: python dialog_fit_probe.py DATA_DIR OUT
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from charter_desktop.core.certificates.service import certificates_to_print
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.ui.app import build_kiosk
from charter_desktop.ui.kiosk.staff_access import SetupPinDialog
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.print_preview import CertificatePreview
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog, UnlockDialog
from charter_desktop.ui.staff.console import StaffConsole
from charter_desktop.ui.staff.pledge_dialog import PledgeDialog
from charter_desktop.ui.style import build_stylesheet
from charter_desktop.ui.translations import install_translator

PIN = "246810"
ZALGO = "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤"  # tall marks above and below the line


def long_pledge(store: Store) -> dict[str, Any]:
    """Every field at (or near) its longest: every action, each measure, a long own words."""
    words = store.catalogue.own_words.max_length
    return {
        "name": (ZALGO + " Oluwaseun Adebayo-Fitzgerald Wolfeschlegelsteinhausen")[:100],
        "pledger_type": "business",
        "organisation": ("Bedwell Bakery Co-operative Society Limited " * 5)[:200],
        "email": "oluwaseun.adebayo-fitzgerald.apprenticeships@"
        + "bedwell-bakery-co-operative-society.stevenage.example.org",
        "phone": "+44 (0) 1438 - 000 - 000 - 0",
        "postcode": "SG1 1HN",
        "actions": list(store.catalogue.actions),
        "measures": {a: 1 for a in store.catalogue.measures},
        "pledge_text": ("We will train apprentices.\n" * 40)[:words],
        "consent_contact": True,
        "consent_publish_name": True,
    }


def settle(app: QApplication, ms: int = 300) -> None:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        app.processEvents()
        QTest.qWait(20)


def framed(app: QApplication, dialog: QWidget) -> None:
    """Wait until the dialog is on screen, the window manager's frame is known, and where it
    is has stopped changing (the window manager may move it once more after framing it)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not dialog.isVisible():
        QTest.qWait(20)
    QTest.qWaitForWindowExposed(dialog, 5000)
    seen, same, deadline = None, 0, time.monotonic() + 10
    while same < 3 and time.monotonic() < deadline:
        settle(app, 100)
        frame, inside = dialog.frameGeometry(), dialog.geometry()
        # Qt may read the frame mid-reparenting (a 1x1 frame, seen under openbox): wait for
        # a frame around the dialog.
        if frame == inside or not frame.contains(inside):
            same, seen = 0, None
            continue
        now = (rect(frame), rect(inside))
        same = same + 1 if now == seen else 0
        seen = now


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def measure(dialog: QDialog, buttons: dict[str, QPushButton]) -> dict[str, Any]:
    screen = dialog.screen()
    return {
        "title": dialog.windowTitle(),
        "available": rect(screen.availableGeometry()),
        "frame": rect(dialog.frameGeometry()),
        "inside": rect(dialog.rect()),
        "buttons": {
            name: {
                "visible": button.isVisible(),
                "screen": rect(QRect(button.mapToGlobal(button.rect().topLeft()), button.size())),
                "in_dialog": rect(QRect(button.mapTo(dialog, button.rect().topLeft()),
                                        button.size())),
                "shown": rect(button.visibleRegion().boundingRect()),
                "size": [button.width(), button.height()],
            }
            for name, button in buttons.items()
        },
    }  # fmt: skip


def console(window: KioskWindow) -> StaffConsole:
    staff = window.staff
    tab = next(i for i in range(staff.tabs.count()) if staff.tabs.tabText(i) == "Console")
    staff.tabs.setCurrentIndex(tab)
    panel = staff.section(tab)
    assert isinstance(panel, StaffConsole)
    return panel


def main() -> int:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([sys.argv[0]])
    install_translator(app)
    store = Store.open(resolve_paths(data_dir))
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    store.add_pledges([long_pledge(store)], source="kiosk", actor="test")
    window = build_kiosk(store)
    window.fill_screen()
    QTest.qWaitForWindowExposed(window, 10_000)
    settle(app)
    found: dict[str, Any] = {}

    def record(name: str, dialog: QDialog, buttons: Callable[[], dict[str, QPushButton]]) -> None:
        framed(app, dialog)
        found[name] = measure(dialog, buttons())
        dialog.grab().save(str(out.with_name(f"{name}.png")))  # to look at when one fails
        dialog.reject()
        settle(app, 100)

    window.request_staff()
    pin = window.pin_dialog
    assert pin is not None
    framed(app, pin)
    for key in "999999":
        QTest.mouseClick(pin.keypad.buttons[key], Qt.MouseButton.LeftButton)
    QTest.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    assert pin.message.isVisible(), "a wrong PIN shows its message"
    record(
        "pin",
        pin,
        lambda: {**pin.keypad.buttons, "cancel": pin.cancel_button, "unlock": pin.ok_button},
    )

    window.show_staff()
    settle(app)
    panel = console(window)
    panel.show_page(panel.pledges)
    pledge = panel.pledges.open_pledge(store.list_pledges()[0])
    assert isinstance(pledge, PledgeDialog)
    record("pledge", pledge, lambda: {
        "save": pledge.save_button, "withdraw": pledge.withdraw_button,
        "erase": pledge.erase_button, "close": pledge.close_button,
    })  # fmt: skip

    unlock = UnlockDialog(store, window, purpose="Changing the mail server")
    unlock.open()
    record("unlock", unlock, lambda: {"cancel": unlock.cancel_button, "ok": unlock.ok_button})

    home = window.staff
    home.show_about()
    about = home.about
    assert about is not None
    record("about", about, lambda: {"close": about.findChildren(QPushButton)[0]})

    printable = certificates_to_print(store, store.list_pledges())
    preview = CertificatePreview(printable.pdf, 1, printable.paper_size, window)
    preview.open()
    record("preview", preview, lambda: {
        "print": preview.print_button, "save": preview.save_button,
        "close": preview.close_button,
    })  # fmt: skip

    # The first-run dialogs open before the kiosk window, with the design-size style sheet.
    setup_key = SetupKeyDialog(store)
    setup_key.setStyleSheet(build_stylesheet())
    setup_key.open()
    record("setup-key", setup_key, lambda: {
        "cancel": setup_key.cancel_button, "file": setup_key.file_button,
        "ok": setup_key.ok_button,
    })  # fmt: skip

    setup_pin = SetupPinDialog(store)
    setup_pin.setStyleSheet(build_stylesheet())
    setup_pin.open()
    framed(app, setup_pin)
    QTest.mouseClick(setup_pin.ok_button, Qt.MouseButton.LeftButton)  # no PIN: the rule
    assert setup_pin.message.isVisible(), "an empty PIN shows the PIN's rule"
    record("setup-pin", setup_pin, lambda: {
        **setup_pin.keypad.buttons, "cancel": setup_pin.cancel_button, "ok": setup_pin.ok_button,
    })  # fmt: skip

    out.write_text(json.dumps(found, indent=1), encoding="utf-8")
    window.quit_kiosk()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
