"""Pledge measures: optional quantities for chosen actions (hours a month, placements a
year...), kept as JSON on the pledge.

Revision ID: 0005_measures
Revises: 0004_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_measures"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite keeps the table (and the outbox triggers on it).
    with op.batch_alter_table("pledges", recreate="never") as batch:
        batch.add_column(sa.Column("measures", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("measures")
