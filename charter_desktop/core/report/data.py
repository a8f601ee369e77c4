"""What the impact report shows, gathered from plain pledges: the insight figures, a few
quotes in the pledgers' own words, and the events covered. No database access here.

Quotes: a pledge's own words are publishable; the pledger's name is added only when they
agreed to it being shown (consent_publish_name). Organisation, email, phone and postcode are
never quoted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import utc_now
from charter_desktop.core.events import Event
from charter_desktop.core.insight.figures import INDIVIDUALS, Insight, build_insight, counts
from charter_desktop.core.pledges.records import Pledge

QUOTES = 8
QUOTE_MAX = 280


@dataclass(frozen=True)
class Quote:
    text: str
    name: str | None  # only with consent to show the name
    pledger: str  # the kind of pledger, e.g. "Business"


@dataclass(frozen=True)
class EventCovered:
    name: str
    place: str
    date: str
    target: int
    pledges: int


@dataclass(frozen=True)
class ReportData:
    council: str
    charter_name: str
    programme: str
    scope: str  # "Launch summit" or "All events"
    made_at: datetime
    insight: Insight
    quotes: tuple[Quote, ...]
    events: tuple[EventCovered, ...]
    organisations: int  # organisations with at least one pledge counted
    districts: int  # postcode districts pledges came from

    @property
    def measure_headlines(self) -> tuple[str, ...]:
        """The town-wide balance sheet in words, for the cover."""
        lines = []
        for line in self.insight.balance_town:
            kind = "average " if line.total == "mean" else ""
            lines.append(f"{line.measure}: {kind}{line.amount_text}")
        return tuple(lines)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"


def pick_quotes(
    pledges: Sequence[Pledge], catalogue: Catalogue, limit: int = QUOTES
) -> tuple[Quote, ...]:
    """Up to `limit` different own-words pledges, spread evenly over the pledges in time."""
    seen: set[str] = set()
    candidates = []
    for p in pledges:
        if not counts(p) or not p.pledge_text:
            continue
        key = " ".join(p.pledge_text.split()).casefold()
        if key in seen:
            continue
        seen.add(key)
        candidates.append(p)
    if len(candidates) > limit:
        step = len(candidates) / limit
        candidates = [candidates[int(i * step)] for i in range(limit)]
    types = {t.id: t.label for t in catalogue.pledger_types}
    return tuple(
        Quote(
            text=_shorten(p.pledge_text or ""),
            name=p.name if p.consent_publish_name and p.name else None,
            pledger=types.get(p.pledger_type, p.pledger_type),
        )
        for p in candidates
    )


def build_report_data(
    pledges: Iterable[Pledge],
    catalogue: Catalogue,
    events: Sequence[Event],
    *,
    event_id: str | None = None,
    made_at: datetime | None = None,
) -> ReportData:
    """The report's content for one event (or all events when `event_id` is None)."""
    chosen = sorted(
        (p for p in pledges if counts(p) and (event_id is None or p.event_id == event_id)),
        key=lambda p: (p.created_at, p.id),
    )
    insight = build_insight(chosen, catalogue, events, event_id=event_id)
    per_event = Counter(p.event_id for p in chosen)
    covered = [e for e in events if e.id == event_id] if event_id else list(events)
    covered = [e for e in covered if per_event.get(e.id) or e.id == event_id]
    holders = {line.holder for line in insight.balance_organisations} - {INDIVIDUALS}
    organisations = {" ".join((p.organisation or "").split()).casefold() for p in chosen}
    organisations.discard("")
    return ReportData(
        council=catalogue.council,
        charter_name=catalogue.charter_name,
        programme=catalogue.programme,
        scope=insight.event.name if insight.event else "All events",
        made_at=made_at or utc_now(),
        insight=insight,
        quotes=pick_quotes(chosen, catalogue),
        events=tuple(
            EventCovered(
                e.name, e.place, e.event_date.isoformat(), e.target, per_event.get(e.id, 0)
            )
            for e in sorted(covered, key=lambda e: (e.event_date, e.name))
        ),
        organisations=len(organisations | {h.casefold() for h in holders}),
        districts=sum(1 for t in insight.by_district if t.key != "Not given" and t.count),
    )
