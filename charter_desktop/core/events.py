"""Events (a summit, a community day) that pledges are taken at, and the kiosk's current one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import EventRow
from charter_desktop.core.storage.settings import CURRENT_EVENT, get_setting, set_setting
from charter_desktop.core.text import TextError, clean_line

if TYPE_CHECKING:  # core.store imports this module (Store.current_event)
    from charter_desktop.core.store import Store

EVENT_NAME_MAX = 120
TARGET_MAX = 1_000_000


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    place: str
    event_date: date
    target: int
    created_at: datetime

    @classmethod
    def from_row(cls, row: EventRow) -> Event:
        return cls(row.id, row.name, row.place, row.event_date, row.target, row.created_at)


def check_event_fields(name: str, place: str, target: int) -> tuple[str, str, list[FieldError]]:
    """An event's name and place as stored, and what is wrong with the three: a name is
    required, name and place at most EVENT_NAME_MAX characters, a target 1..TARGET_MAX (the
    kiosk's events and the hub's follow the same rules)."""
    errors, clean_name, clean_place = [], "", ""
    try:
        clean_name = clean_line(name, EVENT_NAME_MAX)
        if not clean_name:
            errors.append(FieldError("name", "is required"))
    except TextError as exc:
        errors.append(FieldError("name", str(exc)))
    try:
        clean_place = clean_line(place, EVENT_NAME_MAX)
    except TextError as exc:
        errors.append(FieldError("place", str(exc)))
    if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= TARGET_MAX:
        errors.append(FieldError("target", f"must be a whole number from 1 to {TARGET_MAX}"))
    return clean_name, clean_place, errors


def create_event(
    session: Session,
    name: str,
    event_date: date,
    place: str = "",
    target: int = 100,
    event_id: str | None = None,
    actor: str = "staff",
) -> Event:
    """Add an event; raises ValidationError for an empty name or a target out of range."""
    clean_name, clean_place, errors = check_event_fields(name, place, target)
    if errors:
        raise ValidationError(errors)
    row = EventRow(
        id=event_id or str(uuid.uuid4()),
        name=clean_name,
        place=clean_place,
        event_date=event_date,
        target=target,
        created_at=utc_now(),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "event.create", details={"event_id": row.id})
    return Event.from_row(row)


def add_event(
    store: Store,
    name: str,
    event_date: date,
    *,
    place: str = "",
    target: int = 100,
    actor: str = "staff",
    use: bool = False,
) -> Event:
    """Staff created an event, and with `use` made it the one pledges go to, in one step
    (ValidationError names each value that is not allowed)."""
    with store.db.write() as session:
        event = create_event(session, name, event_date, place=place, target=target, actor=actor)
        if use:
            set_current_event(session, event.id, actor=actor)
        return event


def get_event(session: Session, event_id: str) -> Event | None:
    row = session.get(EventRow, event_id)
    return None if row is None else Event.from_row(row)


def list_events(session: Session) -> list[Event]:
    query = select(EventRow).order_by(EventRow.event_date.desc(), EventRow.created_at.desc())
    return [Event.from_row(r) for r in session.scalars(query)]


def list_events_of(store: Store) -> list[Event]:
    """Staff opened a list of the events to choose from (newest first)."""
    with store.db.read() as session:
        return list_events(session)


def current_event(session: Session) -> Event | None:
    event_id = get_setting(session, CURRENT_EVENT)
    return get_event(session, event_id) if isinstance(event_id, str) else None


def set_current_event(session: Session, event_id: str, actor: str = "staff") -> Event:
    event = get_event(session, event_id)
    if event is None:
        raise ValidationError([FieldError("event_id", f"no event with id {event_id}")])
    set_setting(session, CURRENT_EVENT, event.id)
    audit.record(session, actor, "event.select", details={"event_id": event.id})
    return event


def use_event(store: Store, event_id: str, actor: str = "staff") -> Event:
    """Staff chose the event that pledges go to from now on."""
    with store.db.write() as session:
        return set_current_event(session, event_id, actor=actor)


def ensure_current_event(session: Session, default_name: str, default_target: int) -> Event:
    """The current event; on a fresh kiosk, one named `default_name` dated today is made."""
    event = current_event(session)
    if event is None:
        event = create_event(
            session,
            default_name,
            datetime.now().astimezone().date(),
            target=default_target,
            actor="system",
        )
        set_setting(session, CURRENT_EVENT, event.id)
    return event


def event_of(store: Store, event_id: str) -> Event | None:
    """The event staff named by its id, or None when there is none."""
    with store.db.read() as session:
        return get_event(session, event_id)
