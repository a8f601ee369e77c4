"""Opening the hub's database from a URL (an SQLite file or PostgreSQL), migrated to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from charter_desktop.core.storage.db import Database, create_sqlite_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class HubDatabaseError(Exception):
    """The --db value cannot be used; the message says why."""


def hub_engine(url: str) -> Engine:
    """An engine for `url`: a plain path or sqlite:/// URL is an SQLite file (WAL, FULL sync);
    postgresql://... uses psycopg 3."""
    if "://" not in url:
        return create_sqlite_engine(Path(url).expanduser().resolve())
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise HubDatabaseError(f"not a database URL: {exc}") from exc
    if parsed.drivername == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise HubDatabaseError("an SQLite hub needs a file: sqlite:///path/hub.sqlite3")
        return create_sqlite_engine(Path(parsed.database).expanduser().resolve())
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)
    raise HubDatabaseError(
        f"unsupported database {parsed.drivername!r}: use an SQLite file or postgresql://"
    )


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_hub_database(url: str) -> Database:
    """The hub's database at `url`, its schema brought up to date."""
    engine = hub_engine(url)
    if engine.dialect.name == "sqlite" and engine.url.database:
        folder = Path(engine.url.database).parent
        if not folder.is_dir():
            raise HubDatabaseError(f"folder {folder} does not exist")
    try:
        upgrade(engine)
    except OperationalError as exc:  # no server there, a wrong password, no such database
        engine.dispose()
        said = " ".join(str(exc.orig).split())  # the driver's message, on one line
        raise HubDatabaseError(f"cannot open the hub database: {said}") from exc
    return Database(engine)
