"""A small, hand-counted set of pledges for every insight figure (dashboard, wall, report).

The current event (target 100), times in UTC, "today" is 2026-05-14:

  1 resident, buy-from-local-area (40 %), SG1 2AB, 10:05, name shown
  2 business Old Town Bakery, supported-work-placements (2) + buy-from-local-area (60 %),
    SG2 7QT, 10:20
  3 business "old town bakery", supported-work-placements (3), no postcode, 11:10
  4 community group Repair Café, shop-local-or-volunteer (12.5 h), SG1 1HN, 11:40,
    name NOT shown
  5 resident, own words only, EC1A 1BB, 2026-05-13 16:00, name shown
  6 resident, shop-local-or-volunteer (100 h), 10:30: WITHDRAWN
  7 business Gone Ltd, supported-work-placements (50), 10:45, name shown: ERASED
  8 resident, careers-advice-in-schools (4), 12:00, at a second event (target 50)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from charter_desktop.core import events as event_store
from charter_desktop.core import pledge_edit
from charter_desktop.core.store import Store

TODAY = date(2026, 5, 14)
QUOTE_SHOWN = "We will buy our flour from Stevenage mills."
QUOTE_HIDDEN_NAME = "Fixing bikes every Saturday with the Repair Café."
SECRET_NAME = "Hidden Pseudonym"  # pledge 4: did not consent to their name being shown
WITHDRAWN_WORDS = "Withdrawn words never shown."
ERASED_NAME = "Erased Person"


def _p(n: int, when: str, **fields: Any) -> dict[str, Any]:
    uid = f"00000000-0000-4000-8000-{n:012d}"
    return {
        "id": uid,
        "created_at": when,
        "updated_at": when,
        "pledger_type": "resident",
        "name": f"Pledger {n}",
        "consent_publish_name": True,
        **fields,
    }


def fixture_pledges(second_event: str) -> list[dict[str, Any]]:
    day = "2026-05-14T"
    return [
        _p(1, day + "10:05:00Z", actions=["buy-from-local-area"],
           measures={"buy-from-local-area": 40}, postcode="SG1 2AB", name="Amelia Patel"),
        _p(2, day + "10:20:00Z", pledger_type="business", organisation="Old Town Bakery",
           actions=["supported-work-placements", "buy-from-local-area"],
           measures={"supported-work-placements": 2, "buy-from-local-area": 60},
           postcode="SG2 7QT", pledge_text=QUOTE_SHOWN, name="Baker Bob"),
        _p(3, day + "11:10:00Z", pledger_type="business", organisation="old town bakery",
           actions=["supported-work-placements"], measures={"supported-work-placements": 3}),
        _p(4, day + "11:40:00Z", pledger_type="community_group", organisation="Repair Café",
           actions=["shop-local-or-volunteer"], measures={"shop-local-or-volunteer": 12.5},
           postcode="SG1 1HN", pledge_text=QUOTE_HIDDEN_NAME, name=SECRET_NAME,
           consent_publish_name=False),
        _p(5, "2026-05-13T16:00:00Z", pledge_text="I will shop at the Saturday market.",
           postcode="EC1A 1BB"),
        _p(6, day + "10:30:00Z", actions=["shop-local-or-volunteer"],
           measures={"shop-local-or-volunteer": 100}, pledge_text=WITHDRAWN_WORDS,
           name="Withdrawn Person"),
        _p(7, day + "10:45:00Z", pledger_type="business", organisation="Gone Ltd",
           actions=["supported-work-placements"], measures={"supported-work-placements": 50},
           name=ERASED_NAME),
        _p(8, day + "12:00:00Z", actions=["careers-advice-in-schools"],
           measures={"careers-advice-in-schools": 4}, event_id=second_event),
    ]  # fmt: skip


def fill(store: Store) -> tuple[str, str]:
    """Store the fixture; returns (current event id, second event id)."""
    current = store.current_event()  # target 100, the catalogue's default
    with store.db.write() as session:
        second = event_store.create_event(session, "Town centre stall", TODAY, target=50)
    store.add_pledges(fixture_pledges(second.id), source="cli", actor="test")
    with store.db.write() as session:
        pledge_edit.withdraw_pledge(session, "00000000-0000-4000-8000-000000000006")
        pledge_edit.erase_pledge(session, "00000000-0000-4000-8000-000000000007")
    return current.id, second.id
