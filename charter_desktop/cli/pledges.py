"""Commands for the charter catalogue and pledges: catalogue, pledge add/list/import-paper,
demo, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from charter_desktop.cli.base import (
    MAX_ERROR_LINES,
    Commands,
    Parser,
    UsageError,
    add_include_contact,
    add_pledge_filters,
    pledge_filter,
    positive_int,
    print_contact_notice,
    print_json,
    read_input,
)
from charter_desktop.cli.codes import EXIT_OK, EXIT_USAGE, PROG
from charter_desktop.core.pledges.importing import InputError, add_batch, parse_pledge_json
from charter_desktop.core.storage.db import storage_failure
from charter_desktop.core.store import Store
from charter_desktop.core.terms import Source
from charter_desktop.core.text import counted


def cmd_catalogue(args: argparse.Namespace, store: Store) -> int:
    if args.json:
        print_json(store.catalogue.as_json_list())
    else:
        for benefit in store.catalogue.benefits:
            print(f"{benefit.title}:")
            for action in benefit.actions:
                print(f"  {action.id:34} {action.label}")
                if action.measure is not None:
                    m = action.measure
                    print(f"  {'':34}   measure: {m.label} ({m.unit}, up to {m.maximum:g})")
    return EXIT_OK


def cmd_pledge_add(args: argparse.Namespace, store: Store) -> int:
    try:
        batch = parse_pledge_json(read_input(args.json))
    except InputError as exc:
        raise UsageError(f"{args.json}: {exc}") from exc
    result = add_batch(store, batch, actor="cli", partial=args.partial)
    print_json(result.ids)
    for error in result.rejected[:MAX_ERROR_LINES]:
        print(f"{PROG}: rejected {error}", file=sys.stderr)
    return EXIT_USAGE if result.rejected else EXIT_OK


def cmd_pledge_list(args: argparse.Namespace, store: Store) -> int:
    pledges = store.list_pledges(pledge_filter(args))
    if args.json:
        print_json([p.to_json() for p in pledges])
    else:
        for p in pledges:
            print(f"{p.id}  {p.created_at:%Y-%m-%d %H:%M}  {p.status:9} {p.pledger_type}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.pledges.demo import demo_pledges

    items = demo_pledges(store.catalogue, args.pledges, seed=args.seed)
    result = store.add_pledges(items, source=Source.DEMO, actor="cli")
    event = store.current_event()
    print(f"Added {counted(len(result.ids), 'demo pledge')} to the event '{event.name}'.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.exports.service import export_pledges

    try:
        result = export_pledges(
            store,
            args.format,
            Path(args.out),
            pledge_filter(args),
            include_contact=args.include_contact,
        )
    except OSError as exc:
        if storage_failure(exc):
            raise  # main() reports a full disk as such, with exit code 1
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"Exported {counted(result.count, 'pledge')} to {result.path}")
    print_contact_notice(include_contact=args.include_contact)
    return EXIT_OK


def cmd_import_paper(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.pledges.paper_cards import PaperFileError, import_paper_csv

    try:
        result = import_paper_csv(store, Path(args.file), actor="cli")
    except PaperFileError as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    stored, rejected = (
        counted(len(result.ids), "paper pledge"),
        counted(len(result.rejected), "row"),
    )
    print(f"Stored {stored}; rejected {rejected}.")
    for row in result.rejected[:MAX_ERROR_LINES]:
        print(f"{PROG}: row {row.row} rejected: {row.reason}", file=sys.stderr)
    return EXIT_USAGE if result.rejected else EXIT_OK


def register(command: Commands) -> None:
    sub = command("catalogue", "list the charter's actions", store=cmd_catalogue)
    sub.add_argument("--json", action="store_true", help="as JSON: id, benefit, label")

    pledge = command("pledge", "add or list pledges")
    actions = pledge.add_subparsers(
        dest="pledge_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command(
        "add", "add pledges from JSON; prints their ids as JSON", store=cmd_pledge_add,
        under=actions,
    )  # fmt: skip
    sub.add_argument(
        "--json", required=True, metavar="FILE",
        help="a pledge object, a list, or an export document; - for stdin",
    )  # fmt: skip
    sub.add_argument(
        "--partial", action="store_true",
        help="store the valid pledges even if others are rejected",
    )  # fmt: skip
    sub = command(
        "import-paper", "store pledges typed from paper cards (CSV, see the template)",
        store=cmd_import_paper, under=actions,
    )  # fmt: skip
    sub.add_argument("file", metavar="FILE.csv", help="resources/paper-pledge-template.csv form")
    sub = command("list", "list stored pledges", store=cmd_pledge_list, under=actions)
    add_pledge_filters(sub)
    sub.add_argument("--json", action="store_true", help="as JSON")

    sub = command("demo", "add realistic synthetic pledges to the current event", store=cmd_demo)
    sub.add_argument("--pledges", type=positive_int, required=True, metavar="N")
    sub.add_argument("--seed", type=int, help="repeatable pledges for the same seed")

    sub = command("export", "write pledges to a file", store=cmd_export)
    sub.add_argument("--format", required=True, choices=("csv", "json", "xlsx"))
    sub.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    add_include_contact(sub)
    add_pledge_filters(sub)
