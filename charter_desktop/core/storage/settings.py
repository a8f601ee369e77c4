"""Named settings kept in the database, and the device id made once per installation."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from charter_desktop.core.storage.models import SettingRow
from charter_desktop.core.storage.setting_keys import CURRENT_EVENT, DEVICE_ID

__all__ = ["CURRENT_EVENT", "DEVICE_ID", "ensure_device_id", "get_setting", "set_setting"]


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(SettingRow, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value


def ensure_device_id(session: Session) -> str:
    """This installation's device id, made the first time it is asked for and never changed."""
    device_id = get_setting(session, DEVICE_ID)
    if not isinstance(device_id, str):
        device_id = str(uuid.uuid4())
        set_setting(session, DEVICE_ID, device_id)
    return device_id
