"""`charter-desktop privacy ...` as a user runs it: retention (and the council key)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.paths import resolve_paths
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
    assert "Removed the personal data of 1 pledge" in applied.stdout
    assert b"Amelia Patel" not in (data_dir / "charter.sqlite3").read_bytes()
    off = run_cli(data_dir, "privacy", "retention", "--days", "0")
    assert "kept until staff erase it" in off.stdout
    bad = run_cli(data_dir, "privacy", "retention", "--days", "-3")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad.stderr
    assert pledge_id


def test_council_key_commands_and_unlocking_from_the_command_line(
    data_dir: Path, tmp_path: Path
) -> None:
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("correct horse battery staple\n")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the right passphrase\n")
    key_file = tmp_path / "council-key.json"
    added = run_cli(data_dir, "pledge", "add", "--json", "-", stdin=json.dumps(CANARY))
    assert added.returncode == 0, added.stderr
    status = run_cli(data_dir, "privacy", "status")
    assert "NOT ENCRYPTED" in status.stdout
    made = run_cli(None, "--passphrase-file", str(passphrase), "privacy", "key", "new",
                   "--out", str(key_file))  # fmt: skip
    assert made.returncode == 0, made.stderr
    # Production cost is used here (scrypt 2^17): the file says so.
    assert json.loads(key_file.read_text())["private_key"]["n"] == 2**17
    again = run_cli(None, "--passphrase-file", str(passphrase), "privacy", "key", "new",
                    "--out", str(key_file))  # fmt: skip
    assert again.returncode == 2 and "never overwritten" in again.stderr
    used = run_cli(data_dir, "privacy", "key", "use", str(key_file))
    assert used.returncode == 0 and "1 pledge is still in clear" in used.stdout
    encrypted = run_cli(data_dir, "privacy", "encrypt-existing")
    assert encrypted.returncode == 0 and "of 1 pledge;" in encrypted.stdout
    assert b"Canarywick" not in (data_dir / "charter.sqlite3").read_bytes()
    status = run_cli(data_dir, "privacy", "status")
    assert "(locked); 1 pledge sealed" in status.stdout
    refused = run_cli(data_dir, "pledge", "list", "--json")
    assert refused.returncode == 2 and "CHARTER_PASSPHRASE" in refused.stderr
    bad = run_cli(data_dir, "--passphrase-file", str(wrong), "pledge", "list", "--json")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "does not open" in bad.stderr and "Traceback" not in bad.stderr
    listed = run_cli(data_dir, "--passphrase-file", str(passphrase), "pledge", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)[0]["email"] == CANARY["email"]
    not_a_key = run_cli(data_dir, "privacy", "key", "use", str(passphrase))
    assert not_a_key.returncode == 2 and "Traceback" not in not_a_key.stderr


CANARY = pledge(name="Quillon Canarywick", email="quillon@example.org", consent_contact=True)
