"""Personal data at rest, proven by scanning bytes: with a council key, a canary name, email,
phone and postcode saved through the kiosk and the command line never appear in the
database, its WAL and shared memory, anything else in the data folder, the logs or backups
(as UTF-8, UTF-16 or lower case); erasing leaves not even their envelope; upgrading a folder
stored in clear leaves no copy in clear."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from charter_desktop.core.kiosk.capture import submit_pledge
from charter_desktop.core.pledges import actions as pledge_actions
from charter_desktop.core.pledges.edit import correct_pledge
from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.logs import setup_logging
from charter_desktop.core.storage.models import PledgeRow
from charter_desktop.core.store import Store
from tests.fixtures.canary import encodings_of, files_under, found_in
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge, run_cli

NAME = "Quillon Canarywick"
EMAIL = "quillon.canarywick@example.org"
PHONE = "07700 900461"
POSTCODE = "SG1 9ZQ"
CANARIES = (NAME, EMAIL, PHONE, POSTCODE, "Canarywick", "SG19ZQ")


def _leaks(canaries: tuple[str, ...] | list[bytes], *roots: Path) -> list[str]:
    patterns = [f for c in canaries for f in (encodings_of(c) if isinstance(c, str) else [c])]
    return found_in(patterns, *roots)


def _canary(**fields: object) -> dict[str, object]:
    return pledge(
        name=NAME, email=EMAIL, phone=PHONE, postcode=POSTCODE, consent_contact=True, **fields
    )


@pytest.fixture
def app_logging(keyed_store: Store) -> Iterator[Path]:
    """The app's log file in the data folder, at debug level, as the app writes it."""
    path = setup_logging(keyed_store.paths.log_dir, debug=True)
    yield path
    root = logging.getLogger("charter_desktop")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def test_the_canary_never_reaches_any_file(keyed_store: Store, app_logging: Path) -> None:
    store = keyed_store
    kiosk = submit_pledge(store, _canary(pledge_text="I will buy local"))
    assert kiosk.name == NAME and kiosk.email == EMAIL  # the thank-you screen's copy
    store.add_pledges([_canary(id=None)], source="paper", actor="staff")
    # Staff unlock, read and correct it: the correction is sealed again.
    service.unlock(store, TEST_PASSPHRASE)
    with store.db.write() as session:
        fixed = correct_pledge(session, store.catalogue, kiosk.id, {"pledge_text": "And more"})
    assert fixed.name == NAME and fixed.phone == PHONE
    service.lock()
    made = backup.make_rolling_backup(store.paths)
    store.db.engine.dispose()  # let go of the WAL so its final bytes are on disk too
    logging.getLogger("charter_desktop.test").info("pledge %s stored", kiosk.id)
    data_dir = store.paths.data_dir
    cli = run_cli(data_dir, "--debug", "pledge", "add", "--json", "-", stdin=json.dumps(_canary()))
    assert cli.returncode == 0, cli.stderr
    assert NAME not in cli.stderr
    names = {p.name for p in files_under(data_dir)}
    assert {"charter.sqlite3", app_logging.name, made.path.name} <= names
    assert app_logging.stat().st_size > 0
    assert _leaks(CANARIES, data_dir, store.paths.log_dir, made.path.parent) == []
    # The check itself finds a canary when there is one.
    (data_dir / "probe.txt").write_text(EMAIL.upper(), encoding="utf-16")
    assert _leaks(CANARIES, data_dir) != []


def test_erasure_leaves_not_even_the_envelope(keyed_store: Store) -> None:
    store = keyed_store
    pledge_id = submit_pledge(store, _canary()).id
    with store.db.read() as session:
        row = session.get(PledgeRow, pledge_id)
        assert row is not None and row.sealed is not None
        sealed = row.sealed
    erased = pledge_actions.erase(store, pledge_id, "staff")  # works while locked: no key
    assert erased.erased_at is not None and not erased.locked
    pieces = [sealed[i : i + 24] for i in range(101, len(sealed) - 24, 24)]
    assert len(pieces) >= 3
    assert _leaks(pieces, store.paths.data_dir) == []
    service.unlock(store, TEST_PASSPHRASE)
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.email is None and stored.postcode is None


def test_a_folder_stored_in_clear_is_encrypted_with_no_copy_left(store: Store) -> None:
    ids = store.add_pledges([_canary(), _canary()], source="cli", actor="test").ids
    assert _leaks(CANARIES, store.paths.data_dir) != []  # in clear before
    assert service.privacy_status(store).key_id is None
    key = new_council_key(TEST_PASSPHRASE, ScryptCost(n=2**10))
    service.use_key(store, key, actor="test")
    status = service.privacy_status(store)
    assert (status.clear, status.sealed) == (2, 0) and "encrypt-existing" in status.summary
    assert service.encrypt_existing(store) == 2
    assert service.privacy_status(store).clear == 0
    assert _leaks(CANARIES, store.paths.data_dir) == []
    service.unlock(store, TEST_PASSPHRASE)
    for pledge_id in ids:
        stored = store.get_pledge(pledge_id)
        assert stored is not None and (stored.name, stored.email) == (NAME, EMAIL)
