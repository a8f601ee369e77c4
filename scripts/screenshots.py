"""Renders the app's screens at 1280x800 on the offscreen platform into docs/screenshots/.

Usage: python scripts/screenshots.py. Uses a throw-away data folder with demo pledges.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from charter_desktop.core.demo import demo_pledges
from charter_desktop.core.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.ui.app import MainWindow
from charter_desktop.ui.style import STYLESHEET

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv)
    app.setStyleSheet(STYLESHEET)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(resolve_paths(folder))
        store.add_pledges(demo_pledges(store.catalogue, 37, seed=1), source="demo", actor="demo")
        window = MainWindow(store)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / "welcome.png"))
        print(OUT / "welcome.png")
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
