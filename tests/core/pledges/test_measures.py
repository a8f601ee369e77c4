"""Pledge measures: defined per action in the catalogue, checked on every pledge, stored,
and carried in the JSON, CSV and XLSX exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from charter_desktop.core.catalogue import CatalogueError, load_catalogue, parse_catalogue
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.pledges.validation import validate_pledge
from charter_desktop.core.resources import resource_path
from charter_desktop.core.storage import migrate
from charter_desktop.core.storage.db import create_sqlite_engine
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from tests.helpers import pledge

CATALOGUE = load_catalogue()
EVENT_ID = "11111111-2222-4333-8444-555555555555"
PLEDGE_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"


def test_the_catalogue_defines_measures_for_the_countable_actions() -> None:
    measures = CATALOGUE.measures
    assert measures["supported-work-placements"].label == "Work placements offered a year"
    assert measures["shop-local-or-volunteer"].unit == "hours a month"
    assert measures["buy-from-local-area"].unit == "%"
    assert measures["buy-from-local-area"].total == "mean"
    assert measures["buy-from-local-area"].maximum == 100
    assert "support-cooperatives" not in measures


def test_a_catalogue_with_a_bad_measure_is_refused() -> None:
    data = json.loads(resource_path("charter.json", None).read_text(encoding="utf-8"))
    data["benefits"][0]["actions"][0]["measure"] = {"id": "x", "label": "X", "unit": "u", "max": -1}
    with pytest.raises(CatalogueError, match="'max' must be a positive number"):
        parse_catalogue(data)


def test_measures_are_normalised() -> None:
    checked = validate_pledge(
        pledge(
            actions=["buy-from-local-area", "supported-work-placements"],
            measures={"buy-from-local-area": "35", "supported-work-placements": 2.0},
        ),
        CATALOGUE,
    )
    assert checked.measures == {"buy-from-local-area": 35, "supported-work-placements": 2}


@pytest.mark.parametrize(
    ("measures", "field", "words"),
    [
        ({"no-such-action": 1}, "measures.no-such-action", "not an action"),
        ({"support-cooperatives": 1}, "measures.support-cooperatives", "has no measure"),
        ({"supported-work-placements": 1}, "measures.supported-work-placements", "chosen"),
        ({"buy-from-local-area": -1}, "measures.buy-from-local-area", "negative"),
        ({"buy-from-local-area": 101}, "measures.buy-from-local-area", "at most 100 %"),
        ({"buy-from-local-area": "lots"}, "measures.buy-from-local-area", "must be a number"),
        ({"buy-from-local-area": True}, "measures.buy-from-local-area", "must be a number"),
        ({"buy-from-local-area": float("nan")}, "measures.buy-from-local-area", "number"),
        ([1, 2], "measures", "must be an object"),
    ],
)
def test_bad_measures_name_the_field(measures: object, field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_pledge(pledge(measures=measures), CATALOGUE)
    errors = {e.field: e.message for e in caught.value.errors}
    assert field in errors and words in errors[field]


def test_measures_are_stored_and_exported(store: Store, tmp_path: Path) -> None:
    store.add_pledges(
        [
            pledge(
                actions=["buy-from-local-area", "shop-local-or-volunteer"],
                measures={"buy-from-local-area": 40, "shop-local-or-volunteer": 12.5},
            ),
            pledge(name="No Measures"),
        ],
        source="cli",
        actor="test",
    )
    stored = {p.name: p for p in store.list_pledges()}
    assert stored["Amelia Patel"].measures == {
        "buy-from-local-area": 40,
        "shop-local-or-volunteer": 12.5,
    }
    assert stored["No Measures"].measures == {}
    assert stored["No Measures"].to_json()["measures"] == {}

    export_pledges(store, "json", tmp_path / "p.json", PledgeFilter())
    records = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["pledges"]
    records.sort(key=lambda r: r["name"])  # one batch: the same time, in id order
    assert records[0]["measures"] == {"buy-from-local-area": 40, "shop-local-or-volunteer": 12.5}

    export_pledges(store, "csv", tmp_path / "p.csv", PledgeFilter())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "p.csv").read_text("utf-8-sig"))))
    rows.sort(key=lambda r: r["name"])
    assert rows[0]["measures"] == "buy-from-local-area=40;shop-local-or-volunteer=12.5"
    assert rows[1]["measures"] == ""

    export_pledges(store, "xlsx", tmp_path / "p.xlsx", PledgeFilter())
    sheet = load_workbook(tmp_path / "p.xlsx").active
    assert sheet is not None
    values = list(sheet.values)
    column, name = values[0].index("measures"), values[0].index("name")
    cells = {row[name]: row[column] for row in values[1:]}
    assert cells["Amelia Patel"] == "buy-from-local-area=40;shop-local-or-volunteer=12.5"


def test_a_database_from_before_measures_upgrades_and_keeps_its_pledges(
    data_dir: Path,
) -> None:
    paths = resolve_paths(data_dir)
    engine = create_sqlite_engine(paths.database)
    migrate.upgrade(engine, "0004_sync")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO events VALUES (:e, 'Launch summit', 'Town hall', '2020-01-29', 100,"
                " '2020-01-29 09:00:00.000000')"
            ),
            {"e": EVENT_ID},
        )
        conn.execute(
            text(
                "INSERT INTO pledges (id, created_at, updated_at, event_id, device_id,"
                " pledger_type, name, actions, consent_contact, consent_publish_name, status,"
                " source) VALUES (:id, '2020-01-29 10:00:00.000000', '2020-01-29 10:00:00.000000',"
                " :e, 'dddddddd-0000-4000-8000-000000000000', 'business', 'Old Town Bakery',"
                " '[\"buy-from-local-area\"]', 0, 1, 'active', 'kiosk')"
            ),
            {"id": PLEDGE_ID, "e": EVENT_ID},
        )
    engine.dispose()

    store = Store.open(paths)
    try:
        assert migrate.current_revision(store.db.engine) == migrate.head_revision()
        kept = store.get_pledge(PLEDGE_ID)
        assert kept is not None and kept.measures == {} and kept.name == "Old Town Bakery"
        added = store.add_pledges(
            [pledge(measures={"buy-from-local-area": 25})], source="cli", actor="test"
        )
        with store.db.read() as session:
            queued = session.scalar(
                text("SELECT count(*) FROM outbox WHERE pledge_id = :id"), {"id": added.ids[0]}
            )
        assert queued == 1  # the outbox triggers survived the new column
        new = store.get_pledge(added.ids[0])
        assert new is not None and new.measures == {"buy-from-local-area": 25}
    finally:
        store.close()


def test_staff_corrections_keep_measures_with_their_actions(store: Store) -> None:
    from charter_desktop.core.pledges.edit import correct_pledge

    [pledge_id] = store.add_pledges(
        [
            pledge(
                actions=["buy-from-local-area", "supported-work-placements"],
                measures={"buy-from-local-area": 30, "supported-work-placements": 2},
            )
        ],
        source="cli",
        actor="test",
    ).ids
    with store.db.write() as session:
        edited = correct_pledge(
            session, store.catalogue, pledge_id, {"actions": ["supported-work-placements"]}
        )
    assert edited.measures == {"supported-work-placements": 2}
    with store.db.write() as session:
        edited = correct_pledge(
            session, store.catalogue, pledge_id, {"measures": {"supported-work-placements": 4}}
        )
    assert edited.measures == {"supported-work-placements": 4}
    with store.db.write() as session, pytest.raises(ValidationError):
        correct_pledge(session, store.catalogue, pledge_id, {"measures": {"apprentices": 1}})


def test_refused_actions_do_not_pile_up_measure_errors() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_pledge(
            pledge(actions=["no-such-action"], measures={"buy-from-local-area": 3}), CATALOGUE
        )
    assert [e.field for e in caught.value.errors] == ["actions"]
