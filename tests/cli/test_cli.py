"""The command line as users and scripts run it: a real subprocess on a real data folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from charter_desktop import __version__
from charter_desktop.core.resources import resource_path
from tests.helpers import pledge, run_cli


def assert_clean_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_version_and_help() -> None:
    assert run_cli(None, "--version").stdout.strip() == f"charter-desktop {__version__}"
    for command in ([], ["pledge", "add"], ["export"], ["demo"], ["catalogue"], ["event"]):
        result = run_cli(None, *command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout


def test_catalogue_lists_every_charter_action(data_dir: Path) -> None:
    actions = json.loads(run_cli(data_dir, "catalogue", "--json").stdout)
    assert len(actions) == 11
    assert {a["benefit"] for a in actions} == {"fairer-society", "resilient-economy"}
    labels = {a["label"] for a in actions}
    assert "Providing careers advice in schools" in labels
    assert "Working with partners to develop local supply chains" in labels
    placements = next(a for a in actions if a["id"] == "supported-work-placements")
    assert placements["measure"]["unit"] == "placements a year"


def test_pledge_add_prints_ids_and_list_shows_them(data_dir: Path) -> None:
    result = run_cli(
        data_dir,
        "pledge",
        "add",
        "--json",
        "-",
        stdin=json.dumps([pledge(name="Zofia Nowak"), pledge(name="李娜")]),
    )
    assert result.returncode == 0, result.stderr
    ids = json.loads(result.stdout)
    listed = json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout)
    assert {p["id"]: p["name"] for p in listed} == dict(
        zip(ids, ["Zofia Nowak", "李娜"], strict=True)
    )


def test_pledge_add_from_a_file(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.json"
    source.write_text(json.dumps(pledge(pledge_text="I will mentor a new business.")))
    result = run_cli(data_dir, "pledge", "add", "--json", str(source))
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 1


def test_a_bad_batch_names_item_and_field_and_stores_nothing(data_dir: Path) -> None:
    batch = [pledge(), pledge(email="not-an-email", consent_contact=True), pledge()]
    result = run_cli(data_dir, "pledge", "add", "--json", "-", stdin=json.dumps(batch))
    assert_clean_failure(result, "nothing was stored", "pledge 2", "email")
    assert json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout) == []


def test_partial_stores_the_good_and_reports_the_bad(data_dir: Path) -> None:
    batch = [pledge(), pledge(pledger_type="robot"), pledge()]
    result = run_cli(data_dir, "pledge", "add", "--json", "-", "--partial", stdin=json.dumps(batch))
    assert_clean_failure(result, "pledge 2", "pledger_type")
    assert len(json.loads(result.stdout)) == 2
    assert len(json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout)) == 2


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["pledge", "add", "--json", "-"], "{not json", ["not valid JSON", "line 1"]),
        (["pledge", "add", "--json", "-"], "42", ["expected a pledge object"]),
        (["pledge", "add", "--json", "/no/such/file.json"], None, ["cannot read"]),
        (["pledge", "add"], None, ["--json"]),
        (["export", "--format", "xml", "--out", "x"], None, ["invalid choice"]),
        (["export", "--format", "csv", "--out", "/no/such/dir/x.csv"], None, ["cannot write"]),
        (
            ["export", "--format", "csv", "--out", "x.csv", "--date", "22/11/2026"],
            None,
            ["YYYY-MM-DD"],
        ),
        (["demo", "--pledges", "-5"], None, ["whole number"]),
        (["event", "use", "nope"], None, ["no event"]),
        (["nonsense"], None, ["invalid choice"]),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    data_dir: Path, args: list[str], stdin: str | None, words: list[str]
) -> None:
    assert_clean_failure(run_cli(data_dir, *args, stdin=stdin), *words)


def test_demo_then_json_export_of_1000_matches_the_schema(data_dir: Path, tmp_path: Path) -> None:
    assert run_cli(data_dir, "demo", "--pledges", "1000").returncode == 0
    out = tmp_path / "day.json"
    result = run_cli(data_dir, "export", "--format", "json", "--out", str(out))
    assert result.returncode == 0 and "1000 pledges" in result.stdout
    document = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(resource_path("schema/charter-pledges.schema.json").read_text())
    jsonschema.validate(document, schema)
    assert len(document["pledges"]) == len({p["id"] for p in document["pledges"]}) == 1000


def test_export_filters_by_event_and_date(data_dir: Path, tmp_path: Path) -> None:
    event_id = run_cli(
        data_dir, "event", "add", "--name", "Launch summit", "--date", "2020-01-29", "--use"
    ).stdout.strip()
    run_cli(
        data_dir,
        "pledge",
        "add",
        "--json",
        "-",
        stdin=json.dumps(
            [pledge(created_at="2020-01-29T12:00:00Z"), pledge(created_at="2020-01-30T12:00:00Z")]
        ),
    )
    out = tmp_path / "f.json"
    run_cli(
        data_dir,
        "export",
        "--format",
        "json",
        "--out",
        str(out),
        "--event",
        event_id,
        "--date",
        "2020-01-29",
    )
    pledges = json.loads(out.read_text())["pledges"]
    assert [p["created_at"][:10] for p in pledges] == ["2020-01-29"]


def test_export_then_import_into_an_empty_kiosk_is_identical(
    data_dir: Path, tmp_path: Path
) -> None:
    made = run_cli(data_dir, "demo", "--pledges", "50", "--seed", "9")
    assert made.returncode == 0, made.stderr
    first = tmp_path / "first.json"
    exported = run_cli(data_dir, "export", "--format", "json", "--out", str(first))
    assert exported.returncode == 0, exported.stderr
    other = tmp_path / "other-kiosk"
    result = run_cli(other, "pledge", "add", "--json", str(first))
    assert result.returncode == 0, result.stderr
    second = tmp_path / "second.json"
    again = run_cli(other, "export", "--format", "json", "--out", str(second))
    assert again.returncode == 0, again.stderr
    before, after = json.loads(first.read_text()), json.loads(second.read_text())
    assert len(before["pledges"]) == 50 and after["pledges"] == before["pledges"]


def test_a_pledge_survives_sigkill_right_after_the_command_returns(data_dir: Path) -> None:
    # The add runs in a child that is killed the moment it has printed the id.
    code = (
        "import json, os, signal, sys\n"
        "from charter_desktop.cli import main\n"
        "sys.argv = ['charter-desktop']\n"
        f"main(['--data-dir', {str(data_dir)!r}, 'pledge', 'add', '--json', '-'])\n"
        "sys.stdout.flush()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(pledge(name="Kept")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL
    (pledge_id,) = json.loads(child.stdout)
    listed = json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout)
    assert [(p["id"], p["name"]) for p in listed] == [(pledge_id, "Kept")]


def test_logs_go_to_the_log_folder_without_personal_data(data_dir: Path) -> None:
    run_cli(
        data_dir,
        "pledge",
        "add",
        "--json",
        "-",
        stdin=json.dumps(
            pledge(name="Canary Q. Person", email="canary@example.org", consent_contact=True)
        ),
    )
    run_cli(data_dir, "--debug", "pledge", "list", "--json")
    log_text = (data_dir / "logs" / "charter-desktop.log").read_text()
    assert "stored 1 pledges from cli" in log_text
    assert "Canary" not in log_text and "canary@" not in log_text


def test_without_data_dir_the_user_data_folder_is_used(isolated_user_dirs: Path) -> None:
    env_home = Path(os.environ["XDG_DATA_HOME"])
    run_cli(None, "pledge", "add", "--json", "-", stdin=json.dumps(pledge()))
    assert (env_home / "charter-desktop" / "charter.sqlite3").is_file()


def test_json_round_trip_of_1000_demo_pledges_keeps_every_field(
    data_dir: Path, tmp_path: Path
) -> None:
    from charter_desktop.core.storage.paths import resolve_paths
    from charter_desktop.core.store import Store

    assert run_cli(data_dir, "demo", "--pledges", "1000", "--seed", "4").returncode == 0
    first = tmp_path / "first.json"
    assert run_cli(data_dir, "export", "--format", "json", "--out", str(first)).returncode == 0
    other = tmp_path / "empty-kiosk"
    result = run_cli(other, "pledge", "add", "--json", str(first))
    assert result.returncode == 0, result.stderr
    stores = [Store.open(resolve_paths(d)) for d in (data_dir, other)]
    try:
        before, after = (
            {p.id: (p.to_json(), p.erased_at) for p in s.list_pledges()} for s in stores
        )
        events = [s.current_event() for s in stores]
    finally:
        for s in stores:
            s.close()
    assert len(before) == 1000 and after == before
    assert len(json.loads(first.read_text())["pledges"]) == 1000
    assert events[0].id in {p[0]["event_id"] for p in after.values()}


def test_xlsx_export_and_the_include_contact_warning(data_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    run_cli(data_dir, "demo", "--pledges", "20", "--seed", "2")
    out = tmp_path / "pledges.xlsx"
    result = run_cli(data_dir, "export", "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "only for people who consented" in result.stdout
    assert load_workbook(out).active.max_row == 21
    result = run_cli(
        data_dir, "export", "--format", "csv", "--out", str(tmp_path / "a.csv"),
        "--include-contact",
    )  # fmt: skip
    assert result.returncode == 0 and "ARE included" in result.stderr


def test_import_paper_stores_good_rows_and_lists_rejected_ones(
    data_dir: Path, tmp_path: Path
) -> None:
    cards = tmp_path / "cards.csv"
    cards.write_text(
        "name,pledger_type,actions,consent_contact\r\n"
        "Paper Person,resident,buy-from-local-area,no\r\n"
        "No Type,,buy-from-local-area,no\r\n",
        encoding="utf-8",
    )
    result = run_cli(data_dir, "pledge", "import-paper", str(cards))
    assert result.returncode == 2
    assert "Stored 1 paper pledge; rejected 1 row." in result.stdout
    assert "row 3 rejected: pledger_type" in result.stderr
    listed = json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout)
    assert [p["name"] for p in listed] == ["Paper Person"]
