"""Starts the Qt application on an opened store: one instance per data folder, a damaged
database stopped before capture, the staff PIN on first run, then the kiosk, full screen,
the council key that protects attendees' details (first run), with printing, certificate
emails, the staff console, rolling backups and the retention policy wired in."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from charter_desktop.core import backup, retention, staff_auth
from charter_desktop.core.clock import utc_now
from charter_desktop.core.instance_lock import AlreadyRunning, InstanceLock
from charter_desktop.core.paths import AppPaths
from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.store import DamagedDatabaseError, Store, StoreError
from charter_desktop.ui import startup_probe
from charter_desktop.ui.certificate_actions import (
    kiosk_email,
    kiosk_print,
    staff_certificate_actions,
)
from charter_desktop.ui.kiosk.staff_access import SetupPinDialog
from charter_desktop.ui.kiosk.widgets import translate
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog
from charter_desktop.ui.style import build_stylesheet
from charter_desktop.ui.translations import install_translator
from charter_desktop.ui.worker import BackgroundCall

log = logging.getLogger(__name__)
TITLE = "Charter Desktop"
FIRST_BACKUP_MS = 5_000  # after the kiosk is on screen, so start-up stays quick
BACKUP_CHECK_MS = 10 * 60_000  # a rolling backup is made when the newest is an hour old
RETENTION_MS = 24 * 3600_000  # the retention policy runs at start and then daily


def ensure_staff_pin(store: Store) -> bool:
    """True when a staff PIN is set, asking staff to choose one first if none is."""
    with store.db.read() as session:
        if staff_auth.has_pin(session):
            return True
    dialog = SetupPinDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    dialog.resize(900, 700)
    return dialog.exec() == SetupPinDialog.DialogCode.Accepted


def ensure_council_key(store: Store) -> None:
    """Offer to set up the council key when the folder has none (the first run, or a folder
    made before encryption); "Not now" keeps personal data in clear."""
    if privacy_service.store_key(store) is not None:
        return
    dialog = SetupKeyDialog(store)
    dialog.setStyleSheet(build_stylesheet())
    dialog.resize(900, 600)
    if dialog.exec() != SetupKeyDialog.DialogCode.Accepted:
        log.warning("no council key: personal data in this folder is stored in clear")


def build_kiosk(store: Store) -> KioskWindow:
    """The kiosk window with everything staff and attendees use connected to it."""
    window = KioskWindow(
        store, print_certificate=kiosk_print(store), queue_certificate_email=kiosk_email(store)
    )

    def console() -> QWidget:
        # Built the first time staff open it: the kiosk itself starts without it.
        from charter_desktop.ui.staff.console import StaffConsole

        return StaffConsole(store, certificate_actions=staff_certificate_actions(store, window))

    window.staff.add_section(translate("App", "Console"), console)

    def insight() -> QWidget:
        from charter_desktop.ui.insight.dashboard import insight_section

        return insight_section(store, window)

    window.staff.add_section(translate("App", "Insight"), insight)
    return window


class BackupSchedule(QObject):
    """Rolling backups while the app runs, each on a worker thread: the first shortly after
    start, then whenever the newest is an hour old (core.backup.rolling_backup_if_due)."""

    def __init__(self, paths: AppPaths, parent: QObject | None = None):
        super().__init__(parent)
        self.paths = paths
        self.call: BackgroundCall | None = None
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(self.run)
        self.timer.start()
        QTimer.singleShot(FIRST_BACKUP_MS, self.run)

    def run(self) -> None:
        if self.call is not None and self.call.running:
            return
        paths = self.paths
        self.call = BackgroundCall(lambda: backup.rolling_backup_if_due(paths), self)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _done(self, made: backup.BackupInfo | None) -> None:
        self.last_error = None
        if made is not None:
            log.info("rolling backup %s (%d bytes)", made.path.name, made.size)

    def _failed(self, message: str) -> None:
        self.last_error = message
        log.error("rolling backup failed: %s", message)


class RetentionSchedule(QObject):
    """The retention policy (core.retention) applied on a worker thread at start and daily."""

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(RETENTION_MS)
        self.timer.timeout.connect(self.run)
        self.timer.start()
        self.run()

    def run(self) -> None:
        if self.call is not None and self.call.running:
            return
        store = self.store
        self.call = BackgroundCall(lambda: retention.apply_retention(store, utc_now()), self)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _done(self, run: retention.RetentionRun) -> None:
        self.last_error = None
        if run.removed:
            log.info("retention removed the personal data of %d pledges", run.removed)

    def _failed(self, message: str) -> None:
        self.last_error = message
        log.error("retention failed: %s", message)


def report_damaged_database(paths: AppPaths, error: DamagedDatabaseError) -> int:
    """Capture stays stopped. Staff may save a byte-for-byte rescue copy, then quit."""
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, str(error))
    box.setInformativeText(
        translate(
            "App",
            "No pledges can be taken until the database is restored. Make a rescue copy "
            "for support now (on a USB stick), then restore the newest backup.",
        )
    )
    copy_button = box.addButton(
        translate("App", "Make a rescue copy…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is copy_button:
        folder = QFileDialog.getExistingDirectory(
            None, translate("App", "Where to put the rescue copy")
        )
        if folder:
            try:
                target = backup.rescue_copy(paths, Path(folder))
            except (backup.BackupError, OSError) as exc:
                QMessageBox.critical(
                    None, TITLE, translate("App", "No copy was made: {0}").format(exc)
                )
            else:
                QMessageBox.information(
                    None,
                    TITLE,
                    translate("App", "The database files were copied, unchanged, to {0}").format(
                        target
                    ),
                )
    return 1


def run_app(paths: AppPaths) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(TITLE)
    install_translator(app)
    try:
        lock = InstanceLock(paths.ensure().data_dir).acquire()
    except (AlreadyRunning, OSError) as exc:
        QMessageBox.warning(None, TITLE, str(exc))
        return 1
    try:
        try:
            store = Store.open(paths)
        except DamagedDatabaseError as exc:
            return report_damaged_database(paths, exc)
        except StoreError as exc:
            QMessageBox.critical(None, TITLE, str(exc))
            return 1
        try:
            if not ensure_staff_pin(store):
                log.info("no staff PIN chosen; the kiosk was not opened")
                return 0
            ensure_council_key(store)
            window = build_kiosk(store)
            if startup_probe.requested():
                startup_probe.exit_when_shown(window, window.quit_kiosk)
            window.showFullScreen()
            log.info("kiosk shown; data in %s", paths.data_dir)
            backups = BackupSchedule(paths, window)
            retained = RetentionSchedule(store, window)
            code = int(app.exec())
            backups.timer.stop()
            retained.timer.stop()
            window.release_for_shutdown()
            return code
        finally:
            store.close()
    finally:
        lock.release()
