"""Starts the Qt application on an opened store: the staff PIN on first run, then the kiosk,
full screen."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from charter_desktop.core import staff_auth
from charter_desktop.core.paths import AppPaths
from charter_desktop.core.store import Store, StoreError
from charter_desktop.ui.kiosk.staff_access import SetupPinDialog
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.style import build_stylesheet
from charter_desktop.ui.translations import install_translator

log = logging.getLogger(__name__)


def ensure_staff_pin(store: Store) -> bool:
    """True when a staff PIN is set, asking staff to choose one first if none is."""
    with store.db.read() as session:
        if staff_auth.has_pin(session):
            return True
    dialog = SetupPinDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    dialog.resize(900, 700)
    return dialog.exec() == SetupPinDialog.DialogCode.Accepted


def run_app(paths: AppPaths) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Charter Desktop")
    install_translator(app)
    try:
        store = Store.open(paths)
    except StoreError as exc:
        QMessageBox.critical(None, "Charter Desktop", str(exc))
        return 1
    try:
        if not ensure_staff_pin(store):
            log.info("no staff PIN chosen; the kiosk was not opened")
            return 0
        window = KioskWindow(store)
        window.showFullScreen()
        log.info("kiosk shown; data in %s", paths.data_dir)
        code = int(app.exec())
        window.release_for_shutdown()
        return code
    finally:
        store.close()
