"""Whether a data folder opens straight into the kiosk: only an existing database with a staff
PIN and a council key; anything else (new, empty, not a database, half set up) is not."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from charter_desktop.core.privacy import service as privacy
from charter_desktop.core.privacy.keys import ScryptCost
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.storage.readiness import kiosk_ready
from charter_desktop.core.store import Store

PIN = "482913"


def test_a_new_or_unreadable_folder_is_not_ready(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    assert not kiosk_ready(paths)  # no database yet
    paths.ensure()
    paths.database.write_bytes(b"")
    assert not kiosk_ready(paths)
    paths.database.write_bytes(b"not a database at all" * 200)
    assert not kiosk_ready(paths)


def test_ready_needs_both_the_staff_pin_and_the_council_key(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    store = Store.open(paths)
    try:
        assert not kiosk_ready(paths)  # a folder made by the command line: no PIN yet
        with store.db.write() as session:
            staff_auth.set_pin(session, PIN)
        assert not kiosk_ready(paths)  # the council key is still to be chosen
        privacy.create_key(store, "a long enough passphrase", actor="test", cost=ScryptCost(2**10))
        privacy.lock()
        assert kiosk_ready(paths)
    finally:
        store.close()


def set_up(data_dir: Path) -> None:
    store = Store.open(resolve_paths(data_dir))
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    privacy.create_key(store, "a long enough passphrase", actor="test", cost=ScryptCost(2**10))
    privacy.lock()
    store.close()


def test_the_look_writes_nothing_and_waits_for_no_writer(data_dir: Path) -> None:
    set_up(data_dir)
    paths = resolve_paths(data_dir)
    before = paths.database.read_bytes()
    writer = sqlite3.connect(paths.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a save
    try:
        assert kiosk_ready(paths)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert paths.database.read_bytes() == before


def test_the_look_loads_no_database_layer(data_dir: Path) -> None:
    set_up(data_dir)
    probe = (
        "import sys; from charter_desktop.core.storage.readiness import kiosk_ready; "
        "from charter_desktop.core.storage.paths import resolve_paths; "
        f"print(kiosk_ready(resolve_paths({str(data_dir)!r})), 'sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["True", "False"], done.stderr
