"""What the pledge wall may show, read straight from the database so that pledges saved by
another process (a second kiosk window, the command line) appear too.

The wall shows a pledge's actions and own words, and the pledger's name only if they agreed
to it being shown (consent_publish_name). It never reads organisation, email, phone or
postcode. Withdrawn and erased pledges are never shown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from charter_desktop.core import events as event_store
from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.events import Event
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import PledgeStatus

FIRST_SHOWN = 6


@dataclass(frozen=True)
class WallCursor:
    """The newest pledge the wall has seen; later pledges come after it."""

    created_at: datetime
    id: str


@dataclass(frozen=True)
class WallPledge:
    id: str
    created_at: datetime
    actions: tuple[str, ...]  # the actions' labels, in the charter's words
    own_words: str | None
    name: str | None  # only when the pledger agreed to their name being shown


@dataclass(frozen=True)
class WallUpdate:
    event: Event
    count: int
    new: tuple[WallPledge, ...]
    cursor: WallCursor | None


_COLUMNS = (
    PledgeRow.id,
    PledgeRow.created_at,
    PledgeRow.actions,
    PledgeRow.pledge_text,
    PledgeRow.name,
    PledgeRow.consent_publish_name,
)
_SHOWN = (PledgeRow.status == PledgeStatus.ACTIVE, PledgeRow.erased_at.is_(None))
log = logging.getLogger(__name__)


def _wall_pledge(row: tuple[object, ...], catalogue: Catalogue) -> WallPledge:
    pledge_id, created_at, actions, text, name, publish = row
    labels = tuple(catalogue.actions[a].label for a in actions or () if a in catalogue.actions)  # type: ignore[attr-defined]
    return WallPledge(
        id=str(pledge_id),
        created_at=created_at,  # type: ignore[arg-type]
        actions=labels,
        own_words=text if isinstance(text, str) else None,
        name=str(name) if publish and name else None,
    )


def wall_update(
    store: Store, cursor: WallCursor | None, *, limit: int = 50, event_id: str | None = None
) -> WallUpdate:
    """The current event's count and its pledges after `cursor` (the latest few when None)."""
    with store.db.read() as session:
        event = _event(session, store, event_id)
        query = select(*_COLUMNS).where(*_SHOWN, PledgeRow.event_id == event.id)
        if cursor is None:
            order = (PledgeRow.created_at.desc(), PledgeRow.id.desc())
            rows = list(session.execute(query.order_by(*order).limit(FIRST_SHOWN)))[::-1]
        else:
            after = tuple_(PledgeRow.created_at, PledgeRow.id) > (cursor.created_at, cursor.id)
            query = query.where(after).order_by(PledgeRow.created_at, PledgeRow.id)
            rows = list(session.execute(query.limit(limit)))
        count = session.scalar(
            select(func.count())
            .select_from(PledgeRow)
            .where(*_SHOWN, PledgeRow.event_id == event.id)
        )
    new = tuple(_wall_pledge(tuple(r), store.catalogue) for r in rows)
    if new:
        cursor = WallCursor(new[-1].created_at, new[-1].id)
    return WallUpdate(event, int(count or 0), new, cursor)


def still_shown(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of `ids` the wall may still show (not withdrawn or erased since)."""
    if not ids:
        return set()
    with store.db.read() as session:
        query = select(PledgeRow.id).where(PledgeRow.id.in_(list(ids)), *_SHOWN)
        return set(session.scalars(query))


def _event(session: Session, store: Store, event_id: str | None) -> Event:
    if event_id is not None:
        found = event_store.get_event(session, event_id)
        if found is not None:
            return found
    current = event_store.current_event(session)
    return current if current is not None else store.current_event()


@dataclass(frozen=True)
class WallPoll:
    """One poll of the wall: what to add, which shown cards may stay, and whether staff
    switched the kiosk to another event (then every card shown goes)."""

    update: WallUpdate
    keep: set[str]
    restarted: bool


def poll_wall(
    store: Store, cursor: WallCursor | None, event_id: str | None, shown: Sequence[str]
) -> WallPoll | None:
    """The wall's once-a-second poll: pledges saved after `cursor`, and which of the `shown`
    ones were withdrawn or erased since; when the current event is no longer `event_id`, the
    new event's latest. None when the database was busy: the wall tries again next time."""
    try:
        update = wall_update(store, cursor)
        restarted = event_id is not None and update.event.id != event_id
        if restarted:
            update = wall_update(store, None)
        keep = still_shown(store, shown)
    except SQLAlchemyError as exc:  # busy, or briefly locked by a backup
        log.warning("pledge wall not updated: %s", type(exc).__name__)
        return None
    return WallPoll(update, keep, restarted)
