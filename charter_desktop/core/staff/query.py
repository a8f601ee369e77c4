"""The staff pledge table's queries: filter, search and sort in SQL, then count and fetch one
window of rows at a time, so 100,000 pledges never sit in memory at once; and the day's counts.

Search matches any part of the name, organisation or pledge in own words (SQLite's LIKE:
case-insensitive for A-Z; other letters match as typed). With a council key, names are sealed:
while it is unlocked the sealed name, email, phone and postcode are searched in memory too
(privacy.search_index); while locked only published names, organisations and own words are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    and_,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.pledges.records import Pledge, local_day_bounds
from charter_desktop.core.privacy import search_index
from charter_desktop.core.storage.models import EventRow, OutboxRow, PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import OutboxState, PledgeStatus

CONSENT_CHOICES = ("contact", "no_contact", "publish_name", "no_publish_name")
FEW_ROWS = 1_000
SORT_KEYS = ("created_at", "name", "organisation", "pledger_type", "status", "event")


@dataclass(frozen=True)
class StaffFilter:
    """What the staff table shows; None (or empty search) means no restriction."""

    search: str = ""
    event_id: str | None = None
    on_date: date | None = None
    pledger_type: str | None = None
    benefit_id: str | None = None  # pledges choosing any action under this benefit
    action_id: str | None = None
    consent: str | None = None  # one of CONSENT_CHOICES
    status: str | None = None  # active or withdrawn
    synced: bool | None = None  # True: the council's hub has this version; False: not yet


@dataclass(frozen=True)
class Sort:
    key: str = "created_at"
    descending: bool = True


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _holds_action(action_id: str) -> ColumnElement[bool]:
    # `actions` is stored as a JSON list of ids, so the quoted id marks exactly one action;
    # instr() finds it exactly (and faster than LIKE) in the index that covers the column.
    return func.instr(type_coerce(PledgeRow.actions, Text), f'"{action_id}"') > 0


def _search_conditions(search: str, session: Session | None = None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    words = search.split()
    # Sealed names and emails are searched in memory while the council key is unlocked.
    sealed = None if session is None or not words else search_index.matching_rowids(session, words)
    rowid: ColumnElement[int] = literal_column("pledges.rowid")
    for number, word in enumerate(words):
        pattern = f"%{_escape_like(word)}%"
        either = [
            PledgeRow.name.like(pattern, escape="\\"),
            PledgeRow.organisation.like(pattern, escape="\\"),
            PledgeRow.pledge_text.like(pattern, escape="\\"),
        ]
        if sealed is not None and sealed[number]:
            # One JSON parameter however many rows match (SQLite limits bound variables).
            ids: Any = select(literal_column("value")).select_from(
                func.json_each(json.dumps(sealed[number]))
            )
            either.append(rowid.in_(ids))
        where.append(or_(*either))
    return where


def _conditions(
    flt: StaffFilter, catalogue: Catalogue, session: Session | None = None
) -> list[ColumnElement[bool]]:
    where = _search_conditions(flt.search, session)
    if flt.event_id is not None:
        where.append(PledgeRow.event_id == flt.event_id)
    if flt.on_date is not None:
        start, end = local_day_bounds(flt.on_date)
        where.append(and_(PledgeRow.created_at >= start, PledgeRow.created_at < end))
    if flt.pledger_type is not None:
        where.append(PledgeRow.pledger_type == flt.pledger_type)
    if flt.action_id is not None:
        where.append(_holds_action(flt.action_id))
    if flt.benefit_id is not None:
        benefit = catalogue.benefit_by_id.get(flt.benefit_id)
        ids = [a.id for a in benefit.actions] if benefit else []
        where.append(or_(*[_holds_action(i) for i in ids]) if ids else PledgeRow.id.is_(None))
    if flt.consent == "contact":
        where.append(PledgeRow.consent_contact.is_(True))
    elif flt.consent == "no_contact":
        where.append(PledgeRow.consent_contact.is_(False))
    elif flt.consent == "publish_name":
        where.append(PledgeRow.consent_publish_name.is_(True))
    elif flt.consent == "no_publish_name":
        where.append(PledgeRow.consent_publish_name.is_(False))
    if flt.status is not None:
        where.append(PledgeRow.status == flt.status)
    if flt.synced is not None:
        # One look-up of the (few or many) sent ids, not one subquery per pledge.
        sent = select(OutboxRow.pledge_id).where(OutboxRow.state == OutboxState.SENT)
        where.append(PledgeRow.id.in_(sent) if flt.synced else PledgeRow.id.not_in(sent))
    return where


def _ordering(sort: Sort, few: bool = False) -> list[Any]:
    if sort.key not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort.key!r}")
    column: Any = {
        # When few rows match, finding them all and sorting them beats walking the time index
        # row by row; SQLite's unary + keeps that index out of the plan.
        "created_at": literal_column("+pledges.created_at") if few else PledgeRow.created_at,
        "name": PledgeRow.name,
        "organisation": func.coalesce(PledgeRow.organisation, ""),
        "pledger_type": PledgeRow.pledger_type,
        "status": PledgeRow.status,
        "event": PledgeRow.event_id,
    }[sort.key]
    direction = column.desc() if sort.descending else column.asc()
    tie = PledgeRow.id.desc() if sort.descending else PledgeRow.id.asc()
    return [direction, tie]


def count_matching(session: Session, catalogue: Catalogue, flt: StaffFilter) -> int:
    query = select(func.count()).select_from(PledgeRow).where(*_conditions(flt, catalogue, session))
    return int(session.scalar(query) or 0)


def window_query(
    catalogue: Catalogue,
    flt: StaffFilter,
    sort: Sort,
    matching: int | None = None,
    session: Session | None = None,
) -> Select[Any]:
    """The filtered, sorted query; `matching` (the count, when known) helps choose a plan.
    With `session`, the search also covers sealed fields while the council key is unlocked."""
    few = matching is not None and matching <= FEW_ROWS
    where = _conditions(flt, catalogue, session)
    return select(PledgeRow).where(*where).order_by(*_ordering(sort, few))


def fetch_window(
    session: Session,
    catalogue: Catalogue,
    flt: StaffFilter,
    sort: Sort,
    offset: int,
    limit: int,
    matching: int | None = None,
) -> list[Pledge]:
    """Rows `offset` to `offset + limit` of the filtered, sorted table."""
    query = window_query(catalogue, flt, sort, matching, session).offset(offset).limit(limit)
    return [Pledge.from_row(r) for r in session.scalars(query)]


def first_window(
    session: Session, catalogue: Catalogue, flt: StaffFilter, sort: Sort, limit: int
) -> tuple[list[Pledge], int]:
    """How many rows match and the first `limit` of them, in one read transaction.

    A search first collects the matching rows' ids from the index that covers the searched
    text; when that finds few, the rest of the work touches only those rows.
    """
    rowid: ColumnElement[int] = literal_column("pledges.rowid")
    if flt.search.split():
        found = session.scalars(
            select(rowid).where(*_search_conditions(flt.search, session)).limit(FEW_ROWS + 1)
        ).all()
        if len(found) <= FEW_ROWS:
            where = [rowid.in_(found), *_conditions(flt, catalogue, session)]
            total = int(
                session.scalar(select(func.count()).select_from(PledgeRow).where(*where)) or 0
            )
            query = select(PledgeRow).where(*where).order_by(*_ordering(sort, few=True))
            return [Pledge.from_row(r) for r in session.scalars(query.limit(limit))], total
    total = count_matching(session, catalogue, flt)
    if total == 0:
        return [], 0
    return fetch_window(session, catalogue, flt, sort, 0, limit, total), total


def filter_table(
    store: Store, flt: StaffFilter, sort: Sort, limit: int
) -> tuple[list[Pledge], int]:
    """Staff opened, searched, filtered or sorted the pledge table: its first rows and count."""
    with store.db.read() as session:
        return first_window(session, store.catalogue, flt, sort, limit)


def scroll_table(
    store: Store, flt: StaffFilter, sort: Sort, offset: int, limit: int, matching: int | None
) -> list[Pledge]:
    """Staff scrolled the pledge table to rows `offset` to `offset + limit` not fetched yet."""
    with store.db.read() as session:
        return fetch_window(session, store.catalogue, flt, sort, offset, limit, matching)


@dataclass(frozen=True)
class DayCounts:
    """What staff see at a glance: active pledges today, for the event, and by pledger type."""

    today: int
    event_total: int
    event_target: int
    event_name: str
    by_type: dict[str, int]
    withdrawn_today: int


def day_counts(session: Session, event_id: str, day: date) -> DayCounts:
    start, end = local_day_bounds(day)
    today = and_(PledgeRow.created_at >= start, PledgeRow.created_at < end)
    active = PledgeRow.status == PledgeStatus.ACTIVE
    by_type = {
        str(t): int(n)
        for t, n in session.execute(
            select(PledgeRow.pledger_type, func.count())
            .where(today, active)
            .group_by(PledgeRow.pledger_type)
        )
    }
    withdrawn = session.scalar(
        select(func.count())
        .select_from(PledgeRow)
        .where(today, PledgeRow.status == PledgeStatus.WITHDRAWN)
    )
    event_total = session.scalar(
        select(func.count()).select_from(PledgeRow).where(PledgeRow.event_id == event_id, active)
    )
    event = session.get(EventRow, event_id)
    return DayCounts(
        today=sum(by_type.values()),
        event_total=int(event_total or 0),
        event_target=event.target if event else 0,
        event_name=event.name if event else "",
        by_type=by_type,
        withdrawn_today=int(withdrawn or 0),
    )


def todays_counts(store: Store, day: date | None = None) -> DayCounts:
    """Staff looked at the day's counts (today by default, on this machine's calendar): the
    current event's pledges, and the day's by type. The one count of a day's pledges: the
    staff area's heading and its Today page both show it."""
    event = store.current_event()
    with store.db.read() as session:
        return day_counts(session, event.id, day or datetime.now().astimezone().date())
