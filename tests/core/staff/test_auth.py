"""The staff PIN: hashed with scrypt, slower after wrong tries, every attempt audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from charter_desktop.core.clock import utc_now
from charter_desktop.core.privacy import service as privacy_service
from charter_desktop.core.privacy.keys import ScryptCost, WrongPassphrase
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store
from tests.fixtures.store import TEST_PASSPHRASE


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


def test_only_a_kiosk_with_a_council_key_locks_the_pin_out(store: Store) -> None:
    staff_auth.set_staff_pin(store, "482913")
    long_ago = {"count": 9, "last": "2026-01-01T00:00:00Z"}  # nine wrong PINs, waits over
    with store.db.write() as session:
        set_setting(session, staff_auth.FAILURES_SETTING, long_ago)
    # No passphrase to fall back on: the tenth wrong PIN only makes the next try wait.
    check = staff_auth.check_staff_pin(store, "000000")
    assert not check.ok and not check.locked_out and check.wait_seconds > 0
    privacy_service.create_key(store, TEST_PASSPHRASE, actor="test", cost=ScryptCost(n=2**10))
    privacy_service.lock()
    with store.db.write() as session:
        set_setting(session, staff_auth.FAILURES_SETTING, long_ago)
    assert staff_auth.check_staff_pin(store, "000000").locked_out
    assert staff_auth.check_staff_pin(store, "482913").locked_out  # even the right PIN


def test_only_the_right_passphrase_forgets_the_wrong_pins(keyed_store: Store) -> None:
    store = keyed_store
    with store.db.write() as session:
        set_setting(session, staff_auth.FAILURES_SETTING, {"count": 10, "last": None})
    with pytest.raises(WrongPassphrase):
        staff_auth.unlock_with_passphrase(store, "not the passphrase")
    with store.db.read() as session:
        assert staff_auth.failures_in_a_row(session) == 10
    assert privacy_service.details_locked(store)
    staff_auth.unlock_with_passphrase(store, TEST_PASSPHRASE)
    with store.db.read() as session:
        assert staff_auth.failures_in_a_row(session) == 0
        actions = [e.action for e in audit.entries(session)]
    assert not privacy_service.details_locked(store)
    assert actions[-2:] == ["privacy.unlock", "staff.pin_failures_cleared"]


def test_a_fresh_store_has_no_staff_pin_until_one_is_chosen(store: Store) -> None:
    assert not staff_auth.staff_pin_chosen(store)
    with store.db.write() as session:
        staff_auth.set_pin(session, "482915", actor="test")
    assert staff_auth.staff_pin_chosen(store)
