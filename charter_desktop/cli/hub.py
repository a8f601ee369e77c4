"""The council hub's commands: hub serve, token, revoke, import, export, report and
balance-sheet; the summit's (event, enrol, devices, staff-password) are in cli.hub_summit."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from charter_desktop.cli import hub_summit
from charter_desktop.cli.base import (
    Commands,
    Parser,
    UsageError,
    add_include_contact,
    print_contact_notice,
)
from charter_desktop.cli.codes import EXIT_OK, EXIT_USAGE, PROG
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.text import counted

DEFAULT_PORT = 8750


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def open_hub(url: str) -> Any:
    """The hub's database at --db `url`; UsageError if it cannot be opened."""
    from charter_desktop.hub.db import HubDatabaseError, open_hub_database

    try:
        return open_hub_database(url)
    except HubDatabaseError as exc:
        raise UsageError(f"--db: {exc}") from exc


def _pin_of(path: Path) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from charter_desktop.core.sync.tls import certificate_pin

    try:
        certificate = x509.load_pem_x509_certificate(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"--tls-cert: cannot read {path}: {exc.strerror}") from None
    except ValueError:
        raise UsageError(f"--tls-cert: {path} is not a PEM certificate") from None
    return certificate_pin(certificate.public_bytes(Encoding.DER))


