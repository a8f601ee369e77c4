"""The fleet at a glance: each kiosk the hub issued a token or a pack to, the event it was
enrolled for, when it was last heard from, how many pledges the hub holds from it, how many
it said were still queued, its app version and its state. `hub devices` prints it; the hub's
staff page shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.hub.models import DeviceRow, HubEventRow, HubPledgeRow

ACTIVE = "active"
REVOKED = "revoked"
WAITING_FOR_PACK = "waiting for its pack to be used"
PACK_EXPIRED = "pack expired"
WAITING_FOR_SYNC = "waiting for its first sync"
STATES = (ACTIVE, REVOKED, WAITING_FOR_PACK, PACK_EXPIRED, WAITING_FOR_SYNC)


@dataclass(frozen=True)
class FleetRow:
    name: str
    created_at: datetime
    revoked: bool
    device_id: str | None  # the kiosk installation the token is bound to
    event_id: str | None
    event_name: str | None
    last_contact_at: datetime | None
    received: int  # pledges the hub holds from this kiosk (synced or from USB bundles)
    queued: int | None  # pledges the kiosk said were still waiting to be sent
    app_version: str | None
    state: str  # one of STATES

    def to_json(self) -> dict[str, Any]:
        """As `hub devices --json` prints it (timestamps ISO-8601 UTC, or null)."""
        return {
            "name": self.name,
            "created_at": format_timestamp(self.created_at),
            "revoked": self.revoked,
            "device_id": self.device_id,
            "event_id": self.event_id,
            "event_name": self.event_name,
            "last_contact_at": _when(self.last_contact_at),
            "received": self.received,
            "queued": self.queued,
            "app_version": self.app_version,
            "state": self.state,
        }


def _when(value: datetime | None) -> str | None:
    return None if value is None else format_timestamp(value)


def device_state(row: DeviceRow, now: datetime) -> str:
    if row.revoked_at is not None:
        return REVOKED
    if row.device_id is not None:
        return ACTIVE
    if row.expires_at is not None:
        return PACK_EXPIRED if now >= row.expires_at else WAITING_FOR_PACK
    return WAITING_FOR_SYNC


def fleet_status(session: Session) -> list[FleetRow]:
    """One row per device, by name."""
    now = utc_now()
    counts = session.execute(
        select(HubPledgeRow.device_id, func.count())
        .join(DeviceRow, DeviceRow.device_id == HubPledgeRow.device_id)
        .group_by(HubPledgeRow.device_id)
    )
    received = {device_id: int(count) for device_id, count in counts}
    query = (
        select(DeviceRow, HubEventRow.name)
        .outerjoin(HubEventRow, HubEventRow.id == DeviceRow.event_id)
        .order_by(DeviceRow.name)
    )
    return [
        FleetRow(
            name=row.name,
            created_at=row.created_at,
            revoked=row.revoked_at is not None,
            device_id=row.device_id,
            event_id=row.event_id,
            event_name=event_name,
            last_contact_at=row.last_contact_at,
            received=received.get(row.device_id, 0) if row.device_id else 0,
            queued=row.queued_reported,
            app_version=row.app_version,
            state=device_state(row, now),
        )
        for row, event_name in session.execute(query)
    ]
