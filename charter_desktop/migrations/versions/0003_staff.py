"""Erasure on request (when a pledge's personal fields were removed), and an index that
covers the staff table's search.

Revision ID: 0003_staff
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime

revision = "0003_staff"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pledges") as batch:
        batch.add_column(sa.Column("erased_at", UTCDateTime(), nullable=True))
    op.create_index("ix_pledges_search", "pledges", ["name", "organisation", "pledge_text"])


def downgrade() -> None:
    op.drop_index("ix_pledges_search", "pledges")
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("erased_at")
