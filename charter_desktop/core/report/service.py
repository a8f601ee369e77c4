"""Making the impact report from a kiosk's data (or, see hub.report, from the hub's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charter_desktop.core import events as event_store
from charter_desktop.core.pdf.branding import load_branding
from charter_desktop.core.pledges.records import PledgeFilter, iter_pledges
from charter_desktop.core.report.data import ReportData, build_report_data
from charter_desktop.core.report.pdf import render_report
from charter_desktop.core.storage.atomic import atomic_bytes
from charter_desktop.core.store import Store


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    pages: int
    pledges: int


class ReportError(Exception):
    """The report cannot be made as asked (an unknown event); the message says why."""


def write_report(data: ReportData, path: Path, override_dir: Path | None = None) -> ReportWritten:
    """Render `data` with the council's branding and write it atomically to `path`."""
    pdf, pages = render_report(data, load_branding(override_dir))
    with atomic_bytes(path) as out:
        out.write(pdf)
    return ReportWritten(path, pages, data.insight.total)


def store_report_data(store: Store, event_id: str | None = None) -> ReportData:
    """The report's content from this kiosk's data, for one event or all of them."""
    with store.db.read() as session:
        events = event_store.list_events(session)
        if event_id is not None and all(e.id != event_id for e in events):
            raise ReportError(f"no event with id {event_id} (see `event list`)")
        flt = PledgeFilter(event_id=event_id, include_withdrawn=False)
        return build_report_data(
            iter_pledges(session, flt, open_sealed=False),
            store.catalogue,
            events,
            event_id=event_id,
        )


def write_store_report(store: Store, path: Path, event_id: str | None = None) -> ReportWritten:
    return write_report(store_report_data(store, event_id), path, store.paths.data_dir)
