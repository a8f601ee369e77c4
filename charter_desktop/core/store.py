"""One installation's data: opens the database, brings its schema up to date, and hands out
the services the UI and CLI call."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from charter_desktop.core import events
from charter_desktop.core.catalogue import Catalogue, load_catalogue
from charter_desktop.core.events import Event
from charter_desktop.core.pledges import records as pledge_store
from charter_desktop.core.pledges.edit import purge_freed_space
from charter_desktop.core.pledges.records import AddResult, Pledge, PledgeFilter
from charter_desktop.core.privacy import secrets
from charter_desktop.core.storage import migrate
from charter_desktop.core.storage.db import Database, create_sqlite_engine
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.core.storage.settings import ensure_device_id

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The data folder or database cannot be used; the message says why, for staff."""


class SaveFailed(StoreError):
    """The database or the disk failed while a pledge was written; nothing was stored."""


class DamagedDatabaseError(StoreError):
    """The database file failed SQLite's quick_check. Nothing was written to it; pledge
    capture must stop until staff have made a rescue copy and restored a backup."""


def check_database_file(engine: Engine, path: Path) -> None:
    """Raise DamagedDatabaseError unless `path` is absent, empty, or passes quick_check."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with engine.connect() as connection:
            result = [r[0] for r in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        result = [str(getattr(exc, "orig", exc))]
    if result != ["ok"]:
        raise DamagedDatabaseError(
            f"The database {path} is damaged ({'; '.join(result[:3])}). Pledge capture is "
            "stopped and the file has not been changed. Make a rescue copy with "
            "`charter-desktop rescue-copy --out FOLDER`, then restore the latest backup "
            "(see the README, Backups)."
        )


class Store:
    """The kiosk's data, opened once at start-up and closed on exit."""

    def __init__(self, paths: AppPaths, db: Database, catalogue: Catalogue, device_id: str):
        self.paths = paths
        self.db = db
        self.catalogue = catalogue
        self.device_id = device_id

    @classmethod
    def open(cls, paths: AppPaths) -> Store:
        """Open (creating if new) the database in `paths`, migrated to the current schema."""
        try:
            paths.ensure()
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {paths.data_dir}: {exc}") from exc
        catalogue = load_catalogue(paths.data_dir)
        engine = create_sqlite_engine(paths.database)
        try:
            check_database_file(engine, paths.database)
        except DamagedDatabaseError:
            engine.dispose()
            raise
        try:
            before = migrate.current_revision(engine)
            migrate.upgrade(engine)
            if before != migrate.head_revision():
                log.info("database schema upgraded from %s to %s", before, migrate.head_revision())
            db = Database(engine)
            with db.write() as session:
                device_id = ensure_device_id(session)
                # A hub token or mail password set before the folder had its council key.
                sealed = secrets.seal_stored(session, actor="app")
            if sealed:
                purge_freed_space(engine)
        except (DBAPIError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            raise StoreError(f"cannot open the database {paths.database}: {exc}") from exc
        # The database holds personal data: owner-only (SQLite gives its WAL the same mode).
        paths.database.chmod(0o600)
        return cls(paths, db, catalogue, device_id)

    def close(self) -> None:
        self.db.dispose()

    def checkpoint(self) -> None:
        """Fold recent saves from the WAL into the database file (see Database.checkpoint);
        the kiosk calls it while the attendee reads the thank-you screen."""
        self.db.checkpoint()

    # Events ------------------------------------------------------------------------------

    def current_event(self) -> Event:
        """The event pledges are taken for now (a default one on a fresh kiosk)."""
        with self.db.write() as session:
            return self.current_event_in(session)

    def current_event_in(self, session: Session) -> Event:
        """current_event() inside a write transaction the caller already holds."""
        return events.ensure_current_event(
            session, f"{self.catalogue.programme} pledges", self.catalogue.default_target
        )

    # Pledges -----------------------------------------------------------------------------

    def add_pledges(
        self,
        items: Sequence[Any],
        *,
        source: str,
        actor: str,
        partial: bool = False,
        notice_version: str | None = None,
    ) -> AddResult:
        """Validate and store a batch in one transaction; see pledges.add_pledges."""
        event = self.current_event()
        with self.db.write() as session:
            result = pledge_store.add_pledges(
                session,
                self.catalogue,
                items,
                event_id=event.id,
                device_id=self.device_id,
                source=source,
                actor=actor,
                partial=partial,
                notice_version=notice_version,
            )
        return result

    def list_pledges(self, flt: PledgeFilter | None = None) -> list[Pledge]:
        with self.db.read() as session:
            return list(pledge_store.iter_pledges(session, flt))

    def get_pledge(self, pledge_id: str) -> Pledge | None:
        with self.db.read() as session:
            return pledge_store.get_pledge(session, pledge_id)

    def count_pledges(self, event_id: str | None = None) -> int:
        with self.db.read() as session:
            return pledge_store.count_pledges(session, event_id)
