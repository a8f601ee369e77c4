"""What runs on a timer while the kiosk is open, all day and whether or not staff are in the
staff area: rolling backups, the retention policy, the automatic sync to the council's hub
(with the event's totals, on a kiosk enrolled from a kiosk pack) and sending the queued
certificate emails, each on a worker thread so the kiosk never waits for them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from charter_desktop.core.clock import utc_now
from charter_desktop.core.pledges import retention
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import Store
from charter_desktop.ui.worker import BackgroundCall

if TYPE_CHECKING:  # the sync and mail code loads on the first run, not at start
    from charter_desktop.core.mail.sender import MailResult
    from charter_desktop.core.sync.auto import AutoSync
    from charter_desktop.core.sync.event_total import EventStatus
    from charter_desktop.core.sync.service import SyncResult

log = logging.getLogger(__name__)
FIRST_BACKUP_MS = 5_000  # after the kiosk is on screen, so start-up stays quick
BACKUP_CHECK_MS = 10 * 60_000  # a rolling backup is made when the newest is an hour old
RETENTION_MS = 24 * 3600_000  # the retention policy runs at start and then daily
SYNC_CHECK_MS = 30_000  # how often AutoSync is asked whether a try is due (it backs off)
# An enrolled kiosk asks every settings.interval_seconds instead (5 s during an event).
FIRST_SYNC_MS = 3_000  # the first ask, soon after start: the event's count is current at once
MAIL_CHECK_MS = 300_000  # how often queued certificate emails are sent


class Schedule(QObject):
    """`work()` on a worker thread, one run at a time: every `interval_ms`, and first after
    `first_ms` (0: straight away). `last_error` holds the last failure's message until a run
    succeeds; `report(result)` says what a successful run did."""

    WHAT = "scheduled work"

    def __init__(self, interval_ms: int, first_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.call: BackgroundCall | None = None
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run)
        self.timer.start()
        if first_ms:
            QTimer.singleShot(first_ms, self.run)
        else:
            self.run()

    def work(self) -> object:
        raise NotImplementedError

    def report(self, result: object) -> None:
        """Log what a successful run did (nothing by default)."""

    def run(self) -> None:
        if self.call is not None and self.call.running:
            return
        self.call = BackgroundCall(self.work, self)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _done(self, result: object) -> None:
        self.last_error = None
        self.report(result)

    def _failed(self, message: str) -> None:
        self.last_error = message
        log.error("%s failed: %s", self.WHAT, message)


class BackupSchedule(Schedule):
    """Rolling backups while the app runs: the first shortly after start, then whenever the
    newest is an hour old (core.backup.rolling_backup_if_due)."""

    WHAT = "rolling backup"

    def __init__(self, paths: AppPaths, parent: QObject | None = None):
        self.paths = paths
        super().__init__(BACKUP_CHECK_MS, FIRST_BACKUP_MS, parent)

    def work(self) -> backup.BackupInfo | None:
        return backup.rolling_backup_if_due(self.paths)

    def report(self, result: object) -> None:
        if isinstance(result, backup.BackupInfo):
            log.info("rolling backup %s (%d bytes)", result.path.name, result.size)


class RetentionSchedule(Schedule):
    """The retention policy (core.pledges.retention) applied at start and daily."""

    WHAT = "retention"

    def __init__(self, store: Store, parent: QObject | None = None):
        self.store = store
        super().__init__(RETENTION_MS, 0, parent)

    def work(self) -> retention.RetentionRun:
        return retention.apply_retention(self.store, utc_now())

    def report(self, result: object) -> None:
        if isinstance(result, retention.RetentionRun) and result.removed:
            log.info("retention removed the personal data of %d pledges", result.removed)


@dataclass(frozen=True)
class SyncTick:
    """One run of the sync schedule: the sync it made (None: none was due), how long until
    the next run, and the event's figures after it (None: no hub is set up)."""

    result: SyncResult | None
    interval_ms: int
    status: EventStatus | None


class SyncSchedule(Schedule):
    """The automatic sync: AutoSync decides whether a try is due (something queued, the hub
    not backing off, sync set up and automatic) and, on a kiosk enrolled from a kiosk pack
    with nothing queued, asks the hub for the event's totals instead. An enrolled kiosk runs
    it every settings.interval_seconds (read again at each run); `ticked(SyncTick)` comes
    after every run, and `figures(EventStatus)` when sync is set up, for the welcome
    screen's count."""

    WHAT = "automatic sync"
    ticked = Signal(object)
    figures = Signal(object)

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        interval_ms: int = SYNC_CHECK_MS,
        auto: AutoSync | None = None,
    ):
        self.store = store
        self.auto = auto
        self.default_ms = interval_ms
        self.again = False  # a poke came during a run: run once more when it ends
        super().__init__(interval_ms, min(interval_ms, FIRST_SYNC_MS), parent)

    def work(self) -> SyncTick:
        from charter_desktop.core.sync.event_total import event_status
        from charter_desktop.core.sync.settings import load_sync_settings_of

        if self.auto is None:
            from charter_desktop.core.sync.auto import AutoSync

            self.auto = AutoSync()
        result = self.auto.maybe_sync(self.store)
        settings = load_sync_settings_of(self.store)
        interval = settings.interval_seconds
        return SyncTick(
            result,
            self.default_ms if interval is None else interval * 1000,
            event_status(self.store) if settings.configured else None,
        )

    def poke(self) -> None:
        """Run now (a pledge was just saved: it goes to the hub within seconds). During a
        run, which may have read the outbox before the pledge was saved, one more run is
        queued for right after it, however many pokes arrive meanwhile."""
        if self.call is not None and self.call.running:
            self.again = True
        else:
            self.run()

    def _done(self, result: object) -> None:
        super()._done(result)
        self._run_again()

    def _failed(self, message: str) -> None:
        super()._failed(message)
        self._run_again()

    def _run_again(self) -> None:
        if self.again:
            self.again = False
            self.run()

    def report(self, result: object) -> None:
        if not isinstance(result, SyncTick):
            return
        messages = getattr(result.result, "messages", None)
        if messages:
            log.info("automatic sync: %s", "; ".join(messages))
        if result.interval_ms != self.timer.interval():
            self.timer.setInterval(result.interval_ms)
        self.ticked.emit(result)
        if result.status is not None:
            self.figures.emit(result.status)


class MailSchedule(Schedule):
    """Sending the queued certificate emails, when the mail server is set up."""

    WHAT = "certificate emails"

    def __init__(
        self, store: Store, parent: QObject | None = None, *, interval_ms: int = MAIL_CHECK_MS
    ):
        self.store = store
        super().__init__(interval_ms, interval_ms, parent)

    def work(self) -> MailResult | None:
        from charter_desktop.core.mail.outgoing import send_waiting_emails

        return send_waiting_emails(self.store)

    def report(self, result: object) -> None:
        from charter_desktop.core.mail.sender import MailResult

        if isinstance(result, MailResult) and (result.sent or result.failed or result.error):
            log.info("certificate emails: sent %d, failed %d, error %s",
                     result.sent, result.failed, result.error)  # fmt: skip
