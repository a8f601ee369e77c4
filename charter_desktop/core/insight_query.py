"""Reading the figures of `core.insight` from a kiosk's database, in one read transaction."""

from __future__ import annotations

from datetime import date, tzinfo

from charter_desktop.core import events as event_store
from charter_desktop.core.insight import Insight, build_insight
from charter_desktop.core.pledges import PledgeFilter, iter_pledges
from charter_desktop.core.store import Store


def store_insight(
    store: Store,
    event_id: str | None = None,
    today: date | None = None,
    zone: tzinfo | None = None,
) -> Insight:
    """Every figure for one event (or for all events when `event_id` is None)."""
    with store.db.read() as session:
        events = event_store.list_events(session)
        pledges = iter_pledges(
            session,
            PledgeFilter(event_id=event_id, include_withdrawn=False),
            open_sealed=False,  # figures by type, action and district need no one's details
        )
        return build_insight(
            pledges, store.catalogue, events, event_id=event_id, today=today, zone=zone
        )
