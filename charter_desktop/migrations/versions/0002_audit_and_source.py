"""Staff audit log, and where each pledge came from (kiosk, CLI, paper card, demo).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("pledge_id", sa.String(36), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_log_pledge_id", "audit_log", ["pledge_id"])
    with op.batch_alter_table("pledges") as batch:
        # Pledges stored before this revision were all taken on the kiosk.
        batch.add_column(sa.Column("source", sa.String(16), nullable=False, server_default="kiosk"))


def downgrade() -> None:
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("source")
    op.drop_index("ix_audit_log_pledge_id", "audit_log")
    op.drop_table("audit_log")
