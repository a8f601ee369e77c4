"""An enrolled kiosk signs each request with its own key instead of sending a token. Against a
real hub process (SQLite and PostgreSQL): a signed request from a registered kiosk is taken,
and what it reports (queued pledges, app version) is kept for staff; a signature by the wrong
key, in another kiosk's name, from a revoked kiosk, too old, or over another body or path is
refused with 401 and changes nothing. Every batch answer carries the running total of the
event across every kiosk, as GET /api/v1/events/ID/totals does."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from charter_desktop.core.events import create_event, set_current_event
from charter_desktop.core.pledges.edit import withdraw_pledge
from charter_desktop.core.sync.request_auth import KioskAuth
from charter_desktop.hub.db import hub_engine
from tests.fixtures.attack import Kiosk, hub_state, opened, signed
from tests.fixtures.hub import HubProcess
from tests.fixtures.hub_packs import SUMMIT, SUMMIT_DATE, SUMMIT_NAME, SUMMIT_PLACE, SUMMIT_TARGET
from tests.helpers import run_cli


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
