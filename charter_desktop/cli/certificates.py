"""Commands for certificates: certificate (one or a batch PDF), verify, keys public/trust."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from charter_desktop.cli.base import Commands, Parser, UsageError, parse_date, read_input
from charter_desktop.cli.codes import EXIT_FAILED, EXIT_OK
from charter_desktop.core.certificates.model import long_date
from charter_desktop.core.certificates.trust import (
    TrustError,
    trust_public_key,
    trusted_public_keys,
)
from charter_desktop.core.pdf.branding import BrandingError
from charter_desktop.core.pledges.records import Pledge, PledgeFilter
from charter_desktop.core.signing import (
    PayloadError,
    load_or_create_signing_key,
    public_key_pem,
    verify_certificate_url,
)
from charter_desktop.core.storage.atomic import atomic_bytes
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import Store
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.core.text import counted


def _chosen_pledges(args: argparse.Namespace, store: Store) -> list[Pledge]:
    batch = args.all or args.date is not None or args.event is not None
    if args.pledge_id and batch:
        raise UsageError("give a pledge id or --all/--date/--event, not both")
    if args.pledge_id:
        pledge = store.get_pledge(args.pledge_id)
        if pledge is None:
            raise UsageError(f"no pledge with id {args.pledge_id} (see `pledge list`)")
        if pledge.status != PledgeStatus.ACTIVE:
            raise UsageError(f"pledge {args.pledge_id} was withdrawn; it has no certificate")
        return [pledge]
    if not batch:
        raise UsageError("give a pledge id, or --all, --date or --event for a batch")
    flt = PledgeFilter(event_id=args.event, on_date=args.date, include_withdrawn=False)
    pledges = store.list_pledges(flt)
    if not pledges:
        raise UsageError("no pledges match; nothing was written")
    return pledges


def cmd_certificate(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.certificates.service import certificates_pdf

    pledges = _chosen_pledges(args, store)
    try:
        pdf = certificates_pdf(store, pledges)
    except BrandingError as exc:
        raise UsageError(str(exc)) from exc
    out = Path(args.out)
    try:
        with atomic_bytes(out) as handle:
            handle.write(pdf)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from exc
    print(f"Wrote {counted(len(pledges), 'certificate')} to {out}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    keys = trusted_public_keys(paths.data_dir)
    try:
        claim = verify_certificate_url(args.text, [key for _, key in keys])
    except PayloadError as exc:
        raise UsageError(str(exc)) from exc
    if claim is None:
        print(
            "INVALID: this certificate was not signed by a trusted kiosk, or it was altered "
            f"({counted(len(keys), 'trusted key')})"
        )
        return EXIT_FAILED
    try:
        when = long_date(parse_date(claim.date))
    except argparse.ArgumentTypeError:
        when = claim.date
    print(f"VALID: {claim.name} pledged on {when} at {claim.event or 'an event'}")
    print(f"pledge {claim.pledge_id}, kiosk {claim.device_id}")
    return EXIT_OK


def cmd_keys_public(args: argparse.Namespace, paths: AppPaths) -> int:
    paths.ensure()
    sys.stdout.write(public_key_pem(load_or_create_signing_key(paths.data_dir / "keys")))
    return EXIT_OK


def cmd_keys_trust(args: argparse.Namespace, paths: AppPaths) -> int:
    paths.ensure()
    label = args.name or (Path(args.file).stem if args.file != "-" else "kiosk")
    try:
        saved = trust_public_key(paths.data_dir, read_input(args.file), label)
    except TrustError as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    print(f"verify now accepts certificates signed with this key ({saved})")
    return EXIT_OK


def register(command: Commands) -> None:
    sub = command(
        "certificate", "write pledge certificates (one, or a batch in one PDF)",
        store=cmd_certificate,
    )  # fmt: skip
    sub.add_argument("pledge_id", nargs="?", metavar="ID", help="the pledge's id")
    sub.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    sub.add_argument("--all", action="store_true", help="every active pledge, a page each")
    sub.add_argument("--date", type=parse_date, help="active pledges made on this local day")
    sub.add_argument("--event", metavar="ID", help="active pledges for this event")

    sub = command(
        "verify", "check a certificate's QR text offline (exit 0 valid, 1 invalid)",
        paths=cmd_verify,
    )  # fmt: skip
    sub.add_argument("text", metavar="TEXT", help="the text decoded from the certificate's QR")

    keys = command("keys", "this kiosk's certificate key, and other kiosks' keys to trust")
    actions = keys.add_subparsers(
        dest="keys_command", metavar="ACTION", parser_class=Parser, required=True
    )
    command("public", "print this kiosk's public key (PEM)", paths=cmd_keys_public, under=actions)
    sub = command(
        "trust", "accept certificates signed by another kiosk's public key", paths=cmd_keys_trust,
        under=actions,
    )  # fmt: skip
    sub.add_argument("file", metavar="FILE.pem", help="its public key (from `keys public`); -")
    sub.add_argument("--name", help="a label for the key (default: the file's name)")
