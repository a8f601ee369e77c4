"""The app syncs by itself all day, with the staff area closed (ui.schedules), to a real hub:
on a kiosk without a council key as soon as pledges are queued; on a kiosk set up with a
token sealed to its council key, queued pledges wait for staff to unlock (the token opens
only then; the pledges themselves go sealed), and go without anyone pressing "Sync now" once
they have. A pledge saved while a sync is running goes right after it, not at the next tick."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.privacy import service
from charter_desktop.core.store import Store
from charter_desktop.core.sync.auto import AutoSync
from charter_desktop.core.sync.service import SyncResult
from charter_desktop.core.sync.settings import SyncSettings, save_sync_settings
from charter_desktop.ui.app import KioskRun
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.schedules import MailSchedule, SyncSchedule
from tests.fixtures.hub import HubProcess
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge, run_cli


def _hub(tmp_path: Path) -> HubProcess:
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)
    hub.start()
    return hub


def _schedule(store: Store, owner: QObject) -> SyncSchedule:
    return SyncSchedule(store, owner, interval_ms=200, auto=AutoSync(first_wait=0.2))


def test_a_kiosk_without_a_key_syncs_by_itself(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    hub = _hub(tmp_path)
    owner = QObject()
    try:
        with store.db.write() as session:
            save_sync_settings(session, SyncSettings(hub.url, hub.token("kiosk")))
        schedule = _schedule(store, owner)
        store.add_pledges([pledge(), pledge(), pledge()], source="kiosk", actor="kiosk")
        qtbot.waitUntil(lambda: hub.count() == 3, timeout=30_000)
        schedule.timer.stop()
    finally:
        owner.deleteLater()
        hub.stop()


def test_a_keyed_kiosk_syncs_by_itself_once_staff_unlock(
    qtbot: QtBot, keyed_store: Store, tmp_path: Path
) -> None:
    hub = _hub(tmp_path)
    owner = QObject()
    try:
        passphrase = tmp_path / "passphrase.txt"
        passphrase.write_text(TEST_PASSPHRASE + "\n")
        given = run_cli(keyed_store.paths.data_dir, "--passphrase-file", str(passphrase),
                        "sync", "--url", hub.url, "--token", hub.token("kiosk"))  # fmt: skip
        assert given.returncode == 0, given.stderr
        keyed_store.add_pledges([pledge(), pledge()], source="kiosk", actor="kiosk")
        schedule = _schedule(keyed_store, owner)
        deadline = time.monotonic() + 2  # ten ticks
        while time.monotonic() < deadline:
            qtbot.wait(100)
        assert hub.count() == 0  # locked: the sealed token waits for staff
        service.unlock(keyed_store, TEST_PASSPHRASE)
        qtbot.waitUntil(lambda: hub.count() == 2, timeout=30_000)
        schedule.timer.stop()
    finally:
        owner.deleteLater()
        hub.stop()


class HeldSync(AutoSync):
    """The real AutoSync, whose first sync, once it has sent what was queued, stays running
    until the test sets `release`: a sync still under way when the next pledge is saved."""

    def __init__(self) -> None:
        super().__init__(first_wait=0.2)
        self.holding = threading.Event()
        self.release = threading.Event()
        self.tries = 0

    def maybe_sync(self, store: Store) -> SyncResult | None:
        result = super().maybe_sync(store)
        self.tries += 1
        if result is not None and not self.holding.is_set():
            self.holding.set()
            self.release.wait(timeout=60)
        return result


def test_a_pledge_saved_during_a_sync_goes_right_after_it(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    hub = _hub(tmp_path)
    owner = QObject()
    auto = HeldSync()
    try:
        with store.db.write() as session:
            save_sync_settings(session, SyncSettings(hub.url, hub.token("kiosk")))
        store.add_pledges([pledge(name="First Attendee")], source="kiosk", actor="kiosk")
        # The timer's next tick is ten minutes away: only the first run and pokes sync.
        schedule = SyncSchedule(store, owner, interval_ms=600_000, auto=auto)
        qtbot.waitUntil(auto.holding.is_set, timeout=30_000)
        assert hub.count() == 1  # the first sync has sent what was queued, and still runs

        # The kiosk window pokes the schedule at each pledge saved: two, during that sync.
        for name in ("Second Attendee", "Third Attendee"):
            store.add_pledges([pledge(name=name)], source="kiosk", actor="kiosk")
            schedule.poke()
        auto.release.set()
        qtbot.waitUntil(lambda: hub.count() == 3, timeout=20_000)
        qtbot.wait(500)
        assert auto.tries == 2  # one run more for the pokes during the first, not one each
        schedule.timer.stop()
    finally:
        auto.release.set()
        owner.deleteLater()
        hub.stop()


def test_the_running_kiosk_owns_the_sync_and_mail_schedules(qtbot: QtBot, store: Store) -> None:
    """They belong to the kiosk window, which stays all day, not to the staff area, which is
    destroyed whenever staff go back to the kiosk."""
    window = KioskWindow(catalogue=load_catalogue(store.paths.data_dir))
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    run = KioskRun(store.paths, window)
    run.start(store)
    try:
        running = {type(s): s for s in run.schedules or ()}
        for kind in (SyncSchedule, MailSchedule):
            assert running[kind].parent() is window and running[kind].timer.isActive()
    finally:
        run.close()
