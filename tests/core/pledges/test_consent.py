"""Consent records: the notice version and ticks stored with each pledge in the same
transaction, staff withdrawals that clear the flag, queue a sync, are audited and keep the
history."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.kiosk.capture import submit_pledge
from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.edit import correct_pledge, erase_pledge, withdraw_consent
from charter_desktop.core.pledges.records import BatchRejected
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import ConsentRecordRow, OutboxRow
from charter_desktop.core.store import Store
from tests.helpers import pledge


def _kiosk_pledge(store: Store, **fields: object) -> str:
    data = pledge(
        name="Zofia Nowak",
        email="zofia@example.org",
        phone="01438 242242",
        consent_contact=True,
        consent_publish_name=True,
        **fields,
    )
    return submit_pledge(store, data, notice_version="2026-11-a").id


def test_a_kiosk_pledge_stores_the_notice_version_and_ticks_when_given(store: Store) -> None:
    pledge_id = _kiosk_pledge(store)
    stored = store.get_pledge(pledge_id)
    assert stored is not None
    with store.db.read() as session:
        records = consent.history(session, pledge_id)
    assert len(records) == 1
    given = records[0]
    assert (given.kind, given.notice_version, given.source, given.actor) == (
        "given",
        "2026-11-a",
        "kiosk",
        "kiosk",
    )
    assert given.consent_contact and given.consent_publish_name
    assert given.at == stored.created_at and given.at.utcoffset() is not None


def test_the_kiosk_names_the_catalogue_notice_by_default(store: Store) -> None:
    pledge_id = submit_pledge(store, pledge(name="Kwame Mensah")).id
    with store.db.read() as session:
        (record,) = consent.history(session, pledge_id)
    assert record.notice_version == store.catalogue.privacy_notice.version
    assert store.catalogue.privacy_notice.version == "2026-11-a"  # shipped in charter.json
    assert not record.consent_contact and not record.consent_publish_name


def test_a_rejected_batch_leaves_no_consent_record(store: Store) -> None:
    with pytest.raises(BatchRejected):
        store.add_pledges([pledge(), {"name": ""}], source="cli", actor="test")
    with store.db.read() as session:
        assert session.scalars(select(ConsentRecordRow)).all() == []


def test_withdrawing_contact_clears_flag_and_contact_details_queues_sync_and_audits(
    store: Store,
) -> None:
    pledge_id = _kiosk_pledge(store)
    with store.db.read() as session:
        queued = session.get(OutboxRow, pledge_id)
        assert queued is not None, "the kiosk pledge is queued to sync"
        version_before = queued.version
    with store.db.write() as session:
        after = withdraw_consent(session, pledge_id, "contact")
    assert not after.consent_contact and after.email is None and after.phone is None
    assert after.consent_publish_name and after.name == "Zofia Nowak"
    with store.db.read() as session:
        outbox = session.get(OutboxRow, pledge_id)
        records = consent.history(session, pledge_id)
        entries = audit.entries(session, pledge_id)
    assert outbox is not None and outbox.version > version_before and outbox.state == "pending"
    assert [r.kind for r in records] == ["given", "withdrawn"]
    assert records[0].consent_contact  # history kept as it was
    assert not records[1].consent_contact and records[1].consent_publish_name
    assert records[1].actor == "staff" and records[1].at >= records[0].at
    assert [(e.action, e.details) for e in entries] == [
        ("consent.withdraw", {"fields": ["consent_contact", "email", "phone"]})
    ]
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.email is None and not stored.consent_contact


def test_withdrawing_publication_keeps_contact(store: Store) -> None:
    pledge_id = _kiosk_pledge(store)
    with store.db.write() as session:
        after = withdraw_consent(session, pledge_id, "publish_name", actor="staff")
    assert not after.consent_publish_name
    assert after.consent_contact and after.email == "zofia@example.org"
    # Withdrawing again changes nothing and records nothing.
    with store.db.write() as session:
        withdraw_consent(session, pledge_id, "publish_name")
    with store.db.read() as session:
        assert [r.kind for r in consent.history(session, pledge_id)] == ["given", "withdrawn"]


def test_unknown_consent_and_erased_pledges_are_refused(store: Store) -> None:
    pledge_id = _kiosk_pledge(store)
    with pytest.raises(ValidationError, match="contact or publish_name"), store.db.write() as s:
        withdraw_consent(s, pledge_id, "marketing")
    with store.db.write() as session:
        erase_pledge(session, pledge_id)
    with pytest.raises(ValidationError, match="erased"), store.db.write() as session:
        withdraw_consent(session, pledge_id, "contact")
    with store.db.read() as session:
        assert [r.kind for r in consent.history(session, pledge_id)] == ["given", "erased"]


def test_a_staff_correction_of_a_consent_is_recorded(store: Store) -> None:
    pledge_id = store.add_pledges([pledge()], source="paper", actor="staff").ids[0]
    with store.db.write() as session:
        correct_pledge(session, store.catalogue, pledge_id, {"consent_publish_name": True})
        correct_pledge(session, store.catalogue, pledge_id, {"pledge_text": "More words"})
    with store.db.read() as session:
        records = consent.history(session, pledge_id)
    assert [(r.kind, r.notice_version, r.source) for r in records] == [
        ("given", None, "paper"),
        ("changed", None, "staff"),
    ]
    assert records[1].consent_publish_name
