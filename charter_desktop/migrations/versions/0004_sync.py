"""Sync outbox filled by triggers on pledges, and the queue of certificate emails.

Revision ID: 0004_sync
Revises: 0003_staff
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime
from charter_desktop.core.storage.outbox_triggers import (
    QUEUE_EXISTING,
    TRIGGERS,
    create_outbox_triggers,
)

revision = "0004_sync"
down_revision = "0003_staff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("pledge_id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("erased", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("sent_version", sa.Integer(), nullable=True),
    )
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.create_table(
        "email_outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("pledge_id", sa.String(36), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_email_outbox_state", "email_outbox", ["state"])
    op.create_index("ix_email_outbox_pledge_id", "email_outbox", ["pledge_id"])
    create_outbox_triggers(op.get_bind())
    # Pledges stored before this revision have never been sent: queue them all.
    op.execute(QUEUE_EXISTING)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_email_outbox_pledge_id", "email_outbox")
    op.drop_index("ix_email_outbox_state", "email_outbox")
    op.drop_table("email_outbox")
    op.drop_index("ix_outbox_state", "outbox")
    op.drop_table("outbox")
