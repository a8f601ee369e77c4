"""The staff PIN: stored only as a salted scrypt hash; wrong PINs make the next try wait
longer, and every attempt is audited.

Policy: the first three wrong PINs in a row cost nothing; from the fourth, each makes the next
try wait, doubling from 2 s up to 5 minutes (kept across restarts). After ten wrong PINs in a
row, on a kiosk with a council key, the PIN alone no longer opens the staff area: the staff
passphrase does, and a right passphrase clears the count (`clear_failures`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from charter_desktop.core.clock import format_timestamp, parse_timestamp, utc_now
from charter_desktop.core.privacy import sealing
from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.storage import audit, setting_keys
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store

PIN_SETTING = setting_keys.STAFF_PIN
FAILURES_SETTING = setting_keys.STAFF_PIN_FAILURES
PIN_MIN, PIN_MAX = 6, 12
FREE_TRIES = 3
MAX_WAIT_SECONDS = 300
LOCKOUT_FAILURES = 10
# scrypt cost: about 50 ms on a kiosk laptop, 16 MiB of memory per try.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class PinRuleError(ValueError):
    """A new PIN breaks the rules; the message says which."""


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    wait_seconds: int = 0  # when not ok: how long before the next try is accepted
    locked_out: bool = False  # too many wrong PINs: only the staff passphrase opens now


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def check_pin_rules(pin: str) -> None:
    if not pin.isascii() or not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise PinRuleError(f"the staff PIN must be {PIN_MIN} to {PIN_MAX} digits")
    if len(set(pin)) == 1 or pin in "01234567890123" or pin in "98765432109876":
        raise PinRuleError("the staff PIN must not be a repeated or consecutive run of digits")


def has_pin(session: Session) -> bool:
    return isinstance(get_setting(session, PIN_SETTING), dict)


def staff_pin_chosen(store: Store) -> bool:
    """The app started: have staff chosen a PIN for the staff area yet?"""
    with store.db.read() as session:
        return has_pin(session)


def set_pin(session: Session, pin: str, actor: str = "staff") -> None:
    """Store a new PIN's hash (never the PIN) and clear any failed tries."""
    check_pin_rules(pin)
    salt = os.urandom(16)
    record = {
        "alg": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "hash": base64.b64encode(_hash(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).decode(),
    }
    first = not has_pin(session)
    set_setting(session, PIN_SETTING, record)
    set_setting(session, FAILURES_SETTING, None)
    audit.record(session, actor, "staff.pin_set" if first else "staff.pin_change")


def set_staff_pin(store: Store, pin: str, actor: str = "staff") -> None:
    """Staff chose a new staff PIN (PinRuleError says which rule it breaks)."""
    with store.db.write() as session:
        set_pin(session, pin, actor=actor)


def wait_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong PINs in a row: none for the first three, then
    doubling from 2 s up to 5 minutes."""
    if failures < FREE_TRIES:
        return 0
    return int(min(2 ** (failures - FREE_TRIES + 1), MAX_WAIT_SECONDS))


def failures_in_a_row(session: Session) -> int:
    failures = get_setting(session, FAILURES_SETTING) or {}
    return int(failures.get("count", 0)) if isinstance(failures, dict) else 0


def clear_failures(session: Session, actor: str) -> None:
    """Forget the wrong PINs (staff proved themselves with the passphrase); audited."""
    if failures_in_a_row(session):
        set_setting(session, FAILURES_SETTING, None)
        audit.record(session, actor, "staff.pin_failures_cleared")


def unlock_with_passphrase(store: Store, passphrase: str, actor: str = "staff") -> None:
    """Staff opened the staff area with the passphrase: the council key is unlocked and the
    wrong PINs are forgotten (WrongPassphrase, and nothing forgotten, if it is not right)."""
    privacy_service.unlock(store, passphrase, actor=actor)
    with store.db.write() as session:
        clear_failures(session, actor=actor)


def check_pin(
    session: Session, pin: str, now: datetime | None = None, *, lockout: bool = False
) -> PinCheck:
    """Whether `pin` is the staff PIN. While a wait is running, no PIN is even checked; with
    `lockout` (the kiosk has a passphrase to fall back on), none is after LOCKOUT_FAILURES
    wrong ones in a row."""
    now = now or utc_now()
    record = get_setting(session, PIN_SETTING)
    if not isinstance(record, dict):
        return PinCheck(ok=False)
    failures = get_setting(session, FAILURES_SETTING) or {"count": 0, "last": None}
    count = int(failures.get("count", 0))
    if lockout and count >= LOCKOUT_FAILURES:
        return PinCheck(ok=False, locked_out=True)
    if failures.get("last"):
        elapsed = (now - parse_timestamp(failures["last"])).total_seconds()
        remaining = wait_after(count) - elapsed
        if remaining > 0:
            return PinCheck(ok=False, wait_seconds=int(remaining + 0.999))
    expected = base64.b64decode(record["hash"])
    actual = _hash(pin, base64.b64decode(record["salt"]), record["n"], record["r"], record["p"])
    if hmac.compare_digest(expected, actual):
        set_setting(session, FAILURES_SETTING, None)
        audit.record(session, "staff", "staff.unlock")
        return PinCheck(ok=True)
    count += 1
    set_setting(session, FAILURES_SETTING, {"count": count, "last": format_timestamp(now)})
    audit.record(session, "kiosk", "staff.pin_wrong", details={"failures_in_a_row": count})
    if lockout and count >= LOCKOUT_FAILURES:
        audit.record(session, "kiosk", "staff.pin_locked_out", details={"failures": count})
        return PinCheck(ok=False, locked_out=True)
    return PinCheck(ok=False, wait_seconds=wait_after(count))


def check_staff_pin(store: Store, pin: str, now: datetime | None = None) -> PinCheck:
    """Someone typed a PIN to open the staff area. On a kiosk with a council key (a staff
    passphrase to fall back on) too many wrong PINs in a row lock the PIN out."""
    with store.db.write() as session:
        lockout = sealing.council_key(session) is not None
        return check_pin(session, pin, now, lockout=lockout)
