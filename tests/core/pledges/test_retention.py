"""Retention: personal data leaves the kiosk a set number of days after the hub acknowledged
the pledge; unsynced or changed pledges are never touched. Real SQLite, fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.edit import correct_pledge
from charter_desktop.core.pledges.retention import (
    DEFAULT_RETENTION_DAYS,
    RETAINED_NAME,
    apply_retention,
    retention_status,
    set_retention_days,
)
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import OutboxRow
from charter_desktop.core.store import Store
from charter_desktop.core.sync.outbox import mark_sent, pending_items
from tests.helpers import pledge

SENT = datetime(2026, 8, 1, 12, 0, tzinfo=UTC)


def _add(store: Store, name: str) -> str:
    email = f"{name.split(maxsplit=1)[0].lower()}@example.org"
    data = pledge(name=name, email=email, consent_contact=True)
    return store.add_pledges([data], source="cli", actor="test").ids[0]


def _send_all(store: Store, at: datetime) -> None:
    with store.db.write() as session:
        mark_sent(session, pending_items(session, 10_000), at)


def _state(store: Store, pledge_id: str) -> tuple[str, bool]:
    with store.db.read() as session:
        box = session.get(OutboxRow, pledge_id)
        assert box is not None
        return box.state, box.sent_version == box.version


def test_only_pledges_acknowledged_long_enough_ago_lose_their_personal_data(
    store: Store,
) -> None:
    old = _add(store, "Amelia Patel")
    changed = _add(store, "Kwame Mensah")
    _send_all(store, SENT)
    recent = _add(store, "Zofia Nowak")
    _send_all(store, SENT + timedelta(days=60))
    unsynced = _add(store, "Priya Shah")
    with store.db.write() as session:  # changed after it was sent: queued again
        correct_pledge(session, store.catalogue, changed, {"pledge_text": "More words"})
    now = SENT + timedelta(days=DEFAULT_RETENTION_DAYS, seconds=1)

    status = retention_status(store, now)
    assert (status.days, status.due, status.last_run_at) == (DEFAULT_RETENTION_DAYS, 1, None)
    run = apply_retention(store, now)
    assert (run.days, run.removed) == (DEFAULT_RETENTION_DAYS, 1)

    cleared = store.get_pledge(old)
    assert cleared is not None and cleared.retained_at == now and cleared.erased_at is None
    assert cleared.name == RETAINED_NAME and cleared.email is None
    assert cleared.status == "active" and cleared.actions  # still counts, actions kept
    for kept_id, name in ((changed, "Kwame Mensah"), (recent, "Zofia Nowak"),
                          (unsynced, "Priya Shah")):  # fmt: skip
        kept = store.get_pledge(kept_id)
        assert kept is not None and kept.name == name and kept.email is not None
        assert kept.retained_at is None
    # The removal is not sent to the hub (it keeps its full copy); the rest is unchanged.
    assert _state(store, old) == ("sent", True)
    assert _state(store, changed) == ("pending", False)
    assert _state(store, unsynced) == ("pending", False)
    with store.db.read() as session:
        entries = audit.entries(session, old)
        history = consent.history(session, old)
    assert [(e.actor, e.action) for e in entries] == [("retention", "pledge.retention")]
    assert set(entries[0].details["fields"]) == {"name", "email"}
    assert history[-1].kind == "expired" and not history[-1].consent_contact
    # No copy left in the database files.
    for file in store.paths.database.parent.glob(store.paths.database.name + "*"):
        data = file.read_bytes()
        assert b"Amelia Patel" not in data and b"amelia@example.org" not in data
    status = retention_status(store, now)
    assert status.due == 0 and status.last_run_removed == 1
    assert status.last_run_at == now.isoformat(timespec="seconds")
    # Running again removes nothing more; a retained pledge cannot be edited any more.
    assert apply_retention(store, now).removed == 0
    with pytest.raises(ValidationError, match="retention"), store.db.write() as session:
        correct_pledge(session, store.catalogue, old, {"pledge_text": "x"})


def test_the_setting_changes_what_is_due_and_zero_keeps_everything(store: Store) -> None:
    first = _add(store, "Amelia Patel")
    _send_all(store, SENT)
    now = SENT + timedelta(days=10)
    assert retention_status(store, now).due == 0
    with store.db.write() as session:
        set_retention_days(session, 7, actor="staff")
    assert retention_status(store, now).due == 1
    with store.db.write() as session:
        set_retention_days(session, 0, actor="staff")
    status = retention_status(store, now)
    assert (status.days, status.due) == (None, 0)
    assert apply_retention(store, now).removed == 0
    assert apply_retention(store, now, days=9).removed == 1  # an explicit run
    stored = store.get_pledge(first)
    assert stored is not None and stored.name == RETAINED_NAME
    with pytest.raises(ValueError, match="36500"), store.db.write() as session:
        set_retention_days(session, 100_000, actor="staff")
