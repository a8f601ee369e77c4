"""Starts the Qt application: one instance per data folder, then the kiosk, full screen, with
printing, certificate emails, the staff console, rolling backups and the retention policy
wired in.

A folder already set up (staff PIN and council key chosen) opens welcome screen first: the
window is painted from the catalogue, and the database layer loads and the store opens behind
it (a damaged database then takes the screen, as before any pledge). A new folder opens the
store first, so the first-run dialogs come before the kiosk.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from charter_desktop.core.resources import RESOURCES_DIR
from charter_desktop.core.storage.instance_lock import AlreadyRunning, InstanceLock
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.storage.readiness import kiosk_ready
from charter_desktop.ui import enter_key, startup_probe
from charter_desktop.ui.first_paint import after_first_paint
from charter_desktop.ui.kiosk.widgets import translate
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.secret_keys import SecretKeysApplication
from charter_desktop.ui.stop_signals import SignalWaker
from charter_desktop.ui.translations import install_translator

if TYPE_CHECKING:
    from charter_desktop.core.store import Store
    from charter_desktop.ui.schedules import Schedule

log = logging.getLogger(__name__)
TITLE = "Charter Desktop"
# The name of the app's desktop entry (resources/linux/), which the desktop matches its windows
# to: on Wayland it is the windows' app id.
APP_ID = "org.charterdesktop.CharterDesktop"
ICON = RESOURCES_DIR / "branding" / "logo.png"  # the mark on the certificates
WORKERS_FINISH_MS = 30_000  # at shutdown, the longest a worker's store work is waited for


def attach_kiosk(window: KioskWindow, store: Store) -> None:
    """Make `window` ready on `store`, with the kiosk printer, certificate emails and the
    staff sections connected."""
    from charter_desktop.ui.certificate_actions import (
        kiosk_email,
        kiosk_print,
        staff_certificate_actions,
    )

    window.attach_store(
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


def build_kiosk(store: Store) -> KioskWindow:
    """The kiosk window on an open store, with everything staff and attendees use."""
    window = KioskWindow(catalogue=store.catalogue)
    attach_kiosk(window, store)
    return window


class KioskRun:
    """The running kiosk: its window, and once open its store and schedules, all closed in
    order when the event loop ends."""

    def __init__(self, paths: AppPaths, window: KioskWindow):
        self.paths = paths
        self.window = window
        self.store: Store | None = None
        self.schedules: tuple[Schedule, ...] | None = None

    def start(self, store: Store) -> None:
        from charter_desktop.ui.schedules import (
            BackupSchedule,
            MailSchedule,
            RetentionSchedule,
            SyncSchedule,
        )

        self.store = store
        if not self.window.is_ready():
            attach_kiosk(self.window, store)
        log.info("kiosk ready; data in %s", self.paths.data_dir)
        sync = SyncSchedule(store, self.window)
        # The welcome screen's count follows the hub's totals, and a saved pledge goes to
        # the hub straight away (an enrolled kiosk's event-wide count on every kiosk).
        sync.figures.connect(self.window.show_event_status)
        self.window.pledge_saved.connect(sync.poke)
        self.schedules = (
            BackupSchedule(self.paths, self.window),
            RetentionSchedule(store, self.window),
            sync,
            MailSchedule(store, self.window),
        )

    def open_behind(self, app: QApplication) -> None:
        """Open the store behind the painted welcome screen. If it cannot be opened, or a
        set-up step is missing after all, the kiosk steps aside for the dialog."""
        from charter_desktop.ui import start_checks

        opened = start_checks.open_store(self.paths, self.window)
        if isinstance(opened, int):
            app.exit(opened)
            return
        if not start_checks.set_up(opened, self.window):
            opened.close()
            app.exit(0)
            return
        if self.window.isHidden():  # it stepped aside for a set-up dialog
            self.window.fill_screen()
        self.start(opened)

    def close(self) -> None:
        if self.schedules is not None:
            for schedule in self.schedules:
                schedule.timer.stop()
        self.window.release_for_shutdown()
        # A stop can come at any moment, also while a backup, a sync or an export runs on a
        # worker: the store closes once they are done with it.
        QThreadPool.globalInstance().waitForDone(WORKERS_FINISH_MS)
        if self.store is not None:
            self.store.close()


def _show(window: KioskWindow) -> None:
    if startup_probe.requested():
        startup_probe.exit_when_shown(window, window.quit_kiosk)
    window.fill_screen()
    log.info("kiosk shown")


def _run_welcome_first(app: QApplication, paths: AppPaths, waker: SignalWaker) -> int:
    from charter_desktop.core.catalogue import load_catalogue

    run = KioskRun(paths, KioskWindow(catalogue=load_catalogue(paths.data_dir)))
    after_first_paint(run.window, lambda: run.open_behind(app))
    _show(run.window)
    try:
        return 0 if waker.stopped else int(app.exec())
    finally:
        run.close()


def _run_setup_first(app: QApplication, paths: AppPaths, waker: SignalWaker) -> int:
    from charter_desktop.ui import start_checks

    opened = start_checks.open_store(paths)
    if isinstance(opened, int):
        return opened
    if not start_checks.set_up(opened) or waker.stopped:
        opened.close()
        return 0
    run = KioskRun(paths, build_kiosk(opened))
    run.start(opened)
    _show(run.window)
    try:
        return 0 if waker.stopped else int(app.exec())
    finally:
        run.close()


def new_application(argv: list[str]) -> QApplication:
    """The app's QApplication: keys typed into a PIN or passphrase field stay off the
    accessibility bus (ui.secret_keys), and Enter presses the focused button in every window,
    first-run dialogs included (ui.enter_key)."""
    app = SecretKeysApplication(argv)
    enter_key.install(app)
    return app


def identify(app: QApplication) -> None:
    """Name the app as desktops show it: its title, the desktop entry its windows belong to,
    and the icon on its windows. The icon is read from its file only when a window system
    asks for it."""
    app.setApplicationName(TITLE)
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(ICON)))


def run_app(paths: AppPaths) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv)
    identify(app)
    install_translator(app)
    try:
        lock = InstanceLock(paths.ensure().data_dir).acquire()
    except AlreadyRunning as exc:
        from charter_desktop.ui.already_running import explain_and_exit

        return explain_and_exit(str(exc))
    except OSError as exc:  # the folder cannot be made or locked: no kiosk runs
        from charter_desktop.ui.already_running import explain_folder_problem

        return explain_folder_problem(paths.data_dir, exc)
    waker = SignalWaker(lambda: app.exit(0), app)  # SIGTERM, SIGHUP, SIGINT: a clean quit
    try:
        if kiosk_ready(paths):
            return _run_welcome_first(app, paths, waker)
        return _run_setup_first(app, paths, waker)
    finally:
        waker.restore()
        lock.release()
