"""The database engine: SQLite in WAL mode with synchronous=FULL, and its session factories."""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

# The SQLite dialect is imported with this module rather than by the first create_engine():
# on the kiosk that is before Qt loads, whose import hook makes later imports slower.
import sqlalchemy.dialects.sqlite  # noqa: F401
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000
# SQLite folds the WAL back into the database file (a checkpoint) inside whichever commit
# takes the WAL past this many pages; by default 1,000, which a pledge's ~11 pages (the row,
# its indexes, consent, audit and outbox) reach every ~90 saves, each time adding a
# checkpoint's fsyncs to an attendee's confirm. The kiosk checkpoints while the thank-you
# screen shows instead (Database.checkpoint); this larger limit stays as the backstop for
# bursts of writes with no pause, such as an import or a paper batch.
WAL_AUTOCHECKPOINT_PAGES = 4000
_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_FULL_MESSAGES = ("database or disk is full", "disk i/o error")
_WRITE_OPTION = "charter_write"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN itself, so a write transaction can take
    # the write lock up front (BEGIN IMMEDIATE) and wait out another writer with the
    # busy timeout instead of failing half way with "database is locked".
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, every connection set up for durability."""
    # hide_parameters: an error must never carry an attendee's details into a log.
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """One database: its engine and the two kinds of unit of work the app uses.

    `write()` is a transaction that holds the write lock from its first statement and commits
    on leaving; `read()` is a plain transaction that never commits. Code that touches data
    takes a session from one of these and never commits by itself.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(
            bind=engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writer.begin() as session:
            yield session

    @contextmanager
    def write_plain(self) -> Iterator[sqlite3.Connection]:
        """write() on the plain sqlite3 connection, without an ORM session, for saving a
        pledge: the session's own work per transaction is about half of SQLite's. Statements
        go through plain_sql.PlainStatement; the transaction commits on leaving, or rolls
        back if the block (or the commit) raises."""
        pooled = self.engine.raw_connection()
        try:
            connection = pooled.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:  # the block or its commit failed
                    with suppress(sqlite3.Error):  # the first error is the one to report
                        connection.execute("ROLLBACK")
        finally:
            pooled.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    def checkpoint(self) -> tuple[int, int] | None:
        """Fold committed WAL pages back into the database file now, between saves, without
        waiting for readers or writers (PASSIVE): pages a reader still needs stay for a
        later checkpoint. Returns (pages in the WAL, pages folded back), or None when the
        database was busy or failing; it never raises, as nothing depends on it."""
        try:
            connection = self.engine.raw_connection()
            try:  # the raw connection: no BEGIN around it (a checkpoint runs outside one)
                cursor = connection.cursor()
                _busy, wal_pages, folded = cursor.execute(
                    "PRAGMA wal_checkpoint(PASSIVE)"
                ).fetchone()
                cursor.close()
            finally:
                connection.close()
        except (DBAPIError, sqlite3.Error) as exc:
            log.info("WAL checkpoint skipped: %s", type(exc).__name__)
            return None
        return int(wal_pages), int(folded)

    def dispose(self) -> None:
        self.engine.dispose()


def storage_failure(exc: BaseException) -> str | None:
    """A message for staff if `exc` means the disk is full or failing, else None."""
    causes: list[BaseException] = [exc]
    while causes[-1].__cause__ is not None or getattr(causes[-1], "orig", None) is not None:
        nxt = getattr(causes[-1], "orig", None) or causes[-1].__cause__
        if nxt is None or nxt in causes:
            break
        causes.append(nxt)
    for cause in causes:
        full = isinstance(cause, OSError) and cause.errno in _FULL_ERRNOS
        if full or any(m in str(cause).lower() for m in _FULL_MESSAGES):
            return (
                "the disk is full or failing, so nothing of this step was saved; pledges "
                "saved before are safe. Free some space (or use another drive) and try again"
            )
    return None
