"""The kiosk's submit: one pledge per id however often it is submitted, and its day count."""

from __future__ import annotations

import uuid

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.kiosk.capture import kiosk_settings, submit_pledge
from charter_desktop.core.kiosk.settings import KioskSettings, save_kiosk_settings
from charter_desktop.core.storage import audit
from charter_desktop.core.store import Store
from tests.helpers import pledge


def test_submit_stores_the_pledge_for_the_current_event_from_the_kiosk(store: Store) -> None:
    pledge_id = str(uuid.uuid4())
    stored = submit_pledge(store, pledge(id=pledge_id, consent_publish_name=True))
    assert stored.id == pledge_id
    assert stored.source == "kiosk"
    assert stored.event_id == store.current_event().id
    assert stored.device_id == store.device_id
    assert store.get_pledge(pledge_id) == stored
    with store.db.read() as session:
        actions = [e.action for e in audit.entries(session)]
    assert actions.count("pledge.add") == 1


def test_a_repeated_submit_of_the_same_pledge_returns_it_and_stores_one(store: Store) -> None:
    data = pledge(id=str(uuid.uuid4()), pledge_text="Buy my lunch in the old town")
    first = submit_pledge(store, data)
    second = submit_pledge(store, dict(data))
    assert first == second
    assert store.count_pledges() == 1


def test_the_same_id_with_other_content_is_refused_and_the_first_kept(store: Store) -> None:
    pledge_id = str(uuid.uuid4())
    submit_pledge(store, pledge(id=pledge_id))
    with pytest.raises(ValidationError) as caught:
        submit_pledge(store, pledge(id=pledge_id, name="Somebody Else"))
    assert [e.field for e in caught.value.errors] == ["id"]
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.name == "Amelia Patel"


def test_invalid_data_names_each_field_and_stores_nothing(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        submit_pledge(store, {"pledger_type": "resident", "postcode": "nope"})
    fields = {e.field for e in caught.value.errors}
    assert {"name", "actions", "postcode"} <= fields
    assert store.count_pledges() == 0


def test_the_first_submit_on_a_fresh_kiosk_makes_the_default_event_first(store: Store) -> None:
    stored = submit_pledge(store, pledge(id=str(uuid.uuid4())))
    event = store.current_event()
    assert stored.event_id == event.id and event.name == f"{store.catalogue.programme} pledges"
    with store.db.read() as session:
        actions = [e.action for e in audit.entries(session)]
    assert actions.index("event.create") < actions.index("pledge.add")
    assert submit_pledge(store, pledge(id=str(uuid.uuid4()))).event_id == event.id


def test_a_pledge_naming_an_unknown_event_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        submit_pledge(store, pledge(event_id=str(uuid.uuid4())))
    assert [str(e) for e in caught.value.errors] == [
        "event_id: no event with this id on this kiosk"
    ]
    assert store.count_pledges() == 0
    named = submit_pledge(store, pledge(event_id=store.current_event().id))
    assert named.event_id == store.current_event().id


def test_the_returned_pledge_is_what_a_read_gives(keyed_store: Store) -> None:
    from charter_desktop.core.privacy import service
    from tests.fixtures.store import TEST_PASSPHRASE

    data = pledge(
        id=str(uuid.uuid4()),
        name="Zofia Nowak",
        email="zofia@example.org",
        postcode="sg1 1hn",
        consent_contact=True,
        pledger_type="business",
        organisation="Nowak Consulting",
        measures={"buy-from-local-area": 43.291},
    )
    returned = submit_pledge(keyed_store, data)
    locked = keyed_store.get_pledge(returned.id)
    assert locked is not None and locked.locked and locked.email is None  # sealed on disk
    service.unlock(keyed_store, TEST_PASSPHRASE)
    try:
        assert keyed_store.get_pledge(returned.id) == returned
    finally:
        service.lock()
    assert returned.postcode == "SG1 1HN" and returned.district == "SG1"
    assert returned.measures == {"buy-from-local-area": 43.29}


def test_kiosk_settings_reads_what_staff_saved(store: Store) -> None:
    assert kiosk_settings(store).idle_timeout_seconds == 90
    with store.db.write() as session:
        save_kiosk_settings(session, KioskSettings(idle_timeout_seconds=45))
    assert kiosk_settings(store).idle_timeout_seconds == 45
