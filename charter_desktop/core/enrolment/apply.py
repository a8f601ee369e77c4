"""Applying a kiosk pack: the kiosk joins the hub's event in one step, or nothing changes.

`enrol_from_pack` checks the pack (its signature, its expiry by this kiosk's clock, that it
was never applied here, that it comes from the hub this kiosk is enrolled with, and that its
council key is the one this folder seals to), claims it at the hub, then applies everything
in one database transaction: the event (made current), the sync settings (the hub's address
and certificate pin; requests signed with this kiosk's key, no token kept), the council key,
the enrolment record. The files beside the database (this kiosk's signing key if it had
none, the kiosk keys the hub trusts, the council's catalogue) are written before the commit
and put back if it fails.

Moving a kiosk to another hub (a pack signed by another hub's key) needs `re_enrol` and the
staff passphrase, checked against this kiosk's council key; a kiosk without a council key
keeps attendees' details in clear and has no staff secret to check, so `re_enrol` alone
moves it. A council key other than the folder's is always refused: pledges sealed here
could no longer be opened.

The claim binds the pack to this installation at the hub and registers this kiosk's key. A
hub that refuses it (the pack is another kiosk's already, its token revoked or expired), or
that presents a certificate other than the pack's pin, refuses the enrolment. A hub out of
reach does not: the kiosk is set up, its token kept until the first contact claims it
(core.sync.claim).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from charter_desktop.core import events
from charter_desktop.core.catalogue import CATALOGUE_FILE, Catalogue
from charter_desktop.core.certificates.trust import TRUSTED_DIR, keys_dir, trust_public_key
from charter_desktop.core.clock import format_timestamp, utc_now
from charter_desktop.core.enrolment.checks import (
    EnrolError,
    catalogue_of,
    check_staff,
    council_key,
    event_of,
    sync_settings,
    trusted_keys,
)
from charter_desktop.core.enrolment.pack import MAX_PACK_BYTES, OpenedPack, PackPayload, open_pack
from charter_desktop.core.enrolment.staged import StagedFiles
from charter_desktop.core.privacy import sealing, secrets
from charter_desktop.core.privacy.keys import CouncilKey
from charter_desktop.core.privacy.service import purge_plaintext, store_key
from charter_desktop.core.signing import SIGNING_KEY_FILE, load_or_create_signing_key
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import EventRow
from charter_desktop.core.storage.settings import set_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.claim import ENROLMENT_KEY, enrolment_record
from charter_desktop.core.sync.client import (
    ClaimRefused,
    HubClient,
    HubUnavailable,
    RetryPolicy,
    SyncError,
    UntrustedHub,
)
from charter_desktop.core.sync.settings import (
    SyncSettings,
    save_sync_settings,
)

ACTOR = "enrol"
CLAIM_TIMEOUT = 10.0
CLAIM_RETRY = RetryPolicy(attempts=2, base_seconds=0.5, cap_seconds=1.0)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EnrolResult:
    """What an enrolment set up, for staff."""

    device_name: str
    event_id: str
    event_name: str
    hub_url: str
    claimed: bool  # False: the hub was out of reach; the first contact claims the pack
    pack_id: str
    council_key_id: str | None
    catalogue: bool  # the council's catalogue was installed
    trusted_keys: int
    moved_hub: bool  # the kiosk was enrolled with another hub before
    claim_note: str | None = None  # why the pack is not claimed yet


@dataclass(frozen=True)
class _Plan:
    """A checked pack, ready to apply."""

    opened: OpenedPack
    event: dict[str, Any]
    settings: SyncSettings
    council_key: CouncilKey | None
    catalogue: tuple[dict[str, Any], Catalogue] | None
    trusted: list[tuple[str, str]]  # (label, PEM)
    record: dict[str, Any]
    moved_hub: bool

    @property
    def payload(self) -> PackPayload:
        return self.opened.payload


def _plan(store: Store, raw: bytes, re_enrol: bool, passphrase: str | None) -> _Plan:
    """Every check that needs no network; EnrolError (PackError) for the first that fails."""
    opened = open_pack(raw)
    payload = opened.payload
    if utc_now() > payload.expires_at:
        when = payload.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
        raise EnrolError(
            f"this kiosk pack expired at {when} (by this kiosk's clock): make a new one at the "
            "hub, or check the kiosk's date and time"
        )
    with store.db.read() as session:
        record = enrolment_record(session)
        current = sealing.council_key(session)
    applied = record.get("applied_packs")
    if isinstance(applied, list) and payload.pack_id in applied:
        raise EnrolError("this kiosk pack was already used on this kiosk")
    enrolled_with = record.get("hub_key_fingerprint")
    moved = bool(enrolled_with) and enrolled_with != opened.hub_key_fingerprint
    if moved:
        if not re_enrol:
            raise EnrolError(
                "this kiosk pack was made by another hub than the one this kiosk is enrolled "
                "with; to move the kiosk, re-enrol it with the staff passphrase (--re-enrol)"
            )
        check_staff(current, passphrase)
    return _Plan(
        opened=opened,
        event=event_of(payload.event),
        settings=sync_settings(payload),
        council_key=council_key(payload.payload.get("council_key"), current),
        catalogue=catalogue_of(payload.payload.get("catalogue")),
        trusted=trusted_keys(payload.payload.get("trusted_keys"), store.device_id),
        record=record,
        moved_hub=moved,
    )


def _claim(plan: _Plan, device_id: str, key: Ed25519PrivateKey) -> str | None:
    """Claim the pack at the hub; None when claimed, else why it waits (the hub is out of
    reach). EnrolError when the hub refuses it or is not the pinned hub."""
    try:
        with HubClient(plan.settings, signer=key, device_id=device_id, retry=CLAIM_RETRY,
                       timeout=CLAIM_TIMEOUT) as client:  # fmt: skip
            client.claim(plan.payload.token, device_id, key)
    except UntrustedHub:
        if plan.settings.pin:
            raise EnrolError(
                "the hub's certificate does not match the pack's pin: this is not "
                "the hub that made the pack, or its certificate changed"
            ) from None
        raise EnrolError("the hub's certificate is not trusted by this kiosk") from None
    except ClaimRefused as exc:
        raise EnrolError(str(exc)) from None
    except HubUnavailable as exc:
        log.info("kiosk pack not claimed yet: %s", exc)
        return "the hub was out of reach; the kiosk claims its pack at its first contact"
    except SyncError as exc:
        raise EnrolError(f"the hub did not take the kiosk pack: {exc}") from None
    return None


def _private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _put_event(session: Session, event: dict[str, Any]) -> events.Event:
    """The pack's event, made here or brought up to date (the hub describes it), current."""
    row = session.get(EventRow, event["id"])
    if row is None:
        events.create_event(session, event["name"], event["date"], place=event["place"],
                            target=event["target"], event_id=event["id"], actor=ACTOR)  # fmt: skip
    else:
        row.name, row.place = event["name"], event["place"]
        row.event_date, row.target = event["date"], event["target"]
        session.flush()
    return events.set_current_event(session, event["id"], actor=ACTOR)


