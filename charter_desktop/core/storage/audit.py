"""The audit log of staff and system actions. It records what changed, never personal data."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.models import AuditRow
from charter_desktop.core.storage.plain_sql import PlainStatement

_INSERT = PlainStatement(insert(AuditRow), ["at", "actor", "action", "pledge_id", "details"])


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
) -> None:
    """Add an entry in the caller's transaction, so the log and the change commit together."""
    session.add(AuditRow(**_entry(actor, action, pledge_id, details)))


def record_plain(
    connection: sqlite3.Connection, actor: str, action: str, details: dict[str, Any]
) -> None:
    """record() for a transaction on the plain connection (see plain_sql): saving a pledge."""
    _INSERT.insert(connection, [_entry(actor, action, None, details)])


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
