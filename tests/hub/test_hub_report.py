"""`hub report`: the impact report on the hub's merged pledges from every kiosk."""

from __future__ import annotations

from pathlib import Path

from charter_desktop.core import events as event_store
from charter_desktop.core.clock import utc_now
from charter_desktop.core.exports.json_export import event_json
from charter_desktop.core.store import Store
from charter_desktop.hub.batch_check import CheckedBatch, check_event, check_records
from charter_desktop.hub.db import open_hub_database
from charter_desktop.hub.ingest import merge_checked, merge_events
from tests.fixtures.insight import ERASED_NAME, QUOTE_SHOWN, SECRET_NAME, WITHDRAWN_WORDS, fill
from tests.helpers import run_cli
from tests.pdftools import flat, pdf_text


def test_hub_report_counts_every_kiosks_pledges(store: Store, tmp_path: Path) -> None:
    fill(store)
    with store.db.read() as session:
        events = [event_json(e) for e in event_store.list_events(session)]
    kept = [p.to_json() for p in store.list_pledges() if p.erased_at is None]
    erased = [p.id for p in store.list_pledges() if p.erased_at is not None]
    db_path = tmp_path / "hub.sqlite3"
    db = open_hub_database(str(db_path))
    checked = CheckedBatch(device_id=store.device_id)
    check_records(checked, store.catalogue, kept, erased, utc_now())
    assert not checked.rejected and not checked.foreign
    with db.write() as session:
        merge_events(session, [check_event(e, "event") for e in events], store.device_id)
        merge_checked(session, checked, source="sync", received_from="test")
    db.dispose()

    out = tmp_path / "hub.pdf"
    done = run_cli(None, "hub", "report", "--db", str(db_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Impact report of 6 pledges" in done.stdout
    text = "\n".join(pdf_text(out.read_bytes()))
    assert "6 of 150 pledges (4%)" in text  # both events; withdrawn and erased not counted
    assert "5 placements a year" in text and "4 sessions a year" in text
    assert flat(QUOTE_SHOWN) in flat(text) and "Baker Bob" in text
    for never in (SECRET_NAME, WITHDRAWN_WORDS, ERASED_NAME):
        assert flat(never) not in flat(text)

    sheet = tmp_path / "hub.csv"
    done = run_cli(None, "hub", "balance-sheet", "--db", str(db_path), "--out", str(sheet))
    assert done.returncode == 0, done.stderr
    assert "Balance sheet of 9 lines" in done.stdout  # as the kiosk's own, for all events
    assert "Gone Ltd" not in sheet.read_text("utf-8-sig")  # erased


def test_hub_report_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "hub.sqlite3")
    for args in (
        ["--db", db, "--out", str(tmp_path / "report.docx")],
        ["--db", db, "--out", str(tmp_path / "missing" / "report.pdf")],
    ):
        result = run_cli(None, "hub", "report", *args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_a_hub_database_from_before_measures_upgrades(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from charter_desktop.hub import db as hub_db

    url = str(tmp_path / "old-hub.sqlite3")
    engine = hub_db.hub_engine(url)
    config = hub_db._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "hub_0001")
    engine.dispose()
    opened = hub_db.open_hub_database(url)
    try:
        assert hub_db.current_revision(opened.engine) == hub_db.head_revision()
        columns = {c["name"] for c in inspect(opened.engine).get_columns("pledges")}
        assert "measures" in columns
    finally:
        opened.dispose()
