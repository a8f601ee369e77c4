"""The community balance sheet as CSV and XLSX, and the `balance-sheet` command, against the
hand-counted fixture of tests/fixtures/insight.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from charter_desktop.core.exports.balance_export import (
    HEADER,
    balance_lines,
    write_balance_sheet,
)
from charter_desktop.core.insight.queries import store_insight
from charter_desktop.core.store import Store
from tests.fixtures.insight import fill
from tests.helpers import run_cli

EXPECTED = [
    ["Whole town", "supported-work-placements", "sum", "5", "2"],
    ["Whole town", "shop-local-or-volunteer", "sum", "12.5", "1"],
    ["Whole town", "buy-from-local-area", "mean", "50", "2"],
    ["Old Town Bakery", "supported-work-placements", "sum", "5", "2"],
    ["Old Town Bakery", "buy-from-local-area", "mean", "60", "1"],
    ["Repair Café", "shop-local-or-volunteer", "sum", "12.5", "1"],
    ["Individual pledgers", "buy-from-local-area", "mean", "40", "1"],
]


def short(rows: list[list[str]]) -> list[list[str]]:
    return [[r[0], r[2], r[5], r[6], r[7]] for r in rows]


def test_csv_and_xlsx_hold_the_hand_counted_lines(store: Store, tmp_path: Path) -> None:
    current, _ = fill(store)
    lines = balance_lines(store_insight(store, current))
    assert write_balance_sheet(lines, "csv", tmp_path / "b.csv") == 7
    rows = list(csv.reader(io.StringIO((tmp_path / "b.csv").read_text("utf-8-sig"))))
    assert tuple(rows[0]) == HEADER
    assert short(rows[1:]) == EXPECTED
    write_balance_sheet(lines, "xlsx", tmp_path / "b.xlsx")
    sheet = load_workbook(tmp_path / "b.xlsx").active
    assert sheet is not None
    values = [[("" if v is None else f"{v:g}" if isinstance(v, float | int) else v)
               for v in row] for row in sheet.values]  # fmt: skip
    assert short(values[1:]) == EXPECTED


def test_an_organisation_named_like_a_formula_stays_text(store: Store, tmp_path: Path) -> None:
    store.add_pledges(
        [{"name": "X", "pledger_type": "business", "organisation": "=HYPERLINK(1)",
          "actions": ["break-down-training-barriers"],
          "measures": {"break-down-training-barriers": 2}}],
        source="cli", actor="test",
    )  # fmt: skip
    lines = balance_lines(store_insight(store))
    write_balance_sheet(lines, "csv", tmp_path / "b.csv")
    assert "'=HYPERLINK(1)" in (tmp_path / "b.csv").read_text("utf-8-sig")
    write_balance_sheet(lines, "xlsx", tmp_path / "b.xlsx")
    sheet = load_workbook(tmp_path / "b.xlsx").active
    assert sheet is not None
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_the_balance_sheet_command(store: Store, tmp_path: Path) -> None:
    current, _ = fill(store)
    data_dir = store.paths.data_dir
    store.close()
    out = tmp_path / "sheet.csv"
    result = run_cli(data_dir, "balance-sheet", "--out", str(out), "--event", current)
    assert result.returncode == 0, result.stderr
    assert "Balance sheet of 7 lines" in result.stdout
    everything = run_cli(data_dir, "balance-sheet", "--out", str(tmp_path / "all.xlsx"))
    assert "Balance sheet of 9 lines" in everything.stdout  # + careers advice, town and person


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--out", "{tmp}/sheet.pdf"], ".csv or .xlsx"),
        (["--out", "{tmp}/missing/sheet.csv"], "does not exist"),
        (["--out", "{tmp}/sheet.csv", "--event", "nope"], "no event with id nope"),
    ],
)
def test_bad_balance_sheet_input_is_one_line_and_exit_2(
    data_dir: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    result = run_cli(data_dir, "balance-sheet", *(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0]
