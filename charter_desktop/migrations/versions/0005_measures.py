"""Pledge measures: optional quantities for chosen actions (hours a month, placements a
year...), kept as JSON on the pledge; and an index covering the per-event counts of the
dashboard and the pledge wall.

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
    op.create_index("ix_pledges_event_status", "pledges", ["event_id", "status", "erased_at"])


def downgrade() -> None:
    op.drop_index("ix_pledges_event_status", "pledges")
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("measures")
