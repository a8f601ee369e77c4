"""The hub's first schema: devices, device keys, events, pledges, erasures, batches, imports.

Revision ID: hub_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime

revision = "hub_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "device_keys",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("registered_by", sa.String(140), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("place", sa.String(120), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
    )
    op.create_table(
        "pledges",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("pledger_type", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("postcode", sa.Text(), nullable=True),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("pledge_text", sa.Text(), nullable=True),
        sa.Column("consent_contact", sa.Boolean(), nullable=False),
        sa.Column("consent_publish_name", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("received_from", sa.String(140), nullable=False),
    )
    op.create_index("ix_hub_pledges_created", "pledges", ["created_at"])
    op.create_index("ix_hub_pledges_event", "pledges", ["event_id"])
    op.create_table(
        "erasures",
        sa.Column("pledge_id", sa.String(36), primary_key=True),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.Column("received_from", sa.String(140), nullable=False),
    )
    op.create_table(
        "batches",
        sa.Column("device", sa.Integer(), sa.ForeignKey("devices.id"), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
    )
    op.create_table(
        "bundle_imports",
        sa.Column("manifest_sha256", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("pledges", sa.Integer(), nullable=False),
    )

    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("settings")
    for table in ("bundle_imports", "batches", "erasures", "pledges", "events"):
        op.drop_table(table)
    op.drop_table("device_keys")
    op.drop_table("devices")
