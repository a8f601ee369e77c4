"""Backups of the kiosk database through SQLite's backup API (never a file copy of a live
database), rolling automatic backups, restore, and a rescue copy of a damaged file."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.paths import AppPaths

BACKUP_FOLDER = "backups"
BACKUP_PREFIX = "charter-"
BACKUP_SUFFIX = ".sqlite3"
DEFAULT_KEEP = 10
DEFAULT_INTERVAL = timedelta(hours=1)


class BackupError(Exception):
    """A backup, restore or rescue copy could not be made; the message says why."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    size: int


def integrity_errors(path: Path) -> list[str]:
    """SQLite's integrity_check of the file at `path`: empty when it is sound."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def backup_database(database: Path, destination: Path) -> BackupInfo:
    """Copy the live database at `database` to `destination` with SQLite's online backup API,
    check the copy's integrity, and move it into place; a failed backup leaves nothing."""
    if not database.is_file():
        raise BackupError(f"there is no database at {database}")
    if not destination.parent.is_dir():
        raise BackupError(f"folder {destination.parent} does not exist")
    partial = destination.with_name(f".{destination.name}.part")
    try:
        source = sqlite3.connect(database, timeout=30)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
            source.close()
        problems = integrity_errors(partial)
        if problems:
            raise BackupError(f"the backup copy failed its integrity check: {problems[0]}")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.chmod(0o600)
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"cannot back up to {destination}: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return BackupInfo(destination, utc_now(), destination.stat().st_size)


def list_backups(paths: AppPaths) -> list[BackupInfo]:
    """The rolling backups in the data folder, newest first."""
    folder = paths.data_dir / BACKUP_FOLDER
    found = []
    for path in folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"):
        stamp = path.name[len(BACKUP_PREFIX) : -len(BACKUP_SUFFIX)]
        try:
            made_at = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=utc_now().tzinfo)
        except ValueError:
            continue
        found.append(BackupInfo(path, made_at, path.stat().st_size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def make_rolling_backup(
    paths: AppPaths, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> BackupInfo:
    """Back up into the data folder's backups/ and keep only the newest `keep` there."""
    now = now or utc_now()
    folder = paths.data_dir / BACKUP_FOLDER
    folder.mkdir(exist_ok=True, mode=0o700)
    name = f"{BACKUP_PREFIX}{now:%Y%m%dT%H%M%S%f}Z{BACKUP_SUFFIX}"
    made = backup_database(paths.database, folder / name)
    for old in list_backups(paths)[keep:]:
        old.path.unlink()
    return made


def rolling_backup_if_due(
    paths: AppPaths,
    keep: int = DEFAULT_KEEP,
    min_interval: timedelta = DEFAULT_INTERVAL,
    now: datetime | None = None,
) -> BackupInfo | None:
    """A rolling backup unless the newest is younger than `min_interval` (then None)."""
    now = now or utc_now()
    existing = list_backups(paths)
    if existing and now - existing[0].made_at < min_interval:
        return None
    return make_rolling_backup(paths, keep, now)


def restore_backup(paths: AppPaths, backup: Path) -> Path:
    """Put `backup` in place as the database. The current files are moved (never deleted)
    into a `replaced-<time>` folder, whose path is returned. The app must not be running."""
    problems = integrity_errors(backup)
    if problems:
        raise BackupError(f"{backup} is not a sound database: {problems[0]}")
    stamp = f"{utc_now():%Y%m%dT%H%M%SZ}"
    aside = paths.data_dir / f"replaced-{stamp}"
    incoming = paths.data_dir / f".restore-{stamp}.part"
    try:
        shutil.copyfile(backup, incoming)
        with incoming.open("rb+") as handle:
            os.fsync(handle.fileno())
        aside.mkdir(mode=0o700)
        for suffix in ("", "-wal", "-shm"):
            current = paths.database.with_name(paths.database.name + suffix)
            if current.exists():
                os.replace(current, aside / current.name)
        incoming.chmod(0o600)
        os.replace(incoming, paths.database)
    except OSError as exc:
        raise BackupError(f"cannot restore {backup}: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            incoming.unlink()
    return aside


def rescue_copy(paths: AppPaths, out_dir: Path) -> Path:
    """Copy the database files byte for byte (for a damaged database that SQLite will not
    back up) into a new folder under `out_dir`, with a SHA-256 manifest. Reads only."""
    if not out_dir.is_dir():
        raise BackupError(f"folder {out_dir} does not exist")
    target = out_dir / f"charter-rescue-{utc_now():%Y%m%dT%H%M%SZ}"
    target.mkdir(mode=0o700)
    manifest = {}
    for suffix in ("", "-wal", "-shm"):
        source = paths.database.with_name(paths.database.name + suffix)
        if source.exists():
            shutil.copyfile(source, target / source.name)
            manifest[source.name] = hashlib.sha256((target / source.name).read_bytes()).hexdigest()
    (target / "SHA256SUMS.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return target
