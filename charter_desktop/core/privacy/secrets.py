"""The secrets a kiosk keeps in its settings (the hub token, the mail server's password),
sealed to the council key like attendees' details, so the database, its log and every backup
hold them only encrypted.

A sealed secret is stored as "sealed-v1:" and the base64 of an envelope (core.privacy.
envelope) with one field, bound by its associated data to the setting it belongs to: a sealed
token copied into the password's place does not open. Without a council key (a folder that
keeps attendees' details in clear too, which `privacy status` reports) a secret stays in clear.

Reading a sealed secret needs the council's private key. When staff unlock it, `remember_all`
opens every sealed secret into this process's memory, where it stays until the app quits:
locking the attendees' details again (back to the kiosk) does not stop a sync or the mail
queue from using them, and nothing opened is ever written back. A new process (the next
start, a command) has them again at the next unlock.
"""

from __future__ import annotations

import base64
import binascii
import threading
from typing import Any

from sqlalchemy.orm import Session

from charter_desktop.core import audit, setting_keys
from charter_desktop.core.privacy import envelope, keyring
from charter_desktop.core.privacy.keys import CouncilKey
from charter_desktop.core.privacy.sealing import council_key
from charter_desktop.core.settings import get_setting, set_setting

PREFIX = "sealed-v1:"
_lock = threading.Lock()
# (setting, stored sealed text) to its value, for this process only
_memory: dict[tuple[str, str], str] = {}
_SAID = {setting_keys.SYNC: "the hub token", setting_keys.SMTP: "the mail server's password"}


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def _bound_to(where: str) -> str:
    return f"setting:{where}"


def seal(council_public: bytes, where: str, value: str) -> str:
    """`value` sealed to the council key, for the setting `where` ("sync/token")."""
    blob = keyring.sealer_for(council_public).seal(
        _bound_to(where), {envelope.SETTING_FIELD: value}
    )
    stored = PREFIX + base64.b64encode(blob).decode("ascii")
    with _lock:
        _memory[where, stored] = value  # this process has just been given it
    return stored


def reveal(stored: str, where: str) -> str | None:
    """The value of a stored secret: as stored when in clear, opened (and remembered) when
    sealed and this process holds the key or opened it before, else None."""
    if not is_sealed(stored):
        return stored
    with _lock:
        known = _memory.get((where, stored))
    if known is not None:
        return known
    try:
        blob = base64.b64decode(stored[len(PREFIX) :], validate=True)
        opener = keyring.opener_for(envelope.header(blob)[0])
        if opener is None:
            return None
        value = opener.open(_bound_to(where), blob).get(envelope.SETTING_FIELD)
    except (binascii.Error, envelope.EnvelopeError):
        return None  # damaged, or sealed for another setting: as good as not stored
    if value is not None:
        with _lock:
            _memory[where, stored] = value
    return value


def to_store(key: CouncilKey | None, where: str, value: str, previous: str) -> str:
    """What to store for a secret set to `value`: the previous stored text when the value did
    not change (no new ciphertext, no audit noise), else `value` sealed when there is a key."""
    if not value:
        return ""
    unchanged = bool(previous) and reveal(previous, where) == value
    if unchanged and (key is None or is_sealed(previous)):
        return previous
    return value if key is None else seal(key.public, where, value)


def _stored(session: Session, setting: str) -> tuple[dict[str, Any], str]:
    data: Any = get_setting(session, setting)
    data = dict(data) if isinstance(data, dict) else {}
    return data, str(data.get(setting_keys.SECRETS[setting], "") or "")


def store_setting(session: Session, setting: str, values: dict[str, Any]) -> list[str]:
    """Store the setting `setting` ("sync", "smtp") from its checked `values`, whose secret
    is in clear, or "" to keep the stored one (staff retype a secret only to change it); the
    secret is sealed when the folder has a council key. Returns the names of the fields that
    changed, for the audit log (never a value)."""
    field = setting_keys.SECRETS[setting]
    before, kept = _stored(session, setting)
    value = str(values.get(field) or "")
    stored = dict(values)
    stored[field] = (
        to_store(council_key(session), f"{setting}/{field}", value, kept) if value else kept
    )
    set_setting(session, setting, stored)
    return [name for name, new in stored.items() if before.get(name) != new]


def remember_all(session: Session) -> None:
    """Open every sealed secret in the settings into memory (called once staff unlock)."""
    for setting, field in setting_keys.SECRETS.items():
        _, stored = _stored(session, setting)
        if stored:
            reveal(stored, f"{setting}/{field}")


def seal_stored(session: Session, key: CouncilKey, actor: str) -> list[str]:
    """Seal the secrets still kept in clear (set before the folder had a council key);
    returns which were sealed. The caller purges the freed space afterwards."""
    sealed = []
    for setting, field in setting_keys.SECRETS.items():
        data, stored = _stored(session, setting)
        if stored and not is_sealed(stored):
            data[field] = seal(key.public, f"{setting}/{field}", stored)
            set_setting(session, setting, data)
            sealed.append(f"{setting}.{field}")
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
