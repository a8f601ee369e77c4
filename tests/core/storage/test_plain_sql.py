"""Statements on the plain sqlite3 connection store exactly what the ORM would store."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime

import pytest

from charter_desktop.core.pledges import records as pledge_store
from charter_desktop.core.pledges.validation import validate_pledge
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.store import Store
from tests.helpers import pledge


def stored_rows(store: Store) -> dict[str, tuple[object, ...]]:
    with closing(sqlite3.connect(store.paths.database)) as connection:
        rows = connection.execute("SELECT * FROM pledges ORDER BY id").fetchall()
    return {row[0]: row[1:] for row in rows}


FULL = pledge(
    name="Zoë Adeyemi 👩🏽‍🚀",
    email="zoe@example.org",
    postcode="sg1 1hn",
    consent_contact=True,
    actions=["buy-from-local-area", "shop-local-or-volunteer"],
    measures={"buy-from-local-area": 12.5},
    pledge_text="Two lines,\nkept",
)


@pytest.mark.parametrize("data", [FULL, pledge()], ids=["every-field", "fewest-fields"])
def test_a_pledge_written_plain_is_stored_as_the_orm_stores_it(
    store: Store, data: dict[str, object]
) -> None:
    event_id = store.current_event().id
    when = datetime(2026, 5, 14, 10, 30, 15, 123456, tzinfo=UTC)
    plain, orm = (
        pledge_store.row_values(
            validate_pledge(
                dict(data, id=f"00000000-0000-4000-8000-00000000000{n}"), store.catalogue
            ),
            when,
            event_id,
            "d",
            "kiosk",
        )
        for n in (1, 2)
    )
    with store.db.write_plain() as connection:
        pledge_store.write_rows(connection, [plain], None, actor="t", notice_version=None)
    orm["sealed"], orm["postcode_district"] = None, plain["postcode_district"]
    with store.db.write() as session:
        session.add(PledgeRow(**orm))
    by_id = stored_rows(store)
    assert by_id[plain["id"]] == by_id[orm["id"]]
    assert store.get_pledge(plain["id"]) == pledge_store.Pledge.from_values(plain)
