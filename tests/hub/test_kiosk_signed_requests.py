"""An enrolled kiosk signs each request with its own key instead of sending a token. Against a
real hub process (SQLite and PostgreSQL): a signed request from a registered kiosk is taken,
and what it reports (queued pledges, app version) is kept for staff; a signature by the wrong
key, in another kiosk's name, from a revoked kiosk, too old, or over another body or path is
refused with 401 and changes nothing. Every batch answer carries the running total of the
event across every kiosk, as GET /api/v1/events/ID/totals does."""

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
from charter_desktop.core.events import create_event, set_current_event
from charter_desktop.core.pledges.edit import withdraw_pledge
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key
from charter_desktop.core.signing import binding_proof, public_key_pem
from charter_desktop.core.storage.db import Database
from charter_desktop.core.sync.request_auth import KioskAuth, signed_header
from charter_desktop.hub import enrolment
from charter_desktop.hub.db import hub_engine, open_hub_database
from charter_desktop.hub.events import add_event, get_event
from tests.fixtures.attack import Kiosk, hub_state, opened
from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli

SUMMIT_NAME, SUMMIT_PLACE, SUMMIT_DATE, SUMMIT_TARGET = (
    "Launch summit",
    "Town hall",
    "2026-05-14",
    500,
)
SUMMIT = {"name": SUMMIT_NAME, "place": SUMMIT_PLACE, "date": SUMMIT_DATE, "target": SUMMIT_TARGET}


def signed(
    hub: HubProcess, kiosk: Kiosk, method: str, path: str, body: bytes = b"", *,
    key: Ed25519PrivateKey | None = None, device_id: str | None = None,
    sign: tuple[str, bytes] | None = None, age: timedelta = timedelta(0),
    headers: dict[str, str] | None = None,
) -> httpx.Response:  # fmt: skip
    """A request signed as `kiosk` (or with `key`, in `device_id`'s name, over `sign`'s path
    and body instead of the ones sent, `age` ago)."""
    sign_path, sign_body = sign or (path, body)
    header = signed_header(key or kiosk.key, device_id or kiosk.device_id, method, sign_path,
                           sign_body, utc_now() - age)  # fmt: skip
    sent = {"Authorization": header, "Content-Type": "application/json", **(headers or {})}
    if method == "POST":
        sent.setdefault("Idempotency-Key", uuid.uuid4().hex)
    return httpx.request(method, f"{hub.url}{path}", content=body, headers=sent, timeout=60)


def batch(kiosk: Kiosk, pledge_ids: list[str], event: dict[str, Any] | None = None) -> bytes:
    """A signed kiosk's batch: no token, so no key or proof (the hub holds its key)."""
    body = {
        "device_id": kiosk.device_id,
        "events": [event] if event else [],
        "pledges": [kiosk.pledge_json(p) for p in pledge_ids],
        "erased": [],
    }
    return json.dumps(body).encode()


def device_row(hub: HubProcess, name: str) -> dict[str, Any]:
    engine = hub_engine(hub.db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT last_contact_at, queued_reported, app_version FROM devices "
                     "WHERE name = :name"), {"name": name},
            ).mappings().one()  # fmt: skip
            return dict(row)
    finally:
        engine.dispose()


@pytest.fixture
def a(hub: HubProcess, tmp_path: Path) -> Kiosk:
    """Kiosk A, registered with the hub (its first sync bound its token and key)."""
    kiosk = Kiosk(tmp_path / "kiosk-a", hub, hub.token("hall-a"))
    kiosk.add(name="Amelia Patel", consent_publish_name=True)
    assert kiosk.sync().sent == 1
    return kiosk


