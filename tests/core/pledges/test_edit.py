"""Staff corrections, withdrawals and erasures: validated, persisted, audited without values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.pledges.edit import (
    ERASED_NAME,
    correct_pledge,
    erase_pledge,
    purge_freed_space,
    reinstate_pledge,
    withdraw_pledge,
)
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.storage import audit
from charter_desktop.core.store import Store
from tests.helpers import pledge


def _one(store: Store, **fields: object) -> str:
    return store.add_pledges([pledge(**fields)], source="cli", actor="test").ids[0]


def test_a_correction_is_validated_stored_and_audited_by_field_name(store: Store) -> None:
    pledge_id = _one(store, name="Amelai Patel", postcode="sg1 1hn")
    before = store.get_pledge(pledge_id)
    assert before is not None
    with store.db.write() as session:
        correct_pledge(session, store.catalogue, pledge_id, {"name": "Amelia Patel"})
    after = store.get_pledge(pledge_id)
    assert after is not None and after.name == "Amelia Patel"
    assert after.updated_at > before.updated_at and after.postcode == "SG1 1HN"
    with store.db.read() as session:
        entries = audit.entries(session, pledge_id)
    assert [(e.action, e.details) for e in entries] == [("pledge.correct", {"fields": ["name"]})]
    assert "Amelia" not in json.dumps([e.details for e in entries])


def test_a_bad_correction_changes_nothing(store: Store) -> None:
    pledge_id = _one(store)
    with pytest.raises(ValidationError) as caught, store.db.write() as session:
        correct_pledge(session, store.catalogue, pledge_id, {"email": "jo@example.org"})
    assert "consent" in str(caught.value)
    with pytest.raises(ValidationError), store.db.write() as session:
        correct_pledge(session, store.catalogue, pledge_id, {"id": "x", "status": "withdrawn"})
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.email is None and stored.status == "active"
    with store.db.read() as session:
        assert audit.entries(session, pledge_id) == []


def test_withdraw_keeps_the_pledge_but_it_no_longer_counts(store: Store) -> None:
    pledge_id = _one(store)
    assert store.count_pledges() == 1
    with store.db.write() as session:
        withdraw_pledge(session, pledge_id)
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.status == "withdrawn"
    assert store.count_pledges() == 0
    with store.db.write() as session:
        reinstate_pledge(session, pledge_id)
    assert store.count_pledges() == 1
    with store.db.read() as session:
        actions = [e.action for e in audit.entries(session, pledge_id)]
    assert actions == ["pledge.withdraw", "pledge.reinstate"]


def test_erase_removes_personal_fields_from_the_store_exports_and_the_file(
    store: Store, tmp_path: Path
) -> None:
    secret = "Zelda Quernsby-Unique"
    pledge_id = _one(
        store,
        name=secret,
        organisation="Quernsby Widgets",
        email="zelda.quernsby@example.org",
        consent_contact=True,
        postcode="SG2 7QT",
        pledge_text="Quernsby will hire locally",
    )
    _one(store, name="Someone Else")
    with store.db.write() as session:
        erase_pledge(session, pledge_id)
    purge_freed_space(store.db.engine)
    erased = store.get_pledge(pledge_id)
    assert erased is not None
    assert erased.name == ERASED_NAME and erased.erased_at is not None
    assert (erased.organisation, erased.email, erased.phone, erased.postcode) == (None,) * 4
    assert erased.pledge_text is None and erased.actions == ("buy-from-local-area",)
    assert erased.status == "withdrawn"
    for fmt in ("csv", "json", "xlsx"):
        out = tmp_path / f"after.{fmt}"
        export_pledges(store, fmt, out, PledgeFilter(), include_contact=True)
        data = out.read_bytes()
        assert b"Quernsby" not in data and b"Zelda" not in data, fmt
    # Nothing left in the database file or its write-ahead log either.
    for file in store.paths.database.parent.glob(store.paths.database.name + "*"):
        assert b"Quernsby" not in file.read_bytes(), file.name
    with store.db.read() as session:
        entry = audit.entries(session, pledge_id)[-1]
    assert entry.action == "pledge.erase"
    assert sorted(entry.details["fields"]) == sorted(
        ["name", "organisation", "email", "postcode", "pledge_text"]
    )
    with pytest.raises(ValidationError), store.db.write() as session:
        correct_pledge(session, store.catalogue, pledge_id, {"name": "Back Again"})


def test_an_erased_pledge_of_own_words_only_stays_a_valid_record(store: Store) -> None:
    pledge_id = _one(store, actions=[], pledge_text="My own words")
    with store.db.write() as session:
        erased = erase_pledge(session, pledge_id)
    assert erased.pledge_text == ERASED_NAME and erased.actions == ()
