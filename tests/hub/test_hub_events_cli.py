"""Events made at the hub (`hub event add`, `hub event list`): the summit every kiosk takes
pledges for. The hub keeps its own description of them whatever kiosks send, and `hub report
--event` covers one summit across every kiosk."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from charter_desktop.core import events as kiosk_events
from charter_desktop.hub.db import hub_engine
from tests.fixtures.attack import Kiosk, opened
from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli
from tests.pdftools import pdf_text


def add_event(db: str, *args: str) -> str:
    made = run_cli(None, "hub", "event", "add", "--db", db, *args)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def test_an_event_made_at_the_hub_prints_its_id_and_is_listed(hub_db_url: str) -> None:
    made = run_cli(None, "hub", "event", "add", "--db", hub_db_url, "--name", "Launch summit",
                   "--date", "2027-03-01", "--place", "Town hall", "--target", "300")  # fmt: skip
    assert made.returncode == 0, made.stderr
    summit = made.stdout.strip()
    assert made.stdout == summit + "\n" and str(uuid.UUID(summit)) == summit  # the id alone
    fair = add_event(hub_db_url, "--name", "Community fair", "--date", "2027-02-10")

    listed = run_cli(None, "hub", "event", "list", "--db", hub_db_url, "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [
        {"id": fair, "name": "Community fair", "date": "2027-02-10", "place": "", "target": 100},
        {"id": summit, "name": "Launch summit", "date": "2027-03-01", "place": "Town hall",
         "target": 300},
    ]  # fmt: skip
    text = run_cli(None, "hub", "event", "list", "--db", hub_db_url)
    assert text.returncode == 0
    [first, second] = text.stdout.splitlines()
    assert first.startswith(fair) and "Community fair" in first
    assert second.startswith(summit) and "Town hall" in second and "target 300" in second


def test_bad_event_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "hub.sqlite3")
    for args, said in (
        (["--name", "  ", "--date", "2027-03-01"], "name: is required"),
        (["--name", "x" * 121, "--date", "2027-03-01"], "the limit is 120"),
        (["--name", "Summit", "--date", "2027-03-01", "--place", "y" * 121], "place:"),
        (["--name", "Summit", "--date", "1 March"], "YYYY-MM-DD"),
        (["--name", "Summit", "--date", "2027-03-01", "--target", "0"], "1 to 1000000"),
        (["--name", "Summit", "--date", "2027-03-01", "--target", "1000001"], "1 to 1000000"),
    ):
        result = run_cli(None, "hub", "event", "add", "--db", db, *args)
        assert result.returncode == 2, args
        assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert result.stdout == ""
    empty = run_cli(None, "hub", "event", "list", "--db", db, "--json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == []  # nothing half-made


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[HubProcess]:
    logs = tmp_path / "hub-logs"
    logs.mkdir()
    hub = HubProcess(str(tmp_path / "hub.sqlite3"), logs)
    hub.start()
    yield hub
    hub.stop()


def kiosk_for(folder: Path, hub: HubProcess, event_id: str, name: str) -> Kiosk:
    """A kiosk whose current event has the hub event's id, under a name of its own, enrolled
    at the hub for that event (as a claimed kiosk pack leaves it: the hub takes pledges for
    an event it made only from kiosks enrolled for it)."""
    folder.mkdir()
    with opened(folder) as store, store.db.write() as session:
        kiosk_events.create_event(session, name, date(2027, 3, 1), target=5, event_id=event_id)
        kiosk_events.set_current_event(session, event_id)
    kiosk = Kiosk(folder, hub, hub.token(folder.name))
    engine = hub_engine(hub.db_url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE devices SET enrolled_events = :events WHERE name = :name"),
            {"events": json.dumps([event_id]), "name": folder.name},
        )
    engine.dispose()
    return kiosk


def test_every_kiosks_pledges_count_for_one_hub_event_and_its_report(
    sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    hub = sqlite_hub
    summit = add_event(hub.db_url, "--name", "Launch summit", "--date", "2027-03-01",
                       "--place", "Town hall", "--target", "40")  # fmt: skip
    kiosks = [
        kiosk_for(tmp_path / "hall-a", hub, summit, "Summit (hall A)"),
        kiosk_for(tmp_path / "hall-b", hub, summit, "Summit renamed by B"),
    ]
    for number, kiosk in enumerate(kiosks):
        for n in range(3 + number):
            kiosk.add(name=f"Attendee {number}-{n}")
    # Hall B also takes pledges at an event of its own, after the summit.
    with opened(kiosks[1].folder) as store:
        kiosk_events.add_event(store, "Library drop-in", date(2027, 4, 2), target=9, use=True)
    kiosks[1].add(name="Library visitor")
    for kiosk in kiosks:
        result = kiosk.sync()
        assert result.ok, result.error
    assert hub.count() == 8

    listed = json.loads(run_cli(None, "hub", "event", "list", "--db", hub.db_url,
                                "--json").stdout)  # fmt: skip
    # One summit, as the hub described it: no kiosk renames it.
    assert [e for e in listed if e["id"] == summit] == [
        {"id": summit, "name": "Launch summit", "date": "2027-03-01", "place": "Town hall",
         "target": 40}
    ]  # fmt: skip
    assert sorted(e["name"] for e in listed) == ["Launch summit", "Library drop-in"]

    out = tmp_path / "summit.pdf"
    done = run_cli(None, "hub", "report", "--db", hub.db_url, "--event", summit,
                   "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Impact report of 7 pledges" in done.stdout  # both halls, not the library
    text = "\n".join(pdf_text(out.read_bytes()))
    assert "7 of 40 pledges" in text and "Launch summit" in text
    assert "Library drop-in" not in text

    everything = run_cli(None, "hub", "report", "--db", hub.db_url,
                         "--out", str(tmp_path / "all.pdf"))  # fmt: skip
    assert "Impact report of 8 pledges" in everything.stdout

    sheet = tmp_path / "summit.csv"
    done = run_cli(None, "hub", "balance-sheet", "--db", hub.db_url, "--event", summit,
                   "--out", str(sheet))  # fmt: skip
    assert done.returncode == 0, done.stderr

    unknown = run_cli(None, "hub", "report", "--db", hub.db_url, "--event", "no-such-event",
                      "--out", str(tmp_path / "none.pdf"))  # fmt: skip
    assert unknown.returncode == 2 and "no event 'no-such-event'" in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "none.pdf").exists()
