"""Reading the figures of `core.insight` from a kiosk's database, in one read transaction.

Only the columns the figures need are read, as plain rows (no ORM objects), so the dashboard
of a long day stays quick to refresh."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from charter_desktop.core import events as event_store
from charter_desktop.core.insight.figures import Insight, build_insight
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import PledgeStatus


@dataclass(frozen=True, slots=True)
class PledgeFacts:
    """The parts of a pledge the figures count (see insight.Countable); no personal data
    beyond the organisation's name and the postcode, which the figures group by."""

    created_at: datetime
    event_id: str
    pledger_type: str
    organisation: str | None
    postcode: str | None
    district: str | None  # kept in clear when the postcode is sealed to the council key
    actions: Sequence[str]
    measures: Mapping[str, float]
    consent_publish_name: bool
    status: str
    erased_at: datetime | None


def counted_facts(session: Session, event_id: str | None = None) -> Iterator[PledgeFacts]:
    """Active, unerased pledges (of one event, or all), oldest first."""
    query = (
        select(
            PledgeRow.created_at, PledgeRow.event_id, PledgeRow.pledger_type,
            PledgeRow.organisation, PledgeRow.postcode, PledgeRow.postcode_district,
            PledgeRow.actions, PledgeRow.measures,
            PledgeRow.consent_publish_name, PledgeRow.status, PledgeRow.erased_at,
        )
        .where(PledgeRow.status == PledgeStatus.ACTIVE, PledgeRow.erased_at.is_(None))
        .order_by(PledgeRow.created_at, PledgeRow.id)
    )  # fmt: skip
    if event_id is not None:
        query = query.where(PledgeRow.event_id == event_id)
    for row in session.execute(query.execution_options(yield_per=5000)):
        yield PledgeFacts(
            created_at=row.created_at,
            event_id=row.event_id,
            pledger_type=row.pledger_type,
            organisation=row.organisation,
            postcode=row.postcode,
            district=row.postcode_district,
            actions=row.actions or (),
            measures=row.measures or {},
            consent_publish_name=row.consent_publish_name,
            status=row.status,
            erased_at=row.erased_at,
        )


def store_insight(
    store: Store,
    event_id: str | None = None,
    today: date | None = None,
    zone: tzinfo | None = None,
) -> Insight:
    """Every figure for one event (or for all events when `event_id` is None)."""
    with store.db.read() as session:
        events = event_store.list_events(session)
        return build_insight(
            counted_facts(session, event_id),
            store.catalogue,
            events,
            event_id=event_id,
            today=today,
            zone=zone,
        )
