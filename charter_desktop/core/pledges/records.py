"""Storing and reading pledges: one validated batch is one transaction, all or nothing."""

from __future__ import annotations

import base64
import logging
import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.validation import (
    PLEDGE_FIELDS,
    PledgeInput,
    record_of,
    validate_pledge,
)
from charter_desktop.core.privacy import sealing
from charter_desktop.core.privacy.keys import CouncilKey
from charter_desktop.core.storage import audit, plain_sql
from charter_desktop.core.storage.models import EventRow, PledgeRow
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.core.text import counted

log = logging.getLogger(__name__)
# A row as row_values makes it and seal_values completes it.
_INSERT_PLEDGES = plain_sql.PlainStatement(
    insert(PledgeRow), [*PLEDGE_FIELDS, "source", "sealed", "postcode_district"]
)
UNKNOWN_EVENT = "no event with this id on this kiosk"


@dataclass(frozen=True)
class Pledge:
    """A stored pledge, as the rest of the app sees it."""

    id: str
    created_at: datetime
    updated_at: datetime
    event_id: str
    device_id: str
    pledger_type: str
    name: str
    organisation: str | None
    email: str | None
    phone: str | None
    postcode: str | None
    actions: tuple[str, ...]
    pledge_text: str | None
    consent_contact: bool
    consent_publish_name: bool
    status: str
    source: str
    erased_at: datetime | None = None  # personal fields removed on request (see pledge_edit)
    retained_at: datetime | None = None  # personal fields removed by retention (see retention)
    # The personal fields are sealed to the council key, which is not unlocked here: `name`
    # is the published name or "(locked)"; email, phone and postcode are None.
    locked: bool = False
    district: str | None = None  # the postcode's outward code ("SG1"), readable when locked
    measures: dict[str, float] = field(default_factory=dict)  # {action_id: quantity}
    # The envelope the personal fields are sealed in, as stored (None when kept in clear).
    sealed: bytes | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_row(cls, row: PledgeRow, *, open_sealed: bool = True) -> Pledge:
        """The stored pledge; its sealed fields opened when the council key is unlocked,
        unless `open_sealed` is False (figures that need no personal data skip the work)."""
        opened = sealing.open_personal(row) if open_sealed or row.sealed is None else None
        personal = opened
        if personal is None:
            personal = {
                "name": row.name or sealing.LOCKED_NAME,
                "email": None,
                "phone": None,
                "postcode": None,
            }
        return cls(
            id=row.id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            event_id=row.event_id,
            device_id=row.device_id,
            pledger_type=row.pledger_type,
            name=personal["name"] or row.name,
            organisation=row.organisation,
            email=personal["email"],
            phone=personal["phone"],
            postcode=personal["postcode"],
            actions=tuple(row.actions),
            pledge_text=row.pledge_text,
            consent_contact=row.consent_contact,
            consent_publish_name=row.consent_publish_name,
            status=row.status,
            source=row.source,
            erased_at=row.erased_at,
            retained_at=row.retained_at,
            locked=opened is None,
            district=row.postcode_district,
            measures=dict(row.measures or {}),
            sealed=row.sealed,
        )

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Pledge:
        """A pledge being stored, from its row values (row_values) before they are sealed:
        the same pledge a read would give with the council key unlocked."""
        return cls(
            id=values["id"],
            created_at=values["created_at"],
            updated_at=values["updated_at"],
            event_id=values["event_id"],
            device_id=values["device_id"],
            pledger_type=values["pledger_type"],
            name=values["name"],
            organisation=values["organisation"],
            email=values["email"],
            phone=values["phone"],
            postcode=values["postcode"],
            actions=tuple(values["actions"]),
            pledge_text=values["pledge_text"],
            consent_contact=values["consent_contact"],
            consent_publish_name=values["consent_publish_name"],
            status=values["status"],
            source=values["source"],
            district=sealing.district(values["postcode"]),
            measures=dict(values["measures"] or {}),
        )

    def to_json(self) -> dict[str, Any]:
        """The pledge in the interchange shape of shared/DESIGN.md (no `source`). A locked
        pledge raises PersonalDataLocked: it never leaves the kiosk with its details missing."""
        if self.locked:
            raise sealing.PersonalDataLocked(f"pledge {self.id}")
        return record_of(self) | {
            "created_at": format_timestamp(self.created_at),
            "updated_at": format_timestamp(self.updated_at),
        }

    def to_sync_json(self) -> dict[str, Any]:
        """The pledge as a kiosk sends it to the hub: sealed to the council key when it is
        stored sealed (whether or not staff unlocked it here), else as `to_json`.

        A sealed pledge carries its envelope (`sealed`, base64) and `postcode_district`; its
        `name` is the published name ("" unless the attendee agreed to show it); email,
        phone and postcode are not sent: they are only in the envelope, which only the
        council's private key opens."""
        if self.sealed is None:
            return self.to_json()
        record = record_of(self)
        for name in ("email", "phone", "postcode"):
            record.pop(name, None)
        shown = self.name if not (self.locked and self.name == sealing.LOCKED_NAME) else ""
        return record | {
            "name": sealing.public_name(shown, self.consent_publish_name),
            "sealed": base64.b64encode(self.sealed).decode("ascii"),
            "postcode_district": self.district,
            "created_at": format_timestamp(self.created_at),
            "updated_at": format_timestamp(self.updated_at),
        }


