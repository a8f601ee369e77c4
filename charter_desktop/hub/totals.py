"""An event's running total at the hub: its active pledges from every kiosk, with the hub's
clock, as batch answers, the totals endpoint and the wall give it to kiosks and screens."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.hub.models import HubEventRow, HubPledgeRow

MAX_EVENTS = 20  # events named in one answer: a batch may describe more, the answer stays small


def is_event_id(value: object) -> bool:
    """Whether `value` is an event id as the hub stores them (a UUID in its canonical form)."""
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def active_counts(session: Session, event_ids: Iterable[str]) -> dict[str, int]:
    """Active pledges per event (every kiosk's), for the events in `event_ids`."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    query = (
        select(HubPledgeRow.event_id, func.count())
        .where(HubPledgeRow.event_id.in_(ids), HubPledgeRow.status == PledgeStatus.ACTIVE)
        .group_by(HubPledgeRow.event_id)
    )
    counts = {event_id: 0 for event_id in ids}
    counts.update({str(event_id): int(n) for event_id, n in session.execute(query)})
    return counts


def event_totals(session: Session, event_ids: Iterable[str]) -> list[dict[str, Any]]:
    """`{"event_id", "name", "target", "total", "as_of"}` for each event of `event_ids` the
    hub knows (at most MAX_EVENTS, in the order given, once each)."""
    wanted = list(dict.fromkeys(e for e in event_ids if is_event_id(e)))[:MAX_EVENTS]
    if not wanted:
        return []
    events = {
        row.id: row
        for row in session.scalars(select(HubEventRow).where(HubEventRow.id.in_(wanted)))
    }
    counts = active_counts(session, events)
    as_of = format_timestamp(utc_now())
    return [
        {"event_id": event_id, "name": events[event_id].name, "target": events[event_id].target,
         "total": counts.get(event_id, 0), "as_of": as_of}
        for event_id in wanted if event_id in events
    ]  # fmt: skip


def batch_event_ids(data: dict[str, Any]) -> list[str]:
    """The events a (decoded) batch names: those it describes, then its pledges' events."""
    found: list[str] = []
    for name, key in (("events", "id"), ("pledges", "event_id")):
        items = data.get(name)
        if isinstance(items, list):
            found.extend(i[key] for i in items if isinstance(i, dict) and is_event_id(i.get(key)))
    return list(dict.fromkeys(found))
