"""The retention policy: a pledge's personal data leaves the kiosk a set number of days after
the council's hub acknowledged it.

The hub keeps its full copy, so the pledge itself stays here (it still counts, and its
charter actions stay), but its name, organisation, contact details, postcode and own words
are removed the same way as an erasure (secure_delete, then a checkpoint of the write-ahead
log), audited with the actor `retention`. Only pledges whose latest version the hub has
acknowledged are touched: anything queued, failed or changed since it was sent is left
alone, and the removal itself is not sent (it would wipe the council's copy).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from charter_desktop.core.pledges import consent
from charter_desktop.core.pledges.edit import clear_personal_fields, purge_freed_space
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import OutboxRow, PledgeRow
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store
from charter_desktop.core.terms import OutboxState

RETENTION_DAYS = "retention_days"
RETENTION_LAST_RUN = "retention_last_run"
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 36_500
RETAINED_NAME = "(removed after the retention period)"
ACTOR = "retention"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionStatus:
    """What the staff Privacy page and `privacy retention` show."""

    days: int | None  # None: personal data is kept until staff erase it
    due: int
    last_run_at: str | None
    last_run_removed: int | None


@dataclass(frozen=True)
class RetentionRun:
    days: int | None
    removed: int


def retention_days(session: Session) -> int | None:
    """The saved setting (the default when never set); None means keep."""
    value = get_setting(session, RETENTION_DAYS, DEFAULT_RETENTION_DAYS)
    return value if isinstance(value, int) and value > 0 else None


def set_retention_days(session: Session, days: int | None, actor: str) -> None:
    """Save the setting: a number of days from 1 to 36,500, or 0/None to keep."""
    if days is not None and not 0 <= days <= MAX_RETENTION_DAYS:
        raise ValueError(f"retention must be 0 (keep) to {MAX_RETENTION_DAYS} days, not {days}")
    set_setting(session, RETENTION_DAYS, days or 0)
    audit.record(session, actor, "settings.retention", details={"days": days or 0})


def update_retention_days(store: Store, days: int | None, actor: str = "staff") -> None:
    """Staff changed how many days personal data stays after the hub has it (0/None: keep)."""
    with store.db.write() as session:
        set_retention_days(session, days, actor)


def _due_query(days: int, now: datetime) -> Any:
    cutoff = now - timedelta(days=days)
    return (
        select(PledgeRow)
        .join(OutboxRow, OutboxRow.pledge_id == PledgeRow.id)
        .where(
            OutboxRow.state == OutboxState.SENT,
            OutboxRow.sent_version == OutboxRow.version,
            OutboxRow.sent_at <= cutoff,
            PledgeRow.erased_at.is_(None),
            PledgeRow.retained_at.is_(None),
        )
        .order_by(PledgeRow.id)
    )


def count_due(session: Session, days: int | None, now: datetime) -> int:
    if days is None:
        return 0
    query = select(func.count()).select_from(_due_query(days, now).subquery())
    return int(session.scalar(query) or 0)


def retention_status(store: Store, now: datetime) -> RetentionStatus:
    with store.db.read() as session:
        days = retention_days(session)
        last = get_setting(session, RETENTION_LAST_RUN) or {}
        return RetentionStatus(
            days, count_due(session, days, now), last.get("at"), last.get("removed")
        )


def remove_due(session: Session, days: int, now: datetime) -> int:
    """Remove the personal fields of every due pledge in the caller's transaction."""
    ids: list[str] = []
    for row in session.scalars(_due_query(days, now)).all():
        cleared = clear_personal_fields(session, row, RETAINED_NAME)
        row.retained_at = now
        consent.record_change(session, row, "expired", ACTOR)
        audit.record(session, ACTOR, "pledge.retention", row.id, {"fields": cleared})
        ids.append(row.id)
    session.flush()
    # The outbox triggers queued the change; the hub already has the full pledge and must
    # not receive this local removal, so the rows go back to "sent" at their new version.
    for start in range(0, len(ids), 500):
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.pledge_id.in_(ids[start : start + 500]))
            .values(state=OutboxState.SENT, sent_version=OutboxRow.version, last_error=None)
        )
    return len(ids)


def apply_retention(store: Store, now: datetime, days: int | None = None) -> RetentionRun:
    """Apply the retention policy at `now` (with `days`, or the saved setting), then purge
    the freed space and write-ahead log. Returns how many pledges were cleared."""
    with store.db.write() as session:
        if days is None:
            days = retention_days(session)
        removed = remove_due(session, days, now) if days else 0
        set_setting(
            session,
            RETENTION_LAST_RUN,
            {"at": now.isoformat(timespec="seconds"), "removed": removed},
        )
    if removed:
        purge_freed_space(store.db.engine)
        log.info("retention removed the personal data of %d pledges", removed)
    return RetentionRun(days, removed)
