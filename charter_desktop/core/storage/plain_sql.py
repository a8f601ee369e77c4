"""Core statements run on the plain sqlite3 connection of a write transaction, for the one
write every attendee waits for: saving a pledge.

SQLAlchemy's work per statement (its compiled cache, execution context and result objects)
costs 25-80 us, several times SQLite's own for a one-row insert, and an ORM session's per
transaction about 0.15 ms. A `PlainStatement` is compiled once, on first use, from a Core
statement, so the tables, columns and types stay those of the models; its values are
converted by each column's own type, just as SQLAlchemy does. It runs in the caller's
transaction: Database.write_plain()'s, or a session's through `driver(session)`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

_DIALECT = sqlite.dialect(paramstyle="named")
_Convert = Callable[[Any], Any]


class PlainStatement:
    """`statement` (an insert of the columns `keys`, or a select) for the plain connection."""

    def __init__(self, statement: ClauseElement, keys: Sequence[str] | None = None) -> None:
        self._statement = statement
        self._keys = list(keys) if keys is not None else None
        self._sql = ""
        self._binds: list[tuple[str, bool, Any, _Convert | None]] = []
        self._results: list[_Convert | None] = []

    def _compile(self) -> None:
        compiled: Any = self._statement.compile(dialect=_DIALECT, column_keys=self._keys)
        self._binds = [
            (name, bind.required, bind.value, bind.type.bind_processor(_DIALECT))
            for name, bind in compiled.binds.items()
        ]
        columns = getattr(self._statement, "selected_columns", ())
        self._results = [c.type.result_processor(_DIALECT, None) for c in columns]
        self._sql = str(compiled)

    def _params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        params = {}
        for name, required, fixed, convert in self._binds:
            # A value the statement holds (a setting's key) unless it is a parameter to give.
            value = values[name] if required else values.get(name, fixed)
            params[name] = value if convert is None else convert(value)
        return params

    def _cursor(self, connection: sqlite3.Connection) -> sqlite3.Cursor:
        if not self._sql:
            self._compile()
        return connection.cursor()

    def insert(self, connection: sqlite3.Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert `rows`, each with a value for every column named in `keys`."""
        cursor = self._cursor(connection)
        cursor.executemany(self._sql, [self._params(row) for row in rows])
        cursor.close()

    def one(self, connection: sqlite3.Connection, values: Mapping[str, Any]) -> tuple[Any, ...]:
        """The single row the select gives for the bound `values`, converted by type."""
        cursor = self._cursor(connection)
        row = cursor.execute(self._sql, self._params(values)).fetchone()
        cursor.close()
        return tuple(
            value if convert is None else convert(value)
            for value, convert in zip(row, self._results, strict=True)
        )


def driver(session: Session) -> sqlite3.Connection:
    """The plain connection of `session`'s transaction, with what the session holds so far
    written first (so rows it added come before those inserted here)."""
    session.flush()
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection
