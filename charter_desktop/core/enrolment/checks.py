"""The checks of a kiosk pack's contents that need no network and change nothing: each
refuses with an EnrolError naming what cannot be used, in one line."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from charter_desktop.core import events
from charter_desktop.core.catalogue import Catalogue, CatalogueError, parse_catalogue
from charter_desktop.core.enrolment.pack import PackError, PackPayload
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.privacy.keys import CouncilKey, KeyFileError, WrongPassphrase
from charter_desktop.core.signing import load_public_key
from charter_desktop.core.sync.settings import AUTH_DEVICE, INTERVAL_MAX, SyncSettings
from charter_desktop.core.text import TextError, clean_line

DEFAULT_INTERVAL = 5
# Kiosk keys that came from packs are kept as HUB_KEY_PREFIX + device id + ".pem" in the
# trusted keys folder: the next pack replaces that set; other files are staff's own.
HUB_KEY_PREFIX = "hub-"


class EnrolError(PackError):
    """The kiosk pack cannot be applied here; the message says why, in one line, and
    nothing was changed."""


def check_staff(current: CouncilKey | None, passphrase: str | None) -> None:
    """Moving to another hub: the staff passphrase must open this folder's council key (a
    folder without one has no staff secret to check)."""
    if current is None:
        return
    if not passphrase:
        raise EnrolError(
            "moving this kiosk to another hub needs the staff passphrase (--passphrase-file "
            "or CHARTER_PASSPHRASE); nothing was changed"
        )
    try:
        current.unwrap(passphrase)
    except (WrongPassphrase, KeyFileError):
        raise EnrolError(
            "the staff passphrase does not open this kiosk's council key; the kiosk was not "
            "moved to another hub"
        ) from None


def council_key(value: Any, current: CouncilKey | None) -> CouncilKey | None:
    """The pack's council key (None if it has none); it must be the folder's own, if any."""
    if value is None:
        return None
    try:
        key = CouncilKey.from_json(value)
    except KeyFileError as exc:
        raise EnrolError(f"the kiosk pack's council key cannot be used: {exc}") from None
    if current is not None and current.public != key.public:
        raise EnrolError(
            f"the kiosk pack's council key {key.key_id} is not the one this kiosk's data is "
            f"sealed to ({current.key_id}): pledges sealed here could no longer be opened"
        )
    return key


def event_of(value: dict[str, Any]) -> dict[str, Any]:
    """The pack's event as the kiosk stores it: id (a UUID), name, place, date, target."""
    bad = EnrolError("the kiosk pack's event is not one this kiosk can take")
    try:
        event_id = str(value["id"])
        if str(uuid.UUID(event_id)) != event_id:
            raise ValueError
        name = clean_line(str(value["name"]), events.EVENT_NAME_MAX)
        place = clean_line(str(value.get("place") or ""), events.EVENT_NAME_MAX)
        day = date.fromisoformat(str(value["date"]))
        target = value.get("target", 100)
    except (KeyError, ValueError, TextError, TypeError):
        raise bad from None
    if not name or isinstance(target, bool) or not isinstance(target, int):
        raise bad
    if not 1 <= target <= events.TARGET_MAX:
        raise bad
    return {"id": event_id, "name": name, "place": place, "date": day, "target": target}


def catalogue_of(value: Any) -> tuple[dict[str, Any], Catalogue] | None:
    if value is None:
        return None
    try:
        return value, parse_catalogue(value)
    except CatalogueError as exc:
        raise EnrolError(f"the kiosk pack's catalogue cannot be used: {exc}") from None


def trusted_keys(value: Any, own_device_id: str) -> list[tuple[str, str]]:
    """(File label, PEM) of each other kiosk's key the hub trusts; this kiosk's own left out.
    The label is HUB_KEY_PREFIX and the full device id (a UUID), so no two keys share a file."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise EnrolError("the kiosk pack's trusted keys are not a list")
    found = []
    for item in value:
        try:
            device_id, pem = str(item["device_id"]), str(item["public_key"])
            load_public_key(pem)
        except (KeyError, TypeError, ValueError):
            raise EnrolError("a kiosk key in the pack is not an Ed25519 public key") from None
        try:
            if str(uuid.UUID(device_id)) != device_id:
                raise ValueError
        except ValueError:
            raise EnrolError("a kiosk key in the pack has no kiosk device id (a UUID)") from None
        if device_id == own_device_id:
            continue
        found.append((f"{HUB_KEY_PREFIX}{device_id}", pem))
    return found


def sync_settings(payload: PackPayload) -> SyncSettings:
    """The sync settings of an enrolled kiosk: the pack's hub and pin, requests signed."""
    interval = payload.payload.get("sync_interval_seconds", DEFAULT_INTERVAL)
    if isinstance(interval, bool) or not isinstance(interval, int):
        interval = DEFAULT_INTERVAL
    settings = SyncSettings(
        hub_url=payload.hub_url.strip(),
        # The council's hub chose its address: plain http when it serves no TLS.
        allow_http=urlsplit(payload.hub_url).scheme.lower() == "http",
        automatic=True,
        pin=payload.tls_pin,
        auth=AUTH_DEVICE,
        interval_seconds=min(max(interval, 1), INTERVAL_MAX),
    )
    try:
        return settings.check()
    except ValidationError as exc:
        raise EnrolError(f"the kiosk pack's hub address cannot be used: {exc}") from None
