"""The hub's commands for a summit with many kiosks: events made at the hub (hub event add,
hub event list), kiosk packs (hub enrol), the fleet's status (hub devices) and the staff
page's password (hub staff-password)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from charter_desktop.cli.base import (
    Commands,
    Parser,
    UsageError,
    parse_date,
    positive_int,
    print_json,
)
from charter_desktop.cli.codes import EXIT_OK, PROG
from charter_desktop.core.clock import format_timestamp
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.storage.paths import AppPaths


def _open(url: str) -> Any:
    from charter_desktop.cli.hub import open_hub

    return open_hub(url)


def cmd_event_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.events import add_event

    db = _open(args.db)
    try:
        with db.write() as session:
            event = add_event(session, args.name, args.date, args.place, args.target)
    except ValidationError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    print(event.id)
    return EXIT_OK


def cmd_event_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.events import list_events

    db = _open(args.db)
    try:
        with db.read() as session:
            events = list_events(session)
    finally:
        db.dispose()
    if args.json:
        print_json([e.to_json() for e in events])
        return EXIT_OK
    for e in events:
        where = f"\t{e.place}" if e.place else ""
        made = "" if e.made_at_hub else "\t(described by a kiosk)"
        print(f"{e.id}\t{e.event_date.isoformat()}\t{e.name}{where}\ttarget {e.target}{made}")
    if not events:
        print("no events yet: `hub event add --name NAME --date YYYY-MM-DD` makes one")
    return EXIT_OK


def _write_new(path: Path, data: bytes) -> None:
    """Write `data` to a new file `path` (owner-only), never over an existing one; a file
    that cannot be written whole is removed."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UsageError(
            f"--out: {path} exists; a kiosk pack is never written over a file"
        ) from None
    except OSError as exc:
        raise UsageError(f"--out: cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise UsageError(f"--out: cannot write {path}: {exc.strerror or exc}") from None


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


def cmd_enrol(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.core.privacy.keys import KeyFileError, read_key_file
    from charter_desktop.hub.enrolment import EnrolmentError, make_pack_for

    out = Path(args.out)
    if out.exists() or out.is_symlink():
        raise UsageError(f"--out: {out} exists; a kiosk pack is never written over a file")
    if not out.parent.is_dir():
        raise UsageError(f"--out: folder {out.parent} does not exist")
    council = None
    if args.council_key is not None:
        try:
            council = read_key_file(args.council_key)
        except KeyFileError as exc:
            raise UsageError(f"--council-key: {exc}") from exc
    db = _open(args.db)
    made, written = None, False
    try:
        with db.write() as session:
            made = make_pack_for(
                session, args.device, args.event, args.url, valid_hours=args.valid_hours,
                council_key=council, catalogue_dir=args.catalogue_dir, tls_cert=args.tls_cert,
            )  # fmt: skip
            # Written before the new token and code are kept: no pack, no new token.
            _write_new(out, made.pack)
            written = True
    except EnrolmentError as exc:
        raise UsageError(str(exc)) from exc
    except BaseException:
        if written:  # the hub kept nothing, so the pack would not work
            out.unlink(missing_ok=True)
        raise
    finally:
        db.dispose()
    assert made is not None
    print(made.code)
    if made.replaced_pack:
        print(
            f"{PROG}: the earlier pack for '{args.device.strip()}' and its code no longer work",
            file=sys.stderr,
        )
    url = args.url.strip().rstrip("/")
    print(
        f"{PROG}: kiosk pack for '{args.device.strip()}' written to {out}; it sets up one "
        f"kiosk, once, until {_local(made.expires_at)}. On the kiosk: "
        f"`{PROG} enrol {out}` (from a USB stick), or `{PROG} enrol --url {url} --code "
        f"{made.code}`.",
        file=sys.stderr,
    )
    return EXIT_OK


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else format_timestamp(moment)


def cmd_devices(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.fleet import fleet_status

    db = _open(args.db)
    try:
        with db.read() as session:
            fleet = fleet_status(session)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([row.to_json() for row in fleet], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not fleet:
        print("no devices yet: `hub enrol --device NAME ...` makes a kiosk pack")
        return EXIT_OK
    print("name\tstate\tevent\tlast contact\treceived\tqueued\tversion\tdevice")
    for row in fleet:
        queued = "-" if row.queued is None else str(row.queued)
        print(
            f"{row.name}\t{row.state}\t{row.event_name or '-'}\t{_when(row.last_contact_at)}\t"
            f"{row.received}\t{queued}\t{row.app_version or '-'}\t{row.device_id or '-'}"
        )
    return EXIT_OK


def _new_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("New staff page password: ")
        if getpass.getpass("Again: ") != password:
            raise UsageError("the two passwords differ; nothing was changed")
        return password
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def cmd_staff_password(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.staff_auth import StaffPasswordError, set_staff_password

    password = _new_password()
    db = _open(args.db)
    try:
        with db.write() as session:
            set_staff_password(session, password)
    except StaffPasswordError as exc:
        raise UsageError(f"{exc}; nothing was changed") from exc
    finally:
        db.dispose()
    print("staff page password set: sign in to /staff/devices as user 'staff'")
    return EXIT_OK


def _db(sub: Parser) -> None:
    from charter_desktop.cli.hub import add_db

    add_db(sub)


def _hours(text: str) -> int:
    from charter_desktop.hub.enrolment import MAX_VALID_HOURS

    if not text.isdigit() or not 1 <= int(text) <= MAX_VALID_HOURS:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of hours from 1 to {MAX_VALID_HOURS}: {text!r}"
        )
    return int(text)


def register(command: Commands, actions: Any) -> None:
    """Add these commands under `hub` (`actions`: its subcommands)."""
    event = command("event", "events made at the hub, that kiosks enrol for", under=actions)
    events = event.add_subparsers(
        dest="hub_event_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command("add", "make an event; prints its id", paths=cmd_event_add, under=events)
    _db(sub)
    sub.add_argument("--name", required=True, help="the event's name")
    sub.add_argument("--date", required=True, type=parse_date, metavar="YYYY-MM-DD")
    sub.add_argument("--place", default="", help="where it is held")
    sub.add_argument("--target", type=positive_int, default=100, metavar="N",
                     help="the pledges hoped for (default 100)")  # fmt: skip
    sub = command("list", "list the hub's events", paths=cmd_event_list, under=events)
    _db(sub)
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command(
        "enrol", "write a kiosk pack for one kiosk and event; prints its one-time code",
        paths=cmd_enrol, under=actions,
    )  # fmt: skip
    _db(sub)
    sub.add_argument("--device", required=True, metavar="NAME", help="a name for the kiosk")
    sub.add_argument("--event", required=True, metavar="ID", help="the event (hub event list)")
    sub.add_argument("--url", required=True, metavar="HUB_URL",
                     help="the hub's address as kiosks reach it (https://HOST:PORT)")  # fmt: skip
    sub.add_argument("--out", required=True, metavar="FILE", help="the pack file to write")
    sub.add_argument("--council-key", type=Path, metavar="FILE",
                     help="the council key file (needed once; the hub keeps it)")  # fmt: skip
    sub.add_argument("--catalogue-dir", type=Path, metavar="DIR",
                     help="send the council's charter.json in the pack")  # fmt: skip
    sub.add_argument("--valid-hours", type=_hours, default=72, metavar="N",
                     help="hours an unused pack and its code work for (default 72)")  # fmt: skip
    sub.add_argument("--tls-cert", type=Path, metavar="FILE",
                     help="pin this certificate, not the hub's own (--tls auto) one")  # fmt: skip

    sub = command(
        "devices", "the kiosks: state, event, last contact, pledges received and queued",
        paths=cmd_devices, under=actions,
    )  # fmt: skip
    _db(sub)
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command(
        "staff-password", "set the staff page's password (read from stdin or asked for)",
        paths=cmd_staff_password, under=actions,
    )  # fmt: skip
    _db(sub)
