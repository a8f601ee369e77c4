"""Tokens bound to one kiosk: each token's device id, keys owned by a token and revocable,
erasures and event descriptions owned by the device that sent them, and the body hash of
each batch taken under an idempotency key.

Revision ID: hub_0003_trust
Revises: hub_0002_measures
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.models import UTCDateTime

revision = "hub_0003_trust"
down_revision = "hub_0002_measures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("device_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("revoked_at", UTCDateTime(), nullable=True))
        batch.create_unique_constraint("uq_devices_device_id", ["device_id"])
    with op.batch_alter_table("device_keys") as batch:
        batch.add_column(sa.Column("device", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("revoked_at", UTCDateTime(), nullable=True))
        batch.create_foreign_key("fk_device_keys_device", "devices", ["device"], ["id"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("described_by", sa.String(36), nullable=True))
    with op.batch_alter_table("batches") as batch:
        batch.add_column(sa.Column("body_sha256", sa.String(64), nullable=True))

    # Keys a token registered before: bound to that token (its name is in registered_by).
    op.execute(
        "UPDATE device_keys SET device = (SELECT d.id FROM devices d "
        "WHERE 'sync:' || d.name = device_keys.registered_by)"
    )
    op.execute(
        "UPDATE devices SET device_id = (SELECT min(k.device_id) FROM device_keys k "
        "WHERE k.device = devices.id)"
    )
    op.execute("UPDATE devices SET revoked_at = created_at WHERE token_hash LIKE 'revoked:%'")
    op.execute(
        "UPDATE device_keys SET revoked_at = (SELECT d.revoked_at FROM devices d "
        "WHERE d.id = device_keys.device)"
    )

    # Erasures keyed by pledge and device: one kiosk's erasure never blocks another's pledge.
    # Erasures from before carry no device ('') and keep blocking every device, as they did.
    op.create_table(
        "erasures_by_device",
        sa.Column("pledge_id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.Column("received_from", sa.String(140), nullable=False),
    )
    op.execute(
        "INSERT INTO erasures_by_device (pledge_id, device_id, erased_at, received_from) "
        "SELECT pledge_id, '', erased_at, received_from FROM erasures"
    )
    op.drop_table("erasures")
    op.rename_table("erasures_by_device", "erasures")


def downgrade() -> None:
    op.create_table(
        "erasures_by_pledge",
        sa.Column("pledge_id", sa.String(36), primary_key=True),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.Column("received_from", sa.String(140), nullable=False),
    )
    op.execute(
        "INSERT INTO erasures_by_pledge (pledge_id, erased_at, received_from) "
        "SELECT pledge_id, min(erased_at), min(received_from) FROM erasures GROUP BY pledge_id"
    )
    op.drop_table("erasures")
    op.rename_table("erasures_by_pledge", "erasures")
    with op.batch_alter_table("batches") as batch:
        batch.drop_column("body_sha256")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("described_by")
    with op.batch_alter_table("device_keys") as batch:
        batch.drop_constraint("fk_device_keys_device", type_="foreignkey")
        batch.drop_column("revoked_at")
        batch.drop_column("device")
    with op.batch_alter_table("devices") as batch:
        batch.drop_constraint("uq_devices_device_id", type_="unique")
        batch.drop_column("revoked_at")
        batch.drop_column("device_id")
