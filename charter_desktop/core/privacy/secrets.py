"""The secrets a kiosk keeps in its settings (the hub token, the mail server's password),
sealed to the council key like attendees' details, so the database, its log and every backup
hold them only encrypted.

A sealed secret is stored as "sealed-v1:" and the base64 of an envelope (core.privacy.
envelope) with one field, bound by its associated data to its place: the setting it belongs
to and where it is sent (the hub's address and how it is trusted; the mail server, its port,
security and login). A sealed token copied into the password's place does not open, and
neither does the token once someone edits the hub's address in the database: it is never
sent anywhere staff did not set. Moving a secret (staff change the address) opens it and
seals it again for the new place, so it needs the staff passphrase or the secret retyped.

Reading a sealed secret needs the council's private key, so it is opened only while staff
have the attendees' details unlocked, and is gone from the app's memory with the key. That
costs nothing: the sync and the certificate emails carry attendees' details, which need the
key as well. Without a council key (a folder that keeps attendees' details in clear too,
which `privacy status` reports) a secret stays in clear; a secret stored before the folder
had its key is sealed when the key is set, or at the next start.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.privacy import envelope, keyring
from charter_desktop.core.privacy.sealing import council_key
from charter_desktop.core.storage import audit, setting_keys
from charter_desktop.core.storage.settings import get_setting, set_setting

PREFIX = "sealed-v1:"
# Besides its setting, what each secret is bound to: where it is sent.
_SENT_TO = {
    setting_keys.SYNC: ("hub_url", "allow_http", "ca_file", "pin"),
    setting_keys.SMTP: ("host", "port", "security", "username", "ca_file"),
}
_SAID = {setting_keys.SYNC: "the hub token", setting_keys.SMTP: "the mail server's password"}


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def place(setting: str, values: Mapping[str, Any]) -> str:
    """What a secret of `setting` with these `values` is bound to."""
    bound = [setting, setting_keys.SECRETS[setting]]
    bound += [values.get(name) or "" for name in _SENT_TO[setting]]
    return "setting:" + json.dumps(bound, separators=(",", ":"))


def seal(council_public: bytes, where: str, value: str) -> str:
    """`value` sealed to the council key, bound to `where` (see `place`)."""
    blob = keyring.sealer_for(council_public).seal(where, {envelope.SETTING_FIELD: value})
    return PREFIX + base64.b64encode(blob).decode("ascii")


def reveal(stored: str, where: str) -> str | None:
    """The value of a stored secret: as stored when in clear; opened when sealed and staff
    have the key unlocked; None when it cannot be opened now (locked), or ever (damaged, or
    sealed for another place)."""
    if not is_sealed(stored):
        return stored
    try:
        blob = base64.b64decode(stored[len(PREFIX) :], validate=True)
        opener = keyring.opener_for(envelope.header(blob)[0])
        if opener is None:
            return None
        return opener.open(where, blob).get(envelope.SETTING_FIELD)
    except (binascii.Error, envelope.EnvelopeError):
        return None


def secret_of(setting: str, stored: Mapping[str, Any]) -> str | None:
    """The secret in the stored setting `stored`: "" when none is stored, None when it is
    sealed and cannot be opened now."""
    kept = str(stored.get(setting_keys.SECRETS[setting]) or "")
    return reveal(kept, place(setting, stored)) if kept else ""


def _stored(session: Session, setting: str) -> tuple[dict[str, Any], str]:
    data: Any = get_setting(session, setting)
    data = dict(data) if isinstance(data, dict) else {}
    return data, str(data.get(setting_keys.SECRETS[setting]) or "")


def store_setting(session: Session, setting: str, values: dict[str, Any]) -> list[str]:
    """Store the setting `setting` ("sync", "smtp") from its checked `values`, whose secret
    is in clear, or "" to keep the stored one (staff retype a secret only to change it); the
    secret is sealed when the folder has a council key. Returns the names of the fields that
    changed, for the audit log (never a value). ValidationError when the secret must move to
    a new place but is sealed and locked: retype it, or unlock first."""
    field = setting_keys.SECRETS[setting]
    before, kept = _stored(session, setting)
    old, new = place(setting, before), place(setting, values)
    value: str | None = str(values.get(field) or "")
    stored = dict(values)
    if not value and (not kept or old == new):
        stored[field] = kept
    else:
        if not value:
            value = reveal(kept, old)
        if value is None:
            why = "must be typed again (or the details unlocked) to go to a new address"
            raise ValidationError([FieldError(field, why)])
        key = council_key(session)
        unchanged = old == new and reveal(kept, old) == value and (key is None or is_sealed(kept))
        stored[field] = (
            kept if unchanged else (value if key is None else seal(key.public, new, value))
        )
    set_setting(session, setting, stored)
    return [name for name, now in stored.items() if before.get(name) != now]


def seal_stored(session: Session, actor: str) -> list[str]:
    """Seal the secrets still kept in clear in a folder with a council key (set before the
    key was); returns what was sealed. The caller purges the freed space afterwards."""
    key = council_key(session)
    if key is None:
        return []
    sealed = []
    for setting, field in setting_keys.SECRETS.items():
        data, stored = _stored(session, setting)
        if stored and not is_sealed(stored):
            session.execute(text("PRAGMA secure_delete = ON"))
            data[field] = seal(key.public, place(setting, data), stored)
            set_setting(session, setting, data)
            sealed.append(_SAID[setting])
    if sealed:
        audit.record(session, actor, "privacy.seal_secrets", details={"sealed": sealed})
    return sealed


def in_clear(session: Session) -> list[str]:
    """Which secrets are stored in clear, as staff call them (for `privacy status`)."""
    return [
        _SAID[setting]
        for setting in setting_keys.SECRETS
        if (stored := _stored(session, setting)[1]) and not is_sealed(stored)
    ]
