"""Whether a data folder can open straight into the kiosk, answered with the standard
library's sqlite3 alone (the database layer takes a third of a second to import, which the
kiosk spends after its welcome screen is on screen instead of before).

Ready means an existing database whose settings hold a staff PIN and a council key, so no
first-run dialog has to come before the kiosk. Anything else, including a file that cannot be
read, is "not ready": start-up then opens the store first, which migrates, checks, and reports
any problem properly.
"""

from __future__ import annotations

import json
import sqlite3

from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.storage.setting_keys import COUNCIL_KEY, STAFF_PIN


def kiosk_ready(paths: AppPaths) -> bool:
    """True when `paths` holds a database with a staff PIN and a council key set."""
    database = paths.database
    try:
        if not database.is_file() or database.stat().st_size == 0:
            return False
        # Read-only: this look never creates, migrates or locks anything for writing.
        connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except (OSError, sqlite3.Error):
        return False
    try:
        rows = connection.execute(
            "SELECT key, value FROM settings WHERE key IN (?, ?)", (STAFF_PIN, COUNCIL_KEY)
        ).fetchall()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    values = {key: _decoded(value) for key, value in rows}
    return isinstance(values.get(STAFF_PIN), dict) and isinstance(values.get(COUNCIL_KEY), dict)


def _decoded(value: object) -> object:
    if not isinstance(value, str):
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None
