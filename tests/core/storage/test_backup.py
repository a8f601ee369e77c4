"""Backups through SQLite's backup API, rolling retention, restore, and the rescue copy."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from tests.helpers import pledge


def names_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in connection.execute("SELECT name FROM pledges"))
    finally:
        connection.close()


def test_a_backup_taken_while_the_kiosk_saves_is_sound(store: Store, tmp_path: Path) -> None:
    store.add_pledges([pledge(name=f"Before {i}") for i in range(200)], source="cli", actor="t")
    stop = threading.Event()

    def keep_saving() -> None:
        while not stop.is_set():
            store.add_pledges([pledge(name="During")], source="kiosk", actor="kiosk")

    writer = threading.Thread(target=keep_saving)
    writer.start()
    try:
        made = backup.backup_database(store.paths.database, tmp_path / "copy.sqlite3")
    finally:
        stop.set()
        writer.join()
    assert backup.integrity_errors(made.path) == []
    copied = names_in(made.path)
    assert copied.count("During") >= 0 and len([n for n in copied if n != "During"]) == 200
    assert made.path.stat().st_mode & 0o077 == 0


def test_rolling_backups_wait_their_interval_and_keep_the_newest(store: Store) -> None:
    now = utc_now()
    assert backup.rolling_backup_if_due(store.paths, now=now) is not None
    assert backup.rolling_backup_if_due(store.paths, now=now + timedelta(minutes=5)) is None
    for hour in range(1, 13):
        backup.rolling_backup_if_due(store.paths, keep=10, now=now + timedelta(hours=hour))
    kept = backup.list_backups(store.paths)
    assert len(kept) == 10
    assert kept[0].made_at == now + timedelta(hours=12)
    assert all(backup.integrity_errors(b.path) == [] for b in kept)


def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    store = Store.open(paths)
    store.add_pledges([pledge(name="In the backup")], source="cli", actor="t")
    saved = backup.make_rolling_backup(paths)
    store.add_pledges([pledge(name="After the backup")], source="cli", actor="t")
    store.close()

    aside = backup.restore_backup(paths, saved.path)

    reopened = Store.open(paths)
    assert [p.name for p in reopened.list_pledges()] == ["In the backup"]
    reopened.close()
    assert names_in(aside / "charter.sqlite3") == ["After the backup", "In the backup"]


def test_a_damaged_backup_is_not_restored(data_dir: Path, tmp_path: Path) -> None:
    paths = resolve_paths(data_dir)
    Store.open(paths).close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    before = paths.database.read_bytes()
    with pytest.raises(backup.BackupError, match="not a sound database"):
        backup.restore_backup(paths, bad)
    assert paths.database.read_bytes() == before


def test_a_rescue_copy_is_byte_for_byte_with_checksums(store: Store, tmp_path: Path) -> None:
    store.add_pledges([pledge()], source="cli", actor="t")
    target = backup.rescue_copy(store.paths, tmp_path)
    sums = json.loads((target / "SHA256SUMS.json").read_text())
    assert "charter.sqlite3" in sums
    assert (target / "charter.sqlite3").read_bytes() == store.paths.database.read_bytes()
