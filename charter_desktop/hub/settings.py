"""The hub's named settings (HubSettingRow): read one, write one, or make one exactly once
when two hub processes (`hub serve` and `hub enrol`) might both try at the same moment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from charter_desktop.hub.models import HubSettingRow
from charter_desktop.hub.upsert import insert_for

HUB_SIGNING_KEY = "hub_signing_key"
TLS_AUTO = "tls_auto"
COUNCIL_KEY = "council_key"
STAFF_PASSWORD = "staff_password"  # noqa: S105 - the setting's name, not a password


def get_setting(session: Session, key: str) -> Any:
    row = session.get(HubSettingRow, key)
    return None if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(HubSettingRow, key)
    if row is None:
        session.add(HubSettingRow(key=key, value=value))
    else:
        row.value = value
    session.flush()


def setting_once(session: Session, key: str, make: Callable[[], Any]) -> Any:
    """The value of `key`, made by `make()` and stored if there is none yet. When another
    process stores one first, theirs is kept and returned, so every process agrees."""
    held = get_setting(session, key)
    if held is not None:
        return held
    stmt = insert_for(session, HubSettingRow).values(key=key, value=make())
    session.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))
    row = session.get(HubSettingRow, key, populate_existing=True)
    assert row is not None
    return row.value
