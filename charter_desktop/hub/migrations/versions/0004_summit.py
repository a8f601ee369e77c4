"""One summit, many kiosks: what a kiosk pack enrolled each device for (event, pack, expiry
of an unclaimed pack), what each kiosk last reported (contact, app version, queued pledges),
pledges sealed to the council key with their postcode district, and the one-time codes a
kiosk with no USB port fetches its pack with.

Revision ID: hub_0004_summit
Revises: hub_0003_trust
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime

revision = "hub_0004_summit"
down_revision = "hub_0003_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("event_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("expires_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("pack_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("pack_event_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("enrolled_events", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("last_contact_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("app_version", sa.String(40), nullable=True))
        batch.add_column(sa.Column("queued_reported", sa.Integer(), nullable=True))
    with op.batch_alter_table("pledges") as batch:
        batch.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("postcode_district", sa.String(8), nullable=True))
    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("device", sa.Integer(), sa.ForeignKey("devices.id"), nullable=False),
        sa.Column("pack", sa.Text(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("enrolment_codes")
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("postcode_district")
        batch.drop_column("sealed")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("queued_reported")
        batch.drop_column("app_version")
        batch.drop_column("last_contact_at")
        batch.drop_column("enrolled_events")
        batch.drop_column("pack_event_id")
        batch.drop_column("pack_id")
        batch.drop_column("expires_at")
        batch.drop_column("event_id")
