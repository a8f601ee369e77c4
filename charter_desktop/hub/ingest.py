"""Merging checked pledges into the hub: upserted so a record sent twice is stored once (the
newest `updated_at` wins), each kept as the pledge of the kiosk that took it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.pledges.validation import PLEDGE_FIELDS, PledgeInput, record_of
from charter_desktop.core.postcodes import postcode_district
from charter_desktop.core.storage.db import Database
from charter_desktop.hub.batch_check import CheckedBatch, KioskPolicy, Sealed, check_batch
from charter_desktop.hub.devices import bind_device, enrolled_events
from charter_desktop.hub.events import DESCRIBED_BY_HUB
from charter_desktop.hub.models import BatchRow, DeviceRow, ErasureRow, HubEventRow, HubPledgeRow
from charter_desktop.hub.upsert import insert_for

UPSERT_CHUNK = 500
EVENT_FIELDS = ("name", "place", "event_date", "target", "described_by")
log = logging.getLogger(__name__)
LEGACY_ERASURE = ""  # an erasure recorded before erasures named their device: blocks every one
# What a newer version of a pledge replaces: every record field but its identity and birth.
_UPDATABLE = (
    *(f for f in PLEDGE_FIELDS if f not in ("id", "created_at", "device_id")),
    "source", "received_at", "received_from", "sealed", "postcode_district",
)  # fmt: skip


class IdempotencyConflict(Exception):
    """An Idempotency-Key already used for a different batch body (HTTP 422)."""


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


def _row(
    p: PledgeInput, sealed: Sealed | None, source: str, received_from: str, now: datetime
) -> dict[str, Any]:
    """The stored row of a pledge: as sent in clear, or with its personal fields only in the
    sealed envelope (email, phone and postcode NULL) and its postcode's district."""
    row = record_of(p) | {
        "measures": dict(p.measures) or None,
        "source": source,
        "received_at": now,
        "received_from": received_from,
        "sealed": None,
        "postcode_district": postcode_district(p.postcode),
    }
    if sealed is not None:
        row |= {"sealed": sealed.envelope, "postcode_district": sealed.postcode_district,
                "email": None, "phone": None, "postcode": None}  # fmt: skip
    return row


def _pledge_upsert(session: Session) -> Any:
    """Insert a pledge, or update this kiosk's copy if this one is newer; one statement,
    compiled once. A pledge is known by its kiosk and its id, so no kiosk's copy can take
    the place of another's; a sealed copy is replaced only by a newer sealed one, never by
    one in clear."""
    table = HubPledgeRow.__table__
    stmt = insert_for(session, table)
    return stmt.on_conflict_do_update(
        index_elements=["id", "device_id"],
        set_={name: stmt.excluded[name] for name in _UPDATABLE},
        where=and_(
            stmt.excluded.updated_at > table.c.updated_at,
            or_(table.c.sealed.is_(None), stmt.excluded.sealed.is_not(None)),
        ),
    ).returning(table.c.id)


def merge_events(session: Session, events: Sequence[dict[str, Any]], device_id: str) -> None:
    """Store checked event descriptions; an event already described by another kiosk (or
    made at the hub) keeps its description."""
    for values in events:
        stmt = insert_for(session, HubEventRow).values(**values, described_by=device_id)
        table = HubEventRow.__table__
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={k: stmt.excluded[k] for k in EVENT_FIELDS},
            where=or_(table.c.described_by == device_id, table.c.described_by.is_(None)),
        )
        session.execute(stmt)


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), UPSERT_CHUNK):
        yield list(items[start : start + UPSERT_CHUNK])


