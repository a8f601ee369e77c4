"""What runs on a timer while the kiosk is open: rolling backups and the retention policy,
each on a worker thread so the kiosk never waits for them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from charter_desktop.core import backup, retention
from charter_desktop.core.clock import utc_now
from charter_desktop.core.paths import AppPaths
from charter_desktop.core.store import Store
from charter_desktop.ui.worker import BackgroundCall

log = logging.getLogger(__name__)
FIRST_BACKUP_MS = 5_000  # after the kiosk is on screen, so start-up stays quick
BACKUP_CHECK_MS = 10 * 60_000  # a rolling backup is made when the newest is an hour old
RETENTION_MS = 24 * 3600_000  # the retention policy runs at start and then daily


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
