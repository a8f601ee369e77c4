"""What the council's staff run at the hub on the day: `hub devices` (each kiosk's state,
event, last contact, pledges received and still queued, app version), `hub staff-password`
for the hub's staff page, and `hub export` of pledges whose details came sealed to the
council key, opened only with the council passphrase."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from charter_desktop.core.clock import parse_timestamp, utc_now
from charter_desktop.core.privacy.envelope import Sealer
from charter_desktop.core.privacy.keys import (
    CouncilKey,
    ScryptCost,
    new_council_key,
    write_key_file,
)
from charter_desktop.core.sync.request_auth import KioskAuth
from charter_desktop.hub.db import hub_engine, open_hub_database
from charter_desktop.hub.models import HubPledgeRow
from charter_desktop.hub.staff_auth import check_staff_password, has_staff_password
from tests.fixtures.attack import Kiosk, body_as
from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli

PASSPHRASE = "a council passphrase"


def new_event(db: str) -> str:
    made = run_cli(None, "hub", "event", "add", "--db", db, "--name", "Launch summit",
                   "--date", "2027-03-01")  # fmt: skip
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def key_file(folder: Path) -> tuple[Path, CouncilKey]:
    key = new_council_key(PASSPHRASE, ScryptCost(n=2**10))
    write_key_file(key, folder / "council.json")
    return folder / "council.json", key


def enrol(db: str, device: str, event: str, url: str, folder: Path, *extra: str) -> Path:
    out = folder / f"{device}.pack"
    done = run_cli(None, "hub", "enrol", "--db", db, "--device", device, "--event", event,
                   "--url", url, "--out", str(out), *extra)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def pack_token(path: Path) -> str:
    from charter_desktop.core.enrolment.pack import open_pack

    return open_pack(path.read_bytes()).payload.token


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[HubProcess]:
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    hub = HubProcess(str(tmp_path / "hub.sqlite3"), logs)
    hub.start()
    yield hub
    hub.stop()


def test_hub_devices_shows_each_kiosks_state_event_and_pledges(
    sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    hub = sqlite_hub
    summit = new_event(hub.db_url)
    council, _ = key_file(tmp_path)
    packs = {
        name: enrol(hub.db_url, name, summit, hub.url, tmp_path, "--council-key", str(council))
        for name in ("hall-a", "hall-b", "hall-c", "hall-d")
    }
    hub.token("staff-laptop")  # a plain token, never used yet
    (tmp_path / "hall-a").mkdir()
    kiosk = Kiosk(tmp_path / "hall-a", hub, pack_token(packs["hall-a"]))
    for n in range(3):
        kiosk.add(name=f"Attendee {n}")
    assert kiosk.sync().ok
    # The kiosk says how many pledges it still holds and which version it runs, signing its
    # request with its own key (its pack's token, once claimed, serves nothing else).
    with httpx.Client(auth=KioskAuth(kiosk.key, kiosk.device_id), timeout=30) as client:
        reported = client.post(
            f"{hub.url}/api/v1/batches", json=body_as(kiosk),
            headers={"Idempotency-Key": uuid.uuid4().hex, "X-Charter-Queued": "4",
                     "X-Charter-Version": "0.9.1"},
        )  # fmt: skip
    assert reported.status_code == 200, reported.text
    engine = hub_engine(hub.db_url)
    with engine.begin() as conn:  # hall-c's pack was never used, and its time is up
        conn.execute(text("UPDATE devices SET expires_at = :at WHERE name = 'hall-c'"),
                     {"at": utc_now() - timedelta(minutes=1)})  # fmt: skip
    engine.dispose()
    assert run_cli(None, "hub", "revoke", "--db", hub.db_url, "--device", "hall-d").returncode == 0

    listed = run_cli(None, "hub", "devices", "--db", hub.db_url, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    assert {name: row["state"] for name, row in rows.items()} == {
        "hall-a": "active",
        "hall-b": "waiting for its pack to be used",
        "hall-c": "pack expired",
        "hall-d": "revoked",
        "staff-laptop": "waiting for its first sync",
    }
    a = rows["hall-a"]
    assert a["device_id"] == kiosk.device_id and a["event_id"] == summit
    assert a["received"] == 3 and a["queued"] == 4 and a["app_version"] == "0.9.1"
    assert a["revoked"] is False and rows["hall-d"]["revoked"] is True
    assert utc_now() - parse_timestamp(a["last_contact_at"]) < timedelta(minutes=2)
    assert parse_timestamp(a["created_at"]) <= parse_timestamp(a["last_contact_at"])
    assert rows["hall-b"]["last_contact_at"] is None and rows["hall-b"]["received"] == 0
    assert rows["staff-laptop"]["event_id"] is None

    table = run_cli(None, "hub", "devices", "--db", hub.db_url)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split("\t")[:7] == [
        "name", "state", "event", "last contact", "received", "queued", "version"
    ]  # fmt: skip
    hall_a = lines[1].split("\t")
    assert hall_a[:3] == ["hall-a", "active", "Launch summit"]
    assert hall_a[4:7] == ["3", "4", "0.9.1"]


def test_the_staff_page_password_is_kept_only_as_a_hash(tmp_path: Path) -> None:
    db_url = str(tmp_path / "hub.sqlite3")
    short = run_cli(None, "hub", "staff-password", "--db", db_url, stdin="too short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    assert len(short.stderr.strip().splitlines()) == 1
    db = open_hub_database(db_url)
    try:
        with db.read() as session:
            assert not has_staff_password(session)
    finally:
        db.dispose()

    done = run_cli(None, "hub", "staff-password", "--db", db_url, stdin="summit staff 2027\n")
    assert done.returncode == 0, done.stderr
    db = open_hub_database(db_url)
    try:
        with db.read() as session:
            assert check_staff_password(session, "summit staff 2027")
            assert not check_staff_password(session, "summit staff 2028")
            assert not check_staff_password(session, "")
    finally:
        db.dispose()
    raw = (tmp_path / "hub.sqlite3").read_bytes()
    assert b"summit staff 2027" not in raw and b"scrypt" in raw

    changed = run_cli(None, "hub", "staff-password", "--db", db_url, stdin="a new password!\n")
    assert changed.returncode == 0, changed.stderr
    db = open_hub_database(db_url)
    try:
        with db.read() as session:
            assert check_staff_password(session, "a new password!")
            assert not check_staff_password(session, "summit staff 2027")
    finally:
        db.dispose()


def sealed_pledge(sealer: Sealer, event_id: str, **fields: object) -> HubPledgeRow:
    pledge_id = str(uuid.uuid4())
    names = ("name", "email", "phone", "postcode")
    personal: dict[str, str | None] = {k: str(fields.pop(k)) for k in names if k in fields}
    now = utc_now()
    values: dict[str, object] = {
        "id": pledge_id, "created_at": now, "updated_at": now, "event_id": event_id,
        "device_id": str(uuid.uuid4()), "pledger_type": "resident", "organisation": None,
        "email": None, "phone": None, "postcode": None, "actions": ["buy-from-local-area"],
        "pledge_text": None, "status": "active", "source": "sync", "received_at": now,
        "received_from": "sync:hall-a", "measures": None,
        "sealed": sealer.seal(pledge_id, personal), "postcode_district": "SG1",
    }  # fmt: skip
    values.update(fields)
    # The name in clear only when the attendee agreed to show it, as a kiosk sends it.
    values["name"] = personal.get("name") if fields.get("consent_publish_name") else ""
    return HubPledgeRow(**values)


def export(db: str, out: Path, *args: str) -> tuple[int, str, list[dict[str, str]]]:
    done = run_cli(None, "hub", "export", "--db", db, "--format", "csv", "--out", str(out),
                   *args)  # fmt: skip
    rows = []
    if out.exists():
        rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
        out.unlink()
    return done.returncode, done.stderr, rows


def test_sealed_pledges_export_with_contact_only_with_the_council_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = str(tmp_path / "hub.sqlite3")
    summit = new_event(db_url)
    council, key = key_file(tmp_path)
    enrol(db_url, "hall-a", summit, "https://10.0.0.2:8750", tmp_path,
          "--council-key", str(council))  # fmt: skip
    sealer = Sealer(key.public)
    db = open_hub_database(db_url)
    with db.write() as session:
        session.add(sealed_pledge(
            sealer, summit, name="Amelia Patel", email="amelia@example.org",
            postcode="SG1 1HN", consent_contact=True, consent_publish_name=True,
        ))  # fmt: skip
        session.add(sealed_pledge(
            sealer, summit, name="Kwame Mensah", email="kwame@example.org",
            consent_contact=False, consent_publish_name=False,
        ))  # fmt: skip
    db.dispose()
    out = tmp_path / "export.csv"
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    monkeypatch.delenv("CHARTER_PASSPHRASE", raising=False)

    code, said, _ = export(db_url, out, "--include-contact")
    assert code == 2 and not out.exists()
    assert "the contact details of 2 pledges are sealed to the council key" in said
    assert "--passphrase-file FILE or CHARTER_PASSPHRASE" in said
    assert len(said.strip().splitlines()) == 1

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    code, said, _ = export(db_url, out, "--include-contact", "--passphrase-file", str(wrong))
    assert code == 2 and "does not open the council key" in said and not out.exists()

    code, said, rows = export(db_url, out, "--include-contact", "--passphrase-file",
                              str(passphrase))  # fmt: skip
    assert code == 0, said
    assert {(r["name"], r["email"], r["postcode"]) for r in rows} == {
        ("Amelia Patel", "amelia@example.org", "SG1 1HN"),
        ("Kwame Mensah", "kwame@example.org", ""),
    }

    monkeypatch.setenv("CHARTER_PASSPHRASE", PASSPHRASE)  # as the kiosk's commands take it
    code, said, rows = export(db_url, out)
    assert code == 0, said
    assert {(r["name"], r["email"]) for r in rows} == {
        ("Amelia Patel", "amelia@example.org"),  # consented to contact
        ("Kwame Mensah", ""),
    }

    monkeypatch.delenv("CHARTER_PASSPHRASE")
    code, said, rows = export(db_url, out)  # no passphrase: published names only
    assert code == 0, said
    assert {(r["name"], r["email"]) for r in rows} == {("Amelia Patel", ""), ("", "")}
    assert "2 pledges went without their details" in said