def _apply(session: Session, plan: _Plan, claimed: bool) -> bool:
    """Everything the database holds, in the caller's transaction; True when secrets stored
    in clear were sealed (their freed space to be purged after the commit)."""
    payload = plan.payload
    _put_event(session, plan.event)
    save_sync_settings(session, plan.settings, actor=ACTOR)
    sealed: list[str] = []
    current = sealing.council_key(session)
    if plan.council_key is not None and current is None:
        sealing.set_council_key(session, plan.council_key, ACTOR)
        sealed = secrets.seal_stored(session, ACTOR)
    applied = plan.record.get("applied_packs")
    record: dict[str, Any] = {
        "hub_key_fingerprint": plan.opened.hub_key_fingerprint,
        "hub_id": payload.hub_id,
        "hub_url": plan.settings.hub_url,
        "pack_id": payload.pack_id,
        "device_name": payload.device_name,
        "event_id": plan.event["id"],
        "enrolled_at": format_timestamp(utc_now()),
        "claimed": claimed,
        "applied_packs": [*(applied if isinstance(applied, list) else []), payload.pack_id],
    }
    if not claimed:
        record["pending_token"] = payload.token
    set_setting(session, ENROLMENT_KEY, record)
    details = {
        "pack_id": payload.pack_id,
        "hub_id": payload.hub_id,
        "event_id": plan.event["id"],
        "claimed": claimed,
        "moved_hub": plan.moved_hub,
    }
    audit.record(session, ACTOR, "enrolment.apply", details=details)  # fmt: skip
    return bool(sealed)


def enrol_from_pack(
    store: Store,
    raw: bytes,
    *,
    re_enrol: bool = False,
    passphrase: str | None = None,
    claim: bool = True,
) -> EnrolResult:
    """Set this kiosk up from the kiosk pack `raw` (the file's bytes). PackError (EnrolError)
    with one line when the pack is refused, and then nothing changed. With `claim` False the
    pack is not claimed now: its token waits for the first contact, as with a hub out of
    reach."""
    plan = _plan(store, raw, re_enrol, passphrase)
    folder = keys_dir(store.paths.data_dir)
    new_key = None
    if (folder / SIGNING_KEY_FILE).is_file():
        key = load_or_create_signing_key(folder)
    else:  # made now, kept only if the kiosk is enrolled
        key = new_key = Ed25519PrivateKey.generate()
    note = _claim(plan, store.device_id, key) if claim else "not claimed yet"
    staged = StagedFiles()
    try:
        if new_key is not None:
            staged.write(folder / SIGNING_KEY_FILE, _private_pem(new_key))
        if plan.trusted:
            staged.track_folder(folder / TRUSTED_DIR)
            for label, pem in plan.trusted:
                trust_public_key(store.paths.data_dir, pem, label)
        if plan.catalogue is not None:
            text = json.dumps(plan.catalogue[0], indent=2, ensure_ascii=False) + "\n"
            staged.write(store.paths.data_dir / CATALOGUE_FILE, text.encode("utf-8"))
        with store.db.write() as session:
            sealed = _apply(session, plan, claimed=note is None)
    except BaseException:
        staged.undo()
        raise
    if sealed:
        purge_plaintext(store)
    if plan.catalogue is not None:
        store.catalogue = plan.catalogue[1]
    key_now = plan.council_key or store_key(store)
    return EnrolResult(
        device_name=plan.payload.device_name,
        event_id=plan.event["id"],
        event_name=plan.event["name"],
        hub_url=plan.settings.hub_url,
        claimed=note is None,
        pack_id=plan.payload.pack_id,
        council_key_id=None if key_now is None else key_now.key_id,
        catalogue=plan.catalogue is not None,
        trusted_keys=len(plan.trusted),
        moved_hub=plan.moved_hub,
        claim_note=note,
    )


def read_pack_file(path: Path) -> bytes:
    """The bytes of the kiosk pack file at `path`; EnrolError when it cannot be read or is
    far too large to be one."""
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise EnrolError(f"{path} is over {MAX_PACK_BYTES // (1024 * 1024)} MiB: not a "
                             "kiosk pack")  # fmt: skip
        return path.read_bytes()
    except OSError as exc:
        raise EnrolError(f"cannot read the kiosk pack {path}: {exc.strerror or exc}") from None
