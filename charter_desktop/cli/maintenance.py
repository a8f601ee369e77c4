"""Commands that keep the data safe: backup, restore, and a rescue copy of a damaged file."""

from __future__ import annotations

import argparse
from pathlib import Path

from charter_desktop.cli.base import Commands, UsageError
from charter_desktop.cli.codes import EXIT_OK
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.instance_lock import AlreadyRunning, InstanceLock
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.store import Store


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.list:
        for info in backup.list_backups(paths):
            print(f"{info.made_at:%Y-%m-%d %H:%M:%S}Z  {info.size:>12,} bytes  {info.path}")
        return EXIT_OK
    Store.open(paths).close()  # refuses a damaged database, migrates an old one
    try:
        if args.out:
            made = backup.backup_database(paths.database, Path(args.out))
        else:
            made = backup.make_rolling_backup(paths)
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from exc
    print(f"Backed up to {made.path} ({made.size:,} bytes, integrity check ok).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    source = Path(args.backup)
    if not source.is_file():
        raise UsageError(f"no backup file at {source}")
    try:
        with InstanceLock(paths.ensure().data_dir):
            aside = backup.restore_backup(paths, source)
    except AlreadyRunning as exc:
        raise UsageError(f"{exc}; close it before restoring") from exc
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from exc
    Store.open(paths).close()  # brings an older backup's schema up to date
    print(f"Restored {source}. The replaced files were kept in {aside}.")
    return EXIT_OK


def cmd_rescue_copy(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        target = backup.rescue_copy(paths, Path(args.out))
    except (backup.BackupError, OSError) as exc:
        raise UsageError(f"cannot make a rescue copy: {exc}") from exc
    print(f"Copied the database files, unchanged, to {target}")
    return EXIT_OK


def register(command: Commands) -> None:
    sub = command(
        "backup",
        "back up the database (SQLite backup API, integrity-checked); without --out, into "
        "the data folder's backups/ (the newest 10 are kept)",
        paths=cmd_backup,
    )
    sub.add_argument("--out", metavar="FILE", help="write the backup to FILE instead")
    sub.add_argument("--list", action="store_true", help="list the rolling backups")
    sub = command(
        "restore",
        "replace the database with a backup (the app must be closed; the replaced files are kept)",
        paths=cmd_restore,
    )
    sub.add_argument("backup", metavar="FILE")
    sub = command(
        "rescue-copy",
        "copy a damaged database's files byte for byte, for support",
        paths=cmd_rescue_copy,
    )
    sub.add_argument("--out", required=True, metavar="FOLDER")
