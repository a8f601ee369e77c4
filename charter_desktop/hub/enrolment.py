"""Kiosk packs: everything a kiosk needs to join an event, made and signed at the hub.

`make_pack` issues the kiosk's token (one use: to claim the pack, which binds it to one kiosk
installation), names the event, the hub's address and certificate pin, the council key every
kiosk seals attendees' details to, the kiosk keys the hub trusts and, when the council changed
it, the catalogue; it signs all that with the hub's own key (hub.identity) and gives a short
one-time code a kiosk with no USB port fetches the same pack with.

A pack's token stops working at the pack's expiry unless a kiosk claimed the pack first
(devices.device_for_claim); once claimed it serves only a repeat claim by the same kiosk
installation, never as a `Bearer` token (devices.device_for_token), and the pack's code is
gone. The claim makes the pack's event the kiosk's, one of the hub's events it may send
pledges for. The claim and the code redemption are plain functions here; the
hub's API (hub.app) calls them and answers each error with its `status`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from charter_desktop.core.catalogue import CATALOGUE_FILE, CatalogueError, parse_catalogue
from charter_desktop.core.clock import utc_now
from charter_desktop.core.enrolment.pack import new_payload, sign_pack
from charter_desktop.core.hosts import LOOPBACK_HOSTS
from charter_desktop.core.privacy.keys import CouncilKey, KeyFileError
from charter_desktop.core.text import TextError, clean_line
from charter_desktop.hub.devices import (
    DeviceError,
    Forbidden,
    bind_device,
    check_proof,
    enrol_for_pack,
    issue_token,
)
from charter_desktop.hub.events import DESCRIBED_BY_HUB, HubEvent
from charter_desktop.hub.identity import auto_certificate, certificate_pin_of, hub_signing_key
from charter_desktop.hub.merged import hub_id
from charter_desktop.hub.models import (
    DeviceKeyRow,
    DeviceRow,
    EnrolmentCodeRow,
    HubEventRow,
)
from charter_desktop.hub.settings import COUNCIL_KEY, get_setting, set_setting

DEFAULT_VALID_HOURS = 72
MAX_VALID_HOURS = 24 * 30
SYNC_INTERVAL_SECONDS = 5
# Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
_CODE_READS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


class EnrolmentError(Exception):
    """A pack, a code or a claim cannot be had; the message says why in one line, `status`
    is the HTTP status the hub answers with."""

    status = 400


class UnknownCode(EnrolmentError):
    status = 404

    def __init__(self) -> None:
        super().__init__("no kiosk pack has this code: check it, or make a new pack at the hub")


class CodeUsed(EnrolmentError):
    status = 410

    def __init__(self) -> None:
        super().__init__("this code was already used")


class CodeExpired(EnrolmentError):
    status = 410

    def __init__(self) -> None:
        super().__init__("this code has expired: make a new pack at the hub")


class PackAlreadyClaimed(EnrolmentError):
    """The pack's token is bound to another kiosk installation."""

    status = 409

    def __init__(self) -> None:
        super().__init__("this kiosk pack was already used by another kiosk")


class ClaimRefused(EnrolmentError):
    """The claim does not prove the kiosk holds its key, or names another kiosk's device."""

    status = 403


