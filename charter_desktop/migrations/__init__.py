"""Alembic migrations for the kiosk database, shipped inside the package."""
