"""A kiosk's token speaks only for that kiosk. Each attack is made against a real hub process
(SQLite and PostgreSQL) by someone holding kiosk A's token and signing key, beside an honest
kiosk B: the attack is refused, the hub's data is unchanged, and B's next sync works."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charter_desktop.core.pledges.edit import withdraw_pledge
from tests.fixtures.attack import (
    Kiosk,
    body_as,
    forged_certificate,
    future,
    hub_state,
    opened,
    post,
    verdict,
)
from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli


@pytest.fixture
def pair(hub: HubProcess, tmp_path: Path) -> Iterator[tuple[Kiosk, Kiosk]]:
    """Kiosk A (synced once, so its token is bound) and kiosk B (not yet synced), each with
    two pledges."""
    a = Kiosk(tmp_path / "kiosk-a", hub, hub.token("hall-a"))
    b = Kiosk(tmp_path / "kiosk-b", hub, hub.token("hall-b"))
    for kiosk in (a, b):
        kiosk.add(name="Amelia Patel", consent_publish_name=True)
        kiosk.add(name="Kwame Mensah", email="kwame@example.org", consent_contact=True)
    assert a.sync().sent == 2
    yield a, b


def honest_b_still_works(b: Kiosk, hub: HubProcess, sent: int = 2) -> None:
    result = b.sync()
    assert result.ok and result.sent == sent, result.messages
    assert [(p[1]) for p in hub_state(hub)["pledges"]].count(b.device_id) >= sent


def test_a_token_cannot_register_a_key_for_an_invented_device(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    before = hub_state(hub)
    invented, own_key = str(uuid.uuid4()), Ed25519PrivateKey.generate()
    answer = post(hub, a.token, body_as(a, own_key, device_id=invented))
    assert answer.status_code == 403 and "belongs to kiosk device" in answer.json()["detail"]
    assert hub_state(hub) == before
    # A certificate signed with that key for that device is not genuine ...
    assert "Not a genuine certificate" in verdict(hub, forged_certificate(hub, own_key, invented))
    # ... nor one signed with A's own (stolen) key in B's name.
    assert "Not a genuine certificate" in verdict(hub, forged_certificate(hub, a.key, b.device_id))
    # A's genuine certificate says which kiosk signed it.
    with_a = verdict(hub, a.certificate(a.add(name="Later")))
    assert "Genuine certificate" in with_a and "hall-a" in with_a
    honest_b_still_works(b, hub)


def test_a_token_cannot_squat_on_another_kiosks_device_id(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    before = hub_state(hub)
    # B's device id is printed in every certificate B makes; B has not synced yet.
    for key in (a.key, Ed25519PrivateKey.generate()):
        answer = post(hub, a.token, body_as(a, key, device_id=b.device_id))
        assert answer.status_code == 403
    assert hub_state(hub) == before
    honest_b_still_works(b, hub)
    assert "Genuine certificate" in verdict(hub, b.certificate(b.add(name="Grace")))


def test_a_token_bound_at_issue_cannot_be_claimed_by_an_unused_token(
    hub: HubProcess, tmp_path: Path
) -> None:
    c = Kiosk(tmp_path / "kiosk-c", hub, "")
    c.add(name="Amelia Patel")
    issued = run_cli(None, "hub", "token", "--db", hub.db_url, "--device", "hall-c",
                     "--device-id", c.device_id)  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    c.token = issued.stdout.strip()
    spare = Kiosk(c.folder, hub, hub.token("spare"))  # an unused token, in the wrong hands
    before = hub_state(hub)
    answer = post(hub, spare.token, body_as(spare, Ed25519PrivateKey.generate()))
    assert answer.status_code == 403 and "belongs to another kiosk" in answer.json()["detail"]
    assert hub_state(hub) == before
    assert c.sync().sent == 1


def test_a_token_cannot_write_pledges_under_another_device(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    before = hub_state(hub)
    planted = {**a.pledge_json(a.add(name="Planted")), "device_id": b.device_id}
    answer = post(hub, a.token, body_as(a, pledges=[planted]))
    assert answer.status_code == 403 and "another kiosk's device_id" in answer.json()["detail"]
    in_b_name = post(hub, a.token, body_as(a, device_id=b.device_id, pledges=[planted]))
    assert in_b_name.status_code == 403
    assert hub_state(hub) == before
    honest_b_still_works(b, hub)


def rows_of(hub: HubProcess, kiosk: Kiosk) -> dict[str, list[tuple[str, ...]]]:
    """Kiosk `kiosk`'s pledges and erasures at the hub."""
    state = hub_state(hub)
    return {
        "pledges": [p for p in state["pledges"] if p[1] == kiosk.device_id],
        "erasures": [e for e in state["erasures"] if e[1] in (kiosk.device_id, "")],
    }


