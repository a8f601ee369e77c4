"""Alembic environment for the hub: runs on the connection handed over by hub.db."""

from __future__ import annotations

from alembic import context

from charter_desktop.hub.models import HubBase

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("hub migrations run through charter_desktop.hub.db, with a connection")

context.configure(
    connection=connection,
    target_metadata=HubBase.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
