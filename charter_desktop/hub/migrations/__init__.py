"""The hub's Alembic migrations: the same scripts on SQLite and PostgreSQL."""
