"""The app syncs by itself all day, with the staff area closed (ui.schedules), to a real hub:
on a kiosk without a council key as soon as pledges are queued; on a kiosk with one, queued
pledges (and the sealed token) wait for staff to unlock, and go without anyone pressing
"Sync now" once they have."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.privacy import service
from charter_desktop.core.store import Store
from charter_desktop.core.sync.auto import AutoSync
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
        assert hub.count() == 0  # locked: the details and the token wait for staff
        service.unlock(keyed_store, TEST_PASSPHRASE)
        qtbot.waitUntil(lambda: hub.count() == 2, timeout=30_000)
        schedule.timer.stop()
    finally:
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
