"""Reading and settling the sync outbox: what is queued, what the hub took, what it refused."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.orm import Session

from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.storage.models import OutboxRow, PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import OutboxState


@dataclass(frozen=True)
class OutboxItem:
    """One queued pledge at one version: its current state, or None once erased (deleted, or
    its personal fields removed on request), which the hub takes as an erasure."""

    pledge_id: str
    version: int
    pledge: Pledge | None
    device_id: str | None = None  # the kiosk that took it, while its row is kept


@dataclass(frozen=True)
class OutboxCounts:
    queued: int = 0
    sent: int = 0
    failed: int = 0


def pending_items(
    session: Session, limit: int, *, after: str = "", include_failed: bool = False
) -> list[OutboxItem]:
    """Up to `limit` queued items with pledge ids after `after`, in id order."""
    states = (OutboxState.PENDING, OutboxState.FAILED) if include_failed else (OutboxState.PENDING,)
    found: list[tuple[OutboxRow, PledgeRow | None]] = []
    for state in states:  # one in-order walk of the (state, pledge_id) index per state
        query = (
            select(OutboxRow, PledgeRow)
            .outerjoin(PledgeRow, PledgeRow.id == OutboxRow.pledge_id)
            .where(OutboxRow.state == state, OutboxRow.pledge_id > after)
            .order_by(OutboxRow.pledge_id)
            .limit(limit)
        )
        found.extend((box, row) for box, row in session.execute(query))
    found.sort(key=lambda pair: pair[0].pledge_id)
    return [
        OutboxItem(
            box.pledge_id,
            box.version,
            None
            if row is None or box.erased or row.erased_at is not None
            else Pledge.from_row(row),
            None if row is None else row.device_id,
        )
        for box, row in found[:limit]
    ]


def mark_sent(session: Session, items: Iterable[OutboxItem], now: datetime) -> int:
    """Mark each item sent, unless its pledge changed since (its version moved on)."""
    marked = 0
    pairs = [(i.pledge_id, i.version) for i in items]
    for start in range(0, len(pairs), 400):
        chunk = pairs[start : start + 400]
        result = session.execute(
            update(OutboxRow)
            # The plain id list lets SQLite find the rows by key; the pairs alone would make
            # it scan the whole outbox once per chunk.
            .where(
                OutboxRow.pledge_id.in_([pledge_id for pledge_id, _ in chunk]),
                tuple_(OutboxRow.pledge_id, OutboxRow.version).in_(chunk),
            )
            .values(
                state=OutboxState.SENT, sent_at=now, sent_version=OutboxRow.version, last_error=None
            )
            .execution_options(synchronize_session=False)
        )
        marked += int(result.rowcount)  # type: ignore[attr-defined]
    return marked


def mark_failed(session: Session, failures: dict[str, str], versions: dict[str, int]) -> None:
    """Mark the refused items failed with the hub's reason (field names and rules only)."""
    for pledge_id, reason in failures.items():
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.pledge_id == pledge_id, OutboxRow.version == versions[pledge_id])
            .values(
                state=OutboxState.FAILED, last_error=reason[:1000], attempts=OutboxRow.attempts + 1
            )
        )


def requeue_failed(session: Session) -> int:
    """Put every failed item back in the queue (after the council fixed what it refused)."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.state == OutboxState.FAILED)
        .values(state=OutboxState.PENDING)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def resend_refused(store: Store) -> int:
    """Staff asked for the pledges the hub refused to be sent again; returns how many."""
    with store.db.write() as session:
        return requeue_failed(session)


def counts(session: Session) -> OutboxCounts:
    query = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
    rows = {state: n for state, n in session.execute(query)}
    return OutboxCounts(
        queued=int(rows.get(OutboxState.PENDING, 0)),
        sent=int(rows.get(OutboxState.SENT, 0)),
        failed=int(rows.get(OutboxState.FAILED, 0)),
    )


def failures(session: Session, limit: int = 20) -> list[tuple[str, str]]:
    """The refused pledges' ids and the hub's reasons, for the staff area."""
    query = (
        select(OutboxRow.pledge_id, OutboxRow.last_error)
        .where(OutboxRow.state == OutboxState.FAILED)
        .order_by(OutboxRow.pledge_id)
        .limit(limit)
    )
    return [(pid, err or "") for pid, err in session.execute(query)]
