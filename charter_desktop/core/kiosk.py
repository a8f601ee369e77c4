"""The kiosk's own operations: submitting an attendee's pledge (safe against double taps) and
the figures the kiosk and its staff home show."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from charter_desktop.core import pledges as pledge_store
from charter_desktop.core.kiosk_settings import KioskSettings, load_kiosk_settings
from charter_desktop.core.models import PledgeRow
from charter_desktop.core.pledges import BatchRejected, Pledge, local_day_bounds
from charter_desktop.core.store import Store
from charter_desktop.core.validation import (
    FieldError,
    PledgeInput,
    ValidationError,
    validate_pledge,
)

KIOSK_SOURCE = "kiosk"
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
    """
    incoming = validate_pledge(data, store.catalogue)
    with store.db.write() as session:  # one transaction, one durable commit
        event = store.current_event_in(session)
        if incoming.id is not None:
            existing = pledge_store.get_pledge(session, incoming.id)
            if existing is not None:
                if _same_content(existing, incoming):
                    log.info("pledge %s was already stored; submit repeated", existing.id)
                    return _as_entered(existing, incoming)
                raise ValidationError(
                    [FieldError("id", "a different pledge with this id is already stored")]
                )
        try:
            result = pledge_store.add_pledges(
                session,
                store.catalogue,
                [data],
                event_id=event.id,
                device_id=store.device_id,
                source=KIOSK_SOURCE,
                actor=KIOSK_ACTOR,
                notice_version=notice_version or store.catalogue.privacy_notice.version,
            )
        except BatchRejected as exc:
            first = exc.rejected[0]
            raise ValidationError(first.errors) from exc
        stored = pledge_store.get_pledge(session, result.ids[0])
    assert stored is not None
    return _as_entered(stored, incoming)


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


def count_on_day(store: Store, day: date | None = None, event_id: str | None = None) -> int:
    """Active pledges taken on `day` (this machine's calendar; today by default)."""
    start, end = local_day_bounds(day or datetime.now().astimezone().date())
    query = (
        select(func.count())
        .select_from(PledgeRow)
        .where(PledgeRow.status == "active")
        .where(PledgeRow.created_at >= start, PledgeRow.created_at < end)
    )
    if event_id is not None:
        query = query.where(PledgeRow.event_id == event_id)
    with store.db.read() as session:
        return int(session.scalar(query) or 0)


def kiosk_settings(store: Store) -> KioskSettings:
    """The kiosk settings staff have saved (defaults for any never set)."""
    with store.db.read() as session:
        return load_kiosk_settings(session)
