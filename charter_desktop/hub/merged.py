"""The hub's merged view: its own id, its pledges as core Pledges, and exports of them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.events import Event
from charter_desktop.core.exports.csv_export import write_csv
from charter_desktop.core.exports.json_export import write_json
from charter_desktop.core.exports.rows import json_row, with_consent
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.storage.atomic import atomic_bytes, atomic_text
from charter_desktop.core.storage.db import Database
from charter_desktop.hub.models import HubEventRow, HubPledgeRow, HubSettingRow

HUB_ID = "hub_id"
FORMATS = ("csv", "json", "xlsx")


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
    for r in session.scalars(query):
        yield Pledge(
            id=r.id,
            created_at=r.created_at,
            updated_at=r.updated_at,
            event_id=r.event_id,
            device_id=r.device_id,
            pledger_type=r.pledger_type,
            name=r.name,
            organisation=r.organisation,
            email=r.email,
            phone=r.phone,
            postcode=r.postcode,
            actions=tuple(r.actions),
            pledge_text=r.pledge_text,
            consent_contact=r.consent_contact,
            consent_publish_name=r.consent_publish_name,
            status=r.status,
            source=r.source,
            measures=dict(r.measures or {}),
        )


def hub_events(session: Session) -> list[Event]:
    rows = session.scalars(select(HubEventRow).order_by(HubEventRow.event_date, HubEventRow.id))
    return [Event(r.id, r.name, r.place, r.event_date, r.target, utc_now()) for r in rows]


def count_pledges(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(HubPledgeRow)) or 0)


def export_hub(db: Database, fmt: str, path: Path, *, include_contact: bool = False) -> HubExport:
    """Every pledge the hub holds, in the kiosk's export formats and with its consent rule
    (see core.exports.rows); written atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with db.write() as session:
        own_id = hub_id(session)
    with db.read() as session:
        records = (
            with_consent(p, include_contact=include_contact) for p in iter_hub_pledges(session)
        )
        if fmt == "xlsx":
            from charter_desktop.core.exports.xlsx_export import write_xlsx

            with atomic_bytes(path) as binary:
                count = write_xlsx(binary, (json_row(r) for r in records))
            return HubExport(path, count)
        with atomic_text(path, newline="") as out:
            if fmt == "csv":
                count = write_csv(out, (json_row(r) for r in records))
            else:
                count = write_json(
                    out,
                    records,
                    device_id=own_id,
                    exported_at=utc_now(),
                    events=hub_events(session),
                )
    return HubExport(path, count)
