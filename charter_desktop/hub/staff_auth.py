"""The password of the hub's staff page (`hub staff-password` sets it): only its scrypt hash
is kept, in the hub's settings, and checked in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

from sqlalchemy.orm import Session

from charter_desktop.hub.settings import STAFF_PASSWORD, get_setting, set_setting

PASSWORD_MIN = 10
PASSWORD_MAX = 1024
# About 30 MiB and a twentieth of a second per check: slow for guessing, fine per page.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024


class StaffPasswordError(ValueError):
    """The new password is not acceptable; the message says why."""


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32
    )


def set_staff_password(session: Session, password: str) -> None:
    """Keep the hash of `password` (at least 10 characters) as the staff page's password,
    replacing any earlier one."""
    if len(password.strip()) < PASSWORD_MIN:
        raise StaffPasswordError(f"the password must be at least {PASSWORD_MIN} characters")
    if len(password) > PASSWORD_MAX:
        raise StaffPasswordError(f"the password must be at most {PASSWORD_MAX} characters")
    salt = os.urandom(16)
    digest = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    set_setting(session, STAFF_PASSWORD, {
        "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "hash": base64.b64encode(digest).decode("ascii"),
    })  # fmt: skip


def has_staff_password(session: Session) -> bool:
    return isinstance(get_setting(session, STAFF_PASSWORD), dict)


def check_staff_password(session: Session, password: str) -> bool:
    """True if `password` is the staff page's password; False when it is not, or none is set
    (see has_staff_password)."""
    stored: Any = get_setting(session, STAFF_PASSWORD)
    if not isinstance(stored, dict) or len(password) > PASSWORD_MAX:
        return False
    try:
        salt = base64.b64decode(str(stored["salt"]), validate=True)
        expected = base64.b64decode(str(stored["hash"]), validate=True)
        digest = _derive(password, salt, int(stored["n"]), int(stored["r"]), int(stored["p"]))
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(digest, expected)
