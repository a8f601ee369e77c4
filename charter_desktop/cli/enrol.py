"""Setting a kiosk up from the hub: `enrol FILE` (a kiosk pack from a USB stick) or
`enrol --url HUB_URL --code CODE` (the same pack over the network, by its one-time code)."""

from __future__ import annotations

import argparse
from pathlib import Path

from charter_desktop.cli.base import Commands, UsageError
from charter_desktop.cli.codes import EXIT_OK
from charter_desktop.core.store import Store


def _passphrase(args: argparse.Namespace, store: Store) -> str | None:
    """The staff passphrase, for re-enrolling a kiosk with a council key; None when there is
    no key, or when the command line already unlocked it with the passphrase (every `enrol`
    on a kiosk with a council key needs it: cli.commands.NEEDS_STAFF_SECRET)."""
    from charter_desktop.cli.privacy import read_passphrase
    from charter_desktop.core.privacy.service import details_locked, store_key

    if not args.re_enrol or store_key(store) is None or not details_locked(store):
        return None
    return read_passphrase(args)


def cmd_enrol(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.enrolment.apply import enrol_from_pack, read_pack_file
    from charter_desktop.core.enrolment.fetch import fetch_pack
    from charter_desktop.core.enrolment.pack import PackError

    if (args.file is None) == (args.url is None):
        raise UsageError("give a kiosk pack FILE, or --url and --code (not both)")
    if (args.url is None) != (args.code is None):
        raise UsageError("--url and --code go together: the hub's address and the code it gave")
    try:
        raw = read_pack_file(Path(args.file)) if args.file else fetch_pack(args.url, args.code)
        done = enrol_from_pack(
            store, raw, re_enrol=args.re_enrol, passphrase=_passphrase(args, store),
            staff_unlocked=True,
        )  # fmt: skip
    except PackError as exc:
        raise UsageError(str(exc)) from None
    moved = " (moved from another hub)" if done.moved_hub else ""
    print(f"Enrolled as kiosk '{done.device_name}'{moved}.")
    print(f"Event: '{done.event_name}' ({done.event_id}); pledges go to it from now on.")
    print(f"Hub: {done.hub_url}; this kiosk signs its requests with its own key.")
    if done.claimed:
        print("The pack was claimed at the hub: it works for this kiosk only.")
    else:
        print(f"The pack is not claimed yet: {done.claim_note}.")
    if done.council_key_id:
        print(f"Attendees' details are sealed to council key {done.council_key_id}.")
    if done.catalogue:
        print("The council's catalogue was installed.")
    if done.trusted_keys:
        print(f"Trusting {done.trusted_keys} other kiosks' certificate keys.")
    return EXIT_OK


def register(command: Commands) -> None:
    sub = command(
        "enrol",
        "set this kiosk up from a kiosk pack made by `hub enrol` (a file, or its one-time code)",
        store=cmd_enrol,
    )
    sub.add_argument("file", nargs="?", metavar="FILE", help="the kiosk pack file")
    sub.add_argument("--url", metavar="HUB_URL", help="fetch the pack from this hub, with --code")
    sub.add_argument("--code", help="the one-time code `hub enrol` printed, like ABCD-EFGH-JK")
    sub.add_argument(
        "--re-enrol", action="store_true",
        help="move a kiosk to this pack's hub (from another hub, or set up by hand), or take "
        "an older pack or one for another kiosk name (with a council key, every enrol needs "
        "the staff passphrase: --passphrase-file or CHARTER_PASSPHRASE)",
    )  # fmt: skip
