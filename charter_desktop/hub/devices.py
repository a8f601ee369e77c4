"""Device tokens (only their SHA-256 is stored) and the kiosks' public keys."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.signing import load_public_key
from charter_desktop.core.text import TextError, clean_line
from charter_desktop.hub.models import DeviceKeyRow, DeviceRow
from charter_desktop.hub.upsert import insert_for

TOKEN_BYTES = 32
TOKEN_PREFIX = "cdk_"  # noqa: S105 - a public marker, not a secret


class DeviceError(Exception):
    """A device name, token or key cannot be used; the message says why."""


class KeyMismatch(DeviceError):
    """A kiosk presented a public key other than the one the hub holds for its device id."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, name: str) -> str:
    """A new random token for device `name` (made or re-keyed); returned once, hash stored."""
    try:
        clean = clean_line(name, 100)
    except TextError as exc:
        raise DeviceError(f"device name: {exc}") from exc
    if not clean:
        raise DeviceError("device name: is required")
    # A prefix, so a token never starts with "-" (read as an option by `sync --token`) and is
    # recognisable when pasted into the wrong place.
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    row = session.scalar(select(DeviceRow).where(DeviceRow.name == clean))
    if row is None:
        session.add(DeviceRow(name=clean, token_hash=token_hash(token), created_at=utc_now()))
    else:
        row.token_hash = token_hash(token)  # the old token stops working
    return token


REVOKED_PREFIX = "revoked:"


@dataclass(frozen=True)
class Device:
    name: str
    created_at: datetime
    revoked: bool


def list_devices(session: Session) -> list[Device]:
    """Every device the council issued a token to, by name, and whether it is revoked."""
    rows = session.scalars(select(DeviceRow).order_by(DeviceRow.name))
    return [Device(r.name, r.created_at, r.token_hash.startswith(REVOKED_PREFIX)) for r in rows]


def revoke_device(session: Session, name: str) -> None:
    """Stop device `name`'s token working at once (a lost or stolen kiosk); the pledges it
    already sent stay. `issue_token` gives the device a new token later."""
    row = session.scalar(select(DeviceRow).where(DeviceRow.name == name))
    if row is None:
        raise DeviceError(f"device name: no device is called {name!r} (see `hub devices`)")
    # No SHA-256 hex digest starts with this, so no token can ever match again.
    row.token_hash = REVOKED_PREFIX + secrets.token_hex(27)


def device_for_token(session: Session, token: str) -> DeviceRow | None:
    return session.scalar(select(DeviceRow).where(DeviceRow.token_hash == token_hash(token)))


def register_key(session: Session, device_id: str, public_key: str, registered_by: str) -> bool:
    """Remember `device_id`'s public key the first time it is seen; True if new.

    Raises KeyMismatch if a different key is already held for that device id.
    """
    try:
        load_public_key(public_key)
    except ValueError as exc:
        raise DeviceError(f"public_key: not an Ed25519 public key ({exc})") from exc
    stmt = insert_for(session, DeviceKeyRow).values(
        device_id=device_id,
        public_key=public_key.strip(),
        registered_at=utc_now(),
        registered_by=registered_by,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["device_id"])
    added = session.execute(stmt.returning(DeviceKeyRow.device_id)).all()
    held = session.get(DeviceKeyRow, device_id, populate_existing=True)
    assert held is not None
    if held.public_key.strip() != public_key.strip():
        raise KeyMismatch(
            f"device {device_id} presented a different signing key from the one the hub holds"
        )
    return bool(added)


def known_keys(session: Session, device_id: str) -> list[str]:
    row = session.get(DeviceKeyRow, device_id)
    return [] if row is None else [row.public_key]
