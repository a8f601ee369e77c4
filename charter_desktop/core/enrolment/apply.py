"""Applying a kiosk pack: the kiosk joins the hub's event in one step, or nothing changes.

`enrol_from_pack` checks the pack (its signature, its expiry by this kiosk's clock, that it
was never applied here, that it comes from the hub this kiosk is enrolled with, and that its
council key is the one this folder seals to), claims it at the hub, then applies everything
in one database transaction: the event (made current), the sync settings (the hub's address
and certificate pin; requests signed with this kiosk's key, no token kept), the council key,
the enrolment record. This kiosk's signing key, if it had none, is made and kept before the
claim (the hub registers it, so a retry must sign with it). The other files (the kiosk keys
the hub trusts, which replace the ones earlier packs brought; the council's catalogue) are
written before the commit and put back if it fails.

Moving a kiosk to another hub (a pack signed by another hub's key), setting up one never
enrolled from a pack that already has a council key or a hub, or taking a pack older than
the last one applied or naming another kiosk, needs `re_enrol` and the staff passphrase,
checked against this kiosk's council key; a kiosk without a council key keeps attendees'
details in clear and has no staff secret to check, so `re_enrol` alone does. A council key
other than the folder's is always refused: pledges sealed here could no longer be opened.

The claim binds the pack to this installation at the hub and registers this kiosk's key. A
hub that refuses it (the pack is another kiosk's already, its token revoked or expired), or
that presents a certificate other than the pack's pin, refuses the enrolment. A hub out of
reach does not: the kiosk is set up, its token kept until the first contact claims it
(core.sync.claim).
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from charter_desktop.core import events
from charter_desktop.core.catalogue import CATALOGUE_FILE, Catalogue
from charter_desktop.core.certificates.trust import TRUSTED_DIR, keys_dir, trust_public_key
from charter_desktop.core.clock import format_timestamp, parse_timestamp, utc_now
from charter_desktop.core.enrolment.checks import (
    HUB_KEY_PREFIX,
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
from charter_desktop.core.privacy import keyring, sealing, secrets
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
    load_sync_settings,
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


def _issued_at(payload: PackPayload) -> datetime:
    try:
        return parse_timestamp(str(payload.payload["issued_at"]))
    except ValueError:
        raise EnrolError("the kiosk pack's issue time cannot be read") from None


def _staff_change(record: dict[str, Any], opened: OpenedPack, settings_configured: bool,
                  has_key: bool) -> str | None:  # fmt: skip
    """Why applying this pack needs `re_enrol` and the staff passphrase (None: it does not).

    A kiosk never enrolled from a pack is set up freely only while it has neither a council
    key nor a hub: otherwise any signed pack could point it elsewhere. A kiosk enrolled from
    a pack takes, freely, only newer packs of its hub for the same kiosk name."""
    payload = opened.payload
    enrolled_with = record.get("hub_key_fingerprint")
    if not enrolled_with:
        if has_key or settings_configured:
            return (
                "this kiosk is already set up (a council key or a hub) but was never enrolled "
                "from a kiosk pack; to enrol it with this pack's hub, re-enrol it with the "
                "staff passphrase (--re-enrol)"
            )
        return None
    if enrolled_with != opened.hub_key_fingerprint:
        return (
            "this kiosk pack was made by another hub than the one this kiosk is enrolled "
            "with; to move the kiosk, re-enrol it with the staff passphrase (--re-enrol)"
        )
    last = record.get("issued_at")
    if isinstance(last, str):
        try:
            older = _issued_at(payload) < parse_timestamp(last)
        except ValueError:
            older = False
        if older:
            return (
                "this kiosk pack is older than the one this kiosk was last set up from; to use "
                "it anyway, re-enrol with the staff passphrase (--re-enrol)"
            )
    name = record.get("pack_device_name", record.get("device_name"))
    if isinstance(name, str) and name and name != payload.device_name:
        return (
            f"this kiosk pack is for kiosk '{payload.device_name}', not '{name}'; to use it "
            "anyway, re-enrol with the staff passphrase (--re-enrol)"
        )
    return None


def _plan(
    store: Store, raw: bytes, re_enrol: bool, passphrase: str | None, staff_unlocked: bool
) -> _Plan:
    """Every check that needs no network; EnrolError (PackError) for the first that fails."""
    opened = open_pack(raw)
    payload = opened.payload
    if utc_now() > payload.expires_at:
        when = payload.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
        raise EnrolError(
            f"this kiosk pack expired at {when} (by this kiosk's clock): make a new one at the "
            "hub, or check the kiosk's date and time"
        )
    _issued_at(payload)
    with store.db.read() as session:
        record = enrolment_record(session)
        current = sealing.council_key(session)
        configured = bool(load_sync_settings(session).hub_url)
    applied = record.get("applied_packs")
    if isinstance(applied, list) and payload.pack_id in applied:
        raise EnrolError("this kiosk pack was already used on this kiosk")
    enrolled_with = record.get("hub_key_fingerprint")
    why = _staff_change(record, opened, configured, current is not None)
    if why is not None:
        if not re_enrol:
            raise EnrolError(why)
        if not (staff_unlocked and current is not None and keyring.is_unlocked(current.public)):
            check_staff(current, passphrase)
    return _Plan(
        opened=opened,
        event=event_of(payload.event),
        settings=sync_settings(payload),
        council_key=council_key(payload.payload.get("council_key"), current),
        catalogue=catalogue_of(payload.payload.get("catalogue")),
        trusted=trusted_keys(payload.payload.get("trusted_keys"), store.device_id),
        record=record,
        moved_hub=why is not None and enrolled_with != opened.hub_key_fingerprint,
    )


class _NotTaken(EnrolError):
    """The hub refused the claim, or was not the pinned hub: it registered no key."""


def _claim(plan: _Plan, device_id: str, key: Ed25519PrivateKey) -> str | None:
    """Claim the pack at the hub; None when claimed, else why it waits (the hub is out of
    reach). EnrolError when the hub refuses it (_NotTaken) or is not the pinned hub
    (_NotTaken), or fails otherwise (it may have registered the key)."""
    try:
        with HubClient(plan.settings, signer=key, device_id=device_id, retry=CLAIM_RETRY,
                       timeout=CLAIM_TIMEOUT) as client:  # fmt: skip
            client.claim(plan.payload.token, device_id, key)
    except UntrustedHub:
        if plan.settings.pin:
            raise _NotTaken(
                "the hub's certificate does not match the pack's pin: this is not "
                "the hub that made the pack, or its certificate changed"
            ) from None
        raise _NotTaken("the hub's certificate is not trusted by this kiosk") from None
    except ClaimRefused as exc:
        raise _NotTaken(str(exc)) from None
    except HubUnavailable as exc:
        log.info("kiosk pack not claimed yet: %s", exc)
        return "the hub was out of reach; the kiosk claims its pack at its first contact"
    except SyncError as exc:
        raise EnrolError(f"the hub did not take the kiosk pack: {exc}") from None
    return None


class _MadeKey:
    """Whether this kiosk's signing key (and its folder) are about to be made, to remove them
    again when the hub refused the claim (it never saw the key)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.had_folder = folder.exists()
        self.had_key = (folder / SIGNING_KEY_FILE).exists()

    def remove(self) -> None:
        if self.had_key:
            return
        with contextlib.suppress(OSError):
            (self.folder / SIGNING_KEY_FILE).unlink()
            if not self.had_folder:
                self.folder.rmdir()


