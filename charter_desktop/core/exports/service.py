"""Export of the stored pledges to a file, in one of the supported formats."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charter_desktop.core import events as event_store
from charter_desktop.core.clock import utc_now
from charter_desktop.core.exports.csv_export import write_csv
from charter_desktop.core.exports.json_export import write_json
from charter_desktop.core.exports.rows import iter_rows
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.pledges.validation import PLEDGE_FIELDS
from charter_desktop.core.storage.atomic import atomic_bytes, atomic_text
from charter_desktop.core.store import Store

FORMATS = ("csv", "json", "xlsx")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int


def export_pledges(
    store: Store, fmt: str, path: Path, flt: PledgeFilter, *, include_contact: bool = False
) -> ExportResult:
    """Write the pledges matching `flt` to `path`; the file is complete or not there at all.

    Email and phone of people who did not consent to contact are left out unless
    `include_contact` (for the council's own records; see exports.rows).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with store.db.read() as session:
        if fmt == "xlsx":
            from charter_desktop.core.exports.xlsx_export import write_xlsx

            with atomic_bytes(path) as binary:
                count = write_xlsx(binary, iter_rows(session, flt, include_contact=include_contact))
            return ExportResult(path, count)
        with atomic_text(path, newline="") as out:
            if fmt == "csv":
                count = write_csv(out, iter_rows(session, flt, include_contact=include_contact))
            else:
                all_events = event_store.list_events(session)
                wanted = [e for e in all_events if flt.event_id in (None, e.id)]
                # The same plain-row stream as CSV (no ORM objects): 2-3x faster at 100,000.
                pledges = (
                    dict(zip(PLEDGE_FIELDS, row, strict=True))
                    for row in iter_rows(session, flt, include_contact=include_contact)
                )
                count = write_json(
                    out, pledges, device_id=store.device_id, exported_at=utc_now(), events=wanted
                )
    return ExportResult(path, count)
