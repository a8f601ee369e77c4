"""Device tokens (only their SHA-256 is stored), the kiosk each token is bound to, and the
kiosks' public keys.

A token speaks for one kiosk installation. The first batch it sends binds it: the batch names
the installation's device id and public key, and proves it holds the private key by signing
the binding (device id and the token's hash). From then on the token speaks only for that
device id, and a key is registered only for it. Revoking a device ends its token and the
trust in its key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.signing import binding_message, load_public_key
from charter_desktop.core.text import TextError, clean_line
from charter_desktop.hub.models import DeviceKeyRow, DeviceRow
from charter_desktop.hub.upsert import insert_for

TOKEN_BYTES = 32
TOKEN_PREFIX = "cdk_"  # noqa: S105 - a public marker, not a secret
REVOKED_PREFIX = "revoked:"


class DeviceError(Exception):
    """A device name, token or key cannot be used; the message says why."""


class Forbidden(DeviceError):
    """The token may not do this: it names, or touches, another kiosk's device (HTTP 403)."""


class KeyMismatch(DeviceError):
    """A bundle's kiosk presented a public key other than the one the hub holds for it."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, name: str, device_id: str | None = None) -> str:
    """A new random token for device `name` (made or re-keyed); returned once, hash stored.

    With `device_id` (the kiosk's, from its staff area) the token speaks only for that
    installation from the start, so no other token can claim it first. Otherwise the
    token's first batch binds it. A re-keyed device keeps its binding (the same kiosk, a new
    token); a revoked one starts unbound, for the kiosk that replaces the lost one.
    """
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
        row = DeviceRow(name=clean, token_hash=token_hash(token), created_at=utc_now())
        session.add(row)
    row.token_hash = token_hash(token)  # the old token stops working
    row.expires_at = None  # a kiosk pack's token expires; make_pack sets it again
    # A token issued by hand is no pack's (make_pack sets these again for a pack's token).
    row.pack_id = row.pack_event_id = None
    if row.revoked_at is not None:
        row.revoked_at = None
        row.device_id = None
        row.event_id, row.enrolled_events = None, None  # a replacement enrols afresh
    if device_id is not None:
        _bind_at_issue(session, row, device_id)
    return token


def _bind_at_issue(session: Session, row: DeviceRow, device_id: str) -> None:
    try:
        if str(uuid.UUID(device_id)) != device_id:
            raise ValueError
    except ValueError:
        raise DeviceError("--device-id: must be the kiosk's device id (a UUID)") from None
    if row.device_id not in (None, device_id):
        raise DeviceError(
            f"--device-id: this device is bound to kiosk device {row.device_id}; revoke it "
            "first to issue a token for another"
        )
    owner = session.scalar(select(DeviceRow.name).where(DeviceRow.device_id == device_id))
    if owner is not None and owner != row.name:
        raise DeviceError(f"--device-id: kiosk device {device_id} belongs to device {owner!r}")
    held = session.get(DeviceKeyRow, device_id)
    if held is not None and held.revoked_at is None and held.device not in (None, row.id):
        raise DeviceError(f"--device-id: kiosk device {device_id} belongs to another device")
    row.device_id = device_id


@dataclass(frozen=True)
class Device:
    name: str
    created_at: datetime
    revoked: bool
    device_id: str | None


def list_devices(session: Session) -> list[Device]:
    """Every device the council issued a token to, by name, whether it is revoked, and the
    kiosk installation its token is bound to."""
    rows = session.scalars(select(DeviceRow).order_by(DeviceRow.name))
    return [Device(r.name, r.created_at, r.revoked_at is not None, r.device_id) for r in rows]


def revoke_device(session: Session, name: str) -> None:
    """Stop device `name`'s token working at once (a lost or stolen kiosk), and stop its key
    making certificates genuine; the pledges it already sent stay. `issue_token` gives a
    replacement kiosk a new token later."""
    row = session.scalar(select(DeviceRow).where(DeviceRow.name == name))
    if row is None:
        raise DeviceError(f"device name: no device is called {name!r} (see `hub devices`)")
    now = utc_now()
    # No SHA-256 hex digest starts with this, so no token can ever match again.
    row.token_hash = REVOKED_PREFIX + secrets.token_hex(27)
    row.revoked_at = now
    session.execute(
        update(DeviceKeyRow)
        .where(DeviceKeyRow.device == row.id, DeviceKeyRow.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def device_for_token(session: Session, token: str) -> DeviceRow | None:
    """The live device of `token` for `Bearer` auth: not revoked, not an unclaimed kiosk
    pack's token past the pack's expiry, and not a kiosk pack's token once a kiosk is bound
    to it (that kiosk signs its requests with its own key; the token serves only a repeat
    claim, `device_for_claim`)."""
    row = device_for_claim(session, token)
    if row is not None and row.pack_id is not None and row.device_id is not None:
        return None
    return row


def device_for_claim(session: Session, token: str) -> DeviceRow | None:
    """The device a pack claim's token names: not revoked, and not a pack unclaimed past its
    expiry (a claimed pack has no expiry, so the same kiosk can claim it again)."""
    row = session.scalar(
        select(DeviceRow).where(
            DeviceRow.token_hash == token_hash(token), DeviceRow.revoked_at.is_(None)
        )
    )
    if row is None or row.expires_at is None:
        return row
    return None if utc_now() >= row.expires_at else row


def enrol_for_pack(device: DeviceRow) -> None:
    """The kiosk bound to `device` took its pack: the pack's event becomes the device's, and
    one of the hub's events it may send pledges for."""
    if device.pack_event_id is None:
        return
    device.event_id = device.pack_event_id
    enrolled = list(device.enrolled_events or [])
    if device.pack_event_id not in enrolled:
        device.enrolled_events = [*enrolled, device.pack_event_id]


