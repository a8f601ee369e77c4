"""Commands that change where a kiosk's data goes, or what it does, need the staff
passphrase on a kiosk with a council key: without it, one line, exit 2, nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from charter_desktop.core.mail.settings import load_smtp_settings
from charter_desktop.core.privacy import service
from charter_desktop.core.store import Store
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import run_cli

THIEF_MAIL = ["mail", "setup", "--host", "mail.thief.example", "--port", "587",
              "--security", "starttls", "--from", "kiosk@thief.example"]  # fmt: skip


def settings_now(store: Store) -> tuple[str, str, str | None, int]:
    with store.db.read() as session:
        mail = load_smtp_settings(session)
    event = store.current_event()
    key = service.store_key(store)
    return mail.host, event.name, key.key_id if key else None, len(list_events(store))


def list_events(store: Store) -> list[object]:
    from charter_desktop.core import events

    with store.db.read() as session:
        return list(events.list_events(session))


@pytest.mark.parametrize(
    "args",
    [
        THIEF_MAIL,
        ["event", "add", "--name", "Fake summit", "--date", "2026-12-03"],
        ["privacy", "retention", "--days", "1"],
        ["privacy", "retention", "--apply"],
    ],
    ids=["mail setup", "event add", "retention days", "retention apply"],
)
def test_staff_settings_need_the_passphrase(
    keyed_store: Store, tmp_path: Path, args: list[str]
) -> None:
    folder = keyed_store.paths.data_dir
    before = settings_now(keyed_store)
    refused = run_cli(folder, *args)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "passphrase" in refused.stderr
    assert settings_now(keyed_store) == before
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    assert run_cli(folder, "--passphrase-file", str(wrong), *args).returncode == 2
    assert settings_now(keyed_store) == before
    right = tmp_path / "right.txt"
    right.write_text(TEST_PASSPHRASE + "\n")
    done = run_cli(folder, "--passphrase-file", str(right), *args)
    assert done.returncode == 0, done.stderr


def test_reading_status_needs_no_passphrase(keyed_store: Store) -> None:
    assert "CHARTER_PASSPHRASE" not in os.environ  # run_cli passes the environment on
    folder = keyed_store.paths.data_dir
    for args in (["mail", "status"], ["event", "list"], ["privacy", "status"],
                 ["privacy", "retention"]):  # fmt: skip
        shown = run_cli(folder, *args)
        assert shown.returncode == 0, (args, shown.stderr)
