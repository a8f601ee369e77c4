"""The kiosk store on a real SQLite file: durability settings, batches, events, device id."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from charter_desktop.core import events
from charter_desktop.core.kiosk.capture import submit_pledge
from charter_desktop.core.pledges.records import BatchRejected, PledgeFilter
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.db import WAL_AUTOCHECKPOINT_PAGES
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store, StoreError
from tests.helpers import pledge, pledges_in_database_file


def test_every_pooled_connection_is_durable(store: Store) -> None:
    connections = [store.db.engine.connect() for _ in range(3)]
    try:
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            busy_timeout = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
            assert busy_timeout is not None and busy_timeout >= 5000
    finally:
        for conn in connections:
            conn.close()


def test_device_id_is_made_once_per_installation(data_dir: Path) -> None:
    first = Store.open(resolve_paths(data_dir))
    device_id = first.device_id
    first.close()
    second = Store.open(resolve_paths(data_dir))
    assert second.device_id == device_id
    second.close()
    other = Store.open(resolve_paths(data_dir / "other"))
    assert other.device_id != device_id
    other.close()


def test_database_is_private_to_its_owner(store: Store) -> None:
    assert store.paths.database.stat().st_mode & 0o077 == 0


def test_a_stored_pledge_reads_back_with_ids_and_utc_times(store: Store) -> None:
    result = store.add_pledges(
        [pledge(name="李娜", postcode="sg2 7ab")], source="kiosk", actor="kiosk"
    )
    (stored,) = store.list_pledges()
    assert [stored.id] == result.ids
    assert stored.name == "李娜" and stored.postcode == "SG2 7AB"
    assert stored.created_at.tzinfo is not None and stored.created_at.utcoffset() == timedelta(0)
    assert stored.device_id == store.device_id
    assert stored.event_id == store.current_event().id
    assert stored.source == "kiosk"


def test_one_bad_pledge_rejects_the_whole_batch(store: Store) -> None:
    batch = [pledge(name="Good One"), pledge(email="x@example.org"), pledge(name="Good Two")]
    with pytest.raises(BatchRejected) as caught:
        store.add_pledges(batch, source="cli", actor="cli")
    assert [e.item for e in caught.value.rejected] == [2]
    assert "email" in str(caught.value)
    assert store.list_pledges() == []


def test_partial_keeps_the_good_pledges(store: Store) -> None:
    batch = [pledge(name="Good One"), pledge(pledger_type="robot"), pledge(name="Good Two")]
    result = store.add_pledges(batch, source="cli", actor="cli", partial=True)
    assert len(result.ids) == 2 and [e.item for e in result.rejected] == [2]
    assert sorted(p.name for p in store.list_pledges()) == ["Good One", "Good Two"]


def test_ids_never_duplicate(store: Store) -> None:
    fixed = "6f1c1b7e-1b7e-4c1e-9a4e-1c1b7e1b7e00"
    store.add_pledges([pledge(id=fixed)], source="cli", actor="cli")
    with pytest.raises(BatchRejected, match="already stored"):
        store.add_pledges([pledge(id=fixed, name="Someone else")], source="cli", actor="cli")
    with pytest.raises(BatchRejected, match="already stored"):
        other = "0e8c5d1a-2f3b-4c5d-8e9f-0a1b2c3d4e5f"
        store.add_pledges([pledge(id=other), pledge(id=other)], source="cli", actor="cli")
    assert len(store.list_pledges()) == 1


def test_unknown_event_is_refused(store: Store) -> None:
    with pytest.raises(BatchRejected, match="event_id"):
        store.add_pledges(
            [pledge(event_id="0e8c5d1a-2f3b-4c5d-8e9f-0a1b2c3d4e5f")], source="cli", actor="cli"
        )


def test_events_filter_pledges_and_count_only_active(store: Store) -> None:
    with store.db.write() as session:
        summit = events.create_event(
            session,
            "Launch summit",
            store.current_event().event_date,
            place="Stevenage Arts Centre",
            target=100,
        )
    store.add_pledges([pledge(), pledge(status="withdrawn")], source="cli", actor="cli")
    store.add_pledges([pledge(event_id=summit.id)], source="cli", actor="cli")
    assert store.count_pledges(summit.id) == 1
    assert store.count_pledges(store.current_event().id) == 1
    assert len(store.list_pledges(PledgeFilter(event_id=summit.id))) == 1
    assert len(store.list_pledges()) == 3


def test_staff_actions_are_audited_without_personal_data(store: Store) -> None:
    store.add_pledges([pledge(name="Canary Person")], source="cli", actor="cli")
    with store.db.read() as session:
        entries = audit.entries(session)
    assert [e.action for e in entries][-1] == "pledge.add"
    assert entries[-1].details == {"source": "cli", "added": 1, "rejected": 0}
    assert "Canary" not in repr(entries)


def test_a_file_that_is_not_a_database_is_reported_not_overwritten(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    paths.database.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"damaged|cannot open the database"):
        Store.open(paths)
    assert paths.database.read_bytes() == b"this is not a database" * 100


def while_another_writer_holds_the_lock(store: Store, save: Callable[[], object]) -> None:
    """Run `save` while another process holds the write lock for half a second."""
    blocker = sqlite3.connect(
        store.paths.database, timeout=0, isolation_level=None, check_same_thread=False
    )
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, blocker.execute, args=("COMMIT",))
    release.start()
    try:
        save()
    finally:
        release.join()
        blocker.close()


def test_a_second_writer_waits_instead_of_failing(store: Store) -> None:
    while_another_writer_holds_the_lock(
        store, lambda: store.add_pledges([pledge()], source="kiosk", actor="kiosk")
    )
    with store.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM pledges")).scalar() == 1


def test_a_checkpoint_folds_saved_pledges_into_the_database_file(
    store: Store, tmp_path: Path
) -> None:
    store.checkpoint()  # the schema, written when the store was made
    store.add_pledges([pledge()], source="kiosk", actor="kiosk")
    database = store.paths.database
    assert pledges_in_database_file(database, tmp_path) == 0  # committed, in the WAL only
    store.checkpoint()
    assert pledges_in_database_file(database, tmp_path) == 1


def test_a_checkpoint_while_another_connection_writes_does_not_fail(store: Store) -> None:
    store.add_pledges([pledge()], source="kiosk", actor="kiosk")
    writer = sqlite3.connect(store.paths.database, timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        store.checkpoint()  # does not wait for the writer, and does not raise
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert store.count_pledges() == 1


def test_the_wal_is_folded_back_by_a_commit_only_past_a_large_backstop(store: Store) -> None:
    with store.db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    assert pages == WAL_AUTOCHECKPOINT_PAGES >= 4000


def test_a_plain_write_commits_on_leaving_and_rolls_back_on_an_error(store: Store) -> None:
    with store.db.write_plain() as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('kept', '1')")
    with pytest.raises(RuntimeError), store.db.write_plain() as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('dropped', '1')")
        raise RuntimeError("the save failed half way")
    with store.db.read() as session:
        keys = set(session.execute(text("SELECT key FROM settings")).scalars())
    assert "kept" in keys and "dropped" not in keys


def test_a_kiosk_save_waits_for_another_writer_instead_of_failing(store: Store) -> None:
    store.current_event()  # the kiosk's save on its plain connection, not the fresh-kiosk path
    while_another_writer_holds_the_lock(store, lambda: submit_pledge(store, pledge()))
    assert store.count_pledges() == 1
