"""The batch a kiosk sends to the hub: its own pledges and erasures (pledges sealed to the
council key go sealed), its signing key with the proof that binds its token to this
installation (none for an enrolled kiosk, which signs the request itself), and an
idempotency key made from the body itself, so a resent batch is recognised and a changed one
never reuses a key."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from charter_desktop.core import events as event_store
from charter_desktop.core.exports.json_export import event_json
from charter_desktop.core.signing import binding_proof, public_key_pem
from charter_desktop.core.sync.outbox import OutboxItem

FOREIGN_REASON = (
    "taken on another kiosk (device {device}); only that kiosk, or its USB bundle, sends it"
)


def canonical_digest(body: dict[str, Any]) -> str:
    """SHA-256 of `body` as canonical JSON (sorted keys, no spaces, ASCII): the hub computes
    the same digest to tell a resent batch from a different one under the same key."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Batch:
    key: str
    body: dict[str, Any]
    items: list[OutboxItem]  # what the body carries, to settle with the hub's answer
    foreign: list[OutboxItem]  # other kiosks' pledges held here: never sent by this kiosk


def build_batch(
    session: Session,
    device_id: str,
    items: list[OutboxItem],
    signing_key: Ed25519PrivateKey,
    token: str,
) -> Batch:
    """The batch for `items`: this kiosk's own pledges and erasures. A pledge another kiosk
    took (imported here from its export) is left out; the hub takes it only from that kiosk.
    `token` is the device token the proof binds ("" for an enrolled kiosk: no proof)."""
    own = [i for i in items if i.device_id in (None, device_id)]
    foreign = [i for i in items if i.device_id not in (None, device_id)]
    event_ids = sorted({i.pledge.event_id for i in own if i.pledge})
    events = [event_store.get_event(session, e) for e in event_ids]
    body = {
        "device_id": device_id,
        "public_key": public_key_pem(signing_key),
        "proof": binding_proof(signing_key, device_id, token) if token else None,
        "events": [event_json(e) for e in events if e is not None],
        "pledges": [i.pledge.to_sync_json() for i in own if i.pledge],
        "erased": [i.pledge_id for i in own if i.pledge is None],
    }
    return Batch(canonical_digest(body), body, own, foreign)
