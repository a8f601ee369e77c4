"""The pledge wall's reads: the latest pledges first, then only newer ones; names only with
consent; withdrawn and erased pledges never."""

from __future__ import annotations

from charter_desktop.core.insight.wall import still_shown, wall_update
from charter_desktop.core.pledges import edit as pledge_edit
from charter_desktop.core.store import Store
from tests.fixtures.insight import (
    ERASED_NAME,
    QUOTE_HIDDEN_NAME,
    SECRET_NAME,
    WITHDRAWN_WORDS,
    fill,
)
from tests.helpers import pledge


def test_the_first_read_shows_the_latest_shown_pledges(store: Store) -> None:
    current, _ = fill(store)
    update = wall_update(store, None)
    assert update.event.id == current and update.count == 4 + 1
    assert [p.id[-1] for p in update.new] == ["5", "1", "2", "3", "4"]  # oldest first
    names = [p.name for p in update.new]
    assert SECRET_NAME not in names and None in names
    assert ERASED_NAME not in names
    assert all(p.own_words != WITHDRAWN_WORDS for p in update.new)
    hidden = next(p for p in update.new if p.own_words == QUOTE_HIDDEN_NAME)
    assert hidden.name is None
    assert update.new[1].actions == ("Purchasing goods or services from others in the local area",)
    assert "organisation" not in update.new[0].__dataclass_fields__


def test_later_reads_give_only_newer_pledges(store: Store) -> None:
    fill(store)
    first = wall_update(store, None)
    assert wall_update(store, first.cursor).new == ()
    added = store.add_pledges([pledge(name="Newest")], source="kiosk", actor="test")
    later = wall_update(store, first.cursor)
    assert [p.id for p in later.new] == added.ids and later.count == first.count + 1
    assert later.new[0].name is None  # no consent to show the name by default
    assert wall_update(store, later.cursor).new == ()


def test_withdrawn_and_erased_pledges_drop_off(store: Store) -> None:
    fill(store)
    shown = [p.id for p in wall_update(store, None).new]
    with store.db.write() as session:
        pledge_edit.withdraw_pledge(session, shown[0])
        pledge_edit.erase_pledge(session, shown[1])
    assert still_shown(store, shown) == set(shown[2:])
