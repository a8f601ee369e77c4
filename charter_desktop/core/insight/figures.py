"""The figures the dashboard, the pledge wall and the impact report show, worked out from
plain Pledge records (a kiosk's or the hub's): counts against the target, by pledger type,
benefit, action and postcode district, over time, and the community balance sheet.

Withdrawn pledges and pledges erased on request are never counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

from charter_desktop.core.catalogue import Catalogue, format_amount
from charter_desktop.core.events import Event
from charter_desktop.core.postcodes import postcode_district
from charter_desktop.core.terms import PledgeStatus

NOT_GIVEN = "Not given"
OWN_WORDS_ONLY = "own-words-only"
INDIVIDUALS = "Individual pledgers"
TOWN_WIDE = "Whole town"


class Countable(Protocol):
    """What the figures read of a pledge (a core Pledge has all of it)."""

    @property
    def created_at(self) -> datetime: ...
    @property
    def event_id(self) -> str: ...
    @property
    def pledger_type(self) -> str: ...
    @property
    def organisation(self) -> str | None: ...
    @property
    def postcode(self) -> str | None: ...
    @property
    def district(self) -> str | None: ...
    @property
    def actions(self) -> Sequence[str]: ...
    @property
    def measures(self) -> Mapping[str, float]: ...
    @property
    def consent_publish_name(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def erased_at(self) -> datetime | None: ...


def counts(pledge: Countable) -> bool:
    """Whether a pledge counts in any figure: active and not erased."""
    return pledge.status == PledgeStatus.ACTIVE and pledge.erased_at is None


@dataclass(frozen=True)
class Tally:
    """One bar of a chart: what it counts (`key`), its words (`label`) and the count."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class BalanceLine:
    """One line of a community balance sheet: a measure added up for one holder.

    `value` is the sum of what was pledged, or for a "mean" measure (a share in %) the
    average; `pledges` is how many pledges gave a figure."""

    holder: str
    benefit_id: str
    benefit: str
    action_id: str
    measure: str
    unit: str
    total: str
    value: float
    pledges: int
    unit_one: str = ""

    @property
    def amount_text(self) -> str:
        """The added-up figure with its unit: "5 placements a year", "1 apprentice"."""
        return format_amount(self.value, self.unit, self.unit_one)


@dataclass(frozen=True)
class Insight:
    """Every figure at once, for one event or for all the events in the data."""

    total: int
    today: int
    target: int
    event: Event | None
    events: tuple[Event, ...]
    by_type: tuple[Tally, ...]
    by_benefit: tuple[Tally, ...]
    by_action: tuple[Tally, ...]
    by_district: tuple[Tally, ...]
    per_hour: tuple[tuple[datetime, int], ...]
    per_day: tuple[tuple[date, int], ...]
    balance_town: tuple[BalanceLine, ...]
    balance_organisations: tuple[BalanceLine, ...]
    with_measures: int = 0
    named_publicly: int = 0

    @property
    def progress(self) -> float:
        """Share of the target reached (can pass 1.0)."""
        return self.total / self.target if self.target else 0.0


@dataclass
class _Measured:
    value: float = 0.0
    pledges: int = 0


@dataclass
class _Accumulator:
    catalogue: Catalogue
    today: date
    zone: tzinfo | None
    total: int = 0
    today_count: int = 0
    with_measures: int = 0
    named_publicly: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_benefit: Counter[str] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    by_district: Counter[str] = field(default_factory=Counter)
    per_hour: Counter[datetime] = field(default_factory=Counter)
    measured: dict[tuple[str, str], _Measured] = field(
        default_factory=lambda: defaultdict(_Measured)
    )
    holders: dict[str, str] = field(default_factory=dict)

    def add(self, p: Countable) -> None:
        self.total += 1
        local = p.created_at.astimezone(self.zone)
        if local.date() == self.today:
            self.today_count += 1
        self.per_hour[local.replace(minute=0, second=0, microsecond=0)] += 1
        self.by_type[p.pledger_type] += 1
        self.named_publicly += p.consent_publish_name
        known = [a for a in p.actions if a in self.catalogue.actions]
        benefits = {self.catalogue.actions[a].benefit_id for a in known}
        self.by_benefit.update(benefits or {OWN_WORDS_ONLY})
        self.by_action.update(known)
        self.by_district[postcode_district(p.postcode) or p.district or NOT_GIVEN] += 1
        holder = self._holder(p)
        measured = {a: v for a, v in p.measures.items() if a in self.catalogue.measures}
        self.with_measures += bool(measured)
        for action_id, value in measured.items():
            for who in (TOWN_WIDE, holder):
                line = self.measured[(who, action_id)]
                line.value += value
                line.pledges += 1

    def _holder(self, p: Countable) -> str:
        name = " ".join((p.organisation or "").split())
        if not name:
            return INDIVIDUALS
        # Organisations are matched whatever their spelling's case; the first spelling shows.
        return self.holders.setdefault(name.casefold(), name)


