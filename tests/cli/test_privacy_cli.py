"""`charter-desktop privacy ...` as a user runs it: retention (and the council key)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from charter_desktop.core.clock import utc_now
from charter_desktop.core.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.core.sync.outbox import mark_sent, pending_items
from tests.helpers import pledge, run_cli


def test_retention_shows_sets_and_applies(data_dir: Path) -> None:
    store = Store.open(resolve_paths(data_dir))
    try:
        (pledge_id,) = store.add_pledges([pledge(name="Amelia Patel")], source="cli", actor="t").ids
        with store.db.write() as session:
            mark_sent(session, pending_items(session, 10), utc_now() - timedelta(days=40))
    finally:
        store.close()
    shown = run_cli(data_dir, "privacy", "retention")
    assert shown.returncode == 0, shown.stderr
    assert "removed 90 days after" in shown.stdout and "Pledges due now: 0" in shown.stdout
    shown = run_cli(data_dir, "privacy", "retention", "--days", "30")
    assert "Pledges due now: 1" in shown.stdout and "--apply" in shown.stdout
    applied = run_cli(data_dir, "privacy", "retention", "--apply")
    assert applied.returncode == 0, applied.stderr
    assert "Removed the personal data of 1 pledges" in applied.stdout
    assert b"Amelia Patel" not in (data_dir / "charter.sqlite3").read_bytes()
    off = run_cli(data_dir, "privacy", "retention", "--days", "0")
    assert "kept until staff erase it" in off.stdout
    bad = run_cli(data_dir, "privacy", "retention", "--days", "-3")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad.stderr
    assert pledge_id
