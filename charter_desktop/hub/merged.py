"""The hub's merged view: its own id, its pledges as core Pledges, and exports of them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charter_desktop.core.atomic import atomic_text
from charter_desktop.core.clock import utc_now
from charter_desktop.core.db import Database
from charter_desktop.core.events import Event
from charter_desktop.core.exports.csv_export import write_csv
from charter_desktop.core.exports.json_export import write_json
from charter_desktop.core.pledges import Pledge
from charter_desktop.hub.models import HubEventRow, HubPledgeRow, HubSettingRow

HUB_ID = "hub_id"
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class HubExport:
    path: Path
    count: int


def hub_id(session: Session) -> str:
    """The hub's own id, made once (it is the `device_id` of the hub's JSON exports)."""
    row = session.get(HubSettingRow, HUB_ID)
    if row is None:
        row = HubSettingRow(key=HUB_ID, value=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return str(row.value)


def iter_hub_pledges(session: Session) -> Iterator[Pledge]:
    query = (
        select(HubPledgeRow)
        .order_by(HubPledgeRow.created_at, HubPledgeRow.id)
        .execution_options(yield_per=2000)
    )
    for row in session.scalars(query):
        yield Pledge.from_row(row)  # type: ignore[arg-type]  # same columns as the kiosk's


def hub_events(session: Session) -> list[Event]:
    rows = session.scalars(select(HubEventRow).order_by(HubEventRow.event_date, HubEventRow.id))
    return [Event(r.id, r.name, r.place, r.event_date, r.target, utc_now()) for r in rows]


def count_pledges(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(HubPledgeRow)) or 0)


def export_hub(db: Database, fmt: str, path: Path) -> HubExport:
    """Every pledge the hub holds, in the kiosk's export formats; written atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with db.write() as session:
        own_id = hub_id(session)
    with db.read() as session, atomic_text(path, newline="") as out:
        pledges = iter_hub_pledges(session)
        if fmt == "csv":
            count = write_csv(out, pledges)
        else:
            count = write_json(
                out, pledges, device_id=own_id, exported_at=utc_now(), events=hub_events(session)
            )
    return HubExport(path, count)
