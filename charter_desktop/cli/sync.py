"""Getting pledges to the council from the kiosk: sync (to the hub) and bundle (for USB)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from charter_desktop.cli.base import Commands, UsageError
from charter_desktop.cli.codes import EXIT_FAILED, EXIT_OK, PROG
from charter_desktop.core.store import Store
from charter_desktop.core.text import counted


def _print_status(store: Store) -> None:
    from charter_desktop.core.sync.service import sync_status

    status = sync_status(store)
    last = (
        status.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if status.last_sync_at
        else "never"
    )
    print(f"Queued {status.queued}, sent {status.sent}, failed {status.failed}; last sync {last}")
    for pledge_id, reason in status.failures:
        print(f"  failed {pledge_id}: {reason}")
    if status.clock_note:
        print(f"{PROG}: warning: {status.clock_note}", file=sys.stderr)


def _unlock_if_needed(args: argparse.Namespace, store: Store) -> None:
    """With a council key, changing where the pledges go needs the staff passphrase, and so
    does a token sealed to the key; an enrolled kiosk sends its sealed pledges without it."""
    from charter_desktop.cli.privacy import unlock_store
    from charter_desktop.core.sync.settings import load_sync_settings_of

    given = (args.url, args.token, args.ca_file, args.pin)
    stored = load_sync_settings_of(store)
    changing = any(v is not None for v in given) or args.allow_http
    if changing or not stored.device_auth:
        unlock_store(args, store)


def cmd_sync(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.errors import ValidationError
    from charter_desktop.core.sync import outbox
    from charter_desktop.core.sync.service import run_sync
    from charter_desktop.core.sync.settings import configure_sync

    if args.status:
        _print_status(store)
        return EXIT_OK
    _unlock_if_needed(args, store)
    try:
        settings = configure_sync(store, url=args.url, token=args.token, ca_file=args.ca_file,
                                  pin=args.pin, allow_http=args.allow_http or None)  # fmt: skip
    except ValidationError as exc:
        raise UsageError(str(exc)) from None
    if args.retry_failed:
        outbox.resend_refused(store)
    if not settings.configured:
        raise UsageError("sync is not set up: give --url and --token once (they are remembered)")
    result = run_sync(store, settings)
    for message in result.messages:
        print(message if message != result.error else f"{PROG}: {message}",
              file=sys.stderr if message == result.error else sys.stdout)  # fmt: skip
    _print_status(store)
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_bundle(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.sync.bundle import write_bundle

    try:
        written = write_bundle(store, Path(args.out))
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(
        f"Wrote {counted(written.pledges, 'pledge')} and {counted(written.erased, 'erasure')} "
        "not yet at the council "
        f"to {written.path}"
    )
    return EXIT_OK


def register(command: Commands) -> None:
    sub = command("sync", "send queued pledges to the council hub", store=cmd_sync)
    sub.add_argument("--url", help="the hub's address (remembered), e.g. https://hub.example")
    sub.add_argument("--token", help="this kiosk's device token from `hub token` (remembered)")
    sub.add_argument(
        "--allow-http", action="store_true",
        help="allow plain http to another machine (never needed for https)",
    )  # fmt: skip
    sub.add_argument(
        "--ca-file", metavar="FILE",
        help="trust the hub's certificate through this CA file, or the certificate itself "
        "(remembered; '' to forget)",
    )  # fmt: skip
    sub.add_argument(
        "--pin", metavar="SHA256",
        help="trust exactly the hub certificate with this SHA-256 fingerprint, as `hub serve` "
        "prints it (remembered; '' to forget)",
    )  # fmt: skip
    sub.add_argument("--retry-failed", action="store_true", help="resend pledges the hub refused")
    sub.add_argument("--status", action="store_true", help="only show queued/sent/failed counts")

    sub = command("bundle", "write a signed bundle of unsent pledges for a USB stick",
                  store=cmd_bundle)  # fmt: skip
    sub.add_argument("--out", required=True, metavar="FILE.zip", help="the bundle to write")
