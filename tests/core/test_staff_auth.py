"""The staff PIN: hashed with scrypt, slower after wrong tries, every attempt audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from charter_desktop.core import audit, staff_auth
from charter_desktop.core.clock import utc_now
from charter_desktop.core.settings import get_setting
from charter_desktop.core.store import Store


def test_the_pin_is_stored_only_as_a_salted_scrypt_hash(store: Store) -> None:
    with store.db.write() as session:
        assert not staff_auth.has_pin(session)
        staff_auth.set_pin(session, "482913")
    with store.db.read() as session:
        record = get_setting(session, staff_auth.PIN_SETTING)
    assert record["alg"] == "scrypt" and "482913" not in repr(record)
    assert b"482913" not in store.paths.database.read_bytes()


def test_the_right_pin_opens_and_a_wrong_one_does_not(store: Store) -> None:
    with store.db.write() as session:
        staff_auth.set_pin(session, "482913")
        assert staff_auth.check_pin(session, "482913").ok
        assert not staff_auth.check_pin(session, "482914").ok


@pytest.mark.parametrize("pin", ["1234", "abcdef", "1111111", "123456", "9876543", "4829 13"])
def test_weak_or_malformed_pins_are_refused(store: Store, pin: str) -> None:
    with store.db.write() as session, pytest.raises(staff_auth.PinRuleError):
        staff_auth.set_pin(session, pin)


def test_wrong_pins_make_the_next_try_wait_longer(store: Store) -> None:
    now = utc_now()
    with store.db.write() as session:
        staff_auth.set_pin(session, "482913")
        waits = [staff_auth.check_pin(session, "000000", now).wait_seconds for _ in range(3)]
        assert waits == [0, 0, 2]
        # While the wait runs even the right PIN is not checked.
        assert staff_auth.check_pin(session, "482913", now).wait_seconds > 0
        later = now + timedelta(seconds=3)
        assert staff_auth.check_pin(session, "000000", later).wait_seconds == 4
        assert staff_auth.check_pin(session, "482913", later + timedelta(seconds=5)).ok
        entries = [e.action for e in audit.entries(session)]
    assert entries.count("staff.pin_wrong") == 4 and entries[-1] == "staff.unlock"
    assert [staff_auth.wait_after(n) for n in (3, 4, 5, 12)] == [2, 4, 8, 300]
