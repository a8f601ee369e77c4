"""The stored tables: events, pledges, settings and the staff audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from charter_desktop.core.terms import EmailState, OutboxState, PledgeStatus


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite stores it as naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are never stored; use an aware UTC time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class EventRow(Base):
    """A summit or community event that pledges are taken at."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(120), default="")
    event_date: Mapped[date] = mapped_column(Date)
    target: Mapped[int] = mapped_column(Integer, default=100)
    created_at: Mapped[datetime]


class PledgeRow(Base):
    """One attendee's pledge. Ids are made on the kiosk and never change."""

    __tablename__ = "pledges"
    __table_args__ = (
        Index("ix_pledges_event_created", "event_id", "created_at"),
        Index("ix_pledges_created", "created_at"),
        # Covers the staff table's search, so it scans this index instead of whole rows.
        Index("ix_pledges_search", "name", "organisation", "pledge_text"),
        # Covers the benefit and action filters: they scan these short lists, not whole rows.
        Index("ix_pledges_actions", "actions"),
        # Lets the in-memory search of sealed fields take in only what changed.
        Index("ix_pledges_updated", "updated_at"),
        # Covers the counts the dashboard and the pledge wall (every second) make per event.
        Index("ix_pledges_event_status", "event_id", "status", "erased_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    event_id: Mapped[str] = mapped_column(String(36), ForeignKey("events.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    pledger_type: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(Text)
    actions: Mapped[list[str]]
    pledge_text: Mapped[str | None] = mapped_column(Text)
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_publish_name: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=PledgeStatus.ACTIVE)
    source: Mapped[str] = mapped_column(String(16), default="kiosk")
    # Set when staff erased the personal fields on the attendee's request (never cleared).
    erased_at: Mapped[datetime | None]
    # Set when the retention policy removed the personal fields here, a set number of days
    # after the council's hub acknowledged the full pledge (which keeps its own copy).
    retained_at: Mapped[datetime | None]
    # With a council key (core.privacy.sealing): the envelope of name, email, phone and
    # postcode, which then stay empty here (`name` holds only a name published with consent),
    # and the postcode's outward code for place-based figures.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    postcode_district: Mapped[str | None] = mapped_column(String(8))
    # Optional quantities for chosen actions, {action_id: number} (see Catalogue.measures).
    measures: Mapped[dict[str, Any] | None]


class SettingRow(Base):
    """One named setting, its value kept as JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)


class AuditRow(Base):
    """One staff or system action: when, who, what, on which pledge, and what changed."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    pledge_id: Mapped[str | None] = mapped_column(String(36), index=True)
    details: Mapped[dict[str, Any]]


class OutboxRow(Base):
    """A pledge waiting to reach the council hub: one row per pledge, filled by triggers.

    SQLite triggers on `pledges` (migration 0004) insert or re-queue the row in the same
    transaction as every insert, update or delete, bumping `version`; the sender marks a row
    sent only if `version` is still the one the hub acknowledged.
    """

    __tablename__ = "outbox"
    # Queued ids in order, per state: each sync batch reads the next ones without a sort.
    __table_args__ = (Index("ix_outbox_state_pledge", "state", "pledge_id"),)

    pledge_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING)
    queued_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    sent_version: Mapped[int | None] = mapped_column(Integer)


class EmailOutboxRow(Base):
    """A certificate an attendee asked to have emailed; the address is read from the pledge
    when sending, so erasing the pledge leaves no copy of it here."""

    __tablename__ = "email_outbox"
    __table_args__ = (Index("ix_email_outbox_state", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pledge_id: Mapped[str] = mapped_column(String(36), index=True)
    state: Mapped[str] = mapped_column(String(16), default=EmailState.PENDING)
    queued_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class ConsentRecordRow(Base):
    """One consent event for a pledge: what the attendee ticked when they confirmed (with the
    privacy-notice version they were shown), or a later change such as a withdrawal by staff.
    Rows are only ever added, so the history stays."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pledge_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16))  # given | changed | withdrawn
    notice_version: Mapped[str | None] = mapped_column(String(64))
    consent_contact: Mapped[bool] = mapped_column(Boolean)
    consent_publish_name: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(32))