def enrolled_events(device: DeviceRow) -> frozenset[str]:
    return frozenset(device.enrolled_events or ())


def _check_key(public_key: str) -> str:
    try:
        load_public_key(public_key)
    except ValueError as exc:
        raise DeviceError("public_key: not an Ed25519 public key") from exc
    return public_key.strip()


def check_proof(device_id: str, public_key: str, token_sha256: str, proof: str | None) -> None:
    try:
        signature = base64.b64decode(proof or "", validate=True)
        load_public_key(public_key).verify(signature, binding_message(device_id, token_sha256))
    except (binascii.Error, ValueError, InvalidSignature):
        raise Forbidden(
            "proof: the batch does not prove it holds the signing key of device "
            f"{device_id}; nothing was stored"
        ) from None


def bind_device(
    session: Session,
    device: DeviceRow,
    device_id: str,
    public_key: str | None,
    proof: str | None,
) -> None:
    """Make sure the token of `device` speaks for installation `device_id`, registering its
    key on the token's first batch; raises Forbidden if the token is bound to another
    installation, the key is not the one held, or the batch cannot prove it holds the key."""
    if device.device_id is not None and device.device_id != device_id:
        raise Forbidden(
            f"device_id: this token belongs to kiosk device {device.device_id}, not "
            f"{device_id}; nothing was stored"
        )
    held = session.get(DeviceKeyRow, device_id)
    if held is not None and held.device == device.id and held.revoked_at is None:
        if public_key and held.public_key.strip() != public_key.strip():
            raise Forbidden("public_key: not the key the hub holds for this kiosk")
        if device.device_id is None:  # keyed before tokens were bound: bind it now
            _claim(session, device, device_id)
        return
    if not public_key:
        raise Forbidden("public_key: a kiosk's first batch must register its signing key")
    key = _check_key(public_key)
    check_proof(device_id, key, device.token_hash, proof)
    if held is not None:
        from_bundle = held.device is None and held.public_key.strip() == key
        # A key revoked with a lost kiosk's token is never trusted again; a fresh token may
        # bring the device id back only with a new key.
        replaced = held.revoked_at is not None and held.public_key.strip() != key
        if not (from_bundle or replaced):
            raise Forbidden(
                f"device_id: device {device_id} belongs to another kiosk; nothing was stored"
            )
    if device.device_id is None:
        _claim(session, device, device_id)
    if held is None:
        held = DeviceKeyRow(device_id=device_id, public_key=key, registered_at=utc_now())
        session.add(held)
    held.public_key, held.device, held.revoked_at = key, device.id, None
    held.registered_by = f"sync:{device.name}"[:140]
    session.flush()


def _claim(session: Session, device: DeviceRow, device_id: str) -> None:
    """Bind the unbound token of `device` to `device_id`, unless another token has it."""
    owner = session.scalar(select(DeviceRow.id).where(DeviceRow.device_id == device_id))
    if owner is not None:
        raise Forbidden(
            f"device_id: device {device_id} belongs to another kiosk; nothing was stored"
        )
    claimed = session.execute(
        update(DeviceRow)
        .where(DeviceRow.id == device.id, DeviceRow.device_id.is_(None))
        .values(device_id=device_id, expires_at=None)  # a pack's token, claimed: no expiry
        .execution_options(synchronize_session=False)
    )
    if int(claimed.rowcount) != 1:  # type: ignore[attr-defined]
        raise Forbidden("device_id: this token was bound to another kiosk at that moment")
    device.device_id, device.expires_at = device_id, None
    enrol_for_pack(device)


def register_bundle_key(
    session: Session, device_id: str, public_key: str, registered_by: str
) -> bool:
    """Remember a bundle's kiosk key the first time it is seen; True if new.

    Raises KeyMismatch if a different key is already held for that device id, and Forbidden
    if the key was revoked with its kiosk's token.
    """
    key = _check_key(public_key)
    stmt = insert_for(session, DeviceKeyRow).values(
        device_id=device_id, public_key=key, registered_at=utc_now(), registered_by=registered_by
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["device_id"])
    added = session.execute(stmt.returning(DeviceKeyRow.device_id)).all()
    held = session.get(DeviceKeyRow, device_id, populate_existing=True)
    assert held is not None
    if held.public_key.strip() != key:
        raise KeyMismatch(
            f"device {device_id} presented a different signing key from the one the hub holds"
        )
    if held.revoked_at is not None:
        raise Forbidden(f"device {device_id} was revoked; its bundles are not taken")
    return bool(added)


@dataclass(frozen=True)
class TrustedKey:
    public_key: str
    kiosk: str | None  # the name the council gave the kiosk, None for a bundle-only kiosk


def trusted_key(session: Session, device_id: str) -> TrustedKey | None:
    """The key that makes `device_id`'s certificates genuine, unless it was revoked."""
    query = (
        select(DeviceKeyRow.public_key, DeviceRow.name)
        .outerjoin(DeviceRow, DeviceRow.id == DeviceKeyRow.device)
        .where(DeviceKeyRow.device_id == device_id, DeviceKeyRow.revoked_at.is_(None))
    )
    row = session.execute(query).first()
    return None if row is None else TrustedKey(row[0], row[1])
