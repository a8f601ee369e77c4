"""The hub's tables: registered devices, their keys, events, merged pledges, batches, imports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from charter_desktop.core.storage.models import UTCDateTime
from charter_desktop.core.terms import PledgeStatus


class HubBase(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class DeviceRow(HubBase):
    """A kiosk the council issued a token to; only the token's hash. The token speaks for one
    kiosk installation, `device_id`, bound by the first batch that proves it holds the key.
    A token issued in a kiosk pack names the pack and the event it enrolls the kiosk for, and
    stops working at `expires_at` unless the pack was claimed first (then it is cleared).

    `pack_event_id` is the event of the device's latest pack; claiming the pack makes it the
    device's `event_id` and adds it to `enrolled_events`, the events the kiosk may send
    pledges for among those the hub made. A claimed pack's token authenticates nothing but a
    repeat claim (the kiosk signs its requests with its own key)."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    device_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    revoked_at: Mapped[datetime | None]
    event_id: Mapped[str | None] = mapped_column(String(36))
    expires_at: Mapped[datetime | None]
    pack_id: Mapped[str | None] = mapped_column(String(36))
    pack_event_id: Mapped[str | None] = mapped_column(String(36))
    enrolled_events: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # What the kiosk said on its last authenticated request.
    last_contact_at: Mapped[datetime | None]
    app_version: Mapped[str | None] = mapped_column(String(40))
    queued_reported: Mapped[int | None] = mapped_column(Integer)


class DeviceKeyRow(HubBase):
    """A kiosk installation's Ed25519 public key, for bundles and certificate checks: bound to
    the token (`device`) that registered it, or to none when it came in a USB bundle. A
    revoked key no longer makes a certificate genuine."""

    __tablename__ = "device_keys"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[datetime]
    registered_by: Mapped[str] = mapped_column(String(140))
    device: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    revoked_at: Mapped[datetime | None]


class HubEventRow(HubBase):
    """An event pledges were taken at, as the kiosks described it, or as the hub made it
    (`described_by` "hub": then no kiosk can describe it again)."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(120), default="")
    event_date: Mapped[date] = mapped_column(Date)
    target: Mapped[int] = mapped_column(Integer, default=100)
    # The kiosk installation that first described it; only that one may describe it again.
    described_by: Mapped[str | None] = mapped_column(String(36))


class HubPledgeRow(HubBase):
    """A pledge from a kiosk, known by that kiosk and its id (as its certificate names it);
    the newest `updated_at` wins when one arrives twice."""

    __tablename__ = "pledges"
    __table_args__ = (
        Index("ix_hub_pledges_created", "created_at"),
        Index("ix_hub_pledges_event", "event_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    event_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
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
    source: Mapped[str] = mapped_column(String(16))  # sync or bundle
    received_at: Mapped[datetime]
    received_from: Mapped[str] = mapped_column(String(140))
    measures: Mapped[dict[str, Any] | None]  # {action_id: quantity}, as on the kiosk
    # The attendee's details sealed to the council key (an envelope the hub never opens but
    # for `hub export --include-contact`); email, phone and postcode are then NULL.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    postcode_district: Mapped[str | None] = mapped_column(String(8))


class ErasureRow(HubBase):
    """A pledge erased on its kiosk: removed here, and never stored again if that kiosk
    resends it. `device_id` '' (erasures from before devices were bound) blocks every kiosk."""

    __tablename__ = "erasures"

    pledge_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    erased_at: Mapped[datetime]
    received_from: Mapped[str] = mapped_column(String(140))


class BatchRow(HubBase):
    """A batch already taken, by its idempotency key, with the answer given for it."""

    __tablename__ = "batches"

    device: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime]
    response: Mapped[dict[str, Any]]
    body_sha256: Mapped[str | None] = mapped_column(String(64))


class BundleImportRow(HubBase):
    """A USB bundle already imported, by the SHA-256 of its signed manifest."""

    __tablename__ = "bundle_imports"

    manifest_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    imported_at: Mapped[datetime]
    pledges: Mapped[int] = mapped_column(Integer)


class EnrolmentCodeRow(HubBase):
    """A one-time code a kiosk fetches its pack with: the SHA-256 of the normalised code, the
    pack's text, until `expires_at`; `used_at` once fetched."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    pack: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class HubSettingRow(HubBase):
    """One named hub setting (the hub's own id, used as `device_id` in its exports)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
