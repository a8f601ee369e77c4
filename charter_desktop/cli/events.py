"""Commands for setting up events: event add/list/use, and the event-wide count (status)."""

from __future__ import annotations

import argparse

from charter_desktop.cli.base import Commands, Parser, parse_date, positive_int, print_json
from charter_desktop.cli.codes import EXIT_OK
from charter_desktop.core import events
from charter_desktop.core.exports.json_export import event_json
from charter_desktop.core.store import Store


def cmd_event_add(args: argparse.Namespace, store: Store) -> int:
    event = events.add_event(
        store, args.name, args.date, place=args.place, target=args.target, actor="cli",
        use=args.use,
    )  # fmt: skip
    print(event.id)
    return EXIT_OK


def cmd_event_list(args: argparse.Namespace, store: Store) -> int:
    current = store.current_event()
    listed = events.list_events_of(store)
    if args.json:
        print_json([event_json(e) | {"current": e.id == current.id} for e in listed])
    else:
        for e in listed:
            mark = "*" if e.id == current.id else " "
            print(f"{mark} {e.id}  {e.event_date}  target {e.target:<5} {e.name}")
    return EXIT_OK


def cmd_event_use(args: argparse.Namespace, store: Store) -> int:
    event = events.use_event(store, args.event_id, actor="cli")
    print(f"Pledges now go to '{event.name}' ({event.event_date}).")
    return EXIT_OK


def _ago(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s ago"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.0f} h ago"


def cmd_event_status(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.sync.event_total import refresh_event_totals

    status = refresh_event_totals(store)
    if args.json:
        print_json(status.to_json())
        return EXIT_OK
    print(f"{status.name}: {status.event_total} of the target of {status.target} pledges "
          f"across the event; {status.this_kiosk} on this kiosk")  # fmt: skip
    if status.hub_as_of is None:
        print("The hub has not given this event's total yet.")
    else:
        when = status.hub_as_of.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        fresh = f" ({_ago(status.fresh_seconds)})" if status.fresh_seconds is not None else ""
        print(f"The hub's total as of {when}{fresh}.")
    return EXIT_OK


def register(command: Commands) -> None:
    event = command("event", "set up events")
    actions = event.add_subparsers(
        dest="event_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command("add", "create an event; prints its id", store=cmd_event_add, under=actions)
    sub.add_argument("--name", required=True)
    sub.add_argument("--date", type=parse_date, required=True, help="YYYY-MM-DD")
    sub.add_argument("--place", default="")
    sub.add_argument("--target", type=positive_int, default=100, help="pledge target (100)")
    sub.add_argument("--use", action="store_true", help="make it the kiosk's current event")
    sub = command(
        "list", "list events; * marks the current one", store=cmd_event_list, under=actions
    )
    sub.add_argument("--json", action="store_true", help="as JSON")
    sub = command(
        "use", "take pledges for this event from now on", store=cmd_event_use, under=actions
    )
    sub.add_argument("event_id", metavar="ID")
    sub = command(
        "status",
        "the current event's count: every kiosk's pledges as far as the hub said, and this "
        "kiosk's (asks the hub once when sync is set up; answers offline too)",
        store=cmd_event_status,
        under=actions,
    )
    sub.add_argument("--json", action="store_true", help="as JSON")
