"""USB bundles from a kiosk that seals attendees' details to the council key: written while
locked with no passphrase, they carry each pledge sealed as a sync sends it, so no email,
phone or postcode is anywhere in the zip; the hub imports them into the hub's own event and
stores them sealed, as a sync does, for `hub export --include-contact` to open with the
council passphrase. A sealed pledge the hub cannot take refuses the whole bundle; a folder
without a council key still bundles in clear."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from charter_desktop.core.signing import load_or_create_signing_key, public_key_pem
from charter_desktop.core.sync.bundle import SIGNATURE_DOMAIN
from charter_desktop.hub.db import hub_engine
from tests.fixtures.canary import encodings_of
from tests.fixtures.store import TEST_PASSPHRASE
from tests.fixtures.summit import (
    EVENT,
    SummitHub,
    SummitKiosk,
    council_key_file,
    hub_cli,
    ok,
    refused_line,
)

SHOWN: dict[str, Any] = {  # agreed to publish the name
    "name": "Wilhelmina Canarybright", "pledger_type": "resident",
    "actions": ["buy-from-local-area"], "consent_publish_name": True, "consent_contact": True,
    "email": "wilhelmina.canary@example.org", "phone": "07700 900461", "postcode": "SG1 1HN",
}  # fmt: skip
HIDDEN: dict[str, Any] = {  # did not
    "name": "Octavia Hiddenfinch", "pledger_type": "resident",
    "actions": ["buy-from-local-area"], "consent_publish_name": False, "consent_contact": True,
    "email": "octavia.hidden@example.org", "phone": "01438 555123", "postcode": "SG2 8AB",
}  # fmt: skip
# What must never leave a keyed kiosk in clear: contact details, and a name not published.
SECRETS = [
    *(p[f] for p in (SHOWN, HIDDEN) for f in ("email", "phone", "postcode")),
    *(p["phone"].replace(" ", "") for p in (SHOWN, HIDDEN)),
    *(p["postcode"].replace(" ", "") for p in (SHOWN, HIDDEN)),
    HIDDEN["name"],
]


@dataclass
class Hall:
    """A hub's database with its event, and a kiosk enrolled for it from a pack (its council
    key included) while the hub was out of reach, with two pledges taken."""

    hub: SummitHub
    event_id: str
    kiosk: SummitKiosk
    ids: list[str]


def keyed_hall(db_url: str, root: Path) -> Hall:
    hub = SummitHub(db_url, root / "hub-logs")  # never started: no network in the hall
    event_id = hub.event_add(EVENT["name"], EVENT["date"], EVENT["place"], EVENT["target"])
    pack = root / "hall-usb.pack"
    hub.enrol("hall-usb", event_id, pack, council_key_file(root))
    kiosk = SummitKiosk(root / "hall-usb", "hall-usb")
    kiosk.enrol(pack)
    return Hall(hub, event_id, kiosk, kiosk.add(SHOWN, HIDDEN))


def bundle_of(kiosk: SummitKiosk, out: Path) -> Path:
    """`bundle --out` as staff run it at the end of the day: no passphrase given."""
    written = ok(kiosk.cli("bundle", "--out", str(out)))
    assert "Wrote 2 pledges" in written.stdout, written.stdout
    return out


def console_bundle(kiosk: SummitKiosk, out: Path) -> Path:
    """The bundle as the staff console writes it: after staff gave the passphrase."""
    from charter_desktop.core.privacy import service
    from charter_desktop.core.storage.paths import resolve_paths
    from charter_desktop.core.store import Store
    from charter_desktop.core.sync.bundle import write_bundle

    store = Store.open(resolve_paths(kiosk.folder))
    try:
        service.unlock(store, TEST_PASSPHRASE)
        assert not service.details_locked(store)
        assert write_bundle(store, out).pledges == 2
    finally:
        service.lock()
        store.close()
    return out


def members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def leaks(bundle: Path) -> list[str]:
    """Each secret found, in any encoding or case, in the zip's own bytes or in any member's."""
    places = {"(the zip)": bundle.read_bytes(), **members(bundle)}
    return [f"{place}: {secret}" for place, data in places.items() for secret in SECRETS
            if any(form in data for form in encodings_of(secret))]  # fmt: skip


def hub_rows(db_url: str) -> dict[str, dict[str, Any]]:
    engine = hub_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM pledges")).mappings()
            return {row["id"]: dict(row) for row in rows}
    finally:
        engine.dispose()


def kiosk_envelopes(kiosk: SummitKiosk) -> dict[str, bytes]:
    with closing(sqlite3.connect(kiosk.folder / "charter.sqlite3")) as db:
        return {i: bytes(s) for i, s in db.execute("SELECT id, sealed FROM pledges")}


def test_a_keyed_kiosk_bundles_sealed_pledges_the_hub_keeps_sealed(
    hub_db_url: str, tmp_path: Path
) -> None:
    hall = keyed_hall(hub_db_url, tmp_path)
    bundle = bundle_of(hall.kiosk, tmp_path / "hall-usb.zip")

    assert leaks(bundle) == []
    files = members(bundle)
    document = json.loads(files["pledges.json"])
    by_id = {p["id"]: p for p in document["pledges"]}
    shown, hidden = (by_id[i] for i in hall.ids)
    # Each pledge as a sync sends it: the envelope, the district, the published name only.
    for sent in (shown, hidden):
        assert not {"email", "phone", "postcode"} & set(sent)
        assert base64.b64decode(sent["sealed"]) == kiosk_envelopes(hall.kiosk)[sent["id"]]
        assert sent["event_id"] == hall.event_id
    assert (shown["name"], shown["postcode_district"]) == (SHOWN["name"], "SG1")
    assert (hidden["name"], hidden["postcode_district"]) == ("", "SG2")
    # The search reads what is there: the published name is in both files.
    assert SHOWN["name"].encode() in files["pledges.json"]
    assert SHOWN["name"].encode() in files["pledges.csv"]
    # The staff console writes it after the passphrase, with the details unlocked: the
    # pledges still go sealed, the same as while locked.
    unlocked = console_bundle(hall.kiosk, tmp_path / "console.zip")
    assert leaks(unlocked) == []
    assert json.loads(members(unlocked)["pledges.json"])["pledges"] == document["pledges"]

    imported = ok(hub_cli("import", "--db", hub_db_url, str(bundle)))
    assert "2 pledges accepted, 2 new or updated, 0 erased, 0 refused" in imported.stdout
    assert hall.hub.events() == [{"id": hall.event_id, **EVENT}]  # the hub's one event
    rows = hub_rows(hub_db_url)
    assert sorted(rows) == sorted(hall.ids)
    envelopes = kiosk_envelopes(hall.kiosk)
    for pledge_id, row in rows.items():  # stored as a sync stores them
        assert (row["email"], row["phone"], row["postcode"]) == (None, None, None)
        assert row["sealed"] is not None and bytes(row["sealed"]) == envelopes[pledge_id]
        assert row["event_id"] == hall.event_id and row["source"] == "bundle"
    assert [rows[i]["name"] for i in hall.ids] == [SHOWN["name"], ""]
    assert [rows[i]["postcode_district"] for i in hall.ids] == ["SG1", "SG2"]
    assert not [s for s in SECRETS if s in repr(rows)]

    # Only the council passphrase opens them, at the hub.
    passphrase = tmp_path / "council-passphrase.txt"
    passphrase.write_text(TEST_PASSPHRASE + "\n")
    export = tmp_path / "council.json"
    ok(hub_cli("export", "--db", hub_db_url, "--format", "json", "--out", str(export),
               "--include-contact", "--passphrase-file", str(passphrase)), notes=True)  # fmt: skip
    opened = {p["id"]: p for p in json.loads(export.read_text())["pledges"]}
    for pledge_id, given in zip(hall.ids, (SHOWN, HIDDEN), strict=True):
        got = opened[pledge_id]
        assert (got["name"], got["email"], got["postcode"]) == (
            given["name"], given["email"], given["postcode"])  # fmt: skip


def resigned(
    bundle: Path, out: Path, kiosk: SummitKiosk, edit: Callable[[dict[str, Any]], None]
) -> Path:
    """A copy of `bundle` with its pledges.json changed by `edit`, the manifest's hash and size
    brought up to date and signed again with the kiosk's own key: a bundle that kiosk could
    have written, so only the hub's pledge checks stand in its way."""
    files = members(bundle)
    document = json.loads(files["pledges.json"])
    edit(document)
    files["pledges.json"] = json.dumps(document).encode()
    manifest = json.loads(files["manifest.json"])
    key = load_or_create_signing_key(kiosk.folder / "keys")
    assert public_key_pem(key) == manifest["public_key"]  # the kiosk's key, not a new one
    data = files["pledges.json"]
    manifest["files"]["pledges.json"] = {"sha256": hashlib.sha256(data).hexdigest(),
                                         "bytes": len(data)}  # fmt: skip
    files["manifest.json"] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    files["manifest.sig"] = base64.b64encode(key.sign(SIGNATURE_DOMAIN + files["manifest.json"]))
    with zipfile.ZipFile(out, "w") as zf:
        for name, member in files.items():
            zf.writestr(name, member)
    return out


