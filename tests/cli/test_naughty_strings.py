"""Every string of the Big List of Naughty Strings, as a name and as a pledge text, through
the command line and the exports: refused with a clear message, or stored and exported exactly."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.exports.csv_export import unneutralise
from charter_desktop.core.pledges.validation import validate_pledge
from tests.helpers import run_cli

CATALOGUE = load_catalogue()


def expected_text(text: str, multiline: bool) -> str | None:
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text).strip() or None


def test_naughty_strings_through_cli_and_exports(
    naughty_strings: list[str], data_dir: Path, tmp_path: Path
) -> None:
    items = []
    for n, text in enumerate(naughty_strings):
        items.append({"name": text[:100] or "(empty)", "pledger_type": "resident",
                      "actions": ["shop-local-or-volunteer"], "pledge_text": text[:1000] or None,
                      "id": f"00000000-0000-4000-8000-{n:012d}"})  # fmt: skip
    source = tmp_path / "naughty.json"
    source.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    result = run_cli(data_dir, "pledge", "add", "--json", str(source), "--partial")
    assert "Traceback" not in result.stderr
    added = set(json.loads(result.stdout))
    rejected_lines = [line for line in result.stderr.splitlines() if "rejected pledge" in line]

    expected_refusals = 0
    for item in items:
        try:
            validate_pledge(item, CATALOGUE)
        except ValidationError:
            expected_refusals += 1
            assert item["id"] not in added
        else:
            assert item["id"] in added
    assert len(added) + expected_refusals == len(items)
    assert len(rejected_lines) == min(expected_refusals, 20)
    assert all(("name:" in line or "pledge_text:" in line) for line in rejected_lines)

    out_json, out_csv = tmp_path / "out.json", tmp_path / "out.csv"
    assert run_cli(data_dir, "export", "--format", "json", "--out", str(out_json)).returncode == 0
    assert run_cli(data_dir, "export", "--format", "csv", "--out", str(out_csv)).returncode == 0
    exported = {p["id"]: p for p in json.loads(out_json.read_text(encoding="utf-8"))["pledges"]}
    with out_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert set(exported) == set(rows) == added
    for item in items:
        if item["id"] not in added:
            continue
        name = expected_text(str(item["name"]), multiline=False)
        pledge_text = expected_text(str(item["pledge_text"] or ""), multiline=True)
        assert exported[item["id"]]["name"] == name
        assert exported[item["id"]]["pledge_text"] == pledge_text
        assert unneutralise(rows[item["id"]]["name"]) == name
        assert unneutralise(rows[item["id"]]["pledge_text"]) == (pledge_text or "")
