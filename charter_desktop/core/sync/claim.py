"""A kiosk's enrolment record (setting "enrolment"), and claiming a kiosk pack at the hub.

An enrolled kiosk keeps which hub it enrolled with (the fingerprint of the hub's signing key,
and the hub's id), the pack it came from, the name the hub gave it, when, whether the pack
was claimed, and every pack applied here. A pack applied while the hub was out of reach
keeps its one-use token here as `pending_token` until the first contact claims it; it then
goes. The token only claims the pack (binds the hub's device to this installation and
registers this kiosk's key); the pack file itself carries it in clear too.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from charter_desktop.core.storage import audit
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.client import ClaimReply, HubClient

ENROLMENT_KEY = "enrolment"


def enrolment_record(session: Session) -> dict[str, Any]:
    """The stored enrolment record ({} on a kiosk never enrolled from a pack)."""
    stored: Any = get_setting(session, ENROLMENT_KEY)
    return dict(stored) if isinstance(stored, dict) else {}


def enrolment_of(store: Store) -> dict[str, Any]:
    """The enrolment record, without its pending token (what staff may see)."""
    with store.db.read() as session:
        record = enrolment_record(session)
    record.pop("pending_token", None)
    return record


def pending_token(session: Session) -> str | None:
    token = enrolment_record(session).get("pending_token")
    return token if isinstance(token, str) and token else None


def mark_claimed(session: Session, token: str, reply: ClaimReply) -> None:
    """The pack of `token` was claimed: forget its token, note the claim (once)."""
    record = enrolment_record(session)
    if record.get("pending_token") != token:
        return  # another try claimed it meanwhile, or the kiosk was enrolled again
    record.pop("pending_token", None)
    record["claimed"] = True
    if reply.device:
        record["device_name"] = reply.device
    set_setting(session, ENROLMENT_KEY, record)
    audit.record(session, "sync", "enrolment.claim", details={"pack_id": record.get("pack_id")})


def claim_pending(store: Store, client: HubClient, key: Ed25519PrivateKey) -> bool:
    """Claim the pack applied while the hub was out of reach, if one waits; True if it was
    claimed now. Raises the client's SyncError (ClaimRefused: another kiosk claimed it, or
    the hub refused its token; HubUnavailable: still out of reach)."""
    with store.db.read() as session:
        token = pending_token(session)
    if token is None:
        return False
    reply = client.claim(token, store.device_id, key)
    with store.db.write() as session:
        mark_claimed(session, token, reply)
    return True
