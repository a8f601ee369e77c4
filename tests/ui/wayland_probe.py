"""Run by tests/ui/test_wayland.py in a child process under a Wayland compositor: shows the
kiosk window full screen as the app does, waits for the compositor to settle its size, and
prints the window's size and its screen's as JSON.

Usage: python wayland_probe.py DATA_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtTest import QTest

from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.ui.app import new_application
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.translations import install_translator


def main(argv: list[str]) -> int:
    app = new_application([sys.argv[0]])
    install_translator(app)  # as the app does: the words and their plurals
    store = Store.open(resolve_paths(Path(argv[0])))
    report = measure(store)
    report["platform"] = app.platformName()
    print(json.dumps(report), flush=True)
    store.close()
    return 0


def measure(store: Store) -> dict[str, object]:
    kiosk = KioskWindow(store)
    kiosk.fill_screen()
    QTest.qWaitForWindowExposed(kiosk, 10000)
    QTest.qWait(1500)  # the compositor's configure and Qt's resize that follows
    handle = kiosk.windowHandle()
    screen = kiosk.screen().geometry()
    report: dict[str, object] = {
        "window": [kiosk.width(), kiosk.height()],
        "frame": [kiosk.frameGeometry().width(), kiosk.frameGeometry().height()],
        "surface": [handle.width(), handle.height()] if handle is not None else None,
        "screen": [screen.width(), screen.height()],
    }
    kiosk.release_for_shutdown()
    kiosk.close()
    return report


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