def _tallies(counter: Counter[str], order: Iterable[tuple[str, str]]) -> tuple[Tally, ...]:
    return tuple(Tally(key, label, counter.get(key, 0)) for key, label in order)


def _balance(acc: _Accumulator, town: bool) -> tuple[BalanceLine, ...]:
    lines = []
    for (holder, action_id), measured in acc.measured.items():
        if (holder == TOWN_WIDE) != town:
            continue
        action = acc.catalogue.actions[action_id]
        measure = acc.catalogue.measures[action_id]
        value = measured.value
        if measure.total == "mean":
            value = value / measured.pledges
        lines.append(
            BalanceLine(
                holder=holder,
                benefit_id=action.benefit_id,
                benefit=acc.catalogue.benefit_by_id[action.benefit_id].title,
                action_id=action_id,
                measure=measure.label,
                unit=measure.unit,
                total=measure.total,
                value=round(value, 2),
                pledges=measured.pledges,
                unit_one=measure.unit_one,
            )
        )
    order = {a: i for i, a in enumerate(acc.catalogue.actions)}
    individuals_last = {INDIVIDUALS: 1}
    lines.sort(
        key=lambda b: (individuals_last.get(b.holder, 0), b.holder.casefold(), order[b.action_id])
    )
    return tuple(lines)


def _days(per_hour: Counter[datetime]) -> tuple[tuple[date, int], ...]:
    per_day: Counter[date] = Counter()
    for hour, n in per_hour.items():
        per_day[hour.date()] += n
    if not per_day:
        return ()
    first, last = min(per_day), max(per_day)
    span = (last - first).days + 1
    return tuple((d, per_day.get(d, 0)) for d in (first + timedelta(days=i) for i in range(span)))


def _hours(
    per_hour: Counter[datetime], zone: tzinfo | None, limit: int = 72
) -> tuple[tuple[datetime, int], ...]:
    """Pledges per hour from the first to the last busy hour (the last `limit` hours)."""
    if not per_hour:
        return ()
    last = max(per_hour)
    first = max(min(per_hour), last - timedelta(hours=limit - 1))
    hours = []
    at = first
    while at <= last:
        hours.append((at, per_hour.get(at, 0)))
        # Step in UTC so a clock change never repeats or skips an hour.
        at = (at.astimezone(UTC) + timedelta(hours=1)).astimezone(zone)
    return tuple(hours)


def build_insight(
    pledges: Iterable[Countable],
    catalogue: Catalogue,
    events: Iterable[Event] = (),
    *,
    event_id: str | None = None,
    today: date | None = None,
    zone: tzinfo | None = None,
) -> Insight:
    """Every figure for the pledges of `event_id` (or of all events), counting only active,
    unerased pledges. "Today" and the hours are on `zone`'s clock (this machine's if None).
    The target is the event's, or the sum of all events' targets (the catalogue's default
    when there are none)."""
    events = tuple(events)
    now_local = datetime.now().astimezone(zone)
    acc = _Accumulator(catalogue, today or now_local.date(), zone)
    for p in pledges:
        if counts(p) and (event_id is None or p.event_id == event_id):
            acc.add(p)
    event = next((e for e in events if e.id == event_id), None)
    if event is not None:
        target = event.target
    else:
        target = sum(e.target for e in events) or catalogue.default_target
    districts = sorted(
        (d for d in acc.by_district if d != NOT_GIVEN), key=lambda d: (-acc.by_district[d], d)
    )
    district_order = [(d, d) for d in districts]
    if NOT_GIVEN in acc.by_district:
        district_order.append((NOT_GIVEN, NOT_GIVEN))
    benefit_order = [(b.id, b.title) for b in catalogue.benefits]
    if acc.by_benefit.get(OWN_WORDS_ONLY):
        benefit_order.append((OWN_WORDS_ONLY, "Own words only"))
    return Insight(
        total=acc.total,
        today=acc.today_count,
        target=target,
        event=event,
        events=events if event is None else (event,),
        by_type=_tallies(acc.by_type, ((t.id, t.label) for t in catalogue.pledger_types)),
        by_benefit=_tallies(acc.by_benefit, benefit_order),
        by_action=_tallies(acc.by_action, ((a.id, a.label) for a in catalogue.actions.values())),
        by_district=_tallies(acc.by_district, district_order),
        per_hour=_hours(acc.per_hour, zone),
        per_day=_days(acc.per_hour),
        balance_town=_balance(acc, town=True),
        balance_organisations=_balance(acc, town=False),
        with_measures=acc.with_measures,
        named_publicly=acc.named_publicly,
    )