def cmd_serve(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.server import serve

    if args.tls is not None and (args.tls_cert or args.tls_key):
        raise UsageError("--tls auto and --tls-cert/--tls-key are exclusive: choose one")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise UsageError("--tls-cert and --tls-key go together")
    db = open_hub(args.db)  # a bad URL is reported before the server starts
    try:
        auto = _auto_certificate(db, args.host) if args.tls == "auto" else None
    finally:
        db.dispose()
    if not args.tls_cert and auto is None and not is_loopback(args.host):
        print(
            f"{PROG}: warning: serving plain http on {args.host}: device tokens and pledges "
            "cross the network unencrypted (give --tls auto, or --tls-cert and --tls-key)",
            file=sys.stderr,
            flush=True,
        )
    if args.tls_cert:
        print(f"Certificate pin (for kiosks' `sync --pin`): {_pin_of(args.tls_cert)}")
    if auto is None:
        print(f"Hub listening on {args.host}:{args.port} (Ctrl+C to stop)", flush=True)
        serve(args.db, args.host, args.port, args.catalogue_dir, args.tls_cert, args.tls_key)
        return EXIT_OK
    print(f"Certificate pin (the hub's own certificate; kiosk packs carry it): {auto.pin}")
    print(f"Hub listening on https://{args.host}:{args.port} (Ctrl+C to stop)", flush=True)
    serve(args.db, args.host, args.port, args.catalogue_dir, tls_auto=auto)
    return EXIT_OK


def _auto_certificate(db: Any, host: str) -> Any:
    """The hub's own certificate, made now on its first `--tls auto` start."""
    from charter_desktop.hub.identity import auto_certificate

    with db.write() as session:
        return auto_certificate(session, [host])


def cmd_token(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.devices import DeviceError, issue_token

    db = open_hub(args.db)
    try:
        with db.write() as session:
            token = issue_token(session, args.device, args.device_id)
    except DeviceError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    print(token)
    print(
        f"{PROG}: the token for device '{args.device}' is shown once; only its hash is kept. "
        "Enter it on the kiosk with `sync --url ... --token ...`.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.devices import DeviceError, revoke_device

    db = open_hub(args.db)
    try:
        with db.write() as session:
            revoke_device(session, args.device)
    except DeviceError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"device '{args.device}': token revoked; its pledges already received are kept")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.core.catalogue import load_catalogue
    from charter_desktop.core.sync.bundle import BundleError
    from charter_desktop.hub.bundles import import_bundles

    db = open_hub(args.db)
    try:
        results = import_bundles(db, load_catalogue(args.catalogue_dir), args.bundles)
    except BundleError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    code = EXIT_OK
    for r in results:
        if r.already_imported:
            print(f"{r.path}: already imported; nothing changed")
            continue
        new = " (new device key registered)" if r.new_device else ""
        print(
            f"{r.path}: {counted(r.accepted, 'pledge')} accepted, {r.changed} new or updated, "
            f"{r.erased} erased, {len(r.rejected)} refused{new}"
        )
        for rejection in r.rejected[:20]:
            problems = "; ".join(f"{e['field']}: {e['message']}" for e in rejection["errors"])
            print(
                f"{PROG}: refused {rejection['id'] or rejection['item']}: {problems}",
                file=sys.stderr,
            )
            code = EXIT_USAGE
    return code


def _export_passphrase(args: argparse.Namespace, db: Any) -> str | None:
    """The council passphrase for sealed pledges: needed with --include-contact when any
    pledge is sealed; used without it when given (consented contact details are sealed too)."""
    from charter_desktop.cli.privacy import PASSPHRASE_ENV, read_passphrase
    from charter_desktop.hub.merged import count_sealed

    with db.read() as session:
        sealed = count_sealed(session)
    if not sealed:
        return None
    source = args.export_passphrase_file or args.passphrase_file
    given = bool(source) or bool(os.environ.get(PASSPHRASE_ENV))
    if not given and not args.include_contact:
        return None
    if not given and not sys.stdin.isatty():
        raise UsageError(
            f"the contact details of {counted(sealed, 'pledge')} are sealed to the council "
            f"key: give its passphrase with --passphrase-file FILE or {PASSPHRASE_ENV}"
        )
    return read_passphrase(argparse.Namespace(passphrase_file=source))


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.hub.merged import SealedDetails, export_hub

    db = open_hub(args.db)
    try:
        passphrase = _export_passphrase(args, db)
        result = export_hub(
            db, args.format, Path(args.out), include_contact=args.include_contact,
            passphrase=passphrase,
        )  # fmt: skip
    except SealedDetails as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    finally:
        db.dispose()
    print(f"Exported {counted(result.count, 'pledge')} to {result.path}")
    print_contact_notice(include_contact=args.include_contact)
    if result.sealed_unopened:
        print(
            f"{PROG}: {counted(result.sealed_unopened, 'pledge')} went without their details, "
            "which are sealed to the council key (give its passphrase with --passphrase-file "
            "FILE to include them)",
            file=sys.stderr,
        )
    return EXIT_OK


def _event_known(db: Any, event_id: str | None) -> None:
    from charter_desktop.hub.events import get_event

    if event_id is None:
        return
    with db.read() as session:
        if get_event(session, event_id) is None:
            raise UsageError(f"--event: the hub has no event {event_id!r} (see `hub event list`)")


def cmd_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.cli.report import check_out, say_written
    from charter_desktop.hub.report import write_hub_report

    path = check_out(args.out)
    db = open_hub(args.db)
    try:
        _event_known(db, args.event)
        written = write_hub_report(db, path, args.catalogue_dir, args.event)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    finally:
        db.dispose()
    say_written(written)
    return EXIT_OK


def cmd_balance_sheet(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.cli.report import balance_path
    from charter_desktop.hub.report import write_hub_balance_sheet

    path = balance_path(args.out)
    db = open_hub(args.db)
    try:
        _event_known(db, args.event)
        count = write_hub_balance_sheet(
            db, path, path.suffix.lower().lstrip("."), args.catalogue_dir, args.event
        )
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    finally:
        db.dispose()
    print(f"Balance sheet of {counted(count, 'line')} written to {path}")
    return EXIT_OK


def add_db(sub: Parser) -> None:
    sub.add_argument(
        "--db", required=True, metavar="URL",
        help="an SQLite file (path or sqlite:///path) or postgresql://user@host/db",
    )  # fmt: skip


def register(command: Commands) -> None:
    hub = command("hub", "the council hub: receive, merge and export every kiosk's pledges")
    actions = hub.add_subparsers(
        dest="hub_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command("serve", "serve the hub's HTTP API", paths=cmd_serve, under=actions)
    add_db(sub)
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on")
    sub.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on")
    sub.add_argument("--catalogue-dir", type=Path, metavar="DIR", help="the council's charter.json")
    sub.add_argument(
        "--tls", choices=("auto",),
        help="auto: serve HTTPS with the hub's own certificate (made once, kept in its "
        "database); kiosk packs carry its pin",
    )  # fmt: skip
    sub.add_argument("--tls-cert", type=Path, metavar="FILE", help="serve HTTPS with this cert")
    sub.add_argument("--tls-key", type=Path, metavar="FILE", help="the certificate's key")

    sub = command("token", "issue a device token (printed once)", paths=cmd_token, under=actions)
    add_db(sub)
    sub.add_argument("--device", required=True, metavar="NAME", help="a name for the kiosk")
    sub.add_argument(
        "--device-id", metavar="UUID",
        help="bind the token to this kiosk installation now (its staff area shows the id)",
    )  # fmt: skip

    sub = command("revoke", "stop a device's token working", paths=cmd_revoke, under=actions)
    add_db(sub)
    sub.add_argument("--device", required=True, metavar="NAME", help="the kiosk's name")

    sub = command("import", "merge USB bundles from kiosks", paths=cmd_import, under=actions)
    add_db(sub)
    sub.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE.zip")
    sub.add_argument("--catalogue-dir", type=Path, metavar="DIR", help="the council's charter.json")

    sub = command("export", "write the merged pledges to a file", paths=cmd_export, under=actions)
    add_db(sub)
    sub.add_argument("--format", required=True, choices=("csv", "json", "xlsx"))
    sub.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    add_include_contact(sub)
    sub.add_argument(
        "--passphrase-file", dest="export_passphrase_file", metavar="FILE",
        help="the council passphrase, to open pledges sealed to the council key (or set "
        "CHARTER_PASSPHRASE)",
    )  # fmt: skip

    sub = command(
        "report", "make the impact report (PDF) of every kiosk's pledges",
        paths=cmd_report, under=actions,
    )  # fmt: skip
    add_db(sub)
    sub.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    sub.add_argument("--catalogue-dir", type=Path, metavar="DIR", help="the council's charter.json")
    sub.add_argument("--event", metavar="ID", help="only this event (every kiosk's pledges)")

    sub = command(
        "balance-sheet", "write the community balance sheet of every kiosk's pledges",
        paths=cmd_balance_sheet, under=actions,
    )  # fmt: skip
    add_db(sub)
    sub.add_argument("--out", required=True, metavar="FILE", help="a .csv or .xlsx file")
    sub.add_argument("--catalogue-dir", type=Path, metavar="DIR", help="the council's charter.json")
    sub.add_argument("--event", metavar="ID", help="only this event (every kiosk's pledges)")
    hub_summit.register(command, actions)
