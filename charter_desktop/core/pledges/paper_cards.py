"""Pledges collected on paper cards, typed into a CSV by staff: each row is checked with the
same validation as the kiosk; valid rows are stored (source "paper"), rejected rows are
listed with their row number and reason, and nothing of a rejected row is kept.

The columns are those of `resources/paper-pledge-template.csv`: name, pledger_type,
organisation, email, phone, postcode, actions (charter action ids separated by `;`),
pledge_text, consent_contact and consent_publish_name (yes/no), and the optional measures
(`action-id=number` pairs separated by `;`, as the CSV export writes them). Empty cells are
left out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter_desktop.core.store import Store
from charter_desktop.core.terms import Source

TEMPLATE = "paper-pledge-template.csv"
COLUMNS = (
    "name", "pledger_type", "organisation", "email", "phone", "postcode", "actions",
    "pledge_text", "consent_contact", "consent_publish_name", "measures",
)  # fmt: skip
BOOLEAN_COLUMNS = ("consent_contact", "consent_publish_name")
_YES, _NO = {"yes", "y", "true", "1", "x", "✓"}, {"no", "n", "false", "0", ""}
MAX_ROWS = 10_000


class PaperFileError(ValueError):
    """The file as a whole cannot be read as a paper-card CSV; the message says why."""


@dataclass(frozen=True)
class RejectedRow:
    row: int  # the spreadsheet row number (the header is row 1)
    reason: str


@dataclass
class PaperImportResult:
    ids: list[str] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def _measures(cell: str) -> dict[str, str]:
    """`careers-advice-in-schools=6;apprentices=2` as {action id: number text}."""
    measures: dict[str, str] = {}
    for pair in (p.strip() for p in cell.split(";")):
        if not pair:
            continue
        action, equals, number = pair.partition("=")
        if not equals or not action.strip() or not number.strip():
            raise ValueError(f"measures: write action-id=number pairs, not {pair[:30]!r}")
        measures[action.strip()] = number.strip()
    return measures


def _item(record: dict[str, str]) -> dict[str, Any]:
    """A row as pledge input JSON; raises ValueError naming a yes/no cell it cannot read."""
    item: dict[str, Any] = {}
    for column in COLUMNS:
        value = (record.get(column) or "").strip()
        if column in BOOLEAN_COLUMNS:
            if value.lower() in _YES:
                item[column] = True
            elif value.lower() in _NO:
                item[column] = False
            else:
                raise ValueError(f"{column}: write yes or no, not {value[:20]!r}")
        elif column == "actions":
            if value:
                item[column] = [a.strip() for a in value.split(";") if a.strip()]
        elif column == "measures":
            if value:
                item[column] = _measures(value)
        elif value:
            item[column] = value
    return item


def read_paper_csv(text: str) -> tuple[list[tuple[int, dict[str, Any]]], list[RejectedRow]]:
    """The rows of a paper-card CSV as (row number, pledge input), and rows unreadable as such."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    if "name" not in header or "pledger_type" not in header:
        raise PaperFileError("the first row must be the template's header (name, pledger_type…)")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise PaperFileError(f"unknown column {unknown[0]!r}; use the template's header")
    reader.fieldnames = header
    items: list[tuple[int, dict[str, Any]]] = []
    rejected: list[RejectedRow] = []
    for number, record in enumerate(reader, start=2):
        if None in record:
            rejected.append(RejectedRow(number, "more cells than the header has columns"))
            continue
        if not any((v or "").strip() for v in record.values()):
            continue
        try:
            items.append((number, _item(record)))
        except ValueError as exc:
            rejected.append(RejectedRow(number, str(exc)))
        if len(items) + len(rejected) > MAX_ROWS:
            raise PaperFileError(f"more than {MAX_ROWS} rows; split the file")
    return items, rejected


def import_paper_csv(store: Store, path: Path, actor: str = "staff") -> PaperImportResult:
    """Store the valid rows of the CSV at `path` for the current event (one transaction)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PaperFileError("the file is not UTF-8 text (save it as CSV UTF-8)") from exc
    except OSError as exc:
        raise PaperFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    numbered, rejected = read_paper_csv(text)
    result = PaperImportResult(rejected=rejected)
    if numbered:
        added = store.add_pledges(
            [item for _, item in numbered], source=Source.PAPER, actor=actor, partial=True
        )
        result.ids = added.ids
        for error in added.rejected:
            row = numbered[(error.item or 1) - 1][0]
            reason = "; ".join(str(e) for e in error.errors)
            result.rejected.append(RejectedRow(row, reason))
    result.rejected.sort(key=lambda r: r.row)
    return result