def shared_ids(session: Session, device_id: str, ids: Sequence[str]) -> set[str]:
    """Those of `ids` the hub also holds from another kiosk: a copied id, worth the council's
    look (each kiosk's copy is kept apart, so neither replaces the other)."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        query = select(HubPledgeRow.id).where(
            HubPledgeRow.id.in_(chunk), HubPledgeRow.device_id != device_id
        )
        found.update(session.scalars(query))
    return found


def _erase(session: Session, ids: list[str], device_id: str, received_from: str) -> int:
    now, gone = utc_now(), 0
    for chunk in _chunks(ids):
        rows = [{"pledge_id": i, "device_id": device_id, "erased_at": now,
                 "received_from": received_from} for i in chunk]  # fmt: skip
        stmt = insert_for(session, ErasureRow).values(rows)
        session.execute(stmt.on_conflict_do_nothing(index_elements=["pledge_id", "device_id"]))
        deleted = session.execute(
            delete(HubPledgeRow).where(
                HubPledgeRow.id.in_(chunk), HubPledgeRow.device_id == device_id
            )
        )
        gone += int(deleted.rowcount)  # type: ignore[attr-defined]
    return gone


def merge_checked(
    session: Session, checked: CheckedBatch, *, source: str, received_from: str
) -> MergeResult:
    """Erase and upsert a checked batch's records in the caller's transaction, all of them
    the kiosk `checked.device_id`'s own (the caller made sure of that)."""
    result = MergeResult(accepted=list(checked.accepted), rejected=list(checked.rejected))
    device_id, now = checked.device_id, utc_now()
    result.erased = _erase(session, checked.erased, device_id, received_from)
    result.accepted.extend(checked.erased)
    ids = list(checked.pledges)
    for chunk in _chunks(ids):
        tombstones = set(
            session.scalars(
                select(ErasureRow.pledge_id).where(
                    ErasureRow.pledge_id.in_(chunk),
                    ErasureRow.device_id.in_((device_id, LEGACY_ERASURE)),
                )
            )
        )
        values = [
            _row(checked.pledges[i], checked.sealed.get(i), source, received_from, now)
            for i in chunk
            if i not in tombstones
        ]
        if not values:
            continue
        # RETURNING lists the rows inserted or updated (rowcount is not reliable on every driver).
        returned = session.connection().execute(_pledge_upsert(session), values)
        result.changed += len(returned.all())
    return result


def kiosk_policy(db: Database, device_pk: int) -> KioskPolicy:
    """What device `device_pk`'s kiosk may send (batch_check.KioskPolicy)."""
    with db.read() as session:
        device = session.get(DeviceRow, device_pk)
        hub_events = frozenset(
            session.scalars(
                select(HubEventRow.id).where(HubEventRow.described_by == DESCRIBED_BY_HUB)
            )
        )
        if device is None:
            return KioskPolicy(hub_events=hub_events)
        return KioskPolicy(device.pack_id is not None, hub_events, enrolled_events(device))


def ingest_batch(
    db: Database,
    catalogue: Catalogue,
    device_pk: int,
    key: str,
    data: dict[str, Any],
    digest: str,
) -> dict[str, Any]:
    """Take one sync batch exactly once: a key seen before with the same body gets the answer
    it got then; with another body, IdempotencyConflict. The batch is checked whole before
    the transaction starts (BadBatch), and refused whole if it speaks for another kiosk
    (devices.Forbidden); either way nothing of it is stored."""
    now = utc_now()
    checked = check_batch(data, catalogue, now, kiosk_policy(db, device_pk))
    for attempt in range(2):
        try:
            with db.write() as session:
                prior = session.get(BatchRow, (device_pk, key))
                if prior is not None:
                    if prior.body_sha256 not in (None, digest):
                        raise IdempotencyConflict(
                            "Idempotency-Key: already used for a different batch; a changed "
                            "batch needs a new key"
                        )
                    return {**prior.response, "replayed": True, "hub_time": _stamp()}
                device = session.get(DeviceRow, device_pk)
                assert device is not None
                bind_device(session, device, checked.device_id, checked.public_key, checked.proof)
                shared = shared_ids(session, checked.device_id, list(checked.pledges))
                if shared:
                    log.warning(
                        "device %s sent %d pledge id(s) the hub also holds from another kiosk, "
                        "kept apart: %s", device.name, len(shared), ", ".join(sorted(shared)[:5]),
                    )  # fmt: skip
                merge_events(session, checked.events, checked.device_id)
                received_from = f"sync:{device.name}"[:140]
                result = merge_checked(session, checked, source="sync", received_from=received_from)
                response = {"batch": key, **result.response(), "replayed": False}
                session.add(
                    BatchRow(
                        device=device_pk,
                        key=key,
                        received_at=now,
                        response=response,
                        body_sha256=digest,
                    )
                )
                session.flush()
            return {**response, "hub_time": _stamp()}
        except IntegrityError:
            # The same batch was committed by a concurrent request: answer as a replay.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _stamp() -> str:
    return format_timestamp(utc_now())
