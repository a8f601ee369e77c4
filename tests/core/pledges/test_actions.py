"""Staff actions on one pledge, each in its own transaction: saved or not at all, audited
under the staff actor, and an erasure or a withdrawn contact consent leaves no copy of the
removed values in the database file or its write-ahead log, with no purge by the caller."""

from __future__ import annotations

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.pledges import actions as pledge_actions
from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.edit import ERASED_NAME
from charter_desktop.core.storage import audit
from charter_desktop.core.store import Store
from tests.helpers import pledge

SECRETS = (b"Ysolde Brackenthwaite", b"Brackenthwaite Looms", b"ysolde@example.org", b"SG3 6XJ")


def _stored_bytes(store: Store) -> dict[str, bytes]:
    """The database file, its WAL and shared memory as they are on disk now."""
    folder = store.paths.database.parent
    return {f.name: f.read_bytes() for f in folder.glob(store.paths.database.name + "*")}


def _copies(store: Store, *values: bytes) -> list[str]:
    return [f"{n}: {v!r}" for n, data in _stored_bytes(store).items() for v in values if v in data]


def _ysolde(store: Store) -> str:
    fields = pledge(
        name="Ysolde Brackenthwaite",
        organisation="Brackenthwaite Looms",
        email="ysolde@example.org",
        consent_contact=True,
        postcode="SG3 6XJ",
        pledge_text="Brackenthwaite Looms will buy wool locally",
    )
    return store.add_pledges([fields], source="cli", actor="test").ids[0]


def test_erase_leaves_no_copy_in_the_file_or_its_wal(store: Store) -> None:
    pledge_id = _ysolde(store)
    store.add_pledges([pledge(name="Someone Else")], source="cli", actor="test")
    assert len(_copies(store, *SECRETS)) >= len(SECRETS)  # the scan finds them while stored
    assert any(name.endswith("-wal") for name in _stored_bytes(store))
    erased = pledge_actions.erase(store, pledge_id, "staff")
    assert erased.name == ERASED_NAME and erased.erased_at is not None
    assert erased.status == "withdrawn" and erased.email is None
    assert _copies(store, *SECRETS, b"Brackenthwaite", b"ysolde") == []
    with store.db.read() as session:
        entry = audit.entries(session, pledge_id)[-1]
    assert (entry.action, entry.actor) == ("pledge.erase", "staff")
    other = store.list_pledges()
    assert sorted(p.name for p in other) == [ERASED_NAME, "Someone Else"]


def test_withdrawing_consent_to_contact_leaves_no_copy_of_the_email(store: Store) -> None:
    pledge_id = _ysolde(store)
    assert _copies(store, b"ysolde@example.org") != []
    withdrawn = pledge_actions.withdraw_consent(store, pledge_id, "contact", "staff")
    assert not withdrawn.consent_contact and withdrawn.email is None
    assert withdrawn.name == "Ysolde Brackenthwaite"  # the rest of the pledge stays
    assert _copies(store, b"ysolde@example.org", b"ysolde@") == []
    kinds = [r.kind for r in consent.consent_history(store, pledge_id)]
    assert kinds == ["given", "withdrawn"]


def test_each_action_is_saved_in_its_own_transaction_or_not_at_all(store: Store) -> None:
    pledge_id = _ysolde(store)
    with pytest.raises(ValidationError):
        pledge_actions.correct(store, pledge_id, {"pledger_type": "dragon"}, "staff")
    with pytest.raises(ValidationError):
        pledge_actions.withdraw_consent(store, pledge_id, "everything", "staff")
    fixed = pledge_actions.correct(store, pledge_id, {"postcode": "sg3 6xk"}, "staff")
    assert fixed.postcode == "SG3 6XK"
    assert pledge_actions.withdraw(store, pledge_id, "staff").status == "withdrawn"
    assert store.count_pledges() == 0
    assert pledge_actions.reinstate(store, pledge_id, "staff").status == "active"
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.postcode == "SG3 6XK" and stored.status == "active"
    with store.db.read() as session:
        entries = [(e.action, e.actor) for e in audit.entries(session, pledge_id)]
    assert entries == [
        ("pledge.correct", "staff"),
        ("pledge.withdraw", "staff"),
        ("pledge.reinstate", "staff"),
    ]
    pledge_actions.erase(store, pledge_id, "staff")
    with pytest.raises(ValidationError):
        pledge_actions.reinstate(store, pledge_id, "staff")
    assert store.count_pledges() == 0
