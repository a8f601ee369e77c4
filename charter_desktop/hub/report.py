"""The impact report and the community balance sheet on the hub's merged pledges."""

from __future__ import annotations

from pathlib import Path

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.exports.balance_export import balance_lines, write_balance_sheet
from charter_desktop.core.insight.figures import build_insight
from charter_desktop.core.report.data import build_report_data
from charter_desktop.core.report.service import ReportWritten, write_report
from charter_desktop.core.storage.db import Database
from charter_desktop.hub.merged import hub_events, iter_hub_pledges


def write_hub_report(
    db: Database, path: Path, catalogue_dir: Path | None = None, event_id: str | None = None
) -> ReportWritten:
    """The report of every pledge and event the hub holds, or of one event (every kiosk's
    pledges for it), with the council's catalogue and branding; erased pledges are gone from
    it, withdrawn ones are not counted."""
    catalogue = load_catalogue(catalogue_dir)
    with db.read() as session:
        data = build_report_data(
            iter_hub_pledges(session, event_id), catalogue, hub_events(session, event_id),
            event_id=event_id,
        )  # fmt: skip
    return write_report(data, path, catalogue_dir)


def write_hub_balance_sheet(
    db: Database,
    path: Path,
    fmt: str,
    catalogue_dir: Path | None = None,
    event_id: str | None = None,
) -> int:
    """The balance sheet of every pledge the hub holds (or one event's), as CSV or XLSX;
    returns its lines."""
    catalogue = load_catalogue(catalogue_dir)
    with db.read() as session:
        insight = build_insight(
            iter_hub_pledges(session, event_id), catalogue, hub_events(session, event_id),
            event_id=event_id,
        )  # fmt: skip
    return write_balance_sheet(balance_lines(insight), fmt, path)
