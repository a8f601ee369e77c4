"""`enrol FILE` and `enrol --url --code`: a kiosk set up from a kiosk pack in one step, and
every pack it must refuse (changed, used, another hub's, expired, another council key, a hub
whose certificate is not the pinned one, a pack another kiosk claimed) refused with one
line, exit 2, and nothing changed: not the database, not the keys folder, not the catalogue.

Packs are made here with the pack format's own signer and a throwaway hub key; the hub is a
small scripted server on 127.0.0.1 (or no server at all: a hub out of reach)."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import ssl
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charter_desktop.core.catalogue import CATALOGUE_FILE
from charter_desktop.core.clock import utc_now
from charter_desktop.core.enrolment.pack import new_payload, sign_pack
from charter_desktop.core.privacy.keys import CouncilKey, ScryptCost, new_council_key
from charter_desktop.core.resources import resource_path
from charter_desktop.core.signing import load_or_create_signing_key, public_key_pem
from charter_desktop.core.sync.claim import enrolment_of
from charter_desktop.core.sync.request_auth import parse_header
from charter_desktop.core.sync.settings import load_sync_settings_of
from charter_desktop.core.sync.tls import certificate_pin
from tests.fixtures.attack import opened
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import run_cli, self_signed

EVENT_ID = "6f1c2a4e-9d3b-4c7a-8e21-5b0f7d9c3a11"
COUNCIL_KEY = new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_pack(
    hub_key: Ed25519PrivateKey,
    hub_url: str,
    *,
    tls_pin: str | None = None,
    valid: timedelta = timedelta(hours=72),
    council_key: CouncilKey | None = COUNCIL_KEY,
    issued_at: datetime | None = None,
    **extra: Any,
) -> bytes:
    now = utc_now()
    payload = new_payload(
        pack_id=str(uuid.uuid4()),
        hub_id="hub-" + hashlib.sha256(public_key_pem(hub_key).encode()).hexdigest()[:8],
        issued_at=issued_at or now - timedelta(minutes=1),
        expires_at=now + valid,
        hub_url=hub_url,
        tls_pin=tls_pin,
        token="cdk_" + uuid.uuid4().hex,
        device_name=extra.pop("device_name", "hall-a"),
        event=extra.pop("event", {"id": EVENT_ID, "name": "Launch summit", "place": "Town hall",
                                  "date": "2026-05-14", "target": 300}),
        council_key=None if council_key is None else council_key.to_json(),
        sync_interval_seconds=5,
        **extra,
    )  # fmt: skip
    return sign_pack(payload, hub_key)


def snapshot(folder: Path) -> tuple[str, dict[str, bytes]]:
    """Everything the database holds, and every file beside it but the logs. (Staff
    unlocking the council key, which every enrol on a kiosk with one does first, is audited:
    those rows are left out.)"""
    with closing(sqlite3.connect(folder / "charter.sqlite3")) as connection:
        dump = "\n".join(
            line
            for line in connection.iterdump()
            if not (line.startswith('INSERT INTO "audit_log"') and "'privacy.unlock" in line)
        )
    files = {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logs" not in p.parts and not p.name.startswith("charter.sqlite3")
    }
    return dump, files


class ScriptedHub(BaseHTTPRequestHandler):
    """Answers POST /api/v1/enrol/claim and /api/v1/enrol as `answers` say."""

    answers: ClassVar[dict[str, tuple[int, Any]]] = {}
    seen: ClassVar[list[tuple[str, dict[str, str], Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        type(self).seen.append((self.path, dict(self.headers), body))
        status, answer = type(self).answers.get(self.path, (404, {"detail": "Not Found"}))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class Scripted:
    def __init__(self, handler: type[ScriptedHub], url: str, pin: str | None) -> None:
        self.handler, self.url, self.pin = handler, url, pin

    def answer(self, path: str, status: int, body: Any) -> None:
        self.handler.answers[path] = (status, body)

    @property
    def seen(self) -> list[tuple[str, dict[str, str], Any]]:
        return self.handler.seen


def scripted_handler() -> type[ScriptedHub]:
    """A handler class of its own, so each server has its own answers and requests."""

    class Hub(ScriptedHub):
        answers: ClassVar[dict[str, tuple[int, Any]]] = {}
        seen: ClassVar[list[tuple[str, dict[str, str], Any]]] = []

    return Hub


def serve(tmp_path: Path, *, tls: bool) -> Iterator[Scripted]:
    handler = scripted_handler()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    pin = None
    if tls:
        cert, key = self_signed(tmp_path, "scripted")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        pin = certificate_pin(ssl.PEM_cert_to_DER_cert(cert.read_text()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    yield Scripted(handler, f"{scheme}://127.0.0.1:{server.server_address[1]}", pin)
    server.shutdown()
    server.server_close()


@pytest.fixture
def scripted(tmp_path: Path) -> Iterator[Scripted]:
    yield from serve(tmp_path, tls=False)


@pytest.fixture
def scripted_tls(tmp_path: Path) -> Iterator[Scripted]:
    yield from serve(tmp_path, tls=True)


@pytest.fixture
def hub_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def kiosk(tmp_path: Path) -> Path:
    """A kiosk data folder as it is on first start (database made, nothing set up)."""
    folder = tmp_path / "kiosk"
    assert run_cli(folder, "event", "list").returncode == 0
    return folder


def enrol(
    folder: Path, pack: bytes, *args: str, tmp_path: Path, passphrase: str | None = TEST_PASSPHRASE
) -> Any:
    """`enrol` the pack, with the staff passphrase (a kiosk with a council key needs it for
    every pack; one without ignores it) unless `passphrase` is None."""
    path = tmp_path / f"pack-{uuid.uuid4().hex[:8]}.json"
    path.write_bytes(pack)
    given: tuple[str, ...] = ()
    if passphrase is not None:
        secret = tmp_path / f"passphrase-{uuid.uuid4().hex[:8]}.txt"
        secret.write_text(passphrase + "\n")
        given = ("--passphrase-file", str(secret))
    return run_cli(folder, *given, "enrol", str(path), *args)


def refused(result: Any, message: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


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


def test_with_a_council_key_every_pack_needs_the_staff_passphrase(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    """A pack from the kiosk's own hub, or one signed by any key, changes nothing without the
    staff passphrase once the kiosk holds a council key."""
    url = f"http://127.0.0.1:{closed_port()}"
    # The first set-up needs no passphrase: there is no council key to unlock yet.
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path, passphrase=None).returncode == 0
    before = snapshot(kiosk)
    same_hub = make_pack(hub_key, url, event={"id": str(uuid.uuid4()), "name": "Other",
                                              "date": "2026-06-01", "target": 50})  # fmt: skip
    refused(enrol(kiosk, same_hub, tmp_path=tmp_path, passphrase=None),
            "the staff passphrase is needed")  # fmt: skip
    forged = make_pack(Ed25519PrivateKey.generate(), url)
    refused(enrol(kiosk, forged, "--re-enrol", tmp_path=tmp_path, passphrase=None),
            "the staff passphrase is needed")  # fmt: skip
    assert snapshot(kiosk) == before
    assert enrol(kiosk, same_hub, tmp_path=tmp_path).returncode == 0


def test_a_kiosk_set_up_by_hand_is_moved_to_a_pack_only_by_re_enrolling(
    tmp_path: Path, hub_key: Ed25519PrivateKey
) -> None:
    """A kiosk with a council key or a hub of its own, never enrolled from a pack, takes a
    pack only with --re-enrol (and the passphrase, when it has a key)."""
    from charter_desktop.core.privacy.service import use_key
    from charter_desktop.core.sync.settings import SyncSettings, save_sync_settings

    url = f"http://127.0.0.1:{closed_port()}"
    keyed, hubbed = tmp_path / "keyed", tmp_path / "hubbed"
    for folder in (keyed, hubbed):
        assert run_cli(folder, "event", "list").returncode == 0
    with opened(keyed) as store:
        use_key(store, COUNCIL_KEY, "staff")
    with opened(hubbed) as store, store.db.write() as session:
        save_sync_settings(session, SyncSettings(hub_url="https://hub.example", token="t" * 32))

    before = snapshot(keyed)
    refused(enrol(keyed, make_pack(hub_key, url), tmp_path=tmp_path),
            "never enrolled from a kiosk pack")  # fmt: skip
    refused(enrol(keyed, make_pack(hub_key, url), "--re-enrol", tmp_path=tmp_path,
                  passphrase=None), "the staff passphrase is needed")  # fmt: skip
    assert snapshot(keyed) == before
    moved = enrol(keyed, make_pack(hub_key, url), "--re-enrol", tmp_path=tmp_path)
    assert moved.returncode == 0, moved.stderr

    before = snapshot(hubbed)
    pack = make_pack(hub_key, url, council_key=None)
    refused(enrol(hubbed, pack, tmp_path=tmp_path), "never enrolled from a kiosk pack")
    assert snapshot(hubbed) == before
    # No council key: no staff secret to check, --re-enrol alone moves it.
    assert enrol(hubbed, pack, "--re-enrol", tmp_path=tmp_path).returncode == 0
    with opened(hubbed) as store:
        assert load_sync_settings_of(store).hub_url == url


def test_the_next_pack_replaces_the_kiosk_keys_from_packs_and_keeps_staffs_own(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    hand, revoked, kept, twin = (Ed25519PrivateKey.generate() for _ in range(4))
    by_hand = tmp_path / "by-hand.pem"
    by_hand.write_text(public_key_pem(hand))
    assert run_cli(kiosk, "keys", "trust", str(by_hand)).returncode == 0
    prefix = "0b7c1d2e-"  # two kiosks whose ids begin alike, and whose names clean alike
    ids = [prefix + str(uuid.uuid4())[9:] for _ in range(3)]
    listed = [
        {"device_id": ids[0], "public_key": public_key_pem(revoked), "kiosk": "hall a"},
        {"device_id": ids[1], "public_key": public_key_pem(kept), "kiosk": "hall-a"},
        {"device_id": ids[2], "public_key": public_key_pem(twin), "kiosk": "hall/a"},
    ]
    assert enrol(kiosk, make_pack(hub_key, url, trusted_keys=listed),
                 tmp_path=tmp_path).returncode == 0  # fmt: skip

    def trusted() -> set[str]:
        return {p.read_text() for p in (kiosk / "keys" / "trusted").glob("*.pem")}

    assert trusted() == {public_key_pem(k) for k in (hand, revoked, kept, twin)}
    # `hub revoke`: the next pack no longer lists the key, and the kiosk forgets it.
    again = make_pack(hub_key, url, trusted_keys=listed[1:])
    assert enrol(kiosk, again, tmp_path=tmp_path).returncode == 0
    assert trusted() == {public_key_pem(k) for k in (hand, kept, twin)}
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0
    assert trusted() == {public_key_pem(hand)}


def test_an_older_pack_or_one_for_another_kiosk_needs_re_enrol(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    older = make_pack(hub_key, url, issued_at=utc_now() - timedelta(hours=2))
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0
    other_name = make_pack(hub_key, url, device_name="hall-b")
    before = snapshot(kiosk)
    refused(enrol(kiosk, older, tmp_path=tmp_path), "older than the one this kiosk")
    refused(enrol(kiosk, other_name, tmp_path=tmp_path), "is for kiosk 'hall-b', not 'hall-a'")
    assert snapshot(kiosk) == before
    assert enrol(kiosk, older, "--re-enrol", tmp_path=tmp_path).returncode == 0
    result = enrol(kiosk, other_name, "--re-enrol", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Enrolled as kiosk 'hall-b'" in result.stdout


def test_the_key_the_hub_registered_is_kept_when_the_apply_fails_so_a_retry_claims(
    kiosk: Path, hub_key: Ed25519PrivateKey, scripted: Scripted, tmp_path: Path
) -> None:
    scripted.answer("/api/v1/enrol/claim", 200, {"device": "hall-a", "event_id": EVENT_ID})
    listed = [
        {
            "device_id": str(uuid.uuid4()),
            "public_key": public_key_pem(Ed25519PrivateKey.generate()),
            "kiosk": "hall-b",
        }
    ]
    pack = make_pack(hub_key, scripted.url, trusted_keys=listed)
    (kiosk / "keys").mkdir()
    (kiosk / "keys" / "trusted").write_text("in the way")  # the apply fails after the claim
    assert enrol(kiosk, pack, tmp_path=tmp_path).returncode != 0
    [(_, _, first)] = scripted.seen
    key = kiosk / "keys" / "certificate-signing.pem"
    assert key.is_file()
    assert public_key_pem(load_or_create_signing_key(kiosk / "keys")) == first["public_key"]

    (kiosk / "keys" / "trusted").unlink()
    result = enrol(kiosk, pack, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "claimed at the hub" in result.stdout
    assert scripted.seen[-1][2]["public_key"] == first["public_key"]
