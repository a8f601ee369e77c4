"""`enrol FILE` and `enrol --url --code`: a kiosk set up from a kiosk pack in one step, and
every pack it must refuse (changed, used, another hub's, expired, another council key, a hub
whose certificate is not the pinned one, a pack another kiosk claimed) refused with one
line, exit 2, and nothing changed: not the database, not the keys folder, not the catalogue.

Packs are made with the pack format's own signer and a throwaway hub key
(tests/fixtures/enrol.py); the hub is a small scripted server on 127.0.0.1, no server at all
(a hub out of reach), or a real hub process."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charter_desktop.core.catalogue import CATALOGUE_FILE
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key
from charter_desktop.core.resources import resource_path
from charter_desktop.core.signing import load_or_create_signing_key, public_key_pem
from charter_desktop.core.sync.claim import enrolment_of
from charter_desktop.core.sync.request_auth import parse_header
from charter_desktop.core.sync.settings import load_sync_settings_of
from tests.fixtures.attack import opened
from tests.fixtures.enrol import (
    COUNCIL_KEY,
    EVENT_ID,
    Scripted,
    closed_port,
    enrol,
    make_pack,
    refused,
    scripted_handler,
    snapshot,
)
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import run_cli, self_signed


def test_a_pack_sets_the_whole_kiosk_up_and_is_claimed(
    kiosk: Path, hub_key: Ed25519PrivateKey, scripted: Scripted, tmp_path: Path
) -> None:
    scripted.answer("/api/v1/enrol/claim", 200, {"device": "hall-a", "event_id": EVENT_ID})
    other_kiosk = Ed25519PrivateKey.generate()
    other_id = str(uuid.uuid4())
    catalogue = json.loads(resource_path(CATALOGUE_FILE).read_text(encoding="utf-8"))
    catalogue["programme"] = "Stevenage Charter Summit"
    pack = make_pack(
        hub_key, scripted.url, catalogue=catalogue,
        trusted_keys=[{"device_id": other_id, "public_key": public_key_pem(other_kiosk),
                       "kiosk": "hall-b"}],
    )  # fmt: skip
    result = enrol(kiosk, pack, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Enrolled as kiosk 'hall-a'" in result.stdout
    assert "'Launch summit'" in result.stdout and scripted.url in result.stdout
    assert "claimed at the hub" in result.stdout

    listed = json.loads(run_cli(kiosk, "event", "list", "--json").stdout)
    [current] = [e for e in listed if e["current"]]
    assert (current["id"], current["name"], current["target"]) == (EVENT_ID, "Launch summit", 300)
    privacy = run_cli(kiosk, "privacy", "status")
    assert f"encrypted to council key {COUNCIL_KEY.key_id} (locked)" in privacy.stdout
    with opened(kiosk) as store:
        settings = load_sync_settings_of(store)
        record = enrolment_of(store)
        device_id = store.device_id
        assert store.catalogue.programme == "Stevenage Charter Summit"
    assert (settings.hub_url, settings.auth, settings.interval_seconds) == (scripted.url,
                                                                          "device", 5)  # fmt: skip
    assert settings.configured and settings.token == "" and settings.automatic
    assert record["claimed"] is True and "pending_token" not in record
    assert record["device_name"] == "hall-a" and record["event_id"] == EVENT_ID
    trusted = list((kiosk / "keys" / "trusted").glob("*.pem"))
    assert [p.read_text() for p in trusted] == [public_key_pem(other_kiosk)]

    # The claim named this installation and proved it holds the key it registered.
    [(path, headers, body)] = scripted.seen
    assert path == "/api/v1/enrol/claim" and headers["Authorization"].startswith("Bearer cdk_")
    key = load_or_create_signing_key(kiosk / "keys")
    assert body["device_id"] == device_id and body["public_key"] == public_key_pem(key)
    status = json.loads(run_cli(kiosk, "event", "status", "--json").stdout)
    assert status == {"event_id": EVENT_ID, "name": "Launch summit", "target": 300,
                      "this_kiosk": 0, "event_total": 0, "hub_as_of": None}  # fmt: skip


def test_a_hub_out_of_reach_leaves_the_pack_to_claim_at_first_contact(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    pack = make_pack(hub_key, f"http://127.0.0.1:{closed_port()}")
    result = enrol(kiosk, pack, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not claimed yet: the hub was out of reach" in result.stdout
    with opened(kiosk) as store:
        record = enrolment_of(store)
        assert record["claimed"] is False and "pending_token" not in record  # never shown
        with store.db.read() as session:
            from charter_desktop.core.sync.claim import pending_token

            assert (pending_token(session) or "").startswith("cdk_")


def test_a_changed_byte_a_used_pack_and_an_expired_pack_change_nothing(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    pack = make_pack(hub_key, url)
    before = snapshot(kiosk)
    document = json.loads(pack)
    body = document["body"]
    middle = len(body) // 2
    document["body"] = body[:middle] + ("A" if body[middle] != "A" else "B") + body[middle + 1 :]
    changed = json.dumps(document, indent=2).encode()
    assert sum(a != b for a, b in zip(changed, pack, strict=False)) == 1
    refused(enrol(kiosk, changed, tmp_path=tmp_path), "signature does not check")
    refused(enrol(kiosk, b"not a pack", tmp_path=tmp_path), "not a kiosk pack")
    expired = make_pack(hub_key, url, valid=timedelta(minutes=-1))
    refused(enrol(kiosk, expired, tmp_path=tmp_path), "this kiosk pack expired at")
    assert snapshot(kiosk) == before

    assert enrol(kiosk, pack, tmp_path=tmp_path).returncode == 0
    after_first = snapshot(kiosk)
    refused(enrol(kiosk, pack, tmp_path=tmp_path), "this kiosk pack was already used on this kiosk")
    assert snapshot(kiosk) == after_first
    # A new pack from the same hub is taken (another event, say).
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0


def test_another_hubs_pack_needs_re_enrol_and_the_staff_passphrase(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0
    before = snapshot(kiosk)
    other_hub = Ed25519PrivateKey.generate()
    moved = {"id": str(uuid.uuid4()), "name": "Other summit", "date": "2026-06-01", "target": 50}
    foreign = make_pack(other_hub, url, device_name="hall-z", event=moved)
    refused(enrol(kiosk, foreign, tmp_path=tmp_path), "made by another hub")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    path = tmp_path / "foreign.json"
    path.write_bytes(foreign)
    refused(
        run_cli(kiosk, "--passphrase-file", str(wrong), "enrol", str(path), "--re-enrol"),
        "the passphrase does not open the council key",
    )
    refused(run_cli(kiosk, "enrol", str(path), "--re-enrol"), "the staff passphrase is needed")
    assert snapshot(kiosk) == before

    right = tmp_path / "right.txt"
    right.write_text(TEST_PASSPHRASE + "\n")
    result = run_cli(kiosk, "--passphrase-file", str(right), "enrol", str(path), "--re-enrol")
    assert result.returncode == 0, result.stderr
    assert "Enrolled as kiosk 'hall-z' (moved from another hub)" in result.stdout
    # Moved: the first hub's packs are now the other hub's.
    refused(enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path), "made by another hub")


def test_a_pack_with_another_council_key_changes_nothing(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0
    before = snapshot(kiosk)
    other = new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10))
    refused(
        enrol(kiosk, make_pack(hub_key, url, council_key=other), tmp_path=tmp_path),
        f"council key {other.key_id} is not the one this kiosk's data is sealed to",
    )
    assert snapshot(kiosk) == before


def test_a_hub_whose_certificate_is_not_the_pinned_one_is_refused(
    kiosk: Path, hub_key: Ed25519PrivateKey, scripted_tls: Scripted, tmp_path: Path
) -> None:
    scripted_tls.answer("/api/v1/enrol/claim", 200, {"device": "hall-a", "event_id": EVENT_ID})
    before = snapshot(kiosk)
    wrong_pin = ":".join(["AB"] * 32)
    pack = make_pack(hub_key, scripted_tls.url, tls_pin=wrong_pin)
    refused(
        enrol(kiosk, pack, tmp_path=tmp_path), "the hub's certificate does not match the pack's pin"
    )
    assert scripted_tls.seen == []  # the token never left the kiosk
    assert snapshot(kiosk) == before  # not even the signing key made for the claim

    pinned = make_pack(hub_key, scripted_tls.url, tls_pin=scripted_tls.pin)
    result = enrol(kiosk, pinned, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "claimed at the hub" in result.stdout


def test_a_pack_another_kiosk_claimed_is_refused(
    kiosk: Path, hub_key: Ed25519PrivateKey, scripted: Scripted, tmp_path: Path
) -> None:
    scripted.answer("/api/v1/enrol/claim", 409,
                    {"detail": "this kiosk pack was already used by another kiosk"})  # fmt: skip
    before = snapshot(kiosk)
    refused(
        enrol(kiosk, make_pack(hub_key, scripted.url), tmp_path=tmp_path),
        "this kiosk pack was already used by another kiosk",
    )
    assert snapshot(kiosk) == before  # not even a signing key was left behind
    assert not (kiosk / "keys").exists()


def test_enrol_by_code_fetches_the_pack_from_the_hub(
    kiosk: Path, hub_key: Ed25519PrivateKey, scripted_tls: Scripted, tmp_path: Path
) -> None:
    pack = make_pack(hub_key, scripted_tls.url, tls_pin=scripted_tls.pin)
    scripted_tls.answer("/api/v1/enrol", 200, {"pack": json.loads(pack)})
    scripted_tls.answer("/api/v1/enrol/claim", 200, {"device": "hall-a", "event_id": EVENT_ID})
    before = snapshot(kiosk)
    scripted_tls.answer("/api/v1/enrol", 404, {"detail": "unknown code"})
    refused(
        run_cli(kiosk, "enrol", "--url", scripted_tls.url, "--code", "WXYZ-WXYZ-WX"),
        "the hub does not know this code",
    )
    scripted_tls.answer("/api/v1/enrol", 410, {"detail": "this code was already used"})
    refused(
        run_cli(kiosk, "enrol", "--url", scripted_tls.url, "--code", "ABCD-EFGH-JK"),
        "this code was already used",
    )
    refused(run_cli(kiosk, "enrol", "--url", scripted_tls.url), "--url and --code go together")
    assert snapshot(kiosk) == before

    scripted_tls.answer("/api/v1/enrol", 200, {"pack": json.loads(pack)})
    result = run_cli(kiosk, "enrol", "--url", scripted_tls.url, "--code", "abcd-efgh-jk")
    assert result.returncode == 0, result.stderr
    assert "claimed at the hub" in result.stdout
    assert [(path, body) for path, _, body in scripted_tls.seen][-2:] == [
        ("/api/v1/enrol", {"code": "abcd-efgh-jk"}),
        ("/api/v1/enrol/claim", scripted_tls.seen[-1][2]),
    ]


def test_a_pack_applied_offline_is_claimed_at_the_first_sync_then_requests_are_signed(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    handler = scripted_handler()
    port = closed_port()
    pack = make_pack(hub_key, f"http://127.0.0.1:{port}")
    assert "not claimed yet" in enrol(kiosk, pack, tmp_path=tmp_path).stdout
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        handler.answers["/api/v1/enrol/claim"] = (200, {"device": "hall-a", "event_id": EVENT_ID})
        handler.answers["/api/v1/batches"] = (
            200, {"accepted": [], "rejected": [], "replayed": False, "changed": 0, "erased": 0},
        )  # fmt: skip
        added = run_cli(kiosk, "pledge", "add", "--json", "-",
                        stdin=json.dumps([{"name": "Amelia Patel", "pledger_type": "resident",
                                           "actions": ["buy-from-local-area"]}]))  # fmt: skip
        assert added.returncode == 0, added.stderr
        run_cli(kiosk, "sync")
    finally:
        server.shutdown()
        server.server_close()
    paths = [path for path, _, _ in handler.seen]
    assert paths[:2] == ["/api/v1/enrol/claim", "/api/v1/batches"]
    claim_headers, batch_headers = handler.seen[0][1], handler.seen[1][1]
    assert claim_headers["Authorization"].startswith("Bearer cdk_")
    with opened(kiosk) as store:
        device_id = store.device_id
        assert enrolment_of(store)["claimed"] is True
    signed = parse_header(batch_headers["Authorization"])
    assert signed is not None and signed.device_id == device_id
    assert batch_headers["X-Charter-Queued"] == "0"  # none left once the hub takes this one
    assert batch_headers["X-Charter-Version"]
    body = handler.seen[1][2]
    [sent] = body["pledges"]
    assert sent["name"] == "" and "sealed" in sent and "email" not in sent  # sealed, locked
    assert body["proof"] is None


def test_kiosks_enrolled_at_a_real_hub_sync_signed_and_sealed_and_count_the_whole_event(
    tmp_path: Path,
) -> None:
    """`hub enrol` packs, one from a USB stick and one by its code, over HTTPS with the
    hub's own certificate; each kiosk syncs signed, with no token and its details locked; the
    hub holds one event and the sealed envelopes, never an email; every kiosk counts all."""
    from charter_desktop.core.privacy.keys import write_key_file
    from charter_desktop.hub.db import hub_engine
    from tests.fixtures.hub import HubProcess

    logs = tmp_path / "hub-logs"
    logs.mkdir()
    cert, key = self_signed(tmp_path, "hub")
    hub = HubProcess(str(tmp_path / "hub.sqlite3"), logs, (cert, key))
    hub.start()
    try:
        council = tmp_path / "council.json"
        write_key_file(COUNCIL_KEY, council)
        made = run_cli(None, "hub", "event", "add", "--db", hub.db_url, "--name", "Launch summit",
                       "--date", "2026-05-14", "--target", "300")  # fmt: skip
        assert made.returncode == 0, made.stderr
        event_id = made.stdout.strip()
        codes = {}
        for name in ("hall-a", "hall-b", "hall-c"):
            out = str(tmp_path / f"{name}.json")
            pack = run_cli(None, "hub", "enrol", "--db", hub.db_url, "--device", name,
                           "--event", event_id, "--url", hub.url, "--council-key", str(council),
                           "--tls-cert", str(cert), "--out", out)  # fmt: skip
            assert pack.returncode == 0, pack.stderr
            codes[name] = pack.stdout.strip()
        a, b = tmp_path / "kiosk-a", tmp_path / "kiosk-b"
        by_file = run_cli(a, "enrol", str(tmp_path / "hall-a.json"))
        assert by_file.returncode == 0 and "claimed at the hub" in by_file.stdout, by_file.stderr
        by_code = run_cli(b, "enrol", "--url", hub.url, "--code", codes["hall-b"])
        assert by_code.returncode == 0 and "claimed at the hub" in by_code.stdout, by_code.stderr
        # A pack used by one kiosk is refused to another; the hub's other packs still work.
        refused(run_cli(tmp_path / "kiosk-z", "enrol", str(tmp_path / "hall-a.json")),
                "this kiosk pack was already used by another kiosk")  # fmt: skip
        refused(run_cli(tmp_path / "kiosk-z", "enrol", "--url", hub.url, "--code",
                        codes["hall-b"]), "already used")  # fmt: skip

        for folder, n in ((a, 3), (b, 4)):
            people = [{"name": f"Person {i}", "pledger_type": "resident",
                       "email": f"person{i}@example.org", "consent_contact": True,
                       "actions": ["buy-from-local-area"]} for i in range(n)]  # fmt: skip
            added = run_cli(folder, "pledge", "add", "--json", "-", stdin=json.dumps(people))
            assert added.returncode == 0, added.stderr
            synced = run_cli(folder, "sync")  # no passphrase: nothing in clear leaves
            assert synced.returncode == 0, synced.stderr
        assert hub.count() == 7
        statuses = [json.loads(run_cli(f, "event", "status", "--json").stdout) for f in (a, b)]
        assert [(s["event_id"], s["event_total"], s["this_kiosk"]) for s in statuses] == [
            (event_id, 7, 3), (event_id, 7, 4)]  # fmt: skip
        assert all(s["hub_as_of"] for s in statuses)

        events = json.loads(run_cli(None, "hub", "event", "list", "--db", hub.db_url,
                                    "--json").stdout)  # fmt: skip
        assert [e["id"] for e in events] == [event_id]
        engine = hub_engine(hub.db_url)
        with engine.connect() as conn:
            from sqlalchemy import text

            rows = conn.execute(text("SELECT event_id, email, sealed FROM pledges")).all()
            fleet = conn.execute(text(
                "SELECT name, app_version, queued_reported FROM devices "
                "WHERE device_id IS NOT NULL ORDER BY name"
            )).all()  # fmt: skip
        engine.dispose()
        assert {r[0] for r in rows} == {event_id}
        assert all(r[1] is None and r[2] for r in rows)
        assert [(r[0], r[2]) for r in fleet] == [("hall-a", 0), ("hall-b", 0)]
        assert all(r[1] for r in fleet)
    finally:
        hub.stop()
