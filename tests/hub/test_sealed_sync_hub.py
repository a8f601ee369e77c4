"""A kiosk that seals attendees' details to the council key sends them sealed: the hub (a real
process, SQLite and PostgreSQL) keeps the envelope as it came, which only the council's key
opens, the postcode's district, and the name only when it may be published; never the email,
phone or postcode in clear. A sealed pledge the hub cannot take is refused alone, without
repeating what it held."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import text

from charter_desktop.core.clock import format_timestamp, parse_timestamp
from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.envelope import Opener, Sealer, raw_public
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.service import run_sync
from charter_desktop.core.sync.settings import SyncSettings
from charter_desktop.hub.db import hub_engine
from tests.fixtures.attack import Kiosk, body_as, post
from tests.fixtures.hub import HubProcess
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge

GRACE = {"name": "Grace Okafor", "email": "grace.okafor@example.org", "phone": "01438 242424",
         "postcode": "SG1 1HN", "consent_contact": True}  # fmt: skip
CLEAR = ("grace.okafor@example.org", "01438 242424", "SG1 1HN", "Grace Okafor")


@pytest.fixture
def council() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture
def kiosk(hub: HubProcess, tmp_path: Path) -> Kiosk:
    kiosk = Kiosk(tmp_path / "kiosk-a", hub, hub.token("hall-a"))
    kiosk.add(name="First attendee")
    assert kiosk.sync().sent == 1
    return kiosk


FAST_RETRY = RetryPolicy(attempts=3, base_seconds=0.05, cap_seconds=0.2)


def sealed_json(kiosk: Kiosk, council: X25519PrivateKey, **fields: Any) -> dict[str, Any]:
    """A pledge as a kiosk with a council key sends it: its details in the envelope, its name
    only when published."""
    pledge_id = kiosk.add(**{**GRACE, **fields})
    record = kiosk.pledge_json(pledge_id)
    sealer = Sealer(raw_public(council.public_key()))
    envelope = sealer.seal(pledge_id, {f: record[f] for f in ("name", "email", "phone",
                                                              "postcode")})  # fmt: skip
    for name in ("email", "phone", "postcode"):
        record.pop(name)
    published = record["name"] if record["consent_publish_name"] else ""
    return {**record, "name": published, "sealed": base64.b64encode(envelope).decode(),
            "postcode_district": "SG1"}  # fmt: skip


def stored(hub: HubProcess) -> dict[str, dict[str, Any]]:
    engine = hub_engine(hub.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM pledges")).mappings()
            return {row["id"]: dict(row) for row in rows}
    finally:
        engine.dispose()


def test_sealed_pledges_are_stored_sealed(
    kiosk: Kiosk, hub: HubProcess, council: X25519PrivateKey
) -> None:
    private = sealed_json(kiosk, council)
    public = sealed_json(kiosk, council, name="Amelia Patel", consent_publish_name=True)
    # A name sent without consent to publish is not kept: the envelope holds it.
    leaked = {**sealed_json(kiosk, council), "name": "Grace Okafor"}
    answer = post(hub, kiosk.token, body_as(kiosk, pledges=[private, public, leaked]))
    assert answer.status_code == 200, answer.text
    assert sorted(answer.json()["accepted"]) == sorted([private["id"], public["id"], leaked["id"]])

    rows = stored(hub)
    for sent in (private, public, leaked):
        row = rows[sent["id"]]
        assert (row["email"], row["phone"], row["postcode"]) == (None, None, None)
        assert row["postcode_district"] == "SG1"
        envelope = bytes(row["sealed"])
        assert envelope == base64.b64decode(sent["sealed"])
        opened = Opener(council).open(sent["id"], envelope)
        assert opened["email"] == GRACE["email"] and opened["postcode"] == GRACE["postcode"]
    assert rows[private["id"]]["name"] == "" and rows[leaked["id"]]["name"] == ""
    assert rows[public["id"]]["name"] == "Amelia Patel"
    everything = repr(rows)
    assert not [value for value in CLEAR if value in everything]

    # A kiosk's pledge sent in clear is stored as before, with its district beside it.
    plain_id = kiosk.add(name="Kwame Mensah", postcode="sg2 8ab")
    plain_json = kiosk.pledge_json(plain_id)
    assert post(hub, kiosk.token, body_as(kiosk, pledges=[plain_json])).status_code == 200
    plain = stored(hub)[plain_id]
    assert (plain["sealed"], plain["postcode"], plain["postcode_district"]) == (
        None, "SG2 8AB", "SG2")  # fmt: skip


def test_a_sealed_pledge_the_hub_cannot_take_is_refused_alone(
    kiosk: Kiosk, hub: HubProcess, council: X25519PrivateKey
) -> None:
    good = sealed_json(kiosk, council)
    base = sealed_json(kiosk, council)
    envelope = base64.b64decode(base["sealed"])
    bad = {
        "not base64": {**base, "sealed": "not base64!"},
        "too big": {**base, "sealed": base64.b64encode(envelope + bytes(17 * 1024)).decode()},
        "not an envelope": {**base, "sealed": base64.b64encode(b"\x02" + envelope[1:]).decode()},
        "a number": {**base, "sealed": 12},
        "email in clear": {**base, "email": GRACE["email"]},
        "postcode in clear": {**base, "postcode": GRACE["postcode"]},
        "bad district": {**base, "postcode_district": "<script>"},
    }
    records = [good, *bad.values()]
    answer = post(hub, kiosk.token, body_as(kiosk, pledges=records))
    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] == [good["id"]]
    fields = {r["item"]: [e["field"] for e in r["errors"]] for r in answer.json()["rejected"]}
    assert fields == {2: ["sealed"], 3: ["sealed"], 4: ["sealed"], 5: ["sealed"],
                      6: ["email"], 7: ["postcode"], 8: ["postcode_district"]}  # fmt: skip
    assert not [value for value in (*CLEAR, "<script>") if value in answer.text]
    rows = stored(hub)
    assert good["id"] in rows and base["id"] not in rows
    assert not [value for value in CLEAR if value in repr(rows)]


def test_a_newer_version_in_clear_never_replaces_a_sealed_one(
    kiosk: Kiosk, hub: HubProcess, council: X25519PrivateKey
) -> None:
    sealed = sealed_json(kiosk, council)
    assert post(hub, kiosk.token, body_as(kiosk, pledges=[sealed])).status_code == 200
    later = format_timestamp(parse_timestamp(sealed["updated_at"]) + timedelta(seconds=5))
    clear = {**kiosk.pledge_json(sealed["id"]), "updated_at": later}
    answer = post(hub, kiosk.token, body_as(kiosk, pledges=[clear]))
    assert answer.status_code == 200, answer.text
    row = stored(hub)[sealed["id"]]
    assert bytes(row["sealed"]) == base64.b64decode(sealed["sealed"])
    assert (row["email"], row["phone"], row["postcode"]) == (None, None, None)
    assert not [value for value in CLEAR[:3] if value in repr(row)]
    # A newer sealed version still replaces it.
    resealed = {**sealed_json(kiosk, council), "id": sealed["id"], "updated_at": later}
    assert post(hub, kiosk.token, body_as(kiosk, pledges=[resealed])).status_code == 200
    assert bytes(stored(hub)[sealed["id"]]["sealed"]) == base64.b64decode(resealed["sealed"])


def test_a_keyed_kiosk_sends_its_pledges_sealed_locked_or_not(
    hub: HubProcess, keyed_store: Store
) -> None:
    [zofia] = keyed_store.add_pledges(
        [pledge(name="Zofia Nowak", email="zofia@example.org", postcode="SG1 1HN",
                consent_contact=True)],
        source="kiosk", actor="kiosk",
    ).ids  # fmt: skip
    settings = SyncSettings(hub.url, hub.token("hall-k"))
    locked = run_sync(keyed_store, settings, retry=FAST_RETRY)  # no staff at the kiosk
    assert locked.ok and locked.sent == 1 and hub.count() == 1
    service.unlock(keyed_store, TEST_PASSPHRASE)
    [kwame] = keyed_store.add_pledges(
        [pledge(name="Kwame Mensah", email="kwame@example.org", consent_contact=True,
                consent_publish_name=True)],
        source="kiosk", actor="kiosk",
    ).ids  # fmt: skip
    unlocked = run_sync(keyed_store, settings, retry=FAST_RETRY)
    assert unlocked.ok and unlocked.sent == 1 and hub.count() == 2
    with keyed_store.db.read() as session:
        envelopes = {i: session.get(PledgeRow, i).sealed for i in (zofia, kwame)}  # type: ignore[union-attr]
    engine = hub_engine(hub.db_url)
    with engine.connect() as conn:  # the hub holds the envelopes, never the details in clear
        rows = conn.execute(
            text("SELECT id, name, email, phone, postcode, postcode_district, sealed "
                 "FROM pledges ORDER BY name")
        ).all()  # fmt: skip
    engine.dispose()
    assert [tuple(r[:6]) for r in rows] == [
        (zofia, "", None, None, None, "SG1"),
        (kwame, "Kwame Mensah", None, None, None, None),  # published with consent
    ]
    assert {r[0]: bytes(r[6]) for r in rows} == envelopes
