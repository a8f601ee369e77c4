"""The CSV export: UTF-8 with BOM, one row per pledge, spreadsheet formulas neutralised.

Neutralising (OWASP's CSV injection advice): a cell whose text starts with `=`, `+`, `-`,
`@`, a tab or a carriage return would run as a formula in Excel or LibreOffice, so it is
written with a leading apostrophe (`'`). A cell that itself starts with an apostrophe gets
one more too, so the rule undoes exactly: drop one leading apostrophe (`unneutralise`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

from charter_desktop.core.pledges.validation import PLEDGE_FIELDS

COLUMNS = PLEDGE_FIELDS
ACTION_SEPARATOR = ";"
MEASURE_SEPARATOR = "="
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
_TRIGGER_SET = frozenset(_TRIGGERS)


def neutralise(text: str) -> str:
    """The cell text a spreadsheet shows as text, never evaluates."""
    return "'" + text if text.startswith(_TRIGGERS) else text


def unneutralise(text: str) -> str:
    """The original text of a neutralised cell."""
    return text[1:] if text.startswith("'") else text


def measures_text(measures: dict[str, Any]) -> str:
    """Pledge measures as one cell: `action-id=12;other-action=30` (empty when none)."""
    return ACTION_SEPARATOR.join(f"{k}{MEASURE_SEPARATOR}{v:g}" for k, v in measures.items())


def _cell(value: object) -> str:
    if value.__class__ is str:  # the common case first, neutralise() inlined
        return "'" + value if value[:1] in _TRIGGER_SET else value
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return neutralise(ACTION_SEPARATOR.join(value))
    if isinstance(value, dict):
        return neutralise(measures_text(value))
    return neutralise(str(value))


def write_csv(out: IO[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write the header and each row (values in COLUMNS order, as in the pledge JSON) to
    `out`, opened with newline=""; returns how many rows."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    cell = _cell
    for row in rows:
        writer.writerow([cell(v) for v in row])
        count += 1
    return count
