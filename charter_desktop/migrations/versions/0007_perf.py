"""An index that covers the staff table's benefit and action filters, so counting the
matching pledges reads the short action lists instead of whole rows; and the sync outbox
indexed by (state, pledge id), so each batch reads the next queued ids in order instead of
sorting the whole queue (which made a first sync of 100,000 pledges grow quadratically).

Revision ID: 0007_perf
Revises: 0006_privacy
"""

from __future__ import annotations

from alembic import op

revision = "0007_perf"
down_revision = "0006_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_pledges_actions", "pledges", ["actions"])
    op.drop_index("ix_outbox_state", "outbox")
    op.create_index("ix_outbox_state_pledge", "outbox", ["state", "pledge_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_state_pledge", "outbox")
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.drop_index("ix_pledges_actions", "pledges")
