"""Tokens bound to one kiosk: each token's device id, keys owned by a token and revocable,
pledges, erasures and event descriptions owned by the device that sent them (a pledge is
known by its kiosk and its id, as its certificate names it), and the body hash of each batch
taken under an idempotency key.

Revision ID: hub_0003_trust
Revises: hub_0002_measures
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime

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

    # Keys a token registered before: owned by that token (its name is in registered_by). A
    # token that registered exactly one key is bound to it; one that registered several (a
    # kiosk reinstalled under the same token) stays unbound, and its next batch binds it to
    # the installation that sends it, proving its key.
    op.execute(
        "UPDATE device_keys SET device = (SELECT d.id FROM devices d "
        "WHERE 'sync:' || d.name = device_keys.registered_by)"
    )
    op.execute(
        "UPDATE devices SET device_id = (SELECT min(k.device_id) FROM device_keys k "
        "WHERE k.device = devices.id) "
        "WHERE (SELECT count(*) FROM device_keys k WHERE k.device = devices.id) = 1"
    )
    # Events described before: owned by the kiosk whose pledges name them.
    op.execute(
        "UPDATE events SET described_by = (SELECT min(p.device_id) FROM pledges p "
        "WHERE p.event_id = events.id)"
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

    # Pledges keyed by id and device: one kiosk's pledge can never take another's place.
    _pledges_table("pledges_by_device", ["id", "device_id"])
    op.execute(f"INSERT INTO pledges_by_device ({_PLEDGE_COLUMNS}) "  # noqa: S608
               f"SELECT {_PLEDGE_COLUMNS} FROM pledges")  # fmt: skip
    op.drop_table("pledges")
    op.rename_table("pledges_by_device", "pledges")
    op.create_index("ix_hub_pledges_created", "pledges", ["created_at"])
    op.create_index("ix_hub_pledges_event", "pledges", ["event_id"])


_PLEDGE_COLUMNS = (
    "id, created_at, updated_at, event_id, device_id, pledger_type, name, organisation, email, "
    "phone, postcode, actions, pledge_text, consent_contact, consent_publish_name, status, "
    "source, received_at, received_from, measures"
)


def _pledges_table(name: str, key: list[str]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.String(36), nullable=False),
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
        sa.Column("measures", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint(*key),
    )


def downgrade() -> None:
    # Pledges back to one row per id: the newest copy of each id is kept.
    _pledges_table("pledges_by_id", ["id"])
    op.execute(
        f"INSERT INTO pledges_by_id ({_PLEDGE_COLUMNS}) SELECT {_PLEDGE_COLUMNS} FROM pledges p "  # noqa: S608
        "WHERE NOT EXISTS (SELECT 1 FROM pledges q WHERE q.id = p.id AND "
        "(q.updated_at > p.updated_at OR "
        "(q.updated_at = p.updated_at AND q.device_id > p.device_id)))"
    )
    op.drop_table("pledges")
    op.rename_table("pledges_by_id", "pledges")
    op.create_index("ix_hub_pledges_created", "pledges", ["created_at"])
    op.create_index("ix_hub_pledges_event", "pledges", ["event_id"])
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
