"""Kiosk packs as the hub makes them (`hub enrol`): signed by the hub's own key, carrying the
event, the hub's address and certificate pin, the council key and the kiosk's one-use token;
a one-time code that fetches the same pack once; a claim that binds the pack to one kiosk
installation; and `hub serve --tls auto` serving the certificate the packs pin."""

from __future__ import annotations

import json
import stat
import tempfile
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from charter_desktop.core.clock import utc_now
from charter_desktop.core.sync.tls import pinned_context
from charter_desktop.hub import enrolment
from charter_desktop.hub.db import hub_engine, open_hub_database
from charter_desktop.hub.devices import device_for_claim, device_for_token
from charter_desktop.hub.fleet import fleet_status
from tests.fixtures.attack import Kiosk
from tests.fixtures.hub import HubProcess
from tests.fixtures.hub_packs import (
    CODE,
    AutoTlsHub,
    council_key_file,
    enrol,
    new_event,
    read_pack,
    set_expiry,
)
from tests.fixtures.network import free_port
from tests.helpers import run_cli


def test_a_pack_carries_the_event_the_hubs_pin_and_the_council_key(tmp_path: Path) -> None:
    db = str(tmp_path / "hub.sqlite3")
    summit = new_event(db)
    key_file = council_key_file(tmp_path)
    catalogue = tmp_path / "council"
    catalogue.mkdir()
    shipped = Path("charter_desktop/resources/charter.json").read_text("utf-8")
    (catalogue / "charter.json").write_text(shipped, "utf-8")
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    out = tmp_path / "hall-a.pack"
    done = run_cli(None, "hub", "enrol", "--db", db, "--device", "Hall A", "--event", summit,
                   "--url", url + "/", "--out", str(out), "--council-key", str(key_file),
                   "--catalogue-dir", str(catalogue))  # fmt: skip
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip()
    assert CODE.match(code) and done.stdout == code + "\n"  # the code alone on stdout
    assert f"enrol {out}" in done.stderr and f"enrol --url {url} --code {code}" in done.stderr
    assert "sets up one kiosk, once, until" in done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    pack = read_pack(out)
    payload = pack.payload
    assert payload.event == {"id": summit, "name": "Launch summit", "date": "2027-03-01",
                             "place": "Town hall", "target": 300}  # fmt: skip
    assert payload.hub_url == url and payload.device_name == "Hall A"
    assert payload.payload["council_key"] == json.loads(key_file.read_text())
    assert payload.payload["catalogue"] == json.loads(shipped)
    assert payload.payload["sync_interval_seconds"] == 5
    assert payload.payload["trusted_keys"] == []
    hours = (payload.expires_at - utc_now()) / timedelta(hours=1)
    assert 71.9 < hours <= 72

    # The hub keeps its key and its council key: the next pack needs neither again.
    second = tmp_path / "hall-b.pack"
    enrol(db, "Hall B", summit, url, second, "--valid-hours", "5")
    other = read_pack(second)
    assert other.hub_key_fingerprint == pack.hub_key_fingerprint
    assert other.payload.hub_id == payload.hub_id and other.payload.tls_pin == payload.tls_pin
    assert other.payload.payload["council_key"] == payload.payload["council_key"]
    assert "catalogue" not in other.payload.payload  # only when --catalogue-dir is given
    assert other.payload.token != payload.token
    assert (other.payload.expires_at - utc_now()) / timedelta(hours=1) <= 5

    # `hub serve --tls auto` serves the certificate the packs pin.
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    hub = AutoTlsHub(db, logs)
    hub.port, hub.url = port, url
    before = set(Path(tempfile.gettempdir()).glob("charter-hub-tls-*"))
    hub.start()
    try:
        assert hub.pin_printed() == payload.tls_pin
        context = pinned_context(url, payload.tls_pin)
        assert httpx.get(f"{url}/api/v1/health", verify=context).json() == {"status": "ok"}
        # The key was on disk only while the server loaded it.
        assert set(Path(tempfile.gettempdir()).glob("charter-hub-tls-*")) <= before
    finally:
        hub.stop()


def test_hub_serve_tls_auto_keeps_one_certificate_across_restarts(tmp_path: Path) -> None:
    db = str(tmp_path / "hub.sqlite3")
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    pins = []
    for _ in range(2):
        hub = AutoTlsHub(db, logs)
        hub.start()
        try:
            pins.append(hub.pin_printed())
            context = pinned_context(hub.url, pins[-1])
            assert httpx.get(f"{hub.url}/api/v1/health", verify=context).is_success
        finally:
            hub.stop()
        hub.log.unlink()
    assert pins[0] == pins[1]
    both = run_cli(None, "hub", "serve", "--db", db, "--tls", "auto", "--tls-cert", "c.pem",
                   "--tls-key", "k.pem")  # fmt: skip
    assert both.returncode == 2 and "exclusive" in both.stderr


