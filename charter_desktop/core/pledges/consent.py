"""Consent records: what each attendee agreed to, under which privacy notice, and when.

A record is added in the same transaction as the pledge it belongs to (`record_given`), and
another for every later change (`record_change`, e.g. staff withdrawing a consent, see
pledge_edit.withdraw_consent); records are never changed or removed, so the history of a
pledge's consent stays readable.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.models import ConsentRecordRow, PledgeRow
from charter_desktop.core.storage.plain_sql import PlainStatement

if TYPE_CHECKING:  # core.store imports this module (through pledges and pledge_edit)
    from charter_desktop.core.store import Store

CONSENTS = ("contact", "publish_name")
_INSERT_GIVEN = PlainStatement(
    insert(ConsentRecordRow),
    [
        *("pledge_id", "at", "kind", "notice_version"),
        *("consent_contact", "consent_publish_name", "source", "actor"),
    ],
)


@dataclass(frozen=True)
class ConsentRecord:
    at: datetime
    kind: str
    notice_version: str | None
    consent_contact: bool
    consent_publish_name: bool
    source: str
    actor: str


def record_given(
    connection: sqlite3.Connection,
    rows: Iterable[Mapping[str, Any]],
    *,
    notice_version: str | None,
    actor: str,
) -> None:
    """One `given` record per newly stored pledge (its row values), in the caller's
    transaction, on its plain connection (see plain_sql). `notice_version` is the privacy
    notice the attendee was shown (None when the pledge did not come through the kiosk, e.g.
    a paper card or an import)."""
    records = [
        {
            "pledge_id": r["id"],
            "at": r["created_at"],
            "kind": "given",
            "notice_version": notice_version,
            "consent_contact": bool(r["consent_contact"]),
            "consent_publish_name": bool(r["consent_publish_name"]),
            "source": r["source"],
            "actor": actor,
        }
        for r in rows
    ]
    if records:
        _INSERT_GIVEN.insert(connection, records)


def record_change(session: Session, row: PledgeRow, kind: str, actor: str) -> None:
    """Append a record of the pledge's consents as they are now (kind `changed` for a staff
    correction, `withdrawn` for a withdrawal)."""
    session.add(
        ConsentRecordRow(
            pledge_id=row.id,
            at=utc_now(),
            kind=kind,
            notice_version=None,
            consent_contact=bool(row.consent_contact),
            consent_publish_name=bool(row.consent_publish_name),
            source="staff",
            actor=actor,
        )
    )


def history(session: Session, pledge_id: str) -> list[ConsentRecord]:
    """Every consent record of the pledge, oldest first."""
    query = (
        select(ConsentRecordRow)
        .where(ConsentRecordRow.pledge_id == pledge_id)
        .order_by(ConsentRecordRow.id)
    )
    return [
        ConsentRecord(
            r.at,
            r.kind,
            r.notice_version,
            r.consent_contact,
            r.consent_publish_name,
            r.source,
            r.actor,
        )
        for r in session.scalars(query)
    ]


def consent_history(store: Store, pledge_id: str) -> list[ConsentRecord]:
    """Staff opened a pledge: what its attendee agreed to, and every change since."""
    with store.db.read() as session:
        return history(session, pledge_id)
