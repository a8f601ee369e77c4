"""The hub as a council officer meets it: tokens, exports, the API description, the
certificate verification page, and its migrations on both databases."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import jsonschema
import openpyxl
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from charter_desktop.core.certificates.links import pledge_certificate_url
from charter_desktop.core.resources import resource_path
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.hub.db import hub_engine, open_hub_database
from charter_desktop.hub.models import HubBase
from tests.fixtures.hub import HubProcess
from tests.helpers import pledge, run_cli


def test_hub_migrations_match_the_models(hub_db_url: str) -> None:
    db = open_hub_database(hub_db_url)
    try:
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), HubBase.metadata) == []
    finally:
        db.dispose()


def test_a_token_is_printed_once_and_only_its_hash_is_kept(hub_db_url: str) -> None:
    result = run_cli(None, "hub", "token", "--db", hub_db_url, "--device", "Town hall 1")
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert len(token) >= 43 and "shown once" in result.stderr
    engine = hub_engine(hub_db_url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT name, token_hash FROM devices")).one()
    engine.dispose()
    import hashlib

    assert stored == ("Town hall 1", hashlib.sha256(token.encode()).hexdigest())


def test_bad_hub_arguments_are_one_line_errors(tmp_path: Path) -> None:
    result = run_cli(None, "hub", "token", "--db", "mysql://x/y", "--device", "a")
    assert result.returncode == 2 and "unsupported database" in result.stderr
    missing = run_cli(None, "hub", "export", "--db", str(tmp_path / "no" / "hub.sqlite3"),
                      "--format", "csv", "--out", str(tmp_path / "x.csv"))  # fmt: skip
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    # Nothing listens on port 1: no PostgreSQL server there.
    no_server = run_cli(None, "hub", "devices", "--db", "postgresql://hub@127.0.0.1:1/hub")
    assert no_server.returncode == 2, no_server.stderr
    assert "cannot open the hub database" in no_server.stderr
    for refused in (result, missing, no_server):
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr


def test_hub_export_gives_the_merged_view_in_the_kiosk_formats(
    hub: HubProcess, kiosks: list[Path], tmp_path: Path
) -> None:
    for kiosk, name in zip(kiosks, ("a", "b"), strict=True):
        token = hub.token(name)
        assert run_cli(kiosk, "sync", "--url", hub.url, "--token", token).returncode == 0
    out_json, out_csv = tmp_path / "all.json", tmp_path / "all.csv"
    for fmt, out in (("json", out_json), ("csv", out_csv)):
        result = run_cli(None, "hub", "export", "--db", hub.db_url, "--format", fmt,
                         "--out", str(out))  # fmt: skip
        assert result.returncode == 0 and "Exported 2000 pledges" in result.stdout
    document = json.loads(out_json.read_text(encoding="utf-8"))
    schema = json.loads(resource_path("schema/charter-pledges.schema.json").read_text())
    jsonschema.validate(document, schema)
    assert len({p["id"] for p in document["pledges"]}) == 2000
    assert len({p["device_id"] for p in document["pledges"]}) == 2
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert {r["id"] for r in rows} == {p["id"] for p in document["pledges"]}
    # The kiosk's consent rule holds at the hub: no email without consent to contact.
    silent = [p for p in document["pledges"] if not p["consent_contact"]]
    assert silent and all(p["email"] is None and p["phone"] is None for p in silent)
    out_xlsx = tmp_path / "all.xlsx"
    result = run_cli(None, "hub", "export", "--db", hub.db_url, "--format", "xlsx",
                     "--include-contact", "--out", str(out_xlsx))  # fmt: skip
    assert result.returncode == 0 and "ARE included" in result.stderr
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert sheet is not None and sheet.max_row == 2001
    assert {sheet.cell(row, 1).value for row in range(2, 2002)} == {r["id"] for r in rows}


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_the_api_is_described_with_openapi(hub: HubProcess) -> None:
    schema = httpx.get(f"{hub.url}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/batches", "/api/v1/device", "/api/v1/health", "/verify"} <= set(
        schema["paths"]
    )
    batches = schema["paths"]["/api/v1/batches"]["post"]
    assert {"200", "401", "403", "413", "422", "429"} <= set(batches["responses"])
    assert "Idempotency-Key" in {p["name"] for p in batches["parameters"]}
    body = batches["requestBody"]["content"]["application/json"]["schema"]
    assert {"device_id", "public_key", "proof", "pledges", "erased"} <= set(body["properties"])
    # No interactive docs: they would load their scripts from a CDN a venue network lacks.
    assert httpx.get(f"{hub.url}/docs").status_code == 404


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_the_verification_page_shows_public_details_only(hub: HubProcess, data_dir: Path) -> None:
    store = Store.open(resolve_paths(data_dir))
    try:
        ids = store.add_pledges(
            [
                pledge(name="Grace Okafor", consent_publish_name=True, consent_contact=True,
                       email="grace@example.org", postcode="SG1 1HN"),
                pledge(name="Private Person", consent_publish_name=False),
            ],
            source="kiosk", actor="kiosk",
        ).ids  # fmt: skip
        urls = [pledge_certificate_url(store, p) for p in map(store.get_pledge, ids) if p]
        unsynced = store.add_pledges([pledge(name="Late Comer")], source="kiosk", actor="kiosk")
        late = store.get_pledge(unsynced.ids[0])
        assert late is not None
        late_url = pledge_certificate_url(store, late)
        with store.db.write() as session:  # the late pledge has not reached the council yet
            session.execute(text("DELETE FROM outbox WHERE pledge_id = :id"), {"id": late.id})
    finally:
        store.close()
    token = hub.token("hall")
    assert run_cli(data_dir, "sync", "--url", hub.url, "--token", token).returncode == 0

    def page(url: str) -> httpx.Response:
        return httpx.get(f"{hub.url}/verify?{urlsplit(url).query}")

    consented, private = page(urls[0]), page(urls[1])
    assert consented.status_code == 200 and "Genuine certificate" in consented.text
    assert "Grace Okafor" in consented.text
    assert "grace@example.org" not in consented.text and "SG1" not in consented.text
    assert "Genuine certificate" in private.text and "Private Person" not in private.text
    late_page = page(late_url)
    assert "Genuine certificate" in late_page.text and "not reached the council" in late_page.text
    assert "Late Comer" not in late_page.text

    forged = page(urls[1].replace("Private+Person", "Someone+Famous"))
    assert "Not a genuine certificate" in forged.text and "Someone Famous" not in forged.text
    junk = httpx.get(f"{hub.url}/verify?p=1")
    assert junk.status_code == 400 and "Not a certificate code" in junk.text


def test_tokens_never_look_like_an_option(hub_db_url: str) -> None:
    from charter_desktop.hub.devices import issue_token

    db = open_hub_database(hub_db_url)
    try:
        with db.write() as session:
            tokens = [issue_token(session, f"kiosk {n}") for n in range(300)]
    finally:
        db.dispose()
    assert len(set(tokens)) == 300
    assert all(t.startswith("cdk_") and len(t) >= 47 for t in tokens)


def test_the_trust_migration_binds_each_token_to_its_one_kiosk(hub_db_url: str) -> None:
    from alembic import command

    from charter_desktop.hub.db import _config, upgrade

    engine = hub_engine(hub_db_url)
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "hub_0002_measures")
    one, old, new = (str(uuid.uuid4()) for _ in range(3))
    now = "2026-05-14 10:00:00.000000"
    with engine.begin() as conn:
        for pk, name in ((1, "hall-a"), (2, "hall-b")):
            conn.execute(text("INSERT INTO devices (id, name, token_hash, created_at) "
                              "VALUES (:pk, :name, :hash, :now)"),
                         {"pk": pk, "name": name, "hash": f"h{pk}", "now": now})  # fmt: skip
        for device_id, by in ((one, "sync:hall-a"), (old, "sync:hall-b"), (new, "sync:hall-b")):
            conn.execute(text("INSERT INTO device_keys VALUES (:d, 'pem', :now, :by)"),
                         {"d": device_id, "now": now, "by": by})  # fmt: skip
        conn.execute(text("INSERT INTO events VALUES (:e, 'Summit', '', '2026-05-14', 100)"),
                     {"e": one})  # fmt: skip
        conn.execute(
            text("INSERT INTO pledges VALUES (:p, :now, :now, :e, :d, 'resident', 'A', NULL, "
                 "NULL, NULL, NULL, '[]', NULL, false, false, 'active', 'sync', :now, 'x', NULL)"),
            {"p": str(uuid.uuid4()), "now": now, "e": one, "d": one},
        )  # fmt: skip
    upgrade(engine)
    with engine.connect() as conn:
        bound: dict[str, str | None] = dict(
            conn.execute(text("SELECT name, device_id FROM devices")).all()
        )
        owner = conn.scalar(text("SELECT described_by FROM events"))
        kept = conn.scalar(text("SELECT count(*) FROM pledges"))
    engine.dispose()
    # One key: bound to it. Two (a reinstall under one token): left for its next batch.
    assert bound == {"hall-a": one, "hall-b": None}
    assert owner == one and kept == 1
