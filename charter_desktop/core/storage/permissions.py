"""Owner-only files: everything the app writes (database, WAL and shared memory, logs, keys,
backups, exports) is readable by the account that runs it and no other.

`restrict_new_files` sets the process umask before anything is created, so SQLite's own
`-wal` and `-shm` files and every folder made with `parents=True` are owner-only too;
`tighten` brings a folder made by an earlier version, or copied in, back to 0700/0600.
Both do nothing on Windows, where a user's profile folders are private by their ACLs.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

OWNER_ONLY_UMASK = 0o077
log = logging.getLogger(__name__)
_tightened: list[Path] = []


def restrict_new_files() -> None:
    """From now on this process creates folders 0700 and files 0600."""
    if os.name == "posix":
        os.umask(OWNER_ONLY_UMASK)


def _entries(root: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """`root` and everything below it that this account owns, without following links."""
    if not root.is_dir():
        return
    uid = os.getuid()
    for folder, dirs, files in os.walk(root):
        for name in [".", *dirs, *files]:
            path = Path(folder) if name == "." else Path(folder, name)
            try:
                info = path.lstat()
            except OSError:  # removed meanwhile (a WAL checkpoint, a rotated log)
                continue
            if info.st_uid == uid and not stat.S_ISLNK(info.st_mode):
                yield path, info


def loose_paths(*roots: Path) -> list[Path]:
    """What under `roots` others (group or world) may read, write or enter."""
    if os.name != "posix":
        return []
    return [p for root in roots for p, info in _entries(root) if info.st_mode & 0o077]


def tighten(*roots: Path) -> list[Path]:
    """Make everything under `roots` owner-only; the paths changed, which are also kept for
    `last_tightened` (what `privacy status` reports) and logged."""
    changed = []
    for path in loose_paths(*roots):
        mode = path.lstat().st_mode
        try:
            path.chmod(stat.S_IMODE(mode) & 0o700)
        except OSError as exc:
            log.warning("cannot make %s owner-only: %s", path, exc.strerror)
            continue
        changed.append(path)
    if changed:
        log.warning("made %d paths owner-only that others could read", len(changed))
    _tightened[:] = changed
    return changed


def last_tightened() -> list[Path]:
    """The paths this process made owner-only when it started."""
    return list(_tightened)