@dataclass
class BatchRejected(Exception):
    """Some pledges in a batch were invalid, so none of the batch was stored."""

    rejected: list[ValidationError]
    total: int

    def __str__(self) -> str:
        return (
            f"{len(self.rejected)} of {counted(self.total, 'pledge')} "
            f"{'is' if len(self.rejected) == 1 else 'are'} invalid and nothing was stored: "
            + " | ".join(str(e) for e in self.rejected[:3])
            + (f" | and {len(self.rejected) - 3} more" if len(self.rejected) > 3 else "")
        )


@dataclass
class AddResult:
    ids: list[str] = field(default_factory=list)
    rejected: list[ValidationError] = field(default_factory=list)


@dataclass(frozen=True)
class PledgeFilter:
    """Which pledges to read: by event, by local calendar day, and whether withdrawn count."""

    event_id: str | None = None
    on_date: date | None = None
    include_withdrawn: bool = True


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where `day` starts and ends on this machine's clock."""
    start = datetime.combine(day, time.min).astimezone()
    end = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    return start, end


def filtered_query(flt: PledgeFilter) -> Any:
    query = select(PledgeRow).order_by(PledgeRow.created_at, PledgeRow.id)
    if flt.event_id is not None:
        query = query.where(PledgeRow.event_id == flt.event_id)
    if flt.on_date is not None:
        start, end = local_day_bounds(flt.on_date)
        query = query.where(PledgeRow.created_at >= start, PledgeRow.created_at < end)
    if not flt.include_withdrawn:
        query = query.where(PledgeRow.status == PledgeStatus.ACTIVE)
    return query


def row_values(
    p: PledgeInput, now: datetime, event_id: str, device_id: str, source: str
) -> dict[str, Any]:
    """The row a validated pledge is stored as (before sealing): times, event and device
    default to `now`, `event_id` and `device_id`, and a pledge without an id gets one."""
    created = p.created_at or now
    return record_of(p) | {
        "id": p.id or str(uuid.uuid4()),
        "created_at": created,
        "updated_at": p.updated_at or created,
        "event_id": p.event_id or event_id,
        "device_id": p.device_id or device_id,
        "measures": dict(p.measures) or None,
        "source": source,
    }


def _check_references(session: Session, items: list[tuple[int, PledgeInput]]) -> dict[int, str]:
    """Problems that need the database: unknown events and ids already stored, by item."""
    problems: dict[int, str] = {}
    event_ids = {p.event_id for _, p in items if p.event_id}
    known_events: set[str] = set()
    if event_ids:  # the kiosk's own pledges name no event: no query needed
        known_events.update(session.scalars(select(EventRow.id).where(EventRow.id.in_(event_ids))))
    ids = [p.id for _, p in items if p.id]
    stored: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stored.update(session.scalars(select(PledgeRow.id).where(PledgeRow.id.in_(chunk))))
    seen: set[str] = set()
    for index, p in items:
        if p.event_id and p.event_id not in known_events:
            problems[index] = f"event_id: {UNKNOWN_EVENT}"
        elif p.id and (p.id in stored or p.id in seen):
            problems[index] = "id: a pledge with this id is already stored"
        if p.id:
            seen.add(p.id)
    return problems