def test_a_token_cannot_overwrite_or_erase_another_kiosks_pledges(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    honest_b_still_works(b, hub)
    pledge_id = b.add(name="Grace Okafor", consent_publish_name=True)
    assert b.sync().sent == 1
    certificate = b.certificate(pledge_id)
    before = rows_of(hub, b)
    # The pledge id is in every certificate's QR: send it as A's, withdrawn and newer, then
    # erase it. A pledge is known by its kiosk and its id, so neither reaches B's pledge.
    taken = {**b.pledge_json(pledge_id), "device_id": a.device_id, "status": "withdrawn",
             "updated_at": future(minutes=1)}  # fmt: skip
    assert post(hub, a.token, body_as(a, pledges=[taken])).status_code == 200
    erase = post(hub, a.token, body_as(a, erased=[pledge_id]))
    assert erase.status_code == 200 and erase.json()["erased"] == 1  # A's own copy only
    assert rows_of(hub, b) == before
    page = verdict(hub, certificate)
    assert "Genuine certificate" in page and "pledge record" in page and "hall-b" in page
    log = "".join(p.read_text() for p in hub.log_dir.rglob("*.log"))
    assert "device hall-a sent 1 pledge id(s) the hub also holds from another kiosk" in log
    assert pledge_id in log and "Grace" not in log
    b.add(name="Next attendee")
    honest_b_still_works(b, hub, sent=1)


def test_a_copied_pledge_id_sent_first_does_not_block_the_real_pledge(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    # A copies the id from the certificate B printed, and sends it first, as its own.
    pledge_id = b.add(name="Grace Okafor", consent_publish_name=True)
    squat = {**b.pledge_json(pledge_id), "device_id": a.device_id}
    assert post(hub, a.token, body_as(a, pledges=[squat])).status_code == 200
    result = b.sync()
    assert result.ok and (result.sent, result.failed) == (3, 0)
    assert (pledge_id, b.device_id) in [(p[0], p[1]) for p in hub_state(hub)["pledges"]]
    page = verdict(hub, b.certificate(pledge_id))
    assert "Genuine certificate" in page and "pledge record" in page


def test_erasing_an_id_before_it_arrives_does_not_drop_the_real_pledge(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    unsent = b.add(name="Grace Okafor")
    answer = post(hub, a.token, body_as(a, erased=[unsent]))
    assert answer.status_code == 200  # A may erase what it says is its own ...
    assert answer.json()["erased"] == 0
    honest_b_still_works(b, hub, sent=3)  # ... and it blocks nothing of B's
    assert unsent in [p[0] for p in hub_state(hub)["pledges"]]


def test_times_beyond_the_clock_skew_or_before_the_charter_are_refused_per_item(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess
) -> None:
    a, b = pair
    pledge_id = a.add(name="Frozen")
    now_json = a.pledge_json(pledge_id)
    frozen = {**now_json, "updated_at": "9999-12-31T23:59:59Z"}
    ancient = {**now_json, "id": str(uuid.uuid4()), "created_at": "0001-01-01T00:00:00Z"}
    # Beyond the years Python's datetime holds once moved to UTC.
    overflows = [{**now_json, "id": str(uuid.uuid4()), name: stamp} for name, stamp in
                 (("created_at", "0001-01-01T00:00:00+01:00"),
                  ("updated_at", "9999-12-31T23:59:59-01:00"))]  # fmt: skip
    before = hub_state(hub)
    answer = post(hub, a.token, body_as(a, pledges=[frozen, ancient, *overflows]))
    assert answer.status_code == 200
    reasons = {r["item"]: r["errors"] for r in answer.json()["rejected"]}
    assert reasons[1] == [{"field": "updated_at", "message": "is more than 10 minutes ahead "
                           "of the hub's clock (check the kiosk's clock)"}]  # fmt: skip
    assert (
        reasons[2][0]["field"] == "created_at" and "before the charter" in reasons[2][0]["message"]
    )
    assert answer.json()["accepted"] == [] and hub_state(hub) == before
    # The kiosk's own sync of that pledge, and its withdrawal later, still change it.
    assert a.sync().sent == 1
    with opened(a.folder) as store, store.db.write() as session:
        withdraw_pledge(session, pledge_id)
    assert a.sync().sent == 1
    statuses = {p[0]: p[3] for p in hub_state(hub)["pledges"]}
    assert statuses[pledge_id] == "withdrawn"
    honest_b_still_works(b, hub)


def test_a_kiosk_with_a_wrong_clock_learns_it_and_staff_see_it(
    pair: tuple[Kiosk, Kiosk], hub: HubProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from charter_desktop.core.clock import utc_now
    from charter_desktop.core.sync import service

    a, _ = pair
    a.add(name="Clock Watcher")
    monkeypatch.setattr(service, "utc_now", lambda: utc_now() - timedelta(hours=3, minutes=12))
    result = a.sync()
    assert result.sent == 1
    assert result.clock_note is not None and "3 h 12 min behind" in result.clock_note
    status = run_cli(a.folder, "sync", "--status")
    assert "clock is 3 h 12 min behind the hub's" in status.stderr
