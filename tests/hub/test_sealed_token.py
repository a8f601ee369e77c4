"""A kiosk's hub token sealed to the council key, against a real hub: the app cannot sync
until staff unlock, syncs once they have, and holds the token no longer than the key."""

from __future__ import annotations

from pathlib import Path

from charter_desktop.core.privacy import service
from charter_desktop.core.storage.settings import get_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.service import run_sync
from charter_desktop.core.sync.settings import SYNC_WAITS_FOR_UNLOCK, load_sync_settings
from tests.fixtures.hub import HubProcess
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge, run_cli


def test_a_sealed_token_opens_only_while_staff_have_unlocked(
    keyed_store: Store, tmp_path: Path
) -> None:
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)
    hub.start()
    try:
        token = hub.token("kiosk")
        passphrase = tmp_path / "passphrase.txt"
        passphrase.write_text(TEST_PASSPHRASE + "\n")
        given = run_cli(keyed_store.paths.data_dir, "--passphrase-file", str(passphrase),
                        "sync", "--url", hub.url, "--token", token)  # fmt: skip
        assert given.returncode == 0, given.stderr
        with keyed_store.db.read() as session:
            assert token not in str(get_setting(session, "sync"))
        keyed_store.add_pledges([pledge()], source="kiosk", actor="kiosk")

        # This process (a new start of the app) has not had the key: nothing is sent.
        waiting = run_sync(keyed_store)
        assert waiting.error == SYNC_WAITS_FOR_UNLOCK and hub.count() == 0

        service.unlock(keyed_store, TEST_PASSPHRASE)
        with keyed_store.db.read() as session:
            assert load_sync_settings(session).token == token
        assert run_sync(keyed_store).ok and hub.count() == 1
        service.lock()  # back to the kiosk: the token goes with the key
        with keyed_store.db.read() as session:
            after = load_sync_settings(session)
        assert (after.token, after.token_locked) == ("", True)
    finally:
        hub.stop()
