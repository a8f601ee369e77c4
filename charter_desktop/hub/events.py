"""Events made at the hub: the summit every kiosk enrolled for it takes pledges at.

A hub-made event is `described_by` "hub", so no kiosk's batch can rename or move it (see
ingest.merge_events); the kiosks' copies carry the same id, so their pledges count together.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.events import check_event_fields
from charter_desktop.hub.models import HubEventRow

DESCRIBED_BY_HUB = "hub"
DEFAULT_TARGET = 100


@dataclass(frozen=True)
class HubEvent:
    id: str
    name: str
    place: str
    event_date: date
    target: int
    made_at_hub: bool

    @classmethod
    def from_row(cls, row: HubEventRow) -> HubEvent:
        return cls(row.id, row.name, row.place, row.event_date, row.target,
                   row.described_by == DESCRIBED_BY_HUB)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """{id, name, date (YYYY-MM-DD), place, target}: as `hub event list --json` prints it
        and a kiosk pack carries it."""
        return {"id": self.id, "name": self.name, "date": self.event_date.isoformat(),
                "place": self.place, "target": self.target}  # fmt: skip


def add_event(
    session: Session,
    name: str,
    event_date: date,
    place: str = "",
    target: int = DEFAULT_TARGET,
    event_id: str | None = None,
) -> HubEvent:
    """Make an event at the hub; ValidationError names each value that is not allowed (a
    name required and at most 120 characters, a place at most 120, a target 1..1,000,000)."""
    clean_name, clean_place, errors = check_event_fields(name, place, target)
    if not isinstance(event_date, date):
        errors.append(FieldError("date", "must be a date (YYYY-MM-DD)"))
    new_id = event_id or str(uuid.uuid4())
    if session.get(HubEventRow, new_id) is not None:
        errors.append(FieldError("id", f"the hub already has an event {new_id}"))
    if errors:
        raise ValidationError(errors)
    row = HubEventRow(id=new_id, name=clean_name, place=clean_place, event_date=event_date,
                      target=target, described_by=DESCRIBED_BY_HUB)  # fmt: skip
    session.add(row)
    session.flush()
    return HubEvent.from_row(row)


def list_events(session: Session) -> list[HubEvent]:
    """Every event the hub knows (made here or described by kiosks), by date then name."""
    query = select(HubEventRow).order_by(HubEventRow.event_date, HubEventRow.name, HubEventRow.id)
    return [HubEvent.from_row(r) for r in session.scalars(query)]


def get_event(session: Session, event_id: str) -> HubEvent | None:
    row = session.get(HubEventRow, event_id)
    return None if row is None else HubEvent.from_row(row)