def second(edit: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    """`edit` applied to the bundle's second pledge only."""
    return lambda document: edit(document["pledges"][1])


def header_damaged(pledge: dict[str, Any]) -> None:
    envelope = base64.b64decode(pledge["sealed"])
    pledge["sealed"] = base64.b64encode(b"\x7f" + envelope[1:]).decode()


def truncated(pledge: dict[str, Any]) -> None:
    pledge["sealed"] = base64.b64encode(base64.b64decode(pledge["sealed"])[:20]).decode()


def email_in_clear(pledge: dict[str, Any]) -> None:
    pledge["email"] = HIDDEN["email"]


def postcode_in_clear(pledge: dict[str, Any]) -> None:
    pledge["postcode"] = HIDDEN["postcode"]


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_a_bundle_with_a_sealed_pledge_the_hub_cannot_take_is_refused_whole(
    hub_db_url: str, tmp_path: Path
) -> None:
    hall = keyed_hall(hub_db_url, tmp_path)
    good = bundle_of(hall.kiosk, tmp_path / "good.zip")
    files = members(good)
    document = json.loads(files["pledges.json"])
    sealed = document["pledges"][1]["sealed"]
    flipped = sealed[:40] + ("A" if sealed[40] != "A" else "B") + sealed[41:]
    altered = files["pledges.json"].replace(sealed.encode(), flipped.encode())
    with zipfile.ZipFile(tmp_path / "altered.zip", "w") as zf:  # changed after it was signed
        for name, member in files.items():
            zf.writestr(name, altered if name == "pledges.json" else member)
    cases = {
        "altered.zip": "pledges.json does not match the manifest's SHA-256",
        resigned(good, tmp_path / "header.zip", hall.kiosk, second(header_damaged)).name:
            "sealed pledge 2 of pledges.json: sealed: must be a sealed envelope",
        resigned(good, tmp_path / "short.zip", hall.kiosk, second(truncated)).name:
            "sealed pledge 2 of pledges.json: sealed: must be a sealed envelope",
        resigned(good, tmp_path / "email.zip", hall.kiosk, second(email_in_clear)).name:
            "sealed pledge 2 of pledges.json: email: is sealed in the envelope",
        resigned(good, tmp_path / "postcode.zip", hall.kiosk, second(postcode_in_clear)).name:
            "sealed pledge 2 of pledges.json: postcode: is sealed in the envelope",
    }  # fmt: skip
    for name, message in cases.items():
        # The good bundle first: one bad file in the list means nothing is imported.
        line = refused_line(hub_cli("import", "--db", hub_db_url, str(good),
                                    str(tmp_path / name)))  # fmt: skip
        assert message in line and "nothing was imported" in line, (name, line)
        assert not [s for s in SECRETS if s in line]  # the refusal repeats no value
        assert hub_rows(hub_db_url) == {}, name
    # The good bundle alone is taken: the refusals were the bad pledge's.
    imported = ok(hub_cli("import", "--db", hub_db_url, str(good)))
    assert "2 pledges accepted" in imported.stdout and len(hub_rows(hub_db_url)) == 2


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_a_folder_without_a_council_key_still_bundles_in_clear(
    hub_db_url: str, tmp_path: Path
) -> None:
    kiosk = SummitKiosk(tmp_path / "plain", "plain")
    ids = kiosk.add(SHOWN, HIDDEN)
    bundle = bundle_of(kiosk, tmp_path / "plain.zip")
    files = members(bundle)
    pledges = {p["id"]: p for p in json.loads(files["pledges.json"])["pledges"]}
    assert [pledges[i]["email"] for i in ids] == [SHOWN["email"], HIDDEN["email"]]
    assert not [p for p in pledges.values() if "sealed" in p]
    assert HIDDEN["email"].encode() in files["pledges.csv"]
    assert leaks(bundle)  # the same search finds the details when they are in clear

    imported = ok(hub_cli("import", "--db", hub_db_url, str(bundle)))
    assert "2 pledges accepted, 2 new or updated" in imported.stdout
    rows = hub_rows(hub_db_url)
    stored = [(rows[i]["email"], rows[i]["postcode"], rows[i]["sealed"]) for i in ids]
    assert stored == [(p["email"], p["postcode"], None) for p in (SHOWN, HIDDEN)]