def test_a_signed_request_is_taken_and_its_kiosk_reports_are_kept(
    a: Kiosk, hub: HubProcess
) -> None:
    who = signed(hub, a, "GET", "/api/v1/device", headers={
        "X-Charter-Queued": "12", "X-Charter-Version": "0.21.0 (summit)"})  # fmt: skip
    assert who.status_code == 200, who.text
    assert who.json()["name"] == "hall-a"
    contact = device_row(hub, "hall-a")
    assert (contact["queued_reported"], contact["app_version"]) == (12, "0.21.0 (summit)")
    assert contact["last_contact_at"] is not None

    pledge_id = a.add(name="Kwame Mensah")
    answer = signed(hub, a, "POST", "/api/v1/batches", batch(a, [pledge_id]),
                    headers={"X-Charter-Queued": "0"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] == [pledge_id]
    assert pledge_id in [p[0] for p in hub_state(hub)["pledges"]]
    assert device_row(hub, "hall-a")["queued_reported"] == 0

    # Values out of range are ignored (the request is still taken); the last good ones stay.
    for queued, version in (("-1", "x" * 41), ("10000001", "bad\x7fversion"), ("1e3", "")):
        kept = signed(
            hub,
            a,
            "GET",
            "/api/v1/device",
            headers={"X-Charter-Queued": queued, "X-Charter-Version": version},
        )
        assert kept.status_code == 200  # fmt: skip
    contact = device_row(hub, "hall-a")
    assert (contact["queued_reported"], contact["app_version"]) == (0, "0.21.0 (summit)")

    # httpx's own auth, as kiosks use it, signs the query too.
    with httpx.Client(base_url=hub.url, auth=KioskAuth(a.key, a.device_id)) as client:
        assert client.get("/api/v1/device", params={"q": "a b"}).status_code == 200


def test_a_bearer_kiosk_reports_too(a: Kiosk, hub: HubProcess) -> None:
    answer = httpx.get(f"{hub.url}/api/v1/device", headers={
        "Authorization": f"Bearer {a.token}", "X-Charter-Queued": "3",
        "X-Charter-Version": "0.20.1"})  # fmt: skip
    assert answer.status_code == 200
    contact = device_row(hub, "hall-a")
    assert (contact["queued_reported"], contact["app_version"]) == (3, "0.20.1")


def test_bad_signatures_are_refused_and_store_nothing(
    a: Kiosk, hub: HubProcess, tmp_path: Path
) -> None:
    b = Kiosk(tmp_path / "kiosk-b", hub, hub.token("hall-b"))
    b.add(name="Grace Okafor")
    assert b.sync().sent == 1
    pledge_id = a.add(name="Planted")
    body = batch(a, [pledge_id])
    before = hub_state(hub)
    contact = device_row(hub, "hall-b")
    attempts = {
        "another key": signed(hub, a, "POST", "/api/v1/batches", body,
                              key=Ed25519PrivateKey.generate()),
        "B's name, A's key": signed(hub, a, "POST", "/api/v1/batches", body,
                                    device_id=b.device_id),
        "an unknown kiosk": signed(hub, a, "POST", "/api/v1/batches", body,
                                   device_id=str(uuid.uuid4())),
        "too old": signed(hub, a, "POST", "/api/v1/batches", body, age=timedelta(minutes=6)),
        "from the future": signed(hub, a, "POST", "/api/v1/batches", body,
                                  age=-timedelta(minutes=6)),
        "another body": signed(hub, a, "POST", "/api/v1/batches", body,
                               sign=("/api/v1/batches", batch(a, []))),
        "another path": signed(hub, a, "POST", "/api/v1/batches", body,
                               sign=("/api/v1/device", body)),
        "another query": signed(hub, a, "GET", "/api/v1/device?as=hall-b",
                                sign=("/api/v1/device", b"")),
    }  # fmt: skip
    for what, answer in attempts.items():
        assert answer.status_code == 401, (what, answer.text)
        assert answer.headers["www-authenticate"] == "CharterKiosk", what
    assert "date and time" in attempts["too old"].json()["detail"]
    assert hub_state(hub) == before
    assert device_row(hub, "hall-b") == contact

    # A revoked kiosk's signature no longer counts, though its key and clock are right.
    revoked = run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-a")
    assert revoked.returncode == 0, revoked.stderr
    before = hub_state(hub)
    assert signed(hub, a, "POST", "/api/v1/batches", body).status_code == 401
    assert signed(hub, a, "GET", "/api/v1/device").status_code == 401
    assert hub_state(hub) == before
    # B carries on.
    assert signed(hub, b, "GET", "/api/v1/device").json()["name"] == "hall-b"


def test_refused_signatures_are_throttled_like_tokens(a: Kiosk, hub: HubProcess) -> None:
    stranger = Ed25519PrivateKey.generate()
    codes = [signed(hub, a, "GET", "/api/v1/device", key=stranger).status_code
             for _ in range(21)]  # fmt: skip
    assert codes[:20] == [401] * 20 and codes[20] == 429
    # A right signature is never throttled.
    assert signed(hub, a, "GET", "/api/v1/device").status_code == 200


def _shared_event(kiosks: list[Kiosk], event_id: str) -> None:
    for kiosk in kiosks:
        with opened(kiosk.folder) as store, store.db.write() as session:
            create_event(session, SUMMIT_NAME, date.fromisoformat(SUMMIT_DATE),
                         SUMMIT_PLACE, SUMMIT_TARGET, event_id=event_id)  # fmt: skip
            set_current_event(session, event_id)


def test_every_answer_carries_the_event_total_across_kiosks(
    hub: HubProcess, tmp_path: Path
) -> None:
    event_id = str(uuid.uuid4())
    a = Kiosk(tmp_path / "kiosk-a", hub, hub.token("hall-a"))
    b = Kiosk(tmp_path / "kiosk-b", hub, hub.token("hall-b"))
    _shared_event([a, b], event_id)
    event = {"id": event_id, **SUMMIT}
    for kiosk, count in ((a, 3), (b, 2)):
        for n in range(count):
            kiosk.add(name=f"Attendee {n}")
        assert kiosk.sync().sent == count
    later = [a.add(name="Latecomer"), a.add(name="Changed mind")]
    with opened(a.folder) as store, store.db.write() as session:
        withdraw_pledge(session, later[1])
    answer = signed(hub, a, "POST", "/api/v1/batches", batch(a, later, event))
    assert answer.status_code == 200, answer.text
    [totals] = answer.json()["event_totals"]
    assert totals["event_id"] == event_id and totals["total"] == 3 + 2 + 1
    assert (totals["name"], totals["target"]) == (SUMMIT_NAME, SUMMIT_TARGET)
    assert totals["as_of"].endswith("Z")

    for kiosk in (a, b):
        got = signed(hub, kiosk, "GET", f"/api/v1/events/{event_id}/totals")
        assert got.status_code == 200 and got.json()["total"] == 6
    by_token = httpx.get(f"{hub.url}/api/v1/events/{event_id}/totals",
                         headers={"Authorization": f"Bearer {b.token}"})  # fmt: skip
    assert by_token.json()["total"] == 6

    # A replayed batch answers with the totals of now.
    b.add(name="One more")
    assert b.sync().sent == 1
    replay = signed(hub, a, "POST", "/api/v1/batches", batch(a, later, event),
                    headers={"Idempotency-Key": answer.json()["batch"]})  # fmt: skip
    assert replay.json()["replayed"] is True
    assert replay.json()["event_totals"][0]["total"] == 7

    for unknown in (str(uuid.uuid4()), "not-an-event", "%00"):
        missing = signed(hub, a, "GET", f"/api/v1/events/{unknown}/totals")
        assert missing.status_code == 404, unknown
    anonymous = httpx.get(f"{hub.url}/api/v1/events/{event_id}/totals")
    assert anonymous.status_code == 401


# Kiosk packs over the network: claiming a pack's token, and fetching a pack by its code.


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
