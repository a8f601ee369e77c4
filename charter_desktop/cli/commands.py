"""The full command line: the parser built from the command modules, and running one command
on the opened store, its expected failures turned into one line and an exit code. Loaded only
for commands other than opening the kiosk (see cli.main)."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

import charter_desktop
from charter_desktop.cli.base import MAX_ERROR_LINES, Parser, PathsHandler, StoreHandler, UsageError
from charter_desktop.cli.codes import EXIT_FAILED, EXIT_USAGE, PROG
from charter_desktop.cli.main import open_kiosk
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.pledges.importing import InputError
from charter_desktop.core.pledges.records import BatchRejected
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import Store, StoreError
from charter_desktop.core.text import counted

# Each module adds its commands through register(command); add new areas here. They are
# imported only when the full parser is built, so opening the kiosk does not load them.
COMMAND_MODULES = (
    "pledges",
    "events",
    "certificates",
    "maintenance",
    "sync",
    "enrol",
    "mail",
    "report",
    "privacy",
    "hub",
)
# Commands that read attendees' details (module, handler): with a council key they unlock it
# first. Named, not imported, so the modules still load only with the full parser. (`sync`
# unlocks by itself when it needs to: cli.sync. `bundle` reads none: it writes sealed
# pledges sealed, as a sync sends them, so it needs no passphrase.)
NEEDS_PERSONAL_DATA = {
    ("charter_desktop.cli.pledges", "cmd_pledge_list"),
    ("charter_desktop.cli.pledges", "cmd_export"),
    ("charter_desktop.cli.certificates", "cmd_certificate"),
    ("charter_desktop.cli.mail", "cmd_mail_send"),
}
# Commands that change where the kiosk's data goes or what it does: with a council key they
# need the staff passphrase too, so whoever holds the laptop cannot point certificate emails
# at their own server or move the event. (A council key, once set, is never replaced.)
NEEDS_STAFF_SECRET = {
    ("charter_desktop.cli.mail", "cmd_mail_setup"),
    ("charter_desktop.cli.events", "cmd_event_add"),
    ("charter_desktop.cli.events", "cmd_event_use"),
    # A kiosk pack sets the hub, the event and the trusted keys. (A first set-up, with no
    # council key yet, needs none: unlocking a folder without a key does nothing.)
    ("charter_desktop.cli.enrol", "cmd_enrol"),
}


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description="Pledges to the Cooperative Inclusive Economy Charter: the kiosk, staff "
        "tools and exports. With no command, opens the kiosk.",
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {charter_desktop.__version__}"
    )
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help="keep the database and logs in DIR instead of the user folders",
    )  # fmt: skip
    parser.add_argument("--debug", action="store_true", help="log debug detail, also to stderr")
    parser.add_argument(
        "--passphrase-file", metavar="FILE",
        help="the staff passphrase that unlocks encrypted personal data (or set "
        "CHARTER_PASSPHRASE; otherwise it is asked for when needed)",
    )  # fmt: skip
    top = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str,
        help_text: str,
        *,
        store: StoreHandler | None = None,
        paths: PathsHandler | None = None,
        under: Any = None,
    ) -> Parser:
        sub: Parser = (under or top).add_parser(name, help=help_text, description=help_text)
        if store is not None:
            sub.set_defaults(store_handler=store)
        if paths is not None:
            sub.set_defaults(paths_handler=paths)
        return sub

    command("kiosk", "open the kiosk (the default)", paths=open_kiosk)
    for name in COMMAND_MODULES:
        importlib.import_module(f"charter_desktop.cli.{name}").register(command)
    return parser


def _run_on_store(args: argparse.Namespace, paths: AppPaths) -> int:
    store_handler: StoreHandler | None = getattr(args, "store_handler", None)
    if store_handler is None:
        paths_handler: PathsHandler = getattr(args, "paths_handler", open_kiosk)
        return paths_handler(args, paths)
    store = Store.open(paths)
    try:
        handler = (store_handler.__module__, store_handler.__name__)
        if handler in NEEDS_PERSONAL_DATA or handler in NEEDS_STAFF_SECRET:
            from charter_desktop.cli.privacy import unlock_store

            unlock_store(args, store)
        return store_handler(args, store)
    finally:
        store.close()


def run_command(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run the parsed command; bad input is one line and exit 2, a store that cannot be
    used one line and exit 1."""
    try:
        return _run_on_store(args, paths)
    except (UsageError, InputError, ValidationError, PersonalDataLocked) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BatchRejected as exc:
        print(
            f"{PROG}: {len(exc.rejected)} of {counted(exc.total, 'pledge')} "
            f"{'is' if len(exc.rejected) == 1 else 'are'} invalid; nothing was "
            "stored (use --partial to keep the valid ones)",
            file=sys.stderr,
        )
        for error in exc.rejected[:MAX_ERROR_LINES]:
            print(f"{PROG}: rejected {error}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILED
