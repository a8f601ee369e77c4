"""A stored pledge's certificate claim and its signed verification URL (the QR's content)."""

from __future__ import annotations

from charter_desktop.core import events
from charter_desktop.core.kiosk.settings import load_kiosk_settings
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.signing import (
    CertificateClaim,
    certificate_url,
    load_or_create_signing_key,
)
from charter_desktop.core.store import Store


def claim_from(pledge: Pledge, event_name: str) -> CertificateClaim:
    """What `pledge`'s certificate asserts: the local day it was made, its event, its name.
    A locked pledge raises PersonalDataLocked (its certificate needs the name)."""
    if pledge.locked:
        raise PersonalDataLocked("a certificate")
    return CertificateClaim(
        pledge_id=pledge.id,
        device_id=pledge.device_id,
        date=pledge.created_at.astimezone().date().isoformat(),
        event=event_name,
        name=pledge.name,
    )


def claim_for(store: Store, pledge: Pledge) -> CertificateClaim:
    with store.db.read() as session:
        event = events.get_event(session, pledge.event_id)
    return claim_from(pledge, event.name if event else "")


def base_url(store: Store) -> str:
    with store.db.read() as session:
        return load_kiosk_settings(session).certificate_base_url


def pledge_certificate_url(store: Store, pledge: Pledge) -> str:
    """The signed URL for `pledge`'s certificate QR, made with this kiosk's signing key."""
    key = load_or_create_signing_key(store.paths.data_dir / "keys")
    return certificate_url(base_url(store), claim_for(store, pledge), key)
