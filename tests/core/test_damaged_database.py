"""A damaged database is detected at start, never written to, and staff are told what to do."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import DamagedDatabaseError, Store
from tests.helpers import pledge, run_cli


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("charter.sqlite3*"))
    }


def damage(data_dir: Path) -> None:
    """Make a real database with pledges, checkpoint it, then scribble over its middle."""
    paths = resolve_paths(data_dir)
    store = Store.open(paths)
    store.add_pledges([pledge(name=f"Person {i}") for i in range(300)], source="cli", actor="t")
    with store.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    raw = bytearray(paths.database.read_bytes())
    assert len(raw) > 4 * 4096
    raw[2 * 4096 : 4 * 4096] = b"\x5a" * (2 * 4096)
    paths.database.write_bytes(bytes(raw))


def test_a_damaged_file_stops_the_store_and_is_left_untouched(data_dir: Path) -> None:
    damage(data_dir)
    before = fingerprint(data_dir)
    with pytest.raises(DamagedDatabaseError, match="rescue-copy"):
        Store.open(resolve_paths(data_dir))
    assert fingerprint(data_dir) == before


def test_the_command_line_says_what_to_do_and_can_rescue(data_dir: Path, tmp_path: Path) -> None:
    damage(data_dir)
    before = fingerprint(data_dir)
    result = run_cli(data_dir, "pledge", "add", "--json", "-", stdin='{"name": "x"}')
    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert run_cli(data_dir, "backup").returncode == 1
    rescued = run_cli(data_dir, "rescue-copy", "--out", str(tmp_path))
    assert rescued.returncode == 0, rescued.stderr
    copy = next(tmp_path.glob("charter-rescue-*"))
    assert fingerprint(copy) == before
    assert fingerprint(data_dir) == before
