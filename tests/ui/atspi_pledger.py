"""Run by tests/ui/test_announcements_on_bus.py in a child process on an X display with Qt's
AT-SPI bridge on: makes a pledge on the real kiosk window, with the app's own QApplication,
stopping once on each step that has errors (Next with nothing chosen, Next with no name),
then lets the idle warning appear, and renames a label to DONE so the recording shows when
everything was sent.

Usage: python atspi_pledger.py DATA_DIR DONE
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.ui.app import new_application
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.translations import install_translator

SETTLE_MS = 300  # the bridge sends what it has before the next step
NAME = "Amara Nwosu"


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Keys the accessibility bridge forwards reach the widget once the registry answers."""
    for _ in range(100):
        if condition():
            return
        QTest.qWait(30)
    raise SystemExit(f"not seen in 3 s: {what}")


def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QTest.qWait(SETTLE_MS)


def main(argv: list[str]) -> int:
    data_dir, done = argv
    app = new_application([sys.argv[0]])
    install_translator(app)  # as the app does: the words and their plurals
    if not QAccessible.isActive():
        QTest.qWait(1000)  # the bridge turns on once it reaches the accessibility bus
    print(f"platform={app.platformName()} accessible={QAccessible.isActive()}", flush=True)
    store = Store.open(resolve_paths(Path(data_dir)))
    pledge(store, done)  # its window goes with it, while the application is still there
    store.close()
    return 0


def pledge(store: Store, done: str) -> None:
    kiosk = KioskWindow(store, tap_guard_seconds=0, idle_timeout_seconds=30)
    kiosk.show()
    QTest.qWaitForWindowExposed(kiosk, 5000)
    QTest.qWait(SETTLE_MS)
    tap(kiosk.welcome.start_button)
    tap(kiosk.who.next_button)  # nothing chosen
    tap(kiosk.who.type_buttons["resident"])
    tap(kiosk.who.next_button)
    tap(next(iter(kiosk.choose.action_buttons.values())))
    tap(kiosk.choose.next_button)
    tap(kiosk.about_you.next_button)  # no name
    QTest.keyClicks(kiosk.about_you.name, NAME)
    wait_until(lambda: kiosk.about_you.name.text() == NAME, "the name typed")
    tap(kiosk.about_you.next_button)
    tap(kiosk.review.next_button)
    wait_until(lambda: kiosk.current() is kiosk.thanks, "the thank-you screen")
    kiosk.thanks.finished.emit()  # Finish: a new attendee
    tap(kiosk.welcome.start_button)
    kiosk.idle.warning.emit(15)  # as after 75 quiet seconds
    QTest.qWait(SETTLE_MS)
    kiosk.step_label.setAccessibleName(done)
    QTest.qWait(500)
    kiosk.release_for_shutdown()
    kiosk.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
