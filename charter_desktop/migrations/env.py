"""Alembic environment: runs on the connection the app hands over, batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from charter_desktop.core.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "migrations run through charter_desktop.core.storage.migrate, with a connection"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
