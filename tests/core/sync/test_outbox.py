"""The outbox: every pledge write is queued in its own transaction, by triggers, and an item is
marked sent only for the exact version the hub acknowledged."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.signing import load_or_create_signing_key
from charter_desktop.core.storage import migrate
from charter_desktop.core.storage.db import create_sqlite_engine
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox
from charter_desktop.core.sync.batch import build_batch
from charter_desktop.core.sync.settings import SyncSettings
from tests.helpers import pledge

NOW_SQL = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"


def rows(store: Store) -> list[tuple[str, int, bool, str]]:
    with store.db.read() as session:
        return [
            (r.pledge_id, r.version, bool(r.erased), r.state)
            for r in session.execute(
                text("SELECT pledge_id, version, erased, state FROM outbox ORDER BY pledge_id")
            )
        ]


def test_new_changed_and_erased_pledges_are_queued_once_each(store: Store) -> None:
    ids = store.add_pledges([pledge(), pledge(name="Bo")], source="kiosk", actor="kiosk").ids
    assert sorted(r[0] for r in rows(store)) == sorted(ids)
    with store.db.write() as session:
        session.execute(text("UPDATE pledges SET status = 'withdrawn' WHERE id = :id"),
                        {"id": ids[0]})  # fmt: skip
        session.execute(text("UPDATE pledges SET name = 'Bo B' WHERE id = :id"), {"id": ids[0]})
        session.execute(text("DELETE FROM pledges WHERE id = :id"), {"id": ids[1]})
    queued = {r[0]: r for r in rows(store)}
    assert len(queued) == 2  # coalesced: one row per pledge
    assert queued[ids[0]][1:] == (3, False, "pending")
    assert queued[ids[1]][1:] == (2, True, "pending")
    with store.db.read() as session:
        items = {i.pledge_id: i for i in outbox.pending_items(session, 10)}
    assert items[ids[1]].pledge is None  # sent as an erasure
    changed = items[ids[0]].pledge
    assert changed is not None and changed.name == "Bo B"


def test_a_staff_erasure_is_sent_as_an_erasure(store: Store) -> None:
    from charter_desktop.core.pledges.edit import erase_pledge

    amy = pledge(email="amy@example.org", consent_contact=True)
    [pid] = store.add_pledges([amy], source="kiosk", actor="kiosk").ids
    with store.db.write() as session:
        erase_pledge(session, pid, actor="staff")
    with store.db.read() as session:
        [item] = outbox.pending_items(session, 10)
    assert item.pledge_id == pid and item.pledge is None  # the hub drops its copy


def test_a_write_that_rolls_back_queues_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.db.write() as session:
        from charter_desktop.core.pledges import records as pledge_store

        pledge_store.add_pledges(
            session, store.catalogue, [pledge()], event_id=store.current_event().id,
            device_id=store.device_id, source="kiosk", actor="kiosk",
        )  # fmt: skip
        raise RuntimeError("power cut before commit")
    assert rows(store) == []


def test_an_edit_during_a_sync_is_not_marked_sent(store: Store) -> None:
    [pid] = store.add_pledges([pledge()], source="kiosk", actor="kiosk").ids
    with store.db.read() as session:
        items = outbox.pending_items(session, 10)
    with store.db.write() as session:  # staff correct the pledge while the batch is out
        session.execute(
            text(f"UPDATE pledges SET name = 'Amy P', updated_at = {NOW_SQL} WHERE id = :id"),
            {"id": pid},
        )
    from charter_desktop.core.clock import utc_now

    with store.db.write() as session:
        assert outbox.mark_sent(session, items, utc_now()) == 0
    assert rows(store) == [(pid, 2, False, "pending")]
    with store.db.read() as session:
        [again] = outbox.pending_items(session, 10)
    assert again.pledge is not None and again.pledge.name == "Amy P"


def test_the_batch_key_changes_with_the_body_only(store: Store) -> None:
    store.add_pledges([pledge(), pledge()], source="kiosk", actor="kiosk")
    key = load_or_create_signing_key(store.paths.data_dir / "keys")

    def built(items: list[outbox.OutboxItem], token: str = "cdk_token") -> str:
        with store.db.read() as session:
            return build_batch(session, store.device_id, items, key, token).key

    with store.db.read() as session:
        items = outbox.pending_items(session, 10)
    assert built(items) == built(list(items))  # the same batch resent: the same key
    assert built(items) != built(items[:1])
    assert built(items) != built(items, token="cdk_another")  # its binding proof differs
    with store.db.write() as session:  # a correction: the same id, a new version and body
        session.execute(text("UPDATE pledges SET name = 'Amy P' WHERE id = :id"),
                        {"id": items[0].pledge_id})  # fmt: skip
    with store.db.read() as session:
        changed = outbox.pending_items(session, 10)
    assert built(changed) != built(items)


def test_pledges_from_before_the_outbox_are_queued_on_upgrade(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    store = Store.open(paths)
    ids = store.add_pledges([pledge(), pledge()], source="kiosk", actor="kiosk").ids
    store.close()
    engine = create_sqlite_engine(paths.database)
    with engine.begin() as conn:  # back to the schema before the outbox, then up again
        from alembic import command

        config = migrate.alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0003_staff")
        names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
        assert "outbox" not in names and "outbox_pledge_insert" not in names
    engine.dispose()
    store = Store.open(paths)
    try:
        assert sorted(r[0] for r in rows(store)) == sorted(ids)
    finally:
        store.close()


def test_triggers_lost_in_a_table_rebuild_are_put_back(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    Store.open(paths).close()
    engine = create_sqlite_engine(paths.database)
    with engine.begin() as conn:  # what a batch-mode migration of `pledges` does to triggers
        conn.execute(text("DROP TRIGGER outbox_pledge_update"))
    engine.dispose()
    store = Store.open(paths)
    try:
        [pid] = store.add_pledges([pledge()], source="kiosk", actor="kiosk").ids
        with store.db.write() as session:
            session.execute(text("UPDATE pledges SET name = 'X' WHERE id = :id"), {"id": pid})
        assert rows(store) == [(pid, 2, False, "pending")]
        assert migrate.current_revision(store.db.engine) == migrate.head_revision()
    finally:
        store.close()


def test_sync_settings_need_https_except_to_this_machine() -> None:
    SyncSettings("https://hub.council.example", "t0k").check()
    SyncSettings("http://127.0.0.1:8750", "t0k").check()
    with pytest.raises(ValidationError, match="must use https"):
        SyncSettings("http://hub.council.example", "t0k").check()
    SyncSettings("http://hub.council.example", "t0k", allow_http=True).check()
    assert "t0k" not in repr(SyncSettings("https://hub.council.example", "t0k"))


def test_an_edit_always_moves_updated_at_forward(store: Store) -> None:
    [pid] = store.add_pledges([pledge()], source="kiosk", actor="kiosk").ids
    before = store.get_pledge(pid)
    assert before is not None
    with store.db.write() as session:  # an edit that does not set updated_at itself
        session.execute(text("UPDATE pledges SET name = 'Amy P' WHERE id = :id"), {"id": pid})
    after = store.get_pledge(pid)
    assert after is not None and after.updated_at > before.updated_at

    future = "2099-01-01 00:00:00.000000"  # the clock is now behind the stored time
    with store.db.write() as session:
        session.execute(text("UPDATE pledges SET updated_at = :t WHERE id = :id"),
                        {"t": future, "id": pid})  # fmt: skip
        session.execute(text("UPDATE pledges SET name = 'Amy Q' WHERE id = :id"), {"id": pid})
    latest = store.get_pledge(pid)
    assert latest is not None
    assert latest.updated_at.isoformat() == "2099-01-01T00:00:00.001000+00:00"
    assert rows(store) == [(pid, 4, False, "pending")]


def test_staff_send_the_refused_pledges_again(store: Store) -> None:
    ids = store.add_pledges([pledge(), pledge(name="Bo")], source="kiosk", actor="kiosk").ids
    with store.db.write() as session:
        outbox.mark_failed(session, {ids[0]: "actions: unknown"}, {ids[0]: 1})
    assert [r[3] for r in rows(store)].count("failed") == 1
    assert outbox.resend_refused(store) == 1
    assert [r[3] for r in rows(store)] == ["pending", "pending"]
    assert outbox.resend_refused(store) == 0
