"""Two real kiosk data folders syncing to a real hub, and an attacker who holds one kiosk's
token and signing key (a stolen kiosk laptop) and writes raw requests to the hub."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from charter_desktop.core.certify import pledge_certificate_url
from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.paths import resolve_paths
from charter_desktop.core.signing import (
    CertificateClaim,
    binding_message,
    certificate_url,
    load_or_create_signing_key,
    public_key_pem,
)
from charter_desktop.core.store import Store
from charter_desktop.core.sync.client import RetryPolicy
from charter_desktop.core.sync.service import SyncResult, run_sync
from charter_desktop.core.sync.settings import SyncSettings
from charter_desktop.hub.db import hub_engine
from tests.helpers import pledge
from tests.hub.conftest import HubProcess

FAST_RETRY = RetryPolicy(attempts=3, base_seconds=0.05, cap_seconds=0.2)
TABLES = {
    "pledges": "id, device_id, updated_at, status, name, email",
    "device_keys": "device_id, public_key, device, revoked_at",
    "devices": "name, device_id, revoked_at",
    "erasures": "pledge_id, device_id",
    "events": "id, name, target, described_by",
}


@contextmanager
def opened(folder: Path) -> Iterator[Store]:
    store = Store.open(resolve_paths(folder))
    try:
        yield store
    finally:
        store.close()


@dataclass
class Kiosk:
    """A kiosk data folder with a hub token, as staff set it up."""

    folder: Path
    hub: HubProcess
    token: str

    def add(self, **fields: Any) -> str:
        with opened(self.folder) as store:
            [pledge_id] = store.add_pledges([pledge(**fields)], source="kiosk", actor="kiosk").ids
        return pledge_id

    def sync(self) -> SyncResult:
        with opened(self.folder) as store:
            return run_sync(store, SyncSettings(self.hub.url, self.token), retry=FAST_RETRY)

    @property
    def device_id(self) -> str:
        with opened(self.folder) as store:
            return store.device_id

    @property
    def key(self) -> Ed25519PrivateKey:
        return load_or_create_signing_key(self.folder / "keys")

    def pledge_json(self, pledge_id: str) -> dict[str, Any]:
        with opened(self.folder) as store:
            found = store.get_pledge(pledge_id)
            assert found is not None
            return found.to_json()

    def certificate(self, pledge_id: str) -> str:
        with opened(self.folder) as store:
            found = store.get_pledge(pledge_id)
            assert found is not None
            return pledge_certificate_url(store, found)


def proof(key: Ed25519PrivateKey, device_id: str, token: str) -> str:
    digest = hashlib.sha256(token.encode()).hexdigest()
    return base64.b64encode(key.sign(binding_message(device_id, digest))).decode()


def post(
    hub: HubProcess, token: str, body: dict[str, Any] | bytes, key: str | None = None
) -> httpx.Response:
    """A raw batch, as an attacker writes it."""
    headers = {
        "Authorization": f"Bearer {token}",
        "Idempotency-Key": key or uuid.uuid4().hex,
        "Content-Type": "application/json",
    }
    # ASCII escapes, as an attacker may send them: a lone surrogate travels as \\ud800.
    content = body if isinstance(body, bytes) else json.dumps(body).encode("ascii")
    return httpx.post(f"{hub.url}/api/v1/batches", content=content, headers=headers, timeout=60)


def body_as(kiosk: Kiosk, key: Ed25519PrivateKey | None = None, **fields: Any) -> dict[str, Any]:
    """A batch body in `kiosk`'s name, signed with `key` (the kiosk's own by default)."""
    key = key or kiosk.key
    device_id = fields.pop("device_id", kiosk.device_id)
    base = {
        "device_id": device_id,
        "public_key": public_key_pem(key),
        "proof": proof(key, device_id, kiosk.token),
        "events": [],
        "pledges": [],
        "erased": [],
    }
    return {**base, **fields}


def forged_certificate(hub: HubProcess, key: Ed25519PrivateKey, device_id: str) -> str:
    claim = CertificateClaim(
        str(uuid.uuid4()), device_id, "2026-05-14", "Launch summit", "Mx Forger"
    )
    return certificate_url(f"{hub.url}/verify", claim, key)


def verdict(hub: HubProcess, certificate: str) -> str:
    page = httpx.get(f"{hub.url}/verify?{urlsplit(certificate).query}", timeout=30)
    assert page.status_code == 200, page.text
    return page.text


def hub_state(hub: HubProcess) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the attacks could touch, in a fixed order: equal before and after means the
    hub's data is unchanged."""
    engine = hub_engine(hub.db_url)
    try:
        with engine.connect() as conn:
            return {
                table: [tuple(map(str, r)) for r in conn.execute(
                    text(f"SELECT {columns} FROM {table} ORDER BY 1, 2"))]
                for table, columns in TABLES.items()
            }  # fmt: skip
    finally:
        engine.dispose()


def future(days: int = 0, minutes: int = 0) -> str:
    from datetime import timedelta

    return format_timestamp(utc_now() + timedelta(days=days, minutes=minutes))
