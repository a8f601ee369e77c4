"""Another process holding the database's write lock for 2 s does not make a save fail."""

from __future__ import annotations

import subprocess
import sys

from charter_desktop.core.store import Store
from tests.helpers import pledge

HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
print("locked", flush=True)
time.sleep(2)
connection.execute("COMMIT")
print("released", flush=True)
"""


def test_a_save_waits_out_another_writer(store: Store) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.paths.database)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    result = store.add_pledges([pledge(name="Saved while locked")], source="kiosk", actor="kiosk")
    assert holder.wait(timeout=30) == 0
    assert holder.stdout.read().strip() == "released"
    assert [p.id for p in store.list_pledges()] == result.ids
