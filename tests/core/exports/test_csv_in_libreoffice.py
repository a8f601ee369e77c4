"""A CSV export opened by real LibreOffice (headless) evaluates no formula, while the same
converter does evaluate a raw formula in a control file, so the check can fail."""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import load_workbook

from charter_desktop.core.exports.csv_export import unneutralise
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.store import Store
from tests.helpers import need_tool, pledge

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.org/x","click")',
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    '=cmd|" /C calc"!A0',
    'Zoë 👩🏽‍🚀, "quoted"',
    "محمد الأحمد",
]


def _to_xlsx(soffice: str, csv_file: Path, outdir: Path) -> Path:
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(outdir / 'lo-profile').as_uri()}",
            "--headless",
            # Comma, double quote, UTF-8 (76), from line 1: what a user picks in the dialog.
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(csv_file),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / (csv_file.stem + ".xlsx")


def test_libreoffice_evaluates_no_formula_from_an_export(store: Store, tmp_path: Path) -> None:
    soffice = need_tool("soffice")
    control = tmp_path / "control.csv"
    control.write_text("name\r\n=1+1\r\n", encoding="utf-8")
    sheet = load_workbook(_to_xlsx(soffice, control, tmp_path)).active
    assert sheet["A2"].data_type == "f"  # the converter would run an unneutralised formula

    items = [pledge(name=f, organisation=f, pledge_text=f + "\nsecond line") for f in FORMULAS]
    store.add_pledges(items, source="cli", actor="test")
    out = tmp_path / "export.csv"
    export_pledges(store, "csv", out, PledgeFilter())
    sheet = load_workbook(_to_xlsx(soffice, out, tmp_path)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    names = [unneutralise(str(r[header.index("name")])) for r in rows[1:]]
    assert sorted(names) == sorted(FORMULAS)
    texts = {unneutralise(str(r[header.index("pledge_text")])) for r in rows[1:]}
    assert texts == {f + "\nsecond line" for f in FORMULAS}
