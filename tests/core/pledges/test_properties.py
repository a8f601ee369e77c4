"""Property tests: any Unicode either gets a clean validation error or round-trips exactly
through storage and the CSV and JSON writers."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.exports.csv_export import COLUMNS, neutralise, unneutralise, write_csv
from charter_desktop.core.exports.json_export import write_json
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.pledges.validation import validate_pledge
from charter_desktop.core.text import TextError, clean_line, clean_multiline

CATALOGUE = load_catalogue()
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=300)
NOW = datetime(2026, 5, 14, 10, 30, tzinfo=UTC)


def as_pledge(name: str, text: str | None) -> Pledge:
    return Pledge(
        id="6f1c1b7e-1b7e-4c1e-9a4e-1c1b7e1b7e00", created_at=NOW, updated_at=NOW,
        event_id="0e8c5d1a-2f3b-4c5d-8e9f-0a1b2c3d4e5f",
        device_id="0e8c5d1a-2f3b-4c5d-8e9f-0a1b2c3d4e5f", pledger_type="resident", name=name,
        organisation=None, email=None, phone=None, postcode=None, actions=("local-supply-chains",),
        pledge_text=text, consent_contact=False, consent_publish_name=False, status="active",
        source="cli",
    )  # fmt: skip


@given(ANY_TEXT, ANY_TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_is_refused_cleanly_or_kept_normalised(name: str, text: str) -> None:
    item = {"name": name, "pledger_type": "resident", "pledge_text": text,
            "actions": ["local-supply-chains"]}  # fmt: skip
    try:
        result = validate_pledge(item, CATALOGUE)
    except ValidationError as exc:
        assert exc.errors and all(e.field in ("name", "pledge_text") for e in exc.errors)
        return
    assert result.name == unicodedata.normalize("NFC", name).strip()
    assert validate_pledge({**item, "name": result.name, "pledge_text": result.pledge_text},
                           CATALOGUE) == result  # fmt: skip


@given(ANY_TEXT)
def test_cleaning_is_idempotent(text: str) -> None:
    for clean in (clean_line, clean_multiline):
        try:
            once = clean(text, 1000)
        except TextError:
            continue
        assert clean(once, 1000) == once


@given(ANY_TEXT)
def test_neutralising_always_undoes(text: str) -> None:
    assert unneutralise(neutralise(text)) == text


@given(ANY_TEXT, ANY_TEXT)
@settings(max_examples=300)
def test_valid_text_round_trips_through_csv_and_json(name: str, text: str) -> None:
    try:
        clean_name = clean_line(name, 100) or "x"
        clean_text = clean_multiline(text, 1000) or None
    except TextError:
        return
    pledge = as_pledge(clean_name, clean_text)
    buffer = io.StringIO(newline="")
    record = pledge.to_json()
    write_csv(buffer, [[record[column] for column in COLUMNS]])
    (row,) = list(csv.DictReader(io.StringIO(buffer.getvalue().lstrip("\ufeff"), newline="")))
    assert unneutralise(row["name"]) == clean_name
    assert unneutralise(row["pledge_text"]) == (clean_text or "")
    out = io.StringIO()
    write_json(out, [record], device_id=pledge.device_id, exported_at=NOW)
    assert json.loads(out.getvalue())["pledges"] == [pledge.to_json()]
