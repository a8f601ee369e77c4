"""Enrolment over the hub's API, from a real hub process (SQLite and PostgreSQL): a pack is
claimed once and then the kiosk signs its requests; claims with a bad token or proof are
refused; a code fetches its pack once; a claimed pack's token serves only a repeat claim;
a pack kiosk seals its details and sends pledges only for the events it was enrolled for."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from charter_desktop.core.clock import utc_now
from charter_desktop.core.enrolment.pack import open_pack
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key
from charter_desktop.core.signing import binding_proof, public_key_pem
from charter_desktop.core.storage.db import Database
from charter_desktop.core.sync.request_auth import KioskAuth
from charter_desktop.hub import enrolment
from charter_desktop.hub.db import open_hub_database
from charter_desktop.hub.events import add_event, get_event
from tests.fixtures.attack import Kiosk, hub_state, signed
from tests.fixtures.hub import HubProcess
from tests.fixtures.hub_packs import SUMMIT_DATE, SUMMIT_NAME, SUMMIT_PLACE, SUMMIT_TARGET
from tests.helpers import run_cli


def _hub_db(hub: HubProcess) -> Database:
    return open_hub_database(hub.db_url)


def make_pack(hub: HubProcess, device: str, event_id: str) -> tuple[bytes, str]:
    """A kiosk pack for `device` at the summit `event_id` (made at the hub, as `hub enrol`
    does), and its one-time code."""
    db = _hub_db(hub)
    try:
        with db.write() as session:
            if get_event(session, event_id) is None:
                add_event(session, SUMMIT_NAME, date.fromisoformat(SUMMIT_DATE),
                          SUMMIT_PLACE, SUMMIT_TARGET, event_id=event_id)  # fmt: skip
            return enrolment.make_pack(session, device, event_id, hub.url,
                                       council_key=COUNCIL_KEY)  # fmt: skip
    finally:
        db.dispose()


def set_sql(hub: HubProcess, statement: str, **values: Any) -> None:
    db = _hub_db(hub)
    try:
        with db.write() as session:
            session.execute(text(statement), values)
    finally:
        db.dispose()


@dataclass
class Installation:
    """A kiosk installation that has read a pack: its own key and device id."""

    token: str
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def claim(self, hub: HubProcess, token: str | None = None) -> httpx.Response:
        body = {"device_id": self.device_id, "public_key": public_key_pem(self.key),
                "proof": binding_proof(self.key, self.device_id, self.token)}  # fmt: skip
        return httpx.post(f"{hub.url}/api/v1/enrol/claim", json=body, timeout=30,
                          headers={"Authorization": f"Bearer {token or self.token}"})  # fmt: skip

    def get(self, hub: HubProcess, path: str) -> httpx.Response:
        with httpx.Client(base_url=hub.url, auth=KioskAuth(self.key, self.device_id)) as c:
            return c.get(path)


COUNCIL_KEY = new_council_key("a council passphrase", ScryptCost(n=2**10))


def test_a_pack_is_claimed_once_then_the_kiosk_signs_its_requests(hub: HubProcess) -> None:
    event_id = str(uuid.uuid4())
    pack, _code = make_pack(hub, "hall-a", event_id)
    token = open_pack(pack).payload.token
    kiosk = Installation(token)
    assert kiosk.get(hub, "/api/v1/device").status_code == 401  # not claimed yet

    first = kiosk.claim(hub)
    assert first.status_code == 200, first.text
    assert first.json() == {"device": "hall-a", "event_id": event_id}
    assert kiosk.claim(hub).json() == first.json()  # the same installation, again

    before = hub_state(hub)
    thief = Installation(token)
    taken = thief.claim(hub)
    assert taken.status_code == 409
    assert taken.json()["detail"] == "this kiosk pack was already used by another kiosk"
    assert thief.get(hub, "/api/v1/device").status_code == 401
    assert hub_state(hub) == before

    who = kiosk.get(hub, "/api/v1/device")
    assert who.status_code == 200 and who.json()["event_id"] == event_id
    # Its enrolled event's total comes with every batch, even one that names no event.
    body = json.dumps({"device_id": kiosk.device_id, "events": [], "pledges": [],
                       "erased": []}).encode()  # fmt: skip
    with httpx.Client(base_url=hub.url, auth=KioskAuth(kiosk.key, kiosk.device_id)) as c:
        answer = c.post("/api/v1/batches", content=body,
                        headers={"Idempotency-Key": uuid.uuid4().hex})  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert [(t["event_id"], t["total"]) for t in answer.json()["event_totals"]] == [(event_id, 0)]


def test_claims_with_a_bad_token_or_proof_are_refused(hub: HubProcess) -> None:
    event_id = str(uuid.uuid4())
    pack, _ = make_pack(hub, "hall-a", event_id)
    kiosk = Installation(open_pack(pack).payload.token)

    forged = Installation(kiosk.token)
    forged.key = Ed25519PrivateKey.generate()
    body = {"device_id": forged.device_id, "public_key": public_key_pem(forged.key),
            "proof": binding_proof(Ed25519PrivateKey.generate(), forged.device_id,
                                   kiosk.token)}  # fmt: skip
    refused = httpx.post(f"{hub.url}/api/v1/enrol/claim", json=body,
                         headers={"Authorization": f"Bearer {kiosk.token}"})  # fmt: skip
    assert refused.status_code == 403

    assert kiosk.claim(hub, token="cdk_not-a-token").status_code == 401
    not_uuid = httpx.post(
        f"{hub.url}/api/v1/enrol/claim",
        headers={"Authorization": f"Bearer {kiosk.token}"},
        json={**body, "device_id": "kiosk-1"},
    )
    assert not_uuid.status_code == 422  # fmt: skip

    # An unclaimed pack past its expiry, and a revoked one.
    set_sql(hub, "UPDATE devices SET expires_at = :past WHERE name = 'hall-a'",
            past=utc_now() - timedelta(minutes=1))  # fmt: skip
    assert kiosk.claim(hub).status_code == 401
    pack_b, _ = make_pack(hub, "hall-b", event_id)
    kiosk_b = Installation(open_pack(pack_b).payload.token)
    assert run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-b").returncode == 0
    assert kiosk_b.claim(hub).status_code == 401

    codes = [kiosk.claim(hub, token=f"cdk_guess{n}").status_code for n in range(20)]
    assert codes[-1] == 429 and set(codes[:-3]) == {401}


def test_a_code_fetches_its_pack_once(hub: HubProcess) -> None:
    event_id = str(uuid.uuid4())
    pack, code = make_pack(hub, "hall-a", event_id)
    # As typed on a kiosk: lower case, an O for a 0, spaces for dashes.
    typed = code.lower().replace("-", " ").replace("0", "o")
    first = httpx.post(f"{hub.url}/api/v1/enrol", json={"code": typed})
    assert first.status_code == 200, first.text
    assert first.json()["pack"] == json.loads(pack)
    assert open_pack(json.dumps(first.json()["pack"]).encode()).payload.device_name == "hall-a"

    again = httpx.post(f"{hub.url}/api/v1/enrol", json={"code": code})
    assert again.status_code == 410 and again.json()["detail"] == "this code was already used"

    _, late = make_pack(hub, "hall-b", event_id)
    set_sql(hub, "UPDATE enrolment_codes SET expires_at = :past WHERE used_at IS NULL",
            past=utc_now() - timedelta(minutes=1))  # fmt: skip
    assert httpx.post(f"{hub.url}/api/v1/enrol", json={"code": late}).status_code == 410

    _, fresh = make_pack(hub, "hall-c", event_id)
    for bad in ({"code": "ABCD-EFGH-JK"}, {"code": "x" * 500}, {"code": ""}):
        assert httpx.post(f"{hub.url}/api/v1/enrol", json=bad).status_code == 404
    assert httpx.post(f"{hub.url}/api/v1/enrol", json={"kode": 1}).status_code == 422
    codes = [httpx.post(f"{hub.url}/api/v1/enrol", json={"code": f"ZZZZ-ZZZZ-{n:02d}"}
                        ).status_code for n in range(18)]  # fmt: skip
    assert codes[-1] == 429 and set(codes[:-1]) == {404}
    # Past the limit even the right code waits: guessing gains nothing.
    assert httpx.post(f"{hub.url}/api/v1/enrol", json={"code": fresh}).status_code == 429


def test_a_claimed_packs_token_serves_only_a_repeat_claim(hub: HubProcess) -> None:
    event_id = str(uuid.uuid4())
    pack, code = make_pack(hub, "hall-a", event_id)
    kiosk = Installation(open_pack(pack).payload.token)
    assert kiosk.claim(hub).status_code == 200  # as from a USB pack
    bearer = {"Authorization": f"Bearer {kiosk.token}"}
    assert httpx.get(f"{hub.url}/api/v1/device", headers=bearer).status_code == 401
    assert kiosk.claim(hub).status_code == 200  # a lost answer: the same kiosk asks again
    assert httpx.post(f"{hub.url}/api/v1/enrol", json={"code": code}).status_code in (404, 410)

    # A new pack for the kiosk in use (the next event): claim only, and only until it expires.
    next_event = str(uuid.uuid4())
    pack_2, _ = make_pack(hub, "hall-a", next_event)
    again = Installation(open_pack(pack_2).payload.token, kiosk.key, kiosk.device_id)
    reissued = {"Authorization": f"Bearer {again.token}"}
    assert httpx.get(f"{hub.url}/api/v1/device", headers=reissued).status_code == 401
    set_sql(hub, "UPDATE devices SET expires_at = :past WHERE name = 'hall-a'",
            past=utc_now() - timedelta(minutes=1))  # fmt: skip
    assert again.claim(hub).status_code == 401
    assert kiosk.get(hub, "/api/v1/device").json()["event_id"] == event_id  # still the first


@pytest.fixture
def a(hub: HubProcess, tmp_path: Path) -> Kiosk:
    """Kiosk A, a token kiosk registered with the hub (its first sync bound its token and key),
    never enrolled from a pack."""
    kiosk = Kiosk(tmp_path / "kiosk-a", hub, hub.token("hall-a"))
    kiosk.add(name="Amelia Patel", consent_publish_name=True)
    assert kiosk.sync().sent == 1
    return kiosk


def test_pack_kiosks_seal_details_and_send_only_for_their_events(
    hub: HubProcess, a: Kiosk, tmp_path: Path
) -> None:
    enrolled_event, other_event = str(uuid.uuid4()), str(uuid.uuid4())
    pack, _ = make_pack(hub, "hall-b", enrolled_event)
    make_pack(hub, "hall-c", other_event)
    b = Kiosk(tmp_path / "kiosk-b", hub, open_pack(pack).payload.token)
    claimed = Installation(b.token, b.key, b.device_id).claim(hub)
    assert claimed.status_code == 200, claimed.text

    def record(kiosk: Kiosk, event: str, **fields: Any) -> dict[str, Any]:
        return {**kiosk.pledge_json(kiosk.add(**fields)), "event_id": event}

    plain = record(b, enrolled_event, name="Amelia Patel")
    emailed = record(
        b, enrolled_event, name="Kwame Mensah", email="kwame@example.org", consent_contact=True
    )
    elsewhere = record(b, other_event, name="Grace Okafor")
    body = {"device_id": b.device_id, "events": [], "pledges": [plain, emailed, elsewhere],
            "erased": []}  # fmt: skip
    answer = signed(hub, b, "POST", "/api/v1/batches", json.dumps(body).encode())
    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] == [plain["id"]]
    fields = {r["item"]: [e["field"] for e in r["errors"]] for r in answer.json()["rejected"]}
    assert fields == {2: ["email"], 3: ["event_id"]}
    assert "kwame@example.org" not in answer.text
    assert "this kiosk is not enrolled for that event" in answer.text

    # A token kiosk never enrolled: not for the hub's events, still for its own.
    hubs = record(a, enrolled_event, name="Someone")
    own = a.pledge_json(a.add(name="Someone else"))
    body = {"device_id": a.device_id, "events": [], "pledges": [hubs, own], "erased": []}
    answer = signed(hub, a, "POST", "/api/v1/batches", json.dumps(body).encode())
    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] == [own["id"]]
    assert [r["item"] for r in answer.json()["rejected"]] == [1]