def _replace_hub_keys(staged: StagedFiles, data_dir: Path, trusted: list[tuple[str, str]]) -> None:
    """The kiosk keys from packs (files named HUB_KEY_PREFIX...) become the pack's set: a key
    the hub no longer lists (revoked) goes; keys staff trusted by hand stay."""
    folder = keys_dir(data_dir) / TRUSTED_DIR
    if not trusted and not folder.is_dir():
        return
    staged.track_folder(folder)
    keep = set()
    for label, pem in trusted:
        keep.add(trust_public_key(data_dir, pem, label).name)
    for path in folder.glob(f"{HUB_KEY_PREFIX}*.pem"):
        if path.name not in keep:
            path.unlink()


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
        "pack_device_name": payload.device_name,
        "issued_at": format_timestamp(_issued_at(payload)),
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
    staff_unlocked: bool = False,
) -> EnrolResult:
    """Set this kiosk up from the kiosk pack `raw` (the file's bytes). PackError (EnrolError)
    with one line when the pack is refused, and then nothing changed. With `claim` False the
    pack is not claimed now: its token waits for the first contact, as with a hub out of
    reach. `staff_unlocked`: the caller has just unlocked this folder's council key with the
    staff passphrase (the command line does, before any enrol), so an unlocked key stands
    for the passphrase a re-enrolment needs."""
    plan = _plan(store, raw, re_enrol, passphrase, staff_unlocked)
    # Written before the claim, and kept unless the hub refused it: the hub registers this
    # key, so a retry after a failed apply must sign with the same one.
    folder = keys_dir(store.paths.data_dir)
    made = _MadeKey(folder)
    key = load_or_create_signing_key(folder)
    try:
        note = _claim(plan, store.device_id, key) if claim else "not claimed yet"
    except _NotTaken:
        made.remove()
        raise
    staged = StagedFiles()
    try:
        _replace_hub_keys(staged, store.paths.data_dir, plan.trusted)
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
