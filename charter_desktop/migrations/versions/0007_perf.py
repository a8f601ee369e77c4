"""An index that covers the staff table's benefit and action filters, so counting the
matching pledges reads the short action lists instead of whole rows.

Revision ID: 0007_perf
Revises: 0004_sync
"""

from __future__ import annotations

from alembic import op

revision = "0007_perf"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_pledges_actions", "pledges", ["actions"])


def downgrade() -> None:
    op.drop_index("ix_pledges_actions", "pledges")
