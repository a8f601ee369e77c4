"""USB bundles: what has not reached the council yet, as JSON and CSV with a manifest signed by
the kiosk's Ed25519 key; written atomically, and checked (hashes, signature) before import.

A bundle is a zip of `pledges.json` (the JSON export format), `pledges.csv`, `manifest.json`
(device id, time, counts, erased ids, each file's SHA-256 and size, the device's public key)
and `manifest.sig` (base64 Ed25519 signature over the manifest's bytes).

Each pledge goes as a sync sends it (`Pledge.to_sync_json`): a pledge sealed to the council
key goes sealed, whether or not staff unlocked the details here, with its envelope
(`sealed`), its `postcode_district` and only its published name; its email, phone and
postcode are in neither file. So writing a bundle needs no passphrase and carries no
attendee's details in clear. A folder with no council key writes its pledges in clear.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from charter_desktop.core import events as event_store
from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.exports.csv_export import write_csv
from charter_desktop.core.exports.json_export import FORMAT_NAME, write_json
from charter_desktop.core.exports.rows import json_row
from charter_desktop.core.pledges.validation import PLEDGE_FIELDS
from charter_desktop.core.signing import load_or_create_signing_key, load_public_key, public_key_pem
from charter_desktop.core.storage.atomic import atomic_bytes
from charter_desktop.core.store import Store
from charter_desktop.core.sync import outbox

BUNDLE_FORMAT = "charter-bundle"
BUNDLE_VERSION = 1
MANIFEST, SIGNATURE, JSON_FILE, CSV_FILE = (
    "manifest.json",
    "manifest.sig",
    "pledges.json",
    "pledges.csv",
)
# What manifest.sig signs: this prefix, then the manifest's bytes.
SIGNATURE_DOMAIN = b"charter-desktop bundle v1\n"
MAX_MEMBER_BYTES = 512 * 1024 * 1024


class BundleError(Exception):
    """The file is not a complete, genuine bundle; the message says what is wrong."""


@dataclass(frozen=True)
class BundleWritten:
    path: Path
    pledges: int
    erased: int


@dataclass(frozen=True)
class Bundle:
    """A bundle whose signature and file hashes were checked."""

    manifest: dict[str, Any]
    manifest_sha256: str
    device_id: str
    public_key: str
    pledges: list[Any]
    events: list[Any]
    erased: list[str]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_bundle(store: Store, path: Path) -> BundleWritten:
    """Write everything still queued for the council to `path` (complete or absent).

    Pledges sealed to the council key are written sealed, so this needs no passphrase.
    Writing a bundle does not mark anything sent: the hub acknowledges pledges only by
    sync, and importing a bundle and syncing the same pledges later stores them once.
    """
    items: list[outbox.OutboxItem] = []
    with store.db.read() as session:
        after = ""
        while chunk := outbox.pending_items(session, 2000, after=after, include_failed=True):
            items.extend(chunk)
            after = chunk[-1].pledge_id
        pledges = sorted((i.pledge for i in items if i.pledge), key=lambda p: (p.created_at, p.id))
        event_ids = {p.event_id for p in pledges}
        bundle_events = [e for e in event_store.list_events(session) if e.id in event_ids]
    erased = [i.pledge_id for i in items if i.pledge is None]
    now = utc_now()
    json_out, csv_out = io.StringIO(), io.StringIO(newline="")
    records = [p.to_sync_json() for p in pledges]  # sealed ones stay sealed
    write_json(json_out, records, device_id=store.device_id, exported_at=now, events=bundle_events)
    # A sealed pledge's row has no email, phone or postcode: those cells stay empty.
    write_csv(csv_out, (json_row(dict.fromkeys(PLEDGE_FIELDS) | r) for r in records))
    files = {JSON_FILE: json_out.getvalue().encode(), CSV_FILE: csv_out.getvalue().encode()}
    key = load_or_create_signing_key(store.paths.data_dir / "keys")
    manifest = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "device_id": store.device_id,
        "created_at": format_timestamp(now),
        "public_key": public_key_pem(key),
        "counts": {"pledges": len(pledges), "erased": len(erased), "events": len(bundle_events)},
        "erased": erased,
        "files": {name: {"sha256": _sha256(d), "bytes": len(d)} for name, d in files.items()},
    }
    manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
    signature = base64.b64encode(key.sign(SIGNATURE_DOMAIN + manifest_bytes))
    with atomic_bytes(path) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, signature)
    return BundleWritten(path, len(pledges), len(erased))


def _member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise BundleError(f"{name} is missing: not a complete bundle") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise BundleError(f"{name} is larger than any bundle a kiosk writes")
    return zf.read(name)


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise BundleError("manifest.json is not a charter bundle manifest")
    if manifest.get("version") != BUNDLE_VERSION:
        raise BundleError(f"unsupported bundle version {manifest.get('version')!r}")
    for name, kind in (("device_id", str), ("public_key", str), ("files", dict), ("erased", list)):
        if not isinstance(manifest.get(name), kind):
            raise BundleError(f"manifest.json has no valid {name!r}")
    return manifest


def read_bundle(path: Path) -> Bundle:
    """The bundle at `path`, after checking its signature and every file's SHA-256.

    Raises BundleError for a damaged, truncated or altered file; nothing is trusted until
    every check passed.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            manifest_bytes = _member(zf, MANIFEST)
            signature_text = _member(zf, SIGNATURE)
            members = {name: _member(zf, name) for name in (JSON_FILE, CSV_FILE)}
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise BundleError(
            f"not a complete bundle: the zip is damaged or truncated ({exc})"
        ) from None
    except OSError as exc:
        raise BundleError(f"cannot read it: {exc.strerror or exc}") from None
    try:
        manifest = _check_manifest(json.loads(manifest_bytes))
        public = load_public_key(manifest["public_key"])
        public.verify(
            base64.b64decode(signature_text, validate=True), SIGNATURE_DOMAIN + manifest_bytes
        )
    except (ValueError, binascii.Error, InvalidSignature):
        raise BundleError(
            "the signature does not match the manifest: the bundle was altered or damaged"
        ) from None
    for name, data in members.items():
        expected = manifest["files"].get(name)
        if not isinstance(expected, dict) or expected.get("sha256") != _sha256(data):
            raise BundleError(f"{name} does not match the manifest's SHA-256: it was altered")
    try:
        document = json.loads(members[JSON_FILE])
    except ValueError:
        raise BundleError("pledges.json is not valid JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise BundleError("pledges.json is not a charter-pledges export")
    pledges, events = document.get("pledges"), document.get("events", [])
    if not isinstance(pledges, list) or not isinstance(events, list):
        raise BundleError("pledges.json has no pledges list")
    counts = manifest.get("counts") or {}
    if counts.get("pledges") != len(pledges) or counts.get("erased") != len(manifest["erased"]):
        raise BundleError("the manifest's counts do not match the files")
    return Bundle(
        manifest=manifest,
        manifest_sha256=_sha256(manifest_bytes),
        device_id=manifest["device_id"],
        public_key=manifest["public_key"],
        pledges=pledges,
        events=events,
        erased=[str(i) for i in manifest["erased"]],
    )
