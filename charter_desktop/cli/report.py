"""The `report` and `balance-sheet` commands: the impact report of this kiosk's pledges as
a PDF, and the community balance sheet as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from charter_desktop.cli.base import Commands, UsageError
from charter_desktop.cli.codes import EXIT_OK
from charter_desktop.core import events
from charter_desktop.core.report.service import ReportError, ReportWritten, write_store_report
from charter_desktop.core.store import Store
from charter_desktop.core.text import counted


def check_out(out: str) -> Path:
    """The report's path: a .pdf file in a folder that exists."""
    path = Path(out)
    if path.suffix.lower() != ".pdf":
        raise UsageError(f"--out: the report is a PDF; give a file name ending in .pdf ({out})")
    if not path.parent.is_dir():
        raise UsageError(f"--out: the folder {path.parent} does not exist")
    if path.is_dir():
        raise UsageError(f"--out: {out} is a folder")
    return path


def say_written(written: ReportWritten) -> None:
    print(f"Impact report of {counted(written.pledges, 'pledge')} written to {written.path} "
          f"({counted(written.pages, 'page')})")  # fmt: skip


def cmd_report(args: argparse.Namespace, store: Store) -> int:
    path = check_out(args.out)
    try:
        written = write_store_report(store, path, args.event)
    except ReportError as exc:
        raise UsageError(f"--event: {exc}") from exc
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    say_written(written)
    return EXIT_OK


def cmd_balance_sheet(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.exports.balance_export import balance_lines, write_balance_sheet
    from charter_desktop.core.insight.queries import store_insight

    path = balance_path(args.out)
    if args.event is not None and events.event_of(store, args.event) is None:
        raise UsageError(f"--event: no event with id {args.event} (see `event list`)")
    lines = balance_lines(store_insight(store, args.event))
    try:
        count = write_balance_sheet(lines, path.suffix.lower().lstrip("."), path)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"Balance sheet of {counted(count, 'line')} written to {path}")
    return EXIT_OK


def balance_path(out: str) -> Path:
    """The balance sheet's path: a .csv or .xlsx file in a folder that exists."""
    path = Path(out)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"--out: give a file name ending in .csv or .xlsx ({out})")
    if not path.parent.is_dir():
        raise UsageError(f"--out: the folder {path.parent} does not exist")
    return path


def register(command: Commands) -> None:
    sub = command(
        "report",
        "make the impact report (PDF): figures against the target, charts, the community "
        "balance sheet, pledgers' own words and the events covered",
        store=cmd_report,
    )
    sub.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    sub.add_argument(
        "--event", metavar="ID", help="only this event's pledges (default: every event)"
    )
    sub = command(
        "balance-sheet",
        "write the community balance sheet (pledged measures added up for the whole town "
        "and each organisation) as CSV or XLSX",
        store=cmd_balance_sheet,
    )
    sub.add_argument("--out", required=True, metavar="FILE", help="a .csv or .xlsx file")
    sub.add_argument(
        "--event", metavar="ID", help="only this event's pledges (default: every event)"
    )