def add_pledges(
    session: Session,
    catalogue: Catalogue,
    items: Sequence[Any],
    *,
    event_id: str,
    device_id: str,
    source: str,
    actor: str,
    partial: bool = False,
    notice_version: str | None = None,
) -> AddResult:
    """Validate and store `items` (decoded JSON pledges) in the caller's transaction, each
    with a consent record naming `notice_version`, the privacy notice the attendee was shown.

    Pledges without an event or device go to `event_id` / `device_id`. By default one bad
    pledge rejects the whole batch (BatchRejected, nothing written); with `partial` the good
    ones are stored and the bad ones returned in `rejected`.
    """
    result = AddResult()
    valid: list[tuple[int, PledgeInput]] = []
    for index, item in enumerate(items, start=1):
        try:
            valid.append((index, validate_pledge(item, catalogue, item=index)))
        except ValidationError as exc:
            result.rejected.append(exc)
    for index, problem in _check_references(session, valid).items():
        field_name, message = problem.split(": ", 1)
        result.rejected.append(ValidationError([FieldError(field_name, message)], index))
    result.rejected.sort(key=lambda e: e.item or 0)
    if result.rejected and not partial:
        raise BatchRejected(result.rejected, len(items))
    bad = {e.item for e in result.rejected}
    now = utc_now()
    rows = [row_values(p, now, event_id, device_id, source) for i, p in valid if i not in bad]
    result.ids = [r["id"] for r in rows]
    if rows:
        key = sealing.council_key(session)
        write_rows(
            plain_sql.driver(session),
            rows,
            key,
            actor=actor,
            notice_version=notice_version,
            rejected=len(result.rejected),
        )
    else:
        log.info("stored no pledges from %s (%d rejected)", source, len(result.rejected))
    return result


def write_rows(
    connection: sqlite3.Connection,
    rows: list[dict[str, Any]],
    key: CouncilKey | None,
    *,
    actor: str,
    notice_version: str | None,
    rejected: int = 0,
) -> None:
    """Insert new pledges' `rows` (row_values of pledges that passed validation and the
    reference checks) in the caller's transaction, on its plain connection (see plain_sql):
    each with its consent record, its personal fields sealed to `key` (in place, in
    `rows`), and one audit entry for them all. The pledges table's trigger queues each for
    the council hub (the outbox)."""
    consent.record_given(connection, rows, notice_version=notice_version, actor=actor)
    sealing.seal_values(key, rows)
    _INSERT_PLEDGES.insert(connection, rows)
    # One entry per batch, by count: the ids are in the pledges themselves.
    source = rows[0]["source"]
    details = {"source": source, "added": len(rows), "rejected": rejected}
    audit.record_plain(connection, actor, "pledge.add", details)
    log.info("stored %d pledges from %s (%d rejected)", len(rows), source, rejected)


def get_pledge(session: Session, pledge_id: str) -> Pledge | None:
    row = session.get(PledgeRow, pledge_id)
    return None if row is None else Pledge.from_row(row)


def iter_pledges(
    session: Session, flt: PledgeFilter | None = None, *, open_sealed: bool = True
) -> Iterator[Pledge]:
    """Pledges oldest first, streamed in chunks so a large day never sits in memory at once
    (`open_sealed` as in Pledge.from_row)."""
    query = filtered_query(flt or PledgeFilter()).execution_options(yield_per=2000)
    for row in session.scalars(query):
        yield Pledge.from_row(row, open_sealed=open_sealed)


def count_pledges(session: Session, event_id: str | None = None) -> int:
    """Active (not withdrawn) pledges, for one event or all."""
    query = (
        select(func.count()).select_from(PledgeRow).where(PledgeRow.status == PledgeStatus.ACTIVE)
    )
    if event_id is not None:
        query = query.where(PledgeRow.event_id == event_id)
    return int(session.scalar(query) or 0)