def test_enrol_refusals_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "hub.sqlite3")
    summit = new_event(db)
    url = "https://hub.venue.lan:8750"
    key_file = council_key_file(tmp_path)
    out = tmp_path / "kiosk.pack"

    def refused(said: str, *args: str, device: str = "Hall A", target: Path = out) -> None:
        result = run_cli(None, "hub", "enrol", "--db", db, "--device", device,
                         "--out", str(target), *args)  # fmt: skip
        assert result.returncode == 2, result.stdout
        assert said in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""

    refused("give --council-key FILE once", "--event", summit, "--url", url)
    refused("no event 'nope'", "--event", "nope", "--url", url, "--council-key", str(key_file))
    refused("only over https", "--event", summit, "--url", "http://192.168.1.10:8750",
            "--council-key", str(key_file))  # fmt: skip
    refused("--valid-hours", "--event", summit, "--url", url, "--valid-hours", "0")
    refused("--council-key", "--event", summit, "--url", url, "--council-key", str(out))
    refused("holds no charter.json", "--event", summit, "--url", url, "--council-key",
            str(key_file), "--catalogue-dir", str(tmp_path))  # fmt: skip
    assert not out.exists()
    listed = run_cli(None, "hub", "devices", "--db", db, "--json")
    assert json.loads(listed.stdout) == []  # no token was issued for any refusal

    out.write_text("the council's notes\n")
    refused("never written over", "--event", summit, "--url", url, "--council-key", str(key_file))
    assert out.read_text() == "the council's notes\n"

    made = tmp_path / "hall-a.pack"
    enrol(db, "Hall A", summit, url, made, "--council-key", str(key_file))
    other_key = council_key_file(tmp_path, "other.json")
    refused("already seal to council key", "--event", summit, "--url", url,
            "--council-key", str(other_key), device="Hall B",
            target=tmp_path / "b.pack")  # fmt: skip
    assert not (tmp_path / "b.pack").exists()


def test_a_packs_token_stops_working_when_the_pack_expires_unclaimed(tmp_path: Path) -> None:
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    hub = HubProcess(str(tmp_path / "hub.sqlite3"), logs)
    hub.start()
    try:
        summit = new_event(hub.db_url)
        key_file = council_key_file(tmp_path)
        tokens = {}
        for name in ("hall-a", "hall-b"):
            out = tmp_path / f"{name}.pack"
            enrol(hub.db_url, name, summit, hub.url, out, "--council-key", str(key_file))
            tokens[name] = read_pack(out).payload.token
            assert read_pack(out).payload.tls_pin == ""  # plain http on this machine
        kiosks = {}
        for name, token in tokens.items():
            (tmp_path / name).mkdir()
            kiosks[name] = Kiosk(tmp_path / name, hub, token)
            kiosks[name].add(name=f"Attendee at {name}")

        # Hall A's kiosk uses its pack in time; hall B's pack expires unused.
        assert kiosks["hall-a"].sync().ok
        set_expiry(hub.db_url, "hall-b", -1)
        late = kiosks["hall-b"].sync()
        assert not late.ok and "401" in (late.error or "")
        assert hub.count() == 1
        # Bound to hall A's kiosk, the pack's token no longer works as a Bearer token (an
        # enrolled kiosk signs its requests); it serves only a repeat claim.
        kiosks["hall-a"].add(name="Second attendee")
        again = kiosks["hall-a"].sync()
        assert not again.ok and "401" in (again.error or "") and hub.count() == 1
    finally:
        hub.stop()
    db = open_hub_database(hub.db_url)
    try:
        with db.read() as session:
            states = {row.name: row.state for row in fleet_status(session)}
            assert device_for_token(session, tokens["hall-b"]) is None
            assert device_for_token(session, tokens["hall-a"]) is None
            assert device_for_claim(session, tokens["hall-a"]) is not None
    finally:
        db.dispose()
    assert states == {"hall-a": "active", "hall-b": "pack expired"}


def test_a_code_gives_its_pack_once(tmp_path: Path) -> None:
    db_url = str(tmp_path / "hub.sqlite3")
    summit = new_event(db_url)
    out = tmp_path / "hall-a.pack"
    code = enrol(db_url, "Hall A", summit, "https://10.0.0.2:8750", out,
                 "--council-key", str(council_key_file(tmp_path)))  # fmt: skip
    db = open_hub_database(db_url)
    try:
        with db.write() as session, pytest.raises(enrolment.UnknownCode) as unknown:
            enrolment.redeem_code(session, "ZZZZ-ZZZZ-ZZ" if code != "ZZZZ-ZZZZ-ZZ" else "0")
        assert unknown.value.status == 404
        typed = code.lower().replace("0", "o").replace("1", "l").replace("-", " ")
        with db.write() as session:
            assert enrolment.redeem_code(session, typed) == out.read_text()
        with db.write() as session, pytest.raises(enrolment.CodeUsed) as used:
            enrolment.redeem_code(session, code)
        assert used.value.status == 410 and str(used.value) == "this code was already used"
    finally:
        db.dispose()
    engine = hub_engine(db_url)
    with engine.connect() as conn:  # the pack, token and all, is not kept once fetched
        assert conn.execute(text("SELECT pack FROM enrolment_codes")).scalar_one() == ""
    engine.dispose()

    late = tmp_path / "hall-b.pack"
    late_code = enrol(db_url, "Hall B", summit, "https://10.0.0.2:8750", late)
    set_expiry(db_url, "Hall B", -0.01)
    db = open_hub_database(db_url)
    try:
        with db.write() as session, pytest.raises(enrolment.CodeExpired) as expired:
            enrolment.redeem_code(session, late_code)
        assert expired.value.status == 410
    finally:
        db.dispose()
