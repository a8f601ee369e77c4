"""Pledge measures on the hub's merged pledges, as kiosks send them.

Revision ID: hub_0002_measures
Revises: hub_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hub_0002_measures"
down_revision = "hub_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("pledges", sa.Column("measures", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("measures")
