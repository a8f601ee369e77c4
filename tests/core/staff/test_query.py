"""The staff table's queries: each filter narrows to the right pledges; windows page through."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.staff.query import (
    Sort,
    StaffFilter,
    count_matching,
    day_counts,
    fetch_window,
    filter_table,
    first_window,
    scroll_table,
    todays_counts,
)
from charter_desktop.core.store import Store
from tests.helpers import pledge


def test_every_filter_matches_what_the_pledges_hold(store: Store) -> None:
    store.add_pledges(demo_pledges(store.catalogue, 300, seed=5), source="demo", actor="t")
    everyone = store.list_pledges()
    benefit = store.catalogue.benefits[0]
    action = benefit.actions[0].id
    cases = {
        StaffFilter(pledger_type="business"): lambda p: p.pledger_type == "business",
        StaffFilter(action_id=action): lambda p: action in p.actions,
        StaffFilter(benefit_id=benefit.id): lambda p: any(
            a.id in p.actions for a in benefit.actions
        ),
        StaffFilter(consent="contact"): lambda p: p.consent_contact,
        StaffFilter(consent="no_publish_name"): lambda p: not p.consent_publish_name,
        StaffFilter(search="patel"): lambda p: (
            "patel" in p.name.lower()
            or "patel" in (p.organisation or "").lower()
            or "patel" in (p.pledge_text or "").lower()
        ),
        StaffFilter(search="old town"): lambda p: all(
            w in f"{p.name} {p.organisation or ''} {p.pledge_text or ''}".lower()
            for w in ("old", "town")
        ),
        StaffFilter(on_date=datetime.now().astimezone().date()): lambda p: (
            p.created_at.astimezone().date() == datetime.now().astimezone().date()
        ),
    }
    with store.db.read() as session:
        for flt, keep in cases.items():
            expected = {p.id for p in everyone if keep(p)}
            assert 0 < len(expected) < 300 or flt.on_date, flt
            rows, total = first_window(session, store.catalogue, flt, Sort(), 1000)
            assert {p.id for p in rows} == expected, flt
            assert total == count_matching(session, store.catalogue, flt) == len(expected)


def test_windows_page_through_in_sort_order(store: Store) -> None:
    store.add_pledges(demo_pledges(store.catalogue, 250, seed=6), source="demo", actor="t")
    with store.db.read() as session:
        pages = [
            fetch_window(session, store.catalogue, StaffFilter(), Sort("name", False), o, 100)
            for o in (0, 100, 200)
        ]
    names = [p.name for page in pages for p in page]
    assert len(names) == 250 and names == sorted(names)


def test_staff_filter_then_scroll_the_table_without_a_session(store: Store) -> None:
    store.add_pledges(demo_pledges(store.catalogue, 250, seed=7), source="demo", actor="t")
    flt, order = StaffFilter(pledger_type="business"), Sort("name", False)
    expected = sorted((p.name, p.id) for p in store.list_pledges() if p.pledger_type == "business")
    first, total = filter_table(store, flt, order, 20)
    assert total == len(expected) > 40
    rest = [p for o in range(20, total, 20) for p in scroll_table(store, flt, order, o, 20, total)]
    assert [(p.name, p.id) for p in first + rest] == expected


def test_search_treats_wildcards_as_text(store: Store) -> None:
    store.add_pledges(
        [pledge(name="100% Local Ltd"), pledge(name="Ann Other")], source="cli", actor="t"
    )
    with store.db.read() as session:
        rows, total = first_window(session, store.catalogue, StaffFilter(search="%"), Sort(), 50)
    assert total == 1 and rows[0].name == "100% Local Ltd"


def test_day_counts_add_up(store: Store) -> None:
    store.add_pledges(
        [pledge(pledger_type="business", organisation="Bakery"), pledge(), pledge()],
        source="cli",
        actor="t",
    )
    event = store.current_event()
    with store.db.read() as session:
        counts = day_counts(session, event.id, datetime.now().astimezone().date())
    assert counts.today == 3 and counts.event_total == 3
    assert counts.by_type == {"business": 1, "resident": 2}
    assert counts.event_target == event.target


def test_the_synced_filter_follows_what_the_hub_acknowledged(store: Store) -> None:
    from charter_desktop.core.clock import utc_now
    from charter_desktop.core.sync import outbox

    ids = store.add_pledges([pledge(name=f"P{i}") for i in range(5)], source="kiosk", actor="k").ids
    with store.db.write() as session:
        taken = [i for i in outbox.pending_items(session, 10) if i.pledge_id in ids[:2]]
        outbox.mark_sent(session, taken, utc_now())
    with store.db.read() as session:
        at_hub, _ = first_window(session, store.catalogue, StaffFilter(synced=True), Sort(), 10)
        waiting, _ = first_window(session, store.catalogue, StaffFilter(synced=False), Sort(), 10)
    assert {p.id for p in at_hub} == set(ids[:2])
    assert {p.id for p in waiting} == set(ids[2:])


def test_a_days_count_is_its_active_pledges_only(store: Store) -> None:
    store.add_pledges(
        [pledge(), pledge(status="withdrawn"), pledge(created_at="2020-01-02T10:00:00Z")],
        source="cli",
        actor="test",
    )
    today = todays_counts(store)
    assert (today.today, today.withdrawn_today, today.event_total) == (1, 1, 2)
    assert todays_counts(store, date(2020, 1, 2)).today == 1
    assert todays_counts(store, date.today() + timedelta(days=1)).today == 0
