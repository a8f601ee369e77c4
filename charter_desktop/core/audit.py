"""The audit log of staff and system actions. It records what changed, never personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.models import AuditRow

_INSERT = insert(AuditRow)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    pledge_id: str | None
    details: dict[str, Any]


def record(
    session: Session,
    actor: str,
    action: str,
    pledge_id: str | None = None,
    details: dict[str, Any] | None = None,
    *,
    at_once: bool = False,
) -> None:
    """Add an entry in the caller's transaction, so the log and the change commit together.

    With `at_once` the entry is inserted now (after whatever the caller added before it)
    rather than by the session's next flush: saving a pledge writes it this way, as the
    flush's bookkeeping costs more than the insert itself."""
    entry = _entry(actor, action, pledge_id, details)
    if not at_once:
        session.add(AuditRow(**entry))
        return
    session.flush()
    session.connection().execute(_INSERT, entry)


def _entry(
    actor: str, action: str, pledge_id: str | None, details: dict[str, Any] | None
) -> dict[str, Any]:
    return {
        "at": utc_now(),
        "actor": actor,
        "action": action,
        "pledge_id": pledge_id,
        "details": details or {},
    }


def entries(session: Session, pledge_id: str | None = None) -> list[AuditEntry]:
    query = select(AuditRow).order_by(AuditRow.id)
    if pledge_id is not None:
        query = query.where(AuditRow.pledge_id == pledge_id)
    return [
        AuditEntry(r.at, r.actor, r.action, r.pledge_id, dict(r.details))
        for r in session.scalars(query)
    ]
