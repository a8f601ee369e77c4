"""Privacy from the command line: the retention policy (and, with a council key, the
encryption of personal data; see core.privacy)."""

from __future__ import annotations

import argparse

from charter_desktop.cli.base import EXIT_OK, Commands, Parser, UsageError
from charter_desktop.core.clock import utc_now
from charter_desktop.core.store import Store


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 36_500:
        raise argparse.ArgumentTypeError(f"expected 0 (keep) to 36500 days: {text!r}")
    return int(text)


def cmd_retention(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.retention import (
        apply_retention,
        retention_status,
        set_retention_days,
    )

    if args.days is not None:
        with store.db.write() as session:
            try:
                set_retention_days(session, args.days, actor="cli")
            except ValueError as exc:
                raise UsageError(str(exc)) from exc
    now = utc_now()
    status = retention_status(store, now)
    policy = (
        f"personal data is removed {status.days} days after the council received it"
        if status.days
        else "personal data is kept until staff erase it (retention is off)"
    )
    print(f"Retention: {policy}")
    print(f"Pledges due now: {status.due}")
    if status.last_run_at:
        print(f"Last run: {status.last_run_at}, removed {status.last_run_removed}")
    else:
        print("Last run: never")
    if args.apply:
        run = apply_retention(store, now)
        print(f"Removed the personal data of {run.removed} pledges")
    elif status.due:
        print("Run again with --apply to remove it now (the app also does this daily)")
    return EXIT_OK


def register(command: Commands) -> None:
    privacy = command("privacy", "personal data: retention policy and encryption")
    actions = privacy.add_subparsers(
        dest="privacy_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command(
        "retention",
        "show the retention policy and how many pledges are due; --days sets it, --apply runs it",
        store=cmd_retention,
        under=actions,
    )
    sub.add_argument(
        "--days", type=_days, metavar="N",
        help="remove personal data N days after the council received it (0 keeps it)",
    )  # fmt: skip
    sub.add_argument("--apply", action="store_true", help="remove the due personal data now")
