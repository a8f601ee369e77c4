"""Where the envelope meets the database: a kiosk's council key (in its settings), sealing
the personal fields of pledges as they are written, and opening them as they are read.

With a council key, a pledge row keeps no personal value in clear: `sealed` holds the
envelope of name, email, phone and postcode; `name` holds the name only when the attendee
ticked "show my name on the pledge wall" (it is published with consent), otherwise "";
`postcode_district` keeps the outward part of the postcode ("SG1"), which says where pledges
come from without saying who made them. Without a council key (older data folders, folders
made by the command line for tests) the fields stay in their columns in clear, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from sqlalchemy.orm import Session

from charter_desktop.core.postcodes import postcode_district
from charter_desktop.core.privacy import envelope, keyring
from charter_desktop.core.privacy.keys import CouncilKey
from charter_desktop.core.storage import audit, setting_keys
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.storage.settings import get_setting, set_setting

COUNCIL_KEY = setting_keys.COUNCIL_KEY
LOCKED_NAME = "(locked)"
PERSONAL = envelope.FIELDS  # name, email, phone, postcode


class PersonalDataLocked(Exception):
    """Personal data is needed but the council key is not unlocked here."""

    def __init__(self, what: str = "this") -> None:
        super().__init__(
            f"{what} needs the attendees' personal data, which is encrypted: unlock it with "
            "the staff passphrase (in the staff area, or --passphrase-file / "
            "CHARTER_PASSPHRASE on the command line)"
        )


def council_key(session: Session) -> CouncilKey | None:
    data = get_setting(session, COUNCIL_KEY)
    return None if data is None else CouncilKey.from_json(data)


def set_council_key(session: Session, key: CouncilKey, actor: str) -> None:
    """Make `key` the one new pledges are sealed to. Replacing a different key is refused
    (pledges sealed to it could no longer be opened here)."""
    current = council_key(session)
    if current is not None and current.public != key.public:
        raise ValueError(
            f"this data folder already uses council key {current.key_id}; it cannot be replaced"
        )
    set_setting(session, COUNCIL_KEY, key.to_json())
    audit.record(session, actor, "privacy.key", details={"key_id": key.key_id})


def district(postcode: str | None) -> str | None:
    """The postcode district the dashboard counts by ("SG1" from "SG1 1HN")."""
    return postcode_district(postcode)


def public_name(name: str | None, publish: bool) -> str:
    return (name or "") if publish else ""


def seal_values(key: CouncilKey | None, rows: Iterable[MutableMapping[str, Any]]) -> None:
    """Turn new rows' values (column name to value, with `id`) into what is stored."""
    sealer = None if key is None else keyring.sealer_for(key.public)
    for row in rows:
        row["postcode_district"] = district(row.get("postcode"))
        if sealer is None:
            row["sealed"] = None
            continue
        row["sealed"] = sealer.seal(row["id"], {f: row.get(f) for f in PERSONAL})
        row["name"] = public_name(row.get("name"), bool(row.get("consent_publish_name")))
        row["email"] = row["phone"] = row["postcode"] = None


def store_personal(key: CouncilKey | None, row: PledgeRow, values: dict[str, str | None]) -> None:
    """Write a stored pledge's personal `values` (all of PERSONAL), sealed when `key`.

    The caller reads `key` before changing the row, so no autoflush can write a clear value
    first."""
    stored: dict[str, Any] = {"id": row.id, "consent_publish_name": row.consent_publish_name}
    stored.update(values)
    seal_values(key, [stored])
    for column in (*PERSONAL, "sealed", "postcode_district"):
        setattr(row, column, stored[column])


def open_personal(row: PledgeRow) -> dict[str, str | None] | None:
    """The row's personal fields in clear, or None when they are sealed and locked."""
    if row.sealed is None:
        return {"name": row.name, "email": row.email, "phone": row.phone, "postcode": row.postcode}
    kid = envelope.header(row.sealed)[0]
    opener = keyring.opener_for(kid)
    if opener is None:
        return None
    opened = opener.open(row.id, row.sealed)
    return {f: opened.get(f) for f in PERSONAL}


def drop_personal(row: PledgeRow, fields: Iterable[str]) -> None:
    """Remove some personal fields of a stored pledge, sealed or not, without the key."""
    names = list(fields)
    for name in names:
        if name != "name":
            setattr(row, name, None)
    if row.sealed is not None:
        row.sealed = envelope.drop_fields(row.sealed, names)
    if "postcode" in names:
        row.postcode_district = None
