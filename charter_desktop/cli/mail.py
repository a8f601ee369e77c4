"""Certificate emails from the command line: the mail server settings, sending, the queue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from charter_desktop.cli.base import Commands, Parser, UsageError
from charter_desktop.cli.codes import EXIT_FAILED, EXIT_OK, PROG
from charter_desktop.core.store import Store
from charter_desktop.core.terms import SmtpSecurity


def cmd_mail_setup(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.mail.settings import configure_mail

    changes: dict[str, object] = {}
    for name in ("host", "port", "security", "username", "from_address", "from_name"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if args.ca_file is not None:
        if args.ca_file and not Path(args.ca_file).is_file():
            raise UsageError(f"no CA certificate file at {args.ca_file}")
        changes["ca_file"] = str(Path(args.ca_file).resolve()) if args.ca_file else ""
    if args.password_file is not None:
        try:
            changes["password"] = Path(args.password_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UsageError(f"cannot read {args.password_file}: {exc.strerror or exc}") from exc
    settings = configure_mail(store, changes, actor="cli")  # ValidationError: exit 2
    print(f"Mail server set: {settings.host}:{settings.port} ({settings.security}), "
          f"from {settings.from_address}")  # fmt: skip
    return EXIT_OK


def _print_counts(store: Store) -> None:
    from charter_desktop.core.mail.queue import email_counts_of

    counts = email_counts_of(store)
    print(f"Emails queued {counts.queued}, sent {counts.sent}, failed {counts.failed}")


def cmd_mail_send(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.mail.outgoing import send_certificate_emails

    result = send_certificate_emails(store, limit=args.limit)
    print(f"Sent {result.sent}, failed {result.failed}, cancelled {result.cancelled}")
    _print_counts(store)
    if result.error:
        print(f"{PROG}: {result.error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_mail_status(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.mail.settings import load_smtp_settings_of

    settings = load_smtp_settings_of(store)
    where = (
        f"{settings.host}:{settings.port} ({settings.security})"
        if settings.configured
        else "not set up"
    )
    print(f"Mail server: {where}")
    _print_counts(store)
    return EXIT_OK


def register(command: Commands) -> None:
    mail = command("mail", "certificate emails: the council's mail server, sending, the queue")
    actions = mail.add_subparsers(
        dest="mail_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command("setup", "set the mail server (only the options given change)",
                  store=cmd_mail_setup, under=actions)  # fmt: skip
    sub.add_argument("--host", help="the mail server's name")
    sub.add_argument("--port", type=int, help="587 for starttls, 465 for ssl")
    sub.add_argument("--security", choices=[s.value for s in SmtpSecurity],
                     help="none only for a server on this machine")  # fmt: skip
    sub.add_argument("--username", help="the login name, if the server needs one")
    sub.add_argument("--password-file", metavar="FILE",
                     help="a file holding the login password (not in shell history)")  # fmt: skip
    sub.add_argument("--from", dest="from_address", metavar="ADDRESS", help="the sender address")
    sub.add_argument("--from-name", help="the sender name attendees see")
    sub.add_argument(
        "--ca-file", metavar="FILE", help="a CA certificate for the server ('' clears)"
    )
    sub = command("send", "send the queued certificate emails now", store=cmd_mail_send,
                  under=actions)  # fmt: skip
    sub.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    command("status", "the mail server and the queue's counts", store=cmd_mail_status,
            under=actions)  # fmt: skip
