"""The kiosk pack: everything a kiosk needs to join an event, signed by the hub's own key.

A pack file is JSON: `{"format": "charter-kiosk-pack", "version": 1, "hub_key": PEM,
"body": base64, "signature": base64}`. `body` is the exact bytes the hub signed (canonical
JSON of the payload), so a single byte changed anywhere in body, key or signature fails the
check. The payload (PackPayload) names the event, the hub's address and certificate pin, the
kiosk's one-time token, the council key, and what else the council set.

The hub signs (`sign_pack`); a kiosk checks (`open_pack`), and remembers the hub key it
enrolled with: a pack signed by another key is another hub's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charter_desktop.core.clock import format_timestamp, parse_timestamp
from charter_desktop.core.signing import load_public_key, public_key_pem

FORMAT = "charter-kiosk-pack"
VERSION = 1
MAX_PACK_BYTES = 4 * 1024 * 1024
_DOMAIN = b"charter-desktop kiosk pack v1\n"


class PackError(ValueError):
    """The file is not a kiosk pack this kiosk can use; the message says why, in one line."""


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def key_fingerprint(public_key_pem_text: str) -> str:
    """The SHA-256 of a hub key's PEM (stripped), as hex: how a kiosk remembers its hub."""
    return hashlib.sha256(public_key_pem_text.strip().encode("ascii")).hexdigest()


@dataclass(frozen=True)
class PackPayload:
    """What a pack carries. `payload` keeps every field as signed; the properties read the
    ones every pack has."""

    payload: dict[str, Any]

    @property
    def pack_id(self) -> str:
        return str(self.payload["pack_id"])

    @property
    def hub_id(self) -> str:
        return str(self.payload["hub_id"])

    @property
    def expires_at(self) -> datetime:
        return parse_timestamp(str(self.payload["expires_at"]))

    @property
    def hub_url(self) -> str:
        return str(self.payload["hub_url"])

    @property
    def tls_pin(self) -> str:
        return str(self.payload.get("tls_pin") or "")

    @property
    def token(self) -> str:
        return str(self.payload["token"])

    @property
    def device_name(self) -> str:
        return str(self.payload["device_name"])

    @property
    def event(self) -> dict[str, Any]:
        return dict(self.payload["event"])


@dataclass(frozen=True)
class OpenedPack:
    payload: PackPayload
    hub_key_pem: str

    @property
    def hub_key_fingerprint(self) -> str:
        return key_fingerprint(self.hub_key_pem)


REQUIRED = ("pack_id", "hub_id", "issued_at", "expires_at", "hub_url", "token",
            "device_name", "event")  # fmt: skip


def sign_pack(payload: dict[str, Any], hub_key: Ed25519PrivateKey) -> bytes:
    """The pack file's bytes for `payload`, signed by the hub's key."""
    missing = [name for name in REQUIRED if name not in payload]
    if missing:
        raise ValueError(f"a kiosk pack needs {', '.join(missing)}")
    body = _canonical(payload)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "hub_key": public_key_pem(hub_key),
        "body": base64.b64encode(body).decode("ascii"),
        "signature": base64.b64encode(hub_key.sign(_DOMAIN + body)).decode("ascii"),
    }
    return json.dumps(document, indent=2).encode("ascii") + b"\n"


def open_pack(raw: bytes) -> OpenedPack:
    """The pack's checked payload; PackError if it is not a pack, or any byte of it changed.

    Only the signature is checked here: whether the pack is expired, used, or from the hub
    this kiosk trusts is for the caller (core.enrolment.apply)."""
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(f"the file is over {MAX_PACK_BYTES // (1024 * 1024)} MiB: not a kiosk pack")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackError("the file is not a kiosk pack (not JSON), or it was damaged") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PackError(f'the file is not a kiosk pack (expected "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise PackError(f"the kiosk pack's version {document.get('version')!r} is not one this "
                        "app reads; update the app or make the pack again")  # fmt: skip
    try:
        hub_key_text = str(document["hub_key"])
        hub_key = load_public_key(hub_key_text)
        body = base64.b64decode(str(document["body"]), validate=True)
        signature = base64.b64decode(str(document["signature"]), validate=True)
        hub_key.verify(signature, _DOMAIN + body)
    except (KeyError, ValueError, binascii.Error, InvalidSignature):
        raise PackError(
            "the kiosk pack's signature does not check: it was changed or damaged after the "
            "hub made it; make a new pack at the hub"
        ) from None
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackError("the kiosk pack's contents are not JSON") from None
    if not isinstance(payload, dict) or any(name not in payload for name in REQUIRED):
        raise PackError("the kiosk pack lacks the event, the hub's address or the kiosk token")
    opened = PackPayload(payload)
    try:
        opened.expires_at  # noqa: B018 - parsed now, so a bad time is refused here
    except ValueError:
        raise PackError("the kiosk pack's expiry time cannot be read") from None
    return OpenedPack(opened, hub_key_text.strip())


def new_payload(
    *,
    pack_id: str,
    hub_id: str,
    issued_at: datetime,
    expires_at: datetime,
    hub_url: str,
    tls_pin: str | None,
    token: str,
    device_name: str,
    event: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    """A payload in the shape `sign_pack` takes; `extra` carries council_key, catalogue,
    branding, trusted_keys and sync_interval_seconds when the hub has them."""
    return {
        "pack_id": pack_id,
        "hub_id": hub_id,
        "issued_at": format_timestamp(issued_at),
        "expires_at": format_timestamp(expires_at),
        "hub_url": hub_url,
        "tls_pin": tls_pin,
        "token": token,
        "device_name": device_name,
        "event": event,
        **{k: v for k, v in extra.items() if v is not None},
    }
