"""What every command module shares: the one-line-error parser, exit codes, and helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Protocol

from charter_desktop.cli.codes import EXIT_USAGE
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import Store

MAX_ERROR_LINES = 20

StoreHandler = Callable[[argparse.Namespace, Store], int]
PathsHandler = Callable[[argparse.Namespace, AppPaths], int]


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (try --help)\n")


class Commands(Protocol):
    """How a command module adds its commands (see main.build_parser)."""

    def __call__(
        self,
        name: str,
        help_text: str,
        *,
        store: StoreHandler | None = None,
        paths: PathsHandler | None = None,
        under: Any = None,
    ) -> Parser: ...


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def positive_int(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000000: {text!r}")
    return int(text)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_input(source: str) -> str:
    """The text of FILE, or of stdin for `-`; UsageError if it cannot be read."""
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {source}: {exc}") from exc


def add_pledge_filters(parser: Parser) -> None:
    parser.add_argument("--date", type=parse_date, help="only pledges made on this local day")
    parser.add_argument("--event", metavar="ID", help="only pledges for this event")


def pledge_filter(args: argparse.Namespace) -> PledgeFilter:
    return PledgeFilter(event_id=args.event, on_date=args.date)


def add_include_contact(parser: Parser) -> None:
    parser.add_argument(
        "--include-contact", action="store_true",
        help="also include email/phone of people who did not consent to contact "
        "(for the council's own records)",
    )  # fmt: skip


def print_contact_notice(*, include_contact: bool) -> None:
    """What an export says about contact details (see core.exports.rows); the warning goes
    to stderr so it is seen even when the output is piped."""
    if include_contact:
        print(
            "Contact details of people who did not consent to contact ARE included: keep this "
            "file for the council's own records only.",
            file=sys.stderr,
        )
    else:
        print("Email and phone appear only for people who consented to contact.")
