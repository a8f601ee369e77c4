"""The rows every export writes: pledges in the interchange shape, read as plain tuples (no
ORM objects, so 100,000 rows stream quickly), with the consent rule applied.

Consent rule: email and phone are left out (empty) for anyone who did not consent to be
contacted, unless the export is made with `include_contact` for the council's own records.
Postcodes stay: they are the attendee's optional answer to "where are you from", used for
place-based reporting, and are not contact details on their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, Text, select, type_coerce
from sqlalchemy.orm import Session

from charter_desktop.core.clock import format_timestamp
from charter_desktop.core.pledges.records import Pledge, PledgeFilter, filtered_query
from charter_desktop.core.pledges.validation import PLEDGE_FIELDS
from charter_desktop.core.privacy import envelope, keyring
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.storage.models import PledgeRow

# Index of each field in a row tuple, in PLEDGE_FIELDS order.
EMAIL, PHONE, CONSENT_CONTACT = (
    PLEDGE_FIELDS.index(f) for f in ("email", "phone", "consent_contact")
)
_ID = PLEDGE_FIELDS.index("id")
_PERSONAL = [(PLEDGE_FIELDS.index(f), f) for f in envelope.FIELDS]
_SQLITE_TIME_LENGTH = len("2026-05-14 10:30:00.000000")


def _iso(stored: str) -> str:
    """SQLite's stored UTC text as format_timestamp writes it (`...T10:30:00.5Z`)."""
    if len(stored) == _SQLITE_TIME_LENGTH and stored[10] == " ":
        head, fraction = stored[:19], stored[20:]
        return f"{head[:10]}T{head[11:]}{'' if fraction == '000000' else '.' + fraction}Z"
    return format_timestamp(datetime.fromisoformat(stored).replace(tzinfo=UTC))


def _columns() -> list[Any]:
    columns: list[Any] = []
    for name in PLEDGE_FIELDS:
        column = getattr(PledgeRow, name)
        if name in ("created_at", "updated_at"):
            column = type_coerce(column, String)
        elif name in ("actions", "measures"):
            column = type_coerce(column, Text)
        columns.append(column)
    return columns


def iter_rows(
    session: Session, flt: PledgeFilter, *, include_contact: bool = False
) -> Iterator[tuple[Any, ...]]:
    """Each pledge as a tuple in PLEDGE_FIELDS order, valued as in Pledge.to_json, oldest
    first; contact fields follow the consent rule above."""
    order = filtered_query(flt).whereclause
    query = select(*_columns(), PledgeRow.sealed).order_by(PledgeRow.created_at, PledgeRow.id)
    if order is not None:
        query = query.where(order)
    created, updated, actions, measures = (
        PLEDGE_FIELDS.index(f) for f in ("created_at", "updated_at", "actions", "measures")
    )
    # Core execution on the session's connection (same transaction): plain rows, without the
    # ORM's per-row loading, which was half the time of a large export.
    result = session.connection().execute(query.execution_options(yield_per=5000))
    for raw in result:
        row = list(raw)
        sealed = row.pop()
        if sealed is not None:
            _open_into(row, sealed)
        row[created] = _iso(row[created])
        row[updated] = _iso(row[updated])
        row[actions] = json.loads(row[actions])
        # Stored as JSON text; a pledge without measures may hold SQL NULL or JSON null.
        row[measures] = (json.loads(row[measures]) if row[measures] else None) or {}
        if not include_contact and not row[CONSENT_CONTACT]:
            row[EMAIL] = row[PHONE] = None
        yield tuple(row)


def _open_into(row: list[Any], sealed: bytes) -> None:
    """Put a sealed pledge's personal fields in their places in `row` (needs the key)."""
    opener = keyring.opener_for(envelope.header(sealed)[0])
    if opener is None:
        raise PersonalDataLocked("an export")
    opened = opener.open(row[_ID], sealed)
    for index, name in _PERSONAL:
        row[index] = opened.get(name, row[index] if name == "name" else None)


def with_consent(pledge: Pledge, *, include_contact: bool) -> dict[str, Any]:
    """The pledge's JSON with the consent rule applied."""
    if pledge.locked:
        raise PersonalDataLocked("an export")
    data = pledge.to_json()
    if not include_contact and not pledge.consent_contact:
        data["email"] = data["phone"] = None
    return data


def json_row(data: dict[str, Any]) -> tuple[Any, ...]:
    """A pledge's JSON as a row tuple in PLEDGE_FIELDS order (what write_csv/xlsx take)."""
    return tuple(
        data.get("measures") or {} if name == "measures" else data[name] for name in PLEDGE_FIELDS
    )
