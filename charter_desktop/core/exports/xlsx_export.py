"""The XLSX export: one sheet, a bold frozen header, times as real date-time cells (UTC),
consents as TRUE/FALSE, and every text cell stored as text, never as a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from charter_desktop.core.clock import parse_timestamp
from charter_desktop.core.exports.csv_export import ACTION_SEPARATOR, COLUMNS, measures_text

TIME_COLUMNS = ("created_at", "updated_at")
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
HEADERS = tuple(f"{c} (UTC)" if c in TIME_COLUMNS else c for c in COLUMNS)
WIDTHS = {"id": 38, "created_at": 20, "updated_at": 20, "name": 28, "organisation": 30,
          "actions": 40, "pledge_text": 60, "email": 30, "event_id": 38,
          "device_id": 38}  # fmt: skip


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    # openpyxl treats text starting with "=" as a formula; this cell is only ever text.
    cell.data_type = "s"
    return cell


def write_xlsx(out: IO[bytes], rows: Iterable[Sequence[Any]]) -> int:
    """Write the workbook to `out` (values in COLUMNS order, as in the pledge JSON)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pledges")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column, 16)
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = _text_cell(sheet, title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    time_indexes = {COLUMNS.index(c) for c in TIME_COLUMNS}
    count = 0
    for row in rows:
        cells: list[Any] = []
        for index, value in enumerate(row):
            if index in time_indexes:
                cell = WriteOnlyCell(sheet, value=_naive_utc(parse_timestamp(value)))
                cell.number_format = TIME_FORMAT
                cells.append(cell)
            elif isinstance(value, list):
                cells.append(_text_cell(sheet, ACTION_SEPARATOR.join(value)))
            elif isinstance(value, dict):
                cells.append(_text_cell(sheet, measures_text(value)))
            elif isinstance(value, str):
                cells.append(_text_cell(sheet, value))
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    book.save(out)
    return count


def _naive_utc(value: datetime) -> datetime:
    # Spreadsheet cells have no time zone; the header says the times are UTC.
    return value.replace(tzinfo=None)
