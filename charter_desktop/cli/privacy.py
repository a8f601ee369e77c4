"""Privacy from the command line: the council key that personal data is encrypted to,
encrypting pledges stored in clear, the status, and the retention policy.

The staff passphrase comes from --passphrase-file FILE (before the command), the
CHARTER_PASSPHRASE environment variable, or a prompt; it never goes on the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from charter_desktop.cli.base import Commands, Parser, UsageError
from charter_desktop.cli.codes import EXIT_OK, PROG
from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import Store
from charter_desktop.core.text import counted

PASSPHRASE_ENV = "CHARTER_PASSPHRASE"  # noqa: S105 (the variable's name, not a secret)


def read_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The staff passphrase: --passphrase-file, then $CHARTER_PASSPHRASE, then a prompt."""
    source = getattr(args, "passphrase_file", None)
    if source:
        try:
            return Path(source).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read the passphrase file {source}: {exc}") from exc
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise UsageError(
            f"the staff passphrase is needed: give --passphrase-file FILE or set {PASSPHRASE_ENV}"
        )
    passphrase = getpass.getpass("Staff passphrase: ")
    if confirm and getpass.getpass("Again: ") != passphrase:
        raise UsageError("the two passphrases differ")
    return passphrase


def unlock_store(args: argparse.Namespace, store: Store) -> None:
    """Unlock the council key for a command that needs personal data (a no-op for a folder
    without a key). A wrong passphrase is a usage error: one line, exit 2."""
    from charter_desktop.core.privacy import service
    from charter_desktop.core.privacy.keys import WrongPassphrase

    if service.store_key(store) is None:
        return
    try:
        service.unlock(store, read_passphrase(args), actor="cli")
    except WrongPassphrase as exc:
        raise UsageError(f"{exc}; nothing was done") from exc


def cmd_key_new(args: argparse.Namespace, paths: AppPaths) -> int:
    from charter_desktop.core.privacy.keys import KeyFileError, new_council_key, write_key_file

    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out} exists; a council key is never overwritten")
    try:
        key = new_council_key(read_passphrase(args, confirm=True))
        write_key_file(key, out)
    except (ValueError, KeyFileError) as exc:
        raise UsageError(str(exc)) from exc
    print(f"Council key {key.key_id} written to {out} (its private half wrapped by the "
          "passphrase). Keep a copy somewhere safe: without it and the passphrase, encrypted "
          "pledges cannot be read.")  # fmt: skip
    return EXIT_OK


def cmd_key_use(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.privacy import service
    from charter_desktop.core.privacy.keys import KeyFileError, read_key_file

    try:
        key = read_key_file(Path(args.file))
        service.use_key(store, key, actor="cli")
    except (KeyFileError, ValueError) as exc:
        raise UsageError(str(exc)) from exc
    status = service.privacy_status(store)
    print(f"New pledges are now encrypted to council key {key.key_id}.")
    if status.clear:
        are = "is" if status.clear == 1 else "are"
        print(
            f"{counted(status.clear, 'pledge')} {are} still in clear: "
            f"run `{PROG} privacy encrypt-existing`"
        )
    return EXIT_OK


def cmd_status(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.privacy import service

    print(f"Personal data: {service.privacy_status(store).summary}")
    print(f"Files: {files_summary(store.paths)}")
    return cmd_retention(argparse.Namespace(days=None, apply=False), store)


def files_summary(paths: AppPaths) -> str:
    """Whether the data folder is owner-only, and what this start had to tighten."""
    from charter_desktop.core.storage.permissions import last_tightened, loose_paths

    loose = loose_paths(*paths.roots)
    if loose:
        loose_count = counted(len(loose), "path")
        return f"{loose_count} others can read, e.g. {loose[0]} (they could not be changed)"
    made = last_tightened()
    done = (
        f"; {len(made)} that others could read {'was' if len(made) == 1 else 'were'} made "
        "owner-only at this start"
        if made
        else ""
    )
    return f"the data folder and logs are owner-only (folders 0700, files 0600){done}"


def cmd_encrypt_existing(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.privacy import service

    try:
        count = service.encrypt_existing(store, actor="cli")
    except service.NoCouncilKey as exc:
        raise UsageError(str(exc)) from exc
    print(
        f"Encrypted the personal data of {counted(count, 'pledge')}; the database was rebuilt so "
        "no copy in clear remains (backups made before still hold one: replace them)."
    )
    return EXIT_OK


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 36_500:
        raise argparse.ArgumentTypeError(f"expected 0 (keep) to 36500 days: {text!r}")
    return int(text)


def cmd_retention(args: argparse.Namespace, store: Store) -> int:
    from charter_desktop.core.pledges.retention import (
        apply_retention,
        retention_status,
        update_retention_days,
    )

    if args.days is not None or args.apply:
        unlock_store(args, store)  # changing the policy or applying it is staff's alone
    if args.days is not None:
        try:
            update_retention_days(store, args.days, actor="cli")
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    now = utc_now()
    status = retention_status(store, now)
    policy = (
        f"personal data is removed {counted(status.days, 'day')} after the council received it"
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
        print(f"Removed the personal data of {counted(run.removed, 'pledge')}")
    elif status.due:
        print("Run again with --apply to remove it now (the app also does this daily)")
    return EXIT_OK


def register(command: Commands) -> None:
    privacy = command("privacy", "personal data: retention policy and encryption")
    actions = privacy.add_subparsers(
        dest="privacy_command", metavar="ACTION", parser_class=Parser, required=True
    )
    key = command("key", "the council key personal data is encrypted to", under=actions)
    key_actions = key.add_subparsers(
        dest="key_command", metavar="ACTION", parser_class=Parser, required=True
    )
    sub = command("new", "make a council key pair (the private half wrapped by a passphrase)",
                  paths=cmd_key_new, under=key_actions)  # fmt: skip
    sub.add_argument("--out", required=True, metavar="FILE", help="the key file to write")
    sub = command("use", "encrypt this folder's pledges to the council key in FILE",
                  store=cmd_key_use, under=key_actions)  # fmt: skip
    sub.add_argument("file", metavar="FILE", help="a key file from `privacy key new`")
    command("status", "whether personal data is encrypted here, and the retention policy",
            store=cmd_status, under=actions)  # fmt: skip
    command("encrypt-existing", "encrypt pledges stored in clear before the folder had a key",
            store=cmd_encrypt_existing, under=actions)  # fmt: skip
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
