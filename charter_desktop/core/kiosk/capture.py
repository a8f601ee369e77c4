"""The kiosk's own operations: submitting an attendee's pledge (safe against double taps) and
the figures the kiosk, its staff home and the console's Today page show."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.exc import SQLAlchemyError

from charter_desktop.core.clock import utc_now
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.kiosk.settings import KioskSettings, load_kiosk_settings
from charter_desktop.core.pledges import records as pledge_store
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.pledges.validation import PledgeInput, validate_pledge
from charter_desktop.core.privacy.keys import CouncilKey
from charter_desktop.core.privacy.sealing import COUNCIL_KEY
from charter_desktop.core.storage import plain_sql
from charter_desktop.core.storage.models import EventRow, PledgeRow, SettingRow
from charter_desktop.core.storage.settings import CURRENT_EVENT
from charter_desktop.core.store import SaveFailed, Store
from charter_desktop.core.terms import Source

KIOSK_SOURCE = Source.KIOSK
KIOSK_ACTOR = "kiosk"
log = logging.getLogger(__name__)


def _same_content(stored: Pledge, incoming: PledgeInput) -> bool:
    # Sealed details cannot be compared without the council key; the rest of the pledge and
    # the id the kiosk made for this attendee still tell a repeated submit apart.
    same_person = stored.locked or (
        stored.name == incoming.name
        and stored.email == incoming.email
        and stored.phone == incoming.phone
        and stored.postcode == incoming.postcode
    )
    return (
        same_person
        and stored.pledger_type == incoming.pledger_type
        and stored.organisation == incoming.organisation
        and tuple(stored.actions) == tuple(incoming.actions)
        and stored.pledge_text == incoming.pledge_text
        and stored.consent_contact == incoming.consent_contact
        and stored.consent_publish_name == incoming.consent_publish_name
        and stored.measures == incoming.measures
    )


def submit_pledge(store: Store, data: dict[str, Any], notice_version: str | None = None) -> Pledge:
    """Store the attendee's pledge `data` (the pledge JSON shape, normally with its own `id`)
    for the current event, and return it as stored. Its consent record names
    `notice_version`, the privacy notice the kiosk showed (the catalogue's by default).

    Submitting again an id that is already stored with the same content returns the stored
    pledge instead of adding a second one, so a double tap or a retried confirm can never
    make two pledges. The same id with different content raises ValidationError, as does
    invalid data (each FieldError names the field).

    This runs on every attendee's confirm, so it asks the database once for all it needs
    (_before_save), on the plain sqlite3 connection, and returns the pledge from the values
    it wrote instead of reading it back; the batch path (pledges.add_pledges) writes its
    rows the same way. Only a repeated submit and the first pledge on a fresh kiosk (which
    makes the default event) take the ORM session's transaction.
    """
    incoming = validate_pledge(data, store.catalogue)
    notice = notice_version or store.catalogue.privacy_notice.version
    try:
        return _submit(store, incoming, notice)
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:  # the database or the disk failed
        raise SaveFailed(f"the pledge could not be saved: {type(exc).__name__}") from exc


def _submit(store: Store, incoming: PledgeInput, notice: str) -> Pledge:
    with store.db.write_plain() as connection:  # one transaction, one durable commit
        found = _before_save(connection, incoming)
        if found.current_event is not None and not found.stored:
            return _save(store, connection, incoming, found, notice)
    with store.db.write() as session:
        connection = plain_sql.driver(session)
        found = _before_save(connection, incoming)
        if found.stored:
            assert incoming.id is not None
            existing = pledge_store.get_pledge(session, incoming.id)
            assert existing is not None
            if _same_content(existing, incoming):
                log.info("pledge %s was already stored; submit repeated", existing.id)
                return _as_entered(existing, incoming)
            raise ValidationError(
                [FieldError("id", "a different pledge with this id is already stored")]
            )
        if found.current_event is None:
            found = replace(found, current_event=store.current_event_in(session).id)
            connection = plain_sql.driver(session)  # the new event is written first
        return _save(store, connection, incoming, found, notice)


def _save(
    store: Store,
    connection: sqlite3.Connection,
    incoming: PledgeInput,
    found: _Found,
    notice_version: str,
) -> Pledge:
    if incoming.event_id is not None and not found.named_event:
        raise ValidationError([FieldError("event_id", pledge_store.UNKNOWN_EVENT)])
    assert found.current_event is not None
    row = pledge_store.row_values(
        incoming, utc_now(), found.current_event, store.device_id, KIOSK_SOURCE
    )
    saved = Pledge.from_values(row)
    key = None if found.council_key is None else CouncilKey.from_json(found.council_key)
    pledge_store.write_rows(
        connection, [row], key, actor=KIOSK_ACTOR, notice_version=notice_version
    )
    return saved


@dataclass(frozen=True)
class _Found:
    current_event: str | None  # the current event's id, None if unset or gone
    council_key: Any  # the council key's stored JSON, None without one
    stored: bool  # a pledge with the incoming id is stored already
    named_event: bool  # the event the pledge names (if any) exists


def _before_save_query() -> Any:
    current_id = func.json_extract(SettingRow.value, "$")  # the setting holds a JSON string
    current = select(current_id).where(SettingRow.key == CURRENT_EVENT).scalar_subquery()
    return select(
        select(EventRow.id).where(EventRow.id == current).scalar_subquery(),
        select(SettingRow.value).where(SettingRow.key == COUNCIL_KEY).scalar_subquery(),
        exists().where(PledgeRow.id == bindparam("pledge_id")),
        exists().where(EventRow.id == bindparam("event_id")),
    )


_BEFORE_SAVE = plain_sql.PlainStatement(_before_save_query())


def _before_save(connection: sqlite3.Connection, incoming: PledgeInput) -> _Found:
    """What saving `incoming` needs from the database, in one query: the current event, the
    council key, and whether its id is stored already and the event it names exists."""
    params = {"pledge_id": incoming.id, "event_id": incoming.event_id}
    current, key, stored, named = _BEFORE_SAVE.one(connection, params)
    return _Found(current, key, bool(stored), bool(named))


def _as_entered(stored: Pledge, incoming: PledgeInput) -> Pledge:
    """The stored pledge with the attendee's details as they typed them, held in memory
    only: the thank-you screen prints and shows it without unlocking the council key."""
    if not stored.locked:
        return stored
    return replace(
        stored,
        name=incoming.name,
        email=incoming.email,
        phone=incoming.phone,
        postcode=incoming.postcode,
        locked=False,
    )


def kiosk_settings(store: Store) -> KioskSettings:
    """The kiosk settings staff have saved (defaults for any never set)."""
    with store.db.read() as session:
        return load_kiosk_settings(session)
