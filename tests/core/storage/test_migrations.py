"""Schema migrations: a database made by an older version upgrades in place at start."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from charter_desktop.core.storage import migrate
from charter_desktop.core.storage.db import create_sqlite_engine
from charter_desktop.core.storage.models import Base
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store

EVENT_ID = "11111111-2222-4333-8444-555555555555"
PLEDGE_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"


def test_a_first_version_database_upgrades_in_place(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    engine = create_sqlite_engine(paths.database)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO events VALUES (:id, 'Launch summit', 'Town hall', '2020-01-29', 100,"
                " '2020-01-29 09:00:00.000000')"
            ),
            {"id": EVENT_ID},
        )
        conn.execute(
            text(
                "INSERT INTO pledges VALUES (:id, '2020-01-29 10:00:00.000000',"
                " '2020-01-29 10:00:00.000000', :event, 'dddddddd-0000-4000-8000-000000000000',"
                " 'business', 'Old Town Bakery', 'Old Town Bakery', NULL, NULL, 'SG1 3AA',"
                " '[\"buy-from-local-area\"]', NULL, 0, 1, 'active')"
            ),
            {"id": PLEDGE_ID, "event": EVENT_ID},
        )
    engine.dispose()

    store = Store.open(paths)
    try:
        assert migrate.current_revision(store.db.engine) == migrate.head_revision()
        kept = store.get_pledge(PLEDGE_ID)
        assert kept is not None
        assert kept.name == "Old Town Bakery" and kept.actions == ("buy-from-local-area",)
        assert kept.source == "kiosk"  # the column added later has the right default
        assert kept.created_at.isoformat() == "2020-01-29T10:00:00+00:00"
    finally:
        store.close()


def test_migrations_match_the_models(store: Store) -> None:
    with store.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def _schema(data_dir: Path) -> tuple[int, str | None]:
    """SQLite's schema cookie (it changes with every CREATE, ALTER or DROP) and the version."""
    engine = create_sqlite_engine(resolve_paths(data_dir).database)
    try:
        with engine.connect() as conn:
            cookie = int(conn.execute(text("PRAGMA schema_version")).scalar_one())
        return cookie, migrate.current_revision(engine)
    finally:
        engine.dispose()


def test_opening_again_does_not_migrate_again(data_dir: Path) -> None:
    Store.open(resolve_paths(data_dir)).close()
    first = _schema(data_dir)
    assert first[1] == migrate.head_revision()
    Store.open(resolve_paths(data_dir)).close()
    assert _schema(data_dir) == first  # not one table, index or trigger made again


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()


def test_an_up_to_date_database_opens_without_importing_alembic(data_dir: Path) -> None:
    import subprocess
    import sys

    Store.open(resolve_paths(data_dir)).close()
    probe = (
        "import sys\n"
        "from charter_desktop.core.storage.paths import resolve_paths\n"
        "from charter_desktop.core.store import Store\n"
        f"Store.open(resolve_paths({str(data_dir)!r})).close()\n"
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
