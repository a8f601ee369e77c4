"""A kiosk whose pledges are sealed to the council key: what is readable locked and unlocked,
and every staff operation on a sealed pledge."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import pytest

from charter_desktop.core.clock import utc_now
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.kiosk.capture import submit_pledge
from charter_desktop.core.pledges.edit import correct_pledge, withdraw_consent
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.pledges.retention import apply_retention
from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.keys import WrongPassphrase
from charter_desktop.core.privacy.sealing import LOCKED_NAME, PersonalDataLocked
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.sync.outbox import mark_sent, pending_items
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge

ZOFIA = pledge(
    name="Zofia Nowak",
    email="zofia@example.org",
    phone="01438 242242",
    postcode="sg1 1hn",
    consent_contact=True,
    consent_publish_name=True,
    organisation="Nowak Consulting",
    pledger_type="business",
)
KWAME = pledge(name="Kwame Mensah", email="kwame@example.org", consent_contact=True)


def _row(store: Store, pledge_id: str) -> PledgeRow:
    with store.db.read() as session:
        row = session.get(PledgeRow, pledge_id)
        assert row is not None
        return row


def test_locked_shows_only_what_is_public_and_unlocked_shows_all(keyed_store: Store) -> None:
    zofia, kwame = keyed_store.add_pledges([ZOFIA, KWAME], source="cli", actor="t").ids
    row = _row(keyed_store, kwame)
    assert (row.name, row.email, row.phone, row.postcode) == ("", None, None, None)
    assert _row(keyed_store, zofia).name == "Zofia Nowak"  # published with consent
    assert _row(keyed_store, zofia).postcode_district == "SG1"
    locked = keyed_store.get_pledge(kwame)
    assert locked is not None and locked.locked and locked.name == LOCKED_NAME
    public = keyed_store.get_pledge(zofia)
    assert public is not None and public.name == "Zofia Nowak" and public.email is None
    assert public.postcode is None and public.district == "SG1"
    assert public.organisation == "Nowak Consulting"
    with pytest.raises(PersonalDataLocked):
        public.to_json()
    with pytest.raises(WrongPassphrase):
        service.unlock(keyed_store, "not the passphrase at all")
    service.unlock(keyed_store, TEST_PASSPHRASE)
    opened = keyed_store.get_pledge(zofia)
    assert opened is not None and not opened.locked
    assert (opened.email, opened.phone, opened.postcode) == (
        "zofia@example.org",
        "01438 242242",
        "SG1 1HN",
    )
    assert service.privacy_status(keyed_store).unlocked
    service.lock()
    assert not service.privacy_status(keyed_store).unlocked


def test_corrections_need_the_key_and_are_sealed_again(keyed_store: Store) -> None:
    (kwame,) = keyed_store.add_pledges([KWAME], source="cli", actor="t").ids
    with pytest.raises(PersonalDataLocked), keyed_store.db.write() as session:
        correct_pledge(session, keyed_store.catalogue, kwame, {"name": "Kwame A. Mensah"})
    service.unlock(keyed_store, TEST_PASSPHRASE)
    with keyed_store.db.write() as session:
        fixed = correct_pledge(
            session,
            keyed_store.catalogue,
            kwame,
            {"name": "Kwame A. Mensah", "postcode": "SG2 7AA"},
        )
    assert fixed.name == "Kwame A. Mensah" and fixed.postcode == "SG2 7AA"
    row = _row(keyed_store, kwame)
    assert row.name == "" and row.postcode is None and row.postcode_district == "SG2"
    assert b"Kwame" not in (row.sealed or b"")
    with keyed_store.db.write() as session:  # publishing the name puts it in the clear column
        correct_pledge(session, keyed_store.catalogue, kwame, {"consent_publish_name": True})
    assert _row(keyed_store, kwame).name == "Kwame A. Mensah"


def test_consent_withdrawals_work_while_locked(keyed_store: Store) -> None:
    (zofia,) = keyed_store.add_pledges([ZOFIA], source="cli", actor="t").ids
    with keyed_store.db.write() as session:
        withdraw_consent(session, zofia, "contact")
        withdraw_consent(session, zofia, "publish_name")
    row = _row(keyed_store, zofia)
    assert row.name == "" and not row.consent_contact and not row.consent_publish_name
    service.unlock(keyed_store, TEST_PASSPHRASE)
    after = keyed_store.get_pledge(zofia)
    assert after is not None
    assert (after.name, after.email, after.phone, after.postcode) == (
        "Zofia Nowak",
        None,
        None,
        "SG1 1HN",
    )


def test_the_kiosk_gets_back_what_was_typed_without_unlocking(keyed_store: Store) -> None:
    data = dict(KWAME, id="aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    first = submit_pledge(keyed_store, data)
    again = submit_pledge(keyed_store, data)  # a double tap: the same pledge, not an error
    assert first == again and first.name == "Kwame Mensah" and not first.locked
    assert keyed_store.count_pledges() == 1


def test_exports_refuse_while_locked_and_sync_sends_only_sealed_details(
    keyed_store: Store, tmp_path: Path
) -> None:
    zofia, kwame = keyed_store.add_pledges([ZOFIA, KWAME], source="cli", actor="t").ids
    for fmt in ("csv", "json"):
        with pytest.raises(PersonalDataLocked):
            export_pledges(keyed_store, fmt, tmp_path / f"out.{fmt}", PledgeFilter())
        assert not (tmp_path / f"out.{fmt}").exists()

    def sent() -> dict[str, dict[str, object]]:
        with keyed_store.db.read() as session:
            return {i.pledge_id: i.pledge.to_sync_json() for i in pending_items(session, 10)
                    if i.pledge}  # fmt: skip

    locked = sent()  # what a sync sends while locked: the envelope, never the details
    assert (
        locked[kwame]["sealed"] == base64.b64encode(_row(keyed_store, kwame).sealed or b"").decode()
    )
    assert locked[kwame]["name"] == "" and locked[zofia]["name"] == "Zofia Nowak"  # published
    assert locked[zofia]["postcode_district"] == "SG1"
    for record in locked.values():
        assert not {"email", "phone", "postcode"} & set(record)
    assert "zofia@example.org" not in json.dumps(locked) and "Kwame" not in json.dumps(locked)
    with keyed_store.db.read() as session:
        items = pending_items(session, 10)
    with pytest.raises(PersonalDataLocked):
        assert items[0].pledge is not None
        items[0].pledge.to_json()

    service.unlock(keyed_store, TEST_PASSPHRASE)
    for fmt in ("csv", "json"):
        export_pledges(keyed_store, fmt, tmp_path / f"out.{fmt}", PledgeFilter())
        text = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8-sig")
        assert "Kwame Mensah" in text and "zofia@example.org" in text
    assert sent() == locked  # unlocked, a sync still sends nothing in clear


def test_retention_clears_the_envelope(keyed_store: Store) -> None:
    (kwame,) = keyed_store.add_pledges([KWAME], source="cli", actor="t").ids
    with keyed_store.db.write() as session:
        mark_sent(session, pending_items(session, 10), utc_now() - timedelta(days=100))
    assert apply_retention(keyed_store, utc_now()).removed == 1
    row = _row(keyed_store, kwame)
    assert row.sealed is None and row.postcode_district is None
    stored = keyed_store.get_pledge(kwame)
    assert stored is not None and not stored.locked and stored.email is None


def kwame_id(store: Store) -> str:
    return next(p.id for p in store.list_pledges() if p.email == "kwame@example.org")


def test_staff_search_covers_sealed_names_and_emails_only_when_unlocked(
    keyed_store: Store,
) -> None:
    from charter_desktop.core.privacy import search_index
    from charter_desktop.core.staff.query import Sort, StaffFilter, first_window

    keyed_store.add_pledges([ZOFIA, KWAME], source="cli", actor="t")

    def found(text: str) -> list[str]:
        with keyed_store.db.read() as session:
            rows, total = first_window(
                session, keyed_store.catalogue, StaffFilter(search=text), Sort(), 50
            )
        assert total == len(rows)
        return sorted(p.name for p in rows)

    assert found("nowak consulting") == ["Zofia Nowak"]  # organisation, in clear
    assert found("Mensah") == [] and found("kwame@") == []  # sealed and locked
    service.unlock(keyed_store, TEST_PASSPHRASE)
    assert found("mensah") == ["Kwame Mensah"] and found("KWAME@EXAMPLE") == ["Kwame Mensah"]
    assert found("example.org") == ["Kwame Mensah", "Zofia Nowak"]
    assert found("zofia consulting") == ["Zofia Nowak"]  # one word sealed, one in clear
    # Typing a word letter by letter narrows the last answer; a change starts afresh.
    assert [found(t) for t in ("kw", "kwa", "kwam", "kwx")] == [
        ["Kwame Mensah"],
        ["Kwame Mensah"],
        ["Kwame Mensah"],
        [],
    ]
    with keyed_store.db.write() as session:
        correct_pledge(session, keyed_store.catalogue, kwame_id(keyed_store), {"name": "Kwx"})
    assert found("kwx") == ["Kwx"]
    keyed_store.add_pledges([pledge(name="Priya Shah")], source="cli", actor="t")
    assert found("priya") == ["Priya Shah"]  # pledges added after unlocking are found too
    assert search_index.texts_held() == 3
    service.lock()
    assert search_index.texts_held() == 0  # the decrypted words go with the key
    assert found("priya") == []


def test_a_second_council_key_is_refused_and_encrypting_keeps_sent_pledges_sent(
    store: Store,
) -> None:
    from charter_desktop.core.privacy.keys import ScryptCost, new_council_key
    from charter_desktop.core.storage.models import OutboxRow

    sent_id, queued_id = store.add_pledges([KWAME, ZOFIA], source="cli", actor="t").ids
    with store.db.write() as session:
        items = [i for i in pending_items(session, 10) if i.pledge_id == sent_id]
        mark_sent(session, items, utc_now())
    first = new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10))
    service.use_key(store, first, actor="t")
    service.use_key(store, first, actor="t")  # the same key again is fine
    with pytest.raises(ValueError, match="cannot be replaced"):
        service.use_key(store, new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10)), actor="t")
    assert service.encrypt_existing(store) == 2
    with store.db.read() as session:
        rows = {i: session.get(OutboxRow, i) for i in (sent_id, queued_id)}
        states = {i: None if row is None else row.state for i, row in rows.items()}
    assert states == {sent_id: "sent", queued_id: "pending"}


def test_the_dashboard_counts_sealed_pledges_by_district_while_locked(keyed_store: Store) -> None:
    from charter_desktop.core.insight.queries import store_insight

    keyed_store.add_pledges(
        [ZOFIA, dict(KWAME, postcode="EC1A 1BB"), pledge(name="Priya Shah")],
        source="cli",
        actor="t",
    )
    districts = {t.key: t.count for t in store_insight(keyed_store).by_district}
    assert districts == {"SG1": 1, "EC1": 1, "Not given": 1}
