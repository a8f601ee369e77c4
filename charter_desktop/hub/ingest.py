"""Merging pledges into the hub: every record checked by core validation, upserted so a record
sent twice, or by two kiosks at once, is stored once (the newest `updated_at` wins)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import utc_now
from charter_desktop.core.db import Database
from charter_desktop.core.events import EVENT_NAME_MAX
from charter_desktop.core.text import TextError, clean_line
from charter_desktop.core.validation import PledgeInput, ValidationError, validate_pledge
from charter_desktop.hub.devices import DeviceError, register_key
from charter_desktop.hub.models import BatchRow, ErasureRow, HubEventRow, HubPledgeRow
from charter_desktop.hub.upsert import insert_for

REQUIRED_FOR_SYNC = ("id", "created_at", "updated_at", "event_id", "device_id")
UPSERT_CHUNK = 500
_UPDATABLE = (
    "updated_at", "event_id", "device_id", "pledger_type", "name", "organisation", "email",
    "phone", "postcode", "actions", "pledge_text", "consent_contact", "consent_publish_name",
    "status", "source", "received_at", "received_from", "measures",
)  # fmt: skip


@dataclass
class MergeResult:
    accepted: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    changed: int = 0
    erased: int = 0

    def response(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "rejected": self.rejected,
            "changed": self.changed,
            "erased": self.erased,
        }


def _is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _rejection(record_id: Any, item: int, errors: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "id": record_id if isinstance(record_id, str) else None,
        "item": item,
        "errors": [{"field": f, "message": m} for f, m in errors],
    }


def _row(p: PledgeInput, source: str, received_from: str, now: datetime) -> dict[str, Any]:
    return {
        "id": p.id,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "event_id": p.event_id,
        "device_id": p.device_id,
        "pledger_type": p.pledger_type,
        "name": p.name,
        "organisation": p.organisation,
        "email": p.email,
        "phone": p.phone,
        "postcode": p.postcode,
        "actions": list(p.actions),
        "pledge_text": p.pledge_text,
        "consent_contact": p.consent_contact,
        "consent_publish_name": p.consent_publish_name,
        "status": p.status,
        "source": source,
        "received_at": now,
        "received_from": received_from,
        "measures": dict(p.measures) or None,
    }


def _pledge_upsert(session: Session) -> Any:
    """Insert a pledge, or update it if this copy is newer; one statement, compiled once."""
    table = HubPledgeRow.__table__
    stmt = insert_for(session, table)
    return stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={name: stmt.excluded[name] for name in _UPDATABLE},
        where=stmt.excluded.updated_at > table.c.updated_at,
    ).returning(table.c.id)


def merge_events(session: Session, items: Sequence[Any]) -> None:
    """Store the events the kiosks describe; a malformed description is skipped."""
    for item in items:
        if not isinstance(item, dict) or not _is_uuid(item.get("id")):
            continue
        try:
            values = {
                "id": item["id"],
                "name": clean_line(str(item.get("name", "")), EVENT_NAME_MAX) or "(unnamed)",
                "place": clean_line(str(item.get("place") or ""), EVENT_NAME_MAX),
                "event_date": date.fromisoformat(str(item.get("date"))),
                "target": int(item.get("target", 100)),
            }
        except (TextError, ValueError, TypeError):
            continue
        stmt = insert_for(session, HubEventRow).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={k: stmt.excluded[k] for k in ("name", "place", "event_date", "target")},
        )
        session.execute(stmt)


def merge_pledges(
    session: Session,
    catalogue: Catalogue,
    records: Sequence[Any],
    erased_ids: Sequence[Any] = (),
    *,
    source: str,
    received_from: str,
) -> MergeResult:
    """Validate and upsert `records`, and erase `erased_ids`, in the caller's transaction."""
    result = MergeResult()
    now = utc_now()
    rows: dict[str, dict[str, Any]] = {}
    for index, record in enumerate(records, start=1):
        record_id = record.get("id") if isinstance(record, dict) else None
        try:
            p = validate_pledge(record, catalogue, item=index)
        except ValidationError as exc:
            errors = [(e.field, e.message) for e in exc.errors]
            result.rejected.append(_rejection(record_id, index, errors))
            continue
        missing = [name for name in REQUIRED_FOR_SYNC if getattr(p, name) is None]
        if missing:
            errors = [(name, "is required for a synced pledge") for name in missing]
            result.rejected.append(_rejection(record_id, index, errors))
            continue
        row = _row(p, source, received_from, now)
        earlier = rows.get(row["id"])
        if earlier is None or row["updated_at"] >= earlier["updated_at"]:
            rows[row["id"]] = row
        result.accepted.append(row["id"])

    erased = []
    for index, pledge_id in enumerate(erased_ids, start=1):
        if _is_uuid(pledge_id):
            erased.append(pledge_id)
        else:
            result.rejected.append(_rejection(pledge_id, index, [("erased", "must be a UUID")]))
    for start in range(0, len(erased), UPSERT_CHUNK):
        chunk = erased[start : start + UPSERT_CHUNK]
        stmt = insert_for(session, ErasureRow).values(
            [{"pledge_id": i, "erased_at": now, "received_from": received_from} for i in chunk]
        )
        session.execute(stmt.on_conflict_do_nothing(index_elements=["pledge_id"]))
        gone = session.execute(delete(HubPledgeRow).where(HubPledgeRow.id.in_(chunk)))
        result.erased += int(gone.rowcount)  # type: ignore[attr-defined]
    result.accepted.extend(erased)

    ids = list(rows)
    for start in range(0, len(ids), UPSERT_CHUNK):
        chunk = ids[start : start + UPSERT_CHUNK]
        tombstones = set(
            session.scalars(select(ErasureRow.pledge_id).where(ErasureRow.pledge_id.in_(chunk)))
        )
        values = [rows[i] for i in chunk if i not in tombstones]
        if not values:
            continue
        # RETURNING lists the rows inserted or updated (rowcount is not reliable on every driver).
        returned = session.connection().execute(_pledge_upsert(session), values)
        result.changed += len(returned.all())
    return result


class BatchConflict(Exception):
    """The batch cannot be taken as sent (its device key clashes); the message says why."""


def ingest_batch(
    db: Database,
    catalogue: Catalogue,
    device_pk: int,
    device_name: str,
    key: str,
    body: dict[str, Any],
) -> dict[str, Any]:
    """Take one sync batch exactly once: a key seen before gets the answer it got then."""
    for attempt in range(2):
        try:
            with db.write() as session:
                prior = session.get(BatchRow, (device_pk, key))
                if prior is not None:
                    return {**prior.response, "replayed": True}
                received_from = f"sync:{device_name}"
                if not _is_uuid(body.get("device_id")):
                    raise DeviceError("device_id: must be the kiosk's device id (a UUID)")
                if body.get("public_key"):
                    register_key(session, body["device_id"], body["public_key"], received_from)
                merge_events(session, body.get("events") or [])
                result = merge_pledges(
                    session,
                    catalogue,
                    body.get("pledges") or [],
                    body.get("erased") or [],
                    source="sync",
                    received_from=received_from,
                )
                response = {"batch": key, **result.response(), "replayed": False}
                session.add(
                    BatchRow(device=device_pk, key=key, received_at=utc_now(), response=response)
                )
                session.flush()
            return response
        except IntegrityError:
            # The same batch was committed by a concurrent request: answer as a replay.
            if attempt:
                raise
    raise AssertionError("unreachable")
