"""Exports: the JSON document matches its schema; CSV round-trips through Python's csv."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import jsonschema
import pytest

from charter_desktop.core.exports.csv_export import neutralise, unneutralise
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.resources import resource_path
from charter_desktop.core.store import Store
from tests.helpers import pledge

SCHEMA = json.loads(resource_path("schema/charter-pledges.schema.json").read_text())
TRICKY = [
    "Smith, Jane",
    'The "Bakery"',
    "Zoë 👩🏽‍🚀",
    "محمد الأحمد",
    '=HYPERLINK("http://x")',
    "+44 sum",
    "-2+3",
    "@SUM(A1)",
    "'quoted",
]


def test_json_export_validates_against_the_shipped_schema(store: Store, tmp_path: Path) -> None:
    from charter_desktop.core.pledges.demo import demo_pledges

    store.add_pledges(demo_pledges(store.catalogue, 200, seed=3), source="demo", actor="test")
    out = tmp_path / "pledges.json"
    result = export_pledges(store, "json", out, PledgeFilter())
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert result.count == len(document["pledges"]) == 200
    assert document["device_id"] == store.device_id
    assert [e["id"] for e in document["events"]] == [store.current_event().id]


def test_an_empty_export_is_still_a_valid_document(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    export_pledges(store, "json", out, PledgeFilter())
    jsonschema.validate(json.loads(out.read_text()), SCHEMA)


@pytest.mark.parametrize("text", TRICKY)
def test_neutralising_is_undone_exactly(text: str) -> None:
    assert unneutralise(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_reads_back_with_the_same_values(store: Store, tmp_path: Path) -> None:
    texts = [f'{t}\nwill help,\r\n"really"' for t in TRICKY]
    items = [
        pledge(name=t, pledge_text=x, organisation=t) for t, x in zip(TRICKY, texts, strict=True)
    ]
    store.add_pledges(items, source="cli", actor="test")
    out = tmp_path / "pledges.csv"
    export_pledges(store, "csv", out, PledgeFilter())
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The header other councils' tools read, spelled out as the interchange fixes it.
    assert list(rows[0]) == [
        "id", "created_at", "updated_at", "event_id", "device_id", "pledger_type", "name",
        "organisation", "email", "phone", "postcode", "actions", "pledge_text",
        "consent_contact", "consent_publish_name", "status", "measures",
    ]  # fmt: skip
    back = {unneutralise(r["name"]): r for r in rows}
    assert sorted(back) == sorted(TRICKY)
    for name, text in zip(TRICKY, texts, strict=True):
        assert unneutralise(back[name]["organisation"]) == name
        assert unneutralise(back[name]["pledge_text"]) == text.replace("\r\n", "\n")
    assert {r["consent_contact"] for r in rows} == {"false"}


def test_a_failed_export_leaves_no_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_pledges([pledge()], source="cli", actor="test")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "pledges.csv"
    out.write_text("yesterday's export")

    class Boom(Exception):
        pass

    import charter_desktop.core.exports.service as service

    def failing(handle: IO[str], rows: Iterable[Sequence[Any]]) -> int:
        handle.write("partial,row")
        raise Boom

    monkeypatch.setattr(service, "write_csv", failing)
    with pytest.raises(Boom):
        export_pledges(store, "csv", out, PledgeFilter())
    assert out.read_text() == "yesterday's export"
    assert [p.name for p in folder.iterdir()] == ["pledges.csv"]


def _contact_without_consent(store: Store) -> str:
    """A pledge holding an email although contact consent is off (older data, or consent
    withdrawn later): validation refuses that today, so it is written directly."""
    from sqlalchemy import update

    from charter_desktop.core.storage.models import PledgeRow

    pledge_id = store.add_pledges([pledge()], source="cli", actor="test").ids[0]
    with store.db.write() as session:
        session.execute(
            update(PledgeRow)
            .where(PledgeRow.id == pledge_id)
            .values(email="old@example.org", phone="01438 123456")
        )
    return pledge_id


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_contact_details_need_consent_unless_explicitly_included(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    _contact_without_consent(store)
    store.add_pledges(
        [pledge(name="Yes Contact", email="yes@example.org", consent_contact=True)],
        source="cli",
        actor="test",
    )
    default, included = tmp_path / f"default.{fmt}", tmp_path / f"all.{fmt}"
    export_pledges(store, fmt, default, PledgeFilter())
    export_pledges(store, fmt, included, PledgeFilter(), include_contact=True)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        def text(p: Path) -> str:
            return repr(list(load_workbook(p).active.values))
    else:

        def text(p: Path) -> str:
            return p.read_text(encoding="utf-8-sig")

    assert "yes@example.org" in text(default)
    assert "old@example.org" not in text(default) and "01438" not in text(default)
    assert "old@example.org" in text(included) and "01438 123456" in text(included)


def test_the_fast_csv_rows_equal_the_pledges_json(store: Store, tmp_path: Path) -> None:
    from charter_desktop.core.exports.csv_export import write_csv
    from charter_desktop.core.exports.rows import json_row
    from charter_desktop.core.pledges.demo import demo_pledges

    store.add_pledges(demo_pledges(store.catalogue, 300, seed=8), source="demo", actor="test")
    out = tmp_path / "fast.csv"
    export_pledges(store, "csv", out, PledgeFilter(), include_contact=True)
    slow = tmp_path / "slow.csv"
    with slow.open("w", encoding="utf-8", newline="") as handle:
        write_csv(handle, (json_row(p.to_json()) for p in store.list_pledges()))
    assert out.read_bytes() == slow.read_bytes()


def test_xlsx_has_typed_cells_a_frozen_header_and_never_a_formula(
    store: Store, tmp_path: Path
) -> None:
    from datetime import datetime

    from openpyxl import load_workbook

    items = [pledge(name=t, organisation=t, pledge_text=t + "\nline") for t in TRICKY]
    store.add_pledges(items, source="cli", actor="test")
    out = tmp_path / "pledges.xlsx"
    result = export_pledges(store, "xlsx", out, PledgeFilter())
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    assert header[:3] == ["id", "created_at (UTC)", "updated_at (UTC)"]
    assert len(rows) == result.count + 1 == len(TRICKY) + 1
    names = []
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=True))
        assert isinstance(cells["created_at (UTC)"].value, datetime)
        assert cells["created_at (UTC)"].is_date
        assert cells["consent_contact"].value is False
        for cell in row:
            assert cell.data_type != "f", cell.value
        names.append(cells["name"].value)
    assert sorted(names) == sorted(TRICKY)
