"""A kiosk pack claimed at the hub: only one kiosk installation can claim it (the same one
again, with its proof; a new pack for a kiosk in use serves that kiosk alone), a pack trusts
every live kiosk key, and a new pack for a kiosk replaces its unused one."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from charter_desktop.core.signing import binding_proof, public_key_pem
from charter_desktop.hub import enrolment
from charter_desktop.hub.db import hub_engine, open_hub_database
from charter_desktop.hub.devices import device_for_token
from charter_desktop.hub.models import DeviceRow
from tests.fixtures.attack import Kiosk, opened
from tests.fixtures.hub import HubProcess
from tests.fixtures.hub_packs import (
    claim,
    council_key_file,
    enrol,
    new_event,
    read_pack,
)
from tests.helpers import pledge, run_cli


def test_only_one_kiosk_installation_can_claim_a_pack(tmp_path: Path) -> None:
    db_url = str(tmp_path / "hub.sqlite3")
    summit = new_event(db_url)
    out = tmp_path / "hall-a.pack"
    enrol(db_url, "Hall A", summit, "https://10.0.0.2:8750", out,
          "--council-key", str(council_key_file(tmp_path)))  # fmt: skip
    token = read_pack(out).payload.token
    first, second = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())

    db = open_hub_database(db_url)
    try:  # a claim that does not prove the key changes nothing
        with db.write() as session, pytest.raises(enrolment.ClaimRefused) as bad:
            row = device_for_token(session, token)
            assert row is not None
            enrolment.claim_pack(session, row, first_id, public_key_pem(first),
                                 binding_proof(second, first_id, token))  # fmt: skip
        assert bad.value.status == 403
    finally:
        db.dispose()

    claimed = claim(db_url, token, first, first_id)
    assert claimed == enrolment.Claimed("Hall A", summit, again=False)
    assert claim(db_url, token, first, first_id).again  # the same kiosk asking again: fine
    with pytest.raises(enrolment.PackAlreadyClaimed) as taken:
        claim(db_url, token, second, second_id)
    assert taken.value.status == 409
    assert str(taken.value) == "this kiosk pack was already used by another kiosk"

    engine = hub_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT device_id, expires_at FROM devices")).one()
    engine.dispose()
    assert tuple(stored) == (first_id, None)  # claimed: the token no longer expires

    listed = json.loads(run_cli(None, "hub", "devices", "--db", db_url, "--json").stdout)
    assert [(d["name"], d["state"], d["device_id"]) for d in listed] == [
        ("Hall A", "active", first_id)
    ]
    # A new pack for a kiosk in use (the next event) serves only that same kiosk; revoked,
    # the name can go to a replacement.
    moved = tmp_path / "next-event.pack"
    enrol(db_url, "Hall A", summit, "https://10.0.0.2:8750", moved)
    next_token = read_pack(moved).payload.token
    with pytest.raises(enrolment.PackAlreadyClaimed):
        claim(db_url, next_token, second, second_id)
    assert claim(db_url, next_token, first, first_id).device == "Hall A"
    assert run_cli(None, "hub", "revoke", "--db", db_url, "--device", "Hall A").returncode == 0
    replacement = tmp_path / "replacement.pack"
    enrol(db_url, "Hall A", summit, "https://10.0.0.2:8750", replacement)
    fresh = read_pack(replacement).payload.token
    assert claim(db_url, fresh, second, second_id).device == "Hall A"
    db = open_hub_database(db_url)
    try:
        with db.read() as session:
            assert device_for_token(session, token) is None  # the old pack's token is gone
            found = session.get(DeviceRow, 1)
            assert found is not None and found.device_id == second_id
    finally:
        db.dispose()


def test_the_pack_trusts_every_live_kiosk_key(tmp_path: Path) -> None:
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    hub = HubProcess(str(tmp_path / "hub.sqlite3"), logs)
    hub.start()
    try:
        kiosks = []
        for name in ("hall-a", "hall-b"):
            (tmp_path / name).mkdir()
            kiosk = Kiosk(tmp_path / name, hub, hub.token(name))
            kiosk.add(**pledge(name=f"At {name}"))
            assert kiosk.sync().ok
            kiosks.append(kiosk)
        revoked = run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-b")
        assert revoked.returncode == 0
        summit = new_event(hub.db_url)
        out = tmp_path / "hall-c.pack"
        enrol(hub.db_url, "hall-c", summit, hub.url, out,
              "--council-key", str(council_key_file(tmp_path)))  # fmt: skip
    finally:
        hub.stop()
    trusted = read_pack(out).payload.payload["trusted_keys"]
    with opened(kiosks[0].folder) as store:
        device_id = store.device_id
    assert trusted == [
        {"device_id": device_id, "public_key": public_key_pem(kiosks[0].key).strip(),
         "kiosk": "hall-a"}
    ]  # fmt: skip
    assert os.path.getsize(out) < 64 * 1024


def test_a_new_pack_for_a_kiosk_replaces_its_unused_one(tmp_path: Path) -> None:
    db_url = str(tmp_path / "hub.sqlite3")
    summit = new_event(db_url)
    first = tmp_path / "first.pack"
    first_code = enrol(db_url, "Hall A", summit, "https://10.0.0.2:8750", first,
                       "--council-key", str(council_key_file(tmp_path)))  # fmt: skip
    second = tmp_path / "second.pack"
    done = run_cli(None, "hub", "enrol", "--db", db_url, "--device", "Hall A", "--event",
                   summit, "--url", "https://10.0.0.2:8750", "--out", str(second))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "the earlier pack for 'Hall A' and its code no longer work" in done.stderr
    db = open_hub_database(db_url)
    try:
        with db.write() as session:
            assert device_for_token(session, read_pack(first).payload.token) is None
            assert device_for_token(session, read_pack(second).payload.token) is not None
            with pytest.raises(enrolment.UnknownCode):
                enrolment.redeem_code(session, first_code)
            assert enrolment.redeem_code(session, done.stdout.strip()) == second.read_text()
    finally:
        db.dispose()
