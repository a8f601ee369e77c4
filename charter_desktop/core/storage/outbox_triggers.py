"""The SQLite triggers that queue every insert, update and delete of a pledge in the outbox,
and keep `updated_at` moving on every edit.

They live here, not only in migration 0004, because SQLite drops a table's triggers when a
later migration rebuilds the table (Alembic batch mode): `ensure_outbox_triggers` runs after
every upgrade and puts back any that are missing.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

# UTC now in the text form UTCDateTime stores on SQLite (six fractional digits).
_NOW = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"


def _enqueue(row: str, erased: int) -> str:
    return (
        "INSERT INTO outbox (pledge_id, version, erased, state, queued_at, attempts) "  # noqa: S608 (constants only)
        f"VALUES ({row}.id, 1, {erased}, 'pending', {_NOW}, 0) "
        "ON CONFLICT (pledge_id) DO UPDATE SET version = outbox.version + 1, "
        f"erased = {erased}, state = 'pending', queued_at = {_NOW}, last_error = NULL;"
    )


# An edit that forgets to move `updated_at` would lose to the hub's older copy (the newest
# `updated_at` wins there), so the database moves it for any such edit.
# It always moves forward, even if the clock is behind the stored time (then by 1 ms); the
# update it makes is the one the outbox trigger queues.
_LATER = (
    f"CASE WHEN {_NOW} > OLD.updated_at THEN {_NOW} "
    "ELSE strftime('%Y-%m-%d %H:%M:%f', OLD.updated_at, '+0.001 seconds') || '000' END"
)
_TOUCH = (
    "AFTER UPDATE ON pledges WHEN NEW.updated_at IS OLD.updated_at BEGIN "  # noqa: S608 (constants)
    f"UPDATE pledges SET updated_at = {_LATER} WHERE id = NEW.id; END"
)

TRIGGERS = {
    "pledges_touch_updated_at": _TOUCH,
    "outbox_pledge_insert": f"AFTER INSERT ON pledges BEGIN {_enqueue('NEW', 0)} END",
    "outbox_pledge_update": (
        "AFTER UPDATE ON pledges WHEN NEW.updated_at IS NOT OLD.updated_at "
        f"BEGIN {_enqueue('NEW', 0)} END"
    ),
    "outbox_pledge_delete": f"AFTER DELETE ON pledges BEGIN {_enqueue('OLD', 1)} END",
}

QUEUE_EXISTING = (
    "INSERT INTO outbox (pledge_id, version, erased, state, queued_at, attempts) "  # noqa: S608 (constants only)
    f"SELECT id, 1, 0, 'pending', {_NOW}, 0 FROM pledges WHERE true "
    "ON CONFLICT (pledge_id) DO NOTHING"
)


def create_outbox_triggers(connection: Connection) -> None:
    for name, body in TRIGGERS.items():
        connection.execute(text(f"CREATE TRIGGER IF NOT EXISTS {name} {body}"))


def ensure_outbox_triggers(connection: Connection) -> None:
    """Recreate any missing outbox trigger (a no-op on a database without an outbox)."""
    if connection.dialect.name != "sqlite" or not inspect(connection).has_table("outbox"):
        return
    present = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    if not set(TRIGGERS) <= present:
        create_outbox_triggers(connection)
        # A rebuilt pledges table may have changed rows while no trigger watched it.
        connection.execute(text(QUEUE_EXISTING))