def normalise_code(text: str) -> str | None:
    """A code as typed ("abcd-efgh-jk", with O for 0 or I/L for 1) in its stored form, or
    None if it cannot be one."""
    code = str(text).upper().translate(_CODE_READS)
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def code_hash(code: str) -> str:
    """The SHA-256 (hex) of a normalised code: all the hub keeps of it."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def new_code() -> str:
    """A new code, shown as XXXX-XXXX-XX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _check_url(hub_url: str) -> tuple[str, str]:
    """(The URL without a trailing slash, its host); EnrolmentError unless a kiosk can use it."""
    url = str(hub_url).strip().rstrip("/")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise EnrolmentError(f"--url: {hub_url!r} is not an address") from None
    if parts.scheme not in ("http", "https") or not host:
        raise EnrolmentError(
            f"--url: {hub_url!r} is not the hub's address (https://HOST:PORT, as kiosks reach it)"
        )
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        raise EnrolmentError(
            "--url: kiosks send pledges to a hub on another machine only over https: serve "
            "the hub with `hub serve --tls auto` and give its https:// address"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise EnrolmentError("--url: give the hub's address only, with no query or password")
    return url, host


def _pin(session: Session, url: str, host: str, tls_cert: Path | None) -> str | None:
    if not url.startswith("https://"):
        if tls_cert is not None:
            raise EnrolmentError("--tls-cert: the hub's address is http://, which uses none")
        return None
    if tls_cert is not None:
        try:
            return certificate_pin_of(tls_cert.read_bytes())
        except OSError as exc:
            raise EnrolmentError(f"--tls-cert: cannot read {tls_cert}: {exc.strerror}") from None
        except ValueError:
            raise EnrolmentError(f"--tls-cert: {tls_cert} is not a PEM certificate") from None
    return auto_certificate(session, [host]).pin


def _council_key(session: Session, given: CouncilKey | None) -> dict[str, Any]:
    stored_json = get_setting(session, COUNCIL_KEY)
    stored = None
    if stored_json is not None:
        try:
            stored = CouncilKey.from_json(stored_json)
        except KeyFileError as exc:
            raise EnrolmentError(f"the hub's stored council key cannot be read: {exc}") from None
    if given is None:
        if stored is None:
            raise EnrolmentError(
                "the hub holds no council key yet: give --council-key FILE once (the key "
                "file `privacy key new` wrote); every kiosk seals attendees' details to it"
            )
        return stored.to_json()
    if stored is not None and stored.public != given.public:
        raise EnrolmentError(
            f"--council-key: this hub's kiosks already seal to council key {stored.key_id}, "
            f"not {given.key_id}; kiosks of one hub share one council key"
        )
    if stored is None:
        set_setting(session, COUNCIL_KEY, given.to_json())
    return given.to_json()


def _catalogue(catalogue_dir: Path | None) -> dict[str, Any] | None:
    if catalogue_dir is None:
        return None
    path = catalogue_dir / CATALOGUE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        parse_catalogue(data)
    except FileNotFoundError:
        raise EnrolmentError(
            f"--catalogue-dir: {catalogue_dir} holds no {CATALOGUE_FILE}"
        ) from None
    except (OSError, ValueError, CatalogueError) as exc:
        raise EnrolmentError(f"--catalogue-dir: {path} cannot be used: {exc}") from None
    if not isinstance(data, dict):
        raise EnrolmentError(f"--catalogue-dir: {path} is not a charter catalogue")
    return data


def trusted_keys(session: Session) -> list[dict[str, Any]]:
    """Every kiosk key the hub trusts (not revoked): {device_id, public_key, kiosk}."""
    query = (
        select(DeviceKeyRow.device_id, DeviceKeyRow.public_key, DeviceRow.name)
        .outerjoin(DeviceRow, DeviceRow.id == DeviceKeyRow.device)
        .where(DeviceKeyRow.revoked_at.is_(None))
        .order_by(DeviceKeyRow.device_id)
    )
    return [
        {"device_id": device_id, "public_key": public_key.strip(), "kiosk": kiosk}
        for device_id, public_key, kiosk in session.execute(query)
    ]


def _device_for_pack(session: Session, device_name: str) -> tuple[DeviceRow, str]:
    """The device row for a new pack and its new token. A device already set up on a kiosk
    keeps its binding: the new pack (another event, say) is claimed only by that same kiosk
    installation, so a kiosk in use is never taken over; `hub revoke` frees the name for a
    replacement."""
    try:
        name = clean_line(device_name, 100)
    except TextError as exc:
        raise EnrolmentError(f"--device: {exc}") from None
    try:
        token = issue_token(session, name)
    except DeviceError as exc:
        raise EnrolmentError(f"--device: {str(exc).removeprefix('device name: ')}") from None
    row = session.scalar(select(DeviceRow).where(DeviceRow.name == name))
    assert row is not None
    # An earlier pack's code would fetch a pack whose token no longer works.
    session.execute(delete(EnrolmentCodeRow).where(EnrolmentCodeRow.device == row.id))
    return row, token


@dataclass(frozen=True)
class PackMade:
    pack: bytes
    code: str
    expires_at: datetime
    replaced_pack: bool = False  # an unused earlier pack of this device stopped working


def make_pack(
    session: Session,
    device_name: str,
    event_id: str,
    hub_url: str,
    *,
    valid_hours: int = DEFAULT_VALID_HOURS,
    council_key: CouncilKey | None = None,
    catalogue_dir: Path | None = None,
    tls_cert: Path | None = None,
) -> tuple[bytes, str]:
    """A signed kiosk pack for device `device_name` at event `event_id`, and its one-time
    code (XXXX-XXXX-XX); EnrolmentError says what to change. See `make_pack_for`."""
    made = make_pack_for(
        session, device_name, event_id, hub_url, valid_hours=valid_hours,
        council_key=council_key, catalogue_dir=catalogue_dir, tls_cert=tls_cert,
    )  # fmt: skip
    return made.pack, made.code


def make_pack_for(
    session: Session,
    device_name: str,
    event_id: str,
    hub_url: str,
    *,
    valid_hours: int = DEFAULT_VALID_HOURS,
    council_key: CouncilKey | None = None,
    catalogue_dir: Path | None = None,
    tls_cert: Path | None = None,
) -> PackMade:
    """As `make_pack`, with the pack's expiry.

    The device gets a new token (an unclaimed earlier pack of it stops working; a device
    already bound to a kiosk stays bound: only that kiosk can use the new pack). The
    council key is kept at the hub the first time it is given; a different one later is
    refused. An https address with no `tls_cert` pins the hub's own certificate (made now if
    `hub serve --tls auto` has not yet). Enrolling kiosks for an event a kiosk described makes
    it the hub's: no kiosk can rename it any more."""
    if isinstance(valid_hours, bool) or not 1 <= valid_hours <= MAX_VALID_HOURS:
        raise EnrolmentError(f"--valid-hours: must be a whole number from 1 to {MAX_VALID_HOURS}")
    event_row = session.get(HubEventRow, str(event_id))
    if event_row is None:
        raise EnrolmentError(f"--event: the hub has no event {event_id!r} (see `hub event list`)")
    url, host = _check_url(hub_url)
    council = _council_key(session, council_key)
    catalogue = _catalogue(catalogue_dir)
    pin = _pin(session, url, host, tls_cert)
    earlier = session.scalar(
        select(DeviceRow.pack_id).where(
            DeviceRow.name == device_name.strip(), DeviceRow.revoked_at.is_(None)
        )
    )
    row, token = _device_for_pack(session, device_name)
    event_row.described_by = DESCRIBED_BY_HUB
    issued = utc_now()
    expires = issued + timedelta(hours=valid_hours)
    pack_id = str(uuid.uuid4())
    # The event becomes the device's when a kiosk claims the pack (devices.enrol_for_pack).
    row.pack_event_id, row.expires_at, row.pack_id = event_row.id, expires, pack_id
    payload = new_payload(
        pack_id=pack_id, hub_id=hub_id(session), issued_at=issued, expires_at=expires,
        hub_url=url, tls_pin=pin, token=token, device_name=row.name,
        event=HubEvent.from_row(event_row).to_json(), council_key=council, catalogue=catalogue,
        trusted_keys=trusted_keys(session), sync_interval_seconds=SYNC_INTERVAL_SECONDS,
    )  # fmt: skip
    pack = sign_pack(payload, hub_signing_key(session))
    code = new_code()
    session.add(EnrolmentCodeRow(
        code_hash=code_hash(normalise_code(code) or ""), device=row.id,
        pack=pack.decode("ascii"), expires_at=expires, used_at=None,
    ))  # fmt: skip
    session.flush()
    return PackMade(pack, code, expires, replaced_pack=earlier is not None)


def redeem_code(session: Session, code: str) -> str:
    """The pack file's text for a one-time code, once: UnknownCode (404), CodeUsed or
    CodeExpired (410). The hub forgets the pack's text once it is fetched."""
    normal = normalise_code(code)
    if normal is None:
        raise UnknownCode
    row = session.get(EnrolmentCodeRow, code_hash(normal))
    if row is None:
        raise UnknownCode
    if row.used_at is not None:
        raise CodeUsed
    now = utc_now()
    device = session.get(DeviceRow, row.device)
    if now >= row.expires_at or device is None or device.revoked_at is not None:
        raise CodeExpired
    if device.device_id is not None and device.expires_at is None:
        raise CodeUsed  # its pack was claimed (a USB pack, say): the code is spent
    pack = row.pack
    taken = session.execute(
        update(EnrolmentCodeRow)
        .where(EnrolmentCodeRow.code_hash == row.code_hash, EnrolmentCodeRow.used_at.is_(None))
        .values(used_at=now, pack="")
        .execution_options(synchronize_session=False)
    )
    if int(taken.rowcount) != 1:  # type: ignore[attr-defined]
        raise CodeUsed  # another request took it at that moment
    session.expire(row)
    return pack


@dataclass(frozen=True)
class Claimed:
    device: str  # the name the council gave the kiosk
    event_id: str | None
    again: bool  # the same installation claimed before


def claim_pack(
    session: Session, device_row: DeviceRow, device_id: str, public_key: str, proof: str
) -> Claimed:
    """Bind the pack's token (`device_row`, found by it) to kiosk installation `device_id`
    and register its key, proven by `proof` (signing.binding_proof over the token). The same
    installation claiming again is answered as before; another one: PackAlreadyClaimed (409);
    a proof that does not check or a device id another kiosk holds: ClaimRefused (403)."""
    if device_row.device_id is not None and device_row.device_id != device_id:
        raise PackAlreadyClaimed
    again = device_row.device_id == device_id
    try:
        # Every claim proves the key, a repeat one too (the token is all it has otherwise).
        check_proof(device_id, public_key, device_row.token_hash, proof)
        bind_device(session, device_row, device_id, public_key, proof)
    except Forbidden as exc:
        session.refresh(device_row)  # another installation may have bound it just now
        if device_row.device_id not in (None, device_id):
            raise PackAlreadyClaimed from None
        raise ClaimRefused(str(exc)) from None
    except DeviceError as exc:  # a public key that is not one
        raise ClaimRefused(str(exc)) from None
    device_row.expires_at = None
    enrol_for_pack(device_row)
    # A code for this pack would hand its token out again: it is spent, its pack forgotten.
    session.execute(
        update(EnrolmentCodeRow)
        .where(EnrolmentCodeRow.device == device_row.id, EnrolmentCodeRow.used_at.is_(None))
        .values(used_at=utc_now(), pack="")
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return Claimed(device_row.name, device_row.event_id, again)
