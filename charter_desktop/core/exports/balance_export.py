"""The community balance sheet as a file: the whole town's lines, then each organisation's,
as CSV (UTF-8 with BOM, formulas neutralised) or XLSX (text cells never formulas)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from charter_desktop.core.exports.csv_export import neutralise
from charter_desktop.core.insight.figures import BalanceLine, Insight
from charter_desktop.core.storage.atomic import atomic_bytes, atomic_text

FORMATS = ("csv", "xlsx")
HEADER = ("who", "benefit", "action", "measure", "unit", "total", "value", "pledges")


def _row(line: BalanceLine) -> tuple[str, str, str, str, str, str, float, int]:
    # "total" says how the value was made: a sum, or the mean of a share in %.
    return (line.holder, line.benefit, line.action_id, line.measure, line.unit, line.total,
            line.value, line.pledges)  # fmt: skip


def balance_lines(insight: Insight) -> list[BalanceLine]:
    return [*insight.balance_town, *insight.balance_organisations]


def write_balance_sheet(lines: Sequence[BalanceLine], fmt: str, path: Path) -> int:
    """Write `lines` to `path` (complete or not there at all); returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown balance sheet format {fmt!r}; choose csv or xlsx")
    if fmt == "csv":
        with atomic_text(path, newline="") as out:
            out.write("\ufeff")
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(HEADER)
            for line in lines:
                writer.writerow(
                    [neutralise(v) if isinstance(v, str) else f"{v:g}" for v in _row(line)]
                )
        return len(lines)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Balance sheet")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (30, 26, 30, 40, 18, 8, 12, 9), strict=True):
        sheet.column_dimensions[letter].width = width
    header = []
    for title in HEADER:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for line in lines:
        cells = []
        for value in _row(line):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, never a formula
            cells.append(cell)
        sheet.append(cells)
    with atomic_bytes(path) as binary:
        book.save(binary)
    return len(lines)
