"""The `charter-desktop` command: parses arguments and calls core, the UI or the hub."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from charter_desktop import __version__
from charter_desktop.core.catalogue import CatalogueError
from charter_desktop.core.importing import InputError, add_batch, parse_pledge_json
from charter_desktop.core.logs import setup_logging
from charter_desktop.core.paths import AppPaths, resolve_paths
from charter_desktop.core.pledges import BatchRejected, PledgeFilter
from charter_desktop.core.store import Store, StoreError
from charter_desktop.core.validation import ValidationError

PROG = "charter-desktop"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_ERROR_LINES = 20
log = logging.getLogger("charter_desktop.cli")


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (try --help)\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000000: {text!r}")
    return int(text)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _read_input(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {source}: {exc}") from exc


def _filter(args: argparse.Namespace) -> PledgeFilter:
    return PledgeFilter(event_id=args.event, on_date=args.date)


# Commands --------------------------------------------------------------------------------


def open_kiosk(paths: AppPaths) -> int:
    from charter_desktop.ui.app import run_app

    return run_app(paths)


def cmd_catalogue(args: argparse.Namespace, store: Store) -> int:
    if args.json:
        _print_json(store.catalogue.as_json_list())
    else:
        for benefit in store.catalogue.benefits:
            print(f"{benefit.title}:")
            for action in benefit.actions:
                print(f"  {action.id:34} {action.label}")
    return EXIT_OK


def cmd_pledge_add(args: argparse.Namespace, store: Store) -> int:
    try:
        batch = parse_pledge_json(_read_input(args.json))
    except InputError as exc:
        raise UsageError(f"{args.json}: {exc}") from exc
    result = add_batch(store, batch, actor="cli", partial=args.partial)
    _print_json(result.ids)
    for error in result.rejected[:MAX_ERROR_LINES]:
        print(f"{PROG}: rejected {error}", file=sys.stderr)
    return EXIT_USAGE if result.rejected else EXIT_OK


def cmd_pledge_list(args: argparse.Namespace, store: Store) -> int:
    pledges = store.list_pledges(_filter(args))
    if args.json:
        _print_json([p.to_json() for p in pledges])
    else:
        for p in pledges:
            print(f"{p.id}  {p.created_at:%Y-%m-%d %H:%M}  {p.status:9} {p.pledger_type}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.demo import demo_pledges

    items = demo_pledges(store.catalogue, args.pledges, seed=args.seed)
    result = store.add_pledges(items, source="demo", actor="cli")
    event = store.current_event()
    print(f"Added {len(result.ids)} demo pledges to the event '{event.name}'.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.exports.service import export_pledges

    try:
        result = export_pledges(store, args.format, Path(args.out), _filter(args))
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"Exported {result.count} pledges to {result.path}")
    return EXIT_OK


def cmd_event_add(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core import events

    with store.db.write() as session:
        event = events.create_event(
            session, args.name, args.date, place=args.place, target=args.target, actor="cli"
        )
        if args.use:
            events.set_current_event(session, event.id, actor="cli")
    print(event.id)
    return EXIT_OK


def cmd_event_list(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core import events
    from charter_desktop.core.exports.json_export import event_json

    current = store.current_event()
    with store.db.read() as session:
        listed = events.list_events(session)
    if args.json:
        _print_json([event_json(e) | {"current": e.id == current.id} for e in listed])
    else:
        for e in listed:
            mark = "*" if e.id == current.id else " "
            print(f"{mark} {e.id}  {e.event_date}  target {e.target:<5} {e.name}")
    return EXIT_OK


def cmd_event_use(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core import events

    with store.db.write() as session:
        event = events.set_current_event(session, args.event_id, actor="cli")
    print(f"Pledges now go to '{event.name}' ({event.event_date}).")
    return EXIT_OK


# Parser ----------------------------------------------------------------------------------


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description="Pledges to the Cooperative Inclusive Economy "
        "Charter: the kiosk, staff tools and exports.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the database and logs in DIR instead of the user folders",
    )
    parser.add_argument("--debug", action="store_true", help="log debug detail, also to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, handler: Callable[..., int] | None, help_text: str, under: Any = commands
    ) -> Parser:
        sub: Parser = under.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    command("kiosk", None, "open the kiosk (the default)")
    sub = command("catalogue", cmd_catalogue, "list the charter's actions")
    sub.add_argument("--json", action="store_true", help="as JSON: id, benefit, label")

    pledge = command("pledge", None, "add or list pledges")
    pledge_commands = pledge.add_subparsers(
        dest="pledge_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command(
        "add", cmd_pledge_add, "add pledges from JSON; prints their ids as JSON", pledge_commands
    )
    sub.add_argument(
        "--json",
        required=True,
        metavar="FILE",
        help="a pledge object, a list, or an export document; - for stdin",
    )
    sub.add_argument(
        "--partial", action="store_true", help="store the valid pledges even if others are rejected"
    )
    for sub in (
        command("list", cmd_pledge_list, "list stored pledges", pledge_commands),
        command("export", cmd_export, "write pledges to a file"),
    ):
        sub.add_argument("--date", type=_date, help="only pledges made on this local day")
        sub.add_argument("--event", metavar="ID", help="only pledges for this event")
    pledge_commands.choices["list"].add_argument("--json", action="store_true", help="as JSON")
    export = commands.choices["export"]
    export.add_argument("--format", required=True, choices=("csv", "json"))
    export.add_argument("--out", required=True, metavar="FILE", help="the file to write")

    sub = command("demo", cmd_demo, "add realistic synthetic pledges to the current event")
    sub.add_argument("--pledges", type=_positive, required=True, metavar="N")
    sub.add_argument("--seed", type=int, help="repeatable pledges for the same seed")

    event = command("event", None, "set up events")
    event_commands = event.add_subparsers(
        dest="event_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command("add", cmd_event_add, "create an event; prints its id", event_commands)
    sub.add_argument("--name", required=True)
    sub.add_argument("--date", type=_date, required=True, help="YYYY-MM-DD")
    sub.add_argument("--place", default="")
    sub.add_argument("--target", type=_positive, default=100, help="pledge target (100)")
    sub.add_argument("--use", action="store_true", help="make it the kiosk's current event")
    sub = command("list", cmd_event_list, "list events; * marks the current one", event_commands)
    sub.add_argument("--json", action="store_true", help="as JSON")
    sub = command("use", cmd_event_use, "take pledges for this event from now on", event_commands)
    sub.add_argument("event_id", metavar="ID")
    return parser


def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    handler: Callable[[argparse.Namespace, Store], int] | None = getattr(args, "handler", None)
    if handler is None:
        return open_kiosk(paths)
    store = Store.open(paths)
    try:
        return int(handler(args, store))
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = resolve_paths(args.data_dir)
    try:
        setup_logging(paths.log_dir, debug=args.debug)
    except OSError as exc:
        print(f"{PROG}: cannot write logs in {paths.log_dir}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return _run(args, paths)
    except (UsageError, InputError, ValidationError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BatchRejected as exc:
        print(
            f"{PROG}: {len(exc.rejected)} of {exc.total} pledges are invalid; nothing was "
            "stored (use --partial to keep the valid ones)",
            file=sys.stderr,
        )
        for error in exc.rejected[:MAX_ERROR_LINES]:
            print(f"{PROG}: rejected {error}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, CatalogueError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log.exception("unexpected error")
        print(
            f"{PROG}: unexpected error ({type(exc).__name__}); details are in the log in "
            f"{paths.log_dir}",
            file=sys.stderr,
        )
        return EXIT_FAILED
