"""Consent records: which privacy notice each pledge was given under, what was ticked and
when, and every later change; when the retention policy removed a pledge's personal fields;
the envelope of a pledge's personal fields sealed to the council key, and its postcode
district.

Revision ID: 0006_privacy
Revises: 0005_measures
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from charter_desktop.core.storage.models import UTCDateTime

revision = "0006_privacy"
down_revision = "0005_measures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite keeps the table (and the outbox triggers on it).
    with op.batch_alter_table("pledges", recreate="never") as batch:
        batch.add_column(sa.Column("retained_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("postcode_district", sa.String(8), nullable=True))
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("pledge_id", sa.String(36), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("notice_version", sa.String(64), nullable=True),
        sa.Column("consent_contact", sa.Boolean(), nullable=False),
        sa.Column("consent_publish_name", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
    )
    op.create_index("ix_consent_records_pledge_id", "consent_records", ["pledge_id"])
    op.create_index("ix_pledges_updated", "pledges", ["updated_at"])
    # Pledges stored before consent records existed: record what they hold, notice unknown.
    op.execute(
        "INSERT INTO consent_records (pledge_id, at, kind, notice_version, consent_contact, "
        "consent_publish_name, source, actor) SELECT id, created_at, 'given', NULL, "
        "consent_contact, consent_publish_name, source, 'migration' FROM pledges"
    )


def downgrade() -> None:
    op.drop_index("ix_pledges_updated", "pledges")
    op.drop_index("ix_consent_records_pledge_id", "consent_records")
    op.drop_table("consent_records")
    with op.batch_alter_table("pledges") as batch:
        batch.drop_column("postcode_district")
        batch.drop_column("sealed")
        batch.drop_column("retained_at")
