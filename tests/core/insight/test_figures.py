"""Every insight figure against the hand-counted fixture in tests/fixtures/insight.py, on a
real SQLite database: withdrawn and erased pledges are never counted."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from charter_desktop.core.insight.figures import (
    INDIVIDUALS,
    NOT_GIVEN,
    TOWN_WIDE,
    Insight,
)
from charter_desktop.core.insight.queries import store_insight
from charter_desktop.core.store import Store
from tests.fixtures.insight import TODAY, fill


@pytest.fixture
def filled(store: Store) -> tuple[Store, str, str]:
    current, second = fill(store)
    return store, current, second


def figures(filled: tuple[Store, str, str], everything: bool = False) -> Insight:
    store, current, _ = filled
    return store_insight(store, None if everything else current, today=TODAY, zone=UTC)


def test_counts_for_the_event_and_today(filled: tuple[Store, str, str]) -> None:
    insight = figures(filled)
    assert (insight.total, insight.today, insight.target) == (5, 4, 100)
    assert insight.progress == pytest.approx(0.05)
    assert insight.with_measures == 4
    everything = figures(filled, everything=True)
    assert (everything.total, everything.today, everything.target) == (6, 5, 150)


def test_counts_by_type_benefit_action_and_district(filled: tuple[Store, str, str]) -> None:
    insight = figures(filled)
    assert {t.key: t.count for t in insight.by_type} == {
        "resident": 2,
        "community_group": 1,
        "business": 2,
        "public_sector": 0,
        "voluntary_sector": 0,
    }
    assert [(t.key, t.count) for t in insight.by_benefit] == [
        ("fairer-society", 3),
        ("resilient-economy", 2),
        ("own-words-only", 1),
    ]
    by_action = {t.key: t.count for t in insight.by_action}
    assert by_action["buy-from-local-area"] == 2
    assert by_action["supported-work-placements"] == 2
    assert by_action["shop-local-or-volunteer"] == 1
    assert sum(by_action.values()) == 5
    assert [(t.label, t.count) for t in insight.by_district] == [
        ("SG1", 2),
        ("EC1", 1),
        ("SG2", 1),
        (NOT_GIVEN, 1),
    ]


def test_pledges_over_time(filled: tuple[Store, str, str]) -> None:
    insight = figures(filled)
    assert insight.per_day == ((date(2026, 5, 13), 1), (date(2026, 5, 14), 4))
    hours = dict(insight.per_hour)
    assert len(insight.per_hour) == 20  # 16:00 on the 13th to 11:00 on the 14th
    assert hours[datetime(2026, 5, 13, 16, tzinfo=UTC)] == 1
    assert hours[datetime(2026, 5, 14, 10, tzinfo=UTC)] == 2
    assert hours[datetime(2026, 5, 14, 11, tzinfo=UTC)] == 2
    assert sum(hours.values()) == 5


def test_the_balance_sheet(filled: tuple[Store, str, str]) -> None:
    insight = figures(filled)
    town = {b.action_id: (b.value, b.pledges, b.holder) for b in insight.balance_town}
    assert town == {
        "supported-work-placements": (5, 2, TOWN_WIDE),  # 2 + 3; the erased 50 left out
        "buy-from-local-area": (50, 2, TOWN_WIDE),  # mean of 40 % and 60 %
        "shop-local-or-volunteer": (12.5, 1, TOWN_WIDE),  # the withdrawn 100 h left out
    }
    organisations = [
        (b.holder, b.action_id, b.value, b.pledges) for b in insight.balance_organisations
    ]
    assert organisations == [
        ("Old Town Bakery", "supported-work-placements", 5, 2),
        ("Old Town Bakery", "buy-from-local-area", 60, 1),
        ("Repair Café", "shop-local-or-volunteer", 12.5, 1),
        (INDIVIDUALS, "buy-from-local-area", 40, 1),
    ]
    line = insight.balance_town[0]
    assert line.benefit == "A fairer society" and line.unit == "placements a year"


def test_all_events_include_the_second_event(filled: tuple[Store, str, str]) -> None:
    everything = figures(filled, everything=True)
    town = {b.action_id: b.value for b in everything.balance_town}
    assert town["careers-advice-in-schools"] == 4
    assert len(everything.events) == 2


def test_an_empty_kiosk_has_zero_figures(store: Store) -> None:
    insight = store_insight(store, store.current_event().id, today=TODAY, zone=UTC)
    assert (insight.total, insight.today, insight.target) == (0, 0, 100)
    assert insight.per_hour == () and insight.balance_town == ()
    assert all(t.count == 0 for t in insight.by_action)


def test_amounts_read_as_people_write_them() -> None:
    from charter_desktop.core.catalogue import format_amount, load_catalogue

    apprentices = load_catalogue().actions["break-down-training-barriers"].measure
    assert apprentices is not None
    assert apprentices.amount_text(1) == "1 apprentice"
    assert apprentices.amount_text(2) == "2 apprentices"
    assert format_amount(1234.5, "hours a month") == "1,234.5 hours a month"
    assert format_amount(43.2901, "%") == "43.29%"
